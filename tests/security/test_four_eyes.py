"""Items 2, 8 (product managers) and 12 (income figures) of the hardening issue: one product
manager alone cannot change a live product, approve their own request, approve a request
made on other terms, approve a change to a product they hold, or record an unusual income
figure; terms agreed with holders never change retroactively."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from investing import lots
from investing.models import FundLot
from products import history
from products.audit import Actor
from products.models import IncomePoint, Product
from tests.ids import product_gid
from tests.investing.conftest import catalogue, desk, funds, investor  # noqa: F401 - fixtures
from tests.security.conftest import codes
from users import service as users_service
from users.roles import Role

PRODUCT = """query($id: ID!) { product(id: $id) { status qualifiedOnly currency termsRevision
  fees { subscriptionRate } liquidity { lockDays } pendingChange { id status } } }"""
UPDATE = """mutation($i: UpdateProductInput!) { updateProduct(input: $i) {
  product { termsRevision fees { subscriptionRate } } changeRequest { id status baseTermsRevision changes { field before after } }
  userErrors { field code message } } }"""
APPROVE_CHANGE = """mutation($i: ApproveProductChangeInput!) { approveProductChange(input: $i) {
  product { termsRevision qualifiedOnly fees { subscriptionRate } liquidity { lockDays } } userErrors { field code } } }"""
REJECT_CHANGE = """mutation($i: RejectProductChangeInput!) { rejectProductChange(input: $i) {
  changeRequest { status } userErrors { code } } }"""
STATUS = """mutation($i: ChangeProductStatusInput!) { changeProductStatus(input: $i) { product { status termsRevision }
  userErrors { code } } }"""
APPROVE_STATUS = """mutation($i: ApproveProductStatusChangeInput!) { approveProductStatusChange(input: $i) {
  product { status } userErrors { field code } } }"""


def test_one_product_manager_cannot_change_a_live_product_alone(gql, db, funds, investor, desk, staff):
    pm1, pm2 = gql.as_user("pm1@example.com"), gql.as_user("pm2@example.com")
    product = product_gid(funds.equity)
    before = pm1.data(PRODUCT, {"id": product_gid(product)})["product"]

    raised = pm1.data(UPDATE, {"i": {"productId": product_gid(product), "subscriptionFeeRate": "0.99"}})[
        "updateProduct"
    ]
    assert raised["userErrors"] == [] and raised["changeRequest"]["status"] == "PENDING"
    assert {"field": "subscription_fee_rate", "before": "0.012000", "after": "0.990000"} in raised["changeRequest"][
        "changes"
    ]
    assert pm1.data(PRODUCT, {"id": product_gid(product)})["product"]["fees"] == before["fees"]  # nothing changed yet
    first = raised["changeRequest"]["id"]
    assert codes(pm1.data(APPROVE_CHANGE, {"i": {"changeRequestId": first}})["approveProductChange"]) == [
        "SAME_APPROVER"
    ]

    # Editing the request replaces it: an approval is never of an edited proposal.
    public = pm1.data(UPDATE, {"i": {"productId": product_gid(product), "qualifiedOnly": True}})["updateProduct"][
        "changeRequest"
    ]
    assert codes(pm2.data(APPROVE_CHANGE, {"i": {"changeRequestId": first}})["approveProductChange"]) == [
        "CHANGE_REQUEST_NOT_PENDING"
    ]
    currency = pm1.data(UPDATE, {"i": {"productId": product_gid(product), "currency": "USD"}})["updateProduct"]
    assert [(e["code"], e["field"]) for e in currency["userErrors"]] == [("CURRENCY_FIXED", "currency")]

    approved = pm2.data(APPROVE_CHANGE, {"i": {"changeRequestId": public["id"]}})["approveProductChange"]
    assert approved["userErrors"] == [] and approved["product"]["qualifiedOnly"] is True
    assert approved["product"]["termsRevision"] == before["termsRevision"] + 1
    assert approved["product"]["fees"] == before["fees"]  # the superseded 99% fee never applied
    assert pm2.data(PRODUCT, {"id": product_gid(product)})["product"]["pendingChange"] is None

    withdrawn = pm1.data(UPDATE, {"i": {"productId": product_gid(product), "subscriptionFeeRate": "0.02"}})[
        "updateProduct"
    ]
    rejected = pm1.data(REJECT_CHANGE, {"i": {"changeRequestId": withdrawn["changeRequest"]["id"]}})
    assert rejected["rejectProductChange"]["changeRequest"]["status"] == "WITHDRAWN"


def test_terms_agreed_with_holders_never_change_retroactively(gql, db, funds, investor, desk, staff, clock):
    holder = investor("C3")
    order = desk.subscribe(holder, funds.p2p, "1000.00")  # locked 90 days from confirmation
    desk.on(clock.today() + timedelta(days=1), 9)
    desk.run("CONFIRM_ORDERS", clock.today())
    with db.read() as session:
        [lot] = session.execute(select(FundLot).where(FundLot.order_id == order)).scalars()
    agreed_unlock = lot.locked_until
    assert agreed_unlock == lot.acquired_on + timedelta(days=90)
    pending = desk.subscribe(holder, funds.equity, "1000.00")
    fee = desk.order(pending).fee

    pm1, pm2 = gql.as_user("pm1@example.com"), gql.as_user("pm2@example.com")
    asked = pm1.data(UPDATE, {"i": {"productId": product_gid(funds.p2p), "lockDays": 365}})["updateProduct"][
        "changeRequest"
    ]
    assert pm2.data(APPROVE_CHANGE, {"i": {"changeRequestId": asked["id"]}})["approveProductChange"]["userErrors"] == []
    asked = pm1.data(UPDATE, {"i": {"productId": product_gid(funds.equity), "subscriptionFeeRate": "0.05"}})
    pm2.data(APPROVE_CHANGE, {"i": {"changeRequestId": asked["updateProduct"]["changeRequest"]["id"]}})

    with db.read() as session:
        product = session.get(Product, funds.p2p)
        lock = lots.lock_of(session, product=product, user_id=holder.id, holding=10**9, day=clock.today())
    assert lock.unlock_dates[0][0] == agreed_unlock  # not moved by the new 365-day lock
    assert desk.order(pending).fee == fee  # the pending order keeps the fee it was placed with


def test_a_relaunch_needs_a_second_manager_on_the_reviewed_terms(gql, funds, staff):
    pm1, pm2 = gql.as_user("pm1@example.com"), gql.as_user("pm2@example.com")
    product = product_gid(funds.mmf)
    assert (
        pm1.data(STATUS, {"i": {"productId": product_gid(product), "status": "SUSPENDED"}})["changeProductStatus"][
            "userErrors"
        ]
        == []
    )
    asked = pm1.data(STATUS, {"i": {"productId": product_gid(product), "status": "ON_SALE"}})["changeProductStatus"]
    assert asked["product"]["status"] == "PENDING_APPROVAL"
    assert codes(
        pm1.data(APPROVE_STATUS, {"i": {"productId": product_gid(product)}})["approveProductStatusChange"]
    ) == ["SAME_APPROVER"]
    stale = pm2.data(
        APPROVE_STATUS,
        {"i": {"productId": product_gid(product), "termsRevision": asked["product"]["termsRevision"] - 1}},
    )
    assert codes(stale["approveProductStatusChange"]) == ["STALE_REVISION"]
    done = pm2.data(
        APPROVE_STATUS, {"i": {"productId": product_gid(product), "termsRevision": asked["product"]["termsRevision"]}}
    )
    assert done["approveProductStatusChange"]["product"]["status"] == "ON_SALE"


def test_a_product_manager_cannot_approve_a_change_to_a_product_they_hold(gql, db, funds, investor, desk, staff, clock):
    pm3 = investor("C3", email="pm3@example.com")
    desk.subscribe(pm3, funds.equity, "500.00")  # a pending order counts as holding
    with db.write() as session:
        users_service.set_roles(session=session, email="pm3@example.com", roles={Role.PRODUCT_MANAGER}, clock=clock)
    pm1, pm3_client = gql.as_user("pm1@example.com"), gql.as_user("pm3@example.com", "correct-horse-battery")
    asked = pm1.data(UPDATE, {"i": {"productId": product_gid(funds.equity), "nameEn": "Renamed"}})["updateProduct"]
    refused = pm3_client.data(APPROVE_CHANGE, {"i": {"changeRequestId": asked["changeRequest"]["id"]}})
    assert codes(refused["approveProductChange"]) == ["CONFLICT_OF_INTEREST"]


RECORD_INCOME = """mutation($i: RecordMoneyFundIncomeInput!) { recordMoneyFundIncome(input: $i) {
  incomeRequest { id status correction } product { incomePer10kUnits } userErrors { code } } }"""
CORRECT = """mutation($i: CorrectMoneyFundIncomeInput!) { correctMoneyFundIncome(input: $i) {
  incomeRequest { id status correction } income { holders } userErrors { code } } }"""
APPROVE_INCOME = """mutation($i: DecideIncomeFigureInput!) { approveIncomeFigure(input: $i) {
  incomeRequest { status } userErrors { code } } }"""


def test_an_unusual_income_figure_needs_a_second_member_of_staff(gql, db, funds, staff, clock):
    day = clock.today() + timedelta(days=1)  # the funds' history ends today
    clock.advance(days=2)
    pm1, pm2, ops, ops2 = (gql.as_user(f"{name}@example.com") for name in ("pm1", "pm2", "ops", "ops2"))

    def stored(on: date):
        with db.read() as session:
            point = session.get(IncomePoint, (funds.mmf, on))
            return None if point is None else point.income_per_10k

    negative = pm1.data(
        RECORD_INCOME, {"i": {"productId": product_gid(funds.mmf), "date": str(day), "incomePer10kUnits": "-0.5000"}}
    )["recordMoneyFundIncome"]
    assert negative["userErrors"] == [] and negative["incomeRequest"]["status"] == "PENDING"
    assert stored(day) is None  # nothing recorded by one person
    request = negative["incomeRequest"]["id"]
    assert codes(pm1.data(APPROVE_INCOME, {"i": {"requestId": request}})["approveIncomeFigure"]) == ["SAME_APPROVER"]
    assert pm2.data(APPROVE_INCOME, {"i": {"requestId": request}})["approveIncomeFigure"]["userErrors"] == []
    assert stored(day) == Decimal("-0.5000")

    ordinary = pm1.data(
        RECORD_INCOME,
        {
            "i": {
                "productId": product_gid(funds.mmf),
                "date": str(day + timedelta(days=1)),
                "incomePer10kUnits": "2.9999",
            }
        },
    )["recordMoneyFundIncome"]
    assert ordinary["incomeRequest"] is None and stored(day + timedelta(days=1)) == Decimal("2.9999")
    high = ops.data(
        CORRECT,
        {
            "i": {
                "productId": product_gid(funds.mmf),
                "date": str(day + timedelta(days=1)),
                "incomePer10kUnits": "3.5000",
            }
        },
    )["correctMoneyFundIncome"]
    assert high["incomeRequest"]["correction"] is True and stored(day + timedelta(days=1)) == Decimal("2.9999")
    assert (
        ops2.data(APPROVE_INCOME, {"i": {"requestId": high["incomeRequest"]["id"]}})["approveIncomeFigure"][
            "userErrors"
        ]
        == []
    )
    assert stored(day + timedelta(days=1)) == Decimal("3.5000")


def test_an_import_cannot_slip_an_unusual_figure_into_a_live_fund(db, catalogue, funds, clock):
    rows = [history.HistoryRow(2, "T-MMF", str(clock.today() - timedelta(days=30)), "5.0000")]
    with pytest.raises(history.ImportRejected) as rejected, db.write() as session:
        history.import_history(session=session, clock=clock, actor=Actor.system("tests"), rows=rows)
    [error] = rejected.value.line_errors
    assert error.column == "value" and "second approval" in error.message
