"""A pool over simulated months, in process, on a settable clock: merchants borrow from the
real lender (``lending.simulation.draw_loan``) and repay through the real collection job (the
simulation puts each instalment in a good borrower's wallet before its due date; a loan drawn
bad pays its first instalment and nothing after, so it goes into default at 90 days past due
and is written off at 180); the pool closes, buys, revolves and pays through the real services
(``run_pools``). After each monthly run the caller's ``check`` sees the month.

Scenarios (the chance that a new loan goes bad, and a spike of months with a higher chance):
``NORMAL`` (1%), ``TRIGGER`` (a spike that trips the cumulative-default trigger during the
revolving period), ``LOSSES`` (a spike big enough to go through the subordinated tranche).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from core.clock import ManualClock
from core.settings import Settings
from db.session import Database
from investing.models import LoanPayment
from lending import schedule
from lending import service as lending
from lending import simulation as book
from lending.models import Loan, LoanInstalment
from securitisation import service
from securitisation.models import AbsRun
from wallet import cash


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    bad_rate: float
    spike: tuple[int, int] = (0, 0)  # months [from, to) of the simulation
    spike_rate: float = 0.0

    def rate(self, month: int) -> float:
        return self.spike_rate if self.spike[0] <= month < self.spike[1] else self.bad_rate


NORMAL = Scenario("normal", 0.0)
TRIGGER = Scenario("trigger", 0.01, (3, 6), 0.3)
LOSSES = Scenario("losses", 0.02, (3, 9), 0.9)


@dataclass
class Month:
    period: int
    day: date
    run: dict[str, Any]
    coupons: int  # what the senior holders received as interest for the month (fen)


@dataclass
class Simulation:
    database: Database
    clock: ManualClock
    settings: Settings
    scenario: Scenario
    start: date
    merchants: int = 60
    months: int = 24
    seed: int = 1
    zone: Any = None
    tag: str = "abs"
    borrow_share: float = 0.5  # the chance a merchant without a loan borrows this month
    until: date | None = None  # the simulation stops here (the demo: today)
    months_run: list[Month] = field(default_factory=list)
    _rng: random.Random = field(init=False)
    _merchants: list[int] = field(default_factory=list)
    _bad: set[int] = field(default_factory=set)
    _funded: dict[int, int] = field(default_factory=dict)  # loan id -> instalments funded
    _keys: int = 0

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def at(self, day: date, hour: int = 10) -> None:
        self.clock.set(datetime.combine(day, time(hour), self.zone or self.clock.zone))

    def set_up(self, capital: str = "50000000") -> None:
        self.at(self.start, 9)
        with self.database.write() as session:
            lending.fund(
                session=session,
                clock=self.clock,
                settings=self.settings,
                kind="CAPITAL",
                amount=Decimal(capital),
                actor="sim",
            )
            for n in range(self.merchants):
                self._merchants.append(
                    book.verified_person(
                        session,
                        self.clock,
                        self.settings,
                        email=f"{self.tag}-m{n}@sim.example",
                        n=900_000 + n,
                        tag="Merchant",
                    )
                )

    def _open(self, session) -> set[int]:
        return set(
            session.execute(
                select(Loan.borrower_id).where(Loan.status.in_(("CURRENT", "OVERDUE", "DEFAULTED")))
            ).scalars()
        )

    def borrow(self, month: int) -> int:
        """Merchants without an open loan (and never bad) borrow; some loans are drawn bad."""
        drawn = 0
        with self.database.write() as session:
            busy = self._open(session)
            for merchant in self._merchants:
                if merchant in busy or merchant in self._bad or self._rng.random() > self.borrow_share:
                    continue
                amount = self._rng.randrange(20, 61) * 1000_00
                term = self._rng.choice((3, 6, 9, 12))
                grade = self._rng.choice("ABC")
                loan_id = book.draw_loan(
                    session,
                    clock=self.clock,
                    settings=self.settings,
                    borrower_id=merchant,
                    amount=amount,
                    term_months=term,
                    grade=grade,
                )
                for part in (amount // 2, amount - amount // 2):  # the merchant spends the loan on stock
                    self._keys += 1
                    cash.withdraw(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=merchant,
                        amount=Decimal(part).scaleb(-2),
                        idempotency_key=f"{self.tag}-stock-{self._keys}",
                    )
                if self._rng.random() < self.scenario.rate(month):
                    self._bad.add(merchant)
                    self._funded[loan_id] = -1  # pays the first instalment only
                drawn += 1
        return drawn

    def fund_instalments(self, until: date) -> None:
        """Put in each borrower's wallet what their loans owe by ``until`` (bad loans: only
        the first instalment), as the takings of their sales would."""
        with self.database.write() as session:
            rows = session.execute(
                select(
                    LoanInstalment.loan_id,
                    LoanInstalment.seq,
                    Loan.borrower_id,
                    LoanInstalment.principal
                    + LoanInstalment.interest
                    - LoanInstalment.paid_principal
                    - LoanInstalment.paid_interest,
                )
                .join(Loan, Loan.id == LoanInstalment.loan_id)
                .where(
                    LoanInstalment.status == "DUE",
                    LoanInstalment.due_date <= until,
                    Loan.status.in_(("CURRENT", "OVERDUE")),
                )
                .order_by(LoanInstalment.loan_id, LoanInstalment.seq)
            ).all()
            for loan_id, seq, borrower, owed in rows:
                bad = self._funded.get(loan_id, 0) == -1
                if (bad and seq > 1) or self._funded.get(loan_id, 0) >= seq:
                    continue
                self._keys += 1
                if owed > 0:
                    cash.deposit(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=borrower,
                        amount=Decimal(owed).scaleb(-2),
                        idempotency_key=f"{self.tag}-sales-{self._keys}",
                    )
                if not bad:
                    self._funded[loan_id] = seq

    def collect(self, first: date, last: date) -> None:
        """The daily collection job for each day of ``[first, last]``, once the day is over
        (at 00:30 the next day, as the scheduler runs it)."""
        day = first
        if self.until is not None:
            last = min(last, self.until)
        while day <= last:
            self.clock.set(datetime.combine(day + timedelta(days=1), time(0, 30), self.zone or self.clock.zone))
            lending.collect(database=self.database, clock=self.clock, settings=self.settings, day=day)
            day += timedelta(days=1)

    def run(
        self,
        *,
        open_pool: Callable[[date], int],
        check: Callable[[Month], None] | None = None,
        close_month: int = 3,
        payment_day: int = 25,
    ) -> list[Month]:
        """Month by month: borrowing at the month's start and the instalments funded; in the
        month before closing, ``open_pool(day)`` creates the pool and places its senior units
        (the pool's id); then the pool's job on each payment date (the 25th)."""
        pool_id: int | None = None
        for month in range(self.months):
            first = schedule.add_months(self.start, month)
            self.at(first)
            self.borrow(month)
            if month == close_month - 1:
                pool_id = open_pool(first)
            self.at(first, 11)
            nxt = schedule.add_months(first, 1)
            self.fund_instalments(nxt)
            pay = date(first.year, first.month, payment_day)
            if pay < first:
                pay = date(nxt.year, nxt.month, payment_day)
            self.collect(first, pay)  # daily, as the job runs (each loan only on the days it has something due)
            report = service.run_pools(database=self.database, clock=self.clock, settings=self.settings, day=pay)
            refused = [r for r in report.runs if r.result == "REFUSED"]
            if refused:
                raise AssertionError(f"the pool's job refused on {pay}: {refused[0].message}")
            self.collect(pay + timedelta(days=1), nxt - timedelta(days=1))
            if pool_id is None:
                continue
            with self.database.read() as session:
                product_id = service.tranches_of(session, pool_id)[0].product_id
                for run in session.execute(
                    select(AbsRun).where(AbsRun.pool_id == pool_id, AbsRun.date == pay)
                ).scalars():
                    coupons = int(
                        session.execute(
                            select(func.coalesce(func.sum(LoanPayment.interest), 0)).where(
                                LoanPayment.product_id == product_id, LoanPayment.period == run.period
                            )
                        ).scalar_one()
                    )
                    done = Month(
                        run.period, run.date, {c.name: getattr(run, c.name) for c in AbsRun.__table__.columns}, coupons
                    )
                    self.months_run.append(done)
                    if check is not None:
                        check(done)
        return self.months_run
