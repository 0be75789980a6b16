"""Notifications of what the platform did on its own for a business day D: each scheduled
instalment placed or skipped, a plan paused after three misses, an automatic rebalance (with
its short reason) and a goal whose plan needs the user's review after a product was withdrawn.
Each is keyed by the row it tells of (``A:<kind>:<id>``), so running this again, late or
concurrently tells each thing once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.models import AutomaticRebalance, Goal, InvestmentPlan, InvestmentPlanRun
from core.clock import Clock
from core.settings import Settings
from notifications.feed import insert_notifications
from notifications.kinds import NotificationKind as K


def _at(day: date, clock: Clock) -> datetime:
    return datetime.combine(day, time(9, 30), tzinfo=clock.zone)


def notify(session: Session, *, clock: Clock, day: date) -> int:
    """Insert D's automation notifications; how many were new."""
    now = clock.now()
    rows: list[dict[str, Any]] = []
    runs = session.execute(
        select(InvestmentPlanRun, InvestmentPlan.status, InvestmentPlan.paused_reason)
        .join(InvestmentPlan, InvestmentPlan.id == InvestmentPlanRun.plan_id)
        .where(InvestmentPlanRun.run_on <= day, InvestmentPlanRun.run_on >= day - timedelta(days=14))
    ).all()
    for run, status, paused_reason in runs:
        skipped = run.status == "SKIPPED"
        kind = K.INVESTMENT_PLAN_SKIPPED if skipped else K.INVESTMENT_PLAN_RUN
        rows.append(
            {
                "user_id": run.user_id,
                "kind": str(kind),
                "dedupe_key": f"A:{kind}:{run.id}",
                "occurred_at": _at(run.run_on, clock),
                "created_at": now,
                "due_on": run.scheduled_on,
                "amount": int(run.amount.scaleb(2)),
                "order_id": run.order_ids[0] if run.order_ids else None,
                "detail": {"reason_en": run.reason_en, "reason_zh": run.reason_zh} if skipped else None,
            }
        )
        if skipped and status == "PAUSED" and paused_reason == "MISSED_THREE_RUNS":
            rows.append(
                {
                    "user_id": run.user_id,
                    "kind": str(K.INVESTMENT_PLAN_PAUSED),
                    "dedupe_key": f"A:{K.INVESTMENT_PLAN_PAUSED}:{run.plan_id}:{run.scheduled_on.isoformat()}",
                    "occurred_at": _at(run.run_on, clock),
                    "created_at": now,
                    "due_on": run.scheduled_on,
                }
            )
    for row in session.scalars(select(AutomaticRebalance).where(AutomaticRebalance.day == day)):
        rows.append(
            {
                "user_id": row.user_id,
                "kind": str(K.AUTOMATIC_REBALANCE),
                "dedupe_key": f"A:{K.AUTOMATIC_REBALANCE}:{row.id}",
                "occurred_at": _at(day, clock),
                "created_at": now,
                "due_on": day,
                "detail": {"reason_en": row.reason_en, "reason_zh": row.reason_zh, "drift": str(row.drift)},
            }
        )
    for goal in session.scalars(select(Goal).where(Goal.review_reason.is_not(None), Goal.status == "ACTIVE")):
        rows.append(
            {
                "user_id": goal.user_id,
                "kind": str(K.GOAL_NEEDS_REVIEW),
                "dedupe_key": f"A:{K.GOAL_NEEDS_REVIEW}:{goal.id}:{goal.review_reason}"[:120],
                "occurred_at": _at(day, clock),
                "created_at": now,
                "due_on": day,
                "detail": {"goal": goal.name},
            }
        )
    return insert_notifications(session, rows)


def run_automation(*, database, clock: Clock, settings: Settings, day: date, shard: tuple[int, int] = (0, 1)):
    """D's fund distributions due (``investing.dividends``), scheduled plans and automatic
    rebalancing (``advisor.automation``), then their notifications; returns the automation's report."""
    from advisor.automation import run_automation as run
    from investing.dividends import pay_distributions

    pay_distributions(database=database, clock=clock, day=day)
    report = run(database=database, clock=clock, settings=settings, day=day, shard=shard)
    with database.write() as session:
        notify(session, clock=clock, day=day)
    return report
