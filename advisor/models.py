"""Tables of the advisor domain: every recommendation as it was given, kept for ever.

``advisor_recommendations``: the inputs (what was asked, what was used, the profile facts),
the catalogue version, the assumptions (scenario count, seed, model parameters, category
limits), the solver and its status, the relaxations, the plain figures and the explanation.
A ``REBALANCE`` recommendation also keeps the plan it rebalances, the drift and the figures
of the holdings before. ``invested_at`` is set when the plan was invested in (investInPlan).

``advisor_allocations``: the products of a recommendation with their weight and amount, and
the product's name, kind and level as they were shown (the catalogue may change later).

``advisor_plan_orders``: the orders of a ``REBALANCE`` recommendation (redemptions and
subscriptions); ``order_id`` is the wallet order placed for it once invested.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.money import RATE_PLACES
from db.base import Base, BigIntPK
from db.types import Money2, ScaledDecimal, UTCDateTime


def Fraction() -> ScaledDecimal:
    return ScaledDecimal(RATE_PLACES)


class RecommendationKind(StrEnum):
    RECOMMENDATION = "RECOMMENDATION"
    REBALANCE = "REBALANCE"


class OrderSide(StrEnum):
    SUBSCRIBE = "SUBSCRIBE"
    REDEEM = "REDEEM"


class Recommendation(Base):
    __tablename__ = "advisor_recommendations"
    __table_args__ = (
        CheckConstraint("kind IN ('RECOMMENDATION', 'REBALANCE')", name="kind_known"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("advisor_recommendations.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locale: Mapped[str] = mapped_column(String(10))
    risk_category: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(Money2())
    horizon_months: Mapped[int] = mapped_column(Integer)
    liquidity_need: Mapped[Decimal] = mapped_column(Money2())
    goal_amount: Mapped[Decimal | None] = mapped_column(Money2(), nullable=True)
    inputs: Mapped[dict] = mapped_column(JSON)
    catalogue_version: Mapped[str] = mapped_column(String(32))
    assumptions: Mapped[dict] = mapped_column(JSON)
    solver: Mapped[str] = mapped_column(String(32))
    solver_status: Mapped[str] = mapped_column(String(64))
    relaxations: Mapped[list] = mapped_column(JSON)
    expected_annual_return: Mapped[Decimal] = mapped_column(Fraction())
    typical_low: Mapped[Decimal] = mapped_column(Fraction())
    typical_high: Mapped[Decimal] = mapped_column(Fraction())
    bad_year_loss: Mapped[Decimal] = mapped_column(Fraction())
    bad_year_loss_amount: Mapped[Decimal] = mapped_column(Money2())
    probability_of_loss: Mapped[Decimal] = mapped_column(Fraction())
    tail_loss: Mapped[Decimal] = mapped_column(Fraction())
    same_day_available: Mapped[Decimal] = mapped_column(Money2())
    earliest_full_withdrawal: Mapped[date] = mapped_column(Date)
    # True when that day rests on weekdays beyond the known trading calendar (an estimate).
    earliest_full_withdrawal_estimated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    goal_probability: Mapped[Decimal | None] = mapped_column(Fraction(), nullable=True)
    explanation: Mapped[str] = mapped_column(Text)
    drift: Mapped[Decimal | None] = mapped_column(Fraction(), nullable=True)
    figures_before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    invested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    allocations: Mapped[list[AllocationRow]] = relationship(
        order_by="AllocationRow.position", lazy="selectin", cascade="all, delete-orphan"
    )
    orders: Mapped[list[PlanOrder]] = relationship(
        order_by="PlanOrder.position", lazy="selectin", cascade="all, delete-orphan"
    )


Index("ix_advisor_recommendations_user_id_id", Recommendation.user_id, Recommendation.id)
Index("ix_advisor_recommendations_user_id_invested_at", Recommendation.user_id, Recommendation.invested_at)


class AllocationRow(Base):
    __tablename__ = "advisor_allocations"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    recommendation_id: Mapped[int] = mapped_column(ForeignKey("advisor_recommendations.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    product_code: Mapped[str] = mapped_column(String(32))
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    risk_level: Mapped[str] = mapped_column(String(2))
    weight: Mapped[Decimal] = mapped_column(Fraction())
    amount: Mapped[Decimal] = mapped_column(Money2())


class PlanOrder(Base):
    __tablename__ = "advisor_plan_orders"
    __table_args__ = (
        CheckConstraint("side IN ('SUBSCRIBE', 'REDEEM')", name="side_known"),
        CheckConstraint("(amount IS NULL) <> (units IS NULL)", name="amount_or_units"),
    )

    recommendation_id: Mapped[int] = mapped_column(ForeignKey("advisor_recommendations.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    product_code: Mapped[str] = mapped_column(String(32))
    side: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal | None] = mapped_column(Money2(), nullable=True)
    units: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2), nullable=True)
    fast: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(200), default="")
    order_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
