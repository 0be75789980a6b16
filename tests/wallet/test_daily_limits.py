"""The daily limit (``ROBO_PAYMENT_LIMIT_DAILY``) counts every way a user's money leaves for
someone else or the bank: direct and guarantee payments, payments from the money-fund
balance, and withdrawals; all of them share one total per day, and each reaches it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import DomainError
from investing import fund_payments
from investing.kinds import DailyJob
from tests.conftest import test_settings
from tests.investing.conftest import catalogue, desk, funds, investor, staff  # noqa: F401 - fixtures
from wallet import cash
from wallet.kinds import PaymentSource

FRI = date(2026, 11, 27)
DAILY = Decimal("1500")


@pytest.fixture
def settings():
    return test_settings(payment_limit_daily=DAILY, payment_limit_per_transaction=Decimal("1200"))


@pytest.fixture
def payer(investor, desk, funds, db, clock, settings):
    """3,000.00 in the money fund (confirmed) and 3,000.00 cash, on Friday morning."""
    user = investor("C1", deposit="3000")
    desk.subscribe(user, funds.mmf, "3000")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    desk.on(FRI, 10)
    with db.write() as session:
        cash.deposit(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            amount=Decimal("3000"),
            idempotency_key="cash",
        )
    return user


PATHS = ("direct", "guarantee", "money fund", "withdrawal")


def send(db, clock, settings, payer, payee, path: str, amount: str, key: str) -> None:
    with db.write() as session:
        if path == "withdrawal":
            cash.withdraw(
                session=session,
                clock=clock,
                settings=settings,
                user_id=payer.id,
                amount=Decimal(amount),
                idempotency_key=key,
            )
            return
        fund_payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=Decimal(amount),
            idempotency_key=key,
            guarantee=path == "guarantee",
            source=PaymentSource.MONEY_FUND if path == "money fund" else PaymentSource.WALLET,
        )


@pytest.mark.parametrize("path", PATHS)
def test_every_path_reaches_the_daily_limit_and_shares_it(path, payer, investor, db, clock, settings, desk):
    payee = investor("C1", deposit="0")
    send(db, clock, settings, payer, payee, path, "1000.00", "first")
    with pytest.raises(DomainError) as refused:
        send(db, clock, settings, payer, payee, path, "500.01", "over")
    assert (refused.value.code, refused.value.field) == ("DAILY_LIMIT_EXCEEDED", "amount")
    assert "¥500.00 is left today" in refused.value.message
    # The rest of the day's limit is shared by every other path, and reachable by each.
    for n, other in enumerate(p for p in PATHS if p != path):
        with pytest.raises(DomainError) as also:
            send(db, clock, settings, payer, payee, other, "500.01", f"other-{n}")
        assert also.value.code == "DAILY_LIMIT_EXCEEDED", other
    send(db, clock, settings, payer, payee, path, "500.00", "exactly")
    with pytest.raises(DomainError) as full:
        send(db, clock, settings, payer, payee, PATHS[(PATHS.index(path) + 1) % len(PATHS)], "0.01", "full")
    assert full.value.code == "DAILY_LIMIT_EXCEEDED"
    assert desk.problems() == []
