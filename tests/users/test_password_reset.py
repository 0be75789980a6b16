"""Password reset and email verification through one-time links (issue 15): the mails go to
the outbox (``robo mail outbox``), the answer never says whether an email has an account, a
link works once and expires, and a reset ends every session."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.conftest import PASSWORD, GraphQLClient
from users.models import AccountToken, OutgoingMail

REQUEST = "mutation($e: String!) { requestPasswordReset(input: {email: $e}) { ok userErrors { code message field } } }"
RESET = """mutation($t: String!, $p: String!) { resetPassword(input: {token: $t, newPassword: $p}) {
    ok userErrors { code message field } } }"""
ASK_VERIFY = "mutation { requestEmailVerification { ok emailVerified userErrors { code } } }"
VERIFY = "mutation($t: String!) { verifyEmail(input: {token: $t}) { ok userErrors { code message field } } }"
NEW_PASSWORD = "a-brand-new-passphrase"


def _mails(db, to: str) -> list[OutgoingMail]:
    with db.read() as session:
        return list(
            session.scalars(select(OutgoingMail).where(OutgoingMail.to_address == to).order_by(OutgoingMail.id))
        )


def _token(mail: OutgoingMail) -> str:
    return re.search(r"token=([A-Za-z0-9_-]+)", mail.body).group(1)


def test_the_answer_is_the_same_whether_or_not_the_email_has_an_account(gql, make_user, db):
    make_user("amy@example.com")
    known = gql.data(REQUEST, {"e": "amy@example.com"})
    unknown = gql.data(REQUEST, {"e": "nobody@example.com"})
    assert known == unknown == {"requestPasswordReset": {"ok": True, "userErrors": []}}
    assert _mails(db, "nobody@example.com") == []
    (mail,) = _mails(db, "amy@example.com")
    assert mail.kind == "password_reset" and mail.subject == "Reset your password"
    assert "http://localhost:3000/reset-password?token=" in mail.body
    with db.read() as session:  # only the token's hash is stored
        assert _token(mail) not in {row.token_hash for row in session.scalars(select(AccountToken))}


def test_a_reset_link_sets_the_password_once_and_ends_every_session(gql, http, make_user, db):
    make_user("amy@example.com")
    phone = GraphQLClient(http)
    phone.sign_in("amy@example.com", PASSWORD)
    gql.data(REQUEST, {"e": "amy@example.com"})
    token = _token(_mails(db, "amy@example.com")[-1])
    assert gql.data(RESET, {"t": token, "p": NEW_PASSWORD})["resetPassword"] == {"ok": True, "userErrors": []}
    assert phone.execute("{ me { id } }")["errors"][0]["extensions"]["code"] == "TOKEN_REVOKED"
    login = "mutation($i: LoginInput!) { login(input: $i) { token userErrors { code } } }"
    old = gql.data(login, {"i": {"email": "amy@example.com", "password": PASSWORD}}, token="")["login"]
    assert old["userErrors"] == [{"code": "INVALID_CREDENTIALS"}]
    gql.sign_in("amy@example.com", NEW_PASSWORD)
    assert gql.data("{ me { emailVerified } }")["me"]["emailVerified"] is True  # the link reached the inbox
    again = gql.data(RESET, {"t": token, "p": "yet-another-passphrase"}, token="")["resetPassword"]
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_TOKEN"]


def test_a_newer_link_voids_the_older_one(gql, make_user, db):
    make_user("amy@example.com")
    gql.data(REQUEST, {"e": "amy@example.com"})
    gql.data(REQUEST, {"e": "amy@example.com"})
    first, second = (_token(mail) for mail in _mails(db, "amy@example.com"))
    assert [e["code"] for e in gql.data(RESET, {"t": first, "p": NEW_PASSWORD})["resetPassword"]["userErrors"]] == [
        "INVALID_TOKEN"
    ]
    assert gql.data(RESET, {"t": second, "p": NEW_PASSWORD})["resetPassword"]["ok"] is True


def test_a_reset_link_expires_after_an_hour(gql, make_user, db, clock):
    make_user("amy@example.com")
    gql.data(REQUEST, {"e": "amy@example.com"})
    token = _token(_mails(db, "amy@example.com")[-1])
    clock.advance(minutes=61)
    errors = gql.data(RESET, {"t": token, "p": NEW_PASSWORD})["resetPassword"]["userErrors"]
    assert errors == [
        {"code": "TOKEN_EXPIRED", "message": "This link has expired; ask for a new one.", "field": "token"}
    ]


def test_the_new_password_follows_the_rules_and_a_refusal_keeps_the_link(gql, make_user, db):
    make_user("amy@example.com")
    gql.data(REQUEST, {"e": "amy@example.com"})
    token = _token(_mails(db, "amy@example.com")[-1])
    errors = gql.data(RESET, {"t": token, "p": "short"})["resetPassword"]["userErrors"]
    assert [(e["code"], e["field"]) for e in errors] == [("WEAK_PASSWORD", "newPassword")]
    assert gql.data(RESET, {"t": token, "p": NEW_PASSWORD})["resetPassword"]["ok"] is True


def test_requests_are_limited_per_email_known_or_not(gql, make_user, settings):
    make_user("amy@example.com")
    for email in ("amy@example.com", "nobody@example.com"):
        answers = [gql.data(REQUEST, {"e": email})["requestPasswordReset"] for _ in range(4)]
        assert [a["ok"] for a in answers] == [True] * settings.account_mails_per_email_hour + [False]
        assert [e["code"] for e in answers[-1]["userErrors"]] == ["RATE_LIMITED"]


def test_mails_and_refusals_speak_the_users_language(make_user, db, http):
    make_user("li@example.com", locale="zh-CN")
    client = GraphQLClient(http, "zh-CN")
    client.data(REQUEST, {"e": "li@example.com"})
    (mail,) = _mails(db, "li@example.com")
    assert mail.locale == "zh-CN" and mail.subject == "重置您的密码" and "分钟内打开以下链接" in mail.body
    errors = client.data(RESET, {"t": "not-a-token", "p": NEW_PASSWORD})["resetPassword"]["userErrors"]
    assert errors == [{"code": "INVALID_TOKEN", "message": "该链接无效或已被使用，请重新申请。", "field": "token"}]


def test_email_verification_through_a_link(gql, make_user, db):
    make_user("amy@example.com")
    gql.sign_in("amy@example.com", PASSWORD)
    assert gql.data("{ me { emailVerified } }")["me"]["emailVerified"] is False
    assert gql.data(ASK_VERIFY)["requestEmailVerification"] == {"ok": True, "emailVerified": False, "userErrors": []}
    (mail,) = _mails(db, "amy@example.com")
    assert mail.kind == "email_verification" and "/verify-email?token=" in mail.body
    anonymous = GraphQLClient(gql.http)  # the link opens in a browser that may not be signed in
    assert anonymous.data(VERIFY, {"t": _token(mail)})["verifyEmail"] == {"ok": True, "userErrors": []}
    assert gql.data("{ me { emailVerified } }")["me"]["emailVerified"] is True
    again = anonymous.data(VERIFY, {"t": _token(mail)})["verifyEmail"]["userErrors"]
    assert [e["code"] for e in again] == ["INVALID_TOKEN"]
    # verified: asking again sends nothing
    assert gql.data(ASK_VERIFY)["requestEmailVerification"]["emailVerified"] is True
    assert len(_mails(db, "amy@example.com")) == 1


def test_a_password_reset_token_does_not_verify_an_email_and_back(gql, make_user, db):
    make_user("amy@example.com")
    gql.data(REQUEST, {"e": "amy@example.com"})
    reset_token = _token(_mails(db, "amy@example.com")[-1])
    assert [e["code"] for e in gql.data(VERIFY, {"t": reset_token})["verifyEmail"]["userErrors"]] == ["INVALID_TOKEN"]


def test_robo_mail_outbox_prints_and_marks_mails(gql, make_user, robo):
    make_user("amy@example.com")
    make_user("bob@example.com")
    gql.data(REQUEST, {"e": "amy@example.com"})
    gql.data(REQUEST, {"e": "bob@example.com"})
    code, output = robo("mail", "outbox", "--to", "amy@example.com")
    assert code == 0 and "to amy@example.com" in output and "bob@" not in output
    assert "reset-password?token=" in output and "not sent" in output
    code, output = robo("mail", "outbox", "--unsent", "--mark-sent")
    assert code == 0 and "Marked 2 mail(s) sent." in output
    assert robo("mail", "outbox", "--unsent").output.strip() == "No mails."
