"""Bad input is refused with a clear userError (code and field) and nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from products.kinds import ProductKind
from products.models import AuditEntry, IncomePoint, NavPoint, Product
from tests.ids import product_gid
from tests.products.gqlops import CREATE, RECORD_INCOME, RECORD_NAV, UPDATE, new_product


def stored(db) -> tuple[int, ...]:
    with db.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Product, AuditEntry, NavPoint, IncomePoint)
        )


def only_error(payload) -> tuple[str, str | None]:
    assert payload["product"] is None
    assert len(payload["userErrors"]) == 1, payload
    return payload["userErrors"][0]["code"], payload["userErrors"][0]["field"]


CREATE_CASES = [
    (
        "negative fee",
        new_product("EQUITY_FUND", "BAD-1", subscriptionFeeRate="-0.01"),
        "INVALID_FEE",
        "subscriptionFeeRate",
    ),
    ("fee of 100%", new_product("EQUITY_FUND", "BAD-1", managementFeeRate="1"), "INVALID_FEE", "managementFeeRate"),
    (
        "negative minimum",
        new_product("MONEY_FUND", "BAD-1", minimumAmount="-1.00"),
        "INVALID_MINIMUM_AMOUNT",
        "minimumAmount",
    ),
    ("float-like minimum", new_product("MONEY_FUND", "BAD-1", minimumAmount="1e3"), "INVALID_AMOUNT", "minimumAmount"),
    ("R1 equity fund", new_product("EQUITY_FUND", "BAD-1", riskLevel="R1"), "INVALID_RISK_LEVEL", "riskLevel"),
    ("R1 P2P product", new_product("P2P_LOAN", "BAD-1", riskLevel="R1"), "INVALID_RISK_LEVEL", "riskLevel"),
    ("R1 ABS unit", new_product("ABS_UNIT", "BAD-1", riskLevel="R1"), "INVALID_RISK_LEVEL", "riskLevel"),
    ("R3 money fund", new_product("MONEY_FUND", "BAD-1", riskLevel="R3"), "INVALID_RISK_LEVEL", "riskLevel"),
    (
        "T+0 above the regulatory 10,000",
        new_product("MONEY_FUND", "BAD-1", fastRedemptionLimit="10000.01"),
        "INVALID_LIQUIDITY",
        "fastRedemptionLimit",
    ),
    (
        "ABS below 1,000,000 a subscription",
        new_product("ABS_UNIT", "BAD-1", minimumAmount="999999.99"),
        "INVALID_MINIMUM_AMOUNT",
        "minimumAmount",
    ),
    ("ABS open to everyone", new_product("ABS_UNIT", "BAD-1", qualifiedOnly=False), "QUALIFIED_ONLY", "qualifiedOnly"),
    (
        "no short-holding fee",
        new_product("EQUITY_FUND", "BAD-1", redemptionFees=[{"minHoldingDays": 0, "rate": "0.005"}]),
        "INVALID_FEE",
        "redemptionFees",
    ),
    ("bad code", new_product("MONEY_FUND", "a b"), "INVALID_CODE", "code"),
    ("empty name", new_product("MONEY_FUND", "BAD-1", nameEn="  "), "INVALID_NAME", "nameEn"),
    ("locked without a term", new_product("ABS_UNIT", "BAD-1", lockDays=None), "INVALID_LIQUIDITY", "lockDays"),
    (
        "P2P not locked",
        new_product("P2P_LOAN", "BAD-1", liquidity="SAME_DAY", lockDays=None),
        "INVALID_LIQUIDITY",
        "liquidity",
    ),
    (
        "equity cash after 8 days",
        new_product("EQUITY_FUND", "BAD-1", redemptionSettlementDays=8),
        "INVALID_LIQUIDITY",
        "redemptionSettlementDays",
    ),
    (
        "P2P terms on an ABS unit",
        new_product("ABS_UNIT", "BAD-1", absTerms=None, p2pTerms={"annualRate": "0.1"}),
        "WRONG_PRODUCT_KIND",
        "p2pTerms",
    ),
    (
        "default probability of 1",
        new_product("P2P_LOAN", "BAD-1", p2pTerms={"defaultProbability": "1"}),
        "INVALID_LOAN_TERMS",
        "p2pTerms.defaultProbability",
    ),
    (
        "recovery above 100%",
        new_product("P2P_LOAN", "BAD-1", p2pTerms={"recoveryRate": "1.5"}),
        "INVALID_LOAN_TERMS",
        "p2pTerms.recoveryRate",
    ),
    (
        "a guarantor covering everything",
        new_product("P2P_LOAN", "BAD-1", p2pTerms={"lossCover": "GUARANTOR", "lossCoverRatio": "1"}),
        "INVALID_LOAN_TERMS",
        "p2pTerms.lossCoverRatio",
    ),
    (
        "detachment below attachment",
        new_product("ABS_UNIT", "BAD-1", absTerms={"creditEnhancement": "0.2", "detachment": "0.1"}),
        "INVALID_LOAN_TERMS",
        "absTerms.detachment",
    ),
    (
        "coupon with 7 decimals",
        new_product("ABS_UNIT", "BAD-1", absTerms={"couponRate": "0.0450001"}),
        "INVALID_DECIMAL",
        "absTerms.couponRate",
    ),
    # Bounds that keep date arithmetic (unlock day, trading days after it) inside the calendar.
    (
        "locked for more than 50 years",
        new_product("P2P_LOAN", "BAD-1", lockDays=18_263),
        "INVALID_LIQUIDITY",
        "lockDays",
    ),
    (
        "locked for the largest Int",
        new_product("P2P_LOAN", "BAD-1", lockDays=2**31 - 1),
        "INVALID_LIQUIDITY",
        "lockDays",
    ),
    (
        "maturity in 2100",
        new_product("P2P_LOAN", "BAD-1", lockDays=None, maturityDate="2100-01-01"),
        "INVALID_LIQUIDITY",
        "maturityDate",
    ),
    (
        "maturity at the end of the calendar",
        new_product("ABS_UNIT", "BAD-1", lockDays=None, maturityDate="9999-12-31", redemptionSettlementDays=5),
        "INVALID_LIQUIDITY",
        "maturityDate",
    ),
]


@pytest.mark.parametrize(("case", "data", "code", "field"), CREATE_CASES, ids=[case[0] for case in CREATE_CASES])
def test_create_refuses_bad_terms(db, as_pm1, case, data, code, field):
    before = stored(db)
    assert only_error(as_pm1.data(CREATE, {"i": data})["createProduct"]) == (code, field)
    assert stored(db) == before


def test_the_longest_lock_and_the_latest_maturity_still_have_a_liquidity(as_pm1):
    longest = new_product("P2P_LOAN", "LOCK-50Y", lockDays=18_262)
    latest = new_product("ABS_UNIT", "MAT-2099", lockDays=None, maturityDate="2099-12-31", redemptionSettlementDays=5)
    for data in (longest, latest):
        payload = as_pm1.data(CREATE, {"i": data})["createProduct"]
        assert payload["userErrors"] == []
        shown = as_pm1.data(
            "query($id: ID!) { product(id: $id) { liquidity { availableAfterDays } } }",
            {"id": payload["product"]["id"]},
        )["product"]
        assert shown["liquidity"]["availableAfterDays"] >= 18_262 - 365


def test_a_code_is_taken_once(db, as_pm1):
    as_pm1.data(CREATE, {"i": new_product("MONEY_FUND", "MMF-1")})
    before = stored(db)
    again = as_pm1.data(CREATE, {"i": new_product("EQUITY_FUND", "mmf-1")})["createProduct"]
    assert only_error(again) == ("DUPLICATE_CODE", "code")
    assert stored(db) == before


def test_unknown_products_are_reported_on_the_product_id(db, as_pm1, clock):
    for document, data in [
        (UPDATE, {"productId": "999", "nameEn": "x"}),
        (UPDATE, {"productId": "not-a-number", "nameEn": "x"}),
        (RECORD_NAV, {"productId": "999", "date": str(clock.today()), "nav": "1.0"}),
        (RECORD_INCOME, {"productId": "999", "date": str(clock.today()), "incomePer10kUnits": "0.5"}),
    ]:
        payload = next(iter(as_pm1.data(document, {"i": data}).values()))
        assert only_error(payload) == ("PRODUCT_NOT_FOUND", "productId")


@pytest.mark.parametrize(
    ("nav", "day_offset", "code", "field"),
    [
        ("0", 0, "INVALID_NAV", "nav"),
        ("-1.2000", 0, "INVALID_NAV", "nav"),
        ("1.23456", 0, "INVALID_DECIMAL", "nav"),
        ("1.2000", 1, "DATE_IN_FUTURE", "date"),
    ],
)
def test_record_nav_refuses_bad_values(db, catalogue, as_pm1, clock, nav, day_offset, code, field):
    from datetime import timedelta

    product_id = catalogue.create(ProductKind.EQUITY_FUND)
    before = stored(db)
    day = clock.today() + timedelta(days=day_offset)
    payload = as_pm1.data(RECORD_NAV, {"i": {"productId": product_gid(product_id), "date": str(day), "nav": nav}})[
        "recordNav"
    ]
    assert only_error(payload) == (code, field)
    assert stored(db) == before


def test_navs_and_incomes_go_to_the_right_kind(db, catalogue, as_pm1, clock):
    money, equity, loan = (
        catalogue.create(kind) for kind in (ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND, ProductKind.P2P_LOAN)
    )
    before = stored(db)
    today = str(clock.today())
    for document, product_id, value in [
        (RECORD_NAV, money, {"nav": "1.0001"}),
        (RECORD_NAV, loan, {"nav": "1.0001"}),
        (RECORD_INCOME, equity, {"incomePer10kUnits": "0.5"}),
    ]:
        payload = next(
            iter(as_pm1.data(document, {"i": {"productId": product_gid(product_id), "date": today, **value}}).values())
        )
        assert only_error(payload) == ("WRONG_PRODUCT_KIND", "productId")
    assert stored(db) == before


def test_update_refuses_bad_terms_and_keeps_the_product(db, catalogue, as_pm1):
    product_id = product_gid(catalogue.on_sale(ProductKind.P2P_LOAN))
    before = stored(db)
    for data, expected in [
        ({"subscriptionFeeRate": "-0.001"}, ("INVALID_FEE", "subscriptionFeeRate")),
        ({"riskLevel": "R1"}, ("INVALID_RISK_LEVEL", "riskLevel")),
        ({"p2pTerms": {"annualRate": None}}, ("INSUFFICIENT_DATA", "p2pTerms.annualRate")),
        ({"absTerms": {"couponRate": "0.05"}}, ("WRONG_PRODUCT_KIND", "absTerms")),
        ({"riskLevel": None}, ("INVALID_INPUT", "riskLevel")),
        ({"minimumAmount": None}, ("INVALID_INPUT", "minimumAmount")),
        ({"liquidity": None}, ("INVALID_INPUT", "liquidity")),
        ({"nameEn": None}, ("INVALID_INPUT", "nameEn")),
        ({"lockDays": None}, ("INVALID_LIQUIDITY", "lockDays")),  # locked, so it needs a term
    ]:
        payload = as_pm1.data(UPDATE, {"i": {"productId": product_gid(product_id), **data}})["updateProduct"]
        assert only_error(payload) == expected
    assert stored(db) == before
