"""A person's review of a declined application (PIPL Art. 24), over GraphQL: the applicant asks,
an operator finds it in the queue and upholds or approves it with a note the applicant reads;
approval books the loan and draws it as an instant approval would; decided once, never by the
applicant, never by a customer, and a refused decision books nothing."""

from __future__ import annotations

import pytest

from core.errors import DomainError
from lending import service as lending
from tests.lending.conftest import D
from users.roles import Role

APPLY = """mutation($i: ApplyForLoanInput!) { applyForLoan(input: $i) { decision
  application { id reasons { code } } userErrors { code } } }"""
ASK = """mutation($i: RequestLoanReviewInput!) { requestLoanReview(input: $i) {
  application { review { outcome requestedAt } } userErrors { code } } }"""
QUEUE = "{ loanReviews(first: 10) { totalCount nodes { id applicantId amount { amount } reasons { code } } } }"
DECIDE = """mutation($i: DecideLoanReviewInput!) { decideLoanReview(input: $i) {
  application { decision review { outcome note decidedAt } loan { status principal { amount } } }
  userErrors { code field message } } }"""
MINE = """query($id: ID!) { node(id: $id) { ... on LoanApplication { decision
  review { outcome note } loan { principal { amount } } } } }"""


def codes(payload) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def declined(gql, desk, user, amount: str) -> str:
    """An application declined for want of a score (the merchant consented; no scoring ran)."""
    answer = gql.as_user(user.email).data(
        APPLY, {"i": {"amount": amount, "termMonths": 3, "repayment": "EQUAL_PAYMENTS", "idempotencyKey": "a"}}
    )["applyForLoan"]
    assert answer["decision"] == "DECLINED", answer
    assert [r["code"] for r in answer["application"]["reasons"]] == ["NO_CREDIT_SCORE"]
    return answer["application"]["id"]


def test_an_operator_approves_or_upholds_what_applicants_asked_a_person_to_review(gql, desk, make_user):
    desk.fund()
    desk.model()
    first, second = desk.merchant(months=2), desk.merchant(months=2)
    ops = gql.as_user(make_user("reviewer@example.com", roles={Role.OPERATOR}).email)
    applied = declined(gql, desk, first, "5000.00")
    decide = {"loanApplicationId": applied, "decision": "APPROVE", "note": "Steady sales; approved.", "grade": "D"}

    not_asked = ops.data(DECIDE, {"i": decide})["decideLoanReview"]
    assert codes(not_asked) == ["REVIEW_NOT_REQUESTED"]
    asked = gql.as_user(first.email).data(ASK, {"i": {"loanApplicationId": applied}})["requestLoanReview"]
    assert asked["application"]["review"]["outcome"] == "PENDING"
    other = declined(gql, desk, second, "2000.00")
    gql.as_user(second.email).data(ASK, {"i": {"loanApplicationId": other}})

    # Customers neither see the queue nor decide, not even on their own application.
    customer = gql.as_user(first.email)
    assert customer.post(QUEUE).json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert codes(customer.data(DECIDE, {"i": decide})["decideLoanReview"]) == ["FORBIDDEN"]

    queue = ops.data(QUEUE)["loanReviews"]
    assert queue["totalCount"] == 2 and [n["id"] for n in queue["nodes"]] == [applied, other]  # longest waiting first
    assert queue["nodes"][0]["amount"]["amount"] == "5000.00"

    cash_before, figures_before = desk.cash(first), desk.figures()
    for wrong, field in (({"note": "  "}, "note"), ({"grade": "E"}, "grade"), ({"grade": None}, "grade")):
        refused = ops.data(DECIDE, {"i": {**decide, **wrong}})["decideLoanReview"]
        assert codes(refused) == ["INVALID_REVIEW"] and refused["userErrors"][0]["field"] == field
    assert desk.cash(first) == cash_before and desk.figures() == figures_before  # nothing booked

    approved = ops.data(DECIDE, {"i": decide})["decideLoanReview"]
    assert approved["userErrors"] == []
    application = approved["application"]
    assert application["decision"] == "APPROVED"
    assert application["review"]["outcome"] == "APPROVED" and application["review"]["decidedAt"]
    assert application["loan"] == {"status": "CURRENT", "principal": {"amount": "5000.00"}}
    assert desk.cash(first) == cash_before + D("5000.00")  # drawn into the wallet
    assert codes(ops.data(DECIDE, {"i": decide})["decideLoanReview"]) == ["REVIEW_ALREADY_DECIDED"]

    upheld = ops.data(
        DECIDE, {"i": {"loanApplicationId": other, "decision": "UPHOLD", "note": "Two months of sales are too few."}}
    )["decideLoanReview"]
    assert upheld["userErrors"] == [] and upheld["application"]["decision"] == "DECLINED"
    assert upheld["application"]["loan"] is None
    assert ops.data(QUEUE)["loanReviews"]["totalCount"] == 0

    # Each applicant reads the outcome and the reviewer's words.
    mine = gql.as_user(second.email).data(MINE, {"id": other})["node"]
    assert mine["review"] == {"outcome": "UPHELD", "note": "Two months of sales are too few."}
    assert mine["decision"] == "DECLINED" and mine["loan"] is None
    assert gql.as_user(first.email).data(MINE, {"id": applied})["node"]["review"]["note"] == "Steady sales; approved."
    assert desk.problems() == []


def test_nobody_reviews_their_own_application(desk, clock, settings):
    desk.fund()
    desk.model()
    merchant = desk.merchant(months=2)
    result = desk.apply(merchant, "3000.00")
    with desk.db.write() as session:
        lending.request_review(session=session, clock=clock, user_id=merchant.id, application_id=result.application_id)
    with pytest.raises(DomainError) as refused, desk.db.write() as session:
        lending.decide_review(
            session=session,
            clock=clock,
            settings=settings,
            reviewer_id=merchant.id,
            application_id=result.application_id,
            approve=True,
            note="mine",
            grade="A",
        )
    assert refused.value.code == "REVIEWER_IS_APPLICANT"
