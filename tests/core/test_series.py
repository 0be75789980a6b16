"""Downsampling a dated series for a chart (largest-triangle-three-buckets): what a chart
relies on, for any series: at most the points asked for, the first and the last kept, only
points of the input in their order with their exact values, and a spike never smoothed away."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.series import downsample

START = date(2021, 1, 1)

values = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("1000"), places=4, allow_nan=False)


@st.composite
def series(draw, min_size: int = 0, max_size: int = 400):
    """Ascending distinct dates (gaps like weekends and holidays) with 4-decimal values."""
    gaps = draw(st.lists(st.integers(1, 5), min_size=min_size, max_size=max_size))
    day, points = START, []
    for gap in gaps:
        day += timedelta(days=gap)
        points.append((day, draw(values)))
    return points


@given(series(), st.integers(2, 500))
def test_a_downsampled_series_is_a_short_enough_subsequence_with_both_ends(points, max_points):
    kept = downsample(points, max_points)
    assert len(kept) <= max_points
    if len(points) <= max_points:
        assert kept == points  # what fits is returned unchanged
    else:
        assert len(kept) == max_points
        assert kept[0] == points[0] and kept[-1] == points[-1]
    indices = [points.index(point) for point in kept]  # every point is one of the input's, with its value
    assert indices == sorted(set(indices))  # in date order, none twice
    assert all(type(value) is Decimal for _, value in kept)


@given(series(min_size=3), st.integers(3, 200), st.data())
def test_a_spike_survives_downsampling(points, max_points, data):
    at = data.draw(st.integers(0, len(points) - 1))
    spike = data.draw(st.sampled_from([Decimal("1000000000.0001"), Decimal("-1000000000.0001")]))
    points[at] = (points[at][0], spike)
    assert points[at] in downsample(points, max_points)


@given(series(min_size=10, max_size=60))
def test_values_are_compared_exactly_not_as_floats(points):
    """Values that differ only beyond a float's precision still decide which point is kept."""
    shifted = [(day, value + Decimal("1E+20")) for day, value in points]
    kept = downsample(shifted, 5)
    assert [day for day, _ in kept] == [day for day, _ in downsample(points, 5)]


def test_a_flat_stretch_gives_up_its_points_to_the_move():
    points = [(START + timedelta(days=i), Decimal("1.0000")) for i in range(100)]
    points[40] = (points[40][0], Decimal("1.5000"))
    kept = downsample(points, 4)
    assert points[40] in kept and len(kept) == 4


def test_unordered_points_or_too_few_asked_are_refused():
    points = [(START, Decimal(1)), (START, Decimal(2))]
    with pytest.raises(ValueError):
        downsample(points, 10)
    with pytest.raises(ValueError):
        downsample(points[:1], 1)
