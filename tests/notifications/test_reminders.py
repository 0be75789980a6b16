"""Reminders (issue 15): a held payment releasing tomorrow, a risk assessment expiring within
30 days, a plan drifted beyond its band. Each is dated by its contract, not by the run that
found it, and a job run late, twice or concurrently creates it once."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from investing.kinds import DailyJob
from notifications import service
from notifications.models import Notification
from tests.advisor.test_plans import REBALANCE, invest, plan_for
from tests.calendars import seeded
from tests.conftest import DEFAULT_NOW, SHANGHAI
from tests.ids import db_key
from tests.investing.conftest import assess
from tests.notifications.test_notifications import every, inbox, pay

HELD_AT = DEFAULT_NOW  # Thursday 26 November 2026, 10:00
RELEASES_AT = HELD_AT + timedelta(days=2)  # Saturday 10:00


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


def reminders(db, kind: str) -> list[tuple]:
    with db.read() as session:
        rows = session.execute(
            select(Notification.user_id, Notification.occurred_at, Notification.due_on).where(Notification.kind == kind)
        )
        return [tuple(row) for row in rows]


def remind(db, clock, day: date) -> service.ReminderRun:
    with db.write() as session:
        return service.send_reminders(session=session, clock=clock, day=day)


def scene(db, gql, clock, investor):
    """A payer with a guarantee payment releasing on Saturday 10:00, and a customer whose
    assessment (of 20 December 2025) expires on 20 December 2026."""
    payer, payee = investor("C3"), investor("C3", locale="zh-CN")
    payment = pay(gql.as_user(payer.email), payee.email, "88.00", "held", guarantee=True, autoConfirmDays=2)
    clock.set(datetime(2025, 12, 20, 15, 0, tzinfo=SHANGHAI))
    assess(db, clock, payee.id, "C3")
    clock.set(HELD_AT)
    return payer, payee, payment


RUNS = st.lists(
    st.tuples(
        st.integers(0, 47 * 60 - 1),  # minutes after Thursday 10:00, before the release on Saturday 10:00
        st.integers(0, 2),  # days late: the run is for a day before the clock's
        st.integers(1, 2),  # run this many times
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(runs=RUNS)
def test_each_reminder_once_dated_by_its_contract_however_the_job_runs(db, gql, clock, investor, runs):
    if not hasattr(db, "scene"):
        db.scene = scene(db, gql, clock, investor)
    payer, payee, _ = db.scene
    with db.write() as session:
        session.execute(delete(Notification))
    for minutes, late, times in runs:
        clock.set(HELD_AT + timedelta(minutes=minutes))
        for _ in range(times):
            remind(db, clock, clock.today() - timedelta(days=late))
    ran_friday_or_later = any(
        (HELD_AT + timedelta(minutes=m)).date() - timedelta(days=d) >= date(2026, 11, 27) for m, d, _ in runs
    )
    # the day before the release date, whenever the run that found it
    expected = [(payer.id, midnight(date(2026, 11, 27)), date(2026, 11, 28))] if ran_friday_or_later else []
    assert reminders(db, "ESCROW_AUTO_CONFIRM_TOMORROW") == expected
    # 30 days before the expiry date
    assert reminders(db, "RISK_ASSESSMENT_EXPIRING") == [(payee.id, midnight(date(2026, 11, 20)), date(2026, 12, 20))]
    clock.set(HELD_AT)


def test_concurrent_runs_create_each_reminder_once(db, gql, clock, investor):
    scene(db, gql, clock, investor)
    clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=SHANGHAI))
    start = threading.Barrier(4)
    runs, failures = [], []

    def run():
        start.wait()
        try:
            runs.append(remind(db, clock, date(2026, 11, 27)).created)
        except Exception as error:  # pragma: no cover - shown by the assertion
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and sorted(runs) == [0, 0, 0, 2]
    assert len(reminders(db, "ESCROW_AUTO_CONFIRM_TOMORROW")) == 1
    assert len(reminders(db, "RISK_ASSESSMENT_EXPIRING")) == 1


def test_reminders_are_notifications_in_the_readers_language(db, gql, clock, investor):
    payer, payee, payment = scene(db, gql, clock, investor)
    clock.set(datetime(2026, 11, 27, 8, 0, tzinfo=SHANGHAI))
    remind(db, clock, date(2026, 11, 27))
    held = every(gql.as_user(payer.email))[0]
    assert held["kind"] == "ESCROW_AUTO_CONFIRM_TOMORROW" and held["reminder"] is True
    assert held["title"] == "A held payment releases tomorrow"
    assert "¥88.00" in held["body"] and "2026-11-28 10:00" in held["body"]
    assert held["payment"] == {"id": payment, "status": "HELD"}
    expiring = [n for n in every(gql.as_user(payee.email)) if n["reminder"]]
    assert [(n["kind"], n["title"]) for n in expiring] == [("RISK_ASSESSMENT_EXPIRING", "风险测评即将到期")]
    assert "2026-12-20" in expiring[0]["body"]
    home = inbox(gql.as_user(payee.email), unread=True)
    assert home["unreadNotificationCount"] == home["notifications"]["totalCount"]
    # a day in the future is refused
    with db.write() as session:
        try:
            service.send_reminders(session=session, clock=clock, day=date(2026, 11, 28))
        except Exception as error:
            assert getattr(error, "code", None) == "INVALID_REMINDER_DATE"
        else:  # pragma: no cover
            raise AssertionError("a future day was accepted")


def test_a_drifted_plan_is_mentioned_once_a_month(db, gql, clock, funds, catalogue, investor, desk):
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    plan = plan_for(client)
    invest(client, plan["id"], "plan")
    confirm_day = seeded().next_trading_day(clock.today())
    desk.on(confirm_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, confirm_day)
    assert remind(db, clock, confirm_day).drift == 0  # on track
    equity = [a for a in plan["allocations"] if a["product"]["kind"] == "EQUITY_FUND"]
    catalogue.record_nav(db_key(equity[0]["product"]["id"]), confirm_day, "2.5000")  # the fund more than doubles
    assert remind(db, clock, confirm_day).drift == 1
    assert remind(db, clock, confirm_day).drift == 0  # again: nothing new
    desk.on(confirm_day + timedelta(days=1), 9)
    assert remind(db, clock, confirm_day + timedelta(days=1)).drift == 0  # the same month
    client = gql.as_user(user.email)
    drift = Decimal(client.data(REBALANCE)["rebalancePlan"]["drift"])
    drifted = [n for n in every(client) if n["kind"] == "PLAN_DRIFTED"]
    assert len(drifted) == 1 and drifted[0]["title"] == "Your plan has drifted"
    assert f"{(drift * 100).quantize(Decimal('0.1'))}% away from your plan" in drifted[0]["body"]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.permutations([date(2026, 12, 28) + timedelta(days=n) for n in range(5)]), late=st.booleans())
def test_reminders_across_the_year_end_keep_their_contract_dates(db, gql, clock, investor, days, late):
    """A hold releasing on New Year's Day 10:00 and an assessment expiring on 15 January
    2027: each reminder is dated by its contract (31 December; 16 December) whichever days of
    the year's turn the job runs for, in any order, on the day or late (before the release)."""
    if not hasattr(db, "year_end"):
        clock.set(datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))
        payer, payee = investor("C3"), investor("C3", locale="zh-CN")
        clock.set(datetime(2026, 1, 15, 15, 0, tzinfo=SHANGHAI))
        assess(db, clock, payee.id, "C3")  # expires 15 January 2027
        clock.set(datetime(2026, 12, 30, 10, 0, tzinfo=SHANGHAI))
        pay(gql.as_user(payer.email), payee.email, "66.00", "year-end", guarantee=True, autoConfirmDays=2)
        db.year_end = payer, payee
    payer, payee = db.year_end
    with db.write() as session:
        session.execute(delete(Notification))
    for day in days:
        clock.set(datetime(2027, 1, 1, 9, 0, tzinfo=SHANGHAI) if late else midnight(day) + timedelta(hours=9))
        remind(db, clock, day)
    assert reminders(db, "ESCROW_AUTO_CONFIRM_TOMORROW") == [(payer.id, midnight(date(2026, 12, 31)), date(2027, 1, 1))]
    assert reminders(db, "RISK_ASSESSMENT_EXPIRING") == [(payee.id, midnight(date(2026, 12, 16)), date(2027, 1, 15))]
