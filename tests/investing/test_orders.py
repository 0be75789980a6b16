"""Orders through the domain services (SQLite and PostgreSQL): subscriptions take the gross
cash at once, confirmation on T+1 at T's price, cancellation before the cut-off, redemptions
with fees by holding period and settlement days, lock-ups, the fast-redemption limit, and
idempotency keys. The clock starts on Thursday 2026-11-26 10:00 (Shanghai)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import DomainError
from investing import pricing
from investing.errors import InvestingErrorCode
from investing.kinds import DailyJob, OrderStatus
from ledger.accounts import ACCOUNTS
from ledger.entries import system_balance
from ledger.errors import LedgerErrorCode
from ledger.kinds import CNY, Purpose
from tests.investing.conftest import D

THU, FRI, MON = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 30)


def refused(call, code, field=None) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code, caught.value
    if field is not None:
        assert caught.value.field == field
    return caught.value


def test_a_subscription_takes_the_gross_amount_at_once_and_shows_the_fee_and_expected_units(db, funds, investor, desk):
    user = investor("C3")
    order = desk.order(desk.subscribe(user, funds.equity, "1012.00"))
    assert desk.cash(user) == D("98988.00")
    # A 1.2% front-end fee on the net amount: 1012.00 = 1000.00 + 12.00.
    assert (order.status, order.amount, order.fee, order.trade_day) == (OrderStatus.PENDING, 101200, 1200, THU)
    with db.read() as session:
        latest_nav = pricing.latest_price(pricing_product(session, funds.equity))
        assert system_balance(session, purpose=Purpose.FUND_SETTLEMENT, asset=CNY) == 101200
    assert order.expected_units == pricing.units_for(100000, latest_nav)
    assert desk.units(user, funds.equity) == 0
    assert desk.problems() == []


def pricing_product(session, product_id):
    from products.service import get_product

    return get_product(session=session, product_id=product_id)


def test_orders_are_confirmed_on_the_next_trading_day_at_the_trade_days_price(db, funds, investor, desk, catalogue):
    user = investor("C3")
    friday = desk.order(desk.subscribe(user, funds.mmf, "500.00"))  # Thursday 10:00: trade day Thursday
    desk.on(FRI, 16, 30)  # after the cut-off: trade day Monday
    equity = desk.order(desk.subscribe(user, funds.equity, "2024.00"))
    assert equity.trade_day == MON

    desk.on(FRI, 8)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    assert desk.order(friday.id).status is OrderStatus.CONFIRMED and desk.order(friday.id).confirm_day == FRI
    assert desk.units(user, funds.mmf) == D("500.00")

    desk.on(date(2026, 12, 1), 8)
    report = desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 1))
    assert [run.message for run in report.runs] == ["0 confirmed, 0 settled; 1 order(s) wait for the NAV of 2026-11-30"]
    assert desk.order(equity.id).status is OrderStatus.PENDING

    catalogue.record_nav(funds.equity, MON, "1.2000")
    report = desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 1))  # the same day again, now that the NAV is known
    assert report.runs[0].message == "1 confirmed, 0 failed, 0 settled"
    confirmed = desk.order(equity.id)
    # 2024.00 / 1.012 = 2000.00 net; 2000.00 / 1.2000 = 1666.666... units, rounded down.
    assert (confirmed.status, confirmed.nav, confirmed.units) == (OrderStatus.CONFIRMED, D("1.2000"), 166666)
    assert desk.units(user, funds.equity) == D("1666.66")
    assert desk.problems() == []


def test_an_order_can_be_cancelled_until_the_cut_off_of_its_trade_day(db, funds, investor, desk):
    user, stranger = investor("C3"), investor("C3")
    order_id = desk.subscribe(user, funds.mmf, "800.00")
    refused(lambda: desk.cancel(stranger, order_id), "NOT_FOUND", "orderId")
    desk.on(THU, 14, 59)
    assert desk.cancel(user, order_id) == order_id
    assert desk.cancel(user, order_id) == order_id  # again: nothing more happens
    assert desk.order(order_id).status is OrderStatus.CANCELLED
    assert desk.cash(user) == D("100000.00")

    late = desk.subscribe(user, funds.mmf, "300.00")
    desk.on(THU, 15, 0)
    error = refused(lambda: desk.cancel(user, late), InvestingErrorCode.CUT_OFF_PASSED, "orderId")
    assert "2026-11-26" in error.message
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    refused(lambda: desk.cancel(user, late), InvestingErrorCode.ORDER_NOT_CANCELLABLE, "orderId")
    assert desk.cash(user) == D("99700.00")
    assert desk.problems() == []


def test_a_cancelled_redemption_gives_the_units_back(db, funds, investor, desk):
    user = investor("C3")
    desk.subscribe(user, funds.mmf, "1000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    order_id = desk.redeem(user, funds.mmf, units="400.00")
    assert desk.units(user, funds.mmf) == D("600.00")
    desk.cancel(user, order_id)
    assert desk.units(user, funds.mmf) == D("1000.00")
    again = desk.redeem(user, funds.mmf, units="1000.00")  # the lots were given back too
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    assert desk.order(again).cash == 100000 and desk.cash(user) == D("100000.00")
    assert desk.problems() == []


def test_money_fund_redemptions_pay_on_confirmation(db, funds, investor, desk):
    user = investor("C3")
    desk.subscribe(user, funds.mmf, "1000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    order_id = desk.redeem(user, funds.mmf, amount="250.50")
    assert desk.units(user, funds.mmf) == D("749.50") and desk.cash(user) == D("99000.00")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    order = desk.order(order_id)
    assert (order.status, order.cash, order.cash_day) == (OrderStatus.CONFIRMED, 25050, MON)
    assert desk.cash(user) == D("99250.50")
    assert desk.problems() == []


def test_equity_redemption_fees_follow_the_holding_period_oldest_units_first(db, funds, investor, desk, catalogue):
    user = investor("C3")
    desk.subscribe(user, funds.equity, "10120.00")  # trade day Thu 11-26, NAV known
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)  # lot A, acquired Fri 11-27
    older = desk.units(user, funds.equity)
    desk.on(date(2026, 12, 2), 10)
    desk.subscribe(user, funds.equity, "1012.00")  # trade day Wed 12-02
    catalogue.record_nav(funds.equity, date(2026, 12, 2), "1.1000")
    desk.on(date(2026, 12, 3), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 3))  # lot B: 1000.00 / 1.1 = 909.09 units
    assert desk.units(user, funds.equity) == older + D("909.09")

    desk.on(date(2026, 12, 4), 10)  # trade day Fri 12-04
    order_id = desk.redeem(user, funds.equity, units=str(older + D("100.00")))
    catalogue.record_nav(funds.equity, date(2026, 12, 4), "1.2000")
    desk.on(date(2026, 12, 7), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 7))
    order = desk.order(order_id)
    # Lot A held 7 days (0.5%), the 100 units of lot B 1 day (1.5%), all at 1.2000.
    fee_a = (older * D("1.2") * D("0.005")).quantize(D("0.01"))
    fee_b = (D("100") * D("1.2") * D("0.015")).quantize(D("0.01"))
    gross = ((older + D("100")) * D("1.2")).quantize(D("0.01"))
    assert Decimal(order.fee).scaleb(-2) == fee_a + fee_b
    assert Decimal(order.cash).scaleb(-2) == gross - fee_a - fee_b
    # Equity funds pay 3 trading days after confirmation.
    assert order.cash_day == date(2026, 12, 10)
    cash_before = desk.cash(user)
    desk.on(date(2026, 12, 9), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 9))
    assert desk.cash(user) == cash_before
    desk.on(date(2026, 12, 10), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 10))
    assert desk.cash(user) == cash_before + Decimal(order.cash).scaleb(-2)
    assert desk.problems() == []


def test_locked_products_refuse_redemption_with_the_unlock_date(db, funds, investor, desk):
    saver, qualified = investor("C3"), investor("C5", deposit="1200000")
    desk.subscribe(saver, funds.p2p, "5000.00")
    desk.subscribe(qualified, funds.abs_unit, "1000000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    error = refused(
        lambda: desk.redeem(saver, funds.p2p, units="100.00"), InvestingErrorCode.REDEMPTION_LOCKED, "units"
    )
    assert "until 2027-02-25" in error.message  # 90 days after the confirmation on 2026-11-27
    error = refused(
        lambda: desk.redeem(qualified, funds.abs_unit, units="1.00"), InvestingErrorCode.REDEMPTION_LOCKED, "units"
    )
    assert "until 2027-11-26" in error.message  # the maturity date
    assert desk.units(saver, funds.p2p) == D("5000.00")
    assert desk.problems() == []


def test_the_fast_redemption_limit_spans_the_days_redemptions(db, funds, investor, desk):
    user = investor("C1")
    desk.subscribe(user, funds.mmf, "30000.00")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    desk.on(FRI, 11)
    desk.redeem(user, funds.mmf, amount="4000.00", fast=True)
    desk.redeem(user, funds.mmf, units="5000.00", fast=True)
    assert desk.cash(user) == D("79000.00")  # at once
    error = refused(
        lambda: desk.redeem(user, funds.mmf, amount="2000.00", fast=True),
        InvestingErrorCode.FAST_REDEMPTION_LIMIT,
        "amount",
    )
    assert "¥1,000.00 is left today" in error.message
    desk.redeem(user, funds.mmf, amount="1000.00", fast=True)
    error = refused(
        lambda: desk.redeem(user, funds.mmf, amount="0.01", fast=True), InvestingErrorCode.FAST_REDEMPTION_LIMIT
    )
    assert "¥0.00 is left today" in error.message
    desk.redeem(user, funds.mmf, amount="2000.00")  # the rest can be redeemed normally
    desk.on(date(2026, 11, 28), 0, 1)  # a new (calendar) day, a new limit
    desk.redeem(user, funds.mmf, amount="10000.00", fast=True)
    assert desk.cash(user) == D("90000.00")
    refused(
        lambda: desk.redeem(user, funds.mmf_t1, amount="1.00", fast=True),
        InvestingErrorCode.FAST_REDEMPTION_NOT_AVAILABLE,
        "fast",
    )
    assert desk.problems() == []


def test_a_retried_order_does_not_buy_twice(db, funds, investor, desk):
    user = investor("C3")
    first = desk.subscribe(user, funds.mmf, "100.00", idempotency="buy-1")
    assert desk.subscribe(user, funds.mmf, "100.00", idempotency="buy-1") == first
    refused(
        lambda: desk.subscribe(user, funds.mmf, "200.00", idempotency="buy-1"), LedgerErrorCode.IDEMPOTENCY_KEY_REUSED
    )
    assert desk.cash(user) == D("99900.00") and len(desk.orders_of(user)) == 1


def test_a_retry_returns_its_order_even_after_the_product_went_off_sale(db, funds, investor, desk, catalogue):
    from products.kinds import ProductStatus

    user = investor("C1")
    bought = desk.subscribe(user, funds.mmf, "20000.00", idempotency="buy")
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    sold = desk.redeem(user, funds.mmf, amount="100.00", fast=True, idempotency="sell")
    catalogue.set_status(funds.mmf, ProductStatus.SUSPENDED)
    # The answers the first requests got, not a refusal and never a second order.
    assert desk.subscribe(user, funds.mmf, "20000.00", idempotency="buy") == bought
    assert desk.redeem(user, funds.mmf, amount="100.00", fast=True, idempotency="sell") == sold
    refused(
        lambda: desk.subscribe(user, funds.mmf, "20000.00", idempotency="new"), InvestingErrorCode.PRODUCT_NOT_ON_SALE
    )
    assert desk.cash(user) == D("80100.00") and len(desk.orders_of(user)) == 2
    assert desk.problems() == []


def test_several_orders_in_one_transaction_are_all_or_nothing(db, funds, investor, settings, clock, desk):
    """What plan execution relies on: a refusal anywhere rolls every order back."""
    from investing import orders

    user = investor("C3", deposit="3000")
    with pytest.raises(DomainError) as caught, db.write() as session:
        for product_id, amount in ((funds.mmf, "1000"), (funds.equity, "1500"), (funds.mmf, "800")):
            orders.subscribe(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                product_id=product_id,
                amount=D(amount),
            )
    assert caught.value.code == LedgerErrorCode.INSUFFICIENT_FUNDS
    assert desk.cash(user) == D("3000.00") and desk.orders_of(user) == []
    with db.read() as session:
        assert (
            session.execute(
                ACCOUNTS.select().where(ACCOUNTS.c.user_id == user.id, ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS))
            ).all()
            == []
        )


def test_an_order_for_a_product_closed_before_confirmation_fails_and_returns_the_cash(
    db, funds, investor, desk, catalogue
):
    from products.kinds import ProductStatus

    user = investor("C3")
    order_id = desk.subscribe(user, funds.equity, "1012.00")
    catalogue.set_status(funds.equity, ProductStatus.SUSPENDED)
    catalogue.set_status(funds.equity, ProductStatus.CLOSED)
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    order = desk.order(order_id)
    assert order.status is OrderStatus.FAILED and order.confirm_day is None
    assert desk.cash(user) == D("100000.00") and desk.units(user, funds.equity) == 0
    assert desk.problems() == []
