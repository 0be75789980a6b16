"""Submitting a risk assessment and reading a user's assessments.

``submit_assessment`` checks the questionnaire and every answer before it writes anything,
scores them, explains the result in the requested locale (else the user's), supersedes the
user's current assessment and stores the new one. Keyword-only; the caller owns the
transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from db import keyset
from db.counting import count_rows
from db.session import lock_rows
from questionnaire.answers import AnswerInput, answers_from_document, answers_to_document, check_answers
from questionnaire.definition import QuestionKind, Section, Unit
from questionnaire.explanations import explain
from questionnaire.localized import LocalizedQuestionnaire, localize, resolve_locale
from questionnaire.models import RiskAssessment
from questionnaire.profiles import (
    ProfileStatus,
    RiskProfile,
    assessment_status,
    current_profile,
    expiry_of,
    qualifications,
)
from questionnaire.registry import registry
from questionnaire.scoring import RiskFlag, Scoring, score
from questionnaire.suitability import Decision, ReasonCode
from questionnaire.suitability import check as check_suitability
from users.models import User
from users.service import get_user

# What the API and the CLI use from the domain's other modules.
__all__ = [
    "AnswerInput",
    "Decision",
    "LocalizedQuestionnaire",
    "ProfileStatus",
    "QuestionKind",
    "ReasonCode",
    "RiskFlag",
    "RiskProfile",
    "Section",
    "Unit",
    "assessment_status",
    "assessments_page",
    "check_suitability",
    "count_assessments",
    "current_profile",
    "get_assessment",
    "localize",
    "qualifications",
    "registry",
    "rescore",
    "resolve_locale",
    "submit_assessment",
]


def submit_assessment(
    *,
    session: Session,
    clock: Clock,
    user_id: int,
    questionnaire_id: str,
    answers: Sequence[AnswerInput],
    locale: str | None = None,
) -> RiskAssessment:
    """Score and store the user's answers; the new assessment becomes the current one."""
    user = get_user(session=session, user_id=user_id)
    locale = resolve_locale(locale, user.locale)
    questionnaire = registry().for_submission(questionnaire_id)
    checked = check_answers(questionnaire, answers)
    scoring = score(questionnaire, checked)
    now = clock.now()
    # One submission at a time per user, so exactly one assessment stays current.
    session.execute(lock_rows(session, select(User.id).where(User.id == user_id)))
    session.execute(
        update(RiskAssessment)
        .where(RiskAssessment.user_id == user_id, RiskAssessment.superseded_at.is_(None))
        .values(superseded_at=now)
    )
    assessment = RiskAssessment(
        user_id=user_id,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        locale=locale,
        answers=answers_to_document(checked),
        capacity_score=scoring.capacity_score,
        willingness_score=scoring.willingness_score,
        capacity_category=scoring.capacity_category.value,
        willingness_category=scoring.willingness_category.value,
        risk_category=scoring.risk_category.value,
        lowest_category=scoring.lowest_category,
        flags_text=",".join(flag.value for flag in scoring.flags),
        qualified_investor=scoring.qualified_investor,
        qualified_private_fund=scoring.private_fund_qualified,
        age=scoring.facts.age,
        horizon_months=scoring.facts.horizon_months,
        liquidity_need=scoring.facts.liquidity_need,
        explanation=explain(questionnaire, checked, scoring, locale),
        assessed_at=now,
        expires_at=expiry_of(now, clock),
    )
    session.add(assessment)
    session.flush()
    return assessment


def count_assessments(*, session: Session, user_id: int) -> int:
    return count_rows(session, select(RiskAssessment.id).where(RiskAssessment.user_id == user_id))


def assessments_page(
    *, session: Session, user_id: int, limit: int, before_id: int | None = None, backward: bool = False
) -> list[RiskAssessment]:
    """The user's assessments, newest first, at most ``limit``, older than ``before_id``
    (``backward``: newer than it, oldest first; see ``db.keyset``)."""
    query = select(RiskAssessment).where(RiskAssessment.user_id == user_id)
    key = None if before_id is None else [before_id]
    query = keyset.page(query, [RiskAssessment.id], descending=[True], key=key, backward=backward, limit=limit)
    return list(session.scalars(query))


def get_assessment(*, session: Session, user_id: int, assessment_id: int) -> RiskAssessment:
    """One of the user's own assessments (another user's is reported as not found)."""
    assessment = session.get(RiskAssessment, assessment_id)
    if assessment is None or assessment.user_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such risk assessment.", "风险评估记录不存在。"), "id")
    return assessment


def rescore(assessment: RiskAssessment) -> Scoring:
    """Score a stored assessment again from its raw answers and its questionnaire version."""
    questionnaire = registry().get(assessment.questionnaire_id)
    if questionnaire is None or questionnaire.version != assessment.questionnaire_version:
        raise DomainError(
            CommonErrorCode.NOT_FOUND,
            t(
                f"Questionnaire {assessment.questionnaire_id} version {assessment.questionnaire_version} is not loaded.",
                f"问卷 {assessment.questionnaire_id} 的版本 {assessment.questionnaire_version} 未加载。",
            ),
        )
    return score(questionnaire, answers_from_document(questionnaire, assessment.answers))
