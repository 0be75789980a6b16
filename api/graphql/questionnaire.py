"""GraphQL surface of the questionnaire domain: ``riskQuestionnaire``, ``submitRiskAssessment``,
``suitability``, and on the signed-in ``User``: ``riskProfile`` and ``riskAssessments``.

The questionnaire files are loaded and validated when this module is imported (while the
schema is built at start-up), so a broken file stops the server with the list of problems.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.graphql.risk import RiskCategory, RiskLevel
from api.graphql.user_core import viewer_id_of
from api.ids import global_id, optional_global_id
from api.mutations import run_mutation
from api.pagination import Connection, build_connection, counter, page_request
from questionnaire import service
from questionnaire.models import RiskAssessment as AssessmentRow
from questionnaire.service import (
    AnswerInput,
    Decision,
    LocalizedQuestionnaire,
    ProfileStatus,
    ReasonCode,
    Section,
    Unit,
    assessment_status,
    current_profile,
    localize,
    registry,
    resolve_locale,
)
from questionnaire.service import QuestionKind as QuestionKindEnum
from questionnaire.service import RiskFlag as RiskFlagEnum
from questionnaire.service import RiskProfile as ProfileValue

registry()  # load and validate the questionnaire files at start-up

QuestionSection = strawberry.enum(Section, name="QuestionSection")
QuestionKind = strawberry.enum(QuestionKindEnum, name="QuestionKind")
QuestionUnit = strawberry.enum(
    Unit, name="QuestionUnit", description="What a number answer counts: CNY, age in years, or years."
)
RiskProfileStatus = strawberry.enum(
    ProfileStatus,
    name="RiskProfileStatus",
    description="CURRENT; EXPIRING (under 30 days left); EXPIRED; MISSING (never assessed); SUPERSEDED (an older assessment).",
)
RiskFlag = strawberry.enum(RiskFlagEnum, name="RiskFlag")
SuitabilityDecision = strawberry.enum(Decision, name="SuitabilityDecision")
SuitabilityReasonCode = strawberry.enum(ReasonCode, name="SuitabilityReasonCode")


# --- questionnaire ---------------------------------------------------------------------------


@strawberry.type
class QuestionOption:
    id: str
    text: str


@strawberry.type
class RiskQuestion:
    id: str
    section: QuestionSection
    kind: QuestionKind
    text: str
    label: str = strawberry.field(description="A short name of the question.")
    options: list[QuestionOption]
    min_value: Decimal | None
    max_value: Decimal | None
    decimal_places: int | None = strawberry.field(description="Decimals a number answer may have.")
    unit: QuestionUnit | None


@strawberry.type
class RiskQuestionnaire:
    id: str
    version: int
    locale: str
    title: str
    questions: list[RiskQuestion]

    @classmethod
    def of(cls, view: LocalizedQuestionnaire) -> RiskQuestionnaire:
        return cls(
            id=view.id,
            version=view.version,
            locale=view.locale,
            title=view.title,
            questions=[
                RiskQuestion(
                    id=q.id,
                    section=q.section,
                    kind=q.kind,
                    text=q.text,
                    label=q.label,
                    options=[QuestionOption(id=o.id, text=o.text) for o in q.options],
                    min_value=q.min_value,
                    max_value=q.max_value,
                    decimal_places=q.decimal_places,
                    unit=q.unit,
                )
                for q in view.questions
            ],
        )


# --- assessments and profile -----------------------------------------------------------------


@strawberry.type
class RiskAnswer:
    question_id: str
    option_id: str | None = None
    option_ids: list[str] | None = None
    value: Decimal | None = None


@strawberry.type
class RiskAssessment(Node):
    risk_category: RiskCategory
    capacity_score: int = strawberry.field(description="0-100.")
    willingness_score: int = strawberry.field(description="0-100, after any lowering for contradictory answers.")
    capacity_category: RiskCategory
    willingness_category: RiskCategory
    lowest_category: bool = strawberry.field(description="Accepts no loss at all: may never buy above R1.")
    flags: list[RiskFlag]
    status: RiskProfileStatus
    assessed_at: datetime
    expires_at: datetime
    explanation: str
    explanation_locale: str
    questionnaire_id: str
    questionnaire_version: int
    qualified_investor: bool
    horizon_months: int
    liquidity_need: Money
    answers: list[RiskAnswer] = strawberry.field(description="The answers as given (for the owner's records).")

    @classmethod
    def of(cls, row: AssessmentRow, now: datetime) -> RiskAssessment:
        return cls(
            id=global_id("RiskAssessment", row.id),
            risk_category=row.risk_category,
            capacity_score=row.capacity_score,
            willingness_score=row.willingness_score,
            capacity_category=row.capacity_category,
            willingness_category=row.willingness_category,
            lowest_category=row.lowest_category,
            flags=[RiskFlagEnum(flag) for flag in row.flags],
            status=assessment_status(row, now),
            assessed_at=row.assessed_at,
            expires_at=row.expires_at,
            explanation=row.explanation,
            explanation_locale=row.locale,
            questionnaire_id=row.questionnaire_id,
            questionnaire_version=row.questionnaire_version,
            qualified_investor=row.qualified_investor,
            horizon_months=row.horizon_months,
            liquidity_need=Money.cny(row.liquidity_need),
            answers=[_answer(question_id, entry) for question_id, entry in row.answers.items()],
        )


def _answer(question_id: str, entry: dict) -> RiskAnswer:
    value = entry.get("value")
    return RiskAnswer(
        question_id=question_id,
        option_id=entry.get("optionId"),
        option_ids=entry.get("optionIds"),
        value=None if value is None else Decimal(value),
    )


@strawberry.type(
    description="The signed-in user's risk profile; status MISSING (other fields null) before the first assessment."
)
class RiskProfile:
    status: RiskProfileStatus
    risk_category: RiskCategory | None
    lowest_category: bool
    flags: list[RiskFlag]
    qualified_investor: bool
    horizon_months: int | None
    liquidity_need: Money | None
    capacity_score: int | None
    willingness_score: int | None
    assessed_at: datetime | None
    expires_at: datetime | None
    assessment_id: strawberry.ID | None
    recommendable_up_to: RiskLevel = strawberry.field(
        description="The highest product level that may be recommended (R1 without a valid assessment)."
    )

    @classmethod
    def of(cls, profile: ProfileValue) -> RiskProfile:
        return cls(
            status=profile.status,
            risk_category=profile.risk_category,
            lowest_category=profile.lowest_category,
            flags=sorted(profile.flags),
            qualified_investor=profile.qualified_investor,
            horizon_months=profile.horizon_months,
            liquidity_need=None if profile.liquidity_need is None else Money.cny(profile.liquidity_need),
            capacity_score=profile.capacity_score,
            willingness_score=profile.willingness_score,
            assessed_at=profile.assessed_at,
            expires_at=profile.expires_at,
            assessment_id=optional_global_id("RiskAssessment", profile.assessment_id),
            recommendable_up_to=profile.recommendable_up_to,
        )


# --- suitability ---------------------------------------------------------------------------------


@strawberry.type(description="A warning the user must acknowledge; an order records its id.")
class SuitabilityWarning:
    id: str
    text: str


@strawberry.type
class Suitability:
    decision: SuitabilityDecision
    reason: str = strawberry.field(description="Why, in plain words (every decision has one, ALLOWED too).")
    reason_code: SuitabilityReasonCode = strawberry.field(description="Why, as a stable code for clients to branch on.")
    warning: SuitabilityWarning | None = strawberry.field(
        description="NEEDS_ACKNOWLEDGEMENT only: the warning to show; an order records its id."
    )


# --- root fields -----------------------------------------------------------------------------------


@strawberry.input
class RiskAnswerInput:
    question_id: str
    option_id: str | None = strawberry.field(default=None, description="For a SINGLE_CHOICE question.")
    option_ids: list[str] | None = strawberry.field(default=None, description="For a MULTIPLE_CHOICE question.")
    value: Decimal | None = strawberry.field(default=None, description="For a NUMBER question.")


@strawberry.input
class SubmitRiskAssessmentInput:
    questionnaire_id: str
    answers: list[RiskAnswerInput]
    locale: str | None = strawberry.field(
        default=None, description='Of the explanation: "zh-CN" or "en" (default: yours).'
    )


@strawberry.type
class SubmitRiskAssessmentPayload:
    assessment: RiskAssessment | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class QuestionnaireViewerFields:
    """Fields this domain adds to the signed-in User."""

    @strawberry.field(
        description="The current risk profile (status MISSING before the first assessment); "
        "only on the signed-in user, null elsewhere."
    )
    def risk_profile(self, info: Info) -> RiskProfile | None:
        user_id = viewer_id_of(self, info)
        if user_id is None:
            return None
        ctx = info.context
        with ctx.db.read() as session:
            return RiskProfile.of(current_profile(session=session, user_id=user_id, clock=ctx.clock))

    @strawberry.field(
        description="Every risk assessment of the user, newest first; only on the signed-in user, null elsewhere."
    )
    def risk_assessments(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[RiskAssessment] | None:
        user_id = viewer_id_of(self, info)
        if user_id is None:
            return None
        ctx = info.context
        request = page_request(
            first, after, last=last, before=before, max_page_size=ctx.settings.max_page_size, cursor=(int,)
        )
        before_id = None if request.boundary is None else request.boundary[0]
        now = ctx.clock.now()
        with ctx.db.read() as session:
            rows = service.assessments_page(
                session=session,
                user_id=user_id,
                limit=request.limit + 1,
                before_id=before_id,
                backward=request.backward,
            )
            return build_connection(
                rows,
                request,
                key=lambda row: [row.id],
                node=lambda row: RiskAssessment.of(row, now),
                count=counter(ctx.db, lambda s: service.count_assessments(session=s, user_id=user_id)),
            )


@fetches("RiskAssessment")
def _fetch_assessment(info: Info, key: int) -> RiskAssessment:
    ctx = info.context
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        return RiskAssessment.of(
            service.get_assessment(session=session, user_id=viewer.id, assessment_id=key), ctx.clock.now()
        )


@strawberry.type
class QuestionnaireQuery:
    """Root query fields of this domain."""

    @strawberry.field(description='The questionnaire to answer now, in "zh-CN" or "en" (default: yours, else zh-CN).')
    def risk_questionnaire(self, info: Info, locale: str | None = None) -> RiskQuestionnaire:
        viewer = info.context.viewer_or_none()
        locale = resolve_locale(locale, viewer.locale if viewer else None)
        return RiskQuestionnaire.of(localize(registry().offered, locale))

    @strawberry.field(description="May the signed-in user buy a product of this risk level?")
    def suitability(
        self,
        info: Info,
        product_risk_level: RiskLevel,
        qualified_investors_only: bool | None = False,
        locale: str | None = None,
    ) -> Suitability:
        viewer = info.context.require_viewer()
        return suitability_of(info, viewer, product_risk_level, bool(qualified_investors_only), locale)


_PROFILE = "questionnaire.viewer_profile"


def suitability_of(info: Info, viewer, risk_level, qualified_only: bool, locale: str | None = None) -> Suitability:
    """May ``viewer`` buy a product of ``risk_level``? Their profile is read once a request."""
    ctx = info.context

    def read_profile():
        with ctx.db.read() as session:
            return current_profile(session=session, user_id=viewer.id, clock=ctx.clock)

    result = service.check_suitability(
        profile=ctx.memo(_PROFILE, read_profile),
        product_risk_level=risk_level,
        qualified_investors_only=qualified_only,
        locale=resolve_locale(locale, viewer.locale),
    )
    warning = result.warning
    return Suitability(
        decision=result.decision,
        reason=result.reason.text,
        reason_code=result.reason.code,
        warning=None if warning is None else SuitabilityWarning(id=warning.id, text=warning.text),
    )


@strawberry.type
class QuestionnaireMutation:
    """Root mutation fields of this domain."""

    @strawberry.mutation(description="Answer the risk questionnaire; the result becomes your risk profile.")
    async def submit_risk_assessment(self, info: Info, input: SubmitRiskAssessmentInput) -> SubmitRiskAssessmentPayload:
        ctx = info.context

        def action(session, viewer):
            assessment = service.submit_assessment(
                session=session,
                clock=ctx.clock,
                user_id=viewer.id,
                questionnaire_id=input.questionnaire_id,
                locale=input.locale,
                answers=[
                    AnswerInput(
                        question_id=answer.question_id,
                        option_id=answer.option_id,
                        option_ids=answer.option_ids,
                        value=answer.value,
                    )
                    for answer in input.answers
                ],
            )
            return {"assessment": RiskAssessment.of(assessment, ctx.clock.now())}

        return await run_mutation(info, SubmitRiskAssessmentPayload, input, action)
