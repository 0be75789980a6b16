"""Whatever the catalogue, the profile and the request, a recommendation keeps every rule:
suitability as the questionnaire package decides it (never above the category, nothing
above R1 for the lowest category, R4/R5 never for the elderly without a warning), qualified-
investor products for qualified investors only, no product locked beyond the horizon, the
category's shares of illiquid and P2P products, 30% per product, the liquidity floor, each
product's minimum, the tail-loss ceiling, and allocations that add up exactly. When it
cannot, the refusal is an ``AdviceError`` naming what binds."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from advisor.advice import advise
from advisor.eligibility import DAYS_PER_MONTH, AdviceRequest
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.limits import PRODUCT_SHARE, limits_for
from advisor.risk_models import portfolio_cvar
from products.kinds import LiquidityKind, ProductKind
from questionnaire.suitability import Decision, check
from tests.advisor.platforms import CALENDAR, TODAY, profile, synthetic_model

GIVING_UP = {
    AdvisorErrorCode.NO_ELIGIBLE_PRODUCT,
    AdvisorErrorCode.AMOUNT_BELOW_MINIMUM,
    AdvisorErrorCode.KIND_LIMITS_INFEASIBLE,
    AdvisorErrorCode.RISK_LIMIT_UNATTAINABLE,
}

profiles = st.builds(
    lambda category, lowest, elderly, qualified, horizon, need: profile(
        category, lowest=lowest and category == "C1", elderly=elderly, qualified=qualified, horizon=horizon, need=need
    ),
    st.sampled_from(["C1", "C2", "C3", "C4", "C5", "C3", "C4", "C5"]),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.sampled_from([1, 6, 12, 36, 60, 120]),
    st.sampled_from(["0", "0", "500", "5000", "50000"]),
)
amounts = st.one_of(
    st.decimals(min_value=Decimal("50"), max_value=Decimal("5000"), places=2),
    st.decimals(min_value=Decimal("5000"), max_value=Decimal("3000000"), places=2),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    size=st.integers(6, 30),
    user=profiles,
    amount=amounts,
    horizon=st.none() | st.integers(1, 120),
)
def test_every_recommendation_keeps_every_rule(seed, size, user, amount, horizon):
    model = synthetic_model(size, seed, pool_size=1)
    request = AdviceRequest(amount=amount, horizon_months=horizon)
    try:
        advice = advise(
            model=model, profile=user, request=request, today=TODAY, calendar=CALENDAR, locale="en", currency="CNY"
        )
    except AdviceError as refusal:
        assert refusal.code in GIVING_UP, refusal
        event(f"refused: {refusal.code}")
        return
    event(f"recommended ({len(advice.allocations)} products{', relaxed' if advice.relaxations else ''})")
    limits = limits_for(user.risk_category)
    relaxed = {relaxation.code for relaxation in advice.relaxations}
    days = model.available_after_days(TODAY, CALENDAR)
    index = {p.product_id: j for j, p in enumerate(model.data.scenarios.products)}
    horizon_days = (horizon or user.horizon_months) * DAYS_PER_MONTH
    weights = np.zeros(model.data.n_products)
    for allocation in advice.allocations:
        p = allocation.product
        assert (
            check(
                profile=user, product_risk_level=p.risk_level, qualified_investors_only=p.qualified_only, locale="en"
            ).decision
            is Decision.ALLOWED
        )
        assert p.risk_level.rank <= user.risk_category.rank
        assert not (p.qualified_only and not user.qualified_investor)
        assert days[index[p.product_id]] <= horizon_days
        assert allocation.amount.amount >= p.minimum_amount
        if p.kind is not ProductKind.MONEY_FUND and "PRODUCT_SHARE_LIFTED" not in relaxed:
            # at most 30%, give or take the fen the amounts are rounded to
            assert allocation.amount.amount <= amount * Decimal(str(PRODUCT_SHARE)) + Decimal("0.01")
        weights[index[p.product_id]] = float(allocation.amount.amount / amount)
    assert sum(a.amount.amount for a in advice.allocations) == amount
    assert sum(a.weight for a in advice.allocations) == 1
    kinds = [p.kind for p in model.data.scenarios.products]
    locked = np.array([p.liquidity.kind is LiquidityKind.LOCKED for p in model.data.scenarios.products])
    p2p = np.array([kind is ProductKind.P2P_LOAN for kind in kinds])
    money = np.array([kind is ProductKind.MONEY_FUND for kind in kinds])
    fen = 0.01 * len(advice.allocations) / float(amount)  # rounding to the fen
    assert weights[locked].sum() <= limits.illiquid_share + fen + 1e-9
    assert weights[p2p].sum() <= limits.p2p_share + fen + 1e-9
    if "LIQUIDITY_FLOOR_DROPPED" not in relaxed:
        floor = min(float(user.liquidity_need / amount), 1.0)
        assert weights[money].sum() >= floor - fen - 1e-9
    assert portfolio_cvar(model.data.returns, advice.optimum.weights, 0.95) <= limits.tail_loss + 1e-7


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), category=st.sampled_from(["C2", "C3", "C4", "C5"]))
def test_no_valid_assessment_means_no_recommendation(seed, category):
    from questionnaire.profiles import ProfileStatus

    model = synthetic_model(8, seed, pool_size=1)
    for user in (profile(status=ProfileStatus.MISSING), profile(category, status=ProfileStatus.EXPIRED)):
        try:
            advise(
                model=model,
                profile=user,
                request=AdviceRequest(amount=Decimal("10000")),
                today=TODAY,
                calendar=CALENDAR,
                locale="en",
                currency="CNY",
            )
        except AdviceError as refusal:
            assert refusal.code == AdvisorErrorCode.ASSESSMENT_REQUIRED
            assert "questionnaire" in refusal.message
        else:
            raise AssertionError("a recommendation without a valid assessment")
