"""Jobs the server runs periodically (``PERIODIC_JOBS``); each domain adds its own here.
Every job must be idempotent and take a database lock so only one worker runs it."""

from __future__ import annotations

from collections.abc import Callable

from api.context import Services
from core.settings import Settings
from investing import service as investing_service
from notifications import service as notifications_service
from tradingcalendar import service as trading_calendar
from users import service as users_service

# A periodic job: (name, interval setting, function(services)); the server runs each every
# interval in a worker thread.
PeriodicJob = tuple[str, Callable[[Settings], float], Callable[[Services], object]]


def release_due_escrow(services: Services) -> int | None:
    """Release held guarantee payments whose auto-confirm time has passed
    (``investing.jobs.release_escrows``: batches of one transaction each). None when another
    worker holds the lock (PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE serialises anyway)."""
    return investing_service.release_escrows(services.db, services.clock)


def forget_stale_login_failures(services: Services) -> int:
    """Delete log-in failure counts older than a day (they no longer delay anyone)."""
    with services.db.write() as session:
        return users_service.clear_stale_throttles(session=session, clock=services.clock)


def warn_if_calendar_runs_out(services: Services) -> bool:
    """Log a warning (at most once a day across workers) while fewer than 45 days of the
    trading calendar are known."""
    with services.db.write() as session:
        return trading_calendar.warn_if_running_out(session=session, clock=services.clock) is not None


def feed_notifications(services: Services) -> int:
    """Copy new ledger events into users' notifications (reading them catches up too; this
    also reads again the events that committed late)."""
    return notifications_service.run_feed(services.db, services.clock)


def send_reminders(services: Services) -> int:
    """Today's reminders (held payments releasing tomorrow, risk assessments expiring within
    30 days, plans drifted beyond their band); each is created once however often this runs."""
    with services.db.write() as session:
        run = notifications_service.send_reminders(session=session, clock=services.clock, day=services.clock.today())
    return run.created


def run_automation(services: Services) -> int:
    """Today's scheduled plans (定投) and automatic rebalancing, then their notifications; each
    instalment and each goal's rebalance happens once however often this runs."""
    today = services.clock.today()
    report = notifications_service.run_automation(
        database=services.db, clock=services.clock, settings=services.settings, day=today
    )
    return report.plans.invested + report.rebalancing.rebalanced


PERIODIC_JOBS: list[PeriodicJob] = [
    ("escrow-release-due", lambda settings: settings.escrow_release_interval_seconds, release_due_escrow),
    ("login-throttle-cleanup", lambda settings: 3600, forget_stale_login_failures),
    ("calendar-horizon-warning", lambda settings: 3600, warn_if_calendar_runs_out),
    ("notifications-feed", lambda settings: settings.notifications_feed_seconds, feed_notifications),
    ("notifications-reminders", lambda settings: settings.notifications_remind_seconds, send_reminders),
    ("automation", lambda settings: settings.automation_seconds, run_automation),
]
