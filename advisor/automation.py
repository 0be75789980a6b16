"""Goals as the API and the CLI change them, and the nightly automation of a business day.

- ``create_goal``: the terms checked, the goal's category at most the user's, its plan from
  the optimizer for its horizon and target (an emergency fund: one money fund), the
  recommendation stored with its inputs; the optimizer runs outside any write transaction.
- ``update_goal``: a new name changes only the name; a new target, date or monthly
  contribution changes what the plan was made for, so the goal gets a new plan the same way
  (stored, shown in ``goal.plan``), and automatic rebalancing follows the new weights.
- ``run_automation``: scheduled plans first (their contributions rebalance with the cash flow),
  then automatic rebalancing. Both are idempotent per plan and scheduled date, and per goal and
  day; ``shard=(k, n)`` splits either across workers by id. Then each goal put in review by a
  withdrawn product gets its new plan (``propose_new_plans``), shown before anything is applied.
- ``accept_new_plan`` / ``decline_new_plan``: the way out of review (the new plan becomes the
  goal's, or the goal's automation is turned off and it keeps its plan)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor import auto_rebalance, goals, investment_plans
from advisor.auto_rebalance import RebalanceReport, run_rebalancing
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.investment_plans import PlanRunReport, run_plans
from advisor.models import Goal
from advisor.recommendations import get as get_recommendation
from advisor.recommendations import store as store_recommendation
from core.clock import Clock
from core.errors import DomainError, t
from core.risk import RiskCategory
from core.settings import Settings
from db.session import Database
from products.kinds import ProductStatus
from products.models import Product

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AutomationReport:
    plans: PlanRunReport
    rebalancing: RebalanceReport
    new_plans: int = 0  # goals in review given a new plan to accept or decline


def run_automation(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    day: date,
    shard: tuple[int, int] = (0, 1),
    cache: Any = None,
) -> AutomationReport:
    plans = run_plans(database=database, clock=clock, settings=settings, day=day, shard=shard)
    rebalancing = run_rebalancing(database=database, clock=clock, settings=settings, day=day, shard=shard)
    proposed = propose_new_plans(database=database, clock=clock, settings=settings, cache=cache, shard=shard)
    return AutomationReport(plans, rebalancing, proposed)


# --- the way out of review (a product of the goal's plan was withdrawn) ----------------------

_CACHE: list[Any] = []  # the job's model cache, built the first time a new plan is needed


def _job_cache() -> Any:
    if not _CACHE:
        from advisor.model_cache import ModelCache

        _CACHE.append(ModelCache())
    return _CACHE[0]


def propose_new_plans(
    *, database: Database, clock: Clock, settings: Settings, cache: Any = None, shard: tuple[int, int] = (0, 1)
) -> int:
    """Make the new plan of every active goal in review that has none yet: the optimizer's
    advice for the goal's terms now (its category, lowered to the user's if that fell; the
    catalogue on sale), stored as a recommendation and shown as ``goal.proposedPlan``; nothing
    is applied until the user accepts it. The optimizer runs outside any write transaction;
    a goal the optimizer cannot plan for now (an expired assessment, ...) stays in review
    without a new plan and is tried again the next night (the user may still decline).
    How many plans were made."""
    k, n = shard
    with database.read() as session:
        waiting = session.execute(
            select(Goal.id, Goal.user_id).where(
                Goal.status == str(goals.GoalStatus.ACTIVE),
                Goal.review_reason.is_not(None),
                Goal.proposed_recommendation_id.is_(None),
                Goal.kind != str(goals.GoalKind.EMERGENCY_FUND),  # its plan is a rule: see ``accept_new_plan``
                Goal.id % n == k,
            )
        ).all()
    made = 0
    for goal_id, user_id in waiting:
        try:
            with database.read() as session:
                row = goals.get(session, user_id=user_id, goal_id=goal_id)
                locale = users_locale(session, user_id)
                _, advice = _advice(
                    session,
                    clock=clock,
                    settings=settings,
                    cache=cache or _job_cache(),
                    user_id=user_id,
                    locale=locale,
                    kind=goals.GoalKind(row.kind),
                    category=_replan_category(session, clock=clock, user_id=user_id, goal=row),
                    target_amount=row.target_amount,
                    target_date=row.target_date,
                    initial_amount=row.initial_amount,
                    monthly_contribution=row.monthly_contribution,
                )
        except DomainError as error:
            log.info("goal %s stays in review without a new plan: %s", goal_id, error.text.en)
            continue
        assert advice is not None  # emergency funds are not planned here
        with database.write() as session:
            row = goals.get(session, user_id=user_id, goal_id=goal_id, lock=True)
            if row.status != goals.GoalStatus.ACTIVE or not row.review_reason or row.proposed_recommendation_id:
                continue  # reviewed or planned meanwhile
            stored = store_recommendation(session=session, now=clock.now(), user_id=user_id, advice=advice)
            row.proposed_recommendation_id = stored.id
            row.updated_at = clock.now()
            made += 1
    return made


def users_locale(session: Session, user_id: int) -> str:
    from users import service as users

    return users.get_user(session=session, user_id=user_id).locale


def _apply(goal: Goal, plan: goals.PlanWeights, *, clock: Clock) -> None:
    goals.set_weights(goal, plan)
    goal.review_reason = None
    goal.proposed_recommendation_id = None
    goal.updated_at = clock.now()


def _in_review(goal: Goal) -> None:
    if not goal.review_reason:
        raise AdviceError(
            AdvisorErrorCode.NO_PLAN_TO_REVIEW,
            t("This goal's plan needs no review.", "该目标的配置方案无需确认。"),
            "goalId",
        )


def accept_new_plan(
    *, session: Session, clock: Clock, user_id: int, goal_id: int, recommendation_id: int | None
) -> Goal:
    """The user takes the new plan shown for a goal in review (``recommendation_id``: the one
    they saw): it becomes the goal's plan, the review ends, and the nightly job resumes the
    goal's active plans and (if authorised) its rebalancing. An emergency fund's new plan is
    its rule's (all in the money fund on sale that redeems fastest). Refused when there is no new plan yet
    (``NO_PLAN_TO_REVIEW``), or when the one given is not the one shown now, or one of its
    products went off sale since (``PLAN_CHANGED``: the next night makes another)."""
    goal = goals.get(session, user_id=user_id, goal_id=goal_id, lock=True)
    goals.require_active(goal)
    _in_review(goal)
    if goal.kind == goals.GoalKind.EMERGENCY_FUND:  # its plan is the rule's: one money fund on sale
        _apply(goal, goals.emergency_fund_plan(session), clock=clock)
        session.flush()
        return goal
    if goal.proposed_recommendation_id is None:
        raise AdviceError(
            AdvisorErrorCode.NO_PLAN_TO_REVIEW,
            t(
                "The new plan for this goal is not ready yet: it is made overnight.",
                "该目标的新配置方案尚未生成，将在夜间生成。",
            ),
            "goalId",
        )
    if goal.proposed_recommendation_id != recommendation_id:
        raise AdviceError(
            AdvisorErrorCode.PLAN_CHANGED,
            t(
                "This is not the plan shown for the goal now: look at it again.",
                "这不是该目标当前的新方案，请重新查看。",
            ),
            "recommendationId",
        )
    proposal = get_recommendation(session=session, user_id=user_id, recommendation_id=recommendation_id)
    plan = goals.plan_from_recommendation(proposal)
    statuses = dict(session.execute(select(Product.id, Product.status).where(Product.id.in_(plan.weights))).all())
    if any(statuses.get(pid) != ProductStatus.ON_SALE for pid in plan.weights):
        goal.proposed_recommendation_id = None  # the next night makes another
        goal.updated_at = clock.now()
        session.flush()
        raise AdviceError(
            AdvisorErrorCode.PLAN_CHANGED,
            t(
                "A product of the new plan went off sale meanwhile: a new plan is made tonight.",
                "新方案中的产品已停售，今晚将重新生成方案。",
            ),
            "recommendationId",
        )
    _apply(goal, plan, clock=clock)
    session.flush()
    return goal


def decline_new_plan(*, session: Session, clock: Clock, user_id: int, goal_id: int) -> Goal:
    """The user declines the new plan of a goal in review and turns its automation off: the
    goal keeps its plan, its automatic rebalancing is revoked and its active plans are paused
    (``GOAL_PLAN_DECLINED``); the review ends. Turning rebalancing on again later checks the
    plan again (a withdrawn product puts the goal back in review with a new plan)."""
    goal = goals.get(session, user_id=user_id, goal_id=goal_id, lock=True)
    goals.require_active(goal)
    _in_review(goal)
    now = clock.now()
    auto_rebalance.revoke(session, goal=goal, now=now)
    investment_plans.pause_for_goal(session, goal_id=goal.id, now=now, reason="GOAL_PLAN_DECLINED")
    goal.review_reason = None
    goal.proposed_recommendation_id = None
    goal.updated_at = now
    session.flush()
    return goal


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
            # a new plan of the catalogue on sale: a review of a withdrawn product ends with it
            _apply(row, _plan(session, clock=clock, user_id=user_id, plan=plan, advice=advice), clock=clock)
            session.flush()
        return row.id
