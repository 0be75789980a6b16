"""Tables of investing: fund orders, the lots they create (cost basis, holding periods,
lock-ups), money-fund income distributions, loan payments, the daily jobs' runs and the
re-pricings of corrected NAVs. Holdings themselves are ledger accounts (``FUND_UNITS`` of the
asset ``FUND:<product id>``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import ScaledDecimal, UTCDateTime


class FundOrder(Base):
    """A subscription or redemption of a product's units (the ledger asset ``FUND:<id>``).

    Subscription: ``amount`` is the gross cash that left the wallet at once, ``fee`` came off
    it, ``expected_units`` is the estimate shown when it was placed; ``units`` and ``nav`` are
    set on confirmation. Redemption: ``units`` left the holding when it was placed (``amount``
    is the cash asked for when redeemed by amount); ``fee``, ``cash`` (net proceeds) and
    ``nav`` are set on confirmation, the cash arrives on ``cash_day`` (``cash_settled_at``);
    ``cost_released`` is the cost basis of the units redeemed. A fast (T+0) redemption is
    confirmed when it is placed; ``for_payment`` marks one that paid a payment."""

    __tablename__ = "fund_orders"
    __table_args__ = (
        CheckConstraint("amount IS NULL OR amount > 0", name="amount_positive"),
        CheckConstraint("units IS NULL OR units >= 0", name="units_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    side: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    fast: Mapped[bool] = mapped_column(Boolean, default=False)
    for_payment: Mapped[bool] = mapped_column(Boolean, default=False)
    amount: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    fee: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    units: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    expected_units: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    nav: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4), nullable=True)
    cash: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    cost_released: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    trade_day: Mapped[date] = mapped_column(Date)
    confirm_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    cash_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    acknowledged_warning_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cash_settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # A switch (``investing.switching``): its redemption names the fund switched into; the
    # subscription booked when it is confirmed names the redemption it came from.
    switch_to_product_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("products.id"), nullable=True)
    switch_of: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"), nullable=True, index=True)


class FundLot(Base):
    """Units bought by one confirmed subscription (``acquired_on``: the confirmation day), for
    redemption fees by holding period (oldest units first) and the cost basis; loan products
    also count the periods already paid. Units from reinvested money-fund income are not in
    any lot: they carry no cost."""

    __tablename__ = "fund_lots"
    __table_args__ = (CheckConstraint("units_left >= 0 AND cost_left >= 0", name="left_not_negative"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"), index=True)
    order_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"))
    acquired_on: Mapped[date] = mapped_column(Date)
    units: Mapped[int] = mapped_column(BigInteger)
    units_left: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger)
    cost_left: Mapped[int] = mapped_column(BigInteger)
    paid_periods: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Units unlock on this day (the lock-up of the terms they were bought on); None: not locked.
    locked_until: Mapped[date | None] = mapped_column(Date, nullable=True)


class FundOrderLot(Base):
    """The units (and their cost) a redemption took from one lot, with the fee rate of their
    holding period; a cancelled redemption gives them back."""

    __tablename__ = "fund_order_lots"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"), index=True)
    lot_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_lots.id"))
    units: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger)
    fee_rate: Mapped[Decimal] = mapped_column(ScaledDecimal(6))


class MoneyFundIncome(Base):
    """One distribution of a money fund's income of a calendar day: the rate, how many
    holdings got something and their total (hundredths of a unit), and its ledger entry (none
    when nothing was due). A correction supersedes it (``superseded_at``), reverses its entry
    (``reversal_entry_id``) and adds a new distribution (``corrected_by``: the operator)."""

    __tablename__ = "money_fund_incomes"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    day: Mapped[date] = mapped_column(Date)
    income_per_10k: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    total: Mapped[int] = mapped_column(BigInteger)
    holders: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    reversal_entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    corrected_by: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class LoanPayment(Base):
    """A coupon and/or principal payment of a loan product (ABS unit, P2P) to one lot:
    ``interest`` and ``principal`` are the cash paid (fen, after default losses),
    ``principal_units`` the units it retired and ``loss`` what defaults took."""

    __tablename__ = "loan_payments"
    __table_args__ = (UniqueConstraint("lot_id", "period"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    lot_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_lots.id"))
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    period: Mapped[int] = mapped_column(Integer)
    due_day: Mapped[date] = mapped_column(Date)
    interest: Mapped[int] = mapped_column(BigInteger)
    principal: Mapped[int] = mapped_column(BigInteger)
    principal_units: Mapped[int] = mapped_column(BigInteger)
    loss: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DailyJobRun(Base):
    """A daily job done for one product and day, written in the same transaction as its
    effect: the unique key makes a re-run (or a concurrent run) change nothing."""

    __tablename__ = "daily_job_runs"
    __table_args__ = (UniqueConstraint("job", "product_id", "day"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    job: Mapped[str] = mapped_column(String(20))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    day: Mapped[date] = mapped_column(Date)
    item_count: Mapped[int] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OrderRepricing(Base):
    """An order re-priced after its trade day's NAV was corrected (``investing.repricing``): what
    the fund gave the holder (units or cash) and what it bore (never taken from the holder)."""

    __tablename__ = "order_repricings"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    order_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_orders.id"), index=True)
    correction_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("product_nav_corrections.id"))
    old_nav: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    new_nav: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    units_delta: Mapped[int] = mapped_column(BigInteger)
    cash_delta: Mapped[int] = mapped_column(BigInteger)
    borne: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_fund_orders_user_id_id", FundOrder.user_id, FundOrder.id)

Index("ix_fund_orders_user_id_product_id_placed_at", FundOrder.user_id, FundOrder.product_id, FundOrder.placed_at)

Index("ix_fund_orders_product_id_status_trade_day", FundOrder.product_id, FundOrder.status, FundOrder.trade_day)

# What changed a fund's holdings after a day ended (the income job): confirmations, placed
# and cancelled redemptions.
Index("ix_fund_orders_product_id_confirm_day", FundOrder.product_id, FundOrder.confirm_day)

Index("ix_fund_orders_product_id_placed_at", FundOrder.product_id, FundOrder.placed_at)

Index(
    "ix_fund_orders_product_id_cancelled_at",
    FundOrder.product_id,
    FundOrder.cancelled_at,
    sqlite_where=text("cancelled_at IS NOT NULL"),
    postgresql_where=text("cancelled_at IS NOT NULL"),
)

Index(
    "ix_fund_lots_user_id_product_id_acquired_on", FundLot.user_id, FundLot.product_id, FundLot.acquired_on, FundLot.id
)

Index("ix_money_fund_incomes_product_id_day", MoneyFundIncome.product_id, MoneyFundIncome.day)

Index(
    "uq_money_fund_incomes_current_product_id_day",
    MoneyFundIncome.product_id,
    MoneyFundIncome.day,
    unique=True,
    sqlite_where=text("superseded_at IS NULL"),
    postgresql_where=text("superseded_at IS NULL"),
)

Index("ix_loan_payments_user_id_product_id", LoanPayment.user_id, LoanPayment.product_id)


class FundDistribution(Base):
    """A distribution (dividend) of an equity fund, recorded by one product manager and approved
    by another: holders at the end of ``record_date`` receive ``amount_per_unit`` per unit on
    ``pay_date``, in cash or reinvested at the ``ex_date`` NAV (``ex_nav``) without a fee.
    ``status``: REQUESTED -> APPROVED (or REJECTED) -> PAID."""

    __tablename__ = "fund_distributions"
    __table_args__ = (
        CheckConstraint("amount_per_unit > 0", name="amount_positive"),
        CheckConstraint("record_date <= ex_date AND ex_date <= pay_date", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"), index=True)
    record_date: Mapped[date] = mapped_column(Date)
    ex_date: Mapped[date] = mapped_column(Date)
    pay_date: Mapped[date] = mapped_column(Date)
    amount_per_unit: Mapped[Decimal] = mapped_column(ScaledDecimal(4))
    status: Mapped[str] = mapped_column(String(10))
    requested_by: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    approved_by: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id"), nullable=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ex_nav: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4), nullable=True)
    total_cash: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # paid in cash, fen
    total_reinvested: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # reinvested, fen
    holders: Mapped[int | None] = mapped_column(Integer, nullable=True)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class DistributionPayment(Base):
    """What one holder received of a distribution: ``amount`` = units at the record date x the
    amount per unit, truncated to the fen (the residue stays with the fund); paid as ``cash``
    or as ``units`` bought at the ex-date NAV (the fen too small for a hundredth of a unit are
    paid in cash)."""

    __tablename__ = "fund_distribution_payments"
    __table_args__ = (UniqueConstraint("distribution_id", "user_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    distribution_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("fund_distributions.id"))
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"))
    units_entitled: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)
    choice: Mapped[str] = mapped_column(String(10))
    cash: Mapped[int] = mapped_column(BigInteger)
    units: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("journal_entries.id"), nullable=True)
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_fund_distribution_payments_user_id_product_id", DistributionPayment.user_id, DistributionPayment.product_id)


class DividendChoice(Base):
    """A holder's choice for a fund's distributions (none stored: the fund contract's default, cash)."""

    __tablename__ = "fund_dividend_choices"

    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("products.id"), primary_key=True)
    choice: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MoneyFundIncomeShare(Base):
    """Phase 1 of a money fund's income of a day computed in parallel by a job engine's tasks
    (``investing.staged_income``): each holding's share truncated to the fen (``part``) and
    what truncation left (``remainder``, in 1/10^8 fen), per batch (the job run). Phase 2
    hands out the leftover fen and books the entry; the rows are then discarded. Unlogged on
    PostgreSQL (scratch data: phase 2 checks the count the tasks staged before it books)."""

    __tablename__ = "money_fund_income_shares"

    batch_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    part: Mapped[int] = mapped_column(BigInteger)
    remainder: Mapped[int] = mapped_column(BigInteger)
