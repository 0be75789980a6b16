"""Automatic rebalancing of goals, once the user has authorised it.

- **Authorisation** (fund-advisory rules for discretionary management): the user turns it on
  per goal, agreeing to the terms of version ``TERMS_VERSION``; the row keeps the time and the
  version, turning it off keeps the row with ``revoked_at``. An older version is refused
  (``TERMS_VERSION_OUTDATED``).
- **The nightly run** (``rebalance_goal``; one row per goal and business day, so a run
  repeated, late or concurrent rebalances once) compares the goal's holdings
  (``advisor.goals.holdings``) with its weights of the day (after the glide path) by the drift
  ``sum |actual - target| / 2``; nothing happens while a goal order waits for its price, or
  up to the band (``ROBO_REBALANCE_BAND``, 3%).
- Beyond the band it **sells** what is overweight and **buys** what is underweight, never
  selling locked units, nor units still inside a redemption-fee period whose fee rate is above
  ``ROBO_REBALANCE_FEE_THRESHOLD`` unless the drift is twice the band (a redemption takes the
  oldest units first, so the sellable units are the oldest lots up to the first one above the
  threshold). Money funds are sold by amount, fast (T+0) within what is left of today's limit.
  Buys are paid by the sales only (never by other cash in the wallet): what fast sales pay now
  is spent now; the rest (``pending_buys``) is bought by a later night's run once every sale's
  cash has arrived (``AWAITING_CASH`` -> ``DONE``). The orders of one night are one savepoint:
  all or nothing; a refusal (a suitability that changed, an expired assessment, ...) records
  the rebalance ``FAILED`` with its reason and nothing is placed. Contributions are used to
  rebalance by the plans themselves (``investment_plans.allocate``).
- **A withdrawn product** (off sale) in the goal's plan stops everything automatic for the
  goal: ``review_reason`` is set and the user is told (``GOAL_NEEDS_REVIEW``). The same night
  makes the goal's new plan (``advisor.automation.propose_new_plans``), shown before anything
  is applied; the user accepts it (it becomes the goal's plan and automation resumes) or
  declines it (automation off: rebalancing revoked, the goal's plans paused).
- **The nightly job** (``run_rebalancing``) reads the authorised goals in batches and checks
  them set-based (``goals_to_visit``: a few statements per batch); only a goal it may change
  (beyond the band, awaiting its sales' cash, or with a product just withdrawn) gets its own
  write transaction and ``rebalance_goal``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from advisor import goals as goals_
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.models import AutomaticRebalance, Goal, GoalOrder, RebalanceAuthorisation
from advisor.rebalancing import drift_of
from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.money import UNITS_PLACES, largest_remainder
from core.settings import Settings
from db.batches import id_batches
from db.session import Database, lock_rows
from investing import fast_redemption, lots, orders
from investing.kinds import OrderStatus
from investing.models import FundOrder
from investing.order_rows import load_product
from products.kinds import ProductKind, ProductStatus
from products.models import Product
from products.terms import FeeTier, redemption_rate

TERMS_VERSION = "2026-12"
CENT = Decimal("0.01")


class RebalanceStatus(StrEnum):
    DONE = "DONE"
    AWAITING_CASH = "AWAITING_CASH"
    FAILED = "FAILED"


# --- authorisation ---------------------------------------------------------------------------


def authorisation(session: Session, goal_id: int) -> RebalanceAuthorisation | None:
    """The goal's authorisation in force (None: automatic rebalancing is off)."""
    return session.scalars(
        select(RebalanceAuthorisation)
        .where(RebalanceAuthorisation.goal_id == goal_id, RebalanceAuthorisation.revoked_at.is_(None))
        .order_by(RebalanceAuthorisation.id.desc())
        .limit(1)
    ).first()


def rebalance_of(session: Session, *, user_id: int, rebalance_id: int) -> AutomaticRebalance:
    """One automatic rebalance of the user's goals (NOT_FOUND for anyone else's)."""
    row = session.get(AutomaticRebalance, rebalance_id)
    if row is None or row.user_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such rebalance.", "找不到这条再平衡记录。"), "id")
    return row


def recent_rebalances(session: Session, goal_id: int, limit: int = 20) -> list[AutomaticRebalance]:
    """The goal's latest automatic rebalances, newest first."""
    return list(
        session.scalars(
            select(AutomaticRebalance)
            .where(AutomaticRebalance.goal_id == goal_id)
            .order_by(AutomaticRebalance.day.desc())
            .limit(limit)
        )
    )


def set_automatic(
    *, session: Session, clock: Clock, user_id: int, goal_id: int, enabled: bool, terms_version: str | None
) -> Goal:
    """Turn automatic rebalancing of a goal on (agreeing to ``terms_version``) or off;
    doing it again changes nothing."""
    goal = goals_.get(session, user_id=user_id, goal_id=goal_id, lock=True)
    now = clock.now()
    current = authorisation(session, goal.id)
    if not enabled:
        revoke(session, goal=goal, now=now)
        return goal
    goals_.require_active(goal)
    if terms_version != TERMS_VERSION:
        raise AdviceError(
            AdvisorErrorCode.TERMS_VERSION_OUTDATED,
            t(
                f"Read and agree to the current terms of automatic rebalancing (version {TERMS_VERSION}).",
                f"请阅读并同意最新的自动再平衡服务条款（版本 {TERMS_VERSION}）。",
            ),
            "termsVersion",
        )
    if current is None:
        session.add(
            RebalanceAuthorisation(goal_id=goal.id, user_id=user_id, terms_version=TERMS_VERSION, authorised_at=now)
        )
        session.flush()
    return goal


def revoke(session: Session, *, goal: Goal, now: datetime) -> None:
    current = authorisation(session, goal.id)
    if current is not None:
        current.revoked_at = now
        session.flush()


# --- the nightly run ---------------------------------------------------------------------------


def _words(goal: Goal, drift: Decimal, band: Decimal, sold: list[str], bought: list[str]) -> tuple[str, str]:
    pct = f"{(drift * 100).quantize(Decimal('0.1'))}%"
    limit = f"{(band * 100).quantize(Decimal('0.1'))}%"
    en = f"“{goal.name}” had drifted {pct} from its plan (band {limit}): "
    zh = f"“{goal.name}”偏离计划 {pct}（阈值 {limit}）："
    en += "sold " + (", ".join(sold) or "nothing") + "; bought " + (", ".join(bought) or "nothing yet") + "."
    zh += "卖出 " + ("、".join(sold) or "无") + "；买入 " + ("、".join(bought) or "待资金到账后进行") + "。"
    return en, zh


def _pending_orders(session: Session, goal_id: int) -> bool:
    return (
        session.scalar(
            select(GoalOrder.order_id)
            .join(FundOrder, FundOrder.id == GoalOrder.order_id)
            .where(GoalOrder.goal_id == goal_id, FundOrder.status == str(OrderStatus.PENDING))
            .limit(1)
        )
        is not None
    )


def sellable_units(
    session: Session, *, user_id: int, product, day: date, threshold: Decimal, ignore_fees: bool
) -> Decimal:
    """Units a redemption may take today without touching a lot whose fee rate is above
    ``threshold`` (oldest lots first, as redemptions take them); units beyond the lots
    (reinvested income) carry no fee."""
    tiers = [FeeTier(tier.min_holding_days, tier.rate) for tier in product.redemption_fees]
    total = 0
    open_ = lots.open_lots(session, user_id=user_id, product_id=product.id)
    for lot in open_:
        if lot.locked_until is not None and lot.locked_until > day:
            break
        if not ignore_fees and redemption_rate(tiers, (day - lot.acquired_on).days) > threshold:
            break
        total += lot.units_left
    else:
        return Decimal(10**12)  # every lot sellable: the units beyond them are too
    return Decimal(total).scaleb(-UNITS_PLACES)


def _place_buys(
    session: Session, *, clock: Clock, settings: Settings, goal: Goal, buys: dict[int, int], key: str
) -> tuple[list[int], list[str]]:
    placed, names = [], []
    now = clock.now()
    for product_id, minor in buys.items():
        if minor <= 0:
            continue
        product = load_product(session, product_id)
        if Decimal(minor).scaleb(-2) < product.minimum_amount:
            continue
        result = orders.subscribe(
            session=session,
            clock=clock,
            settings=settings,
            user_id=goal.user_id,
            product_id=product_id,
            amount=Decimal(minor).scaleb(-2),
            idempotency=f"{key}:buy:{product_id}",
            payment_password_checked=True,
        )
        placed.append(result.order_id)
        names.append(product.code)
        if not result.replayed:
            session.add(GoalOrder(order_id=result.order_id, goal_id=goal.id, created_at=now))
    return placed, names


def _finish_awaiting(
    session: Session, *, clock: Clock, settings: Settings, goal: Goal, row: AutomaticRebalance
) -> bool:
    """Place the buys of a rebalance whose sales' cash has all arrived; False while it has not."""
    sales = session.scalars(select(FundOrder).where(FundOrder.id.in_(row.sale_order_ids))).all()
    if any(
        o.status == OrderStatus.PENDING
        or (o.status == OrderStatus.CONFIRMED and not o.fast and o.cash_settled_at is None)
        for o in sales
    ):
        return False
    proceeds = sum((o.cash or 0) for o in sales if o.status == OrderStatus.CONFIRMED and not o.fast)
    wanted = {int(pid): int(v) for pid, v in row.pending_buys.items()}
    budget = min(sum(wanted.values()), proceeds)
    parts = largest_remainder([Decimal(v) for v in wanted.values()], budget) if budget > 0 else [0] * len(wanted)
    savepoint = session.begin_nested()
    try:
        placed, _ = _place_buys(
            session, clock=clock, settings=settings, goal=goal, buys=dict(zip(wanted, parts)), key=f"rebalance:{row.id}"
        )
        savepoint.commit()
        row.buy_order_ids = [*row.buy_order_ids, *placed]
        row.status = RebalanceStatus.DONE.value
    except DomainError as error:
        savepoint.rollback()
        row.status = RebalanceStatus.FAILED.value
        row.reason_en += f" The purchases were refused: {error.text.en}"
        row.reason_zh += f" 买入被拒绝：{error.text.zh}"
    row.pending_buys = {}
    row.completed_at = clock.now()
    return True


def rebalance_goal(
    session: Session, *, clock: Clock, settings: Settings, goal_id: int, day: date
) -> AutomaticRebalance | None:
    """One goal's nightly run (see the module docstring); the rebalance made or finished, if any."""
    goal = session.scalars(lock_rows(session, select(Goal).where(Goal.id == goal_id))).one()
    if goal.status != goals_.GoalStatus.ACTIVE or authorisation(session, goal.id) is None:
        return None
    awaiting = session.scalars(
        select(AutomaticRebalance).where(
            AutomaticRebalance.goal_id == goal.id, AutomaticRebalance.status == str(RebalanceStatus.AWAITING_CASH)
        )
    ).first()
    if awaiting is not None:
        return awaiting if _finish_awaiting(session, clock=clock, settings=settings, goal=goal, row=awaiting) else None
    existing = session.scalars(
        select(AutomaticRebalance).where(AutomaticRebalance.goal_id == goal.id, AutomaticRebalance.day == day)
    ).first()
    if existing is not None:
        return None  # done today already
    products = {w.product_id: load_product(session, w.product_id) for w in goal.weights}
    withdrawn = [p for p in products.values() if p.status != ProductStatus.ON_SALE]
    if withdrawn:
        if not goal.review_reason:
            goal.review_reason = f"PRODUCT_WITHDRAWN:{withdrawn[0].code}"
        return None
    if goal.review_reason or _pending_orders(session, goal.id):
        return None
    held = {h.product_id: h for h in goals_.holdings(session, clock=clock, goal=goal)}
    weights = goals_.target_weights(session, goal, day)
    values = {pid: held[pid].value if pid in held else Decimal(0) for pid in weights}
    total = sum(values.values(), Decimal(0))
    if total <= 0:
        return None
    drift = drift_of(values, weights)
    band = settings.rebalance_band
    if drift <= band:
        return None
    ignore_fees = drift > 2 * band
    key = f"rebalance:{goal.id}:{day.isoformat()}"
    row = AutomaticRebalance(
        goal_id=goal.id,
        user_id=goal.user_id,
        day=day,
        drift=drift,
        status=RebalanceStatus.DONE.value,
        sale_order_ids=[],
        buy_order_ids=[],
        pending_buys={},
        reason_en="",
        reason_zh="",
        created_at=clock.now(),
    )
    savepoint = session.begin_nested()
    sold: list[str] = []
    try:
        fast_cash, slow_cash = Decimal(0), Decimal(0)
        for pid, weight in weights.items():
            excess = values[pid] - total * weight
            if excess < CENT or pid not in held:
                continue
            product = products[pid]
            holding = held[pid]
            free = holding.units - holding.locked_units
            free = min(
                free,
                sellable_units(
                    session,
                    user_id=goal.user_id,
                    product=product,
                    day=day,
                    threshold=settings.rebalance_fee_threshold,
                    ignore_fees=ignore_fees,
                ),
            )
            if product.kind == ProductKind.MONEY_FUND:
                amount = min(excess.quantize(CENT, ROUND_DOWN), free)
                if amount <= 0:
                    continue
                fast = Decimal(0)
                if fast_redemption.is_fast(product):
                    left = Decimal(
                        fast_redemption.left_today(
                            session, product=product, user_id=goal.user_id, clock=clock, settings=settings
                        )
                    ).scaleb(-2)
                    fast = min(amount, left)
                for part, is_fast in ((fast, True), (amount - fast, False)):
                    if part <= 0:
                        continue
                    result = orders.redeem(
                        session=session,
                        clock=clock,
                        settings=settings,
                        user_id=goal.user_id,
                        product_id=pid,
                        amount=part,
                        fast=is_fast,
                        idempotency=f"{key}:sell:{pid}:{'fast' if is_fast else 'normal'}",
                        payment_password_checked=True,
                    )
                    session.add(GoalOrder(order_id=result.order_id, goal_id=goal.id, created_at=clock.now()))
                    row.sale_order_ids = [*row.sale_order_ids, result.order_id]
                fast_cash += fast
                slow_cash += amount - fast
                sold.append(product.code)
            else:
                units = min((excess / holding.price).quantize(CENT, ROUND_DOWN), free)
                if units <= 0:
                    continue
                result = orders.redeem(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=goal.user_id,
                    product_id=pid,
                    units=units,
                    idempotency=f"{key}:sell:{pid}",
                    payment_password_checked=True,
                )
                session.add(GoalOrder(order_id=result.order_id, goal_id=goal.id, created_at=clock.now()))
                row.sale_order_ids = [*row.sale_order_ids, result.order_id]
                slow_cash += units * holding.price
                sold.append(product.code)
        gaps = {pid: total * w - values[pid] for pid, w in weights.items() if total * w - values[pid] >= CENT}
        budget = min(sum(gaps.values(), Decimal(0)), fast_cash + slow_cash)
        budget_minor = int(budget.quantize(CENT, ROUND_DOWN).scaleb(2))
        shares = dict(zip(gaps, largest_remainder(list(gaps.values()), budget_minor))) if gaps else {}
        now_minor = min(budget_minor, int(fast_cash.scaleb(2)))
        now_parts = (
            dict(zip(shares, largest_remainder([Decimal(v) for v in shares.values()], now_minor))) if shares else {}
        )
        placed, bought = _place_buys(session, clock=clock, settings=settings, goal=goal, buys=now_parts, key=key)
        row.buy_order_ids = placed
        later = {
            str(pid): shares[pid] - now_parts.get(pid, 0) for pid in shares if shares[pid] - now_parts.get(pid, 0) > 0
        }
        if later and slow_cash > 0:
            row.pending_buys = later
            row.status = RebalanceStatus.AWAITING_CASH.value
        else:
            row.completed_at = clock.now()
        savepoint.commit()
        row.reason_en, row.reason_zh = _words(goal, drift, band, sold, bought)
    except DomainError as error:
        savepoint.rollback()
        row.status = RebalanceStatus.FAILED.value
        row.sale_order_ids, row.buy_order_ids, row.pending_buys = [], [], {}
        row.reason_en = f"“{goal.name}” had drifted beyond its band but could not be rebalanced: {error.text.en}"
        row.reason_zh = f"“{goal.name}”已偏离计划，但无法自动再平衡：{error.text.zh}"
        row.completed_at = clock.now()
    session.add(row)
    session.flush()
    return row


@dataclass
class RebalanceReport:
    day: date
    goals: int = 0
    rebalanced: int = 0
    awaiting_cash: int = 0
    failed: int = 0


def run_rebalancing(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    day: date,
    batch: int = 1000,  # goals checked per read (only those it may change get a write)
    shard: tuple[int, int] = (0, 1),
) -> RebalanceReport:
    """The nightly run over every goal with automatic rebalancing on: ``batch`` goals checked
    per read (``goals_to_visit``), and one write transaction per goal it may change."""
    report = RebalanceReport(day)
    active = RebalanceAuthorisation.revoked_at.is_(None)
    for goal_ids in id_batches(database, RebalanceAuthorisation.goal_id, active, batch=batch, shard=shard):
        report.goals += len(goal_ids)
        with database.read() as session:
            visit = goals_to_visit(session, clock=clock, settings=settings, goal_ids=goal_ids, day=day)
        for goal_id in visit:
            with database.write() as session:
                row = rebalance_goal(session, clock=clock, settings=settings, goal_id=goal_id, day=day)
                status = None if row is None else row.status
            if status == RebalanceStatus.DONE:
                report.rebalanced += 1
            elif status == RebalanceStatus.AWAITING_CASH:
                report.awaiting_cash += 1
            elif status == RebalanceStatus.FAILED:
                report.failed += 1
    return report


def goals_to_visit(session: Session, *, clock: Clock, settings: Settings, goal_ids: list[int], day: date) -> list[int]:
    """Of ``goal_ids`` (authorised), those ``rebalance_goal`` may change today, read in a fixed
    number of statements: a rebalance awaiting its cash; else, with no rebalance today yet,
    a goal whose plan has a product just withdrawn (not in review yet), or one not in review,
    with no order waiting for its price, holding something, whose drift is beyond the band
    (the same values, weights and drift ``rebalance_goal`` computes). Every other goal would
    be left as it is, so the job does not open a write transaction for it; the goals returned
    are checked again under their lock."""
    if not goal_ids:
        return []
    found = session.scalars(
        select(Goal).where(Goal.id.in_(goal_ids), Goal.status == str(goals_.GoalStatus.ACTIVE)).order_by(Goal.id)
    ).all()
    if not found:
        return []
    ids = [goal.id for goal in found]
    today_rows = session.execute(
        select(AutomaticRebalance.goal_id, AutomaticRebalance.status, AutomaticRebalance.day).where(
            AutomaticRebalance.goal_id.in_(ids),
            or_(
                AutomaticRebalance.status == str(RebalanceStatus.AWAITING_CASH),
                AutomaticRebalance.day == day,
            ),
        )
    ).all()
    awaiting = {gid for gid, status, _ in today_rows if status == RebalanceStatus.AWAITING_CASH}
    done_today = {gid for gid, _, on in today_rows if on == day}
    pending = set(
        session.scalars(
            select(GoalOrder.goal_id)
            .join(FundOrder, FundOrder.id == GoalOrder.order_id)
            .where(GoalOrder.goal_id.in_(ids), FundOrder.status == str(OrderStatus.PENDING))
            .distinct()
        )
    )
    statuses = dict(
        session.execute(
            select(Product.id, Product.status).where(Product.id.in_({w.product_id for g in found for w in g.weights}))
        ).all()
    )
    visit, to_value = [], []
    for goal in found:
        if goal.id in awaiting:
            visit.append(goal.id)
        elif goal.id in done_today:
            continue
        elif any(statuses.get(w.product_id) != ProductStatus.ON_SALE for w in goal.weights):
            if not goal.review_reason:
                visit.append(goal.id)
        elif not goal.review_reason and goal.id not in pending:
            to_value.append(goal)
    values = goals_.values_of(session, clock=clock, goals=to_value)
    band = settings.rebalance_band
    for goal in to_value:
        weights = goals_.target_weights(session, goal, day)
        held = {pid: values[goal.id].get(pid, Decimal(0)) for pid in weights}
        if sum(held.values(), Decimal(0)) > 0 and drift_of(held, weights) > band:
            visit.append(goal.id)
    return sorted(visit)
