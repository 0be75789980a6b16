"""One set of figures everywhere: a product page shows the statistics of that product's column
of the very scenarios the advisor optimises over (same model, same seed, to 1e-6), money funds
on the 7-day annualised yield convention, and a plan holding one product shows that product's
figures. On SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest

from advisor.model_cache import ModelCache
from demo.seed import seed_all
from demo.users import DEMO_PASSWORD
from products.figures import JOINT_MODEL, scenario_statistics
from products.kinds import ProductKind
from tests.ids import product_gid
from tests.products.conftest import income_points, nav_points

PAGE = """query($id: ID!) { product(id: $id) { kind sevenDayAnnualizedYield figures {
  model expectedAnnualReturn typicalRange { low high } badYearLoss { fraction } probabilityOfLoss
  oneIn100Loss { fraction } } } }"""
PLAN = """mutation($i: RequestRecommendationInput!) { requestRecommendation(input: $i) {
  recommendation { allocations { product { id } weight } expectedAnnualReturn typicalRange { low high }
    badYearLoss { fraction } probabilityOfLoss oneIn100Loss { fraction amount { amount } } }
  userErrors { code message } } }"""
TOLERANCE = Decimal("0.000001")


def page_of(client, product_id) -> dict:
    return client.data(PAGE, {"id": product_gid(product_id)})["product"]


def close(shown: str, model: float) -> bool:
    return abs(Decimal(shown) - Decimal(repr(model))) <= TOLERANCE


def test_every_product_page_shows_its_column_of_the_advisors_scenarios(db, gql, clock, settings):
    with db.write() as session:
        seed_all(session=session, clock=clock, settings=settings)
    with db.read() as session:
        model = ModelCache().model(session=session, clock=clock)  # a fresh build, as the advisor makes one
    client = gql.as_user("erin@example.com", DEMO_PASSWORD)  # qualified: sees the ABS units too
    scenarios = model.data.scenarios
    assert len(scenarios.products) >= 10
    kinds = set()
    for j, product in enumerate(scenarios.products):
        stats = scenario_statistics(model.data.returns[:, j])
        page = page_of(client, product.product_id)
        figures = page["figures"]
        kinds.add(page["kind"])
        assert figures["model"] == JOINT_MODEL, page
        assert close(figures["expectedAnnualReturn"], stats.expected_annual_return), (page, stats)
        assert close(figures["typicalRange"]["low"], stats.typical_low)
        assert close(figures["typicalRange"]["high"], stats.typical_high)
        assert close(figures["badYearLoss"]["fraction"], stats.bad_year_loss)
        assert close(figures["probabilityOfLoss"], stats.probability_of_loss)
        assert close(figures["oneIn100Loss"]["fraction"], stats.one_in_100_loss)
        if page["kind"] == "MONEY_FUND":  # one convention: the 7-day annualised yield it shows
            assert abs(Decimal(figures["expectedAnnualReturn"]) - Decimal(page["sevenDayAnnualizedYield"])) <= TOLERANCE
    assert kinds == {"MONEY_FUND", "EQUITY_FUND", "ABS_UNIT", "P2P_LOAN"}


@pytest.mark.parametrize(
    ("kind", "category", "amount"),
    [
        (ProductKind.MONEY_FUND, "C1", "50000.00"),
        (ProductKind.EQUITY_FUND, "C5", "50000.00"),
        (ProductKind.P2P_LOAN, "C5", "50000.00"),
        (ProductKind.ABS_UNIT, "C5", "3400000.00"),  # its 1,000,000 minimum within 30% of the amount
    ],
)
def test_a_plan_holding_one_product_shows_that_products_figures(
    gql, clock, catalogue, investor, monkeypatch, kind, category, amount
):
    from advisor import limits
    from core.risk import RiskCategory

    if kind.is_loan:  # a category allowing a plan of nothing but this locked loan product
        monkeypatch.setitem(
            limits.LIMITS,
            RiskCategory.C5,
            limits.CategoryLimits(RiskCategory.C5, tail_loss=0.25, illiquid_share=1.0, p2p_share=1.0),
        )
    if kind is ProductKind.MONEY_FUND:
        only = catalogue.on_sale(kind, "ONLY", history_points=income_points(60, end=clock.today()))
    elif kind is ProductKind.EQUITY_FUND:
        only = catalogue.on_sale(kind, "ONLY", risk_level="R5", history_points=nav_points(400, end=clock.today()))
    else:  # loan products: the figures come from the default model (P2P: the platform-failure stress)
        only = catalogue.on_sale(kind, "ONLY", lock_days=90)
    client = gql.as_user(investor(category).email)  # C5: erin's answers pass the private-fund test
    answer = client.data(PLAN, {"i": {"amount": amount, "liquidityNeed": "0", "horizonMonths": 36}})[
        "requestRecommendation"
    ]
    assert answer["userErrors"] == []
    plan = answer["recommendation"]
    assert [(a["product"]["id"], Decimal(a["weight"])) for a in plan["allocations"]] == [(product_gid(only), 1)]
    page = page_of(client, only)["figures"]
    assert page["model"] == JOINT_MODEL
    assert page["oneIn100Loss"] is not None and plan["oneIn100Loss"] is not None
    for shown, planned in [
        (page["expectedAnnualReturn"], plan["expectedAnnualReturn"]),
        (page["typicalRange"]["low"], plan["typicalRange"]["low"]),
        (page["typicalRange"]["high"], plan["typicalRange"]["high"]),
        (page["badYearLoss"]["fraction"], plan["badYearLoss"]["fraction"]),
        (page["probabilityOfLoss"], plan["probabilityOfLoss"]),
        (page["oneIn100Loss"]["fraction"], plan["oneIn100Loss"]["fraction"]),
    ]:
        assert abs(Decimal(shown) - Decimal(planned)) <= TOLERANCE, (page, plan)
    rare = Decimal(plan["oneIn100Loss"]["fraction"])
    assert Decimal(plan["oneIn100Loss"]["amount"]["amount"]) == (Decimal(amount) * rare).quantize(Decimal("0.01"))
