"""Credit and small loans over GraphQL (issue 18).

Customers: ``me.credit`` (score, grade, limit, reasons in their language), ``me.creditScoringConsent``,
``creditOffer``, ``loans(first, after, status)``, ``loan(id)``; mutations ``setCreditScoringConsent``,
``applyForLoan``, ``repayLoan``, ``requestLoanReview``. Operators: ``loanReviews`` and
``decideLoanReview`` (a person's decision on a requested review). Staff: ``loanBook`` and
``staffCreditProfile(userId)`` (features, score history, the grade's estimated probability of
default, flagged when the model was fitted on simulated data). Rules live in ``credit`` and
``lending``; this module parses, authenticates and shapes.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from api.errors import UserError
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.graphql.user_core import viewer_id_of
from api.ids import global_id, id_input, key_of, node_key
from api.mutations import run_mutation, with_payment_password
from api.pagination import Connection, build_connection, counter, page_request
from api.scalars import MoneyAmount
from core.errors import t
from credit import service as credit_service
from lending import service as lending_service
from lending.models import Loan as LoanRow
from lending.models import LoanApplication as ApplicationRow
from users.roles import STAFF_ROLES, Role


class RepaymentMethodEnum(StrEnum):
    EQUAL_PAYMENTS = lending_service.EQUAL_PAYMENTS
    INTEREST_ONLY = lending_service.INTEREST_ONLY


class LoanStatusEnum(StrEnum):
    CURRENT = "CURRENT"
    OVERDUE = "OVERDUE"
    DEFAULTED = "DEFAULTED"
    WRITTEN_OFF = "WRITTEN_OFF"
    PAID_OFF = "PAID_OFF"


class LoanDecisionEnum(StrEnum):
    APPROVED = "APPROVED"
    DECLINED = "DECLINED"


class LoanReviewOutcomeEnum(StrEnum):
    PENDING = "PENDING"
    UPHELD = "UPHELD"
    APPROVED = "APPROVED"


class LoanReviewDecisionEnum(StrEnum):
    UPHOLD = "UPHOLD"
    APPROVE = "APPROVE"


class InstalmentStatusEnum(StrEnum):
    DUE = "DUE"
    OVERDUE = "OVERDUE"
    PAID = "PAID"


RepaymentMethod = strawberry.enum(
    RepaymentMethodEnum,
    name="LoanRepaymentMethod",
    description="EQUAL_PAYMENTS (等额本息: equal monthly payments) or INTEREST_ONLY (monthly interest, principal at maturity).",
)
LoanStatus = strawberry.enum(LoanStatusEnum, name="LoanStatus")
LoanDecision = strawberry.enum(LoanDecisionEnum, name="LoanDecision")
InstalmentStatus = strawberry.enum(InstalmentStatusEnum, name="InstalmentStatus")
LoanReviewOutcome = strawberry.enum(
    LoanReviewOutcomeEnum,
    name="LoanReviewOutcome",
    description="PENDING (a person has not decided yet), UPHELD (still declined) or APPROVED (the loan was booked).",
)
LoanReviewDecision = strawberry.enum(
    LoanReviewDecisionEnum,
    name="LoanReviewDecision",
    description="UPHOLD the automated decline, or APPROVE the application (the loan is booked and drawn).",
)


@strawberry.type(description="Why a score is what it is, or why an application was declined, and what would help.")
class CreditReason:
    code: str
    text: str


def _reasons(codes: list[str], locale: str) -> list[CreditReason]:
    return [CreditReason(code=code.upper(), text=lending_service.reason_text(code).in_(locale)) for code in codes]


@strawberry.type(description="Your credit on the platform, from your own trading history (with your consent).")
class Credit:
    score: int = strawberry.field(description="300 to 850; higher is better.")
    grade: str = strawberry.field(description="A (best) to E.")
    limit: Money = strawberry.field(description="What you may borrow in all, before loans you already have.")
    reasons: list[CreditReason] = strawberry.field(description="What lowered your score most, and what would raise it.")
    updated_at: datetime
    model_version: str

    @classmethod
    def of(cls, view: credit_service.ScoreView, locale: str) -> Credit:
        return cls(
            score=view.score,
            grade=view.grade,
            limit=Money.of_minor(view.limit),  # type: ignore[arg-type]
            reasons=_reasons(view.reasons, locale),
            updated_at=view.updated_at,
            model_version=view.model_version,
        )


@strawberry.type(description="The pre-approved limit and price. The APR includes every cost (there are no fees).")
class CreditOffer:
    grade: str
    limit: Money = strawberry.field(description="What you can borrow now (0: no offer).")
    apr: Decimal | None = strawberry.field(description="Annual percentage rate (IRR of every cost), e.g. 0.108000.")
    daily_rate: Decimal | None = strawberry.field(description="The same price per day (annual / 365).")
    annual_rate: Decimal | None
    penalty_rate: Decimal | None = strawberry.field(description="Annual rate of penalty interest on overdue principal.")
    min_amount: Money
    min_term_months: int
    max_term_months: int
    repayments: list[RepaymentMethod]
    reasons: list[CreditReason]


@strawberry.type(description="One instalment of a loan's schedule.")
class LoanInstalment:
    seq: int
    due_date: date
    principal: Money
    interest: Money
    penalty: Money = strawberry.field(description="Penalty interest accrued on it while overdue.")
    paid: Money
    status: InstalmentStatus


@strawberry.type(description="A working-capital loan.")
class Loan(Node):
    status: LoanStatus
    grade: str
    principal: Money
    principal_outstanding: Money
    outstanding: Money = strawberry.field(
        description="Everything owed today: due instalments, interest to the day, principal."
    )
    apr: Decimal
    daily_rate: Decimal
    annual_rate: Decimal
    penalty_rate: Decimal
    term_months: int
    repayment: RepaymentMethod
    start_date: date
    maturity_date: date
    days_past_due: int
    schedule: list[LoanInstalment]

    @classmethod
    def load(cls, session, loan: LoanRow, today: date) -> Loan:
        rows = lending_service.instalments_of(session, loan.id)
        schedule = [
            LoanInstalment(
                seq=r.seq,
                due_date=r.due_date,
                principal=Money.of_minor(r.principal),  # type: ignore[arg-type]
                interest=Money.of_minor(r.interest),  # type: ignore[arg-type]
                penalty=Money.of_minor(r.penalty),  # type: ignore[arg-type]
                paid=Money.of_minor(r.paid_principal + r.paid_interest + r.paid_penalty),  # type: ignore[arg-type]
                status=InstalmentStatusEnum.PAID
                if r.status == lending_service.PAID
                else InstalmentStatusEnum.OVERDUE
                if r.due_date < today
                else InstalmentStatusEnum.DUE,
            )
            for r in rows
        ]
        owed = 0 if loan.status == lending_service.PAID_OFF else lending_service.payoff_amount(session, loan, today)
        return cls(
            id=global_id("Loan", loan.id),
            status=LoanStatusEnum(loan.status),
            grade=loan.grade,
            principal=Money.of_minor(loan.principal),  # type: ignore[arg-type]
            principal_outstanding=Money.of_minor(loan.principal_outstanding),  # type: ignore[arg-type]
            outstanding=Money.of_minor(owed),  # type: ignore[arg-type]
            apr=loan.apr,
            daily_rate=lending_service.daily_rate(loan.apr),
            annual_rate=loan.annual_rate,
            penalty_rate=loan.penalty_rate,
            term_months=loan.term_months,
            repayment=RepaymentMethodEnum(loan.repayment),
            start_date=loan.start_date,
            maturity_date=loan.maturity_date,
            days_past_due=lending_service.days_past_due(rows, today),
            schedule=schedule,
        )


@strawberry.type(
    description="A person's review of a declined application, which the applicant asked for (PIPL Art. 24)."
)
class LoanReview:
    requested_at: datetime
    outcome: LoanReviewOutcome
    note: str | None = strawberry.field(description="What the reviewer told the applicant (once decided).")
    decided_at: datetime | None

    @classmethod
    def of(cls, row: ApplicationRow) -> LoanReview | None:
        if row.review_requested_at is None:
            return None
        return cls(
            requested_at=row.review_requested_at,
            outcome=LoanReviewOutcomeEnum(row.review_outcome or "PENDING"),
            note=row.review_note,
            decided_at=row.reviewed_at,
        )


@strawberry.type(description="A loan application and its instant decision.")
class LoanApplication(Node):
    decision: LoanDecision
    amount: Money
    term_months: int
    repayment: RepaymentMethod
    reasons: list[CreditReason] = strawberry.field(description="Why it was declined (empty when approved).")
    review_requested: bool = strawberry.field(description="A person will look at it (requestLoanReview).")
    review: LoanReview | None = strawberry.field(
        description="The review asked for, and its outcome (null: none asked)."
    )
    applicant_id: strawberry.ID = strawberry.field(description="The applicant (a User id).")
    created_at: datetime
    loan: Loan | None

    @classmethod
    def load(cls, session, row: ApplicationRow, today: date, locale: str) -> LoanApplication:
        loan = None if row.loan_id is None else lending_service.loan_of(session, loan_id=row.loan_id)
        return cls(
            id=global_id("LoanApplication", row.id),
            decision=LoanDecisionEnum(row.status),
            amount=Money.of_minor(row.amount),  # type: ignore[arg-type]
            term_months=row.term_months,
            repayment=RepaymentMethodEnum(row.repayment),
            reasons=_reasons(list(row.reasons), locale),
            review_requested=row.review_requested_at is not None,
            review=LoanReview.of(row),
            applicant_id=global_id("User", row.user_id),
            created_at=row.created_at,
            loan=None if loan is None else Loan.load(session, loan, today),
        )


@strawberry.type
class GradeLine:
    grade: str
    loans: int
    outstanding: Money


@strawberry.type
class DpdBucket:
    bucket: str = strawberry.field(description="CURRENT, 1-30, 31-60, 61-90 or 90+ days past due.")
    loans: int
    outstanding: Money


@strawberry.type
class Vintage:
    month: str
    loans: int
    principal: Money
    default_rate: Decimal


@strawberry.type(description="Operators: the small-loan company's book and funding.")
class LoanBook:
    outstanding: Money
    by_grade: list[GradeLine]
    dpd_buckets: list[DpdBucket]
    default_rate: Decimal
    vintages: list[Vintage]
    capital: Money
    bank_borrowing: Money
    available: Money = strawberry.field(description="The lender's cash: what it can still lend.")
    provisions: Money
    interest_income: Money


@strawberry.type
class FeatureValue:
    name: str
    value: float


@strawberry.type
class ScoreRecord:
    as_of: date
    score: int
    grade: str
    model_version: str
    features: list[FeatureValue]


@strawberry.type(description="Staff: a user's credit features, score history and the grade's estimated PD.")
class StaffCreditProfile:
    consent: bool
    scores: list[ScoreRecord]
    grade_probability_of_default: Decimal | None = strawberry.field(
        description="The latest grade's calibrated probability of default over 12 months."
    )
    estimated_from_simulation: bool = strawberry.field(
        description="True while the model was fitted on simulated merchants, not on real outcomes."
    )


def _today(info: Info) -> date:
    return info.context.clock.today()


def _credit(info: Info, user_id: int) -> Credit | None:
    with info.context.db.read() as session:
        view = credit_service.latest_score(session, user_id=user_id)
    return None if view is None else Credit.of(view, info.context.locale)


@strawberry.type
class LendingViewerFields:
    """Fields this domain adds to the signed-in User."""

    @strawberry.field(description="Your credit score, grade, limit and reasons (null without consent or a score).")
    async def credit(self, info: Info) -> Credit | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return None
        return await run_in_threadpool(_credit, info, user_id)

    @strawberry.field(description="Whether you allow credit scoring from your platform history.")
    async def credit_scoring_consent(self, info: Info) -> bool:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return False

        def read() -> bool:
            with info.context.db.read() as session:
                return credit_service.consent_of(session, user_id=user_id).granted

        return await run_in_threadpool(read)


def _offer(info: Info) -> CreditOffer | None:
    ctx = info.context
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        offer = lending_service.offer(session=session, settings=ctx.settings, user_id=viewer.id)
    if offer is None:
        return None
    return CreditOffer(
        grade=offer.grade,
        limit=Money.of_minor(offer.limit),  # type: ignore[arg-type]
        apr=offer.apr,
        daily_rate=offer.daily_rate,
        annual_rate=offer.annual_rate,
        penalty_rate=offer.penalty_rate,
        min_amount=Money.of_minor(offer.min_amount),  # type: ignore[arg-type]
        min_term_months=offer.min_term,
        max_term_months=offer.max_term,
        repayments=[RepaymentMethodEnum(r) for r in lending_service.REPAYMENTS] if offer.limit else [],
        reasons=_reasons(offer.reasons, ctx.locale),
    )


def _loans(info: Info, first: int | None, after: str | None, status: LoanStatusEnum | None) -> Connection[Loan]:
    ctx = info.context
    viewer = ctx.require_viewer()
    request = page_request(first, after, max_page_size=ctx.settings.max_page_size, cursor=(int,))
    key = None if request.after is None else int(request.after[0])
    wanted = None if status is None else str(status.value)
    today = _today(info)
    with ctx.db.read() as session:
        rows = lending_service.loans_page(session, user_id=viewer.id, status=wanted, limit=request.limit + 1, after=key)
        loans = [Loan.load(session, row, today) for row in rows]
    return build_connection(
        loans,
        request,
        key=lambda loan: [key_of(loan.id)],
        node=lambda loan: loan,
        count=counter(ctx.db, lambda s: lending_service.count_loans(s, user_id=viewer.id, status=wanted)),
    )


def _reviews(info: Info, first: int | None, after: str | None) -> Connection[LoanApplication]:
    ctx = info.context
    ctx.require_role(Role.OPERATOR)
    request = page_request(first, after, max_page_size=ctx.settings.max_page_size, cursor=(int,))
    key = None if request.after is None else int(request.after[0])
    today = _today(info)
    with ctx.db.read() as session:
        rows = lending_service.review_queue(session, limit=request.limit + 1, after=key)
        applications = [(row.id, LoanApplication.load(session, row, today, ctx.locale)) for row in rows]
    return build_connection(
        applications,
        request,
        key=lambda pair: [pair[0]],
        node=lambda pair: pair[1],
        count=counter(ctx.db, lending_service.count_review_queue),
    )


def _loan(info: Info, key: int) -> Loan | None:
    ctx = info.context
    viewer = ctx.require_viewer()
    staff = bool(STAFF_ROLES & set(viewer.roles))
    with ctx.db.read() as session:
        row = lending_service.loan_of(session, loan_id=key, user_id=None if staff else viewer.id)
        return None if row is None else Loan.load(session, row, _today(info))


def _book(info: Info) -> LoanBook:
    ctx = info.context
    ctx.require_role(Role.OPERATOR)
    with ctx.db.read() as session:
        book = lending_service.book(session=session, clock=ctx.clock)
    money = Money.of_minor
    return LoanBook(
        outstanding=money(book.outstanding),  # type: ignore[arg-type]
        by_grade=[GradeLine(grade=g, loans=n, outstanding=money(o)) for g, n, o in book.by_grade],  # type: ignore[arg-type]
        dpd_buckets=[DpdBucket(bucket=b, loans=n, outstanding=money(o)) for b, n, o in book.dpd_buckets],  # type: ignore[arg-type]
        default_rate=book.default_rate,
        vintages=[Vintage(month=m, loans=n, principal=money(p), default_rate=r) for m, n, p, r in book.vintages],  # type: ignore[arg-type]
        capital=money(book.figures.capital),  # type: ignore[arg-type]
        bank_borrowing=money(book.figures.bank_borrowing),  # type: ignore[arg-type]
        available=money(book.figures.available),  # type: ignore[arg-type]
        provisions=money(book.figures.provisions),  # type: ignore[arg-type]
        interest_income=money(book.figures.interest_income),  # type: ignore[arg-type]
    )


def _staff_profile(info: Info, user_key: int) -> StaffCreditProfile:
    ctx = info.context
    ctx.require_role(*STAFF_ROLES)
    with ctx.db.read() as session:
        history = credit_service.score_history(session, user_id=user_key)
        consent = credit_service.consent_of(session, user_id=user_key).granted
        model = credit_service.active_model(session)
        pd = None
        if history and model is not None:
            pd = credit_service.grade_pd(model, history[0].grade)
    return StaffCreditProfile(
        consent=consent,
        scores=[
            ScoreRecord(
                as_of=h.as_of,
                score=h.score,
                grade=h.grade,
                model_version=h.model_version,
                features=[FeatureValue(name=k, value=float(v)) for k, v in sorted(h.features.items())],
            )
            for h in history
        ],
        grade_probability_of_default=pd,
        estimated_from_simulation=model is None or model.source == credit_service.SIMULATION,
    )


@strawberry.type
class LendingQuery:
    @strawberry.field(description="Your pre-approved limit and price (null without consent or a score).")
    async def credit_offer(self, info: Info) -> CreditOffer | None:
        return await run_in_threadpool(_offer, info)

    @strawberry.field(description="Your loans, newest first.")
    async def loans(
        self, info: Info, first: int | None = None, after: str | None = None, status: LoanStatus | None = None
    ) -> Connection[Loan]:
        return await run_in_threadpool(_loans, info, first, after, status)

    @strawberry.field(description="One of your loans (staff: any loan), or null.")
    async def loan(self, info: Info, id: strawberry.ID) -> Loan | None:
        try:
            key = node_key(id, "Loan", field="id")
        except Exception:
            return None
        return await run_in_threadpool(_loan, info, key)

    @strawberry.field(description="Operators: the loan book.")
    async def loan_book(self, info: Info) -> LoanBook:
        return await run_in_threadpool(_book, info)

    @strawberry.field(
        description="Operators: declined applications whose applicants asked for a person, longest waiting first."
    )
    async def loan_reviews(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[LoanApplication]:
        return await run_in_threadpool(_reviews, info, first, after)

    @strawberry.field(description="Staff: a user's credit features and score history.")
    async def staff_credit_profile(self, info: Info, user_id: strawberry.ID) -> StaffCreditProfile:
        key = node_key(user_id, ("User", "UserAccount"), field="userId")
        return await run_in_threadpool(_staff_profile, info, key)


# --- mutations ----------------------------------------------------------------------------


@strawberry.input
class SetCreditScoringConsentInput:
    consent: bool
    money_fund_autopay: bool | None = strawberry.field(
        default=None, description="Let collections take a due instalment from your money-fund balance."
    )


@strawberry.type
class SetCreditScoringConsentPayload:
    consent: bool | None = None
    money_fund_autopay: bool | None = None
    credit: Credit | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ApplyForLoanInput:
    amount: MoneyAmount
    term_months: int
    repayment: RepaymentMethod
    idempotency_key: str
    payment_password: str | None = None


@strawberry.type
class ApplyForLoanPayload:
    application: LoanApplication | None = None
    decision: LoanDecision | None = None
    loan: Loan | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RepayLoanInput:
    loan_id: strawberry.ID = id_input("Loan", message=t("No such loan.", "找不到这笔贷款。"))
    amount: MoneyAmount
    idempotency_key: str
    payment_password: str | None = None


@strawberry.type
class RepayLoanPayload:
    loan: Loan | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RequestLoanReviewInput:
    loan_application_id: strawberry.ID = id_input(
        "LoanApplication", message=t("No such loan application.", "找不到这笔借款申请。")
    )


@strawberry.type
class RequestLoanReviewPayload:
    application: LoanApplication | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class DecideLoanReviewInput:
    loan_application_id: strawberry.ID = id_input(
        "LoanApplication", message=t("No such loan application.", "找不到这笔借款申请。")
    )
    decision: LoanReviewDecision
    note: str = strawberry.field(description="Why, in words the applicant reads (required, at most 500 characters).")
    grade: str | None = strawberry.field(
        default=None,
        description="APPROVE: the grade whose price the loan gets (A-D); default the application's own grade.",
    )


@strawberry.type
class DecideLoanReviewPayload:
    application: LoanApplication | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class LendingMutation:
    @strawberry.mutation(description="Allow or refuse credit scoring from your platform history (revocable).")
    async def set_credit_scoring_consent(
        self, info: Info, input: SetCreditScoringConsentInput
    ) -> SetCreditScoringConsentPayload:
        ctx = info.context

        def action(session, viewer):
            consent = credit_service.set_consent(
                session=session,
                clock=ctx.clock,
                user_id=viewer.id,
                granted=input.consent,
                money_fund_autopay=input.money_fund_autopay,
            )
            if consent.granted and credit_service.active_model(session) is not None:
                credit_service.score_users(
                    session=session,
                    clock=ctx.clock,
                    settings=ctx.settings,
                    as_of=ctx.clock.today(),
                    user_ids=[viewer.id],
                )
            view = credit_service.latest_score(session, user_id=viewer.id)
            return {
                "consent": consent.granted,
                "money_fund_autopay": consent.money_fund_autopay,
                "credit": None if view is None else Credit.of(view, ctx.locale),
            }

        return await run_mutation(info, SetCreditScoringConsentPayload, input, action)

    @strawberry.mutation(
        description="Apply for a loan: an instant decision; an approved loan is paid into your wallet."
    )
    async def apply_for_loan(self, info: Info, input: ApplyForLoanInput) -> ApplyForLoanPayload:
        ctx = info.context

        def action(session, viewer):
            result = lending_service.apply(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                amount=input.amount,
                term_months=input.term_months,
                repayment=str(RepaymentMethodEnum(input.repayment).value),
                idempotency_key=input.idempotency_key,
                payment_password_text=input.payment_password,
            )
            row = lending_service.application_of(session, application_id=result.application_id)
            application = LoanApplication.load(session, row, ctx.clock.today(), ctx.locale)
            return {"application": application, "decision": application.decision, "loan": application.loan}

        return await run_mutation(
            info, ApplyForLoanPayload, input, with_payment_password(ctx, ApplyForLoanPayload, action)
        )

    @strawberry.mutation(
        description="Repay (part of) your loan from your wallet; early repayment pays interest to the day."
    )
    async def repay_loan(self, info: Info, input: RepayLoanInput) -> RepayLoanPayload:
        ctx = info.context

        def action(session, viewer):
            lending_service.repay(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                loan_id=int(input.loan_id),
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                payment_password_text=input.payment_password,
            )
            loan = lending_service.loan_of(session, loan_id=int(input.loan_id), user_id=viewer.id)
            return {"loan": Loan.load(session, loan, ctx.clock.today())}

        return await run_mutation(info, RepayLoanPayload, input, with_payment_password(ctx, RepayLoanPayload, action))

    @strawberry.mutation(description="Put a declined application before a person (PIPL Art. 24).")
    async def request_loan_review(self, info: Info, input: RequestLoanReviewInput) -> RequestLoanReviewPayload:
        ctx = info.context

        def action(session, viewer):
            row = lending_service.request_review(
                session=session, clock=ctx.clock, user_id=viewer.id, application_id=int(input.loan_application_id)
            )
            return {"application": LoanApplication.load(session, row, ctx.clock.today(), ctx.locale)}

        return await run_mutation(info, RequestLoanReviewPayload, input, action)

    @strawberry.mutation(
        description="Operators: decide a requested review: uphold the decline or approve (the loan is booked and drawn)."
    )
    async def decide_loan_review(self, info: Info, input: DecideLoanReviewInput) -> DecideLoanReviewPayload:
        ctx = info.context

        def action(session, viewer):
            row = lending_service.decide_review(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                reviewer_id=viewer.id,
                application_id=int(input.loan_application_id),
                approve=input.decision == LoanReviewDecisionEnum.APPROVE,
                note=input.note,
                grade=input.grade,
            )
            return {"application": LoanApplication.load(session, row, ctx.clock.today(), ctx.locale)}

        return await run_mutation(info, DecideLoanReviewPayload, input, action, roles=(Role.OPERATOR,))


# --- refetching by global id -----------------------------------------------------------------


@fetches("Loan")
def _fetch_loan(info: Info, key: int) -> Loan | None:
    return _loan(info, key)


@fetches("LoanApplication")
def _fetch_application(info: Info, key: int) -> LoanApplication | None:
    ctx = info.context
    viewer = ctx.require_viewer()
    staff = bool(STAFF_ROLES & set(viewer.roles))  # operators review any application
    with ctx.db.read() as session:
        row = lending_service.application_of(session, application_id=key, user_id=None if staff else viewer.id)
        return None if row is None else LoanApplication.load(session, row, _today(info), ctx.locale)
