"""Demo goals and plans (``robo seed-demo``): carol (C3) saves for a home with the mix of her
stored recommendation and keeps an emergency fund in a money fund; a monthly 定投 of ¥2,000
feeds the home goal and she has authorised its automatic rebalancing (terms of the current
version); the orders of her demo portfolio are the home goal's. No optimizer runs here: the
home goal takes her recommendation's weights."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from advisor import auto_rebalance, goals
from advisor.investment_plans import PlanSource
from advisor.models import Goal, GoalOrder, InvestmentPlan
from advisor.schedules import Frequency
from core.clock import Clock
from core.risk import RiskCategory
from core.settings import Settings

CUSTOMER = "carol@example.com"


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict:
    user = seeded["users"].get(CUSTOMER)
    recommendation = seeded.get("advisor", {}).get(CUSTOMER)
    if user is None or recommendation is None:
        return {}
    today = clock.today()
    home = goals.create(
        session=session,
        clock=clock,
        user_id=user.id,
        name="买房首付 Home deposit",
        kind=goals.GoalKind.HOME,
        target_amount=Decimal("300000"),
        target_date=date(today.year + 5, 6, 1),
        initial_amount=Decimal("40000"),
        monthly_contribution=Decimal("2000"),
        risk_category=RiskCategory.C3,
        plan=goals.plan_from_recommendation(recommendation),
    )
    emergency = goals.create(
        session=session,
        clock=clock,
        user_id=user.id,
        name="应急资金 Emergency fund",
        kind=goals.GoalKind.EMERGENCY_FUND,
        target_amount=Decimal("30000"),
        target_date=date(today.year + 1, 12, 31),
        initial_amount=Decimal("10000"),
        monthly_contribution=Decimal("0"),
        risk_category=RiskCategory.C1,
        plan=goals.emergency_fund_plan(session),
    )
    now = clock.now()
    for order_id in seeded.get("investing", {}).get("orders", {}).get(CUSTOMER, []):
        session.add(GoalOrder(order_id=order_id, goal_id=home.id, created_at=now))  # her portfolio so far
    plan = InvestmentPlan(
        user_id=user.id,
        goal_id=home.id,
        amount=Decimal("2000"),
        frequency=Frequency.MONTHLY.value,
        day_of_month=min(today.day, 28),
        source=PlanSource.WALLET.value,
        status="ACTIVE",
        starts_on=today,
        misses=0,
        created_at=now,
        updated_at=now,
    )
    session.add(plan)
    session.flush()
    auto_rebalance.set_automatic(
        session=session,
        clock=clock,
        user_id=user.id,
        goal_id=home.id,
        enabled=True,
        terms_version=auto_rebalance.TERMS_VERSION,
    )
    found: dict[str, Goal | InvestmentPlan] = {"home": home, "emergency": emergency, "plan": plan}
    return found
