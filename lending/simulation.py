"""``robo simulate merchants``: merchants with a hidden quality (``credit.simulation``'s
documented model) trading with simulated buyers through the real payment and escrow
services, scored by the real credit service and borrowing through the real lending service,
day by day on a clock of the simulation's own (it ends at the start time + ``months``).

Each simulated day: the day's orders (guarantee payments, then confirmed, refunded, or
disputed by a refund request the merchant declines), then, once the day is over (00:30 the next day), the collection job for the day.
On the first day of each month every consenting merchant is scored and some apply for a loan
(a part of their limit, 3, 6 or 12 months, either repayment). Whether a loan will go bad is
drawn from the merchant's probability of default (or forced for the first loan of the merchants
in ``bad_first_loan``): such a merchant stops selling and empties its wallet, that day and
every evening after, within the payment limits (to the bank with a card, else on purchases of
its own), so its instalments go unpaid: 90 days past due (default, a provision), 180
(write-off, about seven months after the loan); a third of them start selling again eight
months after the loan (a forced bad first loan's merchant always does), and half of what their
sales release repays it first (recoveries). Merchants need about a
year of sales for a limit, so a book has defaults only from about month 16 of a simulation;
``bench/credit.py`` simulates 24 months. Merchants
named in ``late_once`` empty their wallet once in the week up to a due date, so that instalment is
repaid from their next sales while overdue ("repay from sales"). Orders per
month are capped (``max_orders``, the ticket grows instead) to keep runs short.

``transact(fn)`` runs ``fn(session)`` in a transaction: a fresh one per step from
``Database.write`` (the CLI, the benchmark), or the demo's one session.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy.orm import Session

from core.clock import ManualClock
from core.errors import DomainError
from core.settings import Settings
from credit import service as credit
from credit.simulation import Merchant, draw_merchants, month_sales, orders_in_month
from lending import schedule, service
from users import service as users_service
from users.roles import Role
from wallet import cash, identity, payments

T = TypeVar("T")
Transact = Callable[[Callable[[Session], T]], T]
PASSWORD = "simulated-merchant-1"


def luhn_complete(partial: str) -> str:
    for digit in "0123456789":
        if identity.luhn_valid(partial + digit):
            return partial + digit
    raise AssertionError("unreachable")


@dataclass
class SimMerchant:
    user_id: int
    email: str
    model: Merchant
    failed_on: date | None = None
    resumes_on: date | None = None
    buyers: list[int] = field(default_factory=list)
    spend_to: str = ""  # where a merchant without a card spends a bad loan's money
    bad_first_loan: bool = False
    loans: int = 0


@dataclass
class Report:
    merchants: int = 0
    orders: int = 0
    applications: int = 0
    loans: int = 0
    declined: int = 0
    collected: int = 0
    merchant_ids: list[int] = field(default_factory=list)


def _person(
    session: Session,
    clock: ManualClock,
    settings: Settings,
    *,
    email: str,
    n: int,
    tag: str,
    verified: bool,
    card: bool,
    deposit: Decimal,
    password: str = PASSWORD,
) -> int:
    user = users_service.create_user(
        session=session,
        email=email,
        password=password,
        roles={Role.CUSTOMER},
        clock=clock,
        settings=settings,
        locale="en",
    )
    name = f"Sim {tag} {n}"
    if verified:
        born = date(1970, 1, 1) + timedelta(days=n % 15000)
        body = f"{(tag == 'Buyer' and '310104') or '440305'}{born:%Y%m%d}{n // 15000 % 1000:03d}"
        identity.verify_identity(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            real_name=name,
            id_number=body + identity.id_check_character(body),
        )
    if card and verified:  # a card is bound to a verified identity
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            card_number=luhn_complete(f"62220{n:013d}"),
            holder_name=name,
            bank_name="Simulated Bank",
        )
    if deposit > 0:
        cash.deposit(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            amount=deposit,
            idempotency_key=f"sim-{email}",
        )
    return user.id


def simulate(
    *,
    transact: Transact[Any],
    settings: Settings,
    start: datetime,
    count: int,
    months: int,
    seed: int,
    buyers: int = 48,
    borrow_share: float = 0.5,
    prefix: str = "sim",
    fit_count: int = 4000,
    emails: list[str] | None = None,
    qualities: list[float] | None = None,
    password: str = PASSWORD,
    progress: Callable[[int, int], None] | None = None,
    late_once: list[int] | None = None,
    bad_first_loan: list[int] | None = None,
) -> Report:
    """Run the simulation from ``start`` for ``months`` months (see the module). The merchants
    of ``late_once`` (indices) once take everything to the bank in the week up to a due date, so
    the instalment falls overdue and their next released sales repay it first (the demo shows it).
    The first loan of the merchants of ``bad_first_loan`` (indices) goes bad whatever the draw
    (a test's or a demo's default, without waiting for the odds), and that merchant comes back
    eight months later (a recovery)."""
    rng = np.random.default_rng(seed)
    zone = ZoneInfo(settings.timezone)
    clock = ManualClock(start, settings.timezone)
    report = Report()
    counter = itertools.count(seed * 100000 + 1)
    buyer_ids: list[tuple[int, str]] = []

    def setup(session: Session) -> list[SimMerchant]:
        if credit.active_model(session) is None:
            credit.fit_from_simulation(session=session, clock=clock, count=fit_count, seed=seed)
        position = service.figures(session)
        if position.capital == 0:
            service.fund(
                session=session,
                clock=clock,
                settings=settings,
                kind=service.CAPITAL,
                amount=Decimal(20_000_000),
                actor="simulation",
            )
            service.fund(
                session=session,
                clock=clock,
                settings=settings,
                kind=service.BANK_LINE,
                amount=Decimal(10_000_000),
                actor="simulation",
            )
        for b in range(buyers):
            email = f"{prefix}-buyer{b}-{seed}@example.com"
            buyer_ids.append(
                (
                    _person(
                        session,
                        clock,
                        settings,
                        email=email,
                        n=next(counter),
                        tag="Buyer",
                        verified=True,
                        card=True,
                        deposit=Decimal(10_000_000),
                    ),
                    email,
                )
            )
        out = []
        for i, model in enumerate(draw_merchants(count, rng, qualities)):
            email = emails[i] if emails and i < len(emails) else f"{prefix}-merchant{i}-{seed}@example.com"
            user_id = _person(
                session,
                clock,
                settings,
                email=email,
                n=next(counter),
                tag="Merchant",
                verified=model.verified,
                card=model.card,
                deposit=Decimal(0),
                password=password,
            )
            credit.set_consent(session=session, clock=clock, user_id=user_id, granted=True)
            out.append(SimMerchant(user_id, email, model))
        return out

    merchants = transact(setup)
    for i, m in enumerate(merchants):
        m.spend_to = buyer_ids[m.user_id % len(buyer_ids)][1]
        m.bad_first_loan = i in (bad_first_loan or [])
    report.merchants = len(merchants)
    report.merchant_ids = [m.user_id for m in merchants]
    first = clock.local_now().date()
    end = schedule.add_months(first, months)
    # each merchant's sales of every month, then the orders of each day
    plans: dict[date, list[tuple[SimMerchant, int, float]]] = {}
    for m in merchants:
        sales = month_sales(m.model, months, rng)
        for k in range(months):
            month_start = schedule.add_months(first, k)
            days = (schedule.add_months(first, k + 1) - month_start).days
            n_orders = orders_in_month(float(sales[k]), rng)
            ticket = int(sales[k] * 100 / n_orders)
            for _ in range(n_orders):
                day = month_start + timedelta(days=int(rng.integers(0, days)))
                plans.setdefault(day, []).append((m, max(ticket, 100), float(rng.random())))
            for _ in range(int(rng.poisson(m.model.buyer_payments))):  # the merchant buying
                day = month_start + timedelta(days=int(rng.integers(0, days)))
                plans.setdefault(day, []).append((m, -2000, float(rng.random())))
    total_days = (end - first).days
    late = [merchants[i] for i in (late_once or []) if i < len(merchants)]
    late_done: set[int] = set()
    day = first
    index = 0
    while day < end:
        if day.day == first.day:
            _month_start(transact, clock, settings, zone, rng, merchants, day, report, borrow_share)
        for n, (m, ticket, u) in enumerate(plans.get(day, [])):
            if m.failed_on is not None and (m.resumes_on is None or day < m.resumes_on):
                continue
            clock.set(datetime.combine(day, time(9, 0), zone) + timedelta(minutes=n))
            key = f"{prefix}-{seed}-{day.isoformat()}-{n}"
            if ticket < 0:  # the merchant pays a buyer (a purchase of its own), when it can
                _, email = buyer_ids[int(rng.integers(0, len(buyer_ids)))]
                if m.model.verified:  # paying needs a verified identity
                    with contextlib.suppress(DomainError):
                        _purchase(transact, clock, settings, m, email, -ticket, key)
                continue
            if not m.buyers or rng.random() < m.model.new_buyer_p:  # a new buyer, else a repeat one
                m.buyers.append(buyer_ids[(m.user_id * 7 + len(m.buyers)) % len(buyer_ids)][0])
                buyer_id = m.buyers[-1]
            else:
                buyer_id = m.buyers[int(rng.integers(0, len(m.buyers)))]
            _order(transact, clock, settings, buyer_id, m, ticket, u, key)
            report.orders += 1
        for m in late:
            if m.user_id not in late_done:
                clock.set(datetime.combine(day, time(23, 0), zone))
                if transact(lambda session, m=m, day=day: _sweep_before_due(session, clock, settings, m, day)):
                    late_done.add(m.user_id)
        for m in merchants:  # a bad loan's merchant takes out whatever came in
            if m.failed_on is not None and m.failed_on < day and (m.resumes_on is None or day < m.resumes_on):
                clock.set(datetime.combine(day, time(23, 30), zone))
                with contextlib.suppress(DomainError):
                    transact(lambda session, m=m, day=day: _drain(session, clock, settings, m, f"sim-out-{day}"))
        clock.set(datetime.combine(day + timedelta(days=1), time(0, 30), zone))  # the day is over: its collection

        def collect(session: Session, day: date = day) -> int:
            total = 0
            for loan_id in service.loans_to_collect(session, day):
                total += (
                    service.collect_day(session=session, clock=clock, settings=settings, loan_id=loan_id, day=day) or 0
                )
            service.advance_idle(session, day)
            return total

        report.collected += transact(collect)
        index += 1
        if progress is not None:
            progress(index, total_days)
        day += timedelta(days=1)
    return report


def _purchase(
    transact: Transact[Any], clock: ManualClock, settings: Settings, m: SimMerchant, payee: str, amount: int, key: str
) -> None:
    def run(session: Session) -> None:
        from ledger.accounts import user_balance
        from ledger.kinds import CNY, Purpose

        if user_balance(session, user_id=m.user_id, purpose=Purpose.CASH, asset=CNY) >= amount:
            payments.pay(
                session=session,
                clock=clock,
                settings=settings,
                payer_id=m.user_id,
                payee=payee,
                amount=Decimal(amount) / 100,
                idempotency_key=key,
            )

    transact(run)


def _order(
    transact: Transact[Any],
    clock: ManualClock,
    settings: Settings,
    buyer_id: int,
    m: SimMerchant,
    ticket: int,
    u: float,
    key: str,
) -> None:
    def run(session: Session) -> None:
        payment = payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=buyer_id,
            payee=m.email,
            amount=Decimal(ticket) / 100,
            idempotency_key=key,
            guarantee=True,
        )
        if u < m.model.refund_p:
            payments.refund(session=session, clock=clock, user_id=m.user_id, payment_id=payment.payment_id)
        elif u < m.model.refund_p + m.model.dispute_p:
            payments.request_refund(
                session=session,
                clock=clock,
                settings=settings,
                user_id=buyer_id,
                payment_id=payment.payment_id,
                reason="not as described",
            )
            payments.decline_refund(session=session, clock=clock, user_id=m.user_id, payment_id=payment.payment_id)
        else:
            payments.confirm(session=session, clock=clock, user_id=buyer_id, payment_id=payment.payment_id)

    transact(run)


def _month_start(
    transact: Transact[Any],
    clock: ManualClock,
    settings: Settings,
    zone: ZoneInfo,
    rng: np.random.Generator,
    merchants: list[SimMerchant],
    day: date,
    report: Report,
    borrow_share: float,
) -> None:
    clock.set(datetime.combine(day, time(8, 0), zone))
    transact(lambda session: credit.score_users(session=session, clock=clock, settings=settings, as_of=day))
    for m in merchants:
        if m.failed_on is not None or rng.random() > borrow_share or not m.model.verified:
            continue

        def apply(session: Session, m: SimMerchant = m) -> service.ApplicationResult | None:
            offer = service.offer(session=session, settings=settings, user_id=m.user_id)
            if offer is None or offer.limit == 0 or service.outstanding_of(session, m.user_id) > 0:
                return None
            amount = max(offer.min_amount, int(offer.limit * rng.uniform(0.3, 1.0)) // 10000 * 10000)
            return service.apply(
                session=session,
                clock=clock,
                settings=settings,
                user_id=m.user_id,
                amount=Decimal(amount) / 100,
                term_months=int(rng.choice([3, 6, 12])),
                repayment=str(rng.choice(schedule.REPAYMENTS)),
                idempotency_key=f"sim-loan-{day.isoformat()}",
            )

        try:
            result = transact(apply)
        except DomainError:
            continue
        if result is None:
            continue
        report.applications += 1
        if result.loan_id is None:
            report.declined += 1
            continue
        report.loans += 1
        m.loans += 1
        bad = rng.random() < m.model.default_p  # drawn always, so forcing one keeps the others' draws
        forced = m.bad_first_loan and m.loans == 1
        if bad or forced:  # this loan goes bad: the money leaves, the sales stop
            m.failed_on = day
            # A third come back (recoveries); a forced bad loan's merchant always does, so a test of
            # the path sees the recovery whatever month its score lets it borrow (the draw is made
            # either way, keeping the other merchants' draws).
            if rng.random() < 1 / 3 or forced:
                m.resumes_on = day + timedelta(days=RESUME_DAYS)

            clock.set(datetime.combine(day, time(8, 30), zone))
            with contextlib.suppress(DomainError):
                transact(lambda session, m=m: _drain(session, clock, settings, m, f"sim-out-{day.isoformat()}"))


def _movable_now(session: Session, clock: ManualClock, settings: Settings, m: SimMerchant) -> int:
    """What the merchant's wallet can send out in one transaction now (fen): its cash, within
    the per-transaction limit and what the daily limit leaves today."""
    from ledger.accounts import user_balance
    from ledger.kinds import CNY, Purpose
    from wallet import limits

    balance = user_balance(session, user_id=m.user_id, purpose=Purpose.CASH, asset=CNY)
    left = limits.daily_limit(settings) - limits.outgoing_today(session, user_id=m.user_id, asset=CNY, clock=clock)
    return min(balance, int(settings.payment_limit_per_transaction * 100), left)


def _drain(session: Session, clock: ManualClock, settings: Settings, m: SimMerchant, key: str) -> None:
    """A merchant whose loan goes bad empties its wallet: to the bank when it has a card, else
    on purchases of its own, within the per-transaction and daily limits (what the limits leave
    goes the next days: ``simulate`` drains it every evening until the merchant resumes)."""
    for part in itertools.count(1):
        amount = _movable_now(session, clock, settings, m)
        if amount <= 0:
            return
        if m.model.card:
            cash.withdraw(
                session=session,
                clock=clock,
                settings=settings,
                user_id=m.user_id,
                amount=Decimal(amount) / 100,
                idempotency_key=f"{key}-{part}",
            )
        else:
            payments.pay(
                session=session,
                clock=clock,
                settings=settings,
                payer_id=m.user_id,
                payee=m.spend_to,
                amount=Decimal(amount) / 100,
                idempotency_key=f"{key}-{part}",
            )


RESUME_DAYS = 240  # a bad loan's merchant that comes back does so after the write-off (recoveries)
SWEEP_DAYS = 7  # a late merchant takes its money out over the week up to the due date (daily limits)


def _sweep_before_due(session: Session, clock: ManualClock, settings: Settings, m: SimMerchant, day: date) -> bool:
    """When one of the merchant's instalments falls due within ``SWEEP_DAYS`` of ``day``: the
    wallet goes to the bank, within the per-transaction and daily limits. True on the due date
    itself (the instalment finds the wallet as the sweep left it)."""
    from sqlalchemy import func, select

    from lending.models import Loan, LoanInstalment

    due = session.execute(
        select(func.min(LoanInstalment.due_date))
        .join(Loan, Loan.id == LoanInstalment.loan_id)
        .where(
            Loan.borrower_id == m.user_id,
            LoanInstalment.status == service.DUE,
            LoanInstalment.due_date >= day,
            LoanInstalment.due_date <= day + timedelta(days=SWEEP_DAYS),
        )
    ).scalar_one_or_none()
    if due is None or not m.model.card:
        return False
    part = 0
    while True:
        amount = _movable_now(session, clock, settings, m)
        if amount <= 0:
            break
        part += 1
        cash.withdraw(
            session=session,
            clock=clock,
            settings=settings,
            user_id=m.user_id,
            amount=Decimal(amount) / 100,
            idempotency_key=f"sim-late-{m.user_id}-{day.isoformat()}-{part}",
        )
    return due == day


def verified_person(session: Session, clock: ManualClock, settings: Settings, *, email: str, n: int, tag: str) -> int:
    """A verified user with a bound card and an empty wallet (securitisation's simulation)."""
    return _person(session, clock, settings, email=email, n=n, tag=tag, verified=True, card=True, deposit=Decimal(0))


def draw_loan(
    session: Session,
    *,
    clock: ManualClock,
    settings: Settings,
    borrower_id: int,
    amount: int,
    term_months: int,
    grade: str,
    repayment: str = schedule.EQUAL_PAYMENTS,
) -> int:
    """A simulated borrower's loan, decided by the simulation (not the scorecard), priced by
    its grade and booked through the real booking path (``service.book_loan``): schedule,
    drawdown entry, history. The loan's id."""
    from lending import pricing
    from lending.models import LoanApplication

    rate = pricing.annual_rate(grade, settings)
    if rate is None:
        raise ValueError(f"grade {grade} is not lent to")
    now = clock.now()
    application = LoanApplication(
        user_id=borrower_id,
        amount=amount,
        term_months=term_months,
        repayment=repayment,
        status=service.APPROVED,
        reasons=["SIMULATED"],
        grade=grade,
        created_at=now,
    )
    session.add(application)
    session.flush()
    loan = service.book_loan(
        session=session,
        settings=settings,
        application=application,
        grade=grade,
        model_version="simulation",
        annual_rate=rate,
        day=clock.today(),
        now=now,
    )
    return loan.id
