"""Performance figures against independent computations: the time-weighted return by
sub-periods between flows and the money-weighted return by bisection, on hypothesis-made
flows and on a real holding's orders and NAVs (SQLite and PostgreSQL); money exact to the
fen, rates to 1e-8."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from advisor.performance import Period, figures, performance
from core.returns import money_weighted, time_weighted, xirr
from investing.kinds import DailyJob
from investing.models import FundOrder
from investing.series import HoldingDay
from products.models import NavPoint
from tests.investing.conftest import at


def bisect_xirr(flows: list[tuple[date, Decimal]]) -> float:
    """An independent XIRR: bisection on the net present value over (-0.9999, 10^6)."""
    first = min(d for d, _ in flows)

    def npv(x: float) -> float:
        return sum(float(c) / (1 + x) ** ((d - first).days / 365) for d, c in flows)

    low, high = -0.9999, 1e6
    assert npv(low) * npv(high) <= 0
    for _ in range(300):
        mid = (low + high) / 2
        if npv(low) * npv(mid) <= 0:
            high = mid
        else:
            low = mid
    return (low + high) / 2


money = st.integers(min_value=1, max_value=10**9).map(lambda v: Decimal(v).scaleb(-2))


@settings(max_examples=200, deadline=None)
@given(values=st.lists(money, min_size=2, max_size=40))
def test_without_flows_the_time_weighted_return_is_the_growth_of_the_value(values):
    twr = time_weighted(values[0], [(v, Decimal(0), Decimal(0)) for v in values[1:]])
    # rates are exact to 1e-8 (floats linked over many days: relative to the growth)
    assert abs(twr - float(values[-1] / values[0] - 1)) <= 1e-8 * max(1.0, float(values[-1] / values[0]))


@settings(max_examples=200, deadline=None)
@given(
    start=money,
    steps=st.lists(st.tuples(st.integers(80, 125), money, st.booleans()), min_size=1, max_size=30),
)
def test_daily_linking_equals_the_product_of_sub_period_returns(start, steps):
    """Random daily growth and flows; the reference chains the growth factors directly."""
    days, value, expected = [], start, 1.0
    for pct, amount, incoming in steps:
        inflow = amount if incoming else Decimal(0)
        grown = ((value + inflow) * pct / 100).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
        outflow = min(amount, grown) if not incoming else Decimal(0)
        expected *= float(grown / (value + inflow)) if value + inflow else 1.0  # nothing held: no return
        value = grown - outflow
        days.append((value, inflow, outflow))
    assert abs(time_weighted(start, days) - (expected - 1)) <= 1e-9 * max(1.0, expected)


@settings(max_examples=200, deadline=None)
@given(
    flows=st.lists(st.tuples(st.integers(0, 2000), st.integers(-(10**7), 10**7).filter(bool)), min_size=2, max_size=12)
)
def test_xirr_matches_bisection_and_is_none_without_a_root(flows):
    dated = [(date(2025, 1, 1) + timedelta(days=d), Decimal(c)) for d, c in flows]
    found = xirr(dated)
    if all(c > 0 for _, c in dated) or all(c < 0 for _, c in dated):
        assert found is None
        return
    first = min(d for d, _ in dated)

    def npv(x: float) -> float:
        return sum(float(c) / (1 + x) ** ((d - first).days / 365) for d, c in dated)

    assume(npv(-0.9999) * npv(1000.0) < 0)  # a root the bisection can bracket
    assume(found is not None and found < 1000)
    reference = bisect_xirr(dated)
    # where the NPV is monotone (one change of sign) the root is unique: the two agree
    signs = [c > 0 for _, c in sorted(dated)]
    if sum(a != b for a, b in zip(signs, signs[1:])) == 1:
        assert abs(found - reference) <= 1e-8 * max(1.0, abs(reference))


def test_a_holdings_returns_and_profit_match_an_independent_computation(
    db, clock, settings, funds, catalogue, investor, desk
):
    user = investor("C3", deposit="50000")
    t0 = clock.today()  # 2026-11-26, Thursday
    navs = {
        date(2026, 11, 27): "1.2000",
        date(2026, 11, 30): "1.1500",
        date(2026, 12, 1): "1.2500",
        date(2026, 12, 2): "1.3000",
        date(2026, 12, 3): "1.2800",
    }
    desk.on(t0, 10)
    desk.subscribe(user, funds.equity, "10000.00")
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    catalogue.record_nav(funds.equity, date(2026, 11, 27), navs[date(2026, 11, 27)])
    desk.on(date(2026, 11, 30), 10)
    desk.subscribe(user, funds.equity, "5000.00")
    catalogue.record_nav(funds.equity, date(2026, 11, 30), navs[date(2026, 11, 30)])
    desk.on(date(2026, 12, 1), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 1))
    desk.on(date(2026, 12, 1), 10)
    desk.redeem(user, funds.equity, units="3000.00")
    catalogue.record_nav(funds.equity, date(2026, 12, 1), navs[date(2026, 12, 1)])
    desk.on(date(2026, 12, 2), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 2))
    catalogue.record_nav(funds.equity, date(2026, 12, 2), navs[date(2026, 12, 2)])
    catalogue.record_nav(funds.equity, date(2026, 12, 3), navs[date(2026, 12, 3)])
    desk.on(date(2026, 12, 3), 16)
    with db.read() as session:
        orders = session.scalars(select(FundOrder).where(FundOrder.user_id == user.id).order_by(FundOrder.id)).all()
        nav26 = session.scalar(select(NavPoint.nav).where(NavPoint.product_id == funds.equity, NavPoint.date == t0))
        found = performance(
            session, clock=clock, user_id=user.id, period=Period.SINCE_START, product_ids={funds.equity}
        )
    first, second, sale = orders
    assert all(o.status == "CONFIRMED" for o in orders)
    nav = {t0: Decimal(nav26), **{d: Decimal(v) for d, v in navs.items()}}
    nav[date(2026, 11, 28)] = nav[date(2026, 11, 29)] = nav[date(2026, 11, 27)]  # the weekend keeps Friday's

    def worth(units: int, day: date) -> Decimal:
        return (Decimal(units).scaleb(-2) * nav[day]).quantize(Decimal("0.01"), ROUND_HALF_EVEN)

    cash = Decimal(sale.cash).scaleb(-2)
    v = {
        date(2026, 11, 26): Decimal("10000.00"),  # waiting for its price
        date(2026, 11, 27): worth(first.units, date(2026, 11, 27)),
        date(2026, 11, 28): worth(first.units, date(2026, 11, 28)),
        date(2026, 11, 29): worth(first.units, date(2026, 11, 29)),
        date(2026, 11, 30): worth(first.units, date(2026, 11, 30)) + Decimal("5000.00"),
        date(2026, 12, 1): worth(first.units + second.units, date(2026, 12, 1)),  # the sale's units still priced
        date(2026, 12, 2): worth(first.units + second.units - sale.units, date(2026, 12, 2)),
        date(2026, 12, 3): worth(first.units + second.units - sale.units, date(2026, 12, 3)),
    }
    growth = (
        v[date(2026, 11, 29)]
        / Decimal("10000.00")
        * v[date(2026, 12, 1)]
        / (v[date(2026, 11, 29)] + Decimal("5000.00"))
        * (v[date(2026, 12, 2)] + cash)
        / v[date(2026, 12, 1)]
        * v[date(2026, 12, 3)]
        / v[date(2026, 12, 2)]
    )
    assert found.first_day == t0 and found.last_day == date(2026, 12, 3) and not found.annualised
    assert found.opening_value == 0 and found.closing_value == v[date(2026, 12, 3)]
    assert abs(found.time_weighted_return - (growth - 1)) <= Decimal("0.00000001")
    flows = [
        (t0, Decimal(-10000)),
        (date(2026, 11, 30), Decimal(-5000)),
        (date(2026, 12, 2), cash),
        (date(2026, 12, 3), v[date(2026, 12, 3)]),
    ]
    x = bisect_xirr(flows)
    assert abs(float(found.money_weighted_return) - ((1 + x) ** (8 / 365) - 1)) <= 1e-8
    assert found.money_in == Decimal("15000.00") and found.money_out == cash
    assert found.profit == v[date(2026, 12, 3)] - Decimal("15000.00") + cash
    fees = Decimal(first.fee + second.fee + sale.fee).scaleb(-2)
    assert found.fees == fees and found.income == 0
    assert found.gain == found.profit + fees
    assert money_weighted([(t0, Decimal(-1)), (t0, Decimal(-1))], 10) is None  # no root: null
    _ = at


def test_over_more_than_a_year_the_money_weighted_return_is_the_annual_xirr_once():
    """Regression: over a period of a year or more the XIRR (already an annual rate) was
    annualised a second time, ``(1 + x)^(365 / days) - 1``, so two years at 10% a year showed
    about 4.9%. One payment of 10,000 grows to 12,100 in 730 days: 10% a year."""
    first = date(2027, 1, 1)
    days = [HoldingDay(first - timedelta(days=1), 0, 0, 0, 0, 0)]
    days += [HoldingDay(first + timedelta(days=i), 1_000_000, 1_000_000 if i == 0 else 0, 0, 0, 0) for i in range(729)]
    days.append(HoldingDay(first + timedelta(days=729), 1_210_000, 0, 0, 0, 0))
    found = figures(days, period=Period.SINCE_START)
    assert found.annualised
    flows = [(first, Decimal(-10000)), (first + timedelta(days=729), Decimal(12100))]
    assert abs(float(found.money_weighted_return) - bisect_xirr(flows)) <= 1e-8
    assert abs(found.money_weighted_return - Decimal("0.1")) < Decimal("0.0002")  # 729 days, not quite two years
    # the time-weighted return counts the 730 days the money was held (in from the first day's start)
    assert found.time_weighted_return == Decimal("0.10000000")
