"""A product's chart (``product.series``): the recorded history of the range in one request,
downsampled to maxPoints; the 7-day yield of each day computed as the product page computes
it (so the chart ends on the page's figure); a metric of another kind is an empty chart."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from products.kinds import ProductKind
from products.yields import last_seven_days, seven_day_annualized_yield
from tests.ids import product_gid
from tests.products.conftest import nav_points
from users.roles import Role

D = Decimal
SERIES = """query($id: ID!, $metric: SeriesMetric!, $from: Date, $to: Date, $max: Int) { product(id: $id) {
  sevenDayAnnualizedYield series(metric: $metric, from: $from, to: $to, maxPoints: $max) { date value } } }"""


def chart(client, product_id: int, metric: str, **arguments) -> list[tuple[date, Decimal]]:
    variables = {"id": product_gid(product_id), "metric": metric, **arguments}
    answer = client.data(SERIES, variables)["product"]["series"]
    return [(date.fromisoformat(point["date"]), D(point["value"])) for point in answer]


@pytest.fixture
def money_fund(catalogue, clock) -> tuple[int, list[tuple[date, Decimal]]]:
    """A money fund with two years of income, one week missing (no 7-day yield across it)."""
    product_id = catalogue.create(ProductKind.MONEY_FUND)
    rng = random.Random(7)
    today = clock.today()
    gap = {today - timedelta(days=100 + i) for i in range(3)}
    days = [today - timedelta(days=i) for i in range(730, -1, -1)]
    points = [(day, D(rng.randint(3000, 7000)).scaleb(-4)) for day in days if day not in gap]
    catalogue.load_history(catalogue.code_of(product_id), points)
    return product_id, points


def test_the_income_chart_is_the_recorded_history_of_the_range(money_fund, as_pm1):
    product_id, points = money_fund
    first, last = points[-400][0], points[-20][0]
    shown = chart(as_pm1, product_id, "INCOME_PER_10K", **{"from": str(first), "to": str(last), "max": 1000})
    assert shown == [(day, value) for day, value in points if first <= day <= last]
    assert chart(as_pm1, product_id, "NAV") == []  # a money fund's NAV is fixed: no chart


def test_the_seven_day_yield_chart_ends_on_the_product_page_s_figure(money_fund, as_pm1, clock):
    product_id, points = money_fund
    first = clock.today() - timedelta(days=200)
    shown = chart(as_pm1, product_id, "SEVEN_DAY_YIELD", **{"from": str(first), "max": 1000})
    expected = []
    for i, (day, _) in enumerate(points):
        window = last_seven_days(points[: i + 1])
        if day >= first and window is not None:
            expected.append((day, seven_day_annualized_yield(window)))
    assert shown == expected
    assert len(shown) == 201 - 3 - 6  # the missing days and the 6 after them have no full week
    page = as_pm1.data(SERIES, {"id": product_gid(product_id), "metric": "NAV"})["product"]
    assert str(shown[-1][1]) == page["sevenDayAnnualizedYield"]


def test_a_long_nav_history_is_downsampled_keeping_both_ends(catalogue, as_pm1, clock):
    product_id = catalogue.create(ProductKind.EQUITY_FUND)
    points = nav_points(5 * 365, end=clock.today() - timedelta(days=1))
    catalogue.load_history(catalogue.code_of(product_id), points)
    first = str(points[0][0])
    shown = chart(as_pm1, product_id, "NAV", **{"from": first, "max": 200})
    assert len(shown) == 200 and shown[0] == points[0] and shown[-1] == points[-1]
    assert set(shown) <= set(points)
    assert len(chart(as_pm1, product_id, "NAV", **{"from": first, "max": 1})) == 2  # at least both ends
    assert len(chart(as_pm1, product_id, "NAV", **{"from": first, "max": 100_000})) == 1000  # at most 1000
    year = chart(as_pm1, product_id, "NAV", max=1000)  # default: the year to today
    assert year == [(day, nav) for day, nav in points if day >= clock.today().replace(year=clock.today().year - 1)]
    assert chart(as_pm1, product_id, "INCOME_PER_10K") == []


def test_a_range_ending_before_it_starts_or_longer_than_ten_years_is_refused(money_fund, gql, make_user):
    product_id, _ = money_fund  # a draft: product managers see it
    for locale, message in (("en", "`to` is before `from`."), ("zh-CN", "`to` 早于 `from`。")):
        client = gql.as_user(
            make_user(f"reader-{locale}@example.com", locale=locale, roles={Role.PRODUCT_MANAGER}).email
        )
        variables = {"id": product_gid(product_id), "metric": "NAV", "from": "2026-10-01", "to": "2026-09-01"}
        refused = client.execute(SERIES, variables)
        assert refused["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
        assert refused["errors"][0]["message"] == message
    too_long = gql.as_user("reader-en@example.com").execute(
        SERIES, {"id": product_gid(product_id), "metric": "NAV", "from": "2010-01-01", "to": "2026-09-01"}
    )
    assert too_long["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
