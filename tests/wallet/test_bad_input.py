"""Every refused input of the wallet gets a userErrors entry with a code and the field, and
nothing is written (same row counts and balances before and after), on SQLite and
PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import test_settings
from tests.ids import gid
from tests.wallet.conftest import card_number, id_number, ledger_snapshot, wrong_check
from tests.wallet.gqlops import BIND, CONFIRM, DEPOSIT, PAY, REFUND, VERIFY, WITHDRAW, mutate
from users import service as users_service
from wallet import payments

PER_TRANSACTION = "500"
DAILY = "800"


@pytest.fixture
def settings():
    return test_settings(payment_limit_per_transaction=Decimal(PER_TRANSACTION), payment_limit_daily=Decimal(DAILY))


@pytest.fixture
def world(db, ready_user, make_user, settings, clock):
    """A payer with 1,000 and a direct and a held payment to the payee; a stranger; a user
    without identity."""
    payer, payee, stranger = ready_user("Li Lei", deposit="1000"), ready_user(), ready_user()
    newcomer = make_user()
    with db.write() as session:
        direct = payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal("10"),
            idempotency_key="direct",
        ).payment_id
        held = payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal("20"),
            idempotency_key="held",
            guarantee=True,
        ).payment_id
    return dict(
        payer=payer,
        payee=payee,
        stranger=stranger,
        newcomer=newcomer,
        direct=gid("Payment", direct),
        held=gid("Payment", held),
    )


def pay(w, **overrides):
    return PAY, "payer", {"payee": w["payee"].email, "amount": "1.00", "idempotencyKey": "new-key", **overrides}


CASES = {
    # amounts, on each money-moving mutation
    "deposit zero": lambda w: (DEPOSIT, "payer", {"amount": "0", "idempotencyKey": "k"}, "INVALID_AMOUNT", "amount"),
    "deposit negative": lambda w: (
        DEPOSIT,
        "payer",
        {"amount": "-5.00", "idempotencyKey": "k"},
        "INVALID_AMOUNT",
        "amount",
    ),
    "deposit 3 decimals": lambda w: (
        DEPOSIT,
        "payer",
        {"amount": "1.005", "idempotencyKey": "k"},
        "INVALID_AMOUNT",
        "amount",
    ),
    "deposit not a number": lambda w: (
        DEPOSIT,
        "payer",
        {"amount": "ten", "idempotencyKey": "k"},
        "INVALID_AMOUNT",
        "amount",
    ),
    "deposit float": lambda w: (DEPOSIT, "payer", {"amount": 12.5, "idempotencyKey": "k"}, "INVALID_AMOUNT", "amount"),
    "deposit exponent": lambda w: (
        DEPOSIT,
        "payer",
        {"amount": "1e3", "idempotencyKey": "k"},
        "INVALID_AMOUNT",
        "amount",
    ),
    "withdraw zero": lambda w: (
        WITHDRAW,
        "payer",
        {"amount": "0.00", "idempotencyKey": "k"},
        "INVALID_AMOUNT",
        "amount",
    ),
    "pay negative": lambda w: (*pay(w, amount="-1"), "INVALID_AMOUNT", "amount"),
    "pay 3 decimals": lambda w: (*pay(w, amount="0.001"), "INVALID_AMOUNT", "amount"),
    "pay NaN": lambda w: (*pay(w, amount="NaN"), "INVALID_AMOUNT", "amount"),
    # limits
    "pay over per-transaction limit": lambda w: (*pay(w, amount="500.01"), "TRANSACTION_LIMIT_EXCEEDED", "amount"),
    "withdraw over per-transaction limit": lambda w: (
        WITHDRAW,
        "payer",
        {"amount": "600", "idempotencyKey": "k"},
        "TRANSACTION_LIMIT_EXCEEDED",
        "amount",
    ),
    "pay over daily limit": lambda w: (
        *pay(w, amount="480.00"),
        "DAILY_LIMIT_EXCEEDED",
        "amount",
    ),  # 30 already paid today... see setup
    # identity and card
    "identity check digit": lambda w: (
        VERIFY,
        "newcomer",
        {"realName": "王芳", "idNumber": wrong_check(id_number())},
        "INVALID_ID_NUMBER",
        "idNumber",
    ),
    "identity too short": lambda w: (
        VERIFY,
        "newcomer",
        {"realName": "王芳", "idNumber": "1101051990030712"},
        "INVALID_ID_NUMBER",
        "idNumber",
    ),
    "identity birth date": lambda w: (
        VERIFY,
        "newcomer",
        {"realName": "王芳", "idNumber": id_number("11010519901332123")},
        "INVALID_ID_NUMBER",
        "idNumber",
    ),
    "identity blank name": lambda w: (
        VERIFY,
        "newcomer",
        {"realName": "  ", "idNumber": id_number()},
        "INVALID_REAL_NAME",
        "realName",
    ),
    "card fails Luhn": lambda w: (
        BIND,
        "payer",
        {"cardNumber": wrong_check(card_number()), "holderName": "Li Lei", "bankName": "ICBC"},
        "INVALID_CARD_NUMBER",
        "cardNumber",
    ),
    "card holder not the verified name": lambda w: (
        BIND,
        "payer",
        {"cardNumber": card_number("62284804025648900"), "holderName": "Han Meimei", "bankName": "ICBC"},
        "CARD_HOLDER_MISMATCH",
        "holderName",
    ),
    "card before identity": lambda w: (
        BIND,
        "newcomer",
        {"cardNumber": card_number(), "holderName": "X", "bankName": "ICBC"},
        "IDENTITY_NOT_VERIFIED",
        None,
    ),
    "deposit without a card": lambda w: (
        DEPOSIT,
        "newcomer",
        {"amount": "1.00", "idempotencyKey": "k"},
        "NO_BANK_CARD",
        None,
    ),
    "pay without identity": lambda w: (
        PAY,
        "newcomer",
        {"payee": w["payee"].email, "amount": "1.00", "idempotencyKey": "k"},
        "IDENTITY_NOT_VERIFIED",
        None,
    ),
    # payees and funds
    "pay yourself": lambda w: (*pay(w, payee=w["payer"].email), "CANNOT_PAY_SELF", "payee"),
    "pay yourself by id": lambda w: (*pay(w, payee=gid("User", w["payer"].id)), "CANNOT_PAY_SELF", "payee"),
    "pay by an integer id": lambda w: (*pay(w, payee=str(w["payee"].id)), "UNKNOWN_PAYEE", "payee"),
    "unknown payee email": lambda w: (*pay(w, payee="nobody@example.com"), "UNKNOWN_PAYEE", "payee"),
    "unknown payee id": lambda w: (*pay(w, payee="987654321"), "UNKNOWN_PAYEE", "payee"),
    "payee neither email nor id": lambda w: (*pay(w, payee="bob"), "UNKNOWN_PAYEE", "payee"),
    "insufficient funds": lambda w: (
        PAY,
        "stranger",
        {"payee": w["payee"].email, "amount": "1.00", "idempotencyKey": "k"},
        "INSUFFICIENT_FUNDS",
        "amount",
    ),
    "withdraw more than available": lambda w: (
        WITHDRAW,
        "payee",
        {"amount": "31.00", "idempotencyKey": "k"},
        "INSUFFICIENT_FUNDS",
        "amount",
    ),
    "auto-confirm days out of range": lambda w: (
        *pay(w, guarantee=True, autoConfirmDays=0),
        "INVALID_AUTO_CONFIRM_DAYS",
        "autoConfirmDays",
    ),
    "auto-confirm days without guarantee": lambda w: (
        *pay(w, autoConfirmDays=5),
        "INVALID_AUTO_CONFIRM_DAYS",
        "autoConfirmDays",
    ),
    "memo too long": lambda w: (*pay(w, memo="x" * 201), "INVALID_MEMO", "memo"),
    # escrow actions
    "confirm someone else's payment": lambda w: (
        CONFIRM,
        "stranger",
        {"paymentId": w["held"]},
        "NOT_FOUND",
        "paymentId",
    ),
    "payee confirms": lambda w: (CONFIRM, "payee", {"paymentId": w["held"]}, "FORBIDDEN", "paymentId"),
    "confirm a direct payment": lambda w: (
        CONFIRM,
        "payer",
        {"paymentId": w["direct"]},
        "PAYMENT_NOT_HELD",
        "paymentId",
    ),
    "refund a direct payment": lambda w: (REFUND, "payee", {"paymentId": w["direct"]}, "PAYMENT_NOT_HELD", "paymentId"),
    "confirm an unknown payment": lambda w: (CONFIRM, "payer", {"paymentId": "424242"}, "NOT_FOUND", "paymentId"),
    # idempotency keys
    "empty key": lambda w: (*pay(w, idempotencyKey=""), "INVALID_IDEMPOTENCY_KEY", "idempotencyKey"),
    "blank key": lambda w: (
        DEPOSIT,
        "payer",
        {"amount": "1.00", "idempotencyKey": "   "},
        "INVALID_IDEMPOTENCY_KEY",
        "idempotencyKey",
    ),
    "key of 256 characters": lambda w: (
        WITHDRAW,
        "payer",
        {"amount": "1.00", "idempotencyKey": "k" * 256},
        "INVALID_IDEMPOTENCY_KEY",
        "idempotencyKey",
    ),
    "key reused with other parameters": lambda w: (
        *pay(w, idempotencyKey="held", amount="21.00"),
        "IDEMPOTENCY_KEY_REUSED",
        "idempotencyKey",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_input_writes_nothing(case, gql, world, db):
    document, who, values, code, field = CASES[case](world)
    if case == "pay over daily limit":
        # 30 paid in setup; 480 more stays under the per-transaction limit but 30 + 300 + 480 > 800.
        assert (
            mutate(
                gql.as_user(world["payer"].email),
                PAY,
                payee=world["payee"].email,
                amount="300.00",
                idempotencyKey="first-today",
            )["userErrors"]
            == []
        )
    client = gql.as_user(world[who].email)
    before = ledger_snapshot(db)
    payload = mutate(client, document, **values)
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)], payload
    assert all(e["message"] for e in payload["userErrors"])
    assert ledger_snapshot(db) == before


def test_key_of_255_characters_is_accepted(gql, world):
    client = gql.as_user(world["payer"].email)
    assert mutate(client, DEPOSIT, amount="1.00", idempotencyKey="k" * 255)["userErrors"] == []


def test_frozen_user_cannot_move_money(gql, world, db, clock):
    with db.write() as session:
        users_service.set_frozen(session=session, email=world["payer"].email, frozen=True, clock=clock)
    client = gql.as_user(world["payer"].email)
    before = ledger_snapshot(db)
    for document, values in (
        (DEPOSIT, {"amount": "1.00", "idempotencyKey": "f1"}),
        (WITHDRAW, {"amount": "1.00", "idempotencyKey": "f2"}),
        (PAY, {"payee": world["payee"].email, "amount": "1.00", "idempotencyKey": "f3"}),
        (CONFIRM, {"paymentId": world["held"]}),
    ):
        assert [e["code"] for e in mutate(client, document, **values)["userErrors"]] == ["USER_FROZEN"]
    assert ledger_snapshot(db) == before
