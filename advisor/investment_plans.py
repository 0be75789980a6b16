"""Scheduled investment plans (定投): creating, pausing, resuming and cancelling them, and the
job that runs their instalments.

- A plan buys ``amount`` into a goal (the goal's weights of the run day, using the cash flow
  to rebalance: ``allocate`` buys what is underweight first) or into one product, on the
  schedule of ``advisor.schedules``; it pays from the wallet or, with ``MONEY_FUND``, by a fast
  (T+0) redemption of the user's money fund just before the purchase.
- Every instalment is one row of ``investment_plan_runs`` (unique per plan and scheduled
  date) written in the same transaction as its orders, and every order is placed under the
  idempotency key ``plan:<plan>:<scheduled date>:<product>``: running the job twice, late or
  concurrently (the plan's row is locked first) buys each instalment exactly once. A late run
  catches up every instalment whose run day has come (orders are placed now and priced by the
  usual forward-pricing rule: an order is never back-dated to a closed trade day; run the job
  before the 15:00 cut-off so the order's trade day is the run day).
- Every order goes through ``investing.orders.subscribe`` exactly like a manual one: the
  suitability rules and the assessment's expiry are checked again (the payment password was
  given when the plan was created: that is the user's standing instruction). An instalment
  that cannot be bought (too little money, an expired assessment, a product off sale, ...) is
  recorded ``SKIPPED`` with the refusal's code and message; nothing of it is placed (all
  orders of one instalment are one savepoint). Three skips in a row pause the plan
  (``paused_reason = MISSED_THREE_RUNS``); resuming it starts counting again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from advisor import goals as goals_
from advisor import schedules
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.models import Goal, GoalOrder, InvestmentPlan, InvestmentPlanRun
from advisor.schedules import Frequency
from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.money import largest_remainder, shown
from core.settings import Settings
from db.batches import id_batches
from db.session import Database, lock_rows
from investing import fast_redemption, orders
from investing.order_rows import load_product
from ledger.accounts import user_balance
from ledger.errors import LedgerErrorCode
from ledger.kinds import CNY, Purpose, fund_asset
from products.kinds import ProductKind
from products.prices import load_products
from tradingcalendar.service import calendar as trading_calendar
from users import service as users
from wallet import identity, payment_password

MISSES_TO_PAUSE = 3
MAX_AMOUNT = Decimal("1000000")


class PlanStatus(StrEnum):
    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    CANCELLED = "CANCELLED"


class PlanSource(StrEnum):
    WALLET = "WALLET"
    MONEY_FUND = "MONEY_FUND"


class RunStatus(StrEnum):
    INVESTED = "INVESTED"
    SKIPPED = "SKIPPED"


# --- the allocation of one instalment -------------------------------------------------------


def allocate(
    amount: int, values: dict[int, int], weights: dict[int, Decimal], minimums: dict[int, int]
) -> dict[int, int]:
    """Split ``amount`` (fen) over the products of ``weights`` so that it buys what is
    underweight first: each product's gap to its weight of (value + amount) is filled in
    proportion to the gaps, the rest (if any) follows the weights. A part below its product's
    minimum is given to the largest part. The parts add up to ``amount`` exactly."""
    ids = list(weights)
    if not ids or amount <= 0:
        return {}
    total = sum(values.get(pid, 0) for pid in ids) + amount
    gaps = [max(Decimal(0), weights[pid] * total - values.get(pid, 0)) for pid in ids]
    gap_sum = sum(gaps, Decimal(0))
    if gap_sum >= amount:
        parts = largest_remainder(gaps, amount)
    else:
        filled = [int(g) for g in gaps]  # whole fen of each gap
        rest = amount - sum(filled)
        extra = largest_remainder([weights[pid] for pid in ids], rest)
        parts = [f + e for f, e in zip(filled, extra)]
    out = dict(zip(ids, parts))
    while True:
        small = [pid for pid, part in out.items() if 0 < part < minimums.get(pid, 0)]
        keep = [pid for pid, part in out.items() if part > 0 and pid not in small]
        if not small:
            break
        if not keep:  # every part is below its minimum: all of it to the largest weight
            biggest = max(ids, key=lambda pid: (weights[pid], -pid))
            return {biggest: amount}
        for pid in small:
            largest = max(keep, key=lambda k: (out[k], -k))
            out[largest] += out[pid]
            out[pid] = 0
    return {pid: part for pid, part in out.items() if part > 0}


# --- creating and changing plans ----------------------------------------------------------


def _check_schedule(frequency: Frequency, day_of_week: int | None, day_of_month: int | None) -> None:
    if frequency is Frequency.MONTHLY:
        if day_of_month is None or not 1 <= day_of_month <= 28 or day_of_week is not None:
            raise AdviceError(
                AdvisorErrorCode.INVALID_SCHEDULE,
                t(
                    "A monthly plan takes a dayOfMonth from 1 to 28 (and no dayOfWeek).",
                    "按月定投须填写 1 到 28 的每月日期（不填星期）。",
                ),
                "dayOfMonth",
            )
    elif day_of_week is None or not 1 <= day_of_week <= 7 or day_of_month is not None:
        raise AdviceError(
            AdvisorErrorCode.INVALID_SCHEDULE,
            t(
                "A weekly or fortnightly plan takes a dayOfWeek from 1 (Monday) to 7 (Sunday), and no dayOfMonth.",
                "按周或双周定投须填写 1（周一）到 7（周日）的星期（不填每月日期）。",
            ),
            "dayOfWeek",
        )


def _source_fund(session: Session, *, user_id: int) -> int:
    """The money fund a MONEY_FUND plan pays from: the user's largest fast-redeemable holding."""
    from investing import portfolio

    best: tuple[Decimal, int] | None = None
    for position in portfolio.holdings_of(session=session, user_id=user_id):
        if position.kind is not ProductKind.MONEY_FUND:
            continue
        if not fast_redemption.is_fast(load_product(session, position.product_id)):
            continue
        if best is None or position.units > best[0]:
            best = (position.units, position.product_id)
    if best is None:
        raise AdviceError(
            AdvisorErrorCode.NO_MONEY_FUND_TO_PAY_FROM,
            t(
                "You hold no money fund that redeems the same day: pay this plan from your wallet.",
                "您没有可当日赎回的货币基金，请改为从钱包扣款。",
            ),
            "source",
        )
    return best[1]


def create(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    goal_id: int | None,
    product_id: int | None,
    amount: Decimal,
    frequency: Frequency,
    day_of_week: int | None,
    day_of_month: int | None,
    source: PlanSource,
    payment_password_text: str | None,
) -> InvestmentPlan:
    """A new ACTIVE plan; its first instalment is the first scheduled date from today on."""
    if (goal_id is None) == (product_id is None):
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t("Give exactly one of goalId and productId.", "目标和产品须且只能填写一项。"),
            "goalId",
        )
    if amount <= 0 or amount > MAX_AMOUNT:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT,
            t("The amount must be above zero and at most ¥1,000,000.", "金额须大于零且不超过 ¥1,000,000。"),
            "amount",
        )
    _check_schedule(frequency, day_of_week, day_of_month)
    if goal_id is not None:
        goals_.require_active(goals_.get(session, user_id=user_id, goal_id=goal_id))
    else:
        assert product_id is not None
        try:
            product = load_product(session, product_id)
        except DomainError as error:
            error.field = "productId"
            raise
        orders.suitable_warning(
            session,
            clock=clock,
            user=users.ensure_can_move_money(session=session, user_id=user_id),
            product=product,
            acknowledged_warning_id=None,
        )
    profile = identity.require_verified(identity.payment_profile(session, user_id))
    payment_password.check(
        profile=profile, password=payment_password_text, user_id=user_id, clock=clock, settings=settings
    )
    source_product_id = _source_fund(session, user_id=user_id) if source is PlanSource.MONEY_FUND else None
    now = clock.now()
    plan = InvestmentPlan(
        user_id=user_id,
        goal_id=goal_id,
        product_id=product_id,
        amount=amount,
        frequency=frequency.value,
        day_of_week=day_of_week,
        day_of_month=day_of_month,
        source=source.value,
        source_product_id=source_product_id,
        status=PlanStatus.ACTIVE.value,
        starts_on=clock.today(),
        misses=0,
        created_at=now,
        updated_at=now,
    )
    session.add(plan)
    session.flush()
    refresh_next_run(session, plan)
    return plan


def refresh_next_run(session: Session, plan: InvestmentPlan) -> None:
    """Store the run day of the plan's next instalment (None beyond the known calendar)."""
    upcoming = next_run(session, plan) if plan.status == PlanStatus.ACTIVE else None
    plan.next_run_on = None if upcoming is None else upcoming[1]


def get(session: Session, *, user_id: int, plan_id: int, lock: bool = False) -> InvestmentPlan:
    statement = select(InvestmentPlan).where(InvestmentPlan.id == plan_id)
    if lock:
        statement = lock_rows(session, statement)
    plan = session.scalars(statement).first()
    if plan is None or plan.user_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such investment plan.", "找不到这个定投计划。"), "planId")
    return plan


def _not_cancelled(plan: InvestmentPlan) -> None:
    if plan.status == PlanStatus.CANCELLED:
        raise AdviceError(
            AdvisorErrorCode.PLAN_CANCELLED,
            t("This investment plan was cancelled; create a new one.", "该定投计划已取消，请新建计划。"),
            "planId",
        )


def pause(*, session: Session, clock: Clock, user_id: int, plan_id: int) -> InvestmentPlan:
    """Pause (pausing again changes nothing)."""
    plan = get(session, user_id=user_id, plan_id=plan_id, lock=True)
    _not_cancelled(plan)
    if plan.status != PlanStatus.PAUSED:
        plan.status, plan.paused_reason, plan.updated_at = PlanStatus.PAUSED.value, "BY_USER", clock.now()
    return plan


def resume(*, session: Session, clock: Clock, user_id: int, plan_id: int) -> InvestmentPlan:
    """Resume: instalments scheduled while paused are not bought; the next one from today is."""
    plan = get(session, user_id=user_id, plan_id=plan_id, lock=True)
    _not_cancelled(plan)
    if plan.goal_id is not None:
        goals_.require_active(goals_.get(session, user_id=user_id, goal_id=plan.goal_id), "planId")
    if plan.status != PlanStatus.ACTIVE:
        today = clock.today()
        plan.status, plan.paused_reason, plan.misses, plan.updated_at = PlanStatus.ACTIVE.value, None, 0, clock.now()
        if plan.frequency != Frequency.BIWEEKLY:  # the fortnightly rhythm keeps its anchor
            plan.starts_on = max(plan.starts_on, today)
        else:
            plan.starts_on = _biweekly_restart(plan, today)
        session.flush()
        refresh_next_run(session, plan)
    return plan


def _biweekly_restart(plan: InvestmentPlan, today: date) -> date:
    """The first fortnightly date of the original rhythm on or after ``today``."""
    first = schedules.first_date(
        Frequency.BIWEEKLY, starts_on=plan.starts_on, day_of_week=plan.day_of_week, day_of_month=None
    )
    while first < today:
        first = first.fromordinal(first.toordinal() + 14)
    return first


def cancel(*, session: Session, clock: Clock, user_id: int, plan_id: int) -> InvestmentPlan:
    """Cancel for good (cancelling again changes nothing)."""
    plan = get(session, user_id=user_id, plan_id=plan_id, lock=True)
    if plan.status != PlanStatus.CANCELLED:
        plan.status, plan.updated_at = PlanStatus.CANCELLED.value, clock.now()
    return plan


def cancel_for_goal(session: Session, *, goal_id: int, now: datetime) -> None:
    session.execute(
        update(InvestmentPlan)
        .where(InvestmentPlan.goal_id == goal_id, InvestmentPlan.status != str(PlanStatus.CANCELLED))
        .values(status=str(PlanStatus.CANCELLED), updated_at=now)
    )


def pause_for_goal(session: Session, *, goal_id: int, now: datetime, reason: str) -> None:
    """Pause the goal's active plans (``reason``: why, shown as ``pausedReason``)."""
    session.execute(
        update(InvestmentPlan)
        .where(InvestmentPlan.goal_id == goal_id, InvestmentPlan.status == str(PlanStatus.ACTIVE))
        .values(status=str(PlanStatus.PAUSED), paused_reason=reason, next_run_on=None, updated_at=now)
    )


def user_plans(session: Session, *, user_id: int, status: PlanStatus | None = None) -> list[InvestmentPlan]:
    statement = select(InvestmentPlan).where(InvestmentPlan.user_id == user_id)
    if status is not None:
        statement = statement.where(InvestmentPlan.status == str(status))
    return list(session.scalars(statement.order_by(InvestmentPlan.id)))


def run_of(session: Session, *, user_id: int, run_id: int) -> InvestmentPlanRun:
    """One instalment of the user's plans (NOT_FOUND for anyone else's: nothing revealed)."""
    run = session.get(InvestmentPlanRun, run_id)
    if run is None or run.user_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such instalment.", "找不到这条定投记录。"), "id")
    return run


def runs_of(session: Session, plan_id: int, limit: int = 100) -> list[InvestmentPlanRun]:
    return list(
        session.scalars(
            select(InvestmentPlanRun)
            .where(InvestmentPlanRun.plan_id == plan_id)
            .order_by(InvestmentPlanRun.scheduled_on.desc())
            .limit(limit)
        )
    )


def next_run(session: Session, plan: InvestmentPlan) -> tuple[date, date] | None:
    if plan.status != PlanStatus.ACTIVE:
        return None
    last = session.scalar(
        select(InvestmentPlanRun.scheduled_on)
        .where(InvestmentPlanRun.plan_id == plan.id)
        .order_by(InvestmentPlanRun.scheduled_on.desc())
        .limit(1)
    )
    after = last if last is not None else plan.starts_on.fromordinal(plan.starts_on.toordinal() - 1)
    return schedules.next_run(
        trading_calendar(session),
        Frequency(plan.frequency),
        starts_on=plan.starts_on,
        day_of_week=plan.day_of_week,
        day_of_month=plan.day_of_month,
        after=after,
    )


# --- the job ---------------------------------------------------------------------------------


@dataclass
class PlanRunReport:
    day: date
    plans: int = 0
    invested: int = 0
    skipped: int = 0
    paused: int = 0


def _targets(session: Session, *, clock: Clock, plan: InvestmentPlan, run_on: date) -> dict[int, int]:
    """Product id -> fen of one instalment."""
    minor = int(plan.amount.scaleb(2))
    if plan.product_id is not None:
        return {plan.product_id: minor}
    goal = session.get(Goal, plan.goal_id)
    assert goal is not None
    goals_.require_active(goal, "planId")
    if goal.review_reason:
        raise AdviceError(
            AdvisorErrorCode.GOAL_NEEDS_REVIEW,
            t(
                f"A product of the goal “{goal.name}” was withdrawn: review its new plan first.",
                f"目标“{goal.name}”中的产品已下架，请先查看新的配置方案。",
            ),
            "planId",
        )
    weights = goals_.target_weights(session, goal, run_on)
    held = {
        pid: int(value.scaleb(2))
        for pid, value in goals_.values_of(session, clock=clock, goals=[goal])[goal.id].items()
    }
    minimums = {pid: int(load_product(session, pid).minimum_amount.scaleb(2)) for pid in weights}
    return allocate(minor, held, weights, minimums)


def _fund_from_money_fund(
    session: Session, *, clock: Clock, settings: Settings, plan: InvestmentPlan, minor: int
) -> None:
    assert plan.source_product_id is not None
    need = minor  # the plan always pays from the fund (its standing instruction), never from the wallet
    held = user_balance(
        session, user_id=plan.user_id, purpose=Purpose.FUND_UNITS, asset=fund_asset(plan.source_product_id)
    )
    if held < need:
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS,
            t(
                f"Your money fund holds {shown(held)}; this instalment needs {shown(need)}.",
                f"您的货币基金余额为 {shown(held)}，本期定投需 {shown(need)}。",
            ),
            "amount",
        )
    orders.redeem(
        session=session,
        clock=clock,
        settings=settings,
        user_id=plan.user_id,
        product_id=plan.source_product_id,
        amount=Decimal(need).scaleb(-2),
        fast=True,
        payment_password_checked=True,
    )


def _run_one(
    session: Session, *, clock: Clock, settings: Settings, plan: InvestmentPlan, scheduled_on: date, run_on: date
) -> InvestmentPlanRun:
    """Place one instalment (in a savepoint) or record why it was skipped."""
    now = clock.now()
    run = InvestmentPlanRun(
        plan_id=plan.id,
        user_id=plan.user_id,
        scheduled_on=scheduled_on,
        run_on=run_on,
        amount=plan.amount,
        order_ids=[],
        created_at=now,
    )
    savepoint = session.begin_nested()
    try:
        parts = _targets(session, clock=clock, plan=plan, run_on=run_on)
        minor = sum(parts.values())
        if plan.source == PlanSource.MONEY_FUND:
            _fund_from_money_fund(session, clock=clock, settings=settings, plan=plan, minor=minor)
        cash = user_balance(session, user_id=plan.user_id, purpose=Purpose.CASH, asset=CNY)
        if cash < minor:
            raise DomainError(
                LedgerErrorCode.INSUFFICIENT_FUNDS,
                t(
                    f"Your wallet has {shown(cash)}; this instalment needs {shown(minor)}.",
                    f"您的钱包余额为 {shown(cash)}，本期定投需 {shown(minor)}。",
                ),
                "amount",
            )
        placed = []
        for product_id, part in parts.items():
            result = orders.subscribe(
                session=session,
                clock=clock,
                settings=settings,
                user_id=plan.user_id,
                product_id=product_id,
                amount=Decimal(part).scaleb(-2),
                idempotency=f"plan:{plan.id}:{scheduled_on.isoformat()}:{product_id}",
                payment_password_checked=True,
            )
            placed.append(result.order_id)
            if plan.goal_id is not None and not result.replayed:
                session.add(GoalOrder(order_id=result.order_id, goal_id=plan.goal_id, created_at=now))
        savepoint.commit()
        run.status, run.order_ids = RunStatus.INVESTED.value, placed
        plan.misses = 0
    except DomainError as error:
        savepoint.rollback()
        run.status = RunStatus.SKIPPED.value
        run.reason_code = str(error.code)
        run.reason_en, run.reason_zh = error.text.en, error.text.zh
        plan.misses += 1
        if plan.misses >= MISSES_TO_PAUSE:
            plan.status, plan.paused_reason = PlanStatus.PAUSED.value, "MISSED_THREE_RUNS"
    plan.updated_at = now
    session.add(run)
    session.flush()
    return run


def run_plan(session: Session, *, clock: Clock, settings: Settings, plan_id: int, day: date) -> list[InvestmentPlanRun]:
    """Run every instalment of one plan due by ``day`` and not run yet (plan row locked)."""
    return run_batch(session, clock=clock, settings=settings, plan_ids=[plan_id], day=day).get(plan_id, [])


def run_batch(
    session: Session, *, clock: Clock, settings: Settings, plan_ids: list[int], day: date
) -> dict[int, list[InvestmentPlanRun]]:
    """Run every instalment due by ``day`` and not run yet of each of ``plan_ids`` (their rows
    locked at once, in id order), each instalment in its own savepoint; then store each plan's
    next run day. Per plan: the instalments made."""
    plans = session.scalars(
        lock_rows(session, select(InvestmentPlan).where(InvestmentPlan.id.in_(plan_ids)).order_by(InvestmentPlan.id))
    ).all()
    done: dict[int, set[date]] = {plan.id: set() for plan in plans}
    for plan_id, scheduled_on in session.execute(
        select(InvestmentPlanRun.plan_id, InvestmentPlanRun.scheduled_on).where(
            InvestmentPlanRun.plan_id.in_([plan.id for plan in plans])
        )
    ):
        done[plan_id].add(scheduled_on)
    known = trading_calendar(session)
    # The goals with their weights and the products, read once for the batch (held here, so
    # the session's identity map keeps them while the batch runs).
    goals = session.scalars(select(Goal).where(Goal.id.in_({p.goal_id for p in plans if p.goal_id}))).all()
    products = load_products(
        session=session,
        product_ids={w.product_id for goal in goals for w in goal.weights}
        | {p.product_id for p in plans if p.product_id},
    )
    out: dict[int, list[InvestmentPlanRun]] = {}
    for plan in plans:
        if plan.status != PlanStatus.ACTIVE:
            continue
        last = max(done[plan.id]) if done[plan.id] else None
        runs = []
        for scheduled_on, run_on in schedules.due(
            known,
            Frequency(plan.frequency),
            starts_on=plan.starts_on,
            day_of_week=plan.day_of_week,
            day_of_month=plan.day_of_month,
            on=day,
        ):
            if scheduled_on in done[plan.id] or (last is not None and scheduled_on < last):
                continue
            runs.append(
                _run_one(session, clock=clock, settings=settings, plan=plan, scheduled_on=scheduled_on, run_on=run_on)
            )
            last = scheduled_on
            if plan.status != PlanStatus.ACTIVE:
                break
        upcoming = None
        if plan.status == PlanStatus.ACTIVE:
            upcoming = schedules.next_run(
                known,
                Frequency(plan.frequency),
                starts_on=plan.starts_on,
                day_of_week=plan.day_of_week,
                day_of_month=plan.day_of_month,
                after=last if last is not None else plan.starts_on - timedelta(days=1),
            )
        next_run_on = None if upcoming is None else upcoming[1]
        if plan.next_run_on != next_run_on:
            plan.next_run_on = next_run_on
        out[plan.id] = runs
    session.flush()
    del goals, products
    return out


def check_day(day: date, clock: Clock) -> None:
    if day > clock.today():
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来的日期。"),
            "date",
        )


def run_plans(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    day: date,
    batch: int = 50,  # plans per transaction: their users wait at most one batch
    shard: tuple[int, int] = (0, 1),
) -> PlanRunReport:
    """Run every active plan's due instalments (only plans whose ``next_run_on`` has come),
    ``batch`` plans per write transaction (``run_batch``; on a database error such as a
    deadlock with a concurrent payment, that batch again one plan per transaction);
    ``shard=(k, n)``: only plans whose id is k modulo n, so workers can split the job."""
    check_day(day, clock)
    report = PlanRunReport(day)
    due = (
        InvestmentPlan.status == str(PlanStatus.ACTIVE),
        or_(InvestmentPlan.next_run_on.is_(None), InvestmentPlan.next_run_on <= day),
    )
    for plan_ids in id_batches(database, InvestmentPlan.id, *due, batch=batch, shard=shard):
        try:
            done = _run_in_one_transaction(database, clock=clock, settings=settings, plan_ids=plan_ids, day=day)
        except DBAPIError:  # e.g. a deadlock with a concurrent run or payment: one plan at a time
            done = {}
            for plan_id in plan_ids:
                done.update(
                    _run_in_one_transaction(database, clock=clock, settings=settings, plan_ids=[plan_id], day=day)
                )
        report.plans += len(plan_ids)
        for runs, paused in done.values():
            report.invested += sum(r == RunStatus.INVESTED for r in runs)
            report.skipped += sum(r == RunStatus.SKIPPED for r in runs)
            report.paused += int(paused and RunStatus.SKIPPED in runs)
    return report


def _run_in_one_transaction(
    database: Database, *, clock: Clock, settings: Settings, plan_ids: list[int], day: date
) -> dict[int, tuple[list[str], bool]]:
    """``run_batch`` in one write transaction; per plan: its runs' statuses and whether it is paused."""
    with database.write() as session:
        made = run_batch(session, clock=clock, settings=settings, plan_ids=plan_ids, day=day)
        return {
            plan_id: ([run.status for run in runs], session.get(InvestmentPlan, plan_id).status == PlanStatus.PAUSED)
            for plan_id, runs in made.items()
        }
