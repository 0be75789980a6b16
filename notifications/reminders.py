"""The daily reminders, each dated by its contract, not by the run that found it.

For a run day D (today or earlier; the server runs today's every hour):

- ``ESCROW_AUTO_CONFIRM_TOMORROW``: a held guarantee payment whose timer releases it on D+1 or
  earlier and has not yet: its payer is told the day before the release date (the hold's
  start, when it began later that day). Key: payment and release date, so a timer that moves
  (a paused and resumed hold, an extension) reminds again for its new date.
- ``RISK_ASSESSMENT_EXPIRING``: a current risk assessment expiring within 30 days of D (and not
  yet expired): dated 30 days before its expiry date (its assessment, if later). Key:
  assessment and expiry date.
- ``PLAN_DRIFTED``: the latest invested plan drifted beyond its band (``advisor``'s drift
  limit) at the latest prices: dated D. Key: plan and D's month, so a plan left drifting is
  mentioned at most once a month (investing in its rebalance makes a new plan).

Every reminder is inserted with ``ON CONFLICT DO NOTHING`` on (user, key): a run repeated, late
or concurrent with another yields each reminder exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from advisor import service as advisor_service
from core.clock import Clock
from core.errors import DomainError, t
from notifications.errors import NotificationErrorCode
from notifications.feed import insert_notifications
from notifications.kinds import NotificationKind
from questionnaire.profiles import EXPIRING_WITHIN, expiring_between
from wallet import service as wallet_service


@dataclass(frozen=True, slots=True)
class ReminderRun:
    day: date
    escrow: int  # reminders created now
    risk: int
    drift: int

    @property
    def created(self) -> int:
        return self.escrow + self.risk + self.drift


def check_day(day: date, clock: Clock) -> None:
    if day > clock.today():
        raise DomainError(
            NotificationErrorCode.INVALID_REMINDER_DATE,
            t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来的日期。"),
            "date",
        )


def _start(day: date, clock: Clock) -> datetime:
    """The first instant of ``day`` in the platform's zone."""
    return datetime.combine(day, time(), tzinfo=clock.zone)


def _escrow(session: Session, clock: Clock, day: date, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for held in wallet_service.held_releasing_between(
        session, after=now, before=_start(day + timedelta(days=2), clock)
    ):
        due_on = held.auto_confirm_at.astimezone(clock.zone).date()
        kind = NotificationKind.ESCROW_AUTO_CONFIRM_TOMORROW
        rows.append(
            {
                "user_id": held.payer_id,
                "kind": str(kind),
                "dedupe_key": f"R:{kind}:{held.payment_id}:{due_on.isoformat()}",
                "occurred_at": max(_start(due_on - timedelta(days=1), clock), held.held_since),
                "created_at": now,
                "due_on": due_on,
                "payment_id": held.payment_id,
                "amount": held.amount,
                "detail": {"releasesAt": held.auto_confirm_at.astimezone(clock.zone).isoformat()},
            }
        )
    return rows


def _risk(session: Session, clock: Clock, day: date, now: datetime) -> list[dict[str, Any]]:
    rows = []
    before = _start(day + EXPIRING_WITHIN + timedelta(days=1), clock)
    for expiry in expiring_between(session, after=now, before=before):
        due_on = expiry.expires_at.astimezone(clock.zone).date()
        kind = NotificationKind.RISK_ASSESSMENT_EXPIRING
        rows.append(
            {
                "user_id": expiry.user_id,
                "kind": str(kind),
                "dedupe_key": f"R:{kind}:{expiry.assessment_id}:{due_on.isoformat()}",
                "occurred_at": max(_start(due_on - EXPIRING_WITHIN, clock), expiry.assessed_at),
                "created_at": now,
                "due_on": due_on,
                "detail": {"expiresAt": expiry.expires_at.astimezone(clock.zone).isoformat()},
            }
        )
    return rows


def _drift(session: Session, clock: Clock, day: date, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for drifted in advisor_service.drifted_plans(session=session, clock=clock):
        kind = NotificationKind.PLAN_DRIFTED
        rows.append(
            {
                "user_id": drifted.user_id,
                "kind": str(kind),
                "dedupe_key": f"R:{kind}:{drifted.plan_id}:{day:%Y-%m}",
                "occurred_at": _start(day, clock),
                "created_at": now,
                "due_on": day,
                "detail": {
                    "planId": drifted.plan_id,
                    "drift": str(drifted.drift),
                    "limit": str(advisor_service.DRIFT_LIMIT),
                },
            }
        )
    return rows


def send_reminders(*, session: Session, clock: Clock, day: date) -> ReminderRun:
    """Create the reminders due by ``day`` (see the module docstring) in the caller's write
    transaction; how many were new."""
    check_day(day, clock)
    now = clock.now()
    return ReminderRun(
        day,
        insert_notifications(session, _escrow(session, clock, day, now)),
        insert_notifications(session, _risk(session, clock, day, now)),
        insert_notifications(session, _drift(session, clock, day, now)),
    )
