"""Tables of securitisation: pools (terms, state of the revolving period and triggers),
tranches, the loans bought (at closing and each revolving month) and one row per monthly run
with every figure of its waterfall and report. Amounts in fen."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import ScaledDecimal, UTCDateTime


class AbsPool(Base):
    """A pool: its terms (criteria, calendar, triggers, guarantor) and where it stands.

    Status: OFFERING (senior units on sale) -> REVOLVING (closed; principal buys loans) ->
    AMORTISING (the revolving period ended or a trigger fired; principal pays the tranches
    down in order) -> FINISHED (every tranche repaid or written down)."""

    __tablename__ = "abs_pools"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), index=True)
    size: Mapped[int] = mapped_column(BigInteger)  # planned, fen
    closing_date: Mapped[date] = mapped_column(Date)
    payment_day: Mapped[int] = mapped_column(Integer)
    revolving_months: Mapped[int] = mapped_column(Integer)
    min_grade: Mapped[str] = mapped_column(String(2))
    min_remaining_months: Mapped[int] = mapped_column(Integer)
    max_remaining_months: Mapped[int] = mapped_column(Integer)
    max_borrower_share: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    servicing_fee_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(6))  # yearly, on the performing balance
    reserve_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(6))  # target, share of the senior's original
    trigger_default_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    trigger_excess_spread: Mapped[Decimal] = mapped_column(ScaledDecimal(6))  # 3-month average below it
    trigger_unspent_share: Mapped[Decimal] = mapped_column(ScaledDecimal(6))  # cash left unspent, share of pool
    guarantor_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    guarantor_share: Mapped[Decimal] = mapped_column(ScaledDecimal(6), default=Decimal(0))
    guarantor_net_assets: Mapped[int] = mapped_column(BigInteger, default=0)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    bought: Mapped[int] = mapped_column(BigInteger, default=0)  # every loan bought, at par, fen
    periods_run: Mapped[int] = mapped_column(Integer, default=0)
    last_run_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    watermark: Mapped[int] = mapped_column(BigInteger, default=0)  # last loan repayment counted
    deficiency: Mapped[int] = mapped_column(BigInteger, default=0)  # losses not yet absorbed (PDL)
    unspent_streak: Mapped[int] = mapped_column(Integer, default=0)
    amortising_from: Mapped[int | None] = mapped_column(Integer, nullable=True)  # first amortising period
    trigger: Mapped[str | None] = mapped_column(String(40), nullable=True)  # the trigger that fired
    created_by: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AbsTranche(Base):
    """A tranche: SENIOR (sold through ``product_id``), MEZZANINE and SUBORDINATED (kept by
    the lender, held to maturity, not transferable)."""

    __tablename__ = "abs_tranches"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    pool_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("abs_pools.id"), index=True)
    seniority: Mapped[int] = mapped_column(Integer)  # 1 senior, 2 mezzanine, 3 subordinated
    name: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(BigInteger)  # planned
    original: Mapped[int] = mapped_column(BigInteger, default=0)  # issued at closing
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    rate: Mapped[Decimal | None] = mapped_column(ScaledDecimal(6), nullable=True)  # None: the residual
    product_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    interest_paid: Mapped[int] = mapped_column(BigInteger, default=0)
    principal_paid: Mapped[int] = mapped_column(BigInteger, default=0)
    written_down: Mapped[int] = mapped_column(BigInteger, default=0)
    guaranteed: Mapped[int] = mapped_column(BigInteger, default=0)
    interest_shortfall: Mapped[int] = mapped_column(BigInteger, default=0)


class AbsPurchase(Base):
    """A loan bought by a pool at par (period 0: at closing). A loan is bought once."""

    __tablename__ = "abs_purchases"

    loan_id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    pool_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("abs_pools.id"))
    period: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)


class AbsRun(Base):
    """One month of a pool: its waterfall and its servicer report, booked in one entry
    (``entry_id``; the holders' payments in ``holder_entry_id``). Unique per pool and period,
    so a month is booked once however often or concurrently it is run."""

    __tablename__ = "abs_runs"
    __table_args__ = (UniqueConstraint("pool_id", "period"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    pool_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("abs_pools.id"))
    period: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    date: Mapped[date] = mapped_column(Date)
    watermark_from: Mapped[int] = mapped_column(BigInteger)
    watermark_to: Mapped[int] = mapped_column(BigInteger)
    # interest side
    interest_collected: Mapped[int] = mapped_column(BigInteger)
    principal_collected: Mapped[int] = mapped_column(BigInteger)
    recoveries: Mapped[int] = mapped_column(BigInteger)  # everything from recognised loans
    carry_in: Mapped[int] = mapped_column(BigInteger)
    reserve_draw: Mapped[int] = mapped_column(BigInteger)
    fees: Mapped[int] = mapped_column(BigInteger)
    senior_interest_due: Mapped[int] = mapped_column(BigInteger)
    senior_interest: Mapped[int] = mapped_column(BigInteger)  # allocated to the senior tranche
    senior_interest_paid: Mapped[int] = mapped_column(BigInteger)  # reached the holders (truncated)
    mezzanine_interest: Mapped[int] = mapped_column(BigInteger)
    deficiency_cured: Mapped[int] = mapped_column(BigInteger)
    reserve_topup: Mapped[int] = mapped_column(BigInteger)
    subordinated_interest: Mapped[int] = mapped_column(BigInteger)
    carry_out: Mapped[int] = mapped_column(BigInteger)
    # losses
    defaults_count: Mapped[int] = mapped_column(Integer)
    defaults: Mapped[int] = mapped_column(BigInteger)
    written_down: Mapped[dict] = mapped_column(JSON)  # per tranche name
    guarantor_paid: Mapped[int] = mapped_column(BigInteger)  # interest shortfall and written-down units
    guarantor_interest: Mapped[int] = mapped_column(BigInteger)  # of which: the senior interest shortfall
    deficiency_after: Mapped[int] = mapped_column(BigInteger)
    # principal side
    principal_available: Mapped[int] = mapped_column(BigInteger)
    purchases_count: Mapped[int] = mapped_column(Integer)
    purchases: Mapped[int] = mapped_column(BigInteger)
    principal_paid: Mapped[dict] = mapped_column(JSON)  # per tranche name (cash reaching holders)
    unspent: Mapped[int] = mapped_column(BigInteger)
    # the report
    pool_balance: Mapped[int] = mapped_column(BigInteger)  # performing principal after the run
    pool_loans: Mapped[int] = mapped_column(Integer)
    reserve: Mapped[int] = mapped_column(BigInteger)
    tranche_balances: Mapped[dict] = mapped_column(JSON)
    delinquency: Mapped[list] = mapped_column(JSON)
    triggers: Mapped[list] = mapped_column(JSON)
    status_after: Mapped[str] = mapped_column(String(16))
    entry_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    holder_entry_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    ran_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_abs_purchases_pool_period", AbsPurchase.pool_id, AbsPurchase.period)
