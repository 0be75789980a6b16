"""The daily jobs, idempotent per (job, product, day), each (product, day) in its own
transaction so a big fund never holds everything up.

- ``CONFIRM_ORDERS`` (``investing.confirmation``): on day D, confirm the orders whose
  confirmation day (fixed when they were placed) is D or earlier, each at its own
  confirmation day however late the run (an order whose price is not recorded yet waits), and
  pay redemption cash due by D.
- ``ACCRUE_INCOME`` (``investing.income``): distribute each money fund's income of day D (once D
  is over; a fund whose income of D is not recorded yet waits, and so does a fund with an
  earlier day not distributed yet (days go in order, none skipped) or with subscriptions
  that a confirmation run up to D should have confirmed: income starts on the confirmation
  day, so confirming them after D's income would cost their holders that day).
- ``PROCESS_LOANS`` (``investing.loans``): pay the loan products' coupons and principal due by D.
- ``RELEASE_ESCROWS``: release held guarantee payments whose time has come
  (``wallet.payments.release_due``; idempotent by nature).

A run first claims (job, product, day) in ``daily_job_runs`` (``INSERT ... ON CONFLICT DO
NOTHING``, in the same transaction as the effect): a second run of the same day finds the claim
and changes nothing, a concurrent one waits for the first to commit (PostgreSQL) and then
finds it, and a run killed half-way rolls back its claim with everything else, so a re-run
finishes the day exactly once. A confirmation run that left orders waiting for a price gives
its claim back, so the day can be run again once the price is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import cast

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError, t
from db.base import table_of
from db.session import Database, insert_if_absent
from investing import confirmation, income, loans
from investing.errors import InvestingErrorCode
from investing.kinds import DailyJob
from investing.models import DailyJobRun
from products import prices
from products import service as products
from products.kinds import ProductKind
from wallet import payments

# ``__table__`` is typed FromClause on the declarative base; a mapped class's table is a Table.
RUNS = table_of(DailyJobRun)
ESCROW_BATCH = 500

Progress = Callable[[int, int, str], None]  # (done, total, what was just done)


class Result(StrEnum):
    DONE = "DONE"  # the day's work for this product was done now
    ALREADY_DONE = "ALREADY_DONE"  # an earlier run did it; nothing changed
    WAITING = "WAITING"  # waiting for a price or an income figure
    NOTHING = "NOTHING"  # nothing was due
    REFUSED = "REFUSED"  # the product's day cannot run (the message says why)


@dataclass(frozen=True, slots=True)
class ProductRun:
    product_id: int | None
    code: str
    result: Result
    items: int = 0  # orders confirmed + settled, holdings paid, payments made, escrows released
    amount: int | None = None  # fen: income distributed, or loan cash paid
    message: str = ""


@dataclass(frozen=True, slots=True)
class JobReport:
    job: DailyJob
    day: date
    runs: tuple[ProductRun, ...]

    @property
    def items(self) -> int:
        return sum(run.items for run in self.runs)


def claim(session: Session, *, job: DailyJob, product_id: int, day: date, now: datetime) -> bool:
    """Claim (job, product, day); False when an earlier (committed) run holds it."""
    insert_if_absent(
        session,
        DailyJobRun,
        dict(job=str(job), product_id=product_id, day=day, item_count=-1, total=None, created_at=now),
        unique=["job", "product_id", "day"],
    )
    row = session.execute(
        select(RUNS.c.id, RUNS.c.item_count).where(
            RUNS.c.job == str(job), RUNS.c.product_id == product_id, RUNS.c.day == day
        )
    ).one()
    item_count: int = row.item_count
    return item_count == -1  # -1: claimed by this transaction, not finished yet


def _finish(session: Session, *, job: DailyJob, product_id: int, day: date, items: int, total: int | None) -> None:
    session.execute(
        update(RUNS)
        .where(RUNS.c.job == str(job), RUNS.c.product_id == product_id, RUNS.c.day == day)
        .values(item_count=items, total=total)
    )


def _give_back(session: Session, *, job: DailyJob, product_id: int, day: date) -> None:
    session.execute(delete(RUNS).where(RUNS.c.job == str(job), RUNS.c.product_id == product_id, RUNS.c.day == day))


def check_day(job: DailyJob, day: date, clock: Clock) -> None:
    today = clock.today()
    if job is DailyJob.ACCRUE_INCOME and day >= today:
        raise DomainError(
            InvestingErrorCode.INVALID_JOB_DATE,
            t("A day's income is distributed once the day is over.", "当日收益须在当日结束后才能发放。"),
            "date",
        )
    if day > today:
        raise DomainError(
            InvestingErrorCode.INVALID_JOB_DATE,
            t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来的日期。"),
            "date",
        )


def product_ids_for(session: Session, *, job: DailyJob, day: date) -> list[int]:
    """The products a job has work for on ``day``, and those it already did that day."""
    if job is DailyJob.CONFIRM_ORDERS:
        due = confirmation.due_product_ids(session, day=day)
    elif job is DailyJob.ACCRUE_INCOME:
        from investing.portfolio import money_fund_ids

        due = money_fund_ids(session)
    elif job is DailyJob.PROCESS_LOANS:
        due = loans.due_product_ids(session)
    else:
        return []
    done = session.execute(select(RUNS.c.product_id).where(RUNS.c.job == str(job), RUNS.c.day == day)).scalars()
    return sorted(set(due) | set(done))


def run_product(session: Session, *, job: DailyJob, clock: Clock, product_id: int, day: date) -> ProductRun:
    """The job for one product and day, in the caller's transaction."""
    product = products.get_product(session=session, product_id=product_id)
    code = product.code
    if job is DailyJob.ACCRUE_INCOME:
        if ProductKind(product.kind) is not ProductKind.MONEY_FUND:
            return ProductRun(product_id, code, Result.NOTHING, message="not a money fund")
        rate = prices.income_on(session=session, product_id=product_id, day=day)
        if rate is None:
            return ProductRun(product_id, code, Result.WAITING, message=f"income of {day.isoformat()} not recorded yet")
    if not claim(session, job=job, product_id=product_id, day=day, now=clock.now()):
        return ProductRun(product_id, code, Result.ALREADY_DONE, message="already done")
    if job is DailyJob.CONFIRM_ORDERS:
        outcome = confirmation.confirm_product(session, clock=clock, product=product, day=day)
        waiting = sum(outcome.waiting.values())
        if waiting:
            _give_back(session, job=job, product_id=product_id, day=day)
            days = ", ".join(d.isoformat() for d in sorted(outcome.waiting))
            return ProductRun(
                product_id,
                code,
                Result.WAITING,
                outcome.items,
                message=f"{outcome.confirmed} confirmed, {outcome.settled} settled; "
                f"{waiting} order(s) wait for the NAV of {days}",
            )
        _finish(session, job=job, product_id=product_id, day=day, items=outcome.items, total=None)
        return ProductRun(
            product_id,
            code,
            Result.DONE if outcome.items else Result.NOTHING,
            outcome.items,
            message=f"{outcome.confirmed} confirmed, {outcome.failed} failed, {outcome.settled} settled",
        )
    if job is DailyJob.ACCRUE_INCOME:
        missing = income.first_missing_day(session, product_id=product_id, day=day)
        if missing is not None:
            _give_back(session, job=job, product_id=product_id, day=day)
            return ProductRun(
                product_id,
                code,
                Result.WAITING,
                message=f"waiting for the income of {missing.isoformat()} to be distributed first",
            )
        unconfirmed = confirmation.awaiting_confirmation(session, product_id=product_id, day=day)
        if unconfirmed:
            _give_back(session, job=job, product_id=product_id, day=day)
            return ProductRun(
                product_id,
                code,
                Result.WAITING,
                message=f"waiting for {unconfirmed} order(s) to be confirmed first (confirm-orders "
                f"up to {day.isoformat()})",
            )
        # rate: not None, a run without the day's income returned WAITING before claiming
        distribution = income.accrue(session, clock=clock, product=product, day=day, income_per_10k=cast(Decimal, rate))
        _finish(session, job=job, product_id=product_id, day=day, items=distribution.holders, total=distribution.total)
        return ProductRun(
            product_id,
            code,
            Result.DONE,
            distribution.holders,
            distribution.total,
            message=f"{distribution.holders} holding(s) at {rate} per 10,000 units",
        )
    loan_outcome = loans.process(session, clock=clock, product=product, day=day)
    _finish(session, job=job, product_id=product_id, day=day, items=loan_outcome.payments, total=loan_outcome.cash)
    return ProductRun(
        product_id,
        code,
        Result.DONE if loan_outcome.payments else Result.NOTHING,
        loan_outcome.payments,
        loan_outcome.cash,
        message=f"{loan_outcome.payments} payment(s)",
    )


def run_daily_job(
    *, database: Database, clock: Clock, job: DailyJob, day: date, progress: Progress | None = None
) -> JobReport:
    """Run ``job`` for ``day``: every product in its own write transaction."""
    job = DailyJob(job)
    if job is DailyJob.COLLECT_LOANS:
        raise ValueError("COLLECT_LOANS is lending's job (lending.service.collect)")
    if job is DailyJob.RUN_ABS_POOLS:
        raise ValueError("RUN_ABS_POOLS is securitisation's job (securitisation.service.run_pools)")
    check_day(job, day, clock)
    if job is DailyJob.RELEASE_ESCROWS:
        return JobReport(job, day, (_release_escrows(database, clock),))
    with database.read() as session:
        product_ids = product_ids_for(session, job=job, day=day)
    runs = []
    for index, product_id in enumerate(product_ids, 1):
        try:
            with database.write() as session:
                run = run_product(session, job=job, clock=clock, product_id=product_id, day=day)
        except DomainError as error:  # rolled back: this product's day is left as it was
            run = ProductRun(product_id, str(product_id), Result.REFUSED, message=error.message)
        runs.append(run)
        if progress is not None:
            progress(index, len(product_ids), run.code)
    return JobReport(job, day, tuple(runs))


def release_escrows(database: Database, clock: Clock) -> int | None:
    """Release every held guarantee payment whose time has come, in batches (one transaction
    each); how many, or None when another worker is releasing them (and none were here)."""
    total = 0
    while True:
        with database.write() as session:
            released = payments.release_due(session=session, clock=clock, limit=ESCROW_BATCH)
        if released is None:
            return None if total == 0 else total
        total += released
        if released < ESCROW_BATCH:
            return total


def _release_escrows(database: Database, clock: Clock) -> ProductRun:
    total = release_escrows(database, clock)
    if total is None:
        return ProductRun(None, "escrow", Result.WAITING, 0, message="another worker is releasing")
    return ProductRun(
        None, "escrow", Result.DONE if total else Result.NOTHING, total, message=f"{total} payment(s) released"
    )


def income_ready(session: Session, *, product_id: int, day: date) -> Decimal | ProductRun:
    """Whether the fund's income of ``day`` can be distributed now (without claiming it): the
    day's figure, or the run that says why not (not a money fund, figure not recorded, done
    already, an earlier day or orders to confirm first). For a job engine's planner
    (``jobs``), which then stages the shares in parallel (``investing.staged_income``)."""
    product = products.get_product(session=session, product_id=product_id)
    code = product.code
    if ProductKind(product.kind) is not ProductKind.MONEY_FUND:
        return ProductRun(product_id, code, Result.NOTHING, message="not a money fund")
    rate = prices.income_on(session=session, product_id=product_id, day=day)
    if rate is None:
        return ProductRun(product_id, code, Result.WAITING, message=f"income of {day.isoformat()} not recorded yet")
    done = session.execute(
        select(RUNS.c.id).where(
            RUNS.c.job == str(DailyJob.ACCRUE_INCOME), RUNS.c.product_id == product_id, RUNS.c.day == day
        )
    ).first()
    if done is not None:
        return ProductRun(product_id, code, Result.ALREADY_DONE, message="already done")
    missing = income.first_missing_day(session, product_id=product_id, day=day)
    if missing is not None:
        return ProductRun(
            product_id,
            code,
            Result.WAITING,
            message=f"waiting for the income of {missing.isoformat()} to be distributed first",
        )
    unconfirmed = confirmation.awaiting_confirmation(session, product_id=product_id, day=day)
    if unconfirmed:
        return ProductRun(
            product_id,
            code,
            Result.WAITING,
            message=f"waiting for {unconfirmed} order(s) to be confirmed first (confirm-orders up to {day.isoformat()})",
        )
    return rate


def book_staged_income(session: Session, *, batch_id: int, clock: Clock, product_id: int, day: date) -> ProductRun:
    """Phase 2 of a fund's income of ``day`` staged under ``batch_id``: the same checks and
    claim as ``run_product``, then ``staged_income.book_staged``, in the caller's transaction.
    ALREADY_DONE when another run (``runDailyJob``, the CLI) distributed the day meanwhile."""
    from investing import staged_income

    check_day(DailyJob.ACCRUE_INCOME, day, clock)
    ready = income_ready(session, product_id=product_id, day=day)
    if isinstance(ready, ProductRun):
        return ready
    product = products.get_product(session=session, product_id=product_id)
    if not claim(session, job=DailyJob.ACCRUE_INCOME, product_id=product_id, day=day, now=clock.now()):
        return ProductRun(product_id, product.code, Result.ALREADY_DONE, message="already done")
    distribution = staged_income.book_staged(
        session, batch_id=batch_id, clock=clock, product=product, day=day, income_per_10k=ready
    )
    _finish(
        session,
        job=DailyJob.ACCRUE_INCOME,
        product_id=product_id,
        day=day,
        items=distribution.holders,
        total=distribution.total,
    )
    return ProductRun(
        product_id,
        product.code,
        Result.DONE,
        distribution.holders,
        distribution.total,
        message=f"{distribution.holders} holding(s) at {ready} per 10,000 units",
    )
