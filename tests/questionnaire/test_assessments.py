"""Stored assessments on SQLite and PostgreSQL: what is kept, superseding with history, the
12-month life driven by the injected clock, re-scoring for audit, and one current
assessment per user even under concurrent submissions."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from core.errors import DomainError
from core.risk import RiskCategory, RiskLevel
from demo.questionnaire import answer_inputs
from questionnaire import service
from questionnaire.errors import QuestionnaireErrorCode
from questionnaire.models import RiskAssessment
from questionnaire.profiles import ProfileStatus, current_profile
from questionnaire.registry import registry
from questionnaire.suitability import Decision, check
from tests.questionnaire.helpers import MODERATE, offered, with_answers

SHANGHAI = ZoneInfo("Asia/Shanghai")


def submit(db, clock, user_id, answers=MODERATE, **kwargs):
    with db.write() as session:
        return service.submit_assessment(
            session=session,
            clock=clock,
            user_id=user_id,
            questionnaire_id=offered().id,
            answers=answer_inputs(offered(), answers),
            **kwargs,
        )


def profile_now(db, clock, user_id):
    with db.read() as session:
        return current_profile(session=session, user_id=user_id, clock=clock)


def test_an_assessment_keeps_version_raw_answers_scores_and_a_12_month_expiry(db, clock, make_user):
    user = make_user()
    stored = submit(db, clock, user.id)

    with db.read() as session:
        row = session.get(RiskAssessment, stored.id)
        assert (row.questionnaire_id, row.questionnaire_version) == (offered().id, offered().version)
        assert row.answers["age"] == {"value": "38"}
        assert row.answers["products_held"] == {"optionIds": ["deposits", "bonds", "equities"]}
        assert row.assessed_at == clock.now()
        assert row.expires_at.astimezone(SHANGHAI) == datetime(2027, 11, 26, 10, 0, tzinfo=SHANGHAI)
        rescored = service.rescore(row)
        assert (rescored.capacity_score, rescored.willingness_score, rescored.risk_category.value) == (
            row.capacity_score,
            row.willingness_score,
            row.risk_category,
        )

    profile = profile_now(db, clock, user.id)
    assert profile.status is ProfileStatus.CURRENT
    assert profile.risk_category is RiskCategory(stored.risk_category)
    assert profile.assessment_id == stored.id
    assert profile.horizon_months == 36 and str(profile.liquidity_need) == "60000.00"


def test_the_explanation_follows_the_users_locale_unless_the_submission_names_one(db, clock, make_user):
    chinese = make_user(locale=None)  # zh-CN by default
    english = make_user(locale="en")
    assert "风险类别" in submit(db, clock, chinese.id).explanation
    assert "risk category" in submit(db, clock, english.id).explanation
    assert "risk category" in submit(db, clock, chinese.id, locale="en").explanation


def test_a_new_submission_supersedes_the_old_one_and_history_is_kept(db, clock, make_user):
    user = make_user()
    first = submit(db, clock, user.id)
    clock.advance(days=40)
    second = submit(db, clock, user.id, answers=with_answers(w_max_loss="no_loss"))

    profile = profile_now(db, clock, user.id)
    assert profile.assessment_id == second.id and profile.lowest_category
    with db.read() as session:
        history = service.assessments_page(session=session, user_id=user.id, limit=10)
    assert [a.id for a in history] == [second.id, first.id]
    assert history[1].superseded_at == second.assessed_at and history[0].superseded_at is None


def test_expiry_follows_the_clock(db, clock, make_user):
    user = make_user()
    submit(db, clock, user.id)
    expires_at = profile_now(db, clock, user.id).expires_at

    def status_and_r3():
        profile = profile_now(db, clock, user.id)
        return profile.status, check(profile=profile, product_risk_level=RiskLevel.R3).decision

    clock.set(expires_at - timedelta(days=30))
    assert status_and_r3() == (ProfileStatus.CURRENT, Decision.ALLOWED)
    clock.set(expires_at - timedelta(days=30) + timedelta(seconds=1))
    assert status_and_r3() == (ProfileStatus.EXPIRING, Decision.ALLOWED)
    clock.set(expires_at)
    assert status_and_r3() == (ProfileStatus.EXPIRED, Decision.FORBIDDEN)

    submit(db, clock, user.id)  # answering again renews it
    assert status_and_r3() == (ProfileStatus.CURRENT, Decision.ALLOWED)


def test_a_user_who_never_answered_has_a_missing_profile(db, clock, make_user):
    profile = profile_now(db, clock, make_user().id)
    assert profile.status is ProfileStatus.MISSING and profile.risk_category is None
    assert profile.recommendable_up_to is RiskLevel.R1


def test_a_refused_submission_writes_nothing(db, clock, make_user):
    user = make_user()
    submit(db, clock, user.id)
    retired = next(q for q in registry().by_id.values() if not q.offered)
    with pytest.raises(DomainError) as refused, db.write() as session:
        service.submit_assessment(
            session=session,
            clock=clock,
            user_id=user.id,
            questionnaire_id=retired.id,
            answers=answer_inputs(retired, {k: v for k, v in MODERATE.items() if retired.question(k)}),
        )
    assert refused.value.code is QuestionnaireErrorCode.QUESTIONNAIRE_RETIRED
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(RiskAssessment)) == 1
    assert profile_now(db, clock, user.id).status is ProfileStatus.CURRENT


def test_concurrent_submissions_leave_exactly_one_current_assessment(pg_db, clock, settings):
    from users import service as users_service

    with pg_db.write() as session:
        user = users_service.create_user(
            session=session, email="racer@example.com", password="correct-horse-battery", clock=clock, settings=settings
        )
    rounds = 8
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: submit(pg_db, clock, user.id), range(rounds)))
    with pg_db.read() as session:
        rows = session.scalars(select(RiskAssessment).where(RiskAssessment.user_id == user.id)).all()
    assert len(rows) == rounds
    assert sum(row.superseded_at is None for row in rows) == 1
