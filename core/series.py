"""Dated series of exact decimals, and downsampling them for a chart.

``downsample`` is largest-triangle-three-buckets (Steinarsson, 2013): the first and the last
point are kept, the points between are split into ``max_points - 2`` buckets of (nearly) equal
count, and from each bucket the point kept is the one spanning the largest triangle with the
point kept before it and the average of the next bucket. Peaks and dips survive; a flat
stretch gives up its points.

The result is a subsequence of the input (the same ``(date, Decimal)`` objects, never
averaged or rounded). The triangle areas are compared exactly: dates count as their day
numbers and values are scaled to integers by their largest number of decimals, so no float
rounding picks one point over another.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

Point = tuple[date, Decimal]

MIN_POINTS = 2


def _scaled(values: Sequence[Decimal]) -> list[int]:
    """The values as integers, all multiplied by the same power of ten (exactly)."""
    places = 0
    for value in values:
        if not value.is_finite():
            raise ValueError(f"a series holds finite values only, not {value}")
        places = max(places, -int(value.as_tuple().exponent))
    scale = 10**places
    scaled = []
    for value in values:
        numerator, denominator = value.as_integer_ratio()  # exact; the denominator divides 10**places
        scaled.append(numerator * (scale // denominator))
    return scaled


def downsample(points: Sequence[Point], max_points: int) -> list[Point]:
    """At most ``max_points`` (>= 2) of ``points`` (ascending, distinct dates), the first and
    the last among them; ``points`` themselves when they already fit."""
    if max_points < MIN_POINTS:
        raise ValueError(f"max_points is at least {MIN_POINTS}")
    for (before, _), (after, _) in zip(points, points[1:], strict=False):
        if not before < after:
            raise ValueError("points must be in ascending order of their dates, one per date")
    count = len(points)
    if count <= max_points:
        return list(points)
    xs = [day.toordinal() for day, _ in points]
    ys = _scaled([value for _, value in points])
    buckets = max_points - 2
    inner = count - 2

    def start(bucket: int) -> int:  # index of the bucket's first point (bucket == buckets: the last point)
        return 1 + bucket * inner // buckets

    kept = [points[0]]
    a = 0
    for bucket in range(buckets):
        low, high = start(bucket), start(bucket + 1)
        # the next bucket's points (the last point's own "bucket" after the last one)
        nxt_low, nxt_high = (high, start(bucket + 2)) if bucket + 1 < buckets else (count - 1, count)
        n = nxt_high - nxt_low
        sum_x, sum_y = sum(xs[nxt_low:nxt_high]), sum(ys[nxt_low:nxt_high])
        ax, ay = xs[a], ys[a]
        # twice the area times n: |(ax - cx)(by - ay) - (ax - bx)(cy - ay)| * n, with c the average
        dx_c, dy_c = n * ax - sum_x, sum_y - n * ay
        best, best_area = low, -1
        for b in range(low, high):
            area = abs(dx_c * (ys[b] - ay) - (ax - xs[b]) * dy_c)
            if area > best_area:
                best, best_area = b, area
        kept.append(points[best])
        a = best
    kept.append(points[-1])
    return kept
