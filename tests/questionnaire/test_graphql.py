"""The questionnaire over GraphQL: reading the questionnaire in both locales, submitting,
the signed-in user's riskProfile and riskAssessments, suitability, and every bad input
refused with a code and the offending field while nothing is stored."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.questionnaire.helpers import MODERATE, graphql_answers, offered, with_answers

QUESTIONNAIRE = """
query($locale: String) {
  riskQuestionnaire(locale: $locale) {
    id version locale
    questions { id section text kind options { id text } minValue maxValue }
  }
}"""

SUBMIT = """
mutation($input: SubmitRiskAssessmentInput!) {
  submitRiskAssessment(input: $input) {
    assessment { id riskCategory capacityScore willingnessScore lowestCategory flags status expiresAt explanation }
    userErrors { code field message }
  }
}"""

PROFILE = """
{ me { riskProfile { riskCategory status expiresAt flags qualifiedInvestor horizonMonths
                     liquidityNeed { amount currency } } } }"""

HISTORY = """
query($first: Int, $after: String) {
  me { riskAssessments(first: $first, after: $after) {
    edges { cursor node { id riskCategory status } } pageInfo { hasNextPage endCursor } } }
}"""

SUITABILITY = """
query($level: RiskLevel!, $qualified: Boolean) {
  suitability(productRiskLevel: $level, qualifiedInvestorsOnly: $qualified) {
    decision reason reasonCode warning { id text }
  }
}"""


def submission(answers=MODERATE, **extra):
    return {"input": {"questionnaireId": offered().id, "answers": graphql_answers(answers), **extra}}


@pytest.fixture
def customer(gql, make_user):
    make_user("cus@example.com", locale="en")
    gql.sign_in("cus@example.com", PASSWORD)
    return gql


def history(client) -> list[dict]:
    return [edge["node"] for edge in client.data(HISTORY, {"first": 100})["me"]["riskAssessments"]["edges"]]


def test_the_questionnaire_reads_the_same_in_both_locales(gql, make_user):
    zh = gql.data(QUESTIONNAIRE, {"locale": "zh-CN"})["riskQuestionnaire"]
    en = gql.data(QUESTIONNAIRE, {"locale": "en"})["riskQuestionnaire"]

    def shape(q):
        return [
            (x["id"], x["section"], x["kind"], [o["id"] for o in x["options"]], x["minValue"], x["maxValue"])
            for x in q["questions"]
        ]

    assert shape(zh) == shape(en) and (zh["id"], zh["version"]) == (en["id"], en["version"])
    assert (zh["locale"], en["locale"]) == ("zh-CN", "en")
    assert {q["section"] for q in en["questions"]} == {"CAPACITY", "WILLINGNESS"}
    assert {q["kind"] for q in en["questions"]} == {"SINGLE_CHOICE", "MULTIPLE_CHOICE", "NUMBER"}
    assert gql.data(QUESTIONNAIRE)["riskQuestionnaire"]["locale"] == "zh-CN"  # anonymous default

    make_user("reader@example.com", locale="en")
    gql.sign_in("reader@example.com", PASSWORD)
    assert gql.data(QUESTIONNAIRE)["riskQuestionnaire"]["locale"] == "en"  # the user's locale

    refused = gql.execute(QUESTIONNAIRE, {"locale": "fr"})
    assert refused["errors"][0]["extensions"]["code"] == "UNSUPPORTED_LOCALE"


def test_submitting_sets_the_profile_and_keeps_the_history(customer):
    result = customer.data(SUBMIT, submission())["submitRiskAssessment"]
    assert result["userErrors"] == []
    first = result["assessment"]
    assert first["riskCategory"] == "C3" and first["status"] == "CURRENT" and not first["lowestCategory"]
    assert "risk category" in first["explanation"]  # the user's locale (en)

    profile = customer.data(PROFILE)["me"]["riskProfile"]
    assert profile == {
        "riskCategory": "C3",
        "status": "CURRENT",
        "expiresAt": first["expiresAt"],
        "flags": [],
        "qualifiedInvestor": False,
        "horizonMonths": 36,
        "liquidityNeed": {"amount": "60000.00", "currency": "CNY"},
    }

    second = customer.data(SUBMIT, submission(with_answers(age="70"), locale="zh-CN"))["submitRiskAssessment"][
        "assessment"
    ]
    assert second["flags"] == ["ELDERLY"] and "风险类别" in second["explanation"]
    assert history(customer) == [
        {"id": second["id"], "riskCategory": second["riskCategory"], "status": "CURRENT"},
        {"id": first["id"], "riskCategory": "C3", "status": "SUPERSEDED"},
    ]


def test_the_history_pages_newest_first(customer):
    ids = [customer.data(SUBMIT, submission())["submitRiskAssessment"]["assessment"]["id"] for _ in range(3)]
    page = customer.data(HISTORY, {"first": 2})["me"]["riskAssessments"]
    assert [e["node"]["id"] for e in page["edges"]] == ids[:0:-1] and page["pageInfo"]["hasNextPage"]
    rest = customer.data(HISTORY, {"first": 2, "after": page["pageInfo"]["endCursor"]})["me"]["riskAssessments"]
    assert [e["node"]["id"] for e in rest["edges"]] == [ids[0]] and not rest["pageInfo"]["hasNextPage"]


def test_a_profile_before_any_assessment_is_missing(customer):
    profile = customer.data(PROFILE)["me"]["riskProfile"]
    assert profile["status"] == "MISSING" and profile["riskCategory"] is None


def test_suitability_for_the_signed_in_user(customer):
    missing = customer.data(SUITABILITY, {"level": "R2"})["suitability"]
    assert (missing["decision"], missing["reasonCode"]) == ("FORBIDDEN", "ASSESSMENT_MISSING")
    assert "questionnaire" in missing["reason"]  # the reason in plain words, in the user's locale (en)

    customer.data(SUBMIT, submission())  # C3
    allowed = customer.data(SUITABILITY, {"level": "R3"})["suitability"]
    assert allowed["decision"] == "ALLOWED" and allowed["warning"] is None
    assert allowed["reasonCode"] == "WITHIN_CATEGORY" and allowed["reason"]
    above = customer.data(SUITABILITY, {"level": "R4"})["suitability"]
    assert above["decision"] == "NEEDS_ACKNOWLEDGEMENT" and above["reasonCode"] == "ABOVE_CATEGORY"
    assert above["warning"]["id"] and above["warning"]["text"].startswith("Risk warning")
    assert customer.data(SUITABILITY, {"level": "R4"})["suitability"]["warning"]["id"] == above["warning"]["id"]
    qualified_only = customer.data(SUITABILITY, {"level": "R2", "qualified": True})["suitability"]
    assert (qualified_only["decision"], qualified_only["reasonCode"]) == ("FORBIDDEN", "NOT_QUALIFIED_INVESTOR")
    # qualifiedInvestorsOnly: Boolean = false -- an explicit null means the default.
    explicit_null = customer.data(SUITABILITY, {"level": "R2", "qualified": None})["suitability"]
    assert (explicit_null["decision"], explicit_null["reasonCode"]) == ("ALLOWED", "WITHIN_CATEGORY")


def test_anonymous_callers_are_refused(gql):
    result = gql.data(SUBMIT, submission())["submitRiskAssessment"]
    assert result["assessment"] is None and result["userErrors"][0]["code"] == "UNAUTHENTICATED"
    assert gql.execute(SUITABILITY, {"level": "R1"})["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def _answers_with(question_id: str, **answer) -> list[dict]:
    answers = graphql_answers(MODERATE)
    index = next(i for i, a in enumerate(answers) if a["questionId"] == question_id)
    answers[index] = {"questionId": question_id, **answer}
    return answers


def _retired_id() -> str:
    from questionnaire.registry import registry

    return next(q.id for q in registry().by_id.values() if not q.offered)


BAD_INPUTS = {
    "unknown questionnaire": (
        lambda: {"questionnaireId": "no_such_questionnaire"},
        "QUESTIONNAIRE_NOT_FOUND",
        "questionnaireId",
    ),
    "retired version": (lambda: {"questionnaireId": _retired_id()}, "QUESTIONNAIRE_RETIRED", "questionnaireId"),
    "missing answer": (lambda: {"answers": graphql_answers(MODERATE)[1:]}, "MISSING_ANSWER", "answers"),
    "unknown question": (
        lambda: {"answers": graphql_answers(MODERATE) + [{"questionId": "shoe_size", "value": "42"}]},
        "UNKNOWN_QUESTION",
        "answers.20.questionId",
    ),
    "same question twice": (
        lambda: {"answers": graphql_answers(MODERATE) + [{"questionId": "horizon", "optionId": "y1_3"}]},
        "DUPLICATE_ANSWER",
        "answers.20.questionId",
    ),
    "unknown option": (
        lambda: {"answers": _answers_with("horizon", optionId="forever")},
        "UNKNOWN_OPTION",
        "answers.6.optionId",
    ),
    "unknown option in a multiple choice": (
        lambda: {"answers": _answers_with("products_held", optionIds=["bonds", "gold_bars"])},
        "UNKNOWN_OPTION",
        "answers.9.optionIds.1",
    ),
    "'none of these' with others": (
        lambda: {"answers": _answers_with("products_held", optionIds=["none", "bonds"])},
        "CONFLICTING_OPTIONS",
        "answers.9.optionIds",
    ),
    "number out of range": (
        lambda: {"answers": _answers_with("age", value="130")},
        "VALUE_OUT_OF_RANGE",
        "answers.0.value",
    ),
    "negative amount": (
        lambda: {"answers": _answers_with("debts", value="-5")},
        "VALUE_OUT_OF_RANGE",
        "answers.5.value",
    ),
    "fractional age": (lambda: {"answers": _answers_with("age", value="38.5")}, "INVALID_NUMBER", "answers.0.value"),
    "not a number": (lambda: {"answers": _answers_with("age", value="thirty")}, "INVALID_DECIMAL", "answers.0.value"),
    "option for a number question": (
        lambda: {"answers": _answers_with("age", optionId="y1_3")},
        "ANSWER_KIND_MISMATCH",
        "answers.0.optionId",
    ),
    "number for a choice question": (
        lambda: {"answers": _answers_with("horizon", value="5")},
        "ANSWER_KIND_MISMATCH",
        "answers.6.value",
    ),
    "several options for a single choice": (
        lambda: {"answers": _answers_with("horizon", optionIds=["y1_3", "y3_5"])},
        "ANSWER_KIND_MISMATCH",
        "answers.6.optionIds",
    ),
    "an answer without a value": (lambda: {"answers": _answers_with("w_job")}, "MISSING_ANSWER", "answers.16.optionId"),
    "unsupported locale": (lambda: {"locale": "fr"}, "UNSUPPORTED_LOCALE", "locale"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_code_and_field_and_nothing_is_stored(customer, case):
    change, code, field = BAD_INPUTS[case]
    variables = submission()
    variables["input"].update(change())
    result = customer.data(SUBMIT, variables)["submitRiskAssessment"]
    assert result["assessment"] is None
    assert [(e["code"], e["field"]) for e in result["userErrors"]] == [(code, field)]
    assert history(customer) == []


SIGNED_IN_USER = (
    """user { email riskProfile { status riskCategory } riskAssessments(first: 5) { nodes { riskCategory } } }"""
)


def test_the_user_of_a_sign_in_payload_shows_their_own_risk_profile(gql, make_user):
    make_user("assessed@example.com")
    make_user("other@example.com")
    gql.sign_in("assessed@example.com", PASSWORD)
    gql.data(SUBMIT, submission())  # C3
    gql.sign_in("other@example.com", PASSWORD)  # the request's token is another user's

    login = gql.data(
        f"mutation($i: LoginInput!) {{ login(input: $i) {{ {SIGNED_IN_USER} token }} }}",
        {"i": {"email": "assessed@example.com", "password": PASSWORD}},
    )["login"]
    assert login["user"] == {
        "email": "assessed@example.com",
        "riskProfile": {"status": "CURRENT", "riskCategory": "C3"},
        "riskAssessments": {"nodes": [{"riskCategory": "C3"}]},
    }

    registered = gql.data(
        f"mutation($i: RegisterInput!) {{ register(input: $i) {{ {SIGNED_IN_USER} }} }}",
        {"i": {"email": "new@example.com", "password": PASSWORD}},
        token="",
    )["register"]
    assert registered["user"] == {
        "email": "new@example.com",
        "riskProfile": {"status": "MISSING", "riskCategory": None},
        "riskAssessments": {"nodes": []},
    }


def test_risk_fields_are_null_on_a_user_who_is_not_the_viewer(make_user, clock):
    from types import SimpleNamespace

    from api.graphql.user_core import viewer_id_of
    from api.graphql.viewer import User

    owner, stranger = make_user("owner@example.com"), make_user("stranger@example.com")

    def info(viewer):
        return SimpleNamespace(context=SimpleNamespace(viewer_or_none=lambda: viewer))

    def as_viewer(user):
        return SimpleNamespace(id=user.id)

    shown = User.from_model(owner)
    assert viewer_id_of(shown, info(as_viewer(owner))) == owner.id
    assert viewer_id_of(shown, info(as_viewer(stranger))) is None
    assert viewer_id_of(shown, info(None)) is None
    assert viewer_id_of(User.from_model(owner, token_issued=True), info(None)) == owner.id
