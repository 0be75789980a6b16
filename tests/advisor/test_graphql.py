"""The advisor over GraphQL (SQLite and PostgreSQL): recommendations for the demo users of
every category, stored exactly as given and shown to their owner only, the efficient
frontier, and clear userErrors for requests that cannot be advised on."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from advisor.models import Recommendation as RecommendationRow
from api.graphql.advisor import CACHE_KEY
from demo.seed import seed_all
from demo.users import DEMO_PASSWORD
from products.kinds import ProductKind, ProductStatus
from tests.ids import db_key, gid, product_gid
from tests.products.conftest import income_points

RECOMMENDATION = """
  id kind riskCategory amount { amount currency } horizonMonths liquidityNeed { amount } goalAmount { amount }
  allocations { product { id name kind riskLevel } weight percent amount { amount currency } }
  expectedAnnualReturn typicalRange { low high } badYearLoss { fraction amount { amount currency } }
  probabilityOfLoss tailLoss sameDayAvailable { amount currency } earliestFullWithdrawal goalProbability explanation
  catalogueVersion createdAt relaxations { code message products } solver solverStatus
  assumptions { scenarioCount seed tailLossLimit illiquidShareLimit p2pShareLimit productShareLimit text }
"""
REQUEST = f"""mutation($i: RequestRecommendationInput!) {{
  requestRecommendation(input: $i) {{ recommendation {{ {RECOMMENDATION} }} userErrors {{ field message code }} }}
}}"""
READ = f"query($id: ID!) {{ recommendation(id: $id) {{ {RECOMMENDATION} }} }}"
FRONTIER = """query($n: Int!) { efficientFrontier(points: $n) {
  riskCategory catalogueVersion tailLossLimit
  points { expectedAnnualReturn badYearLoss tailLoss withinCategoryLimit }
  categoryLimit { expectedAnnualReturn badYearLoss tailLoss withinCategoryLimit } } }"""
DEMO = {
    "alice@example.com": "C1",
    "bob@example.com": "C2",
    "carol@example.com": "C3",
    "dave@example.com": "C4",
    "erin@example.com": "C5",
}


def ask(client, **values) -> dict:
    return client.data(REQUEST, {"i": values})["requestRecommendation"]


def test_demo_users_of_every_category_get_a_recommendation_within_their_category(db, gql, clock, settings):
    with db.write() as session:
        seed_all(session=session, clock=clock, settings=settings)
    for email, category in DEMO.items():
        client = gql.as_user(email, DEMO_PASSWORD)
        answer = ask(client, amount="200000.00", liquidityNeed="10000", goalAmount="240000")
        assert answer["userErrors"] == []
        given = answer["recommendation"]
        assert given["riskCategory"] == category and given["kind"] == "RECOMMENDATION"
        assert all(int(a["product"]["riskLevel"][1]) <= int(category[1]) for a in given["allocations"])
        assert sum(Decimal(a["weight"]) for a in given["allocations"]) == 1
        assert sum(Decimal(a["percent"]) for a in given["allocations"]) == 100
        assert sum(Decimal(a["amount"]["amount"]) for a in given["allocations"]) == Decimal("200000.00")
        money = sum(
            Decimal(a["amount"]["amount"]) for a in given["allocations"] if a["product"]["kind"] == "MONEY_FUND"
        )
        assert money >= Decimal("10000")
        assert Decimal(given["badYearLoss"]["amount"]["amount"]) == (
            Decimal("200000") * Decimal(given["badYearLoss"]["fraction"])
        ).quantize(Decimal("0.01"))
        assert (
            Decimal(given["typicalRange"]["low"])
            <= Decimal(given["expectedAnnualReturn"])
            <= Decimal(given["typicalRange"]["high"])
        )
        assert Decimal("0") <= Decimal(given["goalProbability"]) <= Decimal("1")
        assert Decimal(given["tailLoss"]) <= Decimal(given["assumptions"]["tailLossLimit"])
        assert given["assumptions"]["scenarioCount"] >= 2000
        words = "Expected return" if email in ("bob@example.com", "dave@example.com") else "预期年收益"
        assert given["explanation"].startswith(words)
        # stored exactly as it was given
        assert client.data(READ, {"id": given["id"]})["recommendation"] == given
        frontier = client.data(FRONTIER, {"n": 6})["efficientFrontier"]
        assert frontier["riskCategory"] == category
        returns = [Decimal(p["expectedAnnualReturn"]) for p in frontier["points"]]
        tails = [Decimal(p["tailLoss"]) for p in frontier["points"]]
        assert returns == sorted(returns) and tails == sorted(tails)
        assert Decimal(frontier["categoryLimit"]["tailLoss"]) <= Decimal(frontier["tailLossLimit"])
        assert frontier["categoryLimit"]["withinCategoryLimit"] is True
    # the demo seeded a stored recommendation per customer too
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(RecommendationRow)) == 2 * len(DEMO)


def test_a_recommendation_is_shown_to_its_owner_only_and_stays_as_given_when_the_catalogue_changes(
    db, gql, app, funds, catalogue, investor
):
    owner, other = investor("C3"), investor("C4")
    mine, theirs = gql.as_user(owner.email), gql.as_user(other.email)
    given = ask(mine, amount="50000.00", liquidityNeed="5000")["recommendation"]
    assert theirs.execute(READ, {"id": given["id"]}) == {"data": {"recommendation": None}}  # not yours: null
    assert mine.execute(READ, {"id": "not-a-number"}) == {"data": {"recommendation": None}}
    assert mine.execute(READ, {"id": str(db_key(given["id"]))}) == {"data": {"recommendation": None}}  # no integers

    catalogue.set_status(funds.risky, ProductStatus.SUSPENDED)  # a new catalogue version
    assert mine.data(READ, {"id": given["id"]})["recommendation"] == given
    again = ask(mine, amount="50000.00", liquidityNeed="5000")["recommendation"]
    assert again["catalogueVersion"] != given["catalogueVersion"]
    assert app.state.services.extras[CACHE_KEY].builds == 2  # the old compiled problems are gone
    assert product_gid(funds.risky) not in {a["product"]["id"] for a in again["allocations"]}


def test_requests_that_cannot_be_advised_on_get_clear_user_errors_and_store_nothing(db, gql, clock, funds, investor):
    user = investor("C3")
    client = gql.as_user(user.email)
    cases = [
        ({"amount": "0"}, "INVALID_AMOUNT", "amount"),
        ({"amount": "10.001"}, "INVALID_AMOUNT", "amount"),
        ({"amount": "100", "horizonMonths": 0}, "INVALID_HORIZON", "horizonMonths"),
        ({"amount": "100", "horizonMonths": -3}, "INVALID_HORIZON", "horizonMonths"),
        ({"amount": "100000000000"}, "AMOUNT_TOO_LARGE", "amount"),
        ({"amount": "100", "liquidityNeed": "-1"}, "INVALID_AMOUNT", "liquidityNeed"),
        ({"amount": "100", "goalAmount": "0"}, "INVALID_AMOUNT", "goalAmount"),
    ]
    for values, code, field in cases:
        errors = ask(client, **values)["userErrors"]
        assert [(e["code"], e["field"]) for e in errors] == [(code, field)], values
        assert errors[0]["message"]
    unassessed = gql.as_user(investor(None).email)
    errors = ask(unassessed, amount="1000")["userErrors"]
    assert errors[0]["code"] == "ASSESSMENT_REQUIRED" and "questionnaire" in errors[0]["message"]
    clock.advance(timedelta(days=400))  # the assessment expires after 12 months
    errors = ask(gql.as_user(user.email), amount="1000")["userErrors"]
    assert errors[0]["code"] == "ASSESSMENT_REQUIRED" and "expired" in errors[0]["message"]
    anonymous = gql.execute(REQUEST, {"i": {"amount": "1000"}}, token="")
    assert anonymous["data"]["requestRecommendation"]["userErrors"][0]["code"] == "UNAUTHENTICATED"
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(RecommendationRow)) == 0


def test_an_amount_below_the_smallest_minimum_is_refused_with_that_minimum(gql, clock, catalogue, investor):
    catalogue.on_sale(
        ProductKind.MONEY_FUND,
        "BIG-MMF",
        minimum_amount=Decimal("100"),
        history_points=income_points(10, end=clock.today()),
    )
    client = gql.as_user(investor("C3").email)
    errors = ask(client, amount="99.99", liquidityNeed="0")["userErrors"]
    assert [(e["code"], e["field"]) for e in errors] == [("AMOUNT_BELOW_MINIMUM", "amount")]
    assert "¥100.00" in errors[0]["message"]
    assert ask(client, amount="100.00", liquidityNeed="0")["userErrors"] == []


def test_recommendation_ids_that_cannot_exist_are_simply_not_found(gql, funds, investor):
    client = gql.as_user(investor("C3").email)
    own = ask(client, amount="50000.00", liquidityNeed="0")["recommendation"]["id"]
    other_kind = gid("Product", db_key(own))
    for bad in (str(2**63), str(2**70), "-1", "0", "abc", "1.5", " 7", "٣", "1", other_kind, own + "="):
        answer = client.execute(READ, {"id": bad})
        assert answer == {"data": {"recommendation": None}}, bad
        errors = client.data(
            "mutation($i: InvestInPlanInput!) { investInPlan(input: $i) { userErrors { field code } } }",
            {"i": {"recommendationId": bad, "idempotencyKey": f"k-{bad}"}},
        )["investInPlan"]["userErrors"]
        assert [(e["field"], e["code"]) for e in errors] == [("recommendationId", "NOT_FOUND")], bad
