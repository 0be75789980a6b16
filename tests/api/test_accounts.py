"""Accounts through GraphQL: register, login, me, refreshToken, logout, changePassword,
updateProfile, and every bad input answered with a clear error and nothing half-written."""

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from users.models import AuthSession, User

REGISTER = """mutation($i: RegisterInput!) { register(input: $i) {
  user { id email displayName roles locale } token refreshToken userErrors { field message code } } }"""
LOGIN = """mutation($i: LoginInput!) { login(input: $i) {
  user { id email } token refreshToken userErrors { field message code } } }"""
REFRESH = """mutation($i: RefreshTokenInput!) { refreshToken(input: $i) {
  token refreshToken user { email } userErrors { field message code } } }"""
LOGOUT = "mutation { logout { ok userErrors { field message code } } }"
CHANGE_PASSWORD = """mutation($i: ChangePasswordInput!) { changePassword(input: $i) {
  user { email } userErrors { field message code } } }"""
UPDATE_PROFILE = """mutation($i: UpdateProfileInput!) { updateProfile(input: $i) {
  user { displayName locale } userErrors { field message code } } }"""
ME = "{ me { id email displayName roles locale frozen } }"


def count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def register(gql, email="amy@example.com", password=PASSWORD, **extra):
    return gql.data(REGISTER, {"i": {"email": email, "password": password, "displayName": "Amy", **extra}})["register"]


def test_register_signs_the_new_customer_in(gql):
    payload = register(gql)
    assert payload["userErrors"] == []
    assert payload["user"]["email"] == "amy@example.com"
    assert payload["user"]["roles"] == ["CUSTOMER"]
    assert payload["user"]["locale"] == "zh-CN"
    me = gql.data(ME, token=payload["token"])["me"]
    assert me == {
        "id": payload["user"]["id"],
        "email": "amy@example.com",
        "displayName": "Amy",
        "roles": ["CUSTOMER"],
        "locale": "zh-CN",
        "frozen": False,
    }


def test_me_is_null_without_a_token(gql):
    assert gql.data(ME) == {"me": None}


@pytest.mark.parametrize(
    ("email", "password", "code", "field"),
    [
        ("not-an-email", PASSWORD, "INVALID_EMAIL", "email"),
        ("amy@example.com", "short", "WEAK_PASSWORD", "password"),
        ("amy@example.com", "aaaaaaaaaaaa", "WEAK_PASSWORD", "password"),
    ],
)
def test_bad_registrations_are_refused_and_create_nothing(gql, db, email, password, code, field):
    payload = register(gql, email, password)
    assert payload["user"] is None and payload["token"] is None
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)]
    assert payload["userErrors"][0]["message"]
    assert count(db, User) == 0 and count(db, AuthSession) == 0


def test_an_email_registers_once(gql, db):
    register(gql)
    again = register(gql, "Amy@Example.com")
    assert [(e["code"], e["field"]) for e in again["userErrors"]] == [("EMAIL_TAKEN", "email")]
    assert count(db, User) == 1 and count(db, AuthSession) == 1


def test_register_refuses_an_unknown_locale(gql, db):
    payload = register(gql, locale="fr")
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [("INVALID_LOCALE", "locale")]
    assert count(db, User) == 0


def test_login_and_the_same_error_for_wrong_password_and_unknown_email(gql, make_user):
    make_user("amy@example.com")
    ok = gql.data(LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}})["login"]
    assert ok["userErrors"] == [] and ok["user"]["email"] == "amy@example.com"
    wrong = gql.data(LOGIN, {"i": {"email": "amy@example.com", "password": "wrong-password"}})["login"]
    unknown = gql.data(LOGIN, {"i": {"email": "zed@example.com", "password": "wrong-password"}})["login"]
    assert (
        wrong
        == unknown
        == {
            "user": None,
            "token": None,
            "refreshToken": None,
            "userErrors": [
                {"field": None, "message": "The email or password is not correct.", "code": "INVALID_CREDENTIALS"}
            ],
        }
    )


def test_a_stale_token_does_not_stop_anyone_from_signing_in_again(gql, make_user, clock, settings):
    make_user("amy@example.com")
    old = gql.sign_in("amy@example.com", PASSWORD)
    clock.advance(seconds=settings.access_token_ttl_seconds + 1)
    payload = gql.data(LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}}, token=old)["login"]
    assert payload["userErrors"] == [] and payload["token"]


def test_failed_logins_are_throttled_per_address_not_for_the_real_user(app, gql, make_user, settings, clock):
    from fastapi.testclient import TestClient

    from tests.conftest import GraphQLClient

    make_user("amy@example.com")
    with TestClient(app, client=("203.0.113.66", 4444)) as stranger_http:
        stranger = GraphQLClient(stranger_http)
        codes = [
            stranger.data(LOGIN, {"i": {"email": "amy@example.com", "password": "guess-number-1"}})["login"][
                "userErrors"
            ][0]["code"]
            for _ in range(settings.login_free_attempts + 2)
        ]
    assert codes == ["INVALID_CREDENTIALS"] * (settings.login_free_attempts + 1) + ["TOO_MANY_ATTEMPTS"]
    assert gql.sign_in("amy@example.com", PASSWORD)  # the owner, from home, is not locked out


def test_refresh_token_rotates_and_a_replay_revokes_the_session(gql, make_user, clock, settings):
    make_user("amy@example.com")
    login = gql.data(LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}})["login"]
    rotated = gql.data(REFRESH, {"i": {"refreshToken": login["refreshToken"]}})["refreshToken"]
    assert rotated["userErrors"] == [] and rotated["user"] == {"email": "amy@example.com"}
    assert gql.data(ME, token=rotated["token"])["me"]["email"] == "amy@example.com"
    retried = gql.data(REFRESH, {"i": {"refreshToken": login["refreshToken"]}})["refreshToken"]
    assert (retried["token"], retried["refreshToken"]) == (rotated["token"], rotated["refreshToken"])  # a retry

    clock.advance(seconds=settings.refresh_grace_seconds + 1)
    replay = gql.data(REFRESH, {"i": {"refreshToken": login["refreshToken"]}})["refreshToken"]
    assert replay["token"] is None
    assert [(e["code"], e["field"]) for e in replay["userErrors"]] == [("TOKEN_REVOKED", "refreshToken")]
    body = gql.execute(ME, token=rotated["token"])
    assert body["data"] == {"me": None}
    assert body["errors"][0]["extensions"]["code"] == "TOKEN_REVOKED"


def test_logout_revokes_the_sessions_tokens(gql, make_user):
    make_user("amy@example.com")
    login = gql.data(LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}})["login"]
    assert gql.data(LOGOUT, token=login["token"])["logout"] == {"ok": True, "userErrors": []}
    assert gql.execute(ME, token=login["token"])["errors"][0]["extensions"]["code"] == "TOKEN_REVOKED"
    refresh = gql.data(REFRESH, {"i": {"refreshToken": login["refreshToken"]}})["refreshToken"]
    assert refresh["userErrors"][0]["code"] == "TOKEN_REVOKED"
    again = gql.data(LOGOUT, token=login["token"])["logout"]
    assert again["ok"] is False and again["userErrors"][0]["code"] == "TOKEN_REVOKED"


def test_change_password_keeps_this_session_and_ends_the_others(gql, make_user):
    make_user("amy@example.com")
    laptop = gql.as_user("amy@example.com")
    gql.sign_in("amy@example.com", PASSWORD)
    wrong = gql.data(CHANGE_PASSWORD, {"i": {"currentPassword": "nope-nope-nope", "newPassword": "new-secret-2026"}})
    assert [(e["code"], e["field"]) for e in wrong["changePassword"]["userErrors"]] == [
        ("INVALID_CREDENTIALS", "currentPassword")
    ]
    weak = gql.data(CHANGE_PASSWORD, {"i": {"currentPassword": PASSWORD, "newPassword": "short"}})
    assert [(e["code"], e["field"]) for e in weak["changePassword"]["userErrors"]] == [("WEAK_PASSWORD", "newPassword")]

    done = gql.data(CHANGE_PASSWORD, {"i": {"currentPassword": PASSWORD, "newPassword": "new-secret-2026"}})
    assert done["changePassword"] == {"user": {"email": "amy@example.com"}, "userErrors": []}
    assert gql.data(ME)["me"]["email"] == "amy@example.com"
    assert laptop.execute(ME)["errors"][0]["extensions"]["code"] == "TOKEN_REVOKED"
    assert gql.as_user("amy@example.com", "new-secret-2026").data(ME)["me"]["email"] == "amy@example.com"


def test_update_profile_switches_language_and_name(gql, make_user):
    make_user("amy@example.com")
    gql.sign_in("amy@example.com", PASSWORD)
    done = gql.data(UPDATE_PROFILE, {"i": {"displayName": "Amy Wu", "locale": "en"}})["updateProfile"]
    assert done == {"user": {"displayName": "Amy Wu", "locale": "en"}, "userErrors": []}
    bad = gql.data(UPDATE_PROFILE, {"i": {"displayName": "Someone Else", "locale": "de"}})["updateProfile"]
    assert bad["user"] is None and bad["userErrors"][0]["code"] == "INVALID_LOCALE"
    assert gql.data(ME)["me"]["displayName"] == "Amy Wu"  # nothing of the refused change was kept


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Bearer not-a-jwt", "INVALID_TOKEN"),
        ("Basic YW15OnNlY3JldA==", "UNAUTHENTICATED"),
        ("Bearer ", "UNAUTHENTICATED"),
    ],
)
def test_bad_authorization_headers_get_a_clear_error_not_a_500(gql, header, code):
    response = gql.post(ME, headers={"Authorization": header})
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == code and error["message"]
    mutation = gql.post(UPDATE_PROFILE, {"i": {"locale": "en"}}, headers={"Authorization": header}).json()
    assert mutation["data"]["updateProfile"]["userErrors"][0]["code"] == code


def test_signed_in_mutations_need_a_token(gql):
    payload = gql.data(UPDATE_PROFILE, {"i": {"locale": "en"}})["updateProfile"]
    assert payload["userErrors"] == [{"field": None, "message": "Sign in first.", "code": "UNAUTHENTICATED"}]


def test_an_expired_token_says_so(gql, make_user, clock, settings):
    make_user("amy@example.com")
    gql.sign_in("amy@example.com", PASSWORD)
    clock.advance(seconds=settings.access_token_ttl_seconds)
    error = gql.execute(ME)["errors"][0]
    assert error["extensions"]["code"] == "TOKEN_EXPIRED" and "expired" in error["message"]


def test_nul_characters_are_refused_on_every_database(gql, db, make_user):
    make_user("amy@example.com")
    login = gql.data(LOGIN, {"i": {"email": "amy\u0000@example.com", "password": "x\u0000y"}})["login"]
    assert [(e["code"], e["field"]) for e in login["userErrors"]] == [
        ("INVALID_INPUT", "email"),
        ("INVALID_INPUT", "password"),
    ]
    payload = register(gql, "bob@example.com", displayName="B\u0000b")
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [("INVALID_INPUT", "displayName")]
    assert count(db, User) == 1
