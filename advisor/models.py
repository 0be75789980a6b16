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

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
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
    # The loss exceeded 1 year in 100 (the statistic a product page shows); null on plans made
    # before it was kept.
    one_in_100_loss: Mapped[Decimal | None] = mapped_column(Fraction(), nullable=True)
    one_in_100_loss_amount: Mapped[Decimal | None] = mapped_column(Money2(), nullable=True)
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


# --- automatic investing (issue 17): goals, scheduled plans (定投), automatic rebalancing ----


class Goal(Base):
    """What a user saves for: a target by a date, a risk category (at most the user's), the
    plan weights the goal's money follows (``goal_weights``; from ``recommendation_id`` when
    the optimizer made them) and its status. ``review_reason`` is set when a product of the
    plan was withdrawn: nothing automatic is applied until the user accepts the new plan made
    for it (``proposed_recommendation_id``) or declines it (automation off)."""

    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint("target_amount > 0", name="target_positive"),
        CheckConstraint("initial_amount >= 0 AND monthly_contribution >= 0", name="contributions_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    target_amount: Mapped[Decimal] = mapped_column(Money2())
    target_date: Mapped[date] = mapped_column(Date)
    initial_amount: Mapped[Decimal] = mapped_column(Money2())
    monthly_contribution: Mapped[Decimal] = mapped_column(Money2())
    risk_category: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(10))
    recommendation_id: Mapped[int | None] = mapped_column(ForeignKey("advisor_recommendations.id"), nullable=True)
    expected_annual_return: Mapped[Decimal] = mapped_column(Fraction())
    volatility: Mapped[Decimal] = mapped_column(Fraction())
    review_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # The new plan made for a goal in review (a stored recommendation), shown to the user until
    # they accept it (it becomes the goal's plan) or decline it.
    proposed_recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("advisor_recommendations.id"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    weights: Mapped[list[GoalWeight]] = relationship(
        order_by="GoalWeight.product_id", lazy="selectin", cascade="all, delete-orphan"
    )


Index("ix_goals_user_id_id", Goal.user_id, Goal.id)


class GoalWeight(Base):
    """A product of a goal's plan and its weight (the weights of a goal add up to 1)."""

    __tablename__ = "goal_weights"

    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    weight: Mapped[Decimal] = mapped_column(Fraction())


class GoalOrder(Base):
    """A fund order placed for a goal: the goal's holdings are what its orders bought less
    what they sold (a closed goal's orders no longer count: its units return to the general pot)."""

    __tablename__ = "goal_orders"

    order_id: Mapped[int] = mapped_column(ForeignKey("fund_orders.id"), primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_goal_orders_goal_id", GoalOrder.goal_id)


class InvestmentPlan(Base):
    """A scheduled investment (定投): ``amount`` into a goal (its weights) or one product, on a
    weekly, fortnightly or monthly schedule anchored at ``starts_on``; paid from the wallet or
    from a money fund (``source_product_id``). ``misses``: runs skipped in a row (three pause it)."""

    __tablename__ = "investment_plans"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(goal_id IS NULL) <> (product_id IS NULL)", name="goal_or_product"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id"), nullable=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), nullable=True)
    amount: Mapped[Decimal] = mapped_column(Money2())
    frequency: Mapped[str] = mapped_column(String(10))
    day_of_week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    day_of_month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(12))
    source_product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(10))
    starts_on: Mapped[date] = mapped_column(Date)
    misses: Mapped[int] = mapped_column(Integer, default=0)
    # The run day of the next instalment not run yet (None: not known yet, beyond the calendar):
    # the job reads only plans due by its day.
    next_run_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    paused_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_investment_plans_user_id_id", InvestmentPlan.user_id, InvestmentPlan.id)
Index("ix_investment_plans_status_next_run_on", InvestmentPlan.status, InvestmentPlan.next_run_on)


class InvestmentPlanRun(Base):
    """One scheduled instalment of a plan: ``scheduled_on`` is the schedule's date, ``run_on``
    the trading day it belongs to (that day or the next trading day); unique per plan and
    scheduled date, so a run repeated, late or concurrent buys once."""

    __tablename__ = "investment_plan_runs"
    __table_args__ = (UniqueConstraint("plan_id", "scheduled_on"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("investment_plans.id"))
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    scheduled_on: Mapped[date] = mapped_column(Date)
    run_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money2())
    reason_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    reason_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason_zh: Mapped[str | None] = mapped_column(Text, nullable=True)
    order_ids: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RebalanceAuthorisation(Base):
    """The user's explicit authorisation of automatic rebalancing for a goal, with its time and
    the version of the terms agreed to; turning it off sets ``revoked_at`` (kept for ever)."""

    __tablename__ = "rebalance_authorisations"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), index=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    terms_version: Mapped[str] = mapped_column(String(20))
    authorised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class AutomaticRebalance(Base):
    """One automatic rebalance of a goal, dated by the nightly run's business day (unique per
    goal and day). ``AWAITING_CASH``: sales placed, the buys (``pending_buys``: product id ->
    amount) wait for the sales' cash; ``DONE`` once they are placed (or nothing was left to buy)."""

    __tablename__ = "automatic_rebalances"
    __table_args__ = (UniqueConstraint("goal_id", "day"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id"))
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    day: Mapped[date] = mapped_column(Date)
    drift: Mapped[Decimal] = mapped_column(Fraction())
    status: Mapped[str] = mapped_column(String(14))
    sale_order_ids: Mapped[list] = mapped_column(JSON)
    buy_order_ids: Mapped[list] = mapped_column(JSON)
    pending_buys: Mapped[dict] = mapped_column(JSON)
    reason_en: Mapped[str] = mapped_column(Text)
    reason_zh: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


Index("ix_automatic_rebalances_goal_id_status", AutomaticRebalance.goal_id, AutomaticRebalance.status)
