"""Fixtures of the lending tests: ``desk`` funds the lender, fits the model, builds merchants
with a year of sales through the real payment service (dated in past months), and runs the
collection job; each step in its own transaction, like the jobs and the API."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from credit import service as credit
from ledger.accounts import user_balance
from ledger.kinds import CNY, Purpose
from lending import schedule
from lending import service as lending
from lending.models import Loan, LoanInstalment, LoanRepayment
from tests.conftest import SHANGHAI, test_settings
from tests.wallet.conftest import ledger_problems, ready_user  # noqa: F401 - fixtures
from wallet import cash, payments

D = Decimal
_keys = itertools.count(1)


class Desk:
    def __init__(self, db, clock, settings, ready_user) -> None:
        self.db, self.clock, self.settings, self.ready_user = db, clock, settings, ready_user
        self._buyers: list = []

    # --- set-up -------------------------------------------------------------------------
    def fund(self, capital: str = "10000000", bank: str | None = "5000000") -> None:
        with self.db.write() as session:
            lending.fund(
                session=session,
                clock=self.clock,
                settings=self.settings,
                kind="CAPITAL",
                amount=D(capital),
                actor="test",
            )
            if bank:
                lending.fund(
                    session=session,
                    clock=self.clock,
                    settings=self.settings,
                    kind="BANK_LINE",
                    amount=D(bank),
                    actor="test",
                )

    def model(self) -> None:
        with self.db.write() as session:
            credit.fit_from_simulation(session=session, clock=self.clock, count=3000, seed=7)

    def buyers(self, n: int = 30) -> list:
        while len(self._buyers) < n:
            self._buyers.append(self.ready_user(deposit="5000000"))
        return self._buyers

    def at(self, day: date, hour: int = 10, minute: int = 0) -> None:
        self.clock.set(datetime.combine(day, time(hour, minute), SHANGHAI))

    def sell(self, merchant, buyer, amount: str, day: date, minute: int = 0) -> int:
        saved = self.clock.now()
        self.at(day, 11, minute)
        with self.db.write() as session:
            paid = payments.pay(
                session=session,
                clock=self.clock,
                settings=self.settings,
                payer_id=buyer.id,
                payee=merchant.email,
                amount=D(amount),
                idempotency_key=f"sale-{next(_keys)}",
                guarantee=True,
            )
            payments.confirm(session=session, clock=self.clock, user_id=buyer.id, payment_id=paid.payment_id)
        self.clock.set(max(saved, self.clock.now()))
        return paid.payment_id

    def merchant(
        self,
        *,
        monthly: str = "30000.00",
        months: int = 12,
        orders: int = 4,
        consent: bool = True,
        autopay: bool = False,
    ):
        """A verified merchant with ``months`` months of steady sales before this month."""
        merchant = self.ready_user(deposit="0")
        buyers = self.buyers()
        today = self.clock.today()
        saved = self.clock.now()
        for k in range(1, months + 1):
            month = schedule.add_months(today.replace(day=1), -k)
            for j in range(orders):
                buyer = buyers[(k * orders + j) % len(buyers)]
                self.sell(merchant, buyer, str(D(monthly) / orders), month + timedelta(days=3 + j), minute=j)
            self.at(month + timedelta(days=20))
            with self.db.write() as session:
                for b in range(3):
                    payments.pay(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        payer_id=merchant.id,
                        payee=buyers[b].email,
                        amount=D("20.00"),
                        idempotency_key=f"buy-{next(_keys)}",
                    )
        self.clock.set(saved)
        self.spend_all(merchant)  # the takings went to the bank: the wallet starts empty
        if consent:
            self.consent(merchant, autopay=autopay)
        return merchant

    def consent(self, user, *, autopay: bool = False, granted: bool = True) -> None:
        with self.db.write() as session:
            credit.set_consent(
                session=session, clock=self.clock, user_id=user.id, granted=granted, money_fund_autopay=autopay
            )

    def score(self, day: date | None = None) -> int:
        with self.db.write() as session:
            return credit.score_users(
                session=session, clock=self.clock, settings=self.settings, as_of=day or self.clock.today()
            )

    def offer(self, user):
        with self.db.read() as session:
            return lending.offer(session=session, settings=self.settings, user_id=user.id)

    # --- lending ------------------------------------------------------------------------
    def apply(self, user, amount: str, term: int = 3, repayment: str = "EQUAL_PAYMENTS", key: str | None = None):
        with self.db.write() as session:
            return lending.apply(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user.id,
                amount=D(amount),
                term_months=term,
                repayment=repayment,
                idempotency_key=key or f"apply-{next(_keys)}",
            )

    def repay(self, user, loan_id: int, amount: str, key: str | None = None) -> int:
        with self.db.write() as session:
            return lending.repay(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user.id,
                loan_id=loan_id,
                amount=D(amount),
                idempotency_key=key or f"repay-{next(_keys)}",
            )

    def collect(self, day: date):
        """The collection of ``day``, once it is over (00:30 the next day, as the scheduler)."""
        if self.clock.today() <= day:
            self.clock.set(datetime.combine(day + timedelta(days=1), time(0, 30), SHANGHAI))
        return lending.collect(database=self.db, clock=self.clock, settings=self.settings, day=day)

    def collect_daily(self, start: date, end: date) -> None:
        day = start
        while day <= end:
            self.collect(day)
            day += timedelta(days=1)

    def cash(self, user) -> Decimal:
        with self.db.read() as session:
            return D(user_balance(session, user_id=user.id, purpose=Purpose.CASH, asset=CNY)) / 100

    def deposit(self, user, amount: str) -> None:
        with self.db.write() as session:
            cash.deposit(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user.id,
                amount=D(amount),
                idempotency_key=f"dep-{next(_keys)}",
            )

    def spend_all(self, user) -> None:
        """The merchant moves every fen out (a withdrawal)."""
        balance = self.cash(user)
        if balance > 0:
            with self.db.write() as session:
                cash.withdraw(
                    session=session,
                    clock=self.clock,
                    settings=self.settings,
                    user_id=user.id,
                    amount=balance,
                    idempotency_key=f"out-{next(_keys)}",
                )

    def loan(self, loan_id: int) -> Loan:
        with self.db.read() as session:
            loan = session.get(Loan, loan_id)
            session.expunge(loan)
            return loan

    def instalments(self, loan_id: int) -> list[LoanInstalment]:
        with self.db.read() as session:
            rows = list(
                session.execute(
                    select(LoanInstalment).where(LoanInstalment.loan_id == loan_id).order_by(LoanInstalment.seq)
                ).scalars()
            )
            session.expunge_all()
            return rows

    def repayments(self, loan_id: int) -> list[LoanRepayment]:
        with self.db.read() as session:
            rows = list(
                session.execute(
                    select(LoanRepayment).where(LoanRepayment.loan_id == loan_id).order_by(LoanRepayment.id)
                ).scalars()
            )
            session.expunge_all()
            return rows

    def figures(self) -> lending.Figures:
        with self.db.read() as session:
            return lending.figures(session)

    def problems(self) -> list[str]:
        return ledger_problems(self.db)


@pytest.fixture
def settings():
    """Merchants move a year of takings at once: payment and withdrawal limits out of the way."""
    return test_settings(payment_limit_per_transaction=Decimal("100000000"), payment_limit_daily=Decimal("1000000000"))


@pytest.fixture
def desk(db, clock, settings, ready_user) -> Desk:
    return Desk(db, clock, settings, ready_user)


@pytest.fixture
def lent(desk):
    """A funded lender, a fitted model and a scored merchant with a year of sales."""
    desk.fund()
    desk.model()
    merchant = desk.merchant()
    desk.score()
    return desk, merchant
