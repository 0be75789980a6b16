"""The nightly automation of a business day: scheduled plans first (their contributions
rebalance with the cash flow), then automatic rebalancing. Both are idempotent per plan and
scheduled date, and per goal and day; ``shard=(k, n)`` splits either across workers by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from advisor import auto_rebalance, goals, investment_plans
from advisor.auto_rebalance import RebalanceReport, run_rebalancing
from advisor.investment_plans import PlanRunReport, run_plans
from advisor.models import Goal
from core.clock import Clock
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
