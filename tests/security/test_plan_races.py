"""Item 9 of the hardening issue: a plan, of either kind (recommendation or rebalance), is
executed exactly once even when several requests under different keys race: the plan's row
is locked, the later executions wait and are refused with PLAN_ALREADY_INVESTED (they used to
fail with a unique-key violation, INTERNAL_ERROR, or, for a rebalance, place its orders
twice). The attacker fires concurrent ``investInPlan`` requests through the real ASGI app,
each from its own client and thread. Real concurrency needs PostgreSQL: every fixture here
works on ``pg_db``."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from advisor import recommendations
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


RACERS = 4


def _race_plan(client_from, monkeypatch, token: str, plan_id: str) -> list[dict]:
    """``RACERS`` concurrent ``investInPlan`` requests for one plan under different keys, each
    from its own client (its own event loop and thread). To make the race certain rather than
    likely, each execution that has read the plan waits for the others to read it too: without
    the plan's lock they all pass the "not yet invested" check before any commits; with it,
    the later ones wait on the lock, the barrier breaks after its timeout and they go on one
    after another."""
    barrier = threading.Barrier(RACERS, timeout=3)
    original = recommendations.get

    def get_then_wait(**kwargs):
        row = original(**kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return row

    monkeypatch.setattr(recommendations, "get", get_then_wait)
    clients = [client_from(f"203.0.113.{n + 1}") for n in range(RACERS)]
    go = threading.Barrier(RACERS)

    def attempt(n: int) -> dict:
        clients[n].token = token
        go.wait()
        variables = {"i": {"recommendationId": plan_id, "idempotencyKey": f"race-{plan_id}-{n}"}}
        return clients[n].data(INVEST, variables)["investInPlan"]

    with ThreadPoolExecutor(RACERS) as pool:
        answers = list(pool.map(attempt, range(RACERS)))
    monkeypatch.undo()
    return answers


def _exactly_one_success(answers: list[dict], plan_id: str) -> None:
    succeeded = [a for a in answers if a["userErrors"] == []]
    assert [a["recommendation"]["id"] for a in succeeded] == [plan_id], answers
    assert sorted(code for a in answers for code in codes(a)) == ["PLAN_ALREADY_INVESTED"] * (RACERS - 1), answers


@pytest.mark.slow
def test_concurrent_invest_requests_for_one_plan_place_its_orders_once(
    pg_db, gql, client_from, clock, monkeypatch, funds, catalogue, investor, desk
):
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    plan = client.data(REQUEST, {"i": {"amount": "50000", "liquidityNeed": "5000"}})["requestRecommendation"]
    plan_id = plan["recommendation"]["id"]
    _exactly_one_success(_race_plan(client_from, monkeypatch, client.token, plan_id), plan_id)
    assert desk.cash(user) == Decimal("50000.00")  # paid once

    # A REBALANCE plan too: drift the holdings, then race its execution.
    confirm_day = seeded().next_trading_day(clock.today())
    desk.on(confirm_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, confirm_day)
    equity = next(a for a in plan["recommendation"]["allocations"] if a["product"]["kind"] == "EQUITY_FUND")
    catalogue.record_nav(db_key(equity["product"]["id"]), confirm_day, "2.5000")
    client = gql.as_user(user.email)
    rebalance = client.data(REBALANCE)["createRebalancePlan"]["recommendation"]
    before = desk.cash(user)
    _exactly_one_success(_race_plan(client_from, monkeypatch, client.token, rebalance["id"]), rebalance["id"])
    again = client.data(INVEST, {"i": {"recommendationId": rebalance["id"], "idempotencyKey": "late"}})
    assert codes(again["investInPlan"]) == ["PLAN_ALREADY_INVESTED"]
    assert desk.cash(user) <= before and desk.problems() == []
