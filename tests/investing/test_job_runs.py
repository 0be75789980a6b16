"""Operators see the job runs of a day and re-run a failed one (issue 21), over GraphQL and the
command line, with the in-process engine (SQLite and PostgreSQL): ``runDailyJob`` is recorded
(state, tasks done/total, duration, errors), a run that crashed is FAILED with its error, and
``rerunDailyJob`` runs it again; only a failed run can be re-run, only by operators."""

from __future__ import annotations

from datetime import datetime

import pytest

from jobs import work
from tests.conftest import SHANGHAI

RUN = """mutation($i: RunDailyJobInput!) { runDailyJob(input: $i) {
  report { job runs { code result items } } userErrors { code message } } }"""
RUNS = """query($d: Date!) { dailyJobRuns(date: $d) {
  id job date state tasksDone tasksTotal attempts durationSeconds items message errors } }"""
RERUN = """mutation($i: RerunDailyJobInput!) { rerunDailyJob(input: $i) {
  run { id job state tasksDone tasksTotal attempts errors } userErrors { field code message } } }"""
FRIDAY = datetime(2026, 11, 27, 9, tzinfo=SHANGHAI)


class Crash(RuntimeError):
    pass


def test_operators_see_the_runs_of_a_day_and_rerun_a_failed_one(gql, db, funds, investor, desk, clock, monkeypatch):
    user = investor("C3")
    desk.subscribe(user, funds.mmf, "1000.00")
    clock.set(FRIDAY)
    ops = gql.as_user("ops@example.com")

    real_run = work.run

    def crash(**kwargs):
        raise Crash("the database went away")

    monkeypatch.setattr(work, "run", crash)
    crashed = ops.execute(RUN, {"i": {"job": "CONFIRM_ORDERS", "date": "2026-11-27"}})
    assert crashed["data"] is None and crashed["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    monkeypatch.setattr(work, "run", real_run)

    (failed,) = ops.data(RUNS, {"d": "2026-11-27"})["dailyJobRuns"]
    assert failed["job"] == "CONFIRM_ORDERS" and failed["state"] == "FAILED"
    assert failed["errors"] == ["Crash: the database went away"]
    assert (failed["tasksDone"], failed["tasksTotal"], failed["attempts"]) == (0, 1, 1)
    assert desk.units(user, funds.mmf) == 0  # nothing was confirmed

    again = ops.data(RERUN, {"i": {"id": failed["id"]}})["rerunDailyJob"]
    assert again["userErrors"] == []
    assert again["run"] == {
        "id": failed["id"],
        "job": "CONFIRM_ORDERS",
        "state": "DONE",
        "tasksDone": 1,
        "tasksTotal": 1,
        "attempts": 2,
        "errors": [],
    }
    assert desk.units(user, funds.mmf) == 1000  # confirmed once

    (done,) = ops.data(RUNS, {"d": "2026-11-27"})["dailyJobRuns"]
    assert done["state"] == "DONE" and done["items"] == 1 and done["durationSeconds"] is not None
    assert "1 confirmed" in done["message"]
    not_failed = ops.data(RERUN, {"i": {"id": failed["id"]}})["rerunDailyJob"]
    assert not_failed["run"] is None and not_failed["userErrors"][0]["code"] == "JOB_RUN_NOT_FAILED"


def test_only_operators_see_or_rerun_job_runs(gql, db, funds, investor, clock):
    clock.set(FRIDAY)
    customer = gql.as_user(investor("C3").email)
    answer = customer.execute(RUNS, {"d": "2026-11-27"})
    assert answer["data"]["dailyJobRuns"] is None
    assert answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    ops = gql.as_user("ops@example.com")
    assert ops.data(RUNS, {"d": "2026-11-27"})["dailyJobRuns"] == []
    unknown = ops.data(RERUN, {"i": {"id": "Sm9iUnVuOjk5OTk"}})["rerunDailyJob"]  # JobRun:9999
    assert unknown["userErrors"][0]["code"] == "JOB_RUN_NOT_FOUND"


def test_the_command_line_lists_and_reruns_runs(robo, db, funds, investor, desk, monkeypatch):
    user = investor("C1")
    desk.subscribe(user, funds.mmf, "1000.00")
    from jobs import service as jobs_service
    from jobs.kinds import Job

    with monkeypatch.context() as patched, pytest.raises(Crash):
        patched.setattr(work, "run", lambda **kwargs: (_ for _ in ()).throw(Crash("disk full")))
        jobs_service.run_daily_job(
            database=db, clock=_clock(FRIDAY), settings=_settings(), job=Job.CONFIRM_ORDERS, day=FRIDAY.date()
        )
    code, output = robo("jobs", "runs", "--date", "2026-11-27", clock_at=FRIDAY)
    assert code == 0 and "CONFIRM_ORDERS" in output and "FAILED" in output and "disk full" in output
    from jobs.models import JobRun

    with db.read() as session:
        (run_id,) = session.query(JobRun.id).one()
    code, output = robo("jobs", "rerun", run_id, clock_at=FRIDAY)
    assert code == 0 and "DONE" in output
    code, output = robo("jobs", "rerun", run_id, clock_at=FRIDAY)
    assert code == 1 and "Only a failed run can be re-run" in output
    assert desk.units(user, funds.mmf) == 1000


def _clock(at):
    from core.clock import ManualClock

    return ManualClock(at)


def _settings():
    from tests.conftest import test_settings

    return test_settings()
