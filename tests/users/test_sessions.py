"""Signed-in devices (issue 15): ``me.sessions`` lists them, ``revokeSession`` ends one at
once (its access and refresh tokens), and nobody else's session can be seen or ended."""

from __future__ import annotations

from datetime import datetime

from api.ids import global_id
from tests.conftest import DEFAULT_NOW, PASSWORD, GraphQLClient

SESSIONS = "{ me { sessions { id current userAgent ipAddress createdAt lastUsedAt } } }"
REVOKE = "mutation($id: ID!) { revokeSession(id: $id) { session { id } userErrors { code message field } } }"
LOGIN = "mutation($i: LoginInput!) { login(input: $i) { token refreshToken userErrors { code } } }"
REFRESH = "mutation($t: String!) { refreshToken(input: {refreshToken: $t}) { token userErrors { code } } }"


def _device(http, email: str, agent: str) -> tuple[GraphQLClient, str]:
    """A client signed in with its own User-Agent; returns it and its refresh token."""
    client = GraphQLClient(http)
    data = client.data(LOGIN, {"i": {"email": email, "password": PASSWORD}}, token="", headers={"User-Agent": agent})[
        "login"
    ]
    assert data["userErrors"] == []
    client.token = data["token"]
    return client, data["refreshToken"]


def _me_code(client: GraphQLClient) -> str | None:
    body = client.execute("{ me { id } }")
    return body["errors"][0]["extensions"]["code"] if body.get("errors") else None


def test_each_device_is_listed_and_the_current_one_is_marked(http, make_user, clock):
    make_user("amy@example.com")
    phone, _ = _device(http, "amy@example.com", "RoboApp/2.1 (iPhone)")
    clock.advance(minutes=3)
    laptop, _ = _device(http, "amy@example.com", "Mozilla/5.0 (X11)")
    for client, agent in ((phone, "RoboApp/2.1 (iPhone)"), (laptop, "Mozilla/5.0 (X11)")):
        sessions = client.data(SESSIONS)["me"]["sessions"]
        assert len(sessions) == 2
        assert [s["userAgent"] for s in sessions if s["current"]] == [agent]
    newest, oldest = laptop.data(SESSIONS)["me"]["sessions"]  # most recently used first
    assert datetime.fromisoformat(oldest["createdAt"]) == DEFAULT_NOW
    assert datetime.fromisoformat(newest["lastUsedAt"]) > datetime.fromisoformat(oldest["lastUsedAt"])
    assert laptop.data("query($id: ID!) { node(id: $id) { id } }", {"id": oldest["id"]})["node"] == {"id": oldest["id"]}


def test_revoking_a_session_ends_its_access_and_refresh_tokens_at_once(http, make_user):
    make_user("amy@example.com")
    phone, phone_refresh = _device(http, "amy@example.com", "phone")
    laptop, _ = _device(http, "amy@example.com", "laptop")
    (phone_session,) = [s["id"] for s in phone.data(SESSIONS)["me"]["sessions"] if s["current"]]
    data = laptop.data(REVOKE, {"id": phone_session})["revokeSession"]
    assert data == {"session": {"id": phone_session}, "userErrors": []}
    assert _me_code(phone) == "TOKEN_REVOKED"  # not at the access token's expiry: now
    refreshed = phone.data(REFRESH, {"t": phone_refresh}, token="")["refreshToken"]
    assert refreshed["token"] is None and refreshed["userErrors"] == [{"code": "TOKEN_REVOKED"}]
    assert [s["userAgent"] for s in laptop.data(SESSIONS)["me"]["sessions"]] == ["laptop"]
    assert _me_code(laptop) is None
    # revoking one's own current session signs out
    (laptop_session,) = [s["id"] for s in laptop.data(SESSIONS)["me"]["sessions"]]
    assert laptop.data(REVOKE, {"id": laptop_session})["revokeSession"]["userErrors"] == []
    assert _me_code(laptop) == "TOKEN_REVOKED"


def test_nobody_sees_or_ends_another_users_session(http, make_user):
    make_user("amy@example.com")
    make_user("bob@example.com", locale="zh-CN")
    amy, _ = _device(http, "amy@example.com", "amy's phone")
    bob, _ = _device(http, "bob@example.com", "bob's phone")
    bob.language = "zh-CN"
    (amy_session,) = [s["id"] for s in amy.data(SESSIONS)["me"]["sessions"]]
    nothing = global_id("Session", 10**9)
    answers = [bob.data(REVOKE, {"id": each})["revokeSession"] for each in (amy_session, nothing, "not-an-id")]
    # the same answer for someone else's session, a session that does not exist and a bad id
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["session"] is None
    assert answers[0]["userErrors"] == [{"code": "NOT_FOUND", "message": "找不到这个登录设备。", "field": "id"}]
    assert bob.data("query($id: ID!) { node(id: $id) { id } }", {"id": amy_session})["node"] is None
    assert _me_code(amy) is None  # still signed in


def test_a_logged_out_session_leaves_the_list(http, make_user):
    make_user("amy@example.com")
    phone, _ = _device(http, "amy@example.com", "phone")
    laptop, _ = _device(http, "amy@example.com", "laptop")
    phone.data("mutation { logout { ok } }")
    assert [s["userAgent"] for s in laptop.data(SESSIONS)["me"]["sessions"]] == ["laptop"]
    assert laptop.data(SESSIONS)["me"]["sessions"][0]["ipAddress"] == "testclient"


def test_a_sign_in_payload_lists_the_new_session(gql, make_user):
    """``sessions`` is a viewer-only field: on a sign-in payload's user it is the new session."""
    make_user("amy@example.com")
    data = gql.data(
        "mutation($i: LoginInput!) { login(input: $i) { user { sessions { current } } } }",
        {"i": {"email": "amy@example.com", "password": PASSWORD}},
        token="",
    )
    assert len(data["login"]["user"]["sessions"]) == 1
