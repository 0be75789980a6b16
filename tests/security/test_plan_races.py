"""Item 9 of the hardening issue: a plan, of either kind (recommendation or rebalance), is
executed exactly once even when two requests under different keys race: the plan's row is
locked, the second execution waits and is refused with PLAN_ALREADY_INVESTED (it used to
fail with a unique-key violation, or, for a rebalance, place its orders twice). Real
concurrency needs PostgreSQL: every fixture here works on ``pg_db``."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from advisor import plans, recommendations
from core.errors import DomainError
from investing.kinds import DailyJob
from tests.calendars import seeded
from tests.ids import db_key
from tests.investing.conftest import catalogue, desk, funds, investor  # noqa: F401 - fixtures
from tests.security.conftest import codes

REQUEST = """mutation($i: RequestRecommendationInput!) { requestRecommendation(input: $i) {
  recommendation { id allocations { product { id kind } } } userErrors { code } } }"""
INVEST = (
    """mutation($i: InvestInPlanInput!) { investInPlan(input: $i) { recommendation { id } userErrors { code } } }"""
)
REBALANCE = "mutation { createRebalancePlan { recommendation { id } userErrors { code } } }"


@pytest.fixture
def db(pg_db):
    return pg_db


def _race_plan(pg_db, clock, settings, monkeypatch, user_id: int, plan_id: int) -> list:
    """Two executions of one plan under different keys, both past the check before either
    commits unless the plan is locked (then the second waits for the first)."""
    barrier = threading.Barrier(2, timeout=2)
    original = recommendations.get

    def get_then_wait(**kwargs):
        row = original(**kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()  # (broken: the other execution waits on the plan's lock; go on alone)
        return row

    monkeypatch.setattr(recommendations, "get", get_then_wait)

    def attempt(key: str):
        try:
            with pg_db.write() as session:
                return plans.invest_in_plan(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user_id,
                    recommendation_id=plan_id,
                    idempotency_key=key,
                ).id
        except DomainError as error:
            return str(error.code)

    with ThreadPoolExecutor(2) as pool:
        return sorted(map(str, pool.map(attempt, [f"race-{plan_id}-a", f"race-{plan_id}-b"])))


@pytest.mark.slow
def test_concurrent_executions_of_one_plan_place_its_orders_once(
    pg_db, gql, clock, settings, monkeypatch, funds, catalogue, investor, desk
):
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    plan = client.data(REQUEST, {"i": {"amount": "50000", "liquidityNeed": "5000"}})["requestRecommendation"]
    plan_id = db_key(plan["recommendation"]["id"])
    outcome = _race_plan(pg_db, clock, settings, monkeypatch, user.id, plan_id)
    assert outcome == sorted([str(plan_id), "PLAN_ALREADY_INVESTED"])
    assert desk.cash(user) == Decimal("50000.00")  # paid once
    monkeypatch.undo()

    # A REBALANCE plan too: drift the holdings, then race its execution.
    confirm_day = seeded().next_trading_day(clock.today())
    desk.on(confirm_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, confirm_day)
    equity = next(a for a in plan["recommendation"]["allocations"] if a["product"]["kind"] == "EQUITY_FUND")
    catalogue.record_nav(db_key(equity["product"]["id"]), confirm_day, "2.5000")
    rebalance = gql.as_user(user.email).data(REBALANCE)["createRebalancePlan"]["recommendation"]
    before = desk.cash(user)
    outcome = _race_plan(pg_db, clock, settings, monkeypatch, user.id, db_key(rebalance["id"]))
    assert outcome == sorted([str(db_key(rebalance["id"])), "PLAN_ALREADY_INVESTED"])
    monkeypatch.undo()
    again = gql.as_user(user.email).data(INVEST, {"i": {"recommendationId": rebalance["id"], "idempotencyKey": "late"}})
    assert codes(again["investInPlan"]) == ["PLAN_ALREADY_INVESTED"]
    assert desk.cash(user) <= before and desk.problems() == []
