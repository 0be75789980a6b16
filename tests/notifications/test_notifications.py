"""``me.notifications`` and ``markNotificationsRead`` (issue 15): the wallet's and the
portfolio's events become notifications, once each, in the reader's language; unread ones can
be listed and marked read; nobody can see or mark anybody else's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from investing.kinds import DailyJob
from tests.ids import product_gid

NOTE = "id kind title body occurredAt read reminder amount { amount currency } payment { id status } order { id status } product { id }"
INBOX = f"""query($first: Int, $after: String, $unread: Boolean!) {{ me {{ unreadNotificationCount
    notifications(first: $first, after: $after, unreadOnly: $unread) {{ totalCount
      pageInfo {{ hasNextPage endCursor }} nodes {{ {NOTE} }} }} }} }}"""
MARK = f"""mutation($ids: [ID!]!) {{ markNotificationsRead(ids: $ids) {{ notifications {{ {NOTE} }} unreadCount
    userErrors {{ field message code }} }} }}"""
PAY = """mutation($i: PayInput!) { pay(input: $i) { payment { id } userErrors { code } } }"""


def inbox(client, *, unread: bool = False, first: int | None = None, after: str | None = None) -> dict:
    return client.data(INBOX, {"first": first, "after": after, "unread": unread})["me"]


def every(client, *, unread: bool = False, first: int = 2) -> list[dict]:
    """All notifications, page by page."""
    found, after = [], None
    while True:
        page = inbox(client, unread=unread, first=first, after=after)["notifications"]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


def pay(client, payee: str, amount: str, key: str, **extra) -> str:
    answer = client.data(PAY, {"i": {"payee": payee, "amount": amount, "idempotencyKey": key, **extra}})["pay"]
    assert answer["userErrors"] == []
    return answer["payment"]["id"]


def test_events_become_notifications_once_in_the_readers_language(gql, funds, investor, desk, catalogue):
    english, chinese = investor("C3", locale="en"), investor("C3", locale="zh-CN")
    payer, payee = gql.as_user(english.email), gql.as_user(chinese.email)
    payment = pay(payer, chinese.email, "12.34", "p1")

    sent = [n for n in every(payer) if n["kind"] == "PAYMENT_SENT"]
    received = [n for n in every(payee) if n["kind"] == "PAYMENT_RECEIVED"]
    assert len(sent) == 1 and len(received) == 1
    assert sent[0]["title"] == "Payment sent" and sent[0]["body"] == "You paid ¥12.34."
    assert received[0]["title"] == "收到付款" and received[0]["body"] == "¥12.34已到账。"
    assert received[0]["payment"] == {"id": payment, "status": "COMPLETED"} and received[0]["read"] is False
    assert received[0]["amount"] == {"amount": "12.34", "currency": "CNY"} and received[0]["reminder"] is False
    # the setup's top-up was announced too; newest first
    assert [n["kind"] for n in every(payer)] == ["PAYMENT_SENT", "DEPOSIT_COMPLETED"]

    order = payer.data(
        "mutation($i: SubscribeInput!) { subscribe(input: $i) { order { id } userErrors { code } } }",
        {"i": {"productId": product_gid(funds.mmf), "amount": "10000.00", "idempotencyKey": "o"}},
    )["subscribe"]["order"]
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    desk.on(date(2026, 11, 28), 9)
    catalogue.record_income(funds.mmf, date(2026, 11, 27), "0.5000")
    desk.run(DailyJob.ACCRUE_INCOME, date(2026, 11, 27))
    desk.run(DailyJob.ACCRUE_INCOME, date(2026, 11, 27))  # a second run changes nothing

    notes = every(gql.as_user(english.email))
    assert [n["kind"] for n in notes] == ["INCOME_CREDITED", "ORDER_CONFIRMED", "PAYMENT_SENT", "DEPOSIT_COMPLETED"]
    income, confirmed = notes[0], notes[1]
    assert confirmed["order"] == {"id": order["id"], "status": "CONFIRMED"}
    assert confirmed["product"] == {"id": product_gid(funds.mmf)}
    assert income["product"] == {"id": product_gid(funds.mmf)}
    assert Decimal(income["amount"]["amount"]) == Decimal("0.50")
    assert income["title"] == "Income credited" and income["body"].endswith("earned you ¥0.50.")
    # in Chinese for a client that reads Chinese
    with_chinese = gql.as_user(chinese.email)
    with_chinese.data(
        "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { userErrors { code } } }",
        {"i": {"locale": "en"}},
    )
    assert every(with_chinese)[0]["title"] == "Payment received"


def test_unread_only_and_marking_read_are_the_viewers_own_and_idempotent(gql, investor):
    alice, bob = investor("C3"), investor("C3")
    a, b = gql.as_user(alice.email), gql.as_user(bob.email)
    for n in range(3):
        pay(a, bob.email, "1.00", f"k{n}")
    mine = every(b)
    assert [n["kind"] for n in mine] == ["PAYMENT_RECEIVED"] * 3 + ["DEPOSIT_COMPLETED"]
    home = inbox(b, unread=True)
    assert home["unreadNotificationCount"] == home["notifications"]["totalCount"] == 4

    theirs = every(a)[0]["id"]
    marked = b.data(MARK, {"ids": [mine[0]["id"], mine[1]["id"], theirs, "bm90LWFuLWlk"]})["markNotificationsRead"]
    assert marked["userErrors"] == [] and marked["unreadCount"] == 2
    assert [n["id"] for n in marked["notifications"]] == [mine[0]["id"], mine[1]["id"]]  # not alice's
    assert all(n["read"] for n in marked["notifications"])
    assert [n["read"] for n in every(a)] == [False] * 4  # alice's untouched
    again = b.data(MARK, {"ids": [mine[0]["id"], mine[1]["id"]]})["markNotificationsRead"]
    assert again == marked  # marking again changes nothing (the same times, the same count)

    unread = every(b, unread=True)
    assert [n["id"] for n in unread] == [mine[2]["id"], mine[3]["id"]]
    home = inbox(b, unread=True)
    assert home["unreadNotificationCount"] == home["notifications"]["totalCount"] == 2
    assert inbox(b)["notifications"]["totalCount"] == 4
    # refetching: one's own by node(id), anybody else's is null
    node = "query($id: ID!) { node(id: $id) { id ... on Notification { read kind } } }"
    assert b.data(node, {"id": mine[0]["id"]})["node"] == {
        "id": mine[0]["id"],
        "read": True,
        "kind": "PAYMENT_RECEIVED",
    }
    assert a.data(node, {"id": mine[0]["id"]})["node"] is None


def test_too_many_ids_are_refused_in_the_readers_language(gql, investor):
    user = investor("C3", locale="zh-CN")
    client = gql.as_user(user.email)
    client.language = "zh-CN"
    errors = client.data(MARK, {"ids": ["x"] * 101})["markNotificationsRead"]["userErrors"]
    assert [(e["code"], e["field"]) for e in errors] == [("TOO_MANY_NOTIFICATIONS", "ids")]
    assert "100" in errors[0]["message"] and "通知" in errors[0]["message"]
