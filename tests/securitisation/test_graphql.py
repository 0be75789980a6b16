"""ABS pools through GraphQL: the staff's list of pools, the monthly servicer report (for
staff and the senior holders, never for other customers), the pool behind a product, the
coupon traced to the loans that paid it, the daily job, and bad input as userErrors."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from securitisation.simulation import NORMAL
from tests.ids import product_gid
from tests.securitisation.conftest import coupons_of

POOLS = """{ absPools(first: 5) { totalCount nodes { id name status periodsRun months
  tranches { name original { amount } balance { amount } retained interestPaid { amount } }
  criteria { minGrade maxBorrowerShare } } } }"""
REPORT = """query($id: ID!, $month: String!) { absPool(id: $id) { id status figuresBasis { observed note }
  report(month: $month) { month period paymentDate poolBalance { amount } poolLoans
    collections { interest { amount } principal { amount } recoveries { amount } total { amount } }
    defaults { loans amount { amount } } delinquencyBuckets { bucket loans amount { amount } }
    purchases { loans amount { amount } } trancheBalances { name balance { amount } } reserve { amount }
    triggers { name value threshold breached }
    waterfall { seniorInterest { amount } seniorInterestPaid { amount } carriedOut { amount } fees { amount } }
    loans(first: 500) { totalCount edges { node { loanId interest { amount } principal { amount } } } }
    csv } } }"""
PRODUCT = """query($id: ID!) { product(id: $id) { code absPool { id name months } } }"""
CREATE = """mutation($i: CreateAbsPoolInput!) { createAbsPool(input: $i) { pool { id } userErrors { code field message } } }"""
JOB = """mutation($i: RunDailyJobInput!) { runDailyJob(input: $i) { report { job runs { code result items } }
  userErrors { code } } }"""

D = Decimal


def test_staff_and_holders_read_the_servicer_report_and_trace_the_coupon_to_loans(world, gql, make_user):
    w = world(NORMAL, months=5, merchants=60, trigger_unspent_share=D("0.9"))
    w.run()
    ops = gql.as_user("ops@example.com")
    pools = ops.data(POOLS)["absPools"]
    assert pools["totalCount"] == 1
    pool = pools["nodes"][0]
    assert pool["status"] == "REVOLVING" and pool["months"] == ["2026-12", "2027-01"]
    assert [t["name"] for t in pool["tranches"]] == ["SENIOR", "SUBORDINATED"]
    assert [t["retained"] for t in pool["tranches"]] == [False, True]

    holder = gql.as_user(w.holders[0].email)
    report = holder.data(REPORT, {"id": pool["id"], "month": "2027-01"})["absPool"]["report"]
    assert report["period"] == 2 and report["paymentDate"] == "2027-01-25"
    assert [t["name"] for t in report["triggers"]] == [
        "CUMULATIVE_DEFAULT_RATE",
        "EXCESS_SPREAD_3M_AVERAGE",
        "NOT_ENOUGH_ELIGIBLE_LOANS",
    ]
    assert not any(t["breached"] for t in report["triggers"])
    assert [b["bucket"] for b in report["delinquencyBuckets"]] == ["CURRENT", "1-30", "31-60", "61-90", "90+"]
    # the coupon's source: the loans whose interest the month allocated add up to the collections
    loans = report["loans"]["edges"]
    assert loans and sum(D(e["node"]["interest"]["amount"]) for e in loans) == D(
        report["collections"]["interest"]["amount"]
    )
    assert sum(D(e["node"]["principal"]["amount"]) for e in loans) == D(report["collections"]["principal"]["amount"])
    paid = D(report["waterfall"]["seniorInterestPaid"]["amount"])
    assert paid + D(report["waterfall"]["carriedOut"]["amount"]) == D(report["waterfall"]["seniorInterest"]["amount"])
    assert "collections_interest" in report["csv"]
    loan_id = loans[0]["node"]["loanId"]
    assert ops.data("query($id: ID!) { loan(id: $id) { id status } }", {"id": loan_id})["loan"]["id"] == loan_id
    assert coupons_of(w.db, w.product_id) > 0

    # the product page leads to the pool; a customer who holds nothing does not see the report
    shown = holder.data(PRODUCT, {"id": product_gid(w.product_id)})["product"]["absPool"]
    assert shown["id"] == pool["id"] and shown["months"] == ["2026-12", "2027-01"]
    stranger = w.investor("C5", deposit="0")
    other = gql.as_user(stranger.email)
    assert other.data(REPORT, {"id": pool["id"], "month": "2027-01"})["absPool"] is None
    assert other.execute(POOLS).get("errors")

    # the daily job: nothing more to do for January
    ran = ops.data(JOB, {"i": {"job": "RUN_ABS_POOLS", "date": "2027-01-25"}})["runDailyJob"]
    assert ran["userErrors"] == [] and [r["result"] for r in ran["report"]["runs"]] == ["NOTHING"]
    assert w.problems() == []


def test_create_abs_pool_refuses_bad_terms_with_user_errors(gql, catalogue, clock, make_user):
    from tests.securitisation.conftest import senior_product

    product = senior_product(catalogue)
    ops = gql.as_user("ops@example.com")
    closing = (clock.today() + timedelta(days=30)).isoformat()
    base = {
        "name": "Bad pool",
        "size": "2250000.00",
        "senior": "2000000.00",
        "subordinated": "200000.00",
        "seniorProductId": product_gid(product),
        "closingDate": closing,
    }
    answer = ops.data(CREATE, {"i": base})["createAbsPool"]
    assert [e["code"] for e in answer["userErrors"]] == ["ABS_TRANCHES_DO_NOT_ADD_UP"] and answer["pool"] is None
    answer = ops.data(CREATE, {"i": {**base, "subordinated": "250000.00"}})["createAbsPool"]
    assert [e["code"] for e in answer["userErrors"]] == ["ABS_NO_ELIGIBLE_LOANS"]  # no loan on the book yet
    make_user("someone@example.com")
    customer = gql.as_user("someone@example.com")
    denied = customer.data(CREATE, {"i": {**base, "subordinated": "250000.00"}})["createAbsPool"]
    assert [e["code"] for e in denied["userErrors"]] == ["FORBIDDEN"]
    assert date.fromisoformat(closing) > clock.today()
