"""The daily jobs: a second run of a day changes nothing, a run killed half-way leaves nothing
behind and the next run finishes the day exactly once, and the jobs run from the command
line and over GraphQL (operators). Concurrent runs of one day: ``test_job_concurrency``
(PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from investing import confirmation, jobs
from investing.kinds import DailyJob
from tests.conftest import SHANGHAI
from tests.ids import product_gid
from tests.investing.conftest import D, snapshot
from wallet import payments

FRI, SAT = date(2026, 11, 27), date(2026, 11, 28)
P2P_DUE = date(2027, 2, 27)  # 3 months after the confirmation on 2026-11-27


def results(report) -> list[str]:
    return [run.result.value for run in report.runs]


def test_running_each_job_twice_for_a_day_changes_nothing_the_second_time(
    db, funds, investor, desk, catalogue, settings
):
    saver, buyer = investor("C3"), investor("C3")
    desk.subscribe(saver, funds.mmf, "1000.00")
    desk.subscribe(saver, funds.p2p, "5000.00")
    desk.on(FRI, 9)
    assert results(desk.run(DailyJob.CONFIRM_ORDERS, FRI)) == ["DONE", "DONE"]
    before = snapshot(db)
    assert results(desk.run(DailyJob.CONFIRM_ORDERS, FRI)) == ["ALREADY_DONE", "ALREADY_DONE"]
    assert snapshot(db) == before

    desk.on(SAT, 9)
    catalogue.record_income(funds.mmf, FRI, "0.6000")
    assert results(desk.run(DailyJob.ACCRUE_INCOME, FRI)) == ["DONE"]
    before = snapshot(db)
    assert results(desk.run(DailyJob.ACCRUE_INCOME, FRI)) == ["ALREADY_DONE"]
    assert snapshot(db) == before

    with db.write() as session:
        payments.pay(
            session=session,
            clock=desk.clock,
            settings=settings,
            payer_id=saver.id,
            payee=buyer.email,
            amount=D("10.00"),
            idempotency_key="held",
            guarantee=True,
            auto_confirm_days=1,
        )
    desk.on(P2P_DUE, 9)
    report = desk.run(DailyJob.PROCESS_LOANS, P2P_DUE)
    assert results(report) == ["DONE"] and report.runs[0].items == 1
    before = snapshot(db)
    assert results(desk.run(DailyJob.PROCESS_LOANS, P2P_DUE)) == ["ALREADY_DONE"]
    assert snapshot(db) == before

    assert desk.run(DailyJob.RELEASE_ESCROWS, P2P_DUE).items == 1
    before = snapshot(db)
    assert desk.run(DailyJob.RELEASE_ESCROWS, P2P_DUE).items == 0
    assert snapshot(db) == before
    assert desk.problems() == []


class Killed(Exception):
    """The process dies in the middle of a job."""


def test_a_confirmation_killed_half_way_is_finished_exactly_once_by_the_next_run(
    db, funds, investor, desk, monkeypatch
):
    first, second = investor("C3"), investor("C3")
    desk.subscribe(first, funds.mmf, "1000.00")
    desk.subscribe(second, funds.mmf, "2000.00")
    desk.on(FRI, 9)
    before = snapshot(db)
    real = confirmation._confirm_subscription
    calls = []

    def dies_on_the_second(session, **kwargs):
        calls.append(kwargs["order"].id)
        if len(calls) == 2:
            raise Killed()
        return real(session, **kwargs)

    monkeypatch.setattr(confirmation, "_confirm_subscription", dies_on_the_second)
    with pytest.raises(Killed):
        desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    assert snapshot(db) == before  # the first order's confirmation was rolled back with the claim
    monkeypatch.setattr(confirmation, "_confirm_subscription", real)
    assert results(desk.run(DailyJob.CONFIRM_ORDERS, FRI)) == ["DONE"]
    assert (desk.units(first, funds.mmf), desk.units(second, funds.mmf)) == (D("1000.00"), D("2000.00"))
    assert results(desk.run(DailyJob.CONFIRM_ORDERS, FRI)) == ["ALREADY_DONE"]
    assert (desk.units(first, funds.mmf), desk.units(second, funds.mmf)) == (D("1000.00"), D("2000.00"))
    assert desk.problems() == []


def test_an_income_run_killed_before_it_finished_is_done_exactly_once(
    db, funds, investor, desk, catalogue, monkeypatch
):
    user = investor("C1")
    desk.subscribe(user, funds.mmf, "10000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    desk.on(SAT, 9)
    catalogue.record_income(funds.mmf, FRI, "1.0000")
    before = snapshot(db)

    def killed(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(jobs, "_finish", killed)  # after the income was booked, before the run is recorded
    with pytest.raises(Killed):
        desk.run(DailyJob.ACCRUE_INCOME, FRI)
    assert snapshot(db) == before
    monkeypatch.undo()
    desk.run(DailyJob.ACCRUE_INCOME, FRI)
    desk.run(DailyJob.ACCRUE_INCOME, FRI)
    assert desk.units(user, funds.mmf) == D("10001.00")
    assert desk.problems() == []


# --- over GraphQL and the command line -------------------------------------------------------

RUN = """mutation($i: RunDailyJobInput!) { runDailyJob(input: $i) {
  report { job date runs { productId code result items amount { amount } message } }
  userErrors { field code message } } }"""


def test_operators_run_daily_jobs_over_graphql(gql, db, funds, investor, desk, clock):
    user = investor("C3")
    desk.subscribe(user, funds.mmf, "1000.00")
    clock.set(datetime(2026, 11, 27, 9, tzinfo=SHANGHAI))
    customer = gql.as_user(user.email)
    refused = customer.data(RUN, {"i": {"job": "CONFIRM_ORDERS", "date": "2026-11-27"}})["runDailyJob"]
    assert refused["userErrors"][0]["code"] == "FORBIDDEN" and refused["report"] is None
    ops = gql.as_user("ops@example.com")
    report = ops.data(RUN, {"i": {"job": "CONFIRM_ORDERS", "date": "2026-11-27"}})["runDailyJob"]
    assert report["userErrors"] == []
    assert report["report"]["runs"] == [
        {
            "productId": product_gid(funds.mmf),
            "code": "T-MMF",
            "result": "DONE",
            "items": 1,
            "amount": None,
            "message": "1 confirmed, 0 failed, 0 settled",
        }
    ]
    future = ops.data(RUN, {"i": {"job": "ACCRUE_INCOME", "date": "2026-11-27"}})["runDailyJob"]
    assert future["userErrors"] == [
        {"field": "date", "code": "INVALID_JOB_DATE", "message": "A day's income is distributed once the day is over."}
    ]
    assert desk.units(user, funds.mmf) == D("1000.00")


def test_the_jobs_run_from_the_command_line_on_a_pinned_clock(robo, db, funds, investor, desk, catalogue):
    user = investor("C1")
    desk.subscribe(user, funds.mmf, "1000.00")
    friday = datetime(2026, 11, 27, 9, tzinfo=SHANGHAI)
    code, output = robo("funds", "confirm-orders", clock_at=friday)  # --date defaults to the pinned day
    assert code == 0 and "T-MMF" in output and "1 confirmed" in output
    desk.on(SAT, 8)
    catalogue.record_income(funds.mmf, FRI, "3.0000")
    code, output = robo("funds", "accrue-income", clock_at=friday + timedelta(days=1))  # default: yesterday
    assert code == 0 and "1 holding(s) at 3.0000" in output
    code, output = robo("funds", "accrue-income", "--date", "2026-11-27", clock_at=friday + timedelta(days=1))
    assert code == 0 and "ALREADY_DONE" in output
    assert desk.units(user, funds.mmf) == D("1000.30")
    code, output = robo("loans", "process", "--date", "2026-11-28", clock_at=friday + timedelta(days=1))
    assert code == 0
    code, output = robo("funds", "confirm-orders", "--date", "27/11/2026", clock_at=friday)
    assert code == 1 and "Bad date" in output
    code, output = robo("funds", "accrue-income", "--date", "2026-11-28", clock_at=friday + timedelta(days=1))
    assert code == 1 and "once the day is over" in output
    assert Decimal(desk.cash(user)) == D("99000.00")
