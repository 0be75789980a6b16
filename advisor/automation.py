"""Goals as the API and the CLI change them, and the nightly automation of a business day.

- ``create_goal``: the terms checked, the goal's category at most the user's, its plan from
  the optimizer for its horizon and target (an emergency fund: one money fund), the
  recommendation stored with its inputs; the optimizer runs outside any write transaction.
- ``update_goal``: a new name changes only the name; a new target, date or monthly
  contribution changes what the plan was made for, so the goal gets a new plan the same way
  (stored, shown in ``goal.plan``), and automatic rebalancing follows the new weights.
- ``run_automation``: scheduled plans first (their contributions rebalance with the cash flow),
  then automatic rebalancing. Both are idempotent per plan and scheduled date, and per goal and
  day; ``shard=(k, n)`` splits either across workers by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from advisor import auto_rebalance, goals, investment_plans
from advisor.auto_rebalance import RebalanceReport, run_rebalancing
from advisor.investment_plans import PlanRunReport, run_plans
from advisor.models import Goal
from advisor.recommendations import store as store_recommendation
from core.clock import Clock
from core.risk import RiskCategory
from core.settings import Settings
from db.session import Database


@dataclass(frozen=True, slots=True)
class AutomationReport:
    plans: PlanRunReport
    rebalancing: RebalanceReport


def run_automation(
    *, database: Database, clock: Clock, settings: Settings, day: date, shard: tuple[int, int] = (0, 1)
) -> AutomationReport:
    plans = run_plans(database=database, clock=clock, settings=settings, day=day, shard=shard)
    rebalancing = run_rebalancing(database=database, clock=clock, settings=settings, day=day, shard=shard)
    return AutomationReport(plans, rebalancing)


def close_goal(*, session: Session, clock: Clock, user_id: int, goal_id: int) -> Goal:
    """Close a goal: its holdings return to the general pot, its plans are cancelled and its
    automatic rebalancing is turned off. Closing again changes nothing."""
    goal = goals.get(session, user_id=user_id, goal_id=goal_id, lock=True)
    if goal.status == goals.GoalStatus.CLOSED:
        return goal
    now = clock.now()
    goal.status = goals.GoalStatus.CLOSED.value
    goal.closed_at = now
    goal.updated_at = now
    investment_plans.cancel_for_goal(session, goal_id=goal.id, now=now)
    auto_rebalance.revoke(session, goal=goal, now=now)
    session.flush()
    return goal


def _category(session: Session, *, clock: Clock, user_id: int, given: RiskCategory | None) -> RiskCategory:
    """The goal's category: the one given (at most the user's), else the user's own."""
    from questionnaire.service import current_profile

    if given is None:
        profile = current_profile(session=session, user_id=user_id, clock=clock)
        given = RiskCategory(profile.risk_category or RiskCategory.C1)
    return goals.check_category(session, clock=clock, user_id=user_id, category=given)


def _replan_category(session: Session, *, clock: Clock, user_id: int, goal: Goal) -> RiskCategory:
    """A re-planned goal keeps its category, lowered to the user's own if that fell since."""
    from questionnaire.service import current_profile

    category = RiskCategory(goal.risk_category)
    profile = current_profile(session=session, user_id=user_id, clock=clock)
    if profile.is_valid and profile.risk_category is not None and category.rank > profile.risk_category.rank:
        category = profile.risk_category
    return goals.check_category(session, clock=clock, user_id=user_id, category=category)


def _advice(
    session: Session,
    *,
    clock: Clock,
    settings: Settings,
    cache: Any,
    user_id: int,
    locale: str,
    kind: goals.GoalKind,
    category: RiskCategory,
    target_amount: Decimal,
    target_date: date,
    initial_amount: Decimal,
    monthly_contribution: Decimal,
) -> tuple[goals.PlanWeights | None, Any]:
    """A fixed plan (emergency funds) or the optimizer's advice for the goal (reading only)."""
    if kind is goals.GoalKind.EMERGENCY_FUND:
        return goals.emergency_fund_plan(session), None
    request = goals.advice_request(
        target_amount=target_amount,
        target_date=target_date,
        initial_amount=initial_amount,
        monthly_contribution=monthly_contribution,
        today=clock.today(),
    )
    advice = goals.goal_advice(
        session=session,
        clock=clock,
        settings=settings,
        cache=cache,
        user_id=user_id,
        locale=locale,
        category=category,
        request=request,
    )
    return None, advice


def _plan(session: Session, *, clock: Clock, user_id: int, plan: goals.PlanWeights | None, advice: Any):
    if plan is not None:
        return plan
    stored = store_recommendation(session=session, now=clock.now(), user_id=user_id, advice=advice)
    return goals.plan_from_recommendation(stored)


def create_goal(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    cache: Any,
    user_id: int,
    locale: str,
    name: str,
    kind: goals.GoalKind,
    target_amount: Decimal,
    target_date: date,
    initial_amount: Decimal,
    monthly_contribution: Decimal,
    risk_category: RiskCategory | None = None,
) -> int:
    """A new goal with its plan (module docstring); its id."""
    goals.check_goal_terms(
        name=name,
        target_amount=target_amount,
        target_date=target_date,
        initial_amount=initial_amount,
        monthly_contribution=monthly_contribution,
        today=clock.today(),
    )
    with database.read() as session:  # the optimizer runs outside any write transaction
        category = _category(session, clock=clock, user_id=user_id, given=risk_category)
        plan, advice = _advice(
            session,
            clock=clock,
            settings=settings,
            cache=cache,
            user_id=user_id,
            locale=locale,
            kind=kind,
            category=category,
            target_amount=target_amount,
            target_date=target_date,
            initial_amount=initial_amount,
            monthly_contribution=monthly_contribution,
        )
    with database.write() as session:
        row = goals.create(
            session=session,
            clock=clock,
            user_id=user_id,
            name=name,
            kind=kind,
            target_amount=target_amount,
            target_date=target_date,
            initial_amount=initial_amount,
            monthly_contribution=monthly_contribution,
            risk_category=category,
            plan=_plan(session, clock=clock, user_id=user_id, plan=plan, advice=advice),
        )
        return row.id


def update_goal(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    cache: Any,
    user_id: int,
    locale: str,
    goal_id: int,
    name: str | None = None,
    target_amount: Decimal | None = None,
    target_date: date | None = None,
    monthly_contribution: Decimal | None = None,
) -> int:
    """Change what was given (module docstring: a new target, date or contribution re-plans)."""
    with database.read() as session:
        row = goals.get(session, user_id=user_id, goal_id=goal_id)
        goals.require_active(row)
        after = dict(
            target_amount=row.target_amount if target_amount is None else target_amount,
            target_date=row.target_date if target_date is None else target_date,
            monthly_contribution=row.monthly_contribution if monthly_contribution is None else monthly_contribution,
        )
        goals.check_goal_terms(
            name=row.name if name is None else name, initial_amount=row.initial_amount, today=clock.today(), **after
        )
        replan = any(after[key] != getattr(row, key) for key in after)
        plan, advice = None, None
        if replan:
            plan, advice = _advice(
                session,
                clock=clock,
                settings=settings,
                cache=cache,
                user_id=user_id,
                locale=locale,
                kind=goals.GoalKind(row.kind),
                category=_replan_category(session, clock=clock, user_id=user_id, goal=row),
                initial_amount=row.initial_amount,
                **after,
            )
    with database.write() as session:
        row = goals.get(session, user_id=user_id, goal_id=goal_id, lock=True)
        goals.require_active(row)  # closed meanwhile: nothing changes
        goals.update(
            session=session,
            clock=clock,
            goal=row,
            name=name,
            target_amount=target_amount,
            target_date=target_date,
            monthly_contribution=monthly_contribution,
        )
        if replan:
            row.risk_category = _replan_category(session, clock=clock, user_id=user_id, goal=row).value
            goals.set_weights(row, _plan(session, clock=clock, user_id=user_id, plan=plan, advice=advice))
            session.flush()
        return row.id
