"""Goals: what a user saves for, the plan its money follows, what it holds and where it is heading.

- A goal's risk category is at most the user's current category (``GOAL_CATEGORY_TOO_HIGH``).
  Its plan comes from the optimizer for that category, the target and the horizon
  (``goal_advice``); an ``EMERGENCY_FUND`` is held in money funds only (the one on sale that
  redeems fastest, no optimizer).
- **Holdings of a goal** are what its orders (``goal_orders``) bought less what they sold, per
  product, valued at the latest prices; a subscription still waiting for its price counts at
  its amount. Closing a goal returns its units to the general pot: its orders stop counting.
- **Glide path** (RETIREMENT and EDUCATION): the share of the plan outside money funds is
  multiplied by ``min(1, years left / G)`` (G = 10 years for retirement, 5 for education) and
  the rest moves to the plan's money fund (or is spread over the others when it has none), so
  risk falls steadily as the date nears and the goal is all in money funds on its date.
- **Projection**: monthly steps of a lognormal return with the plan's expected annual return
  ``m`` and volatility ``s`` (``s`` from the plan's typical range, the 10th to 90th percentile
  of a year: ``s = (high - low) / (2 x 1.2816)``; monthly log-return mean ``ln(1+m)/12 - s²/24``,
  standard deviation ``s / sqrt(12)``), 2,000 paths of a fixed seed (the same answer every
  time), contributions at each month's start. ``p10/p50/p90`` are percentiles of the value,
  the probability of reaching the target is the share of paths at or above it on the date,
  and the suggested monthly contribution is the least (to the yuan above) that makes that
  share 90%: since a path's final value is linear in the contribution, it is exactly the
  90th percentile over paths of what each path needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.models import Goal, GoalOrder, GoalWeight
from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.money import RATE_PLACES, UNITS_PLACES, largest_remainder, round_half_even
from core.risk import RiskCategory
from core.settings import Settings
from investing import portfolio
from investing.kinds import OrderSide, OrderStatus
from investing.models import FundOrder
from products.kinds import ProductKind, ProductStatus
from products.models import Product
from questionnaire.profiles import current_profile


class GoalKind(StrEnum):
    RETIREMENT = "RETIREMENT"
    HOME = "HOME"
    EDUCATION = "EDUCATION"
    EMERGENCY_FUND = "EMERGENCY_FUND"
    GENERAL = "GENERAL"


class GoalStatus(StrEnum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"


GLIDE_YEARS = {GoalKind.RETIREMENT: 10, GoalKind.EDUCATION: 5}
PATHS = 2000
SEED = 20260417
Z90 = 1.2816  # the 90th percentile of the standard normal
MAX_NAME = 100
MAX_TARGET = Decimal("100000000")


# --- checks --------------------------------------------------------------------------------


def check_goal_terms(
    *,
    name: str,
    target_amount: Decimal,
    target_date: date,
    initial_amount: Decimal,
    monthly_contribution: Decimal,
    today: date,
) -> None:
    """Refuse every invalid field at once is the API's job; here the first one found."""
    if not name.strip() or len(name) > MAX_NAME:
        raise DomainError(
            AdvisorErrorCode.INVALID_GOAL,
            t(f"Give the goal a name of 1 to {MAX_NAME} characters.", f"请为目标起一个 1 到 {MAX_NAME} 个字的名称。"),
            "name",
        )
    if target_amount <= 0 or target_amount > MAX_TARGET:
        raise DomainError(
            AdvisorErrorCode.INVALID_GOAL,
            t("The target must be above zero and at most ¥100,000,000.", "目标金额须大于零且不超过 ¥100,000,000。"),
            "targetAmount",
        )
    if target_date <= today:
        raise DomainError(
            AdvisorErrorCode.INVALID_GOAL,
            t("The target date must be in the future.", "目标日期须晚于今天。"),
            "targetDate",
        )
    if target_date.year > today.year + 60:
        raise DomainError(
            AdvisorErrorCode.INVALID_GOAL,
            t("The target date must be within 60 years.", "目标日期须在 60 年以内。"),
            "targetDate",
        )
    if initial_amount < 0:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT, t("The amount cannot be negative.", "金额不能为负。"), "initialAmount"
        )
    if monthly_contribution < 0:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT, t("The amount cannot be negative.", "金额不能为负。"), "monthlyContribution"
        )


def check_category(session: Session, *, clock: Clock, user_id: int, category: RiskCategory) -> RiskCategory:
    """The goal's category if the user's current (unexpired) category allows it."""
    profile = current_profile(session=session, user_id=user_id, clock=clock)
    if not profile.is_valid or profile.risk_category is None:
        raise AdviceError(
            AdvisorErrorCode.ASSESSMENT_REQUIRED,
            t(
                "Complete the risk questionnaire (or renew your expired assessment) before setting a goal.",
                "请先完成风险评估问卷（或重新评估已过期的评估），再设定目标。",
            ),
            "riskCategory",
        )
    if category.rank > profile.risk_category.rank:
        raise AdviceError(
            AdvisorErrorCode.GOAL_CATEGORY_TOO_HIGH,
            t(
                f"A goal's risk category can be at most yours ({profile.risk_category.value}).",
                f"目标的风险等级不能高于您的风险等级（{profile.risk_category.value}）。",
            ),
            "riskCategory",
        )
    return category


def months_between(first: date, last: date) -> int:
    return max((last.year - first.year) * 12 + last.month - first.month, 1)


# --- the plan ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanWeights:
    weights: dict[int, Decimal]  # product id -> weight (adding up to 1)
    expected_annual_return: Decimal
    volatility: Decimal
    recommendation_id: int | None = None


def emergency_fund_plan(session: Session) -> PlanWeights:
    """All in one money fund on sale (fast-redeeming first, then the oldest)."""
    funds = session.scalars(
        select(Product)
        .where(Product.kind == str(ProductKind.MONEY_FUND), Product.status == str(ProductStatus.ON_SALE))
        .order_by(Product.id)
    ).all()
    if not funds:
        raise AdviceError(
            AdvisorErrorCode.NO_ELIGIBLE_PRODUCT,
            t("No money fund is on sale for an emergency fund now.", "目前没有可用于应急资金的货币基金在售。"),
            "kind",
        )
    fund = sorted(funds, key=lambda p: (p.liquidity != "SAME_DAY", p.id))[0]
    return PlanWeights({fund.id: Decimal(1)}, Decimal("0.02"), Decimal("0.001"))


def advice_request(
    *, target_amount: Decimal, target_date: date, initial_amount: Decimal, monthly_contribution: Decimal, today: date
):
    """What the optimizer is asked for a goal: its money over the first year (at least the
    platform's smallest plan), its horizon and its target."""
    from advisor.eligibility import AdviceRequest

    amount = max(initial_amount + 12 * monthly_contribution, Decimal(1000))
    return AdviceRequest(
        amount=amount,
        horizon_months=months_between(today, target_date),
        liquidity_need=Decimal(0),
        goal_amount=target_amount,
    )


def goal_advice(
    *, session: Session, clock: Clock, settings: Settings, cache, user_id: int, locale: str, category, request
):
    """The optimizer's advice for a goal's category (at most the user's), reading only."""
    from advisor.advice import advise
    from tradingcalendar.service import calendar as trading_calendar
    from wallet import identity

    profile = current_profile(session=session, user_id=user_id, clock=clock)
    age = identity.verified_age(session, user_id, today=clock.today())
    profile = replace(profile, risk_category=category, **({"age": age} if age is not None else {}))
    return advise(
        model=cache.model(session=session, clock=clock),
        profile=profile,
        request=request,
        today=clock.today(),
        calendar=trading_calendar(session),
        locale=locale,
        currency=settings.currency,
    )


def plan_from_recommendation(row) -> PlanWeights:
    weights = {a.product_id: a.weight for a in row.allocations}
    volatility = round_half_even((row.typical_high - row.typical_low) / Decimal(2 * Z90), RATE_PLACES)
    return PlanWeights(weights, row.expected_annual_return, max(volatility, Decimal(0)), row.id)


def set_weights(goal: Goal, plan: PlanWeights) -> None:
    total = sum(plan.weights.values(), Decimal(0))
    parts = largest_remainder([w / total for w in plan.weights.values()], 10**RATE_PLACES)
    goal.weights = [
        GoalWeight(product_id=pid, weight=Decimal(part).scaleb(-RATE_PLACES))
        for pid, part in zip(plan.weights, parts)
        if part > 0
    ]
    goal.expected_annual_return = plan.expected_annual_return
    goal.volatility = plan.volatility
    goal.recommendation_id = plan.recommendation_id


def target_weights(session: Session, goal: Goal, day: date) -> dict[int, Decimal]:
    """The goal's weights on ``day``, after the glide path (see the module docstring)."""
    weights = {w.product_id: w.weight for w in goal.weights}
    years = GLIDE_YEARS.get(GoalKind(goal.kind))
    if years is None or not weights:
        return weights
    left = Decimal((goal.target_date - day).days) / Decimal(365)
    factor = min(Decimal(1), max(Decimal(0), left / years))
    if factor == 1:
        return weights
    kinds = dict(session.execute(select(Product.id, Product.kind).where(Product.id.in_(weights))).all())
    safe = [pid for pid in weights if kinds.get(pid) == ProductKind.MONEY_FUND]
    risky = [pid for pid in weights if pid not in safe]
    if not safe or not risky:
        return weights
    moved = sum((weights[pid] * (1 - factor) for pid in risky), Decimal(0))
    safe_total = sum((weights[pid] for pid in safe), Decimal(0))
    out = {pid: weights[pid] * factor for pid in risky}
    out.update({pid: weights[pid] + moved * weights[pid] / safe_total for pid in safe})
    parts = largest_remainder(list(out.values()), 10**RATE_PLACES)
    return {pid: Decimal(part).scaleb(-RATE_PLACES) for pid, part in zip(out, parts)}


# --- holdings ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalHolding:
    product_id: int
    units: Decimal  # confirmed units attributed to the goal
    price: Decimal
    value: Decimal  # units at the latest price plus subscriptions waiting for their price
    pending: Decimal  # of which: subscriptions waiting for their price
    locked_units: Decimal


def goal_units(session: Session, goal_ids: list[int]) -> dict[int, dict[int, tuple[int, int]]]:
    """Per goal and product: (confirmed units held, amount of pending subscriptions), minor units."""
    rows = session.execute(
        select(
            GoalOrder.goal_id, FundOrder.product_id, FundOrder.side, FundOrder.status, FundOrder.units, FundOrder.amount
        )
        .join(FundOrder, FundOrder.id == GoalOrder.order_id)
        .where(GoalOrder.goal_id.in_(goal_ids))
    ).all()
    out: dict[int, dict[int, tuple[int, int]]] = {gid: {} for gid in goal_ids}
    for goal_id, product_id, side, status, units, amount in rows:
        held, pending = out[goal_id].get(product_id, (0, 0))
        if side == OrderSide.SUBSCRIBE:
            if status == OrderStatus.CONFIRMED:
                held += units or 0
            elif status == OrderStatus.PENDING:
                pending += amount or 0
        elif status in (OrderStatus.PENDING, OrderStatus.CONFIRMED):
            held -= units or 0
        out[goal_id][product_id] = (held, pending)
    return out


def holdings(session: Session, *, clock: Clock, goal: Goal) -> list[GoalHolding]:
    """The goal's holdings (see the module docstring), never more than the user holds."""
    found = goal_units(session, [goal.id])[goal.id]
    positions = {p.product_id: p for p in portfolio.holdings_of(session=session, user_id=goal.user_id, clock=clock)}
    out = []
    for product_id in sorted(set(found) | {w.product_id for w in goal.weights}):
        held, pending = found.get(product_id, (0, 0))
        position = positions.get(product_id)
        units = Decimal(max(held, 0)).scaleb(-UNITS_PLACES)
        price = position.price if position is not None else Decimal(1)
        if position is not None:
            units = min(units, position.units)
        else:
            units = Decimal(0)
        locked = min(units, position.locked_units) if position is not None else Decimal(0)
        pending_value = Decimal(pending).scaleb(-2)
        out.append(
            GoalHolding(
                product_id, units, price, round_half_even(units * price, 2) + pending_value, pending_value, locked
            )
        )
    return out


def values_of(session: Session, *, clock: Clock, goals: list[Goal]) -> dict[int, dict[int, Decimal]]:
    """Per goal: the ``value`` of each of its ``holdings`` (the products it holds or waits for
    and those of its plan), for many goals in a fixed number of statements (the nightly
    automation's drift check)."""
    found = goal_units(session, [goal.id for goal in goals])
    positions = portfolio.units_and_prices(session=session, user_ids=[goal.user_id for goal in goals], clock=clock)
    out: dict[int, dict[int, Decimal]] = {}
    for goal in goals:
        mine = found[goal.id]
        held_by_user = positions.get(goal.user_id, {})
        values = {}
        for product_id in sorted(set(mine) | {w.product_id for w in goal.weights}):
            held, pending = mine.get(product_id, (0, 0))
            position = held_by_user.get(product_id)
            units, price = Decimal(0), Decimal(1)
            if position is not None:
                units, price = min(Decimal(max(held, 0)).scaleb(-UNITS_PLACES), position[0]), position[1]
            values[product_id] = round_half_even(units * price, 2) + Decimal(pending).scaleb(-2)
        out[goal.id] = values
    return out


def progress(holdings_: list[GoalHolding], target: Decimal) -> Decimal:
    value = sum((h.value for h in holdings_), Decimal(0))
    return min(Decimal(1), round_half_even(value / target, RATE_PLACES)) if target > 0 else Decimal(0)


# --- projection ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectionPoint:
    day: date
    p10: Decimal
    p50: Decimal
    p90: Decimal


@dataclass(frozen=True, slots=True)
class Projection:
    points: list[ProjectionPoint]
    probability: Decimal
    suggested_monthly: Decimal
    on_track: bool


def _month_after(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, min(day.day, 28))


def project(
    *,
    start_value: Decimal,
    monthly: Decimal,
    target: Decimal,
    expected_annual_return: Decimal,
    volatility: Decimal,
    today: date,
    target_date: date,
    points: int = 12,
    on_track_probability: Decimal = Decimal("0.75"),
) -> Projection:
    """The projection described in the module docstring."""
    months = months_between(today, target_date)
    m, s = float(expected_annual_return), float(volatility)
    mu = math.log1p(m) / 12 - s * s / 24
    sd = s / math.sqrt(12)
    rng = np.random.default_rng(SEED)
    growth = np.exp(mu + sd * rng.standard_normal((PATHS, months)))  # each month's factor
    # value after month k = start * prod(g_1..g_k) + c * sum_{j<=k} prod(g_j..g_k)
    cum = np.cumprod(growth, axis=1)
    start_part = float(start_value) * cum
    # contributions: c at the start of month j grows by prod(g_j..g_k) = cum_k / cum_{j-1}
    inverse = np.concatenate([np.ones((PATHS, 1)), 1.0 / cum[:, :-1]], axis=1)
    per_contribution = cum * np.cumsum(inverse, axis=1)
    values = start_part + float(monthly) * per_contribution
    final_start, final_per = start_part[:, -1], per_contribution[:, -1]
    probability = float(np.mean(values[:, -1] >= float(target)))
    needed = np.maximum((float(target) - final_start) / final_per, 0.0)
    suggested = Decimal(repr(float(np.quantile(needed, 0.9)))).quantize(Decimal(1), rounding=ROUND_CEILING)
    step = max(months // max(points, 1), 1)
    chosen = sorted({min(k, months) for k in range(step, months + step, step)})[:points]
    out = []
    for k in chosen:
        p10, p50, p90 = np.quantile(values[:, k - 1], [0.1, 0.5, 0.9])
        out.append(
            ProjectionPoint(
                target_date if k == months else _month_after(today, k),
                *(Decimal(repr(float(v))).quantize(Decimal("0.01")) for v in (p10, p50, p90)),
            )
        )
    chance = Decimal(repr(probability)).quantize(Decimal("0.0001"))
    return Projection(out, chance, suggested, chance >= on_track_probability)


def projection_of(session: Session, *, clock: Clock, goal: Goal, points: int = 12) -> Projection:
    value = sum((h.value for h in holdings(session, clock=clock, goal=goal)), Decimal(0))
    today = clock.today()
    if goal.target_date <= today:
        return Projection(
            [], Decimal(1) if value >= goal.target_amount else Decimal(0), Decimal(0), value >= goal.target_amount
        )
    return project(
        start_value=value if value > 0 else goal.initial_amount,
        monthly=goal.monthly_contribution,
        target=goal.target_amount,
        expected_annual_return=goal.expected_annual_return,
        volatility=goal.volatility,
        today=today,
        target_date=goal.target_date,
        points=points,
    )


def summary(projection: Projection, goal: Goal, locale: str) -> str:
    """On track or not, in plain words."""
    pct = int((projection.probability * 100).to_integral_value())
    target = f"¥{goal.target_amount:,.0f}"
    more = projection.suggested_monthly - goal.monthly_contribution
    if locale.startswith("zh"):
        head = "进度正常" if projection.on_track else "进度落后"
        text = f"{head}：{goal.target_date.year} 年前达到 {target} 的概率约 {pct}%"
        return text + (f"；每月多投 ¥{more:,.0f} 可提高到 90%。" if more > 0 else "。")
    head = "On track" if projection.on_track else "Behind"
    text = f"{head}: {pct}% chance of {target} by {goal.target_date.year}"
    return text + (f"; add ¥{more:,.0f} a month to reach 90%." if more > 0 else ".")


# --- reading and writing -------------------------------------------------------------------


def get(session: Session, *, user_id: int, goal_id: int, field: str = "goalId", lock: bool = False) -> Goal:
    statement = select(Goal).where(Goal.id == goal_id)
    if lock:
        from db.session import lock_rows

        statement = lock_rows(session, statement)
    goal = session.scalars(statement).first()
    if goal is None or goal.user_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such goal.", "找不到这个目标。"), field)
    return goal


def require_active(goal: Goal, field: str = "goalId") -> None:
    if goal.status != GoalStatus.ACTIVE:
        raise AdviceError(
            AdvisorErrorCode.GOAL_CLOSED,
            t(f"The goal “{goal.name}” is closed.", f"目标“{goal.name}”已关闭。"),
            field,
        )


def user_goals(session: Session, *, user_id: int, include_closed: bool = False) -> list[Goal]:
    statement = select(Goal).where(Goal.user_id == user_id)
    if not include_closed:
        statement = statement.where(Goal.status == str(GoalStatus.ACTIVE))
    return list(session.scalars(statement.order_by(Goal.id)))


def create(
    *,
    session: Session,
    clock: Clock,
    user_id: int,
    name: str,
    kind: GoalKind,
    target_amount: Decimal,
    target_date: date,
    initial_amount: Decimal,
    monthly_contribution: Decimal,
    risk_category: RiskCategory,
    plan: PlanWeights,
) -> Goal:
    now = clock.now()
    goal = Goal(
        user_id=user_id,
        name=name.strip(),
        kind=kind.value,
        target_amount=target_amount,
        target_date=target_date,
        initial_amount=initial_amount,
        monthly_contribution=monthly_contribution,
        risk_category=risk_category.value,
        status=GoalStatus.ACTIVE.value,
        created_at=now,
        updated_at=now,
    )
    set_weights(goal, plan)
    session.add(goal)
    session.flush()
    return goal


def update(
    *,
    session: Session,
    clock: Clock,
    goal: Goal,
    name: str | None,
    target_amount: Decimal | None,
    target_date: date | None,
    monthly_contribution: Decimal | None,
) -> Goal:
    """Change what the caller gave (checked by ``check_goal_terms`` first); the plan's weights stay."""
    if name is not None:
        goal.name = name.strip()
    if target_amount is not None:
        goal.target_amount = target_amount
    if target_date is not None:
        goal.target_date = target_date
    if monthly_contribution is not None:
        goal.monthly_contribution = monthly_contribution
    goal.updated_at = clock.now()
    session.flush()
    return goal
