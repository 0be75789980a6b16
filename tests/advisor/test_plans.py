"""Investing in a plan (all or nothing, idempotent) and keeping it on track (drift, and a
REBALANCE plan whose orders respect lock-ups and fast-redemption limits), over GraphQL on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from advisor.models import Recommendation as RecommendationRow
from investing.kinds import DailyJob
from products import lifecycle
from products.kinds import ProductStatus
from tests.calendars import seeded
from tests.ids import db_key, product_gid
from tests.investing.conftest import assess, snapshot

REQUEST = """mutation($i: RequestRecommendationInput!) { requestRecommendation(input: $i) {
  recommendation { id allocations { product { id kind } amount { amount } } } userErrors { code field message } } }"""
INVEST = """mutation($i: InvestInPlanInput!) { investInPlan(input: $i) {
  recommendation { id kind investedAt orders { productId side amount { amount } units fast orderId } }
  userErrors { code field message } } }"""
REBALANCE_FIELDS = """id kind basedOnId drift explanation expectedAnnualReturn badYearLoss { amount { amount } }
    figuresBefore { expectedAnnualReturn badYearLoss { amount { amount } } }
    allocations { product { id } weight amount { amount } }
    orders { productId side amount { amount } units fast note }"""
REBALANCE = (
    f"""{{ rebalancePlan {{ onTrack pending drift message plan {{ id }} rebalance {{ {REBALANCE_FIELDS} }} }} }}"""
)
CREATE_REBALANCE = f"""mutation {{ createRebalancePlan {{ check {{ onTrack drift }} recommendation {{ {REBALANCE_FIELDS} }}
  userErrors {{ code field message }} }} }}"""


def create_rebalance(client) -> dict:
    answer = client.data(CREATE_REBALANCE)["createRebalancePlan"]
    assert answer["userErrors"] == []
    return answer["recommendation"]


PASSWORD = "correct-horse-battery"


def plan_for(client, amount: str = "50000.00", need: str = "5000") -> dict:
    answer = client.data(REQUEST, {"i": {"amount": amount, "liquidityNeed": need}})["requestRecommendation"]
    assert answer["userErrors"] == []
    return answer["recommendation"]


def invest(client, plan_id: str, key: str) -> dict:
    return client.data(INVEST, {"i": {"recommendationId": plan_id, "idempotencyKey": key}})["investInPlan"]


def test_investing_in_a_plan_places_every_order_once(db, gql, funds, investor, desk):
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    plan = plan_for(client)
    answer = invest(client, plan["id"], "plan-1")
    assert answer["userErrors"] == []
    orders = answer["recommendation"]["orders"]
    assert [(o["productId"], o["amount"]["amount"]) for o in orders] == [
        (a["product"]["id"], a["amount"]["amount"]) for a in plan["allocations"]
    ]
    assert all(o["side"] == "SUBSCRIBE" and o["orderId"] for o in orders)
    assert desk.cash(user) == Decimal("50000.00")
    assert {desk.order(db_key(o["orderId"])).status.value for o in orders} == {"PENDING"}
    assert desk.problems() == []
    before = snapshot(db)
    assert invest(client, plan["id"], "plan-1") == answer  # a retry returns the first result
    assert snapshot(db) == before
    again = invest(client, plan["id"], "plan-2")
    assert [e["code"] for e in again["userErrors"]] == ["PLAN_ALREADY_INVESTED"]
    assert snapshot(db) == before
    stranger = gql.as_user(investor("C3").email)
    refused = invest(stranger, plan["id"], "plan-3")["userErrors"]
    assert [(e["code"], e["field"]) for e in refused] == [("NOT_FOUND", "recommendationId")]


def test_a_plan_is_all_or_nothing_and_the_error_says_which(db, gql, clock, funds, catalogue, investor, desk):
    user = investor("C3", deposit="30000")
    client = gql.as_user(user.email)
    plan = plan_for(client)  # 50,000 with 30,000 in the wallet
    before = snapshot(db)
    errors = invest(client, plan["id"], "k")["userErrors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INSUFFICIENT_FUNDS", "recommendationId")]
    assert snapshot(db) == before

    affordable = plan_for(client, amount="20000.00", need="2000")
    held = [a["product"]["id"] for a in affordable["allocations"] if a["product"]["kind"] != "MONEY_FUND"]
    catalogue.set_status(db_key(held[-1]), ProductStatus.SUSPENDED)
    errors = invest(client, affordable["id"], "k")["userErrors"]
    assert [e["code"] for e in errors] == ["PRODUCT_NOT_ON_SALE"]
    assert snapshot(db) == before
    catalogue.set_status(db_key(held[-1]), ProductStatus.ON_SALE)  # back on sale: asked, then approved
    with db.write() as session:
        lifecycle.approve_status_change(session=session, clock=clock, actor=catalogue.pm2, product_id=db_key(held[-1]))

    assess(db, clock, user.id, "lowest")  # now accepts no loss: nothing above R1
    errors = invest(client, affordable["id"], "k")["userErrors"]
    assert [e["code"] for e in errors] == ["SUITABILITY_FORBIDDEN"]
    assert snapshot(db) == before

    assess(db, clock, user.id, "C3")
    answer = invest(client, affordable["id"], "k")  # the same key, refused before, now goes through
    assert answer["userErrors"] == [] and len(answer["recommendation"]["orders"]) == len(affordable["allocations"])


def test_a_plan_that_drifts_gets_orders_that_bring_it_back(db, gql, clock, funds, catalogue, investor, desk):
    user = investor("C3", deposit="100000", locale="zh-CN")  # reads Chinese
    client = gql.as_user(user.email)
    plan = plan_for(client)
    invest(client, plan["id"], "plan")
    waiting = client.data(REBALANCE)["rebalancePlan"]
    assert waiting["pending"] is True and waiting["rebalance"] is None

    today = clock.today()
    confirm_day = seeded().next_trading_day(today)
    desk.on(confirm_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, confirm_day)
    client = gql.as_user(user.email)
    on_track = client.data(REBALANCE)["rebalancePlan"]
    assert on_track["onTrack"] is True and on_track["pending"] is False
    assert Decimal(on_track["drift"]) <= Decimal("0.03")

    equity = [a for a in plan["allocations"] if a["product"]["kind"] == "EQUITY_FUND"]
    assert equity, plan
    catalogue.record_nav(db_key(equity[0]["product"]["id"]), confirm_day, "2.5000")  # the fund more than doubles
    with db.read() as session:
        stored = session.scalar(select(func.count()).select_from(RecommendationRow))
    for _ in range(3):  # the check only reads: asking three times stores nothing
        check = client.data(REBALANCE)["rebalancePlan"]
        assert check["onTrack"] is False and Decimal(check["drift"]) > Decimal("0.03") and check["rebalance"] is None
        assert "偏离计划" in check["message"]  # drifted (the customer reads Chinese)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(RecommendationRow)) == stored
    rebalance = create_rebalance(client)
    assert client.data(REBALANCE)["rebalancePlan"]["rebalance"] == rebalance  # the stored one, shown again
    assert rebalance["kind"] == "REBALANCE" and rebalance["basedOnId"] == plan["id"]
    assert rebalance["figuresBefore"] is not None
    sells = [o for o in rebalance["orders"] if o["side"] == "REDEEM"]
    buys = [o for o in rebalance["orders"] if o["side"] == "SUBSCRIBE"]
    assert [o["productId"] for o in sells] == [equity[0]["product"]["id"]]
    assert sells[0]["units"] is not None and buys
    assert product_gid(funds.p2p) not in {o["productId"] for o in sells}  # locked for 90 days
    bought = sum(Decimal(o["amount"]["amount"]) for o in buys)
    # paid for by the redemption, net of its fee (1.5% on units held under 7 days)
    proceeds = Decimal(sells[0]["units"]) * Decimal("2.5")
    assert proceeds * Decimal("0.985") - Decimal("0.02") <= bought <= proceeds * Decimal("0.985") + Decimal("0.01")
    assert sum(Decimal(a["weight"]) for a in rebalance["allocations"]) == 1

    cash_before = desk.cash(user)
    answer = invest(client, rebalance["id"], "rebalance")
    assert answer["userErrors"] == [] and answer["recommendation"]["kind"] == "REBALANCE"
    placed = answer["recommendation"]["orders"]
    assert all(o["orderId"] for o in placed)
    assert desk.cash(user) == cash_before - bought
    assert desk.problems() == []


def test_money_fund_redemptions_in_a_rebalance_stay_within_todays_fast_limit(
    db, gql, clock, funds, catalogue, investor, desk
):
    catalogue.set_status(funds.mmf_t1, ProductStatus.SUSPENDED)  # the plan's money fund is the T+0 one
    user = investor("C3", deposit="100000", locale="zh-CN")  # all of it goes into the plan; reads Chinese
    client = gql.as_user(user.email)
    plan = plan_for(client, amount="100000.00", need="60000")
    invest(client, plan["id"], "plan")
    confirm_day = seeded().next_trading_day(clock.today())
    desk.on(confirm_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, confirm_day)
    equity = next(a for a in plan["allocations"] if a["product"]["kind"] == "EQUITY_FUND")
    catalogue.record_nav(db_key(equity["product"]["id"]), confirm_day, "0.1500")  # the fund loses most of its value
    rebalance = create_rebalance(gql.as_user(user.email))
    money_sells = [o for o in rebalance["orders"] if o["side"] == "REDEEM" and o["productId"] == product_gid(funds.mmf)]
    fast = sum(Decimal(o["amount"]["amount"]) for o in money_sells if o["fast"])
    normal = sum(Decimal(o["amount"]["amount"]) for o in money_sells if not o["fast"])
    assert fast == Decimal("10000.00") and normal > 0  # the default T+0 limit, the rest redeemed normally
    buys = [o for o in rebalance["orders"] if o["side"] == "SUBSCRIBE"]
    assert [o["productId"] for o in buys] == [equity["product"]["id"]]
    # the wallet is empty: only the T+0 cash can pay at once, the rest follows the slower redemption
    assert desk.cash(user) == 0 and Decimal(buys[0]["amount"]["amount"]) == fast
    assert "赎回款到账后还有" in rebalance["explanation"]  # more is invested once the redemption pays out
    # the crash made the fund riskier than the plan's category allows: the plan says so
    assert "建议重新获取推荐" in rebalance["explanation"]
    answer = invest(gql.as_user(user.email), rebalance["id"], "rebalance")
    assert answer["userErrors"] == []
    assert desk.cash(user) == 0
    assert desk.problems() == []


SET_PASSWORD = """mutation($i: SetPaymentPasswordInput!) { setPaymentPassword(input: $i) { ok userErrors { code } } }"""


def test_investing_in_a_plan_counts_wrong_payment_passwords_like_every_payment(
    db, gql, clock, funds, investor, desk, settings
):
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    assert client.data(SET_PASSWORD, {"i": {"paymentPassword": "582046"}})["setPaymentPassword"]["ok"] is True
    plan = plan_for(client)

    def invest_with(password, key):
        client = gql.as_user(user.email)  # a fresh token: the block outlasts the first one
        variables = {"i": {"recommendationId": plan["id"], "idempotencyKey": key, "paymentPassword": password}}
        return [e["code"] for e in client.data(INVEST, variables)["investInPlan"]["userErrors"]]

    before = snapshot(db)
    limit = settings.payment_password_max_failures
    for attempt in range(1, limit):
        assert invest_with("000001", f"wrong-{attempt}") == ["WRONG_PAYMENT_PASSWORD"]
    assert invest_with("000001", "wrong-last") == ["PAYMENT_PASSWORD_BLOCKED"]
    # Blocked: the right password is refused too, and no order was placed at any point.
    assert invest_with("582046", "right") == ["PAYMENT_PASSWORD_BLOCKED"]
    assert desk.cash(user) == Decimal("100000.00")
    assert snapshot(db) == before
    clock.advance(timedelta(minutes=settings.payment_password_block_minutes, seconds=1))
    assert invest_with("582046", "after-the-block") == []
    assert desk.cash(user) == Decimal("50000.00")
