"""Fund switching (转换): one order sells units of a fund and buys another of the same manager and
registrar, both at the trade day's NAV, confirmed T+1, with the source's redemption fee plus
the difference of subscription fees; nothing passes through the wallet. The clock starts on
Thursday 2026-11-26 10:00 (Shanghai)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import CommonErrorCode, DomainError
from investing import series, switching
from investing.errors import InvestingErrorCode
from investing.history import page as history_page
from investing.kinds import DailyJob, OrderSide, OrderStatus
from investing.orders import switched_into
from ledger.errors import LedgerErrorCode
from products.kinds import ProductKind, ProductStatus
from tests.ids import product_gid
from tests.investing.conftest import D, snapshot
from tests.products.conftest import income_points, nav_points

THU, FRI, MON, TUE = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1)
SHANGHAI_FUNDS, REGISTRAR = "Test Issuer", "China Securities Depository"


@pytest.fixture
def family(catalogue, clock):
    """Funds of one manager and registrar that allow switching (a growth fund with a 1.2%
    subscription fee, a bond fund with 0.6% and one with 1.5%, a money fund), and one that
    does not and one of another registrar."""
    today = clock.today()
    navs = nav_points(400, end=today)

    def fund(code: str, *, fee: str = "0.012", registrar: str = REGISTRAR, switchable: bool = True, **terms) -> int:
        return catalogue.on_sale(
            ProductKind.EQUITY_FUND,
            code,
            history_points=navs,
            subscription_fee_rate=D(fee),
            registrar=registrar,
            switchable=switchable,
            **terms,
        )

    return {
        "growth": fund("S-GROWTH"),
        "bond": fund("S-BOND", fee="0.006"),
        "dear": fund("S-DEAR", fee="0.015"),
        "locked_out": fund("S-NOSWITCH", switchable=False),
        "elsewhere": fund("S-OTHER-TA", registrar="Another Registrar"),
        "mmf": catalogue.on_sale(
            ProductKind.MONEY_FUND,
            "S-MMF",
            history_points=income_points(10, end=today),
            registrar=REGISTRAR,
            switchable=True,
        ),
    }


def switch(desk, user, source: int, target: int, **kwargs) -> int:
    with desk.db.write() as session:
        return switching.switch_fund(
            session=session,
            clock=desk.clock,
            settings=desk.settings,
            user_id=user.id,
            from_product_id=source,
            to_product_id=target,
            **{k: (D(v) if k in ("units", "amount") else v) for k, v in kwargs.items()},
        ).order_id


def holder_of(desk, catalogue, product_id: int, user, amount: str = "20240.00"):
    """The user buys ``amount`` of the fund on Thursday; it is confirmed on Friday morning."""
    desk.subscribe(user, product_id, amount)
    desk.on(FRI, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, FRI)
    return desk.units(user, product_id)


def expected(units: int, source_nav: str, target_nav: str, fee_rate: str, rate_difference: str) -> tuple[int, ...]:
    """The switch's figures computed by hand (fen, hundredths of a unit)."""
    gross = (Decimal(units) / 100 * Decimal(source_nav)).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    fee = (Decimal(units) / 100 * Decimal(source_nav) * Decimal(fee_rate)).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    proceeds = gross - fee
    invested = (proceeds / (1 + max(Decimal(0), Decimal(rate_difference)))).quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    bought = (invested / Decimal(target_nav)).quantize(Decimal("0.01"), ROUND_DOWN)
    return tuple(int(x * 100) for x in (gross, fee, proceeds - invested, invested, bought))


def test_a_switch_sells_and_buys_at_the_trade_days_navs_with_the_fee_difference(db, family, investor, desk, catalogue):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    cash_before = desk.cash(user)
    desk.on(FRI, 10)
    order_id = switch(desk, user, family["growth"], family["dear"], units=str(held), idempotency="sw-1")
    placed = desk.order(order_id)
    assert (placed.side, placed.status, placed.trade_day, placed.confirm_day) == (
        OrderSide.REDEEM,
        OrderStatus.PENDING,
        FRI,
        MON,
    )
    assert placed.switch_to_product_id == family["dear"]
    assert desk.units(user, family["growth"]) == 0  # the units left the holding at once
    catalogue.record_nav(family["growth"], FRI, "1.2500")
    catalogue.record_nav(family["dear"], FRI, "0.8000")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)

    source = desk.order(order_id)
    units = int(held * 100)
    # Held since Friday's confirmation, switched the same day: the 1.5% fee of units held under
    # 7 days; the target's subscription fee is 0.3 points above the source's.
    gross, fee, switch_fee, _invested, bought = expected(units, "1.2500", "0.8000", "0.015", "0.003")
    assert (source.status, source.nav, source.fee, source.cash) == (
        OrderStatus.CONFIRMED,
        D("1.2500"),
        fee,
        gross - fee,
    )
    with db.read() as session:
        target = switched_into(session, order_id=order_id, user_id=user.id)
    assert (target.side, target.status, target.product_id) == (
        OrderSide.SUBSCRIBE,
        OrderStatus.CONFIRMED,
        family["dear"],
    )
    assert (target.amount, target.fee, target.units, target.nav) == (gross - fee, switch_fee, bought, D("0.8000"))
    assert (target.trade_day, target.confirm_day) == (FRI, MON)
    assert desk.units(user, family["dear"]) == D(bought) / 100
    assert desk.cash(user) == cash_before  # no cash passed through the wallet
    with db.read() as session:
        lines = history_page(session, user_id=user.id, limit=10, after=None)
    line = lines[0]
    assert line.kind.value == "SWITCH" and line.fee == fee + switch_fee
    assert "into Product S-DEAR" in line.description.en and "转换为产品 S-DEAR" in line.description.zh
    assert desk.problems() == []


def test_switching_to_a_cheaper_fund_charges_only_the_redemption_fee(db, family, investor, desk, catalogue):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    half = (held / 2).quantize(D("0.01"), ROUND_DOWN)
    order_id = switch(desk, user, family["growth"], family["bond"], units=str(half))
    catalogue.record_nav(family["growth"], FRI, "1.1000")
    catalogue.record_nav(family["bond"], FRI, "1.0300")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    with db.read() as session:
        target = switched_into(session, order_id=order_id, user_id=user.id)
    _gross, _fee, switch_fee, _invested, bought = expected(int(half * 100), "1.1000", "1.0300", "0.015", "-0.006")
    assert switch_fee == 0 and (target.fee, target.units) == (0, bought)
    assert desk.units(user, family["growth"]) == held - half
    assert desk.problems() == []


def test_a_switch_waits_for_both_navs_and_a_late_run_still_prices_at_the_trade_day(
    db, family, investor, desk, catalogue
):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    order_id = switch(desk, user, family["growth"], family["bond"], units=str(held))
    catalogue.record_nav(family["growth"], FRI, "1.2000")  # the target's NAV is late
    desk.on(MON, 9)
    report = desk.run(DailyJob.CONFIRM_ORDERS, MON)
    assert desk.order(order_id).status is OrderStatus.PENDING
    assert any(run.result.value == "WAITING" for run in report.runs)
    catalogue.record_nav(family["bond"], FRI, "1.0100")
    catalogue.record_nav(family["bond"], MON, "1.5000")  # a later NAV must not be used
    desk.on(TUE, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, TUE)
    source = desk.order(order_id)
    with db.read() as session:
        target = switched_into(session, order_id=order_id, user_id=user.id)
    assert (source.status, source.confirm_day, target.confirm_day, target.nav) == (
        OrderStatus.CONFIRMED,
        MON,
        MON,
        D("1.0100"),
    )
    desk.run(DailyJob.CONFIRM_ORDERS, TUE)  # again: nothing more
    assert len([o for o in desk.orders_of(user) if o.switch_of == order_id]) == 1
    assert desk.problems() == []


def test_a_switch_cancelled_before_the_cut_off_gives_the_units_back_and_buys_nothing(
    db, family, investor, desk, catalogue
):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    order_id = switch(desk, user, family["growth"], family["dear"], units=str(held))
    desk.on(FRI, 14, 59)
    desk.cancel(user, order_id)
    assert desk.units(user, family["growth"]) == held
    catalogue.record_nav(family["growth"], FRI, "1.2000")
    catalogue.record_nav(family["dear"], FRI, "1.0000")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    assert desk.units(user, family["dear"]) == 0
    assert desk.order(order_id).status is OrderStatus.CANCELLED
    assert desk.problems() == []


def test_a_switch_whose_target_closed_meanwhile_pays_the_cash_to_the_wallet(db, family, investor, desk, catalogue):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    cash_before = desk.cash(user)
    desk.on(FRI, 10)
    order_id = switch(desk, user, family["growth"], family["bond"], units=str(held))
    catalogue.record_nav(family["growth"], FRI, "1.2000")
    catalogue.set_status(family["bond"], ProductStatus.SUSPENDED)
    catalogue.set_status(family["bond"], ProductStatus.CLOSED)
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    source = desk.order(order_id)
    assert source.status is OrderStatus.CONFIRMED and source.cash_day is not None
    with db.read() as session:
        assert switched_into(session, order_id=order_id, user_id=user.id) is None
    desk.on(source.cash_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, source.cash_day)
    assert desk.cash(user) == cash_before + D(source.cash) / 100
    assert desk.problems() == []


@pytest.mark.parametrize(
    ("source", "target", "code", "field"),
    [
        ("growth", "elsewhere", InvestingErrorCode.SWITCH_NOT_ALLOWED, "toProductId"),  # another registrar
        ("growth", "locked_out", InvestingErrorCode.SWITCH_NOT_ALLOWED, "toProductId"),
        ("locked_out", "growth", InvestingErrorCode.SWITCH_NOT_ALLOWED, "fromProductId"),
        ("growth", "growth", CommonErrorCode.INVALID_INPUT, "toProductId"),
    ],
)
def test_switches_the_funds_do_not_allow_are_refused_and_book_nothing(
    db, family, investor, desk, catalogue, source, target, code, field
):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.subscribe(user, family["locked_out"], "1000.00")
    desk.on(FRI, 10)
    before = snapshot(db)
    with pytest.raises(DomainError) as caught:
        switch(desk, user, family[source], family[target], units=str(held))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert snapshot(db) == before


def test_a_switch_needs_the_units_and_a_retry_switches_once(db, family, investor, desk, catalogue):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    with pytest.raises(DomainError) as caught:
        switch(desk, user, family["growth"], family["bond"], units=str(held + 1))
    assert caught.value.code is InvestingErrorCode.INSUFFICIENT_UNITS
    first = switch(desk, user, family["growth"], family["bond"], units="100.00", idempotency="k")
    assert switch(desk, user, family["growth"], family["bond"], units="100.00", idempotency="k") == first
    with pytest.raises(DomainError) as caught:
        switch(desk, user, family["growth"], family["bond"], units="200.00", idempotency="k")
    assert caught.value.code is LedgerErrorCode.IDEMPOTENCY_KEY_REUSED
    assert desk.units(user, family["growth"]) == held - 100


def test_a_switch_is_no_flow_for_the_portfolio_but_a_sale_and_a_purchase_for_each_holding(
    db, family, investor, desk, catalogue, clock
):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    switch(desk, user, family["growth"], family["bond"], units=str(held))
    catalogue.record_nav(family["growth"], FRI, "1.2000")
    catalogue.record_nav(family["bond"], FRI, "1.0000")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)

    def monday(product_ids=None):
        with db.read() as session:
            days = series.holding_days(
                session=session, user_id=user.id, first_day=MON, last_day=MON, zone=clock.zone, product_ids=product_ids
            )
        return days[-1]

    whole, source, target = monday(), monday({family["growth"]}), monday({family["bond"]})
    assert (whole.inflow, whole.outflow) == (0, 0)
    assert source.outflow == target.inflow > 0 and source.value == 0
    assert target.value == whole.value


def test_product_managers_name_the_registrar_of_a_switchable_fund(catalogue):
    with pytest.raises(DomainError) as caught:
        catalogue.on_sale(ProductKind.EQUITY_FUND, "S-NOTA", switchable=True)
    assert caught.value.field == "registrar"
    with pytest.raises(DomainError) as caught:
        catalogue.on_sale(ProductKind.P2P_LOAN, "S-LOAN", switchable=True, registrar=REGISTRAR, lock_days=90)
    assert (caught.value.code.value, caught.value.field) == ("WRONG_PRODUCT_KIND", "switchable")


@given(
    units=st.integers(1, 10**9),
    source_nav=st.decimals("0.0100", "9.9999", places=4),
    target_nav=st.decimals("0.0100", "9.9999", places=4),
    fee_rate=st.sampled_from(["0", "0.005", "0.015"]),
    difference=st.decimals("-0.02", "0.02", places=4),
)
def test_a_switchs_figures_add_up_and_never_charge_for_a_cheaper_target(
    units, source_nav, target_nav, fee_rate, difference
):
    gross = int((Decimal(units) / 100 * source_nav).quantize(Decimal("0.01"), ROUND_HALF_EVEN) * 100)
    redemption_fee = int((Decimal(gross) * Decimal(fee_rate)).quantize(Decimal(1), ROUND_HALF_EVEN))
    figures = switching.amounts(
        units=units,
        source_price=source_nav,
        target_price=target_nav,
        redemption_fee=redemption_fee,
        fee_difference=difference,
    )
    assert figures.gross == gross
    assert figures.invested + figures.switch_fee + figures.redemption_fee == figures.gross
    assert figures.switch_fee >= 0 and (difference > 0 or figures.switch_fee == 0)
    # the target's units are rounded down: never worth more than what was invested
    assert Decimal(figures.units) * target_nav <= Decimal(figures.invested)
    assert (Decimal(figures.units) + 1) * target_nav > Decimal(figures.invested)


SWITCH = (
    "mutation($i: SwitchFundInput!) { switchFund(input: $i) { order { id side status switchTo { code } } "
    "userErrors { field code message } } }"
)


def test_switch_fund_over_graphql(gql, db, family, investor, desk, catalogue):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    client = gql.as_user(user.email)
    refused = client.data(
        SWITCH,
        {
            "i": {
                "fromProductId": product_gid(family["growth"]),
                "toProductId": product_gid(family["elsewhere"]),
                "units": str(held),
                "idempotencyKey": "g-1",
            }
        },
    )["switchFund"]
    assert refused["order"] is None
    assert [(e["field"], e["code"]) for e in refused["userErrors"]] == [("toProductId", "SWITCH_NOT_ALLOWED")]
    placed = client.data(
        SWITCH,
        {
            "i": {
                "fromProductId": product_gid(family["growth"]),
                "toProductId": product_gid(family["bond"]),
                "units": str(held),
                "idempotencyKey": "g-2",
            }
        },
    )["switchFund"]
    assert placed["userErrors"] == []
    assert (placed["order"]["side"], placed["order"]["status"], placed["order"]["switchTo"]["code"]) == (
        "REDEEM",
        "PENDING",
        "S-BOND",
    )


def correct_nav(db, catalogue, product_id: int, day: date, nav: str):
    """One product manager corrects ``day``'s NAV, a second approves it: the re-pricing's outcome."""
    from investing import repricing
    from products import history

    with db.write() as session:
        request = history.request_nav_correction(
            session=session, clock=catalogue.clock, actor=catalogue.pm1, product_id=product_id, day=day, nav=D(nav)
        )
    with db.write() as session:
        return repricing.approve_nav_correction(
            session=session, clock=catalogue.clock, actor=catalogue.pm2, correction_id=request.id
        )[1]


def repricing_rows(db, order_ids):
    from sqlalchemy import select

    from investing.models import OrderRepricing

    with db.read() as session:
        rows = session.scalars(
            select(OrderRepricing).where(OrderRepricing.order_id.in_(order_ids)).order_by(OrderRepricing.id)
        ).all()
        return [(r.order_id, r.units_delta, r.cash_delta, r.borne, r.entry_id is not None) for r in rows]


def test_a_corrected_source_nav_reprices_a_switch_into_its_target_never_the_wallet(
    db, family, investor, desk, catalogue
):
    from sqlalchemy import select

    from investing.models import FundLot

    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    order_id = switch(desk, user, family["growth"], family["dear"], units=str(held))
    catalogue.record_nav(family["growth"], FRI, "1.2500")
    catalogue.record_nav(family["dear"], FRI, "0.8000")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    units = int(held * 100)
    with db.read() as session:
        switch_in = switched_into(session, order_id=order_id, user_id=user.id)
    cash_before, proceeds_before, units_before = desk.cash(user), desk.order(order_id).cash, switch_in.units
    desk.on(TUE, 10)

    # Friday's source NAV was too low: the registrar re-runs the switch at 1.3000.
    higher = correct_nav(db, catalogue, family["growth"], FRI, "1.3000")
    gross, fee, switch_fee, _invested, bought = expected(units, "1.3000", "0.8000", "0.015", "0.003")
    assert bought > units_before
    assert (higher.orders, higher.cash_paid, higher.units_issued, higher.switched_in) == (
        1,
        0,
        bought - units_before,
        gross - fee - proceeds_before,
    )
    assert desk.cash(user) == cash_before  # nothing paid to the wallet
    assert desk.units(user, family["dear"]) == D(bought) / 100
    source = desk.order(order_id)
    assert (source.nav, source.fee, source.cash) == (D("1.3000"), fee, gross - fee)
    with db.read() as session:
        switch_in = switched_into(session, order_id=order_id, user_id=user.id)
        lot = session.scalars(select(FundLot).where(FundLot.order_id == switch_in.id)).one()
    assert (switch_in.amount, switch_in.fee, switch_in.units, switch_in.nav) == (
        gross - fee,
        switch_fee,
        bought,
        D("0.8000"),
    )
    assert (lot.units, lot.units_left, lot.cost, lot.cost_left) == (bought, bought, gross - fee, gross - fee)
    assert repricing_rows(db, [order_id, switch_in.id]) == [
        (order_id, 0, gross - fee - proceeds_before, 0, True),  # the extra proceeds went into the target
        (switch_in.id, bought - units_before, 0, 0, True),  # and bought these units
    ]

    # Corrected again, below what was paid: nothing is taken back, the holder keeps the target units.
    lower = correct_nav(db, catalogue, family["growth"], FRI, "1.1000")
    assert (lower.orders, lower.units_issued, lower.cash_paid, lower.switched_in) == (1, 0, 0, 0)
    low_gross, low_fee, *_ = expected(units, "1.1000", "0.8000", "0.015", "0.003")
    assert lower.borne == (gross - fee) - (low_gross - low_fee)
    assert desk.units(user, family["dear"]) == D(bought) / 100 and desk.cash(user) == cash_before
    assert desk.order(order_id).cash == gross - fee
    assert desk.problems() == []


def test_a_corrected_target_nav_reprices_the_switch_in_like_a_subscription(db, family, investor, desk, catalogue):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    switch(desk, user, family["growth"], family["dear"], units=str(held))
    catalogue.record_nav(family["growth"], FRI, "1.2500")
    catalogue.record_nav(family["dear"], FRI, "0.8000")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    desk.on(TUE, 10)
    cash_before = desk.cash(user)
    outcome = correct_nav(db, catalogue, family["dear"], FRI, "0.7500")  # the target was dearer than it was
    _gross, _fee, _switch_fee, _invested, bought = expected(int(held * 100), "1.2500", "0.7500", "0.015", "0.003")
    assert outcome.orders == 1 and outcome.units_issued > 0
    assert desk.units(user, family["dear"]) == D(bought) / 100 and desk.cash(user) == cash_before
    # ... and a later correction of the source re-runs the switch at the target's corrected NAV.
    correct_nav(db, catalogue, family["growth"], FRI, "1.3000")
    _gross, _fee, _switch_fee, _invested, bought = expected(int(held * 100), "1.3000", "0.7500", "0.015", "0.003")
    assert desk.units(user, family["dear"]) == D(bought) / 100 and desk.cash(user) == cash_before
    assert desk.problems() == []


def test_a_corrected_source_nav_pays_a_switch_whose_target_closed_in_cash_and_says_so(
    db, family, investor, desk, catalogue
):
    user = investor("C3")
    held = holder_of(desk, catalogue, family["growth"], user)
    desk.on(FRI, 10)
    order_id = switch(desk, user, family["growth"], family["dear"], units=str(held))
    catalogue.record_nav(family["growth"], FRI, "1.2500")
    catalogue.record_nav(family["dear"], FRI, "0.8000")
    desk.on(MON, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, MON)
    units_before, cash_before = desk.units(user, family["dear"]), desk.cash(user)
    catalogue.set_status(family["dear"], ProductStatus.SUSPENDED)
    catalogue.set_status(family["dear"], ProductStatus.CLOSED)
    desk.on(TUE, 10)
    proceeds_before = desk.order(order_id).cash
    outcome = correct_nav(db, catalogue, family["growth"], FRI, "1.3000")
    gross, fee, *_ = expected(int(held * 100), "1.3000", "0.8000", "0.015", "0.003")
    more = (gross - fee) - proceeds_before
    assert (outcome.cash_paid, outcome.units_issued, outcome.switched_in) == (more, 0, 0)
    assert desk.cash(user) == cash_before + D(more) / 100 and desk.units(user, family["dear"]) == units_before
    with db.read() as session:
        lines = history_page(session, user_id=user.id, limit=10, after=None)
    assert lines[0].kind.value == "PRICE_CORRECTION"
    assert desk.problems() == []
