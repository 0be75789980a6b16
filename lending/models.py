"""Tables of lending: the lender's funding, applications, loans (with their owner, so a loan
can later be sold to an ABS pool), instalments, repayments and the collection days done."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import ScaledDecimal, UTCDateTime


class LenderFunding(Base):
    """Capital paid in or a bank line drawn (``robo lender fund``), with its ledger entry."""

    __tablename__ = "lender_funding"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # CAPITAL | BANK_LINE
    amount: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(String(200), nullable=True)
    entry_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"))
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoanApplication(Base):
    """An application and its instant decision (APPROVED with a loan, or DECLINED with
    reasons); a declined one can be put before a human operator (PIPL Art. 24)."""

    __tablename__ = "loan_applications"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    term_months: Mapped[int] = mapped_column(Integer)
    repayment: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # APPROVED | DECLINED
    reasons: Mapped[list[str]] = mapped_column(JSON)
    score_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("credit_scores.id"), nullable=True)
    grade: Mapped[str | None] = mapped_column(String(2), nullable=True)
    loan_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    review_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The person's decision on a requested review: UPHELD (still declined) or APPROVED (the
    # loan was booked then), who decided, when, and what they told the applicant.
    review_outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reviewed_by: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id"), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    review_note: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Loan(Base):
    """A working-capital loan. Amounts in fen. ``owner`` is LENDER until the loan is sold
    (securitisation: POOL with ``pool_id``); the receivable lives on the ledger account
    LOANS_RECEIVABLE with shard = the loan's id."""

    __tablename__ = "loans"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    borrower_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), index=True)
    application_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("loan_applications.id"))
    owner: Mapped[str] = mapped_column(String(16), default="LENDER", server_default="LENDER")
    pool_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    grade: Mapped[str] = mapped_column(String(2))
    model_version: Mapped[str] = mapped_column(String(40))
    principal: Mapped[int] = mapped_column(BigInteger)
    annual_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    penalty_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    apr: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    term_months: Mapped[int] = mapped_column(Integer)
    repayment: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date] = mapped_column(Date)
    maturity_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), index=True)
    principal_outstanding: Mapped[int] = mapped_column(BigInteger)
    provision: Mapped[int] = mapped_column(BigInteger, default=0)
    written_off: Mapped[int] = mapped_column(BigInteger, default=0)
    recovered: Mapped[int] = mapped_column(BigInteger, default=0)
    max_days_past_due: Mapped[int] = mapped_column(Integer, default=0)
    early_repayments: Mapped[int] = mapped_column(Integer, default=0)
    defaulted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    written_off_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_collected_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoanInstalment(Base):
    """One instalment of a loan's schedule and what has been paid of it."""

    __tablename__ = "loan_instalments"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    loan_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("loans.id"))
    seq: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    principal: Mapped[int] = mapped_column(BigInteger)
    interest: Mapped[int] = mapped_column(BigInteger)
    penalty: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_principal: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_interest: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_penalty: Mapped[int] = mapped_column(BigInteger, default=0)
    penalty_through: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16))  # DUE | PAID
    paid_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class LoanRepayment(Base):
    """Money that came in for a loan: from the wallet, the money fund, sales, or the
    borrower's own repayment; a recovery after write-off is flagged."""

    __tablename__ = "loan_repayments"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    loan_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("loans.id"), index=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(String(16))  # WALLET | MONEY_FUND | SALES | BORROWER
    day: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    principal: Mapped[int] = mapped_column(BigInteger)
    interest: Mapped[int] = mapped_column(BigInteger)
    penalty: Mapped[int] = mapped_column(BigInteger)
    recovery: Mapped[int] = mapped_column(BigInteger, default=0)
    # Principal paid ahead of the schedule (counted in ``Loan.early_repayments``): credit reads
    # the early repayments made by a date from these rows.
    early: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The ABS pool that owned the loan when the money came in (its collections), or None: the lender's.
    pool_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    entry_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoanCollectionDay(Base):
    """A loan's collection day done (in the transaction of its effect): a re-run or a
    concurrent run of the same day changes nothing."""

    __tablename__ = "loan_collection_days"

    loan_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("loans.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    collected: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_loan_repayments_pool_id_day", LoanRepayment.pool_id, LoanRepayment.day)
Index("ix_loans_pool_id", Loan.pool_id)
Index("ix_loan_applications_review_requested_at", LoanApplication.review_requested_at)
Index("ix_loan_instalments_loan_id_seq", LoanInstalment.loan_id, LoanInstalment.seq, unique=True)
Index(
    "ix_loan_instalments_open_due",
    LoanInstalment.due_date,
    LoanInstalment.loan_id,
    postgresql_where=text("status = 'DUE'"),
    sqlite_where=text("status = 'DUE'"),
)
# The eligibility test of a loan for sale (no open instalment past due, ``lending.sales``): one
# probe per loan whatever the statistics say (the index above leads with the date).
Index(
    "ix_loan_instalments_loan_open",
    LoanInstalment.loan_id,
    LoanInstalment.due_date,
    postgresql_where=text("status = 'DUE'"),
    sqlite_where=text("status = 'DUE'"),
)
