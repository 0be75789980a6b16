"""The nightly credit scores (``SCORE_CREDIT``, the scheduler's job for yesterday): every
consenting user scored as of the day that ended, kept in the job runs, idempotent for a day;
a day still under way is refused; without a fitted model nothing is scored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.errors import DomainError
from credit.models import CreditScore
from jobs import runs, work
from jobs.kinds import Job, RunState
from tests.lending.conftest import desk, ledger_problems, ready_user, settings  # noqa: F401 - fixtures


def _scores(db, day):
    with db.read() as session:
        return dict(
            session.execute(
                select(CreditScore.user_id, func.count()).where(CreditScore.as_of == day).group_by(CreditScore.user_id)
            ).all()
        )


def test_the_nightly_job_scores_consenting_users_as_of_yesterday_once(desk, db):
    desk.fund()
    yesterday = desk.clock.today() - timedelta(days=1)

    # no model yet: nothing to score, the run is done
    outcome = work.run_recorded(
        database=db, clock=desk.clock, settings=desk.settings, job=Job.SCORE_CREDIT, day=yesterday
    )
    assert outcome.state is RunState.DONE and outcome.items == 0

    desk.model()
    merchant = desk.merchant()
    desk.merchant(consent=False)  # no consent: no score
    outcome = work.run_recorded(
        database=db, clock=desk.clock, settings=desk.settings, job=Job.SCORE_CREDIT, day=yesterday
    )
    assert outcome.state is RunState.DONE and outcome.items == 1
    assert _scores(db, yesterday) == {merchant.id: 1}
    assert desk.offer(merchant).score.as_of == yesterday

    again = work.run_recorded(
        database=db, clock=desk.clock, settings=desk.settings, job=Job.SCORE_CREDIT, day=yesterday
    )
    assert again.items == 0 and _scores(db, yesterday) == {merchant.id: 1}  # idempotent for the day
    with db.read() as session:
        assert runs.state_of(session, job=Job.SCORE_CREDIT, day=yesterday) is RunState.DONE

    with pytest.raises(DomainError) as refused:  # today is not over: its features are not complete
        work.run_recorded(
            database=db, clock=desk.clock, settings=desk.settings, job=Job.SCORE_CREDIT, day=desk.clock.today()
        )
    assert refused.value.code == "INVALID_INPUT"
    assert _scores(db, desk.clock.today()) == {}
