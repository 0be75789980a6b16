"""Items 8 (operators) and 12 (frozen users, messages) of the hardening issue: an operator
cannot settle a dispute they are party to; a frozen user cannot bind cards or set a payment
password; refusals by role read correctly."""

from __future__ import annotations

from tests.investing.conftest import snapshot
from tests.security.conftest import codes
from tests.wallet.conftest import card_number, ready_user  # noqa: F401 - fixture
from users import service as users_service
from users.roles import Role

PAY = """mutation($i: PayInput!) { pay(input: $i) { payment { id status } userErrors { code } } }"""
REQUEST_REFUND = (
    """mutation($i: RequestRefundInput!) { requestRefund(input: $i) { payment { status } userErrors { code } } }"""
)
DECLINE = (
    """mutation($i: DeclineRefundInput!) { declineRefund(input: $i) { payment { status } userErrors { code } } }"""
)
RESOLVE = """mutation($i: ResolveDisputeInput!) { resolveDispute(input: $i) { payment { status } userErrors { code field } } }"""
BIND = """mutation($i: BindBankCardInput!) { bindBankCard(input: $i) { bankCard { id } userErrors { code } } }"""
SET_PASSWORD = """mutation($i: SetPaymentPasswordInput!) { setPaymentPassword(input: $i) { ok userErrors { code } } }"""


def test_an_operator_cannot_settle_a_dispute_they_are_party_to(gql, db, clock, ready_user, make_user):
    ready_user("Olga", email="olga@example.com", deposit="100")
    ready_user("Seller", email="seller@example.com")
    make_user("ops2@example.com", roles={Role.OPERATOR})
    with db.write() as session:
        users_service.set_roles(
            session=session, email="olga@example.com", roles={Role.CUSTOMER, Role.OPERATOR}, clock=clock
        )
    olga, seller = gql.as_user("olga@example.com"), gql.as_user("seller@example.com")
    paid = olga.data(
        PAY, {"i": {"payee": "seller@example.com", "amount": "50", "idempotencyKey": "g1", "guarantee": True}}
    )["pay"]["payment"]
    olga.data(REQUEST_REFUND, {"i": {"paymentId": paid["id"], "reason": "never arrived"}})
    assert (
        seller.data(DECLINE, {"i": {"paymentId": paid["id"], "reason": "it did"}})["declineRefund"]["payment"]["status"]
        == "DISPUTED"
    )
    own = olga.data(RESOLVE, {"i": {"paymentId": paid["id"], "outcome": "REFUND"}})["resolveDispute"]
    assert [(e["code"], e["field"]) for e in own["userErrors"]] == [("CONFLICT_OF_INTEREST", "paymentId")]
    other = gql.as_user("ops2@example.com").data(RESOLVE, {"i": {"paymentId": paid["id"], "outcome": "REFUND"}})
    assert other["resolveDispute"]["payment"]["status"] == "REFUNDED"


def test_a_frozen_user_cannot_bind_cards_or_set_a_payment_password(gql, db, clock, ready_user):
    ready_user("Frozen", email="frozen@example.com")
    client = gql.as_user("frozen@example.com")
    with db.write() as session:
        users_service.set_frozen(session=session, email="frozen@example.com", frozen=True, clock=clock)
    before = snapshot(db)
    bound = client.data(
        BIND, {"i": {"cardNumber": card_number("622202020011225566"), "holderName": "Frozen", "bankName": "ICBC"}}
    )["bindBankCard"]
    assert codes(bound) == ["USER_FROZEN"]
    assert codes(client.data(SET_PASSWORD, {"i": {"paymentPassword": "582046"}})["setPaymentPassword"]) == [
        "USER_FROZEN"
    ]
    assert snapshot(db) == before


def test_role_refusals_read_correctly(gql, make_user):
    make_user("amy@example.com")
    answer = gql.as_user("amy@example.com").data(RESOLVE, {"i": {"paymentId": "1", "outcome": "REFUND"}})
    assert answer["resolveDispute"]["userErrors"][0]["code"] == "FORBIDDEN"
    message = gql.as_user("amy@example.com").execute(
        'mutation { freezeUser(input: {email: "x@example.com"}) { userErrors { message } } }'
    )
    assert message["data"]["freezeUser"]["userErrors"][0]["message"] == "Only an operator may do this."
