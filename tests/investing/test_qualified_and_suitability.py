"""Qualified investors by the regulatory floors (ABS units: ¥1,000,000 a subscription, at most
200 holders, the private-fund test; other qualified-only products: a holding floor by asset
class), suitability on the verified age at each order, and a T+0 cap no one can raise."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import DomainError
from demo.questionnaire import DEMO_ANSWERS, answer_inputs
from investing import fund_payments
from products.kinds import ProductKind
from products.qualified import AssetClass
from questionnaire import service as questionnaire_service
from questionnaire.registry import registry
from tests.investing.conftest import D
from tests.products.conftest import common_terms, loan_terms, nav_points
from tests.wallet.conftest import card_number, id_number
from wallet import cash, identity

# Qualified for asset-management products (2+ years, income over 400k) but not by the
# private-fund test (financial assets under 3m, income under 500k).
AM_ONLY = {**DEMO_ANSWERS["dave@example.com"], "average_income_3y": "450000", "financial_assets": "1600000"}


def refused(call, code: str) -> DomainError:
    with pytest.raises(DomainError) as error:
        call()
    assert str(error.value.code) == code, error.value
    return error.value


def assess_with(db, clock, user_id: int, answers: dict) -> None:
    questionnaire = registry().offered
    with db.write() as session:
        questionnaire_service.submit_assessment(
            session=session,
            clock=clock,
            user_id=user_id,
            questionnaire_id=questionnaire.id,
            answers=answer_inputs(questionnaire, answers),
        )


def test_abs_units_need_a_million_a_subscription_the_private_fund_test_and_at_most_200_holders(
    db, catalogue, investor, desk, clock, monkeypatch
):
    from core import qualified
    from products import service

    with pytest.raises(DomainError) as low, db.write() as session:
        service.create_product(
            session=session,
            clock=clock,
            settings=desk.settings,
            actor=catalogue.pm1,
            kind=ProductKind.ABS_UNIT,
            common=common_terms(ProductKind.ABS_UNIT, "T-ABS-LOW", minimum_amount=D("999999")),
            loan=loan_terms(ProductKind.ABS_UNIT),
        )
    assert str(low.value.code) == "INVALID_MINIMUM_AMOUNT"
    abs_unit = catalogue.on_sale(
        ProductKind.ABS_UNIT,
        "T-ABS-1M",
        lock_days=720,
        minimum_amount=D("1000000"),
        loan=loan_terms(ProductKind.ABS_UNIT),
    )
    am_only = investor("C5", deposit="0")
    assess_with(db, clock, am_only.id, AM_ONLY)
    with db.write() as session:
        cash.deposit(
            session=session,
            clock=clock,
            settings=desk.settings,
            user_id=am_only.id,
            amount=D("1000000"),
            idempotency_key="big",
        )
    refused(lambda: desk.subscribe(am_only, abs_unit, "1000000.00"), "SUITABILITY_FORBIDDEN")
    monkeypatch.setattr(qualified, "ABS_MAX_HOLDERS", 2)
    holders = [investor("C5", deposit="1000000") for _ in range(3)]  # erin's answers: 6m financial assets
    desk.subscribe(holders[0], abs_unit, "1000000.00")
    desk.subscribe(holders[1], abs_unit, "1000000.00")
    refused(lambda: desk.subscribe(holders[2], abs_unit, "1000000.00"), "TOO_MANY_HOLDERS")


def test_other_qualified_only_products_need_a_holding_floor_after_the_order(db, catalogue, investor, desk, clock):
    fund = catalogue.on_sale(
        ProductKind.EQUITY_FUND,
        "T-QBOND",
        qualified_only=True,
        risk_level="R2",
        asset_class=AssetClass.FIXED_INCOME,
        history_points=nav_points(400, end=clock.today()),
    )
    saver = investor("C5", deposit="400000")
    error = refused(lambda: desk.subscribe(saver, fund, "100000.00"), "BELOW_QUALIFIED_HOLDING")
    assert "300,000" in error.message
    desk.subscribe(saver, fund, "300000.00")
    desk.subscribe(saver, fund, "1000.00")  # the holding stays above the floor: a small top-up is fine


def test_the_verified_age_at_the_order_decides_the_elderly_and_minor_rules(
    db, funds, investor, desk, clock, make_user, settings
):
    # Born 1961-11-27: 64 when assessed (Thursday 2026-11-26), 65 on Friday.
    user = make_user()
    with db.write() as session:
        identity.verify_identity(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            real_name="Old Timer",
            id_number=id_number("11010519611127123"),
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            card_number=card_number(),
            holder_name="Old Timer",
            bank_name="ICBC",
        )
        cash.deposit(
            session=session, clock=clock, settings=settings, user_id=user.id, amount=D("50000"), idempotency_key="d"
        )
    assess_with(db, clock, user.id, {**DEMO_ANSWERS["erin@example.com"], "age": "64"})
    desk.subscribe(user, funds.risky, "1000.00")  # R5, C5, 64: allowed
    desk.on(date(2026, 11, 27), 10)
    error = refused(lambda: desk.subscribe(user, funds.risky, "1000.00"), "ACKNOWLEDGEMENT_REQUIRED")
    assert "65" in error.message and error.field == "acknowledgedWarningId"

    minor = make_user()
    with db.write() as session:
        identity.verify_identity(
            session=session,
            clock=clock,
            settings=settings,
            user_id=minor.id,
            real_name="Young One",
            id_number=id_number("11010520100101123"),
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=minor.id,
            card_number=card_number(),
            holder_name="Young One",
            bank_name="ICBC",
        )
        cash.deposit(
            session=session, clock=clock, settings=settings, user_id=minor.id, amount=D("5000"), idempotency_key="d"
        )
    with db.read() as session:
        assert identity.verified_age(session, minor.id, today=date(2026, 11, 27)) == 16
    # Answers claiming a 40-year-old C4 investor: the identity says 16, so R1 products only.
    assess_with(db, clock, minor.id, DEMO_ANSWERS["dave@example.com"])
    error = refused(lambda: desk.subscribe(minor, funds.equity, "100.00"), "SUITABILITY_FORBIDDEN")
    assert "18" in error.message
    desk.subscribe(minor, funds.mmf, "100.00")  # R1


def test_an_account_verified_before_birth_dates_were_kept_uses_the_questionnaires_age_until_it_verifies_again(
    db, funds, investor, desk, clock, settings, make_user
):
    from sqlalchemy import update

    from wallet.models import WalletProfile

    user = make_user()
    number = id_number("11010519900307123")  # born 1990: 36
    with db.write() as session:
        identity.verify_identity(
            session=session, clock=clock, settings=settings, user_id=user.id, real_name="Early Bird", id_number=number
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            card_number=card_number(),
            holder_name="Early Bird",
            bank_name="ICBC",
        )
        cash.deposit(
            session=session, clock=clock, settings=settings, user_id=user.id, amount=D("10000"), idempotency_key="d"
        )
        session.execute(update(WalletProfile).where(WalletProfile.user_id == user.id).values(birth_date=None))
    assess_with(db, clock, user.id, {**DEMO_ANSWERS["erin@example.com"], "age": "70"})
    refused(lambda: desk.subscribe(user, funds.risky, "100.00"), "ACKNOWLEDGEMENT_REQUIRED")  # the answer: 70
    with db.write() as session:  # verifying again keeps the birth date the number carries
        identity.verify_identity(
            session=session, clock=clock, settings=settings, user_id=user.id, real_name="Early Bird", id_number=number
        )
    desk.subscribe(user, funds.risky, "100.00")  # the identity: 36


def test_paying_from_the_money_fund_is_not_a_cash_out_and_the_cap_never_exceeds_10000(
    db, funds, investor, desk, settings, clock, catalogue
):
    from tests.conftest import test_settings

    with pytest.raises(ValueError):
        test_settings(fast_redemption_daily_limit=Decimal("20000"))
    payer, payee = investor("C1", deposit="30000"), investor("C1", deposit="0")
    desk.subscribe(payer, funds.mmf, "30000.00")
    desk.on(date(2026, 11, 27), 9)
    desk.run("CONFIRM_ORDERS", date(2026, 11, 27))
    desk.redeem(payer, funds.mmf, amount="10000.00", fast=True)  # today's T+0 cap used up
    with db.write() as session:
        paid = fund_payments.pay(
            session=session,
            clock=clock,
            settings=settings,
            payer_id=payer.id,
            payee=payee.email,
            amount=D("15000"),
            idempotency_key="p",
            source="MONEY_FUND",
        )
    assert paid.payment_id and desk.cash(payee) == D("15000.00")
    assert desk.units(payer, funds.mmf) == D("5000.00")
    assert desk.problems() == []


def test_a_product_manager_sets_the_asset_class_over_graphql_and_it_decides_the_holding_floor(
    gql, db, catalogue, investor, desk, clock
):
    from tests.ids import product_gid
    from tests.products.gqlops import CREATE, UPDATE, change_terms, new_product

    pm1, pm2 = gql.as_user("pm1@example.com"), gql.as_user("pm2@example.com")
    fields = CREATE.replace("qualifiedOnly", "qualifiedOnly assetClass")
    # The kind only suggests one: an equity-fund kind is EQUITY unless the manager says otherwise.
    suggested = pm1.data(fields, {"i": new_product("EQUITY_FUND", "AC-1")})["createProduct"]
    assert suggested["userErrors"] == [] and suggested["product"]["assetClass"] == "EQUITY"
    bond = pm1.data(fields, {"i": new_product("EQUITY_FUND", "AC-2", assetClass="FIXED_INCOME")})["createProduct"]
    assert bond["userErrors"] == [] and bond["product"]["assetClass"] == "FIXED_INCOME"
    draft = pm1.data(
        UPDATE.replace("qualifiedOnly", "qualifiedOnly assetClass"),
        {"i": {"productId": bond["product"]["id"], "assetClass": "MIXED"}},
    )["updateProduct"]
    assert draft["userErrors"] == [] and draft["product"]["assetClass"] == "MIXED"
    wrong = pm1.execute(fields, {"i": new_product("EQUITY_FUND", "AC-3", assetClass="GOLD")})
    assert wrong.get("errors")  # not one of the four: refused by the schema

    # On sale, qualified-only: the equity floor (1,000,000) until a second manager approves FIXED_INCOME.
    fund = catalogue.on_sale(
        ProductKind.EQUITY_FUND,
        "T-QFI",
        qualified_only=True,
        risk_level="R2",
        history_points=nav_points(400, end=clock.today()),
    )
    saver = investor("C5", deposit="400000")
    error = refused(lambda: desk.subscribe(saver, fund, "300000.00"), "BELOW_QUALIFIED_HOLDING")
    assert "1,000,000" in error.message
    approved = change_terms(pm1, pm2, fund, assetClass="FIXED_INCOME")
    assert approved["userErrors"] == []
    product = pm1.data("query($id: ID!) { product(id: $id) { assetClass } }", {"id": product_gid(fund)})
    assert product["product"]["assetClass"] == "FIXED_INCOME"
    desk.subscribe(saver, fund, "300000.00")  # the fixed-income floor


def test_a_partial_redemption_may_not_leave_a_qualified_holding_below_its_floor_but_everything_may_go(
    db, catalogue, investor, desk, clock
):
    from datetime import date

    from investing.kinds import DailyJob, OrderStatus

    fund = catalogue.on_sale(
        ProductKind.EQUITY_FUND,
        "T-QBOND-R",
        qualified_only=True,
        risk_level="R2",
        asset_class=AssetClass.FIXED_INCOME,  # floor 300,000
        history_points=nav_points(400, end=clock.today()),
    )
    saver = investor("C5", deposit="400000")
    desk.subscribe(saver, fund, "350000.00")
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    held = desk.units(saver, fund)
    desk.on(date(2026, 11, 27), 10)
    half = (held / 2).quantize(D("0.01"))
    error = refused(lambda: desk.redeem(saver, fund, units=str(half)), "REDEMPTION_BELOW_QUALIFIED_HOLDING")
    assert "300,000" in error.message and str(f"{held:,.2f}") in error.message and error.field == "units"
    assert desk.units(saver, fund) == held  # nothing left the holding
    small = (held / 20).quantize(D("0.01"))  # about 17,000 of 345,000: the rest stays above the floor
    assert desk.order(desk.redeem(saver, fund, units=str(small))).status is OrderStatus.PENDING
    rest = desk.units(saver, fund)
    refused(lambda: desk.redeem(saver, fund, units=str(rest - D("0.01"))), "REDEMPTION_BELOW_QUALIFIED_HOLDING")
    everything = desk.redeem(saver, fund, units=str(rest))  # redeeming everything is always allowed
    assert desk.order(everything).status is OrderStatus.PENDING and desk.units(saver, fund) == 0
    assert desk.problems() == []


def test_the_qualified_figures_live_in_one_module_read_by_both_sides():
    from core import qualified
    from products import qualified as product_rules
    from questionnaire import scoring

    # The questionnaire's tests and the catalogue's floors are the same objects of core.qualified.
    assert scoring.is_qualified_investor is qualified.is_qualified_investor
    assert scoring.passes_private_fund_test is qualified.passes_private_fund_test
    assert product_rules.AssetClass is qualified.AssetClass
    assert not hasattr(product_rules, "HOLDING_FLOORS") and not hasattr(product_rules, "ABS_MIN_SUBSCRIPTION")
    assert (
        D("3000000"),
        D("500000"),
    ) == (qualified.PRIVATE_FUND_MIN_FINANCIAL_ASSETS, qualified.PRIVATE_FUND_MIN_AVERAGE_INCOME_3Y)
