"""Errors people can read (issue 15): ``userErrors[].message`` in the viewer's language, from
their profile, else ``Accept-Language``, else Chinese; code and field never change with the
language; a mutation names every invalid field at once."""

from __future__ import annotations

import re

import pytest

from api.context import preferred_locale
from tests.conftest import GraphQLClient

CJK = re.compile(r"[\u3400-\u9fff]")
REGISTER = """mutation($i: RegisterInput!) { register(input: $i) { token userErrors { field message code } } }"""
BAD_REGISTRATION = {"email": "not-an-email", "password": "short", "displayName": "Amy", "locale": "fr"}
PAY = """mutation($i: PayInput!) { pay(input: $i) { userErrors { field message code } } }"""


def _errors(client: GraphQLClient, document: str, values: dict) -> list[dict]:
    return next(iter(client.data(document, {"i": values}).values()))["userErrors"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "zh-CN"),
        ("", "zh-CN"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR, en;q=0.5, zh;q=0.8", "zh-CN"),
        ("fr-FR, en;q=0.9, zh;q=0.8", "en"),
        ("zh-TW", "zh-CN"),
        ("de, fr", "zh-CN"),
        ("en;q=abc, zh", "zh-CN"),
    ],
)
def test_the_language_comes_from_accept_language_by_weight(header, expected):
    assert preferred_locale(header) == expected


def test_a_registration_names_every_bad_field_at_once_in_either_language(http):
    answers = {}
    for language in (None, "zh-CN", "en"):
        answers[language] = _errors(GraphQLClient(http, language), REGISTER, BAD_REGISTRATION)
    english, chinese = answers["en"], answers["zh-CN"]
    assert {error["field"] for error in english} == {"email", "password", "locale"}
    assert [(e["field"], e["code"]) for e in chinese] == [(e["field"], e["code"]) for e in english]
    assert answers[None] == chinese  # no header: Chinese
    assert all(CJK.search(error["message"]) for error in chinese)
    assert not any(CJK.search(error["message"]) for error in english)


def test_a_signed_in_users_own_language_wins_over_the_header(http, make_user):
    make_user("li@example.com", locale="zh-CN")
    make_user("amy@example.com", locale="en")
    bad = {"payee": "nobody@example.com", "amount": "1.00", "idempotencyKey": "k"}
    li = GraphQLClient(http, "en").as_user("li@example.com")  # asks for English; their profile says Chinese
    amy = GraphQLClient(http, "zh-CN").as_user("amy@example.com")
    [li_error], [amy_error] = _errors(li, PAY, bad), _errors(amy, PAY, bad)
    assert (li_error["code"], li_error["field"]) == (amy_error["code"], amy_error["field"])
    assert CJK.search(li_error["message"]) and not CJK.search(amy_error["message"])


def test_top_level_errors_are_in_the_viewers_language_too(http):
    query = "{ wallet { balance { amount } } }"
    chinese = GraphQLClient(http, "zh-CN").execute(query)["errors"][0]
    english = GraphQLClient(http, "en").execute(query)["errors"][0]
    assert chinese["extensions"] == english["extensions"] == {"code": "UNAUTHENTICATED"}
    assert (chinese["message"], english["message"]) == ("请先登录。", "Sign in first.")
