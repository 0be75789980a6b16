"""The wallet through GraphQL, as a client uses it, on SQLite and PostgreSQL: identity and
card, deposit, withdrawal, direct and guarantee payments with every outcome, replays."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import PASSWORD
from tests.ids import db_key, gid
from tests.wallet.conftest import card_number, id_number, ledger_problems
from tests.wallet.gqlops import (
    BIND,
    CONFIRM,
    DECLINE_REFUND,
    DEPOSIT,
    EXTEND_HOLD,
    PAY,
    PAYMENT,
    REFUND,
    REQUEST_REFUND,
    RESOLVE,
    VERIFY,
    WITHDRAW,
    WITHDRAW_REQUEST,
    mutate,
    wallet_of,
)
from users.roles import Role


def test_new_user_verifies_binds_a_card_and_tops_up(gql, make_user):
    make_user("zhang@example.com")
    client = gql.as_user("zhang@example.com")

    verified = mutate(client, VERIFY, realName="张伟", idNumber=id_number("11010519900307123").lower())
    assert verified == {
        "identity": {"realName": "张伟", "idNumberMasked": "110105********123" + id_number("11010519900307123")[-1]},
        "userErrors": [],
    }
    card = mutate(client, BIND, cardNumber=card_number(), holderName="张伟", bankName="ICBC")["bankCard"]
    assert card["last4"] == card_number()[-4:] and card["maskedNumber"].endswith(card["last4"])

    deposited = mutate(client, DEPOSIT, amount="1000.50", idempotencyKey="top-up-1")
    assert deposited["userErrors"] == []
    assert deposited["transaction"]["kind"] == "DEPOSIT" and deposited["transaction"]["status"] == "COMPLETED"
    assert deposited["transaction"]["amount"] == {"amount": "1000.50", "currency": "CNY"}
    assert deposited["wallet"] == {
        "balance": {"amount": "1000.50"},
        "available": {"amount": "1000.50"},
        "held": {"amount": "0.00"},
    }


def test_a_retried_deposit_returns_the_original_and_moves_money_once(gql, ready_user, db):
    user = ready_user()
    client = gql.as_user(user.email)
    first = mutate(client, DEPOSIT, amount="250.00", idempotencyKey="retry-me")
    again = mutate(client, DEPOSIT, amount="250.00", idempotencyKey="retry-me")
    assert again["transaction"] == first["transaction"]
    assert wallet_of(client)["balance"] == "250.00"

    reused = mutate(client, DEPOSIT, amount="251.00", idempotencyKey="retry-me")
    assert [(e["code"], e["field"]) for e in reused["userErrors"]] == [("IDEMPOTENCY_KEY_REUSED", "idempotencyKey")]
    assert wallet_of(client)["balance"] == "250.00"
    assert ledger_problems(db) == []


def test_keys_are_per_user(gql, ready_user):
    a, b = ready_user(), ready_user()
    for user in (a, b):
        assert mutate(gql.as_user(user.email), DEPOSIT, amount="10.00", idempotencyKey="same-key")["userErrors"] == []
    assert wallet_of(gql.as_user(b.email))["balance"] == "10.00"


def test_direct_payment_moves_money_at_once(gql, ready_user, db):
    payer, payee = ready_user(deposit="500"), ready_user()
    client = gql.as_user(payer.email)
    paid = mutate(client, PAY, payee=payee.email, amount="120.30", idempotencyKey="p-1", memo="lunch")
    assert paid["userErrors"] == []
    assert paid["payment"]["status"] == "COMPLETED" and paid["payment"]["guarantee"] is False
    assert paid["payment"]["autoConfirmAt"] is None
    assert wallet_of(client) == {"balance": "379.70", "available": "379.70", "held": "0.00"}
    assert wallet_of(gql.as_user(payee.email))["available"] == "120.30"

    replay = mutate(client, PAY, payee=payee.email, amount="120.30", idempotencyKey="p-1", memo="lunch")
    assert replay["payment"]["id"] == paid["payment"]["id"]
    # The payee given by id is the same request.
    by_id = mutate(
        client, PAY, payee=paid["payment"]["payee"]["id"], amount="120.30", idempotencyKey="p-1", memo="lunch"
    )
    assert by_id["payment"]["id"] == paid["payment"]["id"]
    assert paid["payment"]["payee"]["id"] == gid("User", payee.id)
    assert wallet_of(client)["available"] == "379.70"
    assert ledger_problems(db) == []


def test_guarantee_payment_is_held_until_the_payer_confirms(gql, ready_user, clock, db):
    payer, payee = ready_user(deposit="1000"), ready_user()
    buyer, seller = gql.as_user(payer.email), gql.as_user(payee.email)
    held = mutate(
        buyer, PAY, payee=payee.email, amount="300.00", idempotencyKey="g-1", guarantee=True, autoConfirmDays=3
    )
    payment = held["payment"]
    assert payment["status"] == "HELD" and payment["guarantee"] is True
    assert payment["autoConfirmAt"].startswith((clock.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"))
    assert wallet_of(buyer) == {"balance": "1000.00", "available": "700.00", "held": "300.00"}
    assert wallet_of(seller)["available"] == "0.00"

    # Only the payer confirms; the payee is refused, a stranger sees nothing.
    assert mutate(seller, CONFIRM, paymentId=payment["id"])["userErrors"][0]["code"] == "FORBIDDEN"
    stranger = gql.as_user(ready_user().email)
    assert mutate(stranger, CONFIRM, paymentId=payment["id"])["userErrors"][0]["code"] == "NOT_FOUND"

    released = mutate(buyer, CONFIRM, paymentId=payment["id"])
    assert released["payment"]["status"] == "RELEASED"
    assert wallet_of(buyer) == {"balance": "700.00", "available": "700.00", "held": "0.00"}
    assert wallet_of(seller)["available"] == "300.00"
    # Confirming again returns the payment unchanged; refunding now is refused.
    assert mutate(buyer, CONFIRM, paymentId=payment["id"])["payment"]["status"] == "RELEASED"
    refused = mutate(seller, REFUND, paymentId=payment["id"])
    assert [(e["code"], e["field"]) for e in refused["userErrors"]] == [("PAYMENT_NOT_HELD", "paymentId")]
    assert wallet_of(seller)["available"] == "300.00"
    assert ledger_problems(db) == []


def test_payee_refund_returns_the_money_and_then_confirm_is_refused(gql, ready_user, db):
    payer, payee = ready_user(deposit="100"), ready_user()
    buyer, seller = gql.as_user(payer.email), gql.as_user(payee.email)
    payment_id = mutate(buyer, PAY, payee=payee.email, amount="40.00", idempotencyKey="g", guarantee=True)["payment"][
        "id"
    ]
    refunded = mutate(seller, REFUND, paymentId=payment_id, reason="out of stock")
    assert refunded["payment"]["status"] == "REFUNDED"
    assert mutate(seller, REFUND, paymentId=payment_id)["payment"]["status"] == "REFUNDED"
    assert mutate(buyer, CONFIRM, paymentId=payment_id)["userErrors"][0]["code"] == "PAYMENT_NOT_HELD"
    assert wallet_of(buyer) == {"balance": "100.00", "available": "100.00", "held": "0.00"}
    assert wallet_of(seller)["available"] == "0.00"
    assert ledger_problems(db) == []


def test_refund_request_pauses_the_timer_and_a_dispute_goes_to_an_operator(gql, ready_user, make_user, clock, db):
    from api.context import Services
    from api.jobs import release_due_escrow

    payer, payee = ready_user(deposit="100"), ready_user()
    buyer, seller = gql.as_user(payer.email), gql.as_user(payee.email)
    payment_id = mutate(
        buyer, PAY, payee=payee.email, amount="60.00", idempotencyKey="g", guarantee=True, autoConfirmDays=2
    )["payment"]["id"]
    requested = mutate(buyer, REQUEST_REFUND, paymentId=payment_id, reason="wrong size")
    assert requested["payment"]["status"] == "REFUND_REQUESTED" and requested["payment"]["autoConfirmAt"] is None

    clock.advance(days=4)  # past the 2-day hold, within the payee's 5 days to answer: not released
    from tests.conftest import test_settings

    services = Services(db=db, settings=test_settings(), clock=clock)
    assert release_due_escrow(services) == 0
    buyer, seller = gql.as_user(payer.email), gql.as_user(payee.email)  # fresh tokens after the jump
    assert buyer.data(PAYMENT, {"id": payment_id})["payment"]["status"] == "REFUND_REQUESTED"

    disputed = mutate(seller, DECLINE_REFUND, paymentId=payment_id, reason="it was the size ordered")
    assert disputed["payment"]["status"] == "DISPUTED"
    assert wallet_of(buyer)["held"] == "60.00"

    make_user("ops@example.com", roles={Role.OPERATOR})
    operator = gql.as_user("ops@example.com")
    clock.advance(days=3, hours=1)  # the dispute waits for an operator: they see for how long
    operator, buyer = gql.as_user("ops@example.com"), gql.as_user(payer.email)
    queue = operator.data("{ disputedPayments { nodes { id status disputeAgeDays } } }")["disputedPayments"]["nodes"]
    assert queue == [{"id": payment_id, "status": "DISPUTED", "disputeAgeDays": 3}]
    assert mutate(buyer, RESOLVE, paymentId=payment_id, outcome="REFUND")["userErrors"][0]["code"] == "FORBIDDEN"
    resolved = mutate(operator, RESOLVE, paymentId=payment_id, outcome="REFUND", note="size chart was wrong")
    assert resolved["payment"]["status"] == "REFUNDED"
    assert (
        mutate(operator, RESOLVE, paymentId=payment_id, outcome="RELEASE")["userErrors"][0]["code"]
        == "PAYMENT_NOT_DISPUTED"
    )
    assert wallet_of(buyer) == {"balance": "100.00", "available": "100.00", "held": "0.00"}
    assert ledger_problems(db) == []


def test_held_payment_releases_by_itself_after_its_days(gql, ready_user, clock, db, settings):
    from api.context import Services
    from api.jobs import release_due_escrow

    payer, payee = ready_user(deposit="100"), ready_user()
    buyer = gql.as_user(payer.email)
    payment_id = mutate(
        buyer, PAY, payee=payee.email, amount="25.00", idempotencyKey="g", guarantee=True, autoConfirmDays=10
    )["payment"]["id"]
    services = Services(db=db, settings=settings, clock=clock)
    clock.advance(days=9, hours=23)
    assert release_due_escrow(services) == 0
    clock.advance(hours=1)
    assert release_due_escrow(services) == 1
    buyer = gql.as_user(payer.email)
    assert buyer.data(PAYMENT, {"id": payment_id})["payment"]["status"] == "RELEASED"
    assert wallet_of(gql.as_user(payee.email))["available"] == "25.00"
    assert release_due_escrow(services) == 0
    assert ledger_problems(db) == []


NODE = "query($id: ID!) { node(id: $id) { id ... on Payment { status } } }"


def test_only_payer_and_payee_can_read_a_payment(gql, ready_user, make_user):
    payer, payee, other = ready_user(deposit="10"), ready_user(), ready_user()
    make_user("ops@example.com", roles={Role.OPERATOR})
    payment_id = mutate(gql.as_user(payer.email), PAY, payee=payee.email, amount="1.00", idempotencyKey="k")["payment"][
        "id"
    ]
    for user in (payer, payee):
        assert gql.as_user(user.email).data(PAYMENT, {"id": payment_id})["payment"]["id"] == payment_id
    # Anybody else, an operator too, cannot tell this payment from one that does not exist.
    for email in (other.email, "ops@example.com"):
        for probe in (payment_id, gid("Payment", 999999), str(db_key(payment_id)), "not-a-number"):
            assert gql.as_user(email).execute(PAYMENT, {"id": probe}) == {"data": {"payment": None}}
            assert gql.as_user(email).execute(NODE, {"id": probe}) == {"data": {"node": None}}
    assert gql.as_user(payer.email).data(NODE, {"id": payment_id})["node"] == {"id": payment_id, "status": "COMPLETED"}


def test_withdrawal_is_pending_until_the_bank_settles(gql, ready_user, db, clock):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.conftest import GraphQLClient, test_settings
    from wallet import cash

    user = ready_user(deposit="300")
    app = create_app(test_settings(bank_auto_settle=False), db=db, clock=clock, run_periodic_jobs=False)
    with TestClient(app) as http:
        client = GraphQLClient(http).as_user(user.email, PASSWORD)
        first = mutate(client, WITHDRAW, amount="100.00", idempotencyKey="w-1")
        second = mutate(client, WITHDRAW, amount="50.00", idempotencyKey="w-2")
        assert first["transaction"]["status"] == "PENDING"
        assert first["wallet"] == {
            "balance": {"amount": "200.00"},
            "available": {"amount": "200.00"},
            "held": {"amount": "0.00"},
        }
        assert ledger_problems(db) == []
        with db.write() as session:
            cash.settle_withdrawal(
                session=session, clock=clock, transaction_id=db_key(first["transaction"]["id"]), succeeded=True
            )
        with db.write() as session:
            cash.settle_withdrawal(
                session=session, clock=clock, transaction_id=db_key(second["transaction"]["id"]), succeeded=False
            )
        statuses = client.data("{ wallet { transactions(first: 2) { nodes { id kind status } } } }")
        assert statuses["wallet"]["transactions"]["nodes"] == [
            {"id": second["transaction"]["id"], "kind": "WITHDRAWAL", "status": "FAILED"},
            {"id": first["transaction"]["id"], "kind": "WITHDRAWAL", "status": "COMPLETED"},
        ]
        assert wallet_of(client)["available"] == "200.00"  # the failed 50 came back
    assert ledger_problems(db) == []


def test_wallet_history_pages_newest_first(gql, ready_user):
    user = ready_user()
    client = gql.as_user(user.email)
    ids = [mutate(client, DEPOSIT, amount=f"{n}.00", idempotencyKey=f"d{n}")["transaction"]["id"] for n in range(1, 6)]
    seen, after = [], None
    while True:
        page = client.data(
            "query($a: String) { wallet { transactions(first: 2, after: $a) { nodes { id } pageInfo { hasNextPage endCursor } } } }",
            {"a": after},
        )["wallet"]["transactions"]
        seen += [node["id"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == list(reversed(ids))
    # Backward from the end (the oldest lines first seen), then the newer ones before them.
    back = "query($b: String) { wallet { transactions(last: 2, before: $b) { nodes { id } pageInfo { hasPreviousPage hasNextPage startCursor } } } }"
    oldest = client.data(back)["wallet"]["transactions"]
    assert [node["id"] for node in oldest["nodes"]] == [ids[1], ids[0]]
    assert oldest["pageInfo"]["hasPreviousPage"] is True and oldest["pageInfo"]["hasNextPage"] is False
    newer = client.data(back, {"b": oldest["pageInfo"]["startCursor"]})["wallet"]["transactions"]
    assert [node["id"] for node in newer["nodes"]] == [ids[3], ids[2]]
    assert newer["pageInfo"]["hasNextPage"] is True


def test_wallet_is_a_field_of_the_signed_in_user_only(gql, ready_user):
    user = ready_user(deposit="12.34")
    data = gql.as_user(user.email).data(
        "{ me { wallet { balance { amount } identity { realName } bankCards { last4 } } } }"
    )
    assert data["me"]["wallet"]["balance"]["amount"] == "12.34"
    assert data["me"]["wallet"]["identity"]["realName"].startswith("Holder")
    assert len(data["me"]["wallet"]["bankCards"]) == 1
    body = gql.execute("{ wallet { balance { amount } } }", token="")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_buyer_withdraws_a_refund_request_and_extends_the_hold_over_graphql(gql, ready_user, clock, db, settings):
    from api.context import Services
    from api.jobs import release_due_escrow

    payer, payee = ready_user(deposit="100"), ready_user()
    buyer = gql.as_user(payer.email)
    payment_id = mutate(
        buyer, PAY, payee=payee.email, amount="40.00", idempotencyKey="g", guarantee=True, autoConfirmDays=3
    )["payment"]["id"]
    seller = gql.as_user(payee.email)
    assert mutate(seller, EXTEND_HOLD, paymentId=payment_id)["userErrors"][0]["code"] == "FORBIDDEN"
    assert mutate(buyer, WITHDRAW_REQUEST, paymentId=payment_id)["userErrors"][0]["code"] == "REFUND_NOT_REQUESTED"
    mutate(buyer, REQUEST_REFUND, paymentId=payment_id, reason="damaged box")
    withdrawn = mutate(buyer, WITHDRAW_REQUEST, paymentId=payment_id)
    assert withdrawn["userErrors"] == [] and withdrawn["payment"]["status"] == "HELD"
    extended = mutate(buyer, EXTEND_HOLD, paymentId=payment_id)
    assert extended["userErrors"] == [] and extended["payment"]["autoConfirmAt"] is not None
    assert mutate(buyer, EXTEND_HOLD, paymentId=payment_id)["userErrors"][0]["code"] == "HOLD_ALREADY_EXTENDED"
    services = Services(db=db, settings=settings, clock=clock)
    clock.advance(days=3 + settings.escrow_extension_days, seconds=-1)
    assert release_due_escrow(services) == 0
    clock.advance(seconds=1)
    assert release_due_escrow(services) == 1
    assert wallet_of(gql.as_user(payee.email))["available"] == "40.00"
    assert ledger_problems(db) == []
