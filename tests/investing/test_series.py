"""The portfolio's charts (``me.portfolio { valueSeries incomeSeries }``) against a simple
reference: a simulated month (weekends and the National Day closures included) of orders,
redemptions, cancellations, guarantee payments, NAVs and money-fund income, in which the
home screen's own figures (``portfolio_of``) are written down at the end of every day. The
series, computed afterwards for the whole range at once, must show exactly those figures."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from investing import series
from investing.kinds import DailyJob
from investing.portfolio import portfolio_of
from products import prices
from products.kinds import ProductKind
from tests.investing.conftest import at
from tradingcalendar.service import calendar as trading_calendar
from wallet import payments

D = Decimal
START = date(2026, 9, 24)  # a Thursday: two weekends and the National Day week (1-7 October) follow
DAYS = 24

VALUE = """query($from: Date, $to: Date, $max: Int) { me { portfolio {
  valueSeries(from: $from, to: $to, maxPoints: $max) { date value } } } }"""
INCOME = """query($from: Date, $to: Date, $max: Int) { me { portfolio {
  incomeSeries(from: $from, to: $to, maxPoints: $max) { date value } } } }"""


@pytest.fixture
def autumn(clock):
    """The clock on START before the catalogue and the customers are made."""
    clock.set(at(START, 9))
    return clock


class Month:
    """The simulated month and what the home screen showed at the end of each day."""

    def __init__(self, db, clock, settings, funds, desk, catalogue, owner, other) -> None:
        self.db, self.clock, self.settings = db, clock, settings
        self.funds, self.desk, self.catalogue = funds, desk, catalogue
        self.owner, self.other = owner, other
        self.rng = random.Random(15)
        self.nav = D("1.0000")
        self.values: dict[date, Decimal] = {}
        self.incomes: dict[date, Decimal] = {}
        self.held_payments: list[int] = []

    def run(self) -> None:
        with self.db.read() as session:
            known = trading_calendar(session)
            self.nav = prices.nav_on(session=session, product_id=self.funds.equity, day=START)
        for offset in range(DAYS):
            day = START + timedelta(days=offset)
            open_ = known.is_trading_day(day)
            if offset:
                self.clock.set(at(day, 8))
                if offset > 1:  # the fund's history runs to START
                    income = f"0.{self.rng.randint(3000, 7000)}"
                    self.catalogue.record_income(self.funds.mmf, day - timedelta(days=1), income)
                if open_:
                    self.desk.run(DailyJob.CONFIRM_ORDERS, day)
                self.desk.run(DailyJob.ACCRUE_INCOME, day - timedelta(days=1))
            self.clock.set(at(day, 10))
            self._act(day)
            if open_ and offset:  # the fund's NAVs run to START
                self.clock.set(at(day, 15, 30))
                self.nav += D(self.rng.randint(-150, 200)).scaleb(-4)
                self.catalogue.record_nav(self.funds.equity, day, str(self.nav))
            self.clock.set(at(day, 23, 59))
            with self.db.read() as session:
                view = portfolio_of(session=session, user_id=self.owner.id, clock=self.clock)
            self.values[day] = view.total_value
            if offset:  # yesterday's credited income: money funds and coupons, not an equity fund's move
                self.incomes[day - timedelta(days=1)] = sum(
                    (h.yesterday_income for h in view.holdings if h.kind is not ProductKind.EQUITY_FUND), D(0)
                )

    def _act(self, day: date) -> None:
        rng, desk, owner, funds = self.rng, self.desk, self.owner, self.funds
        if day == START:
            desk.subscribe(owner, funds.mmf, "20000")
            desk.subscribe(owner, funds.equity, "8000")
            return
        choice = rng.random()
        if choice < 0.25:
            desk.subscribe(owner, rng.choice([funds.mmf, funds.equity]), str(rng.randint(100, 2000)))
        elif choice < 0.4 and desk.units(owner, funds.equity) > 200:
            desk.redeem(owner, funds.equity, units=str(rng.randint(10, 150)))
        elif choice < 0.55 and desk.units(owner, funds.mmf) > 3000:
            desk.redeem(owner, funds.mmf, amount=str(rng.randint(10, 900)), fast=rng.random() < 0.5)
        elif choice < 0.65:
            order = desk.subscribe(owner, funds.equity, "300")
            desk.cancel(owner, order)
        elif choice < 0.8:
            with self.db.write() as session:
                paid = payments.pay(
                    session=session,
                    clock=self.clock,
                    settings=self.settings,
                    payer_id=owner.id,
                    payee=self.other.email,
                    amount=D(rng.randint(5, 300)),
                    idempotency_key=f"pay-{day}",
                    guarantee=True,
                )
                self.held_payments.append(paid.payment_id)
        elif self.held_payments:
            with self.db.write() as session:
                payments.confirm(
                    session=session, clock=self.clock, user_id=owner.id, payment_id=self.held_payments.pop(0)
                )


@pytest.fixture
def month(autumn, db, settings, funds, desk, catalogue, investor) -> Month:
    owner, other = investor("C3", deposit="50000"), investor("C3", deposit="0", email="other@example.com")
    simulated = Month(db, autumn, settings, funds, desk, catalogue, owner, other)
    simulated.run()
    return simulated


def _points(answer: dict, field: str) -> list[tuple[date, Decimal]]:
    return [(date.fromisoformat(p["date"]), D(p["value"])) for p in answer["me"]["portfolio"][field]]


def test_the_value_and_income_charts_show_what_the_home_screen_showed_each_day(month, gql):
    client = gql.as_user(month.owner.email)
    last = START + timedelta(days=DAYS - 1)
    everything = {"from": "2026-01-01", "to": str(last), "max": 1000}
    values = _points(client.data(VALUE, everything), "valueSeries")
    assert values == sorted(month.values.items())  # from the first money moved, every day, to the fen
    incomes = _points(client.data(INCOME, everything), "incomeSeries")
    assert incomes == sorted(month.incomes.items())  # up to yesterday: today's income is credited tomorrow
    assert sum(value for _, value in incomes) > 0

    short = _points(client.data(VALUE, {**everything, "max": 5}), "valueSeries")
    assert len(short) == 5 and short[0] == values[0] and short[-1] == values[-1] and set(short) <= set(values)
    default = _points(client.data(VALUE, {}), "valueSeries")  # the year to today
    assert default == values


def test_the_charts_take_the_same_few_statements_for_a_week_or_the_whole_range(month, db):
    def statements(first: date, last: date) -> int:
        count = 0

        def seen(*_args) -> None:
            nonlocal count
            count += 1

        with db.read() as session:
            engine = session.get_bind()
            event.listen(engine, "before_cursor_execute", seen)
            try:
                for chart in (series.value_series, series.income_series):
                    chart(
                        session=session, user_id=month.owner.id, first_day=first, last_day=last, zone=month.clock.zone
                    )
            finally:
                event.remove(engine, "before_cursor_execute", seen)
        return count

    week = statements(START, START + timedelta(days=6))
    assert week == statements(START, START + timedelta(days=DAYS - 1)) <= 16


def test_a_chart_of_nobody_s_money_is_empty_and_bad_ranges_are_refused(gql, investor, autumn):
    for locale, message in (("en", "`to` is before `from`."), ("zh-CN", "`to` 早于 `from`。")):
        client = gql.as_user(investor("C3", deposit="0", locale=locale).email)
        assert client.data(VALUE, {})["me"]["portfolio"]["valueSeries"] == []
        refused = client.execute(INCOME, {"from": "2026-09-20", "to": "2026-09-01"})
        assert refused["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
        assert refused["errors"][0]["message"] == message
