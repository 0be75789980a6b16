"""Credit and loans through GraphQL: consent, me.credit with reasons in both languages, the
offer with its APR and daily rate, an instant decision with the schedule, early repayment to
the day, the connection and node ids, the operators' loan book and the daily job; and every
bad input refused with a code and nothing booked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.lending.conftest import D

CONSENT = """mutation($i: SetCreditScoringConsentInput!) { setCreditScoringConsent(input: $i) {
  consent credit { score grade limit { amount currency } reasons { code text } modelVersion updatedAt }
  userErrors { code field message } } }"""
CREDIT = "{ me { creditScoringConsent credit { score grade limit { amount } reasons { code text } modelVersion } } }"
OFFER = "{ creditOffer { grade limit { amount } apr dailyRate penaltyRate minAmount { amount } repayments } }"
APPLY = """mutation($i: ApplyForLoanInput!) { applyForLoan(input: $i) { decision
  application { id decision reasons { code text } }
  loan { id status outstanding { amount } apr schedule { dueDate principal { amount } interest { amount } paid { amount } status } }
  userErrors { code field message } } }"""
REPAY = """mutation($i: RepayLoanInput!) { repayLoan(input: $i) { loan { id status outstanding { amount } daysPastDue
  schedule { status paid { amount } } } userErrors { code field message } } }"""
REVIEW = """mutation($i: RequestLoanReviewInput!) { requestLoanReview(input: $i) { application { reviewRequested }
  userErrors { code } } }"""
LOANS = "{ loans(first: 5) { totalCount nodes { id status principal { amount } } } }"
BOOK = """{ loanBook { outstanding { amount } capital { amount } bankBorrowing { amount } available { amount }
  byGrade { grade loans } dpdBuckets { bucket loans } defaultRate vintages { month loans } } }"""
JOB = """mutation($i: RunDailyJobInput!) { runDailyJob(input: $i) { report { job runs { code items amount { amount } } }
  userErrors { code } } }"""


def errors(payload) -> list[str]:
    return [e["code"] for e in payload["userErrors"]]


def test_a_merchant_sees_credit_borrows_and_repays_early(gql, desk, make_user):
    desk.fund()
    desk.model()
    merchant = desk.merchant(consent=False)
    client = gql.as_user(merchant.email)
    assert client.data(CREDIT)["me"] == {"creditScoringConsent": False, "credit": None}
    assert client.data(OFFER)["creditOffer"] is None  # no consent: no score, no offer
    refused = client.data(
        APPLY, {"i": {"amount": "5000.00", "termMonths": 3, "repayment": "EQUAL_PAYMENTS", "idempotencyKey": "a0"}}
    )
    assert errors(refused["applyForLoan"]) == ["CREDIT_CONSENT_REQUIRED"]

    given = client.data(CONSENT, {"i": {"consent": True}})["setCreditScoringConsent"]
    assert given["consent"] is True and given["credit"]["grade"] in "ABCD"
    credit = client.data(CREDIT)["me"]["credit"]
    assert 300 <= credit["score"] <= 850 and credit["reasons"]
    client.data('mutation { updateProfile(input: {locale: "zh-CN"}) { userErrors { code } } }')
    zh = client.data(CREDIT)["me"]["credit"]["reasons"]
    client.data('mutation { updateProfile(input: {locale: "en"}) { userErrors { code } } }')
    assert [r["code"] for r in zh] == [r["code"] for r in credit["reasons"]] and zh[0]["text"] != credit["reasons"][0][
        "text"
    ]

    offer = client.data(OFFER)["creditOffer"]
    assert (
        D(offer["apr"]) <= D("0.24")
        and D(offer["dailyRate"]) > 0
        and offer["repayments"] == ["EQUAL_PAYMENTS", "INTEREST_ONLY"]
    )

    # bad input: nothing booked
    for values, code in (
        ({"amount": "999.00", "termMonths": 3}, "LOAN_AMOUNT_BELOW_MINIMUM"),
        ({"amount": str(D(offer["limit"]["amount"]) + 100), "termMonths": 3}, "LOAN_AMOUNT_ABOVE_LIMIT"),
        ({"amount": "5000.00", "termMonths": 13}, "LOAN_TERM_OUT_OF_RANGE"),
        ({"amount": "5000.00", "termMonths": 0}, "LOAN_TERM_OUT_OF_RANGE"),
    ):
        bad = client.data(
            APPLY,
            {"i": {**values, "repayment": "EQUAL_PAYMENTS", "idempotencyKey": f"bad-{code}-{values['termMonths']}"}},
        )
        assert errors(bad["applyForLoan"]) == [code]
    assert desk.cash(merchant) == 0

    applied = client.data(
        APPLY, {"i": {"amount": "12000.00", "termMonths": 3, "repayment": "EQUAL_PAYMENTS", "idempotencyKey": "a1"}}
    )["applyForLoan"]
    assert applied["decision"] == "APPROVED" and applied["userErrors"] == []
    loan = applied["loan"]
    assert [row["dueDate"] for row in loan["schedule"]] == ["2026-12-26", "2027-01-26", "2027-02-26"]
    assert sum(D(row["principal"]["amount"]) for row in loan["schedule"]) == D("12000.00")
    again = client.data(
        APPLY, {"i": {"amount": "12000.00", "termMonths": 3, "repayment": "EQUAL_PAYMENTS", "idempotencyKey": "a1"}}
    )["applyForLoan"]
    assert again["loan"]["id"] == loan["id"] and desk.cash(merchant) == D("12000.00")  # a retry draws nothing more

    # ten days later, repaying everything costs ten days of interest, not a month's
    desk.at(date(2026, 12, 6))
    client = gql.as_user(merchant.email)  # a fresh token at the new time
    desk.deposit(merchant, "100.00")  # the interest
    outstanding = D(
        client.data("query($id: ID!) { loan(id: $id) { outstanding { amount } } }", {"id": loan["id"]})["loan"][
            "outstanding"
        ]["amount"]
    )
    month_interest = D(loan["schedule"][0]["interest"]["amount"])
    assert outstanding - D("12000.00") == (month_interest * 10 / 30).quantize(D("0.01"))
    too_much = client.data(
        REPAY, {"i": {"loanId": loan["id"], "amount": str(outstanding + D("0.01")), "idempotencyKey": "r0"}}
    )
    assert errors(too_much["repayLoan"]) == ["REPAYMENT_EXCEEDS_OUTSTANDING"]
    paid = client.data(REPAY, {"i": {"loanId": loan["id"], "amount": str(outstanding), "idempotencyKey": "r1"}})[
        "repayLoan"
    ]
    assert paid["userErrors"] == [] and paid["loan"]["status"] == "PAID_OFF"
    closed = client.data(REPAY, {"i": {"loanId": loan["id"], "amount": "1.00", "idempotencyKey": "r2"}})["repayLoan"]
    assert errors(closed) == ["LOAN_CLOSED"]

    # someone else cannot repay it, nor see it
    other = desk.ready_user(deposit="100")
    stranger = gql.as_user(other.email)
    assert errors(
        stranger.data(REPAY, {"i": {"loanId": loan["id"], "amount": "1.00", "idempotencyKey": "x"}})["repayLoan"]
    ) == ["NOT_FOUND"]
    assert stranger.data("query($id: ID!) { node(id: $id) { id } }", {"id": loan["id"]})["node"] is None
    assert client.data("query($id: ID!) { node(id: $id) { ... on Loan { status } } }", {"id": loan["id"]})["node"] == {
        "status": "PAID_OFF"
    }
    listed = client.data(LOANS)["loans"]
    assert listed["totalCount"] == 1 and listed["nodes"][0]["status"] == "PAID_OFF"
    review = client.data(REVIEW, {"i": {"loanApplicationId": applied["application"]["id"]}})["requestLoanReview"]
    assert errors(review) == ["APPLICATION_NOT_DECLINED"]

    operator = make_user("ops-lend@example.com", roles={__import__("users.roles", fromlist=["Role"]).Role.OPERATOR})
    ops = gql.as_user(operator.email)
    book = ops.data(BOOK)["loanBook"]
    assert book["capital"]["amount"] == "10000000.00" and book["bankBorrowing"]["amount"] == "5000000.00"
    assert book["outstanding"]["amount"] == "0.00" and D(book["available"]["amount"]) > D("15000000")  # interest earned
    today = ops.data(JOB, {"i": {"job": "COLLECT_LOANS", "date": "2026-12-06"}})["runDailyJob"]
    assert errors(today) == ["INVALID_INPUT"]  # a day is collected once it is over
    job = ops.data(JOB, {"i": {"job": "COLLECT_LOANS", "date": "2026-12-05"}})["runDailyJob"]
    assert job["userErrors"] == [] and job["report"]["job"] == "COLLECT_LOANS"
    assert desk.problems() == []


def test_declined_a_person_can_review_and_loan_money_is_not_invested(gql, desk, settings):
    desk.fund()
    desk.model()
    weak = desk.merchant(monthly="400.00", months=2)  # little history: grade E or no limit
    desk.score()
    client = gql.as_user(weak.email)
    declined = client.data(
        APPLY, {"i": {"amount": "1000.00", "termMonths": 3, "repayment": "INTEREST_ONLY", "idempotencyKey": "d"}}
    )["applyForLoan"]
    if declined["userErrors"]:
        assert errors(declined) == ["LOAN_AMOUNT_ABOVE_LIMIT"]
    else:
        assert declined["decision"] == "DECLINED" and declined["application"]["reasons"]
        review = client.data(REVIEW, {"i": {"loanApplicationId": declined["application"]["id"]}})["requestLoanReview"]
        assert review["application"]["reviewRequested"] is True

    # loan money cannot buy investment products
    from investing import orders
    from tests.investing.conftest import Catalogue, Funds  # noqa: F401

    strong = desk.merchant()
    desk.score()
    desk.apply(strong, "20000.00")
    desk.deposit(strong, "3000.00")
    from core.errors import DomainError
    from products import service as products_service  # noqa: F401

    with desk.db.write() as session:
        from lending import guards

        assert guards.loan_money(session, strong.id) == 20000_00
        try:
            guards.refuse_loan_money(session, strong.id, 23000_00, 5000_00)
            raise AssertionError("loan money was accepted")
        except DomainError as error:
            assert error.code == "LOAN_FUNDS_NOT_INVESTABLE"
        guards.refuse_loan_money(session, strong.id, 23000_00, 3000_00)  # own money is fine
    _ = orders


def test_lender_limits_refuse_without_booking(desk):
    from core.errors import DomainError

    desk.model()
    first, second = desk.merchant(), desk.merchant()
    desk.score()
    desk.fund(capital="100000", bank=None)
    # one borrower at most 5% of capital: the offer is capped there
    assert desk.offer(first).limit == 5000_00
    desk.settings = desk.settings.model_copy(update={"lender_single_borrower_share": Decimal("1")})
    desk.apply(first, "80000.00")
    try:  # 20,000 left to lend
        desk.apply(second, "30000.00")
        raise AssertionError("past the lender's funds")
    except DomainError as error:
        assert error.code == "LENDER_CAPACITY"
    assert desk.cash(second) == 0
    try:
        desk.fund(capital="1", bank="60000")  # over 0.5 x capital
        raise AssertionError("over the bank-borrowing limit")
    except DomainError as error:
        assert error.code == "LENDER_CAPACITY"
    try:
        desk.fund(capital="-5", bank=None)
        raise AssertionError("negative funding")
    except DomainError as error:
        assert error.code == "INVALID_FUNDING"
    assert desk.figures().outstanding == 80000_00 and desk.figures().bank_borrowing == 0
    assert desk.problems() == []
