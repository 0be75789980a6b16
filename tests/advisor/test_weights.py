"""Weights hygiene: a solver's near-feasible answer becomes weights inside their bounds that
add up to 1 within 1e-9 without inventing positions, a far-off answer is refused, and
displayed percentages add up to exactly 100."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import clean_weights, percentages
from advisor.weights import WeightsOutsideBounds
from tests.advisor.markets import seeds, sizes


@settings(max_examples=200)
@given(seeds, sizes, st.floats(min_value=0.0, max_value=0.3), st.floats(min_value=1e-12, max_value=9e-7))
def test_a_near_feasible_answer_is_cleaned_into_the_bounds_and_sums_to_one(seed, n, floor, noise):
    rng = np.random.default_rng(seed)
    # given bounds with room for a full portfolio (asset 0 may take everything)
    lower = np.where(rng.random(n) < 0.5, 0.0, floor / n)
    lower[0] = 0.0
    upper = np.maximum(lower, rng.uniform(1.0 / n, 1.0, n))
    upper[0] = 1.0
    # and a feasible portfolio, some of whose zero-floor positions are empty
    exact = np.minimum(lower + (1 - lower.sum()) * rng.dirichlet(np.ones(n)), upper)
    exact[(rng.random(n) < 0.3) & (lower == 0)] = 0.0
    exact[0] = 0.0
    exact[0] = 1.0 - exact.sum()
    # when a solver returns it with noise below the tolerance
    raw = exact + rng.uniform(-noise, noise, n) / n
    cleaned = clean_weights(raw, lower, upper)
    # then the weights are inside their bounds, add up to 1 and moved by noise only
    assert abs(cleaned.sum() - 1.0) <= 1e-9
    assert np.all(cleaned >= lower) and np.all(cleaned <= upper)
    assert np.max(np.abs(cleaned - raw)) <= 2e-6
    # and an empty position stays empty: rounding noise never opens a position
    assert np.all(cleaned[(raw <= 0) & (lower == 0)] == 0.0)


def test_tiny_negatives_are_clipped_and_dust_removed():
    raw = np.array([-3e-9, 0.6000000004, 0.3999999991, 2e-11])
    cleaned = clean_weights(raw, np.zeros(4), np.ones(4))
    assert cleaned[0] == 0.0 and cleaned[3] == 0.0
    assert cleaned.sum() == pytest.approx(1.0, abs=1e-15)
    assert cleaned[1:3] == pytest.approx([0.6, 0.4], abs=1e-9)


@pytest.mark.parametrize("raw", [[0.5, 0.49], [1.1, -0.1], [0.5, np.nan], [0.7, 0.31]])
def test_an_answer_that_strays_beyond_the_tolerance_is_refused(raw):
    with pytest.raises(WeightsOutsideBounds):
        clean_weights(np.array(raw), np.zeros(2), np.full(2, 0.7))


@settings(max_examples=300)
@given(
    st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=30).filter(lambda xs: sum(xs) > 1e-6),
    st.integers(min_value=0, max_value=4),
)
def test_percentages_add_up_to_exactly_100_and_each_is_within_one_unit(raw, decimals):
    weights = np.array(raw) / sum(raw)
    shown = percentages(weights, decimals)
    assert sum(shown) == Decimal(100)
    unit = Decimal(1).scaleb(-decimals)
    for value, weight in zip(shown, weights):
        assert value == value.quantize(unit)
        assert abs(float(value) - 100 * weight) < float(unit) + 1e-9


def test_three_equal_thirds_show_as_33_4_33_3_33_3():
    assert percentages([1 / 3, 1 / 3, 1 / 3]) == [Decimal("33.4"), Decimal("33.3"), Decimal("33.3")]
