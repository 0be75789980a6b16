"""Requests that cannot be met as asked: the documented relaxations, applied in order and
stored with the recommendation, and the refusals that name the binding constraint."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from advisor.advice import advise
from advisor.eligibility import AdviceRequest
from advisor.errors import AdviceError, AdvisorErrorCode
from products.kinds import ProductKind
from tests.advisor.platforms import CALENDAR, TODAY, model_of, product, profile, simple_returns

MONEY, EQUITY, P2P = ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND, ProductKind.P2P_LOAN


def recommend(products, user, amount: str, returns=None, **request):
    model = model_of(products, simple_returns(products) if returns is None else returns, pool_size=1)
    return advise(
        model=model,
        profile=user,
        request=AdviceRequest(amount=Decimal(amount), **request),
        today=TODAY,
        calendar=CALENDAR,
        locale="en",
        currency="CNY",
    )


def codes(advice) -> list[str]:
    return [relaxation.code for relaxation in advice.relaxations]


def test_a_liquidity_floor_above_the_amount_keeps_all_of_it_in_money_funds():
    products = [product(1, MONEY), product(2, EQUITY, "R3"), product(3, EQUITY, "R2")]
    advice = recommend(products, profile("C3", need="30000"), "10000")
    assert codes(advice) == ["LIQUIDITY_FLOOR_CAPPED"]
    assert "¥30,000" in advice.relaxations[0].message and "¥10,000" in advice.relaxations[0].message
    assert [a.product.kind for a in advice.allocations] == [MONEY]
    assert advice.explanation.endswith(advice.relaxations[0].message)


def test_the_request_can_override_the_assessments_liquidity_need():
    products = [product(1, MONEY), product(2, EQUITY, "R3"), product(3, EQUITY, "R2")]
    advice = recommend(products, profile("C3", need="30000"), "10000", liquidity_need=Decimal("1000"))
    assert codes(advice) == []
    money = sum(a.amount.amount for a in advice.allocations if a.product.kind is MONEY)
    assert Decimal("1000") <= money < Decimal("10000")


def test_relaxations_are_applied_and_stored_in_the_documented_order():
    # No money fund open (the only one is in dollars), two products at 30% cannot take it all,
    # and the P2P product's 10% share (C2) is below its minimum.
    products = [product(1, MONEY, currency="USD"), product(2, EQUITY, "R2"), product(3, P2P, "R2", minimum="2000")]
    rng = np.random.default_rng(2)
    steady = np.column_stack(
        [
            0.02 + 0.002 * rng.standard_normal(1000),
            0.03 + 0.005 * rng.standard_normal(1000),
            0.06 + 0.002 * rng.standard_normal(1000),
        ]
    )
    advice = recommend(products, profile("C2", need="1000"), "12000", returns=steady)
    assert codes(advice) == ["LIQUIDITY_FLOOR_DROPPED", "PRODUCT_SHARE_LIFTED", "BELOW_MINIMUM_DROPPED"]
    assert advice.relaxations[-1].products == ("P3",)
    assert [(a.product.code, a.amount.amount) for a in advice.allocations] == [("P2", Decimal("12000.00"))]


def test_a_product_whose_share_is_below_its_minimum_is_dropped_and_the_rest_solved_again():
    products = [
        product(1, MONEY),
        product(2, EQUITY, "R2"),
        product(3, P2P, "R2", minimum="2000"),
        product(4, EQUITY, "R2"),
    ]
    advice = recommend(products, profile("C2"), "12000")
    assert codes(advice) == ["BELOW_MINIMUM_DROPPED"]
    assert "P3" not in {a.product.code for a in advice.allocations}
    assert sum(a.amount.amount for a in advice.allocations) == Decimal("12000")
    # with more money the same product fits its minimum and stays
    richer = recommend(products, profile("C2"), "30000")
    assert "P3" in {a.product.code for a in richer.allocations} and codes(richer) == []


def test_kind_limits_that_cannot_hold_while_fully_invested_are_refused_naming_the_limit():
    products = [product(1, MONEY, currency="USD"), product(2, P2P, "R2"), product(3, P2P, "R2")]
    with pytest.raises(AdviceError) as refused:
        recommend(products, profile("C2"), "10000")
    assert refused.value.code == AdvisorErrorCode.KIND_LIMITS_INFEASIBLE
    assert refused.value.constraint == "p2pShare"
    assert "P2P" in refused.value.message and "10.0%" in refused.value.message


def test_a_tail_loss_ceiling_out_of_reach_is_refused_with_the_least_attainable():
    products = [product(1, EQUITY, "R2"), product(2, EQUITY, "R2"), product(3, EQUITY, "R2"), product(4, EQUITY, "R2")]
    rng = np.random.default_rng(1)
    crash = rng.random(1000) < 0.2
    returns = np.column_stack([np.where(crash, -0.3, 0.1) + 0.01 * rng.standard_normal(1000) for _ in products])
    with pytest.raises(AdviceError) as refused:
        recommend(products, profile("C2"), "100000", returns=returns)
    assert refused.value.code == AdvisorErrorCode.RISK_LIMIT_UNATTAINABLE
    assert refused.value.constraint == "tailLoss"
    assert "3.0%" in refused.value.message and "C2" in refused.value.message


def test_an_amount_below_the_smallest_minimum_is_refused_with_that_minimum():
    products = [product(1, MONEY, minimum="100"), product(2, EQUITY, "R2", minimum="1000")]
    with pytest.raises(AdviceError) as refused:
        recommend(products, profile("C2"), "50")
    assert refused.value.code == AdvisorErrorCode.AMOUNT_BELOW_MINIMUM
    assert refused.value.field == "amount"
    assert "¥100.00" in refused.value.message


def test_nothing_suitable_is_refused_as_such():
    products = [product(1, EQUITY, "R3"), product(2, P2P, "R4")]
    with pytest.raises(AdviceError) as refused:
        recommend(products, profile("C1"), "10000")
    assert refused.value.code == AdvisorErrorCode.NO_ELIGIBLE_PRODUCT
