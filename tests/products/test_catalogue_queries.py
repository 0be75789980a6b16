"""What customers and staff see in the catalogue: visibility, filters, sort orders and
paging, figures for an amount, the catalogue version, and a product list whose number of
SQL statements does not grow with the number of products."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from products.kinds import ProductKind
from tests.ids import product_gid
from tests.products.gqlops import LIST, UPDATE, change_terms


def codes(client, **variables) -> list[str]:
    return [node["code"] for node in client.data(LIST, {"first": 100, **variables})["products"]["nodes"]]


@pytest.fixture
def shelf(catalogue):
    """One on-sale product of each kind, a draft, and a suspended product."""
    from products import lifecycle
    from products.kinds import ProductStatus

    ids = {kind: catalogue.on_sale(kind) for kind in ProductKind}
    ids["draft"] = catalogue.ready(ProductKind.EQUITY_FUND, code="DRAFT-EQ")
    ids["suspended"] = catalogue.on_sale(ProductKind.MONEY_FUND, code="SUSP-MMF")
    with catalogue.db.write() as session:
        lifecycle.change_status(
            session=session,
            clock=catalogue.clock,
            actor=catalogue.pm1,
            product_id=ids["suspended"],
            status=ProductStatus.SUSPENDED,
        )
    return {key: catalogue.code_of(value) for key, value in ids.items()}


def test_customers_see_products_on_sale_except_private_placements(shelf, as_customer, gql):
    public = {shelf[kind] for kind in (ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND, ProductKind.P2P_LOAN)}
    assert set(codes(as_customer)) == public
    assert set(codes(gql)) == public  # signed out: the same public catalogue


def _assess(db, clock, user, **answers) -> None:
    """``user`` answers the risk questionnaire through the questionnaire package, now."""
    from demo.questionnaire import answer_inputs
    from questionnaire import service
    from tests.questionnaire.helpers import offered, with_answers

    with db.write() as session:
        service.submit_assessment(
            session=session,
            clock=clock,
            user_id=user.id,
            questionnaire_id=offered().id,
            answers=answer_inputs(offered(), with_answers(**answers)),
        )


# Household financial assets of 6,000,000 CNY and 6 years of experience: a qualified investor.
QUALIFIED = dict(financial_assets="6000000", net_assets="9000000")


def test_private_placements_are_shown_to_qualified_investors_with_a_current_assessment(
    shelf, db, clock, gql, make_user
):
    from datetime import timedelta

    qualified, ordinary, lapsed = (make_user(f"{name}@example.com") for name in ("qualified", "ordinary", "lapsed"))
    now = clock.now()
    clock.set(now - timedelta(days=400))  # answered 13 months ago: expired today
    _assess(db, clock, lapsed, **QUALIFIED)
    clock.set(now)
    _assess(db, clock, qualified, **QUALIFIED)
    _assess(db, clock, ordinary)  # MODERATE answers: 800,000 CNY of financial assets

    abs_code = shelf[ProductKind.ABS_UNIT]
    by_id = "query($id: ID!) { product(id: $id) { code qualifiedOnly } }"
    as_qualified = gql.as_user("qualified@example.com")
    listed = {node["code"]: node for node in as_qualified.data(LIST, {"first": 100})["products"]["nodes"]}
    assert listed[abs_code]["qualifiedOnly"]
    abs_id = listed[abs_code]["id"]
    assert as_qualified.data(by_id, {"id": product_gid(abs_id)})["product"] == {"code": abs_code, "qualifiedOnly": True}
    profile = as_qualified.data("{ me { riskProfile { qualifiedInvestor status } } }")["me"]["riskProfile"]
    assert profile == {"qualifiedInvestor": True, "status": "CURRENT"}

    for email in ("ordinary@example.com", "lapsed@example.com"):
        client = gql.as_user(email)
        assert abs_code not in codes(client), email
        assert client.data(by_id, {"id": product_gid(abs_id)})["product"] is None, email
    lapsed_profile = gql.as_user("lapsed@example.com").data("{ me { riskProfile { qualifiedInvestor status } } }")
    assert lapsed_profile["me"]["riskProfile"] == {"qualifiedInvestor": True, "status": "EXPIRED"}  # no longer counts


def test_a_private_placement_is_not_found_by_id_for_the_public(shelf, as_customer, as_ops, catalogue):
    query = "query($id: ID!) { product(id: $id) { code } }"
    abs_id = next(
        p for p in as_ops.data(LIST, {"first": 100})["products"]["nodes"] if p["code"] == shelf[ProductKind.ABS_UNIT]
    )["id"]
    assert as_customer.data(query, {"id": product_gid(abs_id)})["product"] is None
    assert as_ops.data(query, {"id": product_gid(abs_id)})["product"]["code"] == shelf[ProductKind.ABS_UNIT]


def test_staff_see_more(shelf, as_ops, as_pm1, as_customer):
    on_sale = {shelf[kind] for kind in ProductKind}
    assert set(codes(as_ops)) == on_sale
    assert set(codes(as_pm1)) == on_sale | {shelf["draft"], shelf["suspended"]}
    assert codes(as_pm1, status="DRAFT") == [shelf["draft"]]
    refused = as_customer.execute(LIST, {"status": "DRAFT"})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_drafts_are_hidden_from_customers_by_id(shelf, as_pm1, as_customer):
    query = "query($id: ID!) { product(id: $id) { code status } }"
    draft_id = as_pm1.data(LIST, {"status": "DRAFT"})["products"]["nodes"][0]["id"]
    assert as_customer.data(query, {"id": product_gid(draft_id)})["product"] is None
    suspended_id = as_pm1.data(LIST, {"status": "SUSPENDED"})["products"]["nodes"][0]["id"]
    assert (
        as_customer.data(query, {"id": product_gid(suspended_id)})["product"]["status"] == "SUSPENDED"
    )  # holders still see it


def test_filters_by_kind_risk_level_and_liquidity(shelf, as_ops):
    assert codes(as_ops, kind="P2P_LOAN") == [shelf[ProductKind.P2P_LOAN]]
    assert set(codes(as_ops, max="R2")) == {shelf[ProductKind.MONEY_FUND], shelf[ProductKind.ABS_UNIT]}
    assert codes(as_ops, max="R1") == [shelf[ProductKind.MONEY_FUND]]
    assert set(codes(as_ops, liq="LOCKED")) == {shelf[ProductKind.ABS_UNIT], shelf[ProductKind.P2P_LOAN]}


SORTS = ["NAME", "RISK_LEVEL", "EXPECTED_RETURN", "MINIMUM_AMOUNT"]


def _sort_value(node, sort):
    if sort == "NAME":
        return node["code"]  # names are "Product <code>"
    if sort == "RISK_LEVEL":
        return node["riskLevel"]
    if sort == "MINIMUM_AMOUNT":
        return Decimal(node["minimumAmount"]["amount"])
    figures = node["figures"]
    return -Decimal(figures["expectedAnnualReturn"]) if figures else Decimal("Infinity")


@pytest.fixture
def many(catalogue):
    """Nine on-sale products with ties in risk level and minimum amount."""
    for i, kind in enumerate([ProductKind.MONEY_FUND, ProductKind.P2P_LOAN, ProductKind.EQUITY_FUND] * 3):
        extra = {"minimum_amount": Decimal(["1000", "10", "0.01"][i % 3])}
        if kind is ProductKind.P2P_LOAN:
            from tests.products.conftest import loan_terms

            extra["loan"] = loan_terms(kind, rate=Decimal("0.07") + Decimal(i) / 100)
        catalogue.on_sale(kind, code=f"S{(i * 7) % 9}-{kind.value[:3]}", **extra)


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sort=st.sampled_from(SORTS), page_size=st.integers(1, 4), backward=st.booleans())
def test_paging_through_any_sort_order_sees_every_product_once_in_order(many, as_ops, sort, page_size, backward):
    full = as_ops.data(LIST, {"first": 100, "sort": sort})["products"]["nodes"]
    keys = [_sort_value(node, sort) for node in full]
    assert keys == sorted(keys)
    paged, cursor = [], None
    while True:
        if backward:  # from the end: `last` with `before` the start of the page read before
            page = as_ops.data(LIST, {"last": page_size, "before": cursor, "sort": sort})["products"]
            paged = page["nodes"] + paged
            more, cursor = page["pageInfo"]["hasPreviousPage"], page["pageInfo"]["startCursor"]
        else:
            page = as_ops.data(LIST, {"first": page_size, "after": cursor, "sort": sort})["products"]
            paged += page["nodes"]
            more, cursor = page["pageInfo"]["hasNextPage"], page["pageInfo"]["endCursor"]
        if not more:
            break
    assert [node["id"] for node in paged] == [node["id"] for node in full]


def test_bad_paging_arguments_are_refused(many, as_ops):
    too_many = as_ops.data(LIST, {"first": 101})["products"]  # cut to the limit, never an error
    assert len(too_many["nodes"]) == 9 and too_many["pageInfo"]["hasNextPage"] is False
    cursor = as_ops.data(LIST, {"first": 1, "sort": "NAME"})["products"]["pageInfo"]["endCursor"]
    wrong = as_ops.execute(LIST, {"first": 1, "sort": "MINIMUM_AMOUNT", "after": cursor})
    assert wrong["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
    both_ways = as_ops.execute(LIST, {"first": 1, "last": 1})
    assert both_ways["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert as_ops.execute(LIST, {"last": -1})["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


def test_figures_show_the_bad_year_loss_for_the_amount_asked(catalogue, as_customer):
    from tests.products.conftest import loan_terms

    catalogue.on_sale(
        ProductKind.P2P_LOAN, loan=loan_terms(ProductKind.P2P_LOAN, default_probability=Decimal("0.12"), loan_count=5)
    )
    query = """query($a: Decimal) { products { nodes { figures(amount: $a) { badYearLoss { fraction amount { amount currency } } } } } }"""
    default = as_customer.data("{ products { nodes { figures { badYearLoss { fraction amount { amount } } } } } }")
    loss = default["products"]["nodes"][0]["figures"]["badYearLoss"]
    fraction = Decimal(loss["fraction"])
    assert fraction > 0
    assert Decimal(loss["amount"]["amount"]) == (fraction * 10000).quantize(Decimal("0.01"))
    explicit_null = as_customer.data(query, {"a": None})["products"]["nodes"][0]["figures"]["badYearLoss"]
    assert explicit_null == {
        "fraction": loss["fraction"],
        "amount": {**loss["amount"], "currency": "CNY"},
    }  # the default
    asked = as_customer.data(query, {"a": "12345.67"})["products"]["nodes"][0]["figures"]["badYearLoss"]
    assert asked["amount"] == {
        "amount": str((fraction * Decimal("12345.67")).quantize(Decimal("0.01"))),
        "currency": "CNY",
    }
    for bad in ("-5", "10.005", "1e4"):
        refused = as_customer.execute(query, {"a": bad})
        assert refused["errors"][0]["extensions"]["code"] in ("INVALID_AMOUNT", "INVALID_DECIMAL"), bad


def test_the_catalogue_version_follows_what_is_on_sale(catalogue, as_pm1, as_pm2, as_customer, clock):
    version = lambda: as_customer.data("{ catalogueVersion }")["catalogueVersion"]  # noqa: E731
    empty = version()
    draft = catalogue.ready(ProductKind.EQUITY_FUND)
    assert version() == empty  # drafts are not for sale
    on_sale = catalogue.on_sale(ProductKind.EQUITY_FUND)
    listed = version()
    assert listed != empty
    as_pm1.data(UPDATE, {"i": {"productId": product_gid(draft), "nameEn": "Still a draft"}})
    assert version() == listed
    change_terms(as_pm1, as_pm2, on_sale, subscriptionFeeRate="0.001")
    changed = version()
    assert changed != listed
    assert version() == changed  # stable between changes


def test_staff_see_a_warning_when_the_figures_suggest_another_level(catalogue, as_pm1, as_pm2, as_customer):
    from tests.products.conftest import loan_terms

    risky = loan_terms(ProductKind.P2P_LOAN, default_probability=Decimal("0.3"), loan_count=3)
    product_id = product_gid(catalogue.on_sale(ProductKind.P2P_LOAN, risk_level="R2", loan=risky))
    query = "query($id: ID!) { product(id: $id) { riskLevel riskLevelWarning { suggestedLevel message } figures { suggestedRiskLevel } } }"
    seen = as_pm1.data(query, {"id": product_gid(product_id)})["product"]
    assert seen["riskLevelWarning"]["suggestedLevel"] == seen["figures"]["suggestedRiskLevel"]
    assert seen["figures"]["suggestedRiskLevel"] > "R2"
    assert as_customer.data(query, {"id": product_gid(product_id)})["product"]["riskLevelWarning"] is None
    fixed = change_terms(as_pm1, as_pm2, product_id, riskLevel=seen["figures"]["suggestedRiskLevel"])
    assert fixed["product"]["riskLevelWarning"] is None


# --- no N+1 -------------------------------------------------------------------------------

FULL_LIST = """{ products(first: 100) { nodes {
  id code kind riskLevel minimumAmount { amount } fees { subscriptionRate redemption { minHoldingDays rate } }
  liquidity { kind availableAfterDays } sevenDayAnnualizedYield incomePer10kUnits latestNav
  absTerms { couponRate creditEnhancement } p2pTerms { annualRate recoveryRate }
  figures { expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount } } volatility maxDrawdown asOf }
  navHistory(first: 3) { nodes { date nav } } incomeHistory(first: 3) { nodes { date incomePer10kUnits } }
} } catalogueVersion }"""


def _statements(db, client, query) -> int:
    count = 0

    def before_cursor_execute(*_args):
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
    try:
        client.data(query)
    finally:
        event.remove(db.engine, "before_cursor_execute", before_cursor_execute)
    return count


def _fill(catalogue, total: int) -> None:
    from datetime import timedelta

    from tests.products.conftest import income_points, nav_points

    kinds = [ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND, ProductKind.ABS_UNIT, ProductKind.P2P_LOAN]
    while catalogue.count < total:
        kind = kinds[catalogue.count % 4]
        product_id = catalogue.create(kind)
        code = catalogue.code_of(product_id)
        today = catalogue.clock.today()
        if kind is ProductKind.EQUITY_FUND:
            catalogue.load_history(code, nav_points(40, end=today - timedelta(days=1)))
        elif kind is ProductKind.MONEY_FUND:
            catalogue.load_history(code, income_points(8, end=today - timedelta(days=catalogue.count % 3)))


def test_the_product_list_takes_the_same_statements_for_5_or_50_products(db, catalogue, as_pm1):
    _fill(catalogue, 5)
    few = _statements(db, as_pm1, FULL_LIST)
    _fill(catalogue, 50)
    body = as_pm1.data(FULL_LIST)
    nodes = body["products"]["nodes"]
    assert len(nodes) == 50
    assert all(node["figures"] for node in nodes)
    assert all(node["navHistory"]["nodes"] for node in nodes if node["kind"] == "EQUITY_FUND")
    assert all(node["incomeHistory"]["nodes"] for node in nodes if node["kind"] == "MONEY_FUND")
    assert _statements(db, as_pm1, FULL_LIST) == few


def test_product_names_follow_the_viewers_language(shelf, as_customer, gql):
    query = 'query { products(first: 100, kind: MONEY_FUND) { nodes { name nameZh nameEn en: name(locale: "en") } } }'
    as_customer.data('mutation { updateProfile(input: {locale: "zh-CN"}) { userErrors { code } } }')
    node = as_customer.data(query)["products"]["nodes"][0]
    assert node["name"] == node["nameZh"]  # a zh-CN user reads Chinese names
    assert node["en"] == node["nameEn"]
    as_customer.data('mutation { updateProfile(input: {locale: "en"}) { userErrors { code } } }')
    assert as_customer.data(query)["products"]["nodes"][0]["name"] == node["nameEn"]
    assert gql.data(query)["products"]["nodes"][0]["name"] == node["nameZh"]  # signed out
