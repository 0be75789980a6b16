"""Keeping a plan on track: compare the holdings of the plan's products with the latest
invested plan, and when they drift too far, a stored ``REBALANCE`` recommendation with the
orders that bring them back and the figures before and after.

- **Drift** = sum over the plan's products of ``|actual weight - target weight| / 2``, the
  actual weights from the holdings' values at the latest prices (``investing.portfolio``).
  Other holdings are the user's own and are left alone. Up to ``DRIFT_LIMIT`` (3%) the
  portfolio is on track. While the plan's orders wait for confirmation there is nothing to
  compare yet.
- **Targets** are the plan's weights of today's value, then adjusted for what cannot move:
  units still locked (lock-ups, maturities) cannot be sold, and a product that is off sale
  or no longer suitable for the user cannot be bought; the rest is spread over the other
  products in the plan's proportions.
- **Orders**: redemptions of what is above target (money funds by amount, fast (T+0) up to
  what is left of today's limit and the rest normally; other products by whole hundredths
  of units); subscriptions of what is below target, paid by the redemptions: their total is
  at most the proceeds net of the estimated redemption fees (oldest units first, the
  product's schedule by holding period), and at most the cash there at once (the wallet's
  cash plus the fast redemptions); what the slower redemptions pay arrives in the wallet
  later, and the plan says so. A subscription below its product's minimum is left out.
- **Figures**: before (the holdings) and after (the targets), from the current scenarios;
  a product without scenarios now (off sale) counts as cash. When the plan's tail loss on
  today's figures is above the category's ceiling, the explanation says to ask for a new
  recommendation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advisor import recommendations, texts
from advisor.advice import Advice, Allocation, PlainFigures, plain_figures
from advisor.eligibility import AdviceRequest, resolve
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.model_cache import ModelCache
from advisor.models import OrderSide, PlanOrder, Recommendation, RecommendationKind
from advisor.platform import Optimum, PlatformModel
from advisor.solving import SolveReport
from core.calendar import TradingCalendar
from core.clock import Clock
from core.errors import t
from core.money import RATE_PLACES, UNITS_PLACES, Money, largest_remainder, round_half_even
from core.risk import RiskLevel
from core.settings import Settings
from investing import fast_redemption, lots, orders, portfolio
from investing.kinds import OrderStatus
from ledger.accounts import user_balance
from ledger.kinds import CNY, Purpose
from products.kinds import ProductKind
from products.scenarios import ScenarioInput
from products.terms import redemption_rate
from questionnaire.profiles import current_profile
from questionnaire.suitability import Decision, check
from tradingcalendar.service import calendar as trading_calendar

DRIFT_LIMIT = Decimal("0.03")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RebalanceCheck:
    plan: Recommendation
    drift: Decimal | None
    on_track: bool
    pending: bool
    rebalance: Recommendation | None
    message: str


@dataclass
class Line:
    """One product of the plan: what is held, what it should be, what can move."""

    product_id: int
    code: str
    target_weight: Decimal
    value: Decimal  # held now
    free_value: Decimal  # of units not locked
    units: Decimal
    free_units: Decimal
    price: Decimal
    buyable: bool
    source: ScenarioInput | None
    target: Decimal = Decimal(0)


def latest_invested(session: Session, user_id: int) -> Recommendation | None:
    return session.scalar(
        select(Recommendation)
        .where(Recommendation.user_id == user_id, Recommendation.invested_at.is_not(None))
        .order_by(Recommendation.invested_at.desc(), Recommendation.id.desc())
        .limit(1)
    )


def drift_of(values: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal:
    """Sum of |actual - target| / 2 over the plan's products (values at today's prices)."""
    total = sum(values.values(), Decimal(0))
    if total <= 0:
        return Decimal(1)
    gap = sum((abs(values.get(pid, Decimal(0)) / total - weight) for pid, weight in weights.items()), Decimal(0))
    return round_half_even(gap / 2, RATE_PLACES)


def _pending(session: Session, plan: Recommendation, user_id: int) -> bool:
    for order in plan.orders:
        if order.order_id is not None:
            view = orders.order_view(session, order.order_id, user_id=user_id)
            if view.status is OrderStatus.PENDING:
                return True
    return False


def _lines(
    session: Session, *, clock: Clock, user_id: int, plan: Recommendation, model: PlatformModel, profile, locale: str
) -> list[Line]:
    positions = {p.product_id: p for p in portfolio.holdings_of(session=session, user_id=user_id, clock=clock)}
    inputs = {p.product_id: p for p in model.data.scenarios.products}
    lines = []
    for allocation in plan.allocations:
        position = positions.get(allocation.product_id)
        source = inputs.get(allocation.product_id)
        buyable = (
            source is not None
            and check(
                profile=profile,
                product_risk_level=RiskLevel(source.risk_level),
                qualified_investors_only=source.qualified_only,
                locale=locale,
            ).decision
            is Decision.ALLOWED
        )
        if position is None:
            lines.append(
                Line(
                    allocation.product_id,
                    allocation.product_code,
                    allocation.weight,
                    Decimal(0),
                    Decimal(0),
                    Decimal(0),
                    Decimal(0),
                    Decimal(1),
                    buyable,
                    source,
                )
            )
            continue
        free_units = max(position.units - position.locked_units, Decimal(0))
        lines.append(
            Line(
                allocation.product_id,
                allocation.product_code,
                allocation.weight,
                position.value,
                round_half_even(free_units * position.price, 2),
                position.units,
                free_units,
                position.price,
                buyable,
                source,
            )
        )
    return lines


def _set_targets(lines: list[Line], total: Decimal) -> None:
    """The plan's weights of ``total``, clamped to what can move, the rest spread in the plan's
    proportions over the products that can take it."""
    fixed: dict[int, Decimal] = {}
    for _ in range(len(lines) + 1):
        free = [line for line in lines if line.product_id not in fixed]
        left = total - sum(fixed.values(), Decimal(0))
        weight = sum((line.target_weight for line in free), Decimal(0))
        changed = False
        for line in free:
            line.target = left * line.target_weight / weight if weight > 0 else Decimal(0)
            floor = line.value - line.free_value  # locked units stay
            if line.target < floor:
                fixed[line.product_id] = floor
                changed = True
            elif line.target > line.value and not line.buyable:
                fixed[line.product_id] = line.value  # cannot buy more
                changed = True
        for line in lines:
            if line.product_id in fixed:
                line.target = fixed[line.product_id]
        if not changed:
            return


def _fee_estimate(session: Session, *, user_id: int, line: Line, units: Decimal, today: date) -> Decimal:
    if line.source is None:
        return Decimal(0)
    schedule = list(line.source.fees.redemption_schedule)
    left, fee = units, Decimal(0)
    for lot in lots.open_lots(session, user_id=user_id, product_id=line.product_id):
        if left <= 0:
            break
        part = min(left, Decimal(lot.units_left).scaleb(-UNITS_PLACES))
        fee += part * line.price * redemption_rate(schedule, (today - lot.acquired_on).days)
        left -= part
    return round_half_even(fee, 2)


def _orders(
    session: Session, *, clock: Clock, settings: Settings, user_id: int, lines: list[Line], words
) -> tuple[list[PlanOrder], list[str]]:
    today = clock.today()
    planned: list[PlanOrder] = []
    notes: list[str] = []
    proceeds, fast_cash = Decimal(0), Decimal(0)
    for line in lines:
        excess = line.value - line.target
        if excess < CENT:
            continue
        if line.source is not None and line.source.kind is ProductKind.MONEY_FUND:
            amount = min(excess.quantize(CENT, ROUND_DOWN), line.free_value)
            product = orders.load_product(session, line.product_id)
            fast = Decimal(0)
            if fast_redemption.is_fast(product):
                left = Decimal(
                    fast_redemption.left_today(
                        session, product=product, user_id=user_id, clock=clock, settings=settings
                    )
                ).scaleb(-2)
                fast = min(amount, left)
            if fast > 0:
                planned.append(_order(line, OrderSide.REDEEM, amount=fast, fast=True, note=words.fast_note()))
                fast_cash += fast
            if amount - fast > 0:
                planned.append(_order(line, OrderSide.REDEEM, amount=amount - fast))
            proceeds += amount
        else:
            units = min((excess / line.price).quantize(CENT, ROUND_DOWN), line.free_units)
            if units <= 0:
                continue
            fee = _fee_estimate(session, user_id=user_id, line=line, units=units, today=today)
            planned.append(_order(line, OrderSide.REDEEM, units=units))
            proceeds += round_half_even(units * line.price, 2) - fee
    wanted = {line.product_id: line.target - line.value for line in lines if line.target - line.value >= CENT}
    total_wanted = sum(wanted.values(), Decimal(0))
    if not total_wanted:
        return planned, notes
    cash_now = Decimal(user_balance(session, user_id=user_id, purpose=Purpose.CASH, asset=CNY)).scaleb(-2) + fast_cash
    budget = min(total_wanted, proceeds, cash_now)
    if budget < min(total_wanted, proceeds):
        notes.append(words.cash_later(Money(min(total_wanted, proceeds) - budget, CNY)))
    shares = largest_remainder(list(wanted.values()), int(budget.scaleb(2)))
    for line in lines:
        if line.product_id not in wanted:
            continue
        amount = Decimal(shares[list(wanted).index(line.product_id)]).scaleb(-2)
        if amount <= 0:
            continue
        if line.source is not None and amount < line.source.minimum_amount:
            notes.append(words.below_minimum((line.code,)))
            continue
        planned.append(_order(line, OrderSide.SUBSCRIBE, amount=amount))
    return planned, notes


def _order(
    line: Line,
    side: OrderSide,
    *,
    amount: Decimal | None = None,
    units: Decimal | None = None,
    fast: bool = False,
    note: str = "",
) -> PlanOrder:
    return PlanOrder(
        product_id=line.product_id,
        product_code=line.code,
        side=side.value,
        amount=amount,
        units=units,
        fast=fast,
        note=note[:200],
    )


def _figures(
    model: PlatformModel,
    lines: list[Line],
    values: list[Decimal],
    *,
    amount: Money,
    today: date,
    calendar: TradingCalendar,
    horizon_months: int,
) -> tuple[list[Allocation], PlainFigures]:
    """Plain figures of holding ``values`` of the plan's products (without scenarios: cash)."""
    index = {p.product_id: j for j, p in enumerate(model.data.scenarios.products)}
    minor = largest_remainder([max(v, Decimal(0)) for v in values], amount.to_minor())
    weights = np.zeros(model.data.n_products)
    allocations = []
    units = largest_remainder([Decimal(m) for m in minor], 10**RATE_PLACES)
    for line, part, unit in zip(lines, minor, units):
        if part <= 0:
            continue
        if line.source is not None:
            weights[index[line.product_id]] = part / amount.to_minor()
            allocations.append(
                Allocation(line.source, Decimal(unit).scaleb(-RATE_PLACES), Money.from_minor(part, amount.currency))
            )
    plain = plain_figures(
        model,
        weights,
        allocations,
        amount=amount,
        today=today,
        calendar=calendar,
        horizon_months=horizon_months,
        goal=None,
    )
    return allocations, plain


def _figures_dict(plain: PlainFigures) -> dict:
    return {
        "expectedAnnualReturn": str(plain.expected_annual_return),
        "typicalLow": str(plain.typical_low),
        "typicalHigh": str(plain.typical_high),
        "badYearLoss": str(plain.bad_year_loss),
        "badYearLossAmount": plain.bad_year_loss_amount.text(),
        "probabilityOfLoss": str(plain.probability_of_loss),
        "tailLoss": str(plain.tail_loss),
    }


def check_plan(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    cache: ModelCache,
    user_id: int,
    locale: str,
    store: bool = False,
) -> RebalanceCheck:
    """Compare the holdings with the latest invested plan. Reads only unless ``store``: then,
    above the drift limit, a ``REBALANCE`` recommendation is computed and stored (in the
    caller's write transaction) and returned as ``rebalance``. Without ``store``,
    ``rebalance`` is the latest one stored for this plan and not invested yet (or None)."""
    words = texts.of(locale)
    plan = latest_invested(session, user_id)
    if plan is None:
        raise AdviceError(
            AdvisorErrorCode.NO_PLAN_TO_REBALANCE,
            t(
                "You have not invested in a plan yet: ask for a recommendation and invest in it first.",
                "您还没有投资任何计划，请先获取推荐并完成投资。",
            ),
        )
    stored = None if store else latest_rebalance(session, user_id, plan)
    if _pending(session, plan, user_id):
        return RebalanceCheck(plan, None, True, True, stored, words.orders_pending())
    profile = current_profile(session=session, user_id=user_id, clock=clock)
    model = cache.model(session=session, clock=clock)
    lines = _lines(session, clock=clock, user_id=user_id, plan=plan, model=model, profile=profile, locale=locale)
    total = sum((line.value for line in lines), Decimal(0))
    if total <= 0:
        raise AdviceError(
            AdvisorErrorCode.NO_PLAN_TO_REBALANCE,
            t(
                "You hold none of your plan's products any more: ask for a new recommendation.",
                "您已不再持有计划中的任何产品，请重新获取推荐。",
            ),
        )
    drift = drift_of(
        {line.product_id: line.value for line in lines}, {line.product_id: line.target_weight for line in lines}
    )
    if drift <= DRIFT_LIMIT:
        return RebalanceCheck(plan, drift, True, False, stored, words.on_track(drift))
    if not store:
        return RebalanceCheck(plan, drift, False, False, stored, words.drifted(drift))
    terms = resolve(
        AdviceRequest(amount=total, horizon_months=plan.horizon_months, liquidity_need=Decimal(0)),
        profile,
        currency=plan.currency,
    )
    _set_targets(lines, total)
    planned, notes = _orders(session, clock=clock, settings=settings, user_id=user_id, lines=lines, words=words)
    amount = Money(total, plan.currency)
    known = trading_calendar(session)
    _, before = _figures(
        model,
        lines,
        [line.value for line in lines],
        amount=amount,
        today=clock.today(),
        calendar=known,
        horizon_months=plan.horizon_months,
    )
    allocations, after = _figures(
        model,
        lines,
        [line.target for line in lines],
        amount=amount,
        today=clock.today(),
        calendar=known,
        horizon_months=plan.horizon_months,
    )
    if after.tail_loss > Decimal(repr(terms.limits.tail_loss)):
        notes.append(words.plan_too_risky(terms.limits))
    report = SolveReport("REBALANCE", f"targets of plan {plan.id}", ())
    weights = np.array([float(a.weight) for a in allocations])
    advice = Advice(
        request=AdviceRequest(amount=total, horizon_months=plan.horizon_months),
        terms=terms,
        catalogue_version=model.version,
        allocations=allocations,
        figures=after,
        relaxations=[],
        optimum=Optimum(weights, 0.0, float(after.tail_loss), float(after.expected_annual_return), report, 0),
        assumptions={
            **model.data.scenarios.assumptions(),
            "limits": terms.limits.as_dict(),
            "driftLimit": str(DRIFT_LIMIT),
            "basedOn": plan.id,
        },
        explanation=words.rebalance(drift, before, after, amount) + "".join(" " + note for note in notes),
        locale=locale,
    )
    for position, order in enumerate(planned):
        order.position = position
    row = recommendations.store(
        session=session,
        now=clock.now(),
        user_id=user_id,
        advice=advice,
        kind=RecommendationKind.REBALANCE,
        based_on_id=plan.id,
        drift=drift,
        figures_before=_figures_dict(before),
        orders=planned,
    )
    return RebalanceCheck(plan, drift, False, False, row, row.explanation)


def latest_rebalance(session: Session, user_id: int, plan: Recommendation) -> Recommendation | None:
    """The latest REBALANCE recommendation stored for ``plan`` and not invested yet."""
    return session.scalars(
        select(Recommendation)
        .where(
            Recommendation.user_id == user_id,
            Recommendation.kind == str(RecommendationKind.REBALANCE),
            Recommendation.based_on_id == plan.id,
            Recommendation.invested_at.is_(None),
        )
        .order_by(Recommendation.id.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True, slots=True)
class Drifted:
    """An invested plan whose holdings have drifted beyond ``DRIFT_LIMIT``."""

    user_id: int
    plan_id: int
    drift: Decimal


def drifted_plans(*, session: Session, clock: Clock) -> list[Drifted]:
    """Every user's latest invested plan whose holdings (at the latest prices) have drifted
    beyond ``DRIFT_LIMIT``, as ``check_plan`` measures it (plans whose orders still wait for
    confirmation, and plans none of whose products are held any more, are left out). Reads
    only; no scenarios or optimizer (reminders, not rebalancing)."""
    ranked = (
        select(
            Recommendation.id,
            Recommendation.user_id,
            func.row_number()
            .over(
                partition_by=Recommendation.user_id,
                order_by=(Recommendation.invested_at.desc(), Recommendation.id.desc()),
            )
            .label("rank"),
        )
        .where(Recommendation.invested_at.is_not(None))
        .subquery()
    )
    latest = session.execute(select(ranked.c.id, ranked.c.user_id).where(ranked.c.rank == 1).order_by(ranked.c.id))
    found = []
    for plan_id, user_id in latest.all():
        plan = session.get(Recommendation, plan_id)
        if plan is None or _pending(session, plan, user_id):
            continue
        positions = {
            p.product_id: p.value for p in portfolio.holdings_of(session=session, user_id=user_id, clock=clock)
        }
        weights = {allocation.product_id: allocation.weight for allocation in plan.allocations}
        values = {product_id: positions.get(product_id, Decimal(0)) for product_id in weights}
        if sum(values.values(), Decimal(0)) <= 0:
            continue
        drift = drift_of(values, weights)
        if drift > DRIFT_LIMIT:
            found.append(Drifted(user_id, plan_id, drift))
    return found
