"""Loan products pay their holders (coupons, principal) and defaults recorded by the product
manager reduce the payouts by the loss given default."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import select

from investing.kinds import DailyJob
from investing.models import LoanPayment
from products.kinds import LiquidityKind, ProductKind
from products.terms import FeeTier
from tests.ids import product_gid
from tests.investing.conftest import D
from tests.products.conftest import loan_terms

CONFIRMED = date(2026, 11, 27)


def fen(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_DOWN)


def payments_of(db, user):
    with db.read() as session:
        return session.execute(
            select(LoanPayment.__table__).where(LoanPayment.user_id == user.id).order_by(LoanPayment.period)
        ).all()


def test_an_abs_unit_pays_coupons_while_the_pool_revolves_then_amortises(db, catalogue, investor, desk):
    abs_unit = catalogue.on_sale(
        ProductKind.ABS_UNIT,
        "T-ABS-6M",
        lock_days=180,
        loan=loan_terms(ProductKind.ABS_UNIT, rate=D("0.05"), term_months=6, revolving_months=3),
    )
    holder = investor("C5", deposit="1200000")
    desk.subscribe(holder, abs_unit, "1200000.00")
    desk.on(CONFIRMED, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, CONFIRMED)
    # The product started on 11-26: it revolves to 02-26 and matures on 05-26 (for every holder).
    dues = [
        date(2026, 12, 27),
        date(2027, 1, 27),
        date(2027, 2, 27),
        date(2027, 3, 27),
        date(2027, 4, 27),
        date(2027, 5, 26),
    ]
    for due in dues[:2]:
        desk.on(due, 9)
        desk.run(DailyJob.PROCESS_LOANS, due)
    assert desk.units(holder, abs_unit) == D("1200000.00")  # interest only while the pool revolves
    desk.on(dues[-1], 9)
    desk.run(DailyJob.PROCESS_LOANS, dues[-1])  # months 3 to 6 at once: a missed run catches up
    paid = payments_of(db, holder)
    assert [p.due_day for p in paid] == dues
    assert [p.principal for p in paid] == [0, 0, 30_000_000, 30_000_000, 30_000_000, 30_000_000]
    outstanding, start, coupons = D("1200000"), CONFIRMED, []
    for p in paid:
        coupons.append(fen(outstanding * D("0.05") * (p.due_day - start).days / 365))
        outstanding -= Decimal(p.principal).scaleb(-2)
        start = p.due_day
    assert [Decimal(p.interest).scaleb(-2) for p in paid] == coupons
    assert desk.units(holder, abs_unit) == 0
    assert desk.cash(holder) == D("1200000.00") + sum(coupons)
    assert desk.problems() == []


CREDIT_EVENT = """mutation($i: RecordCreditEventInput!) { recordCreditEvent(input: $i) {
  creditEvent { productId date defaultedFraction } userErrors { field code message } } }"""


def test_defaults_recorded_by_the_product_manager_reduce_payouts_by_the_loss_given_default(
    db, gql, funds, investor, desk, clock
):
    holder = investor("C3")
    desk.subscribe(holder, funds.p2p, "5000.00")  # bullet, 3 months at 7.3%, recovery 40%: LGD 60%
    desk.on(CONFIRMED, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, CONFIRMED)
    desk.on(date(2027, 1, 10), 12)
    manager = gql.as_user("pm1@example.com")
    recorded = manager.data(
        CREDIT_EVENT, {"i": {"productId": product_gid(funds.p2p), "date": "2027-01-10", "defaultedFraction": "0.05"}}
    )["recordCreditEvent"]
    assert recorded == {
        "creditEvent": {"productId": product_gid(funds.p2p), "date": "2027-01-10", "defaultedFraction": "0.05"},
        "userErrors": [],
    }
    for values, code, field in (
        (
            {"productId": product_gid(funds.mmf), "date": "2027-01-10", "defaultedFraction": "0.05"},
            "WRONG_PRODUCT_KIND",
            "productId",
        ),
        (
            {"productId": product_gid(funds.p2p), "date": "2027-01-11", "defaultedFraction": "0.05"},
            "DATE_IN_FUTURE",
            "date",
        ),
        (
            {"productId": product_gid(funds.p2p), "date": "2027-01-09", "defaultedFraction": "1.5"},
            "INVALID_INPUT",
            "defaultedFraction",
        ),
        (
            {"productId": product_gid(funds.p2p), "date": "2027-01-10", "defaultedFraction": "0.06"},
            "DUPLICATE_DATE",
            "date",
        ),
        ({"productId": "999999", "date": "2027-01-10", "defaultedFraction": "0.06"}, "PRODUCT_NOT_FOUND", "productId"),
    ):
        errors = manager.data(CREDIT_EVENT, {"i": values})["recordCreditEvent"]["userErrors"]
        assert [(e["code"], e["field"]) for e in errors] == [(code, field)]
    customer = gql.as_user(holder.email)
    assert (
        customer.data(
            CREDIT_EVENT,
            {"i": {"productId": product_gid(funds.p2p), "date": "2027-01-09", "defaultedFraction": "0.01"}},
        )["recordCreditEvent"]["userErrors"][0]["code"]
        == "FORBIDDEN"
    )

    maturity = date(2027, 2, 27)
    desk.on(maturity, 9)
    desk.run(DailyJob.PROCESS_LOANS, maturity)
    (payment,) = payments_of(db, holder)
    keep = 1 - D("0.05") * D("0.6")  # 3% of every payment due after the event is lost
    interest = fen(D("5000") * D("0.073") * 92 / 365)
    assert Decimal(payment.interest).scaleb(-2) == fen(interest * keep)
    assert Decimal(payment.principal).scaleb(-2) == fen(D("5000") * keep) == D("4850.00")
    assert Decimal(payment.loss).scaleb(-2) == interest + D("5000") - fen(interest * keep) - D("4850.00")
    assert desk.units(holder, funds.p2p) == 0  # the principal is retired in full; the lost part written off
    assert desk.cash(holder) == D("95000.00") + fen(interest * keep) + D("4850.00")
    assert desk.problems() == []


def test_a_p2p_plan_in_instalments_repays_principal_monthly(db, catalogue, investor, desk):
    plan = catalogue.on_sale(
        ProductKind.P2P_LOAN,
        "T-P2P-INST",
        risk_level="R2",
        lock_days=92,
        liquidity=LiquidityKind.LOCKED,
        loan=loan_terms(ProductKind.P2P_LOAN, rate=D("0.12"), term_months=3, repayment_method="EQUAL_INSTALMENTS"),
    )
    holder = investor("C3")
    desk.subscribe(holder, plan, "3000.00")
    desk.on(CONFIRMED, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, CONFIRMED)
    for due in (date(2026, 12, 27), date(2027, 1, 27), date(2027, 2, 27)):
        desk.on(due, 9)
        desk.run(DailyJob.PROCESS_LOANS, due)
    assert [p.principal for p in payments_of(db, holder)] == [100000, 100000, 100000]
    assert desk.units(holder, plan) == 0
    assert desk.problems() == []


def test_the_revolving_period_belongs_to_the_product_not_to_each_purchase(db, catalogue, investor, desk, clock):
    from tests import calendars

    calendars.import_2027(db, clock)
    abs_unit = catalogue.on_sale(  # started Thursday 2026-11-26: revolving to 2027-02-26
        ProductKind.ABS_UNIT,
        "T-ABS-R",
        lock_days=365,
        loan=loan_terms(ProductKind.ABS_UNIT, rate=D("0.05"), term_months=12, revolving_months=3),
    )
    late = investor("C5", deposit="1200000")
    desk.on(date(2027, 3, 10), 10)  # after the product's revolving period
    desk.subscribe(late, abs_unit, "1200000.00")
    desk.on(date(2027, 3, 11), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2027, 3, 11))
    desk.on(date(2027, 4, 11), 9)
    desk.run(DailyJob.PROCESS_LOANS, date(2027, 4, 11))
    [first] = payments_of(db, late)
    assert first.principal > 0  # amortising with the pool from its first payment
    # Its principal comes back in equal parts up to the product's maturity (2027-11-26).
    assert first.principal == 120_000_000 // 9  # periods due 04-11 .. 11-11, and the last on 11-26
    assert desk.problems() == []


def test_the_early_amortisation_trigger_applies_to_real_payments(db, gql, catalogue, investor, desk, clock):
    from tests import calendars

    calendars.import_2027(db, clock)
    abs_unit = catalogue.on_sale(  # 36 months in 3 yearly steps; revolving 24 months; trigger 5%
        ProductKind.ABS_UNIT,
        "T-ABS-T",
        lock_days=1095,
        loan=loan_terms(
            ProductKind.ABS_UNIT,
            rate=D("0.05"),
            term_months=36,
            revolving_months=24,
            early_amortisation_trigger=D("0.05"),
        ),
    )
    holder = investor("C5", deposit="1200000")
    desk.subscribe(holder, abs_unit, "1200000.00")
    desk.on(CONFIRMED, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, CONFIRMED)
    desk.on(date(2027, 3, 1), 12)
    recorded = gql.as_user("pm1@example.com").data(
        CREDIT_EVENT, {"i": {"productId": product_gid(abs_unit), "date": "2027-03-01", "defaultedFraction": "0.06"}}
    )["recordCreditEvent"]
    assert recorded["userErrors"] == []
    desk.on(date(2027, 12, 28), 9)
    desk.run(DailyJob.PROCESS_LOANS, date(2027, 12, 28))
    paid = payments_of(db, holder)
    # The first year's defaults (6%) exceed the trigger: amortisation starts at the end of that
    # step (2027-11-26), not after the 24 months of revolving.
    assert all(p.principal == 0 for p in paid if p.due_day <= date(2027, 11, 26))
    assert any(p.principal > 0 for p in paid if p.due_day > date(2027, 11, 26))
    assert desk.problems() == []


def test_an_early_exit_pays_the_interest_accrued_to_the_exit_less_the_fee(db, catalogue, investor, desk, clock):
    p2p = catalogue.on_sale(
        ProductKind.P2P_LOAN,
        "T-P2P-X",
        liquidity=LiquidityKind.NEXT_DAY,
        lock_days=None,
        loan=loan_terms(ProductKind.P2P_LOAN, rate=D("0.073"), term_months=12, early_exit=True),
        redemption_fees=[FeeTier(0, D("0.01"))],
    )
    holder = investor("C3", deposit="10000")
    desk.subscribe(holder, p2p, "10000.00")
    desk.on(CONFIRMED, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, CONFIRMED)  # acquired 11-27
    desk.on(date(2026, 12, 28), 10)  # trade day 12-28, exit (confirmation) 12-29
    order = desk.redeem(holder, p2p, units=str(desk.units(holder, p2p)))
    desk.on(date(2026, 12, 29), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 29))
    view = desk.order(order)
    principal = D("10000.00")
    accrued = fen(principal * D("0.073") * 32 / 365)  # 11-27 .. 12-29
    fee = ((principal + accrued) * D("0.01")).quantize(D("0.01"))
    assert Decimal(view.cash).scaleb(-2) == principal + accrued - fee
    assert desk.problems() == []


def test_an_early_exit_from_an_abs_unit_pays_the_interest_accrued_since_the_last_coupon_less_the_fee(
    db, catalogue, investor, desk
):
    abs_unit = catalogue.on_sale(
        ProductKind.ABS_UNIT,
        "T-ABS-X",
        liquidity=LiquidityKind.NEXT_DAY,
        lock_days=None,
        loan=loan_terms(ProductKind.ABS_UNIT, rate=D("0.045"), term_months=24, revolving_months=12),
        redemption_fees=[FeeTier(0, D("0.01"))],
    )
    holder = investor("C5", deposit="1000000")
    desk.subscribe(holder, abs_unit, "1000000.00")
    desk.on(CONFIRMED, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, CONFIRMED)  # acquired 11-27
    desk.on(date(2026, 12, 27), 9)
    desk.run(DailyJob.PROCESS_LOANS, date(2026, 12, 27))  # the first coupon: interest only, the pool revolves
    [coupon] = payments_of(db, holder)
    principal = D("1000000.00")
    assert coupon.principal == 0 and coupon.interest > 0
    cash_after_coupon = desk.cash(holder)
    desk.on(date(2026, 12, 29), 10)  # trade day Tuesday 12-29, exit (confirmation) 12-30
    order = desk.redeem(holder, abs_unit, units=str(desk.units(holder, abs_unit)))
    desk.on(date(2026, 12, 30), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 12, 30))
    view = desk.order(order)
    accrued = fen(principal * D("0.045") * 3 / 365)  # 12-27 (the last coupon's due day) .. 12-30
    fee = ((principal + accrued) * D("0.01")).quantize(D("0.01"))
    assert Decimal(view.cash).scaleb(-2) == principal + accrued - fee
    desk.on(view.cash_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, view.cash_day)
    assert desk.cash(holder) == cash_after_coupon + principal + accrued - fee
    desk.run(DailyJob.PROCESS_LOANS, view.cash_day)  # nothing more: the units are gone
    assert len(payments_of(db, holder)) == 1 and desk.units(holder, abs_unit) == 0
    assert desk.problems() == []
