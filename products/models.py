"""Tables of the products domain: the product with its common terms, the redemption-fee
schedule, loan terms (ABS units and P2P products), NAV and income-per-10,000-units history,
the stored figures and the audit log.

Exact decimals are ``ScaledDecimal`` integers: amounts 2 places, NAV and income per 10,000
units 4, rates and fractions 6. ``revision`` grows with every change to a product's data,
status or figures; the catalogue version is derived from it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

from core.money import NAV_PLACES, RATE_PLACES
from db.base import Base, BigIntPK
from db.types import ScaledDecimal, UTCDateTime


def Rate() -> ScaledDecimal:
    return ScaledDecimal(RATE_PLACES)


def Nav() -> ScaledDecimal:
    return ScaledDecimal(NAV_PLACES)


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    issuer: Mapped[str] = mapped_column(String(100))
    risk_level: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    minimum_amount: Mapped[Decimal] = mapped_column(ScaledDecimal(2))
    qualified_only: Mapped[bool] = mapped_column(Boolean)
    # FIXED_INCOME, MIXED, EQUITY or SECURITISATION (``products.qualified``): set by the manager.
    asset_class: Mapped[str] = mapped_column(String(16), default="FIXED_INCOME", server_default="FIXED_INCOME")
    subscription_fee_rate: Mapped[Decimal] = mapped_column(Rate())
    management_fee_rate: Mapped[Decimal] = mapped_column(Rate())  # yearly
    liquidity: Mapped[str] = mapped_column(String(10))
    lock_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    maturity_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    settlement_days: Mapped[int] = mapped_column(Integer)  # trading days until redemption cash
    fast_redemption_limit: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2), nullable=True)
    # Fund switching (转换, ``investing.switching``): funds of the same issuer (the manager) and
    # registrar that both allow it can be switched into each other.
    registrar: Mapped[str | None] = mapped_column(String(100), nullable=True)
    switchable: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(20), index=True)
    # A pending request to go on sale: where it came from, who asked, when.
    pending_from: Mapped[str | None] = mapped_column(String(20), nullable=True)
    pending_requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    pending_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The terms revision the pending request to go on sale was made on: the approval is for it.
    pending_terms_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # Grows with every change of the terms (not of figures or status): what approvals refer to.
    terms_revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # First time on sale: from then on every change of terms needs a second product manager.
    launched_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # An ABS unit backed by a real pool of the platform's loans (securitisation): its holders
    # are paid by the pool's waterfall, not by the parametric coupon schedule.
    abs_pool_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    redemption_fees: Mapped[list[RedemptionFeeTier]] = relationship(
        order_by="RedemptionFeeTier.min_holding_days", cascade="all, delete-orphan"
    )
    loan_terms: Mapped[LoanTerms | None] = relationship(cascade="all, delete-orphan")
    figures: Mapped[ProductFigures | None] = relationship(cascade="all, delete-orphan")


class RedemptionFeeTier(Base):
    """Redemption fee ``rate`` for units held at least ``min_holding_days`` (until the next tier)."""

    __tablename__ = "product_redemption_fees"
    __table_args__ = (UniqueConstraint("product_id", "min_holding_days"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    min_holding_days: Mapped[int] = mapped_column(Integer)
    rate: Mapped[Decimal] = mapped_column(Rate())


class LoanTerms(Base):
    """Terms of an ABS tranche or a P2P product; nullable while the product is a draft.

    ``rate`` is the coupon (ABS) or annual rate (P2P); ``credit_enhancement`` and
    ``detachment`` bound the tranche (ABS); ``loss_cover``/``loss_cover_ratio`` describe a
    guarantor's share or a risk reserve (P2P); ``loan_count`` and ``asset_correlation``
    parametrise the default model.
    """

    __tablename__ = "product_loan_terms"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    rate: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    term_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    revolving_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    repayment_method: Mapped[str | None] = mapped_column(String(20), nullable=True)
    default_probability: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    loss_given_default: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    credit_enhancement: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    detachment: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    early_amortisation_trigger: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    loss_cover: Mapped[str | None] = mapped_column(String(16), nullable=True)
    loss_cover_ratio: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    early_exit: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    loan_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    asset_correlation: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)


class NavPoint(Base):
    """The NAV of an equity fund on a trading day."""

    __tablename__ = "product_navs"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    date: Mapped[date] = mapped_column(Date, primary_key=True)
    nav: Mapped[Decimal] = mapped_column(Nav())


class IncomePoint(Base):
    """A money fund's income per 10,000 units on a calendar day (may be negative)."""

    __tablename__ = "product_incomes"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    date: Mapped[date] = mapped_column(Date, primary_key=True)
    income_per_10k: Mapped[Decimal] = mapped_column(Nav())


class ProductFigures(Base):
    """Plain return and risk figures, computed when the product's data changes.

    Fractions (0.041 = 4.1%) are for one year of holding, net of fees and expected defaults.
    For a product on sale they are statistics of its column of the joint scenarios the advisor
    optimises over (``model`` = ``JOINT_MODEL``), so its page and a plan holding it agree;
    otherwise its own model's (``products.figures``).
    ``seven_day_yield``/``latest_value`` are the money fund's 7-day annualised yield and the
    latest income per 10,000 units, or the equity fund's latest NAV.
    """

    __tablename__ = "product_figures"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    as_of: Mapped[date] = mapped_column(Date)
    model: Mapped[str] = mapped_column(String(40))
    expected_annual_return: Mapped[Decimal] = mapped_column(Rate())
    typical_low: Mapped[Decimal] = mapped_column(Rate())
    typical_high: Mapped[Decimal] = mapped_column(Rate())
    bad_year_loss: Mapped[Decimal] = mapped_column(Rate())
    volatility: Mapped[Decimal] = mapped_column(Rate())
    max_drawdown: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    # From the joint scenarios (products on sale; None for a product's own model)
    probability_of_loss: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    one_in_100_loss: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    suggested_risk_level: Mapped[str] = mapped_column(String(2))
    seven_day_yield: Mapped[Decimal | None] = mapped_column(Rate(), nullable=True)
    latest_value: Mapped[Decimal | None] = mapped_column(Nav(), nullable=True)
    latest_value_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """One change to a product: who, when, what, and each changed field before/after (JSON)."""

    __tablename__ = "product_audit_log"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    actor_label: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(32))
    changes: Mapped[str] = mapped_column(Text)


Index("ix_product_audit_log_product_id_id", AuditEntry.product_id, AuditEntry.id)


class ProductChangeRequest(Base):
    """A change of a launched product's terms, asked by one product manager and applied only
    when another approves it, on exactly the terms revision it was asked on
    (``products.changes``). ``values`` holds the new values (typed JSON), ``shown`` each
    field's value before and after as text."""

    __tablename__ = "product_change_requests"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    base_terms_revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), index=True)
    values: Mapped[str] = mapped_column(Text)
    shown: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    requested_by_label: Mapped[str] = mapped_column(String(254))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    decided_by_label: Mapped[str | None] = mapped_column(String(254), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    note: Mapped[str | None] = mapped_column(String(500), nullable=True)


class IncomeFigureRequest(Base):
    """A money fund's income per 10,000 units outside the ordinary band (negative, or above
    ``history.SINGLE_APPROVAL_MAX``): recorded or corrected only once a second member of staff
    approves it (``products.history``)."""

    __tablename__ = "product_income_requests"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    income_per_10k: Mapped[Decimal] = mapped_column(Nav())
    correction: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), index=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    requested_by_label: Mapped[str] = mapped_column(String(254))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class NavCorrection(Base):
    """A correction of a recorded NAV, asked by one product manager and applied when another
    approves it; the orders confirmed at it are then re-priced (``investing.repricing``)."""

    __tablename__ = "product_nav_corrections"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    old_nav: Mapped[Decimal] = mapped_column(Nav())
    new_nav: Mapped[Decimal] = mapped_column(Nav())
    status: Mapped[str] = mapped_column(String(12), index=True)
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    requested_by_label: Mapped[str] = mapped_column(String(254))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


# A product with its fee schedule, loan terms and figures in two statements (the one-to-one
# relations joined); ``FOR UPDATE`` cannot take those outer joins, so locking loads use
# ``selectinload`` for every relation.
PRODUCT_DETAILS = (selectinload(Product.redemption_fees), joinedload(Product.loan_terms), joinedload(Product.figures))
