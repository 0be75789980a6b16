"""The end of the known trading calendar (the seeded one ends on 2026-12-31): every date of
record that falls beyond it (an order's, a switch's, a distribution's) is refused with
CALENDAR_NOT_PUBLISHED, never guessed; what needs no trading day (money-fund income, fast
redemptions, payments from the fund, paying a distribution whose dates are known) goes on;
figures that only inform are marked as estimates; importing the exchange's notice opens it
all again."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN

import pytest
from sqlalchemy import select

from core.calendar import CalendarErrorCode, CalendarNotPublished
from core.clock import ManualClock
from investing import dividends, switching
from investing.kinds import DailyJob, OrderStatus
from investing.models import FundDistribution
from products.kinds import ProductKind, ProductStatus
from tests import calendars
from tests.ids import product_gid
from tests.investing.conftest import D, at, snapshot
from tests.products.conftest import nav_points

NEW_YEARS_EVE = date(2026, 12, 31)
SUBSCRIBE = """mutation($i: SubscribeInput!) { subscribe(input: $i) { order { tradeDate cancellableUntil }
  userErrors { code field message } } }"""


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(at(date(2026, 12, 28), 10))  # a Monday: products get their history up to here


def refused(call) -> CalendarNotPublished:
    with pytest.raises(CalendarNotPublished) as error:
        call()
    assert error.value.code is CalendarErrorCode.CALENDAR_NOT_PUBLISHED
    return error.value


def test_an_order_at_new_years_eve_after_the_cut_off_waits_for_the_notice(gql, db, clock, funds, investor, desk):
    user = investor("C3")
    desk.on(NEW_YEARS_EVE, 16)
    client = gql.as_user(user.email)
    before = snapshot(db)
    answer = client.data(
        SUBSCRIBE, {"i": {"productId": product_gid(funds.mmf), "amount": "100.00", "idempotencyKey": "k1"}}
    )
    [error] = answer["subscribe"]["userErrors"]
    assert error["code"] == "CALENDAR_NOT_PUBLISHED" and "2026-12-31" in error["message"]
    assert snapshot(db) == before  # nothing written, the idempotency key not spent
    calendars.import_2027(db, clock)
    answer = client.data(
        SUBSCRIBE, {"i": {"productId": product_gid(funds.mmf), "amount": "100.00", "idempotencyKey": "k1"}}
    )
    assert answer["subscribe"]["userErrors"] == []
    assert answer["subscribe"]["order"]["tradeDate"] == "2027-01-04"  # 01-01 is New Year's Day
    assert answer["subscribe"]["order"]["cancellableUntil"].startswith("2027-01-04T15:00:00")


def test_before_the_cut_off_on_the_last_known_day_the_confirmation_day_is_unknown(db, clock, funds, investor, desk):
    user = investor("C3")
    desk.on(NEW_YEARS_EVE, 10)
    error = refused(lambda: desk.subscribe(user, funds.equity, "1000.00"))
    assert "2027-01-01" in error.message  # the confirmation day it would need


def test_a_redemption_whose_cash_day_is_beyond_the_calendar_is_refused(db, clock, funds, investor, desk):
    user = investor("C3")
    desk.subscribe(user, funds.equity, "1000.00")  # trade day Monday 12-28
    desk.on(date(2026, 12, 29), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 29))
    units = desk.units(user, funds.equity)
    assert units > 0
    desk.on(date(2026, 12, 29), 10)  # T 12-29, confirmed 12-30, cash 3 trading days later: 2027
    refused(lambda: desk.redeem(user, funds.equity, units=str(units)))
    calendars.import_2027(db, desk.clock)
    order = desk.order(desk.redeem(user, funds.equity, units=str(units)))
    assert order.trade_day == date(2026, 12, 29) and order.status is OrderStatus.PENDING


def test_jobs_and_navs_on_unknown_days_are_refused_but_income_goes_on(
    robo, db, clock, funds, investor, desk, catalogue
):
    holder = investor("C1", deposit="20000")
    desk.subscribe(holder, funds.mmf, "20000.00")
    desk.on(date(2026, 12, 29), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 29))
    holding = desk.units(holder, funds.mmf)
    day = date(2026, 12, 28)
    desk.on(date(2027, 1, 5), 9)
    while day <= date(2027, 1, 4):  # income accrues on calendar days, beyond the calendar too
        if day > date(2026, 12, 28):  # the fixture recorded the days up to 12-28
            catalogue.record_income(funds.mmf, day, "1.0000")
        report = desk.run(DailyJob.ACCRUE_INCOME, day)
        assert {run.result.value for run in report.runs if run.product_id == funds.mmf} == {"DONE"}, report
        day += timedelta(days=1)
    assert desk.units(holder, funds.mmf) == holding + D("2.00") * 7

    before = snapshot(db)
    refused(lambda: desk.run(DailyJob.CONFIRM_ORDERS, date(2027, 1, 4)))
    code, output = robo("funds", "confirm-orders", "--date", "2027-01-04", clock_at=at(date(2027, 1, 5), 9))
    assert code == 1 and "not in the platform's" in output
    refused(lambda: catalogue.record_nav(funds.equity, date(2027, 1, 4), "1.2345"))
    assert snapshot(db) == before

    # What needs no trading day still works: a fast redemption (T+0).
    redeemed = desk.order(desk.redeem(holder, funds.mmf, amount="500.00", fast=True))
    assert redeemed.status is OrderStatus.CONFIRMED and desk.cash(holder) == D("500.00")
    assert desk.problems() == []


def distributions(db) -> list:
    with db.read() as session:
        return session.execute(select(FundDistribution.id, FundDistribution.status)).all()


def test_a_distribution_with_a_date_beyond_the_calendar_is_refused(db, clock, funds, staff):
    def request(record: date, ex: date, pay: date):
        with db.write() as session:
            return dividends.request_distribution(
                session=session,
                clock=clock,
                actor_id=staff["pm1"].id,
                product_id=funds.equity,
                record_date=record,
                ex_date=ex,
                pay_date=pay,
                amount_per_unit=D("0.0500"),
            ).id

    before = snapshot(db)
    for dates in (
        (date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4)),  # only the pay date unknown
        (date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 6)),
    ):
        error = refused(lambda dates=dates: request(*dates))
        assert str(error.day) in error.message
    assert distributions(db) == [] and snapshot(db) == before  # nothing written
    calendars.import_2027(db, clock)
    assert request(date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4))


def test_a_distribution_whose_dates_are_known_is_paid_by_a_run_beyond_the_calendar(
    db, clock, funds, staff, investor, desk
):
    """Paying needs no trading day but the ones the distribution already has (checked when it
    was recorded): a run on a day the calendar does not know yet still pays it, once."""
    holder = investor("C3")
    desk.subscribe(holder, funds.equity, "10000.00")  # trade day 12-28, confirmed 12-29
    desk.on(date(2026, 12, 29), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 29))
    units = desk.units(holder, funds.equity)
    with db.write() as session:
        distribution = dividends.request_distribution(
            session=session,
            clock=clock,
            actor_id=staff["pm1"].id,
            product_id=funds.equity,
            record_date=date(2026, 12, 29),
            ex_date=date(2026, 12, 30),
            pay_date=date(2026, 12, 31),
            amount_per_unit=D("0.0500"),
        ).id
        dividends.decide_distribution(
            session=session, clock=clock, actor_id=staff["pm2"].id, distribution_id=distribution, approve=True
        )
    cash = desk.cash(holder)
    desk.on(date(2027, 1, 4), 9)  # a late run, beyond the known calendar
    run = dividends.pay_distributions(database=db, clock=clock, day=date(2027, 1, 4))
    assert (run.distributions, run.holders) == (1, 1)
    assert desk.cash(holder) == cash + (units * D("0.05")).quantize(D("0.01"), ROUND_DOWN)
    assert distributions(db) == [(distribution, "PAID")]
    assert dividends.pay_distributions(database=db, clock=clock, day=date(2027, 1, 4)).distributions == 0
    assert desk.problems() == []


@pytest.fixture
def switchable(catalogue, clock) -> tuple[int, int]:
    """Two equity funds of one manager and registrar that allow switching."""
    navs = nav_points(400, end=clock.today())
    return tuple(
        catalogue.on_sale(
            ProductKind.EQUITY_FUND, code, history_points=navs, registrar="Test Registrar", switchable=True
        )
        for code in ("S-GROWTH", "S-BOND")
    )


def test_a_switch_whose_dates_are_beyond_the_calendar_is_refused(db, clock, switchable, investor, desk):
    source, target = switchable
    user = investor("C3")
    desk.subscribe(user, source, "1000.00")  # trade day 12-28, confirmed 12-29
    desk.on(date(2026, 12, 29), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 29))
    units = desk.units(user, source)

    def switch():
        with db.write() as session:
            return switching.switch_fund(
                session=session,
                clock=desk.clock,
                settings=desk.settings,
                user_id=user.id,
                from_product_id=source,
                to_product_id=target,
                units=units,
                idempotency="sw-1",
            ).order_id

    before = snapshot(db)
    for moment, needed in (
        (at(date(2026, 12, 29), 10), "2027-01-01"),  # T 12-29, confirmed 12-30: the cash day would be in 2027
        (at(NEW_YEARS_EVE, 10), "2027-01-01"),  # the confirmation day
        (at(NEW_YEARS_EVE, 16), "2027-01-01"),  # the trade day
    ):
        desk.clock.set(moment)
        error = refused(switch)
        assert needed in error.message, (moment, error.message)
        assert snapshot(db) == before  # nothing written, the idempotency key not spent
    calendars.import_2027(db, desk.clock)
    order = desk.order(switch())
    assert (order.trade_day, order.confirm_day, order.switch_to_product_id) == (
        date(2027, 1, 4),
        date(2027, 1, 5),
        target,
    )
    assert desk.units(user, source) == 0 and desk.problems() == []


PAY = """mutation($i: PayInput!) { pay(input: $i) { payment { status } userErrors { field code message } } }"""


def test_a_payment_from_the_money_fund_works_beyond_the_calendar(gql, db, clock, funds, investor, desk):
    payer = investor("C1", deposit="3000.00")
    payee = investor("C1", deposit="0")
    desk.subscribe(payer, funds.mmf, "3000.00")
    desk.on(date(2026, 12, 29), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 29))
    desk.on(date(2027, 1, 4), 10)  # a Monday the calendar does not know yet
    paid = gql.as_user(payer.email).data(
        PAY,
        {"i": {"payee": payee.email, "amount": "1234.56", "idempotencyKey": "p1", "source": "MONEY_FUND"}},
    )["pay"]
    assert paid == {"payment": {"status": "COMPLETED"}, "userErrors": []}
    assert desk.units(payer, funds.mmf) == D("1765.44") and desk.cash(payee) == D("1234.56")
    assert desk.problems() == []


def test_nav_dates_must_be_trading_days(db, clock, funds, catalogue):
    with pytest.raises(Exception) as error:
        catalogue.record_nav(funds.equity, date(2026, 12, 26), "1.1000")  # a Saturday
    assert getattr(error.value, "code", None) == "NOT_A_TRADING_DAY"


PRODUCT = "query($id: ID!) { product(id: $id) { liquidity { availableAfterDays estimated } } }"


def test_figures_that_only_inform_say_when_they_are_estimates(gql, db, clock, funds, investor, catalogue):
    for locked in (funds.p2p, funds.abs_unit):  # their unlock days are calendar days: no estimate needed
        catalogue.set_status(locked, ProductStatus.SUSPENDED)
    user = investor("C5", deposit="0")
    client = gql.as_user(user.email)
    equity = client.data(PRODUCT, {"id": product_gid(funds.equity)})["product"]["liquidity"]
    # Confirmed 12-29, then 3 trading days: 12-30, 12-31 and a guessed 2027-01-01.
    assert equity == {"availableAfterDays": 4, "estimated": True}
    money = client.data(PRODUCT, {"id": product_gid(funds.mmf)})["product"]["liquidity"]
    assert money["estimated"] is False
    plan = client.data(
        'mutation { requestRecommendation(input: { amount: "500000", liquidityNeed: "0" }) { '
        "recommendation { earliestFullWithdrawal earliestFullWithdrawalEstimated allocations { "
        "product { code } } } userErrors { code } } }"
    )
    found = plan["requestRecommendation"]["recommendation"]
    assert "T-EQ" in {a["product"]["code"] for a in found["allocations"]}, found
    assert date.fromisoformat(found["earliestFullWithdrawal"]) > NEW_YEARS_EVE
    assert found["earliestFullWithdrawalEstimated"] is True
    calendars.import_2027(db, clock)
    equity = client.data(PRODUCT, {"id": product_gid(funds.equity)})["product"]["liquidity"]
    assert equity == {"availableAfterDays": 7, "estimated": False}  # 01-01 is a holiday: 01-04


DEMO_CLOCKS = [
    pytest.param(at(NEW_YEARS_EVE, 16), id="last-known-day-after-the-cut-off"),
    pytest.param(at(date(2026, 11, 28), 11), id="a-saturday", marks=pytest.mark.slow),
    pytest.param(at(date(2026, 10, 1), 10), id="national-day", marks=pytest.mark.slow),
    pytest.param(at(date(2026, 11, 30), 15, 30), id="a-month-end-after-the-cut-off", marks=pytest.mark.slow),
    pytest.param(at(date(2026, 12, 2), 9, 30), id="a-morning-before-the-cut-off", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("now", DEMO_CLOCKS)
def test_the_demo_loads_on_any_clock_the_calendar_knows(db, settings, now):
    """Weekends, holidays, month ends and either side of the cut-off: the demo loads with no
    ledger problem, and every order it placed carries trading days as its dates of record
    (a fast redemption is the exception: it is priced and paid on the calendar day itself).
    On the evening of the last known day the pending order waits for next year's notice."""
    from demo.seed import seed_all
    from investing.models import FundOrder
    from tests.wallet.conftest import ledger_problems
    from tradingcalendar import service as trading_calendar

    with db.write() as session:
        seeded = seed_all(session=session, clock=ManualClock(now), settings=settings)
    assert seeded["investing"]["orders"]
    if now.date() == NEW_YEARS_EVE:
        assert seeded["investing"]["pending"] is None  # no trade day for it until 2027 is imported
    else:
        assert seeded["investing"]["pending"] is not None
    assert ledger_problems(db) == []
    with db.read() as session:
        known = trading_calendar.calendar(session)
        dates = session.execute(
            select(FundOrder.trade_day, FundOrder.confirm_day, FundOrder.cash_day).where(FundOrder.fast.is_(False))
        ).all()
    assert dates
    assert [row for row in dates if not all(known.is_trading_day(day) for day in row if day is not None)] == []
