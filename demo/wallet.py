"""Demo wallets: every demo customer has a verified identity, a bound card and deposits;
their histories hold direct payments and guarantee payments in different states (held,
refund requested, disputed, released, refunded) and a withdrawal. Built through the same
service functions as real requests, so the ledger verifies."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from core.clock import Clock
from core.settings import Settings
from wallet import cash, identity, payments

# (email, real name, 17 digits of the identity number: area, birth date, sequence, card)
DEMO_HOLDERS = (
    ("alice@example.com", "Alice Wang", "11010519850312002", "6222020200112233445"),
    ("bob@example.com", "Bob Li", "31010419900521003", "6228480402564890018"),
    ("carol@example.com", "Carol Zhang", "44030519780808004", "6217000010012345678"),
    ("dave@example.com", "Dave Chen", "51010719951130005", "6225880137700001111"),
    ("erin@example.com", "Erin Zhao", "33010619700101006", "6214830212345678901"),
)
DEPOSITS = {
    "alice@example.com": ("20000.00", "5000.00"),
    "bob@example.com": ("30000.00",),
    "carol@example.com": ("50000.00", "12000.00"),
    "dave@example.com": ("80000.00",),
    "erin@example.com": ("50000.00", "50000.00", "50000.00"),
}


def luhn_complete(partial: str) -> str:
    """``partial`` plus the Luhn check digit."""
    for digit in "0123456789":
        if identity.luhn_valid(partial + digit):
            return partial + digit
    raise AssertionError("unreachable")


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict:
    users = seeded["users"]
    ids = {email: users[email].id for email, *_ in DEMO_HOLDERS}
    for email, name, body, card in DEMO_HOLDERS:
        identity.verify_identity(
            session=session,
            clock=clock,
            settings=settings,
            user_id=ids[email],
            real_name=name,
            id_number=body + identity.id_check_character(body),
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=ids[email],
            card_number=luhn_complete(card[:-1]),
            holder_name=name,
            bank_name="China Merchants Bank",
        )
        for number, amount in enumerate(DEPOSITS[email]):
            cash.deposit(
                session=session,
                clock=clock,
                settings=settings,
                user_id=ids[email],
                amount=Decimal(amount),
                idempotency_key=f"demo-deposit-{number}",
            )

    def pay(payer: str, payee: str, amount: str, memo: str, key: str, guarantee: bool = False) -> int:
        return payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=ids[payer],
            payee=payee,
            amount=Decimal(amount),
            memo=memo,
            idempotency_key=key,
            guarantee=guarantee,
        ).payment_id

    alice, bob, carol, dave, erin = (email for email, *_ in DEMO_HOLDERS)
    pay(alice, bob, "88.00", "Dinner, split", "demo-pay-1")
    pay(bob, carol, "1200.00", "Rent share", "demo-pay-2")
    pay(dave, alice, "66.60", "Birthday gift", "demo-pay-3")
    held = pay(carol, dave, "2599.00", "Second-hand camera", "demo-pay-4", guarantee=True)
    released = pay(erin, alice, "350.00", "Tea set", "demo-pay-5", guarantee=True)
    payments.confirm(session=session, clock=clock, user_id=ids[erin], payment_id=released)
    refunded = pay(bob, erin, "199.00", "Concert ticket", "demo-pay-6", guarantee=True)
    payments.refund(session=session, clock=clock, user_id=ids[erin], payment_id=refunded, reason="Event cancelled")
    requested = pay(dave, carol, "780.00", "Bicycle", "demo-pay-7", guarantee=True)
    payments.request_refund(
        session=session,
        clock=clock,
        settings=settings,
        user_id=ids[dave],
        payment_id=requested,
        reason="Arrived damaged",
    )
    disputed = pay(alice, carol, "120.00", "Books", "demo-pay-8", guarantee=True)
    payments.request_refund(
        session=session,
        clock=clock,
        settings=settings,
        user_id=ids[alice],
        payment_id=disputed,
        reason="Two books missing",
    )
    payments.decline_refund(
        session=session, clock=clock, user_id=ids[carol], payment_id=disputed, reason="All were sent"
    )
    cash.withdraw(
        session=session,
        clock=clock,
        settings=settings,
        user_id=ids[bob],
        amount=Decimal("500.00"),
        idempotency_key="demo-withdraw-1",
    )
    return {
        "payments": {
            "held": held,
            "released": released,
            "refunded": refunded,
            "requested": requested,
            "disputed": disputed,
        }
    }
