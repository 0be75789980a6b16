"""Lending as the API, the CLI and the jobs call it. Keyword-only functions taking the
session; they never commit (the collection job opens one transaction per loan and day).

Ledger entries (this ledger's convention: positive = credit; BANK_CLEARING, the money at the
bank, is negative), every one balanced:

    fund capital C        BANK_CLEARING -C, LENDER_CAPITAL +C
    draw a bank line B    BANK_CLEARING -B, LENDER_BANK_BORROWING +B
    drawdown P            LOANS_RECEIVABLE[loan] -P, borrower CASH +P
    repayment p+i+n       borrower CASH -(p+i+n), LOANS_RECEIVABLE[loan] +p, INTEREST_INCOME +i, PENALTY_INCOME +n
                          (a defaulted loan also releases its provision: LOAN_PROVISIONS -p, PROVISION_EXPENSE +p)
    default (90 dpd)      PROVISION_EXPENSE -E, LOAN_PROVISIONS +E   (E = the principal outstanding);
                          interest stops: instalments due later keep only the interest accrued to the default
    write-off (180 dpd)   LOANS_RECEIVABLE[loan] +E, LOAN_PROVISIONS -E
    recovery X            borrower CASH -X, LOAN_RECOVERIES +X

The lender's cash is the sum of all its accounts (``figures``); a loan never takes it below
zero, nor one borrower past ``ROBO_LENDER_SINGLE_BORROWER_SHARE`` of its net capital
(``Figures.net_capital``: capital plus income kept less provisions; ``LENDER_CAPACITY``:
nothing is booked). Interest is booked when paid (cash basis);
penalties accrue on the instalment rows and are booked when paid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.money import shown
from core.settings import Settings
from core.text import clean_visible
from credit import grading
from credit import service as credit
from db.session import Database, lock_rows
from investing import fast_redemption
from ledger import idempotency
from ledger.accounts import ACCOUNTS, AccountRef, lock_user_accounts, system_account
from ledger.entries import ENTRIES, POSTINGS, Posting, post_entry, system_balance
from ledger.errors import LedgerErrorCode
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind
from lending import due_pass, pricing
from lending import schedule as schedules
from lending.errors import LendingErrorCode
from lending.models import LenderFunding, Loan, LoanApplication, LoanCollectionDay, LoanInstalment, LoanRepayment
from lending.schedule import EQUAL_PAYMENTS, INTEREST_ONLY, REPAYMENTS, add_months, daily_rate
from users import service as users
from wallet import identity, limits, payment_password
from wallet.models import Payment

CAPITAL, BANK_LINE = "CAPITAL", "BANK_LINE"
LENDER, POOL = "LENDER", "POOL"  # a loan's owner: the lender, or the ABS pool it was sold to
APPROVED, DECLINED = "APPROVED", "DECLINED"
CURRENT, OVERDUE, DEFAULTED, WRITTEN_OFF, PAID_OFF = "CURRENT", "OVERDUE", "DEFAULTED", "WRITTEN_OFF", "PAID_OFF"
OPEN_STATUSES = (CURRENT, OVERDUE, DEFAULTED, WRITTEN_OFF)
DUE, PAID = "DUE", "PAID"
WALLET, MONEY_FUND, SALES, BORROWER = "WALLET", "MONEY_FUND", "SALES", "BORROWER"
LENDER_PURPOSES = (
    Purpose.LENDER_CAPITAL,
    Purpose.LENDER_BANK_BORROWING,
    Purpose.LOANS_RECEIVABLE,
    Purpose.INTEREST_INCOME,
    Purpose.PENALTY_INCOME,
    Purpose.LOAN_PROVISIONS,
    Purpose.PROVISION_EXPENSE,
    Purpose.LOAN_RECOVERIES,
    Purpose.LENDER_ABS_RETAINED,
    Purpose.LENDER_ABS_INCOME,
)
DAYS_IN_YEAR = 365
COLLECT_BATCH = 100  # loans per transaction of the collection job


def _minor(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).to_integral_value())


# --- the lender ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """The lender's position in fen."""

    capital: int
    bank_borrowing: int
    outstanding: int  # loans receivable (principal)
    provisions: int
    interest_income: int
    penalty_income: int
    recoveries: int
    provision_expense: int
    available: int  # the lender's cash: the sum of all its accounts

    abs_income: int = 0  # the lender's income from the ABS tranches it retains (net of write-downs)

    @property
    def net_assets(self) -> int:
        return self.available + self.outstanding - self.provisions - self.bank_borrowing

    @property
    def net_capital(self) -> int:
        """Capital plus the income kept (interest, penalties, recoveries, retained ABS tranches'
        income) less the provisions booked (net of those released; a write-off uses its
        provision, so it is in there too): what the single-borrower limit is a share of."""
        return (
            self.capital
            + self.interest_income
            + self.penalty_income
            + self.recoveries
            + self.abs_income
            - self.provision_expense
        )


def figures(session: Session) -> Figures:
    b = {p: system_balance(session, purpose=p, asset=CNY) for p in LENDER_PURPOSES}
    return Figures(
        capital=b[Purpose.LENDER_CAPITAL],
        bank_borrowing=b[Purpose.LENDER_BANK_BORROWING],
        outstanding=-b[Purpose.LOANS_RECEIVABLE],
        provisions=b[Purpose.LOAN_PROVISIONS],
        interest_income=b[Purpose.INTEREST_INCOME],
        penalty_income=b[Purpose.PENALTY_INCOME],
        recoveries=b[Purpose.LOAN_RECOVERIES],
        provision_expense=-b[Purpose.PROVISION_EXPENSE],
        available=sum(b.values()),
        abs_income=b[Purpose.LENDER_ABS_INCOME],
    )


def single_borrower_limit(position: Figures, settings: Settings) -> int:
    """What one borrower may owe the lender: ``ROBO_LENDER_SINGLE_BORROWER_SHARE`` of its net
    capital (fen, truncated; none while net capital is not positive)."""
    return max(0, int(Decimal(position.net_capital) * settings.lender_single_borrower_share))


def instalment_rows(loan_id: int, instalments: Iterable[schedules.Instalment]) -> list[LoanInstalment]:
    """The schedule's instalments as a new loan's rows: all due, nothing paid, no penalty."""
    return [
        LoanInstalment(
            loan_id=loan_id,
            seq=i.seq,
            due_date=i.due_date,
            principal=i.principal,
            interest=i.interest,
            penalty=0,
            paid_principal=0,
            paid_interest=0,
            paid_penalty=0,
            status=DUE,
        )
        for i in instalments
    ]


def _lock_lender(session: Session, now: datetime) -> None:
    """Lock the lender's funding row (its LENDER_CAPITAL account): every decision that checks
    the lender's funds or limits and then books against them holds it, so two cannot both pass
    a check that only one of them fits (PostgreSQL; SQLite serialises writers)."""
    lender = system_account(session, Purpose.LENDER_CAPITAL, CNY, now=now)
    session.execute(lock_rows(session, select(ACCOUNTS.c.id).where(ACCOUNTS.c.id == lender.id))).all()


def _lock_borrower_and_lender(session: Session, user_id: int, now: datetime) -> None:
    """Before checking a loan against the borrower's limit, the single-borrower share and the
    lender's cash: lock the borrower's row, then the lender's (always in this order), so
    concurrent applications of one borrower, or of many draining the lender, are decided one
    after the other, each seeing the loans booked before it."""
    users.lock_user(session=session, user_id=user_id)
    _lock_lender(session, now)


def _capacity_error(message_en: str, message_zh: str, field: str | None = "amount") -> DomainError:
    return DomainError(LendingErrorCode.LENDER_CAPACITY, t(message_en, message_zh), field)


def fund(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    kind: str,
    amount: Decimal,
    actor: str,
    note: str | None = None,
) -> int:
    """Record capital paid in (``CAPITAL``) or a bank line drawn (``BANK_LINE``); a bank
    line is refused past ``ROBO_LENDER_BANK_BORROWING_RATIO`` x capital. The funding's id."""
    minor = _minor(amount)
    if kind not in (CAPITAL, BANK_LINE) or minor <= 0:
        raise DomainError(
            LendingErrorCode.INVALID_FUNDING,
            t(
                "Fund the lender with a positive amount of CAPITAL or BANK_LINE.",
                "请以正数金额注入资本金（CAPITAL）或银行借款（BANK_LINE）。",
            ),
            "amount",
        )
    now = clock.now()
    _lock_lender(session, now)
    if kind == BANK_LINE:
        position = figures(session)
        ceiling = int(Decimal(position.capital) * settings.lender_bank_borrowing_ratio)
        if position.bank_borrowing + minor > ceiling:
            raise _capacity_error(
                f"Bank borrowing would be {shown(position.bank_borrowing + minor)}, over its limit of {shown(ceiling)} ({settings.lender_bank_borrowing_ratio} x capital).",
                f"银行借款将达 {shown(position.bank_borrowing + minor)}，超过上限 {shown(ceiling)}（资本金的 {settings.lender_bank_borrowing_ratio} 倍）。",
            )
    source = Purpose.LENDER_CAPITAL if kind == CAPITAL else Purpose.LENDER_BANK_BORROWING
    entry = post_entry(
        session,
        kind=EntryKind.LENDER_FUNDING,
        postings=[
            Posting(system_account(session, Purpose.BANK_CLEARING, CNY, now=now), -minor),
            Posting(system_account(session, source, CNY, now=now), minor),
        ],
        at=now,
    )
    row = LenderFunding(kind=kind, amount=minor, note=note, entry_id=entry.id, created_by=actor, created_at=now)
    session.add(row)
    session.flush()
    return row.id


# --- offers -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Offer:
    score: credit.ScoreView
    grade: str
    limit: int  # fen, what may be borrowed now (0: none)
    annual_rate: Decimal | None
    penalty_rate: Decimal | None
    apr: Decimal | None
    daily_rate: Decimal | None
    min_amount: int
    min_term: int = pricing.MIN_TERM
    max_term: int = pricing.MAX_TERM
    reasons: list[str] = field(default_factory=list)
    # the borrower's own limit left (the score's, less what they owe), before the lender's
    # single-borrower limit: a loan within it but over ``limit`` is the lender's capacity
    credit_limit: int = 0


def outstanding_of(session: Session, user_id: int) -> int:
    return int(
        session.execute(
            select(func.coalesce(func.sum(Loan.principal_outstanding), 0)).where(
                Loan.borrower_id == user_id, Loan.status.in_(OPEN_STATUSES)
            )
        ).scalar_one()
    )


def _in_default(session: Session, user_id: int) -> bool:
    return (
        session.execute(
            select(Loan.id).where(Loan.borrower_id == user_id, Loan.status.in_((DEFAULTED, WRITTEN_OFF))).limit(1)
        ).first()
        is not None
    )


def _overdue(session: Session, user_id: int) -> bool:
    return (
        session.execute(select(Loan.id).where(Loan.borrower_id == user_id, Loan.status == OVERDUE).limit(1)).first()
        is not None
    )


def offer(*, session: Session, settings: Settings, user_id: int) -> Offer | None:
    """The pre-approved limit and price (None: no consent or no score yet)."""
    score = credit.latest_score(session, user_id=user_id)
    if score is None:
        return None
    rate = pricing.annual_rate(score.grade, settings)
    single = single_borrower_limit(figures(session), settings)
    outstanding = outstanding_of(session, user_id)
    limit = max(0, min(score.limit, single) - outstanding) if rate is not None else 0
    own = max(0, score.limit - outstanding) if rate is not None else 0
    reasons = list(score.reasons)
    if _in_default(session, user_id) or _overdue(session, user_id):
        limit = own = 0
    minimum = _minor(settings.lending_min_amount)
    if limit < minimum:
        limit = 0
    sample = (
        None
        if rate is None
        else schedules.build(
            principal=10_000_00, annual_rate=rate, term_months=12, repayment=schedules.EQUAL_PAYMENTS, start=score.as_of
        )
    )
    return Offer(
        score=score,
        grade=score.grade,
        limit=limit,
        annual_rate=rate,
        penalty_rate=None if rate is None else pricing.penalty_rate(rate, settings),
        apr=None if sample is None else schedules.apr(10_000_00, sample),
        daily_rate=None if rate is None else schedules.daily_rate(rate),
        min_amount=minimum,
        reasons=reasons,
        credit_limit=own if own >= minimum else 0,
    )


# --- applying and drawing -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ApplicationResult:
    application_id: int
    loan_id: int | None
    replayed: bool = False


DECLINE_TEXTS = {
    "NO_CREDIT_SCORE": t("There is no credit score for you yet.", "您还没有信用评分。"),
    "GRADE_TOO_LOW": t("Your credit grade is below what we lend to.", "您的信用等级低于放款标准。"),
    "NO_LIMIT": t("Your sales on the platform do not support a limit yet.", "您在平台上的销售额暂不足以获得额度。"),
    "LOAN_OVERDUE": t("You have an overdue loan; repay it first.", "您有逾期贷款，请先还款。"),
}


def reason_text(code: str):
    return DECLINE_TEXTS.get(code) or grading.reason_text(code)


def _check_terms(minor: int, term_months: int, repayment: str, settings: Settings) -> None:
    if repayment not in schedules.REPAYMENTS:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t("Choose EQUAL_PAYMENTS or INTEREST_ONLY.", "请选择等额本息或按月付息到期还本。"),
            "repayment",
        )
    if not pricing.MIN_TERM <= term_months <= pricing.MAX_TERM:
        raise DomainError(
            LendingErrorCode.LOAN_TERM_OUT_OF_RANGE,
            t(
                f"The term is {pricing.MIN_TERM} to {pricing.MAX_TERM} months.",
                f"期限为 {pricing.MIN_TERM} 至 {pricing.MAX_TERM} 个月。",
            ),
            "termMonths",
        )
    minimum = _minor(settings.lending_min_amount)
    if minor < minimum:
        raise DomainError(
            LendingErrorCode.LOAN_AMOUNT_BELOW_MINIMUM,
            t(f"The smallest loan is {shown(minimum)}.", f"最低借款金额为 {shown(minimum)}。"),
            "amount",
        )


def apply(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    amount: Decimal,
    term_months: int,
    repayment: str,
    idempotency_key: str,
    payment_password_text: str | None = None,
) -> ApplicationResult:
    """An instant decision: APPROVED (the loan is drawn into the wallet at once) or DECLINED
    with reasons. Bad input, a frozen or unverified borrower, one in default, an amount over
    the limit and a lender without capacity are refused (nothing booked)."""
    minor = limits.minor_units(amount)
    now, today = clock.now(), clock.today()
    claim = idempotency.claim(
        session,
        user_id=user_id,
        key=idempotency.check_key(idempotency_key),
        operation="applyForLoan",
        parameters={"amount": minor, "termMonths": term_months, "repayment": repayment},
        now=now,
    )
    if claim.is_replay:
        application = session.get(LoanApplication, claim.replay_of)
        return ApplicationResult(cast(int, claim.replay_of), application.loan_id if application else None, True)
    _check_terms(minor, term_months, repayment, settings)
    _lock_borrower_and_lender(session, user_id, now)
    users.ensure_can_move_money(session=session, user_id=user_id)
    profile = identity.require_verified(identity.payment_profile(session, user_id))
    payment_password.check(
        profile=profile, password=payment_password_text, user_id=user_id, clock=clock, settings=settings
    )
    if _in_default(session, user_id):
        raise DomainError(
            LendingErrorCode.BORROWER_IN_DEFAULT,
            t("You have a loan in default; no new loan until it is settled.", "您有违约贷款，结清前无法再借款。"),
        )
    credit.require_consent(session, user_id=user_id)
    current = offer(session=session, settings=settings, user_id=user_id)
    reasons: list[str] = []
    if current is None:
        reasons = ["NO_CREDIT_SCORE"]
    elif current.annual_rate is None:
        reasons = ["GRADE_TOO_LOW", *current.reasons]
    elif _overdue(session, user_id):
        reasons = ["LOAN_OVERDUE"]
    elif current.limit == 0 and current.credit_limit == 0:
        reasons = ["NO_LIMIT", *current.reasons]
    if reasons:
        application = LoanApplication(
            user_id=user_id,
            amount=minor,
            term_months=term_months,
            repayment=repayment,
            status=DECLINED,
            reasons=reasons,
            score_id=None if current is None else current.score.id,
            grade=None if current is None else current.grade,
            created_at=now,
        )
        session.add(application)
        session.flush()
        idempotency.complete(session, claim, result_id=application.id)
        return ApplicationResult(application.id, None)
    offered = cast(Offer, current)
    if offered.limit < minor <= offered.credit_limit:  # the borrower's limit allows it, the lender's does not
        raise _single_borrower_error()
    if minor > offered.limit:
        raise DomainError(
            LendingErrorCode.LOAN_AMOUNT_ABOVE_LIMIT,
            t(f"Your limit is {shown(offered.limit)}.", f"您的可借额度为 {shown(offered.limit)}。"),
            "amount",
        )
    _check_capacity(session, settings, user_id, minor)
    rate = cast(Decimal, offered.annual_rate)
    application = LoanApplication(
        user_id=user_id,
        amount=minor,
        term_months=term_months,
        repayment=repayment,
        status=APPROVED,
        reasons=[],
        score_id=offered.score.id,
        grade=offered.grade,
        created_at=now,
    )
    session.add(application)
    session.flush()
    loan = book_loan(
        session=session,
        settings=settings,
        application=application,
        grade=offered.grade,
        model_version=offered.score.model_version,
        annual_rate=rate,
        day=today,
        now=now,
    )
    payment_password.reset_failures(session, profile)
    idempotency.complete(session, claim, result_id=application.id)
    session.flush()
    return ApplicationResult(application.id, loan.id)


def _check_capacity(session: Session, settings: Settings, user_id: int, minor: int) -> None:
    """The lender's funds and its single-borrower limit allow lending ``minor`` to the user."""
    position = figures(session)
    single = single_borrower_limit(position, settings)
    if minor > position.available:
        raise _capacity_error(
            "The lender cannot fund this loan now; try a smaller amount or later.",
            "放款方当前资金不足以发放这笔贷款，请减少金额或稍后再试。",
        )
    if outstanding_of(session, user_id) + minor > single:
        raise _single_borrower_error()


def _single_borrower_error() -> DomainError:
    return _capacity_error(
        "This loan would take your borrowing past what the lender may lend to one borrower "
        "(a share of its net capital).",
        "这笔贷款将使您的借款超过放款方对单一借款人的上限（其净资本的一定比例）。",
    )


def book_loan(
    *,
    session: Session,
    settings: Settings,
    application: LoanApplication,
    grade: str,
    model_version: str,
    annual_rate: Decimal,
    day: date,
    now: datetime,
) -> Loan:
    """Book an approved application's loan: its schedule and the drawdown into the borrower's
    wallet (the decision and the limits are the caller's: ``apply``, or a simulation)."""
    minor, user_id = application.amount, application.user_id
    instalments = schedules.build(
        principal=minor,
        annual_rate=annual_rate,
        term_months=application.term_months,
        repayment=application.repayment,
        start=day,
    )
    loan = Loan(
        borrower_id=user_id,
        application_id=application.id,
        owner=LENDER,
        grade=grade,
        model_version=model_version,
        principal=minor,
        annual_rate=annual_rate,
        penalty_rate=pricing.penalty_rate(annual_rate, settings),
        apr=schedules.apr(minor, instalments),
        term_months=application.term_months,
        repayment=application.repayment,
        start_date=day,
        maturity_date=instalments[-1].due_date,
        status=CURRENT,
        principal_outstanding=minor,
        provision=0,
        written_off=0,
        recovered=0,
        max_days_past_due=0,
        early_repayments=0,
        last_collected_on=day,
        created_at=now,
        updated_at=now,
    )
    session.add(loan)
    session.flush()
    session.add_all(instalment_rows(loan.id, instalments))
    application.loan_id = loan.id
    key = (user_id, Purpose.CASH, CNY)
    cash = lock_user_accounts(session, [key], now=now)[key]
    entry = post_entry(
        session,
        kind=EntryKind.LOAN_DRAWDOWN,
        postings=[Posting(_receivable(session, loan, now), -minor), Posting(cash.ref, minor)],
        at=now,
    )
    record(session, [Line(user_id, TransactionKind.LOAN_DRAWDOWN, minor, CNY, entry.id)], at=now)
    session.flush()
    return loan


def _receivable(session: Session, loan: Loan, now: datetime) -> AccountRef:
    """The account holding the loan's principal: its own shard of the lender's
    LOANS_RECEIVABLE, or, once sold, the owning pool's ABS_POOL_LOANS."""
    if loan.owner == POOL:
        return system_account(session, Purpose.ABS_POOL_LOANS, CNY, now=now, shard=cast(int, loan.pool_id))
    return system_account(session, Purpose.LOANS_RECEIVABLE, CNY, now=now, shard=loan.id)


def request_review(*, session: Session, clock: Clock, user_id: int, application_id: int) -> LoanApplication:
    """Put a declined application before a human operator (PIPL Art. 24); asking again is a no-op."""
    application = session.get(LoanApplication, application_id)
    if application is None or application.user_id != user_id:
        raise DomainError(
            CommonErrorCode.NOT_FOUND, t("No such loan application.", "找不到这笔借款申请。"), "loanApplicationId"
        )
    if application.status != DECLINED:
        raise DomainError(
            LendingErrorCode.APPLICATION_NOT_DECLINED,
            t("Only a declined application can be reviewed by a person.", "只有被拒绝的申请可以申请人工复核。"),
            "loanApplicationId",
        )
    if application.review_requested_at is None:
        application.review_requested_at = clock.now()
        session.flush()
    return application


UPHELD = "UPHELD"
REVIEW_NOTE_LIMIT = 500
_NOTE = t("note", "备注")


def review_queue(session: Session, *, limit: int, after: int | None = None) -> list[LoanApplication]:
    """Declined applications whose applicants asked for a person, not yet decided, the
    longest-waiting first (``after``: the last id of the previous page)."""
    conditions: list[Any] = [
        LoanApplication.review_requested_at.is_not(None),
        LoanApplication.review_outcome.is_(None),
    ]
    if after is not None:
        conditions.append(LoanApplication.id > after)
    statement = select(LoanApplication).where(*conditions).order_by(LoanApplication.id).limit(limit)
    return list(session.scalars(statement))


def count_review_queue(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(LoanApplication)
            .where(LoanApplication.review_requested_at.is_not(None), LoanApplication.review_outcome.is_(None))
        )
        or 0
    )


def decide_review(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    reviewer_id: int,
    application_id: int,
    approve: bool,
    note: str,
    grade: str | None = None,
) -> LoanApplication:
    """A person's decision on a requested review (PIPL Art. 24): uphold the decline, or
    approve it, which books the loan at the price of ``grade`` (the application's own grade
    when it has a price) and draws it into the borrower's wallet, within the lender's funds and
    its single-borrower limit, as an instant approval would. The note, the reviewer and the
    time are kept on the application and shown to the applicant. Decided once: a second
    decision is refused; nobody decides on their own application."""
    application = session.scalars(
        lock_rows(session, select(LoanApplication).where(LoanApplication.id == application_id))
    ).first()
    if application is None:
        raise DomainError(
            CommonErrorCode.NOT_FOUND, t("No such loan application.", "找不到这笔借款申请。"), "loanApplicationId"
        )
    if application.review_requested_at is None:
        raise DomainError(
            LendingErrorCode.REVIEW_NOT_REQUESTED,
            t("The applicant has not asked for a review of this application.", "申请人未对这笔申请提出人工复核。"),
            "loanApplicationId",
        )
    if application.review_outcome is not None:
        raise DomainError(
            LendingErrorCode.REVIEW_ALREADY_DECIDED,
            t("This review has already been decided.", "这次复核已有结论。"),
            "loanApplicationId",
        )
    if application.user_id == reviewer_id:
        raise DomainError(
            LendingErrorCode.REVIEWER_IS_APPLICANT,
            t("You cannot review your own application.", "不能复核自己的申请。"),
            "loanApplicationId",
        )
    cleaned = clean_visible(
        note, field="note", code=LendingErrorCode.INVALID_REVIEW, limit=REVIEW_NOTE_LIMIT, what=_NOTE
    )
    if not cleaned:
        raise DomainError(
            LendingErrorCode.INVALID_REVIEW,
            t("Tell the applicant why: the note is required.", "请向申请人说明理由：备注为必填项。"),
            "note",
        )
    now = clock.now()
    if approve:
        _approve_on_review(session, clock, settings, application, grade)
    application.review_outcome = APPROVED if approve else UPHELD
    application.reviewed_by = reviewer_id
    application.reviewed_at = now
    application.review_note = cleaned
    session.flush()
    return application


def _approve_on_review(
    session: Session, clock: Clock, settings: Settings, application: LoanApplication, grade: str | None
) -> None:
    chosen = grade if grade is not None else application.grade
    rate = None if chosen is None else pricing.annual_rate(chosen, settings)
    if rate is None:
        priced = ", ".join(sorted(pricing.RATES))
        raise DomainError(
            LendingErrorCode.INVALID_REVIEW,
            t(
                f"Approving needs a priced grade ({priced}) for the loan's rate.",
                f"批准需要指定有定价的等级（{priced}）以确定利率。",
            ),
            "grade",
        )
    user_id, minor = application.user_id, application.amount
    _lock_borrower_and_lender(session, user_id, clock.now())
    users.ensure_can_move_money(session=session, user_id=user_id)
    identity.require_verified(identity.payment_profile(session, user_id))
    if _in_default(session, user_id):
        raise DomainError(
            LendingErrorCode.BORROWER_IN_DEFAULT,
            t("The applicant has a loan in default.", "申请人有违约贷款。"),
        )
    _check_capacity(session, settings, user_id, minor)
    score = None if application.score_id is None else credit.score_by_id(session, application.score_id)
    application.status = APPROVED
    book_loan(
        session=session,
        settings=settings,
        application=application,
        grade=cast(str, chosen),
        model_version="manual review" if score is None else score.model_version,
        annual_rate=rate,
        day=clock.today(),
        now=clock.now(),
    )


# --- what is owed and paying it -----------------------------------------------------------


def _instalments(session: Session, loan_id: int) -> list[LoanInstalment]:
    return list(
        session.execute(
            select(LoanInstalment).where(LoanInstalment.loan_id == loan_id).order_by(LoanInstalment.seq)
        ).scalars()
    )


def _period_start(loan: Loan, instalment: LoanInstalment, rows: list[LoanInstalment]) -> date:
    earlier = [r.due_date for r in rows if r.seq < instalment.seq]
    return earlier[-1] if earlier else loan.start_date


def _accrued_interest(loan: Loan, instalment: LoanInstalment, rows: list[LoanInstalment], day: date) -> int:
    """The current period's interest to ``day`` (pro rata of the period's days, truncated)."""
    start = _period_start(loan, instalment, rows)
    elapsed = max(0, (day - start).days)
    length = max(1, (instalment.due_date - start).days)
    # truncated: never more than the period's share (``pricing``: within ROBO_LENDING_MAX_APR)
    return min(instalment.interest, int(Decimal(instalment.interest) * elapsed / length))


def payoff_amount(session: Session, loan: Loan, day: date) -> int:
    """Everything owed on ``day``: due instalments (with penalties), the current period's
    interest to the day and the principal outstanding."""
    return payoff_of(loan, _instalments(session, loan.id), day)


def payoff_of(loan: Loan, rows: list[LoanInstalment], day: date) -> int:
    """``payoff_amount`` of the loan's instalment rows ``rows``."""
    owed = 0
    current_seen = False
    for row in rows:
        if row.status == PAID:
            continue
        if row.due_date <= day:
            owed += (
                row.principal + row.interest + row.penalty - row.paid_principal - row.paid_interest - row.paid_penalty
            )
        else:
            owed += row.principal - row.paid_principal
            if not current_seen and loan.status not in (DEFAULTED, WRITTEN_OFF):
                owed += max(0, _accrued_interest(loan, row, rows, day) - row.paid_interest)
            current_seen = True
    return owed


def _due_owed(rows: list[LoanInstalment], day: date) -> int:
    return sum(
        r.principal + r.interest + r.penalty - r.paid_principal - r.paid_interest - r.paid_penalty
        for r in rows
        if r.status != PAID and r.due_date <= day
    )


@dataclass
class _Split:
    principal: int = 0
    interest: int = 0
    penalty: int = 0
    early: bool = False  # principal paid ahead of the schedule (an early repayment)

    @property
    def total(self) -> int:
        return self.principal + self.interest + self.penalty


def _allocate(session: Session, loan: Loan, amount: int, day: date) -> _Split:
    return allocate(loan, _instalments(session, loan.id), amount, day)


def allocate(loan: Loan, rows: list[LoanInstalment], amount: int, day: date) -> _Split:
    """Apply ``amount`` to the loan whose instalment rows are ``rows`` (in order): due
    instalments oldest first (penalty, interest, principal), then early: the current period's
    interest to the day and principal, after which the rest of the schedule is re-amortised on
    what is left (same method and dates)."""
    split, left = _Split(), amount
    for row in rows:
        if left == 0:
            break
        if row.status == PAID or row.due_date > day:
            continue
        for attr, paid_attr, bucket in (
            ("penalty", "paid_penalty", "penalty"),
            ("interest", "paid_interest", "interest"),
            ("principal", "paid_principal", "principal"),
        ):
            take = min(left, getattr(row, attr) - getattr(row, paid_attr))
            if take > 0:
                setattr(row, paid_attr, getattr(row, paid_attr) + take)
                setattr(split, bucket, getattr(split, bucket) + take)
                left -= take
        _settle(row, day)
    future = [r for r in rows if r.status != PAID and r.due_date > day]
    if left > 0 and future:
        current = future[0]
        interest_to_day = 0 if loan.status in (DEFAULTED, WRITTEN_OFF) else _accrued_interest(loan, current, rows, day)
        take = min(left, max(0, interest_to_day - current.paid_interest))
        current.paid_interest += take
        split.interest += take
        left -= take
        principal_left = sum(r.principal - r.paid_principal for r in future)
        take = min(left, principal_left)
        if take > 0:
            loan.early_repayments += 1
            split.early = True
            split.principal += take
            left -= take
            _reamortise(loan, future, rows, take, day)
    if left != 0:
        raise DomainError(
            LendingErrorCode.REPAYMENT_EXCEEDS_OUTSTANDING,
            t("That is more than the loan's outstanding amount.", "还款金额超过贷款未还金额。"),
            "amount",
        )
    loan.principal_outstanding -= split.principal
    if loan.principal_outstanding == 0 and all(r.status == PAID for r in rows):
        loan.status = PAID_OFF if loan.status != WRITTEN_OFF else WRITTEN_OFF
        loan.closed_on = day
    return split


def _settle(row: LoanInstalment, day: date) -> None:
    if row.paid_principal == row.principal and row.paid_interest == row.interest and row.paid_penalty == row.penalty:
        row.status, row.paid_on = PAID, day


def _reamortise(loan: Loan, future: list[LoanInstalment], rows: list[LoanInstalment], prepaid: int, day: date) -> None:
    """After ``prepaid`` principal paid early on ``day``: the current instalment keeps the
    interest to the day (paid) plus the interest on the new principal for the rest of its
    period; the principal left is spread again over the same due dates."""
    current = future[0]
    remaining = sum(r.principal - r.paid_principal for r in future) - prepaid
    if loan.status in (DEFAULTED, WRITTEN_OFF):  # interest has stopped: principal only, oldest first
        for r in future:
            take = min(prepaid, r.principal - r.paid_principal)
            r.paid_principal += take
            prepaid -= take
            _settle(r, day)
        return
    start = _period_start(loan, current, rows)
    length = max(1, (current.due_date - start).days)
    rest = max(0, (current.due_date - day).days)
    if remaining == 0:
        for r in future:
            r.principal = r.paid_principal + (prepaid if r is current else 0)
            if r is current:
                r.paid_principal = r.principal
            r.interest = r.paid_interest
            _settle(r, day)
        return
    fresh = schedules.build(
        principal=remaining,
        annual_rate=loan.annual_rate,
        term_months=len(future),
        repayment=loan.repayment,
        start=schedules.add_months(current.due_date, -1, day=loan.start_date.day),
        first_seq=current.seq,
    )
    monthly = Decimal(loan.annual_rate) / 12
    for r, f in zip(future, fresh):
        if r is current:
            r.principal = r.paid_principal + prepaid + f.principal
            r.paid_principal += prepaid
            r.interest = r.paid_interest + int(Decimal(remaining) * monthly * rest / length)  # truncated, as to the day
        else:
            r.principal = r.paid_principal + f.principal
            r.interest = f.interest


def _book_payment(
    session: Session, *, loan: Loan, cash: AccountRef, split: _Split, source: str, day: date, now: datetime
) -> int:
    """Post the money received for ``loan``; a written-off loan's money is a recovery."""
    if split.total == 0:
        return 0
    postings = [Posting(cash, -split.total)]
    recovery = 0
    pooled = loan.owner == POOL
    shard = cast(int, loan.pool_id) if pooled else 0
    if loan.status == WRITTEN_OFF and loan.written_off > 0:
        recovery = split.total
        purpose = Purpose.ABS_POOL_RECOVERIES if pooled else Purpose.LOAN_RECOVERIES
        postings.append(Posting(system_account(session, purpose, CNY, now=now, shard=shard), split.total))
        loan.recovered += split.total
        kind = EntryKind.LOAN_RECOVERY
    elif pooled:  # a sold loan's collections belong to its pool: interest and penalties, principal
        kind = EntryKind.LOAN_REPAYMENT
        if split.principal:
            postings.append(Posting(_receivable(session, loan, now), split.principal))
        if split.interest + split.penalty:
            postings.append(
                Posting(
                    system_account(session, Purpose.ABS_POOL_INTEREST, CNY, now=now, shard=shard),
                    split.interest + split.penalty,
                )
            )
    else:
        kind = EntryKind.LOAN_REPAYMENT
        if split.principal:
            postings.append(Posting(_receivable(session, loan, now), split.principal))
        if split.interest:
            postings.append(Posting(system_account(session, Purpose.INTEREST_INCOME, CNY, now=now), split.interest))
        if split.penalty:
            postings.append(Posting(system_account(session, Purpose.PENALTY_INCOME, CNY, now=now), split.penalty))
        released = min(loan.provision, split.principal)
        if released:
            postings.append(Posting(system_account(session, Purpose.LOAN_PROVISIONS, CNY, now=now), -released))
            postings.append(Posting(system_account(session, Purpose.PROVISION_EXPENSE, CNY, now=now), released))
            loan.provision -= released
    entry = post_entry(session, kind=kind, postings=postings, at=now)
    record(session, [Line(loan.borrower_id, TransactionKind.LOAN_REPAYMENT, split.total, CNY, entry.id)], at=now)
    session.add(
        LoanRepayment(
            loan_id=loan.id,
            user_id=loan.borrower_id,
            source=source,
            day=day,
            amount=split.total,
            principal=split.principal,
            interest=split.interest,
            penalty=split.penalty,
            recovery=recovery,
            early=split.early,
            pool_id=loan.pool_id if pooled else None,
            entry_id=entry.id,
            created_at=now,
        )
    )
    loan.updated_at = now
    return split.total


def _lock_loan(session: Session, loan_id: int) -> Loan | None:
    return session.execute(lock_rows(session, select(Loan).where(Loan.id == loan_id))).scalar_one_or_none()


def repay(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    loan_id: int,
    amount: Decimal,
    idempotency_key: str,
    payment_password_text: str | None = None,
) -> int:
    """Repay (part of) one's own loan from wallet cash; more than everything owed today is
    refused. The repayment's id."""
    minor = limits.minor_units(amount)
    now, today = clock.now(), clock.today()
    claim = idempotency.claim(
        session,
        user_id=user_id,
        key=idempotency.check_key(idempotency_key),
        operation="repayLoan",
        parameters={"loan": loan_id, "amount": minor},
        now=now,
    )
    if claim.is_replay:
        return cast(int, claim.replay_of)
    users.ensure_can_move_money(session=session, user_id=user_id)
    profile = identity.payment_profile(session, user_id)
    payment_password.check(
        profile=profile, password=payment_password_text, user_id=user_id, clock=clock, settings=settings
    )
    loan = _lock_loan(session, loan_id)
    if loan is None or loan.borrower_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such loan.", "找不到这笔贷款。"), "loanId")
    if loan.status == PAID_OFF:
        raise DomainError(LendingErrorCode.LOAN_CLOSED, t("This loan is paid off.", "这笔贷款已还清。"), "loanId")
    accrue_penalties(loan, _instalments(session, loan.id), today)
    owed = payoff_amount(session, loan, today)
    if minor > owed:
        raise DomainError(
            LendingErrorCode.REPAYMENT_EXCEEDS_OUTSTANDING,
            t(f"Everything owed today is {shown(owed)}.", f"今日应还总额为 {shown(owed)}。"),
            "amount",
        )
    key = (user_id, Purpose.CASH, CNY)
    cash = lock_user_accounts(session, [key], now=now)[key]
    if cash.balance < minor:
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS, t("The balance is not enough for this amount.", "余额不足。"), "amount"
        )
    split = _allocate(session, loan, minor, today)
    _book_payment(session, loan=loan, cash=cash.ref, split=split, source=BORROWER, day=today, now=now)
    session.flush()
    repayment_id = session.execute(
        select(func.max(LoanRepayment.id)).where(LoanRepayment.loan_id == loan.id)
    ).scalar_one()
    payment_password.reset_failures(session, profile)
    idempotency.complete(session, claim, result_id=repayment_id)
    return int(repayment_id)


# --- collections --------------------------------------------------------------------------


def accrue_penalties(loan: Loan, rows: list[LoanInstalment], day: date) -> None:
    """Penalty interest on overdue principal only (no interest on interest or on penalties),
    per calendar day up to ``day``, truncated to the fen; none once the loan is in default
    (interest stops). With ``pricing.penalty_rate`` this keeps the borrower's cost within
    ``ROBO_LENDING_MAX_APR`` (``pricing`` says why)."""
    if loan.status in (DEFAULTED, WRITTEN_OFF, PAID_OFF):
        return
    for row in rows:
        if row.status == PAID or row.due_date >= day:
            continue
        since = row.penalty_through or row.due_date
        days = (day - since).days
        if days <= 0:
            continue
        unpaid = row.principal - row.paid_principal
        row.penalty += int(Decimal(unpaid) * loan.penalty_rate * days / DAYS_IN_YEAR)
        row.penalty_through = day


def days_past_due(rows: list[LoanInstalment], day: date) -> int:
    unpaid = [r.due_date for r in rows if r.status != PAID and r.due_date < day]
    return (day - min(unpaid)).days if unpaid else 0


def check_day_over(day: date, clock: Clock) -> None:
    """A day's collection runs once the day is over (from the next day on): its sales and its
    wallet cash are only known then (dates of record, as the money fund's income of a day)."""
    if day >= clock.today():
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(
                f"The collection of {day.isoformat()} runs once that day is over (from {(day + timedelta(days=1)).isoformat()} on).",
                f"{day.isoformat()} 的收款须在当日结束后（{(day + timedelta(days=1)).isoformat()} 起）执行。",
            ),
            "date",
        )


def _end_of(day: date, zone: str) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), ZoneInfo(zone))


def _released_to(session: Session, user_id: int, day: date, zone: str) -> int:
    """Guarantee payments released to the user on ``day`` (the day is over: all of them)."""
    start, end = _end_of(day - timedelta(days=1), zone), _end_of(day, zone)
    return int(
        session.execute(
            select(func.coalesce(func.sum(Payment.amount), 0)).where(
                Payment.payee_id == user_id,
                Payment.guarantee.is_(True),
                Payment.status == "RELEASED",
                Payment.finished_at >= start,
                Payment.finished_at < end,
            )
        ).scalar_one()
    )


def _cash_at_end_of(session: Session, loan: Loan, account_id: int, balance: int, day: date, zone: str) -> int:
    """What the wallet held at the end of ``day`` for that day's collection: the balance now
    less every posting after the day ended, except the collections of ``day`` and earlier
    from the wallet and from sales that were booked after it (they count as of their day, as
    if the job had run on time). Money-fund collections stay among the later postings: their
    redemption into the wallet and their repayment out of it cancel."""
    end = _end_of(day, zone)
    after = (
        select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
        .select_from(POSTINGS.join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id))
        .where(POSTINGS.c.account_id == account_id, ENTRIES.c.created_at >= end)
        .scalar_subquery()
    )
    late = (
        select(func.coalesce(func.sum(LoanRepayment.amount), 0))
        .where(
            LoanRepayment.loan_id.in_(select(Loan.id).where(Loan.borrower_id == loan.borrower_id)),
            LoanRepayment.day <= day,
            LoanRepayment.source.in_((WALLET, SALES)),
            LoanRepayment.created_at >= end,
        )
        .scalar_subquery()
    )
    return balance - int(session.execute(select(after + late)).scalar_one())  # one round trip


def _take(session: Session, loan: Loan, *, amount: int, source: str, day: date, now: datetime, zone: str) -> int:
    """Take up to ``amount`` from the borrower's wallet for ``day``: from the wallet and from
    sales, no more than it held at the end of the day (money that came in later is not taken
    for an earlier day, however late the job runs) nor than it holds now."""
    if amount <= 0:
        return 0
    key = (loan.borrower_id, Purpose.CASH, CNY)
    cash = lock_user_accounts(session, [key], now=now)[key]
    available = cash.balance
    if source in (WALLET, SALES):
        available = min(available, _cash_at_end_of(session, loan, cash.ref.id, cash.balance, day, zone))
    amount = min(amount, available)
    if amount <= 0:
        return 0
    split = _allocate(session, loan, amount, day)
    return _book_payment(session, loan=loan, cash=cash.ref, split=split, source=source, day=day, now=now)


def collect_day(*, session: Session, clock: Clock, settings: Settings, loan_id: int, day: date) -> int | None:
    """One loan's collection day (dates of record: the same result whenever it runs). None:
    done before (by this or a concurrent run). What was collected, in fen."""
    check_day_over(day, clock)
    loan = _lock_loan(session, loan_id)
    if loan is None or loan.last_collected_on >= day:
        return None
    now = clock.now()
    zone = settings.timezone
    collected = 0
    rows = _instalments(session, loan.id)
    if loan.status != PAID_OFF:
        accrue_penalties(loan, rows, day)
        due_today = any(r.status != PAID and r.due_date == day for r in rows)
        owed = _due_owed(rows, day)
        if owed > 0 and due_today and loan.status in (CURRENT, OVERDUE):
            collected += _take(session, loan, amount=owed, source=WALLET, day=day, now=now, zone=zone)
            left = _due_owed(rows, day)
            if left > 0 and credit.consent_of(session, user_id=loan.borrower_id).money_fund_autopay:
                collected += _from_money_fund(session, clock, settings, loan, left, day, now)
        elif owed > 0:
            share = settings.lending_repay_from_sales_share
            sales = _released_to(session, loan.borrower_id, day, zone)
            wanted = int((Decimal(sales) * share).to_integral_value(rounding=ROUND_DOWN))
            collected += _take(session, loan, amount=min(wanted, owed), source=SALES, day=day, now=now, zone=zone)
        _update_status(session, loan, rows, day, settings, now)
    loan.last_collected_on = day
    session.add(LoanCollectionDay(loan_id=loan.id, day=day, collected=collected, created_at=now))
    session.flush()
    return collected


def _from_money_fund(
    session: Session, clock: Clock, settings: Settings, loan: Loan, left: int, day: date, now: datetime
) -> int:
    accounts = fast_redemption.payment_accounts(session, user_id=loan.borrower_id)
    if not accounts:
        return 0
    locked = lock_user_accounts(session, [*accounts, (loan.borrower_id, Purpose.CASH, CNY)], now=now)
    held = sum(locked[key].balance for key in accounts)
    amount = min(left, held)
    if amount <= 0:
        return 0
    fast_redemption.redeem_for_payment(
        session, clock=clock, settings=settings, user_id=loan.borrower_id, amount=amount, now=now
    )
    return _take(session, loan, amount=amount, source=MONEY_FUND, day=day, now=now, zone=settings.timezone)


def stop_interest(loan: Loan, rows: list[LoanInstalment], day: date) -> None:
    """Interest stops at default (``day``): instalments falling due later keep only the
    interest accrued up to ``day`` (the current period's, pro rata) or what was already paid
    of it; only their principal and that remain owed. Penalties stop too (``accrue_penalties``)."""
    future = [r for r in rows if r.status != PAID and r.due_date > day]
    for index, row in enumerate(future):
        accrued = _accrued_interest(loan, row, rows, day) if index == 0 else 0
        row.interest = max(row.paid_interest, accrued)


def _update_status(
    session: Session, loan: Loan, rows: list[LoanInstalment], day: date, settings: Settings, now: datetime
) -> None:
    if loan.status == PAID_OFF:
        return
    dpd = days_past_due(rows, day)
    loan.max_days_past_due = max(loan.max_days_past_due, dpd)
    if loan.status in (CURRENT, OVERDUE):
        loan.status = OVERDUE if dpd > 0 else CURRENT
        if dpd >= settings.lending_default_days:
            loan.status, loan.defaulted_on = DEFAULTED, day
            stop_interest(loan, rows, day)
            amount = loan.principal_outstanding
            if amount > 0 and loan.owner == LENDER:  # a pool recognises its defaults in its waterfall
                post_entry(
                    session,
                    kind=EntryKind.LOAN_PROVISION,
                    postings=[
                        Posting(system_account(session, Purpose.PROVISION_EXPENSE, CNY, now=now), -amount),
                        Posting(system_account(session, Purpose.LOAN_PROVISIONS, CNY, now=now), amount),
                    ],
                    at=now,
                )
                loan.provision += amount
    if loan.status == DEFAULTED and dpd >= settings.lending_write_off_days:
        amount = loan.principal_outstanding
        loan.status, loan.written_off_on = WRITTEN_OFF, day
        if amount > 0 and loan.owner == POOL:
            pool = cast(int, loan.pool_id)
            post_entry(
                session,
                kind=EntryKind.LOAN_WRITE_OFF,
                postings=[
                    Posting(_receivable(session, loan, now), amount),
                    Posting(system_account(session, Purpose.ABS_POOL_WRITE_OFFS, CNY, now=now, shard=pool), -amount),
                ],
                at=now,
            )
            loan.written_off = amount
        elif amount > 0:
            post_entry(
                session,
                kind=EntryKind.LOAN_WRITE_OFF,
                postings=[
                    Posting(_receivable(session, loan, now), amount),
                    Posting(system_account(session, Purpose.LOAN_PROVISIONS, CNY, now=now), -amount),
                ],
                at=now,
            )
            loan.provision -= amount
            loan.written_off = amount
    loan.updated_at = now


def _open_due(day: date) -> Any:
    return exists().where(
        LoanInstalment.loan_id == Loan.id, LoanInstalment.status == DUE, LoanInstalment.due_date <= day
    )


def advance_idle(session: Session, day: date) -> int:
    """Move every current loan with nothing due up to ``day`` on to ``day`` (one statement):
    nothing happens to it on those days."""
    result = session.execute(
        update(Loan)
        .where(Loan.status == CURRENT, Loan.last_collected_on < day, ~_open_due(day))
        .values(last_collected_on=day)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def loans_to_collect(session: Session, day: date) -> list[int]:
    """Open loans not yet collected for ``day`` that have something due by then."""
    return list(
        session.execute(
            select(Loan.id)
            .where(Loan.status.in_(OPEN_STATUSES), Loan.last_collected_on < day, _open_due(day))
            .order_by(Loan.id)
        ).scalars()
    )


@dataclass(frozen=True, slots=True)
class CollectionReport:
    day: date
    loans: int  # loans that had something to do
    advanced: int  # loans with nothing due, moved on in one statement
    collected: int  # fen
    in_full: int = 0  # of ``loans``, those collected in full by the set-based due-date pass


def _due_pass(database: Database, clock: Clock, settings: Settings, day: date) -> tuple[int, int]:
    """The set-based due-date pass (``due_pass``) for every day from the earliest loan still
    behind up to ``day``: on each, loans with nothing due up to the day before move on in one
    statement, then the loans whose instalment falls due that day and whose wallet pays it in
    full are collected in transactions of ``due_pass.BATCH`` loans. (loans, fen) done."""
    with database.read() as session:
        earliest: date | None = session.execute(
            select(func.min(Loan.last_collected_on)).where(
                Loan.status == CURRENT, Loan.owner == LENDER, Loan.last_collected_on < day
            )
        ).scalar_one()
    if earliest is None:
        return 0, 0
    loans = collected = 0
    current = earliest + timedelta(days=1)
    while current <= day:
        if current > earliest + timedelta(days=1):
            with database.write() as session:
                advance_idle(session, current - timedelta(days=1))
        after = 0
        while True:
            with database.write() as session:
                chosen = due_pass.candidates(session, day=current, after=after, limit=due_pass.BATCH)
                done = due_pass.collect_in_full(
                    session, day=current, now=clock.now(), zone=settings.timezone, loan_ids=chosen
                )
            loans += done.loans
            collected += done.collected
            if len(chosen) < due_pass.BATCH:
                break
            after = chosen[-1]
        current += timedelta(days=1)
    return loans, collected


def collect(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    day: date,
    progress: Callable[[int, int], None] | None = None,
    set_based: bool = True,
) -> CollectionReport:
    """The daily job for ``day``, once ``day`` is over (the scheduler runs yesterday's;
    ``check_day_over``): loans with nothing due move on in one statement; the common case of
    a due date (a current loan whose wallet pays the instalment in full) is collected
    set-based (``due_pass``, unless ``set_based`` is False); every other loan runs each day it
    has not run yet, up to ``day``, in transactions of ``COLLECT_BATCH`` loans (each loan's
    days in order; the loan row is locked and its last day checked, so a concurrent run skips
    what this one did). Run late, twice or concurrently: the same result (a day's sales and
    wallet cash are those of the day, whenever the job runs)."""
    check_day_over(day, clock)
    with database.write() as session:
        advanced = advance_idle(session, day)
    in_full, total = _due_pass(database, clock, settings, day) if set_based else (0, 0)
    with database.read() as session:
        busy = [
            (row.id, row.last_collected_on)
            for row in session.execute(
                select(Loan.id, Loan.last_collected_on)
                .where(Loan.status.in_(OPEN_STATUSES), Loan.last_collected_on < day)
                .order_by(Loan.id)
            )
        ]
    for start in range(0, len(busy), COLLECT_BATCH):
        chunk = busy[start : start + COLLECT_BATCH]
        with database.write() as session:  # a batch per transaction: one commit for many loans
            for loan_id, last in chunk:
                current = last + timedelta(days=1)
                while current <= day:
                    total += (
                        collect_day(session=session, clock=clock, settings=settings, loan_id=loan_id, day=current) or 0
                    )
                    current += timedelta(days=1)
        if progress is not None:
            progress(start + len(chunk), len(busy))
    return CollectionReport(day, in_full + len(busy), int(advanced or 0), total, in_full)


# --- reading ------------------------------------------------------------------------------


def loan_of(session: Session, *, loan_id: int, user_id: int | None = None) -> Loan | None:
    loan = session.get(Loan, loan_id)
    if loan is None or (user_id is not None and loan.borrower_id != user_id):
        return None
    return loan


def instalments_of(session: Session, loan_id: int) -> list[LoanInstalment]:
    return _instalments(session, loan_id)


def loan_conditions(user_id: int | None, status: str | None) -> list[Any]:
    conditions: list[Any] = []
    if user_id is not None:
        conditions.append(Loan.borrower_id == user_id)
    if status is not None:
        conditions.append(Loan.status == status)
    return conditions


def loans_page(
    session: Session, *, user_id: int | None, status: str | None, limit: int, after: int | None
) -> list[Loan]:
    conditions = loan_conditions(user_id, status)
    if after is not None:
        conditions.append(Loan.id < after)
    return list(
        session.execute(select(Loan).where(and_(True, *conditions)).order_by(Loan.id.desc()).limit(limit)).scalars()
    )


def count_loans(session: Session, *, user_id: int | None, status: str | None) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(Loan).where(and_(True, *loan_conditions(user_id, status)))
        ).scalar_one()
    )


def application_of(session: Session, *, application_id: int, user_id: int | None = None) -> LoanApplication | None:
    row = session.get(LoanApplication, application_id)
    if row is None or (user_id is not None and row.user_id != user_id):
        return None
    return row


@dataclass(frozen=True, slots=True)
class Book:
    outstanding: int
    by_grade: list[tuple[str, int, int]]  # grade, loans, outstanding
    dpd_buckets: list[tuple[str, int, int]]  # bucket, loans, outstanding
    default_rate: Decimal
    vintages: list[tuple[str, int, int, Decimal]]  # month, loans, principal, default rate
    figures: Figures


def _bucket(dpd: int, status: str) -> str:
    if status in (DEFAULTED, WRITTEN_OFF) or dpd > 90:
        return "90+"
    if dpd == 0:
        return "CURRENT"
    return "1-30" if dpd <= 30 else "31-60" if dpd <= 60 else "61-90"


def book(*, session: Session, clock: Clock) -> Book:
    """The operators' view of the loan book."""
    today = clock.today()
    loans = list(
        session.execute(
            select(Loan.id, Loan.grade, Loan.status, Loan.principal, Loan.principal_outstanding, Loan.start_date)
        )
    )
    oldest = dict(
        session.execute(
            select(LoanInstalment.loan_id, func.min(LoanInstalment.due_date))
            .where(LoanInstalment.status == DUE, LoanInstalment.due_date < today)
            .group_by(LoanInstalment.loan_id)
        ).all()
    )
    grades: dict[str, list[int]] = {}
    buckets: dict[str, list[int]] = {b: [0, 0] for b in ("CURRENT", "1-30", "31-60", "61-90", "90+")}
    vintages: dict[str, list[int]] = {}
    defaulted = 0
    outstanding = 0
    for loan in loans:
        bad = loan.status in (DEFAULTED, WRITTEN_OFF)
        defaulted += bad
        vintage = vintages.setdefault(loan.start_date.strftime("%Y-%m"), [0, 0, 0])
        vintage[0] += 1
        vintage[1] += loan.principal
        vintage[2] += bad
        if loan.status in (PAID_OFF, WRITTEN_OFF):
            continue
        outstanding += loan.principal_outstanding
        grade = grades.setdefault(loan.grade, [0, 0])
        grade[0] += 1
        grade[1] += loan.principal_outstanding
        dpd = (today - oldest[loan.id]).days if loan.id in oldest else 0
        bucket = buckets[_bucket(dpd, loan.status)]
        bucket[0] += 1
        bucket[1] += loan.principal_outstanding
    rate = lambda bad, n: (Decimal(bad) / n).quantize(Decimal("0.000001")) if n else Decimal(0)  # noqa: E731
    return Book(
        outstanding=outstanding,
        by_grade=[(g, v[0], v[1]) for g, v in sorted(grades.items())],
        dpd_buckets=[(b, v[0], v[1]) for b, v in buckets.items()],
        default_rate=rate(defaulted, len(loans)),
        vintages=[(m, v[0], v[1], rate(v[2], v[0])) for m, v in sorted(vintages.items())],
        figures=figures(session),
    )


__all__ = [
    "EQUAL_PAYMENTS",
    "INTEREST_ONLY",
    "REPAYMENTS",
    "add_months",
    "daily_rate",
]
