"""Decimal inputs are exact strings with a fixed number of decimals: NaN, infinities,
exponents, JSON numbers and extra decimals are refused with a userError naming the field
(a mutation) or a top-level error naming the argument (a query). Outputs are strings."""

import asyncio
import decimal

import pytest
import strawberry
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from strawberry.schema.config import StrawberryConfig

from api.context import Context, Services
from api.errors import UserError, valid
from api.extensions import build_extensions
from api.mutations import run_mutation
from api.scalars import SCALAR_MAP, MoneyAmount, NavValue, UnitAmount

PLACES = {"amount": 2, "units": 2, "nav": 4, "rate": 6}


@strawberry.input
class ProbeItem:
    amount: MoneyAmount


@strawberry.input
class ProbeInput:
    amount: MoneyAmount | None = None
    units: UnitAmount | None = None
    nav: NavValue | None = None
    rate: decimal.Decimal | None = None
    items: list[ProbeItem] | None = None


@strawberry.type
class ProbePayload:
    echo: list[decimal.Decimal] | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ProbeQuery:
    @strawberry.field
    def half(self, x: decimal.Decimal) -> decimal.Decimal:
        return valid(x, "x") / 2


@strawberry.type
class ProbeMutation:
    """A test-only mutation that echoes its decimals, run the way every mutation runs."""

    @strawberry.mutation
    async def probe(self, info: strawberry.Info, input: ProbeInput) -> ProbePayload:
        def action(_session, _viewer):
            values = [input.amount, input.units, input.nav, input.rate]
            values += [item.amount for item in input.items or []]
            return {"echo": [v for v in values if v is not None]}

        return await run_mutation(info, ProbePayload, input, action, auth=False)


@pytest.fixture
def run(db, settings, clock):
    schema = strawberry.Schema(
        query=ProbeQuery,
        mutation=ProbeMutation,
        extensions=build_extensions(settings),
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
    )
    services = Services(db=db, settings=settings, clock=clock)

    def execute(query: str, variables: dict | None = None) -> dict:
        result = asyncio.run(schema.execute(query, variables, context_value=Context(services)))
        return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}

    return execute


PROBE = "mutation($i: ProbeInput!) { probe(input: $i) { echo userErrors { field message code } } }"


def probe(run, **fields) -> dict:
    body = run(PROBE, {"i": fields})
    assert body["errors"] == [], body["errors"]
    return body["data"]["probe"]


@st.composite
def decimal_strings(draw):
    whole = draw(st.integers(min_value=0, max_value=10**12))
    decimals = draw(st.text(alphabet="0123456789", max_size=8))
    return f"{draw(st.sampled_from(['', '-']))}{whole}" + (f".{decimals}" if decimals else "")


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(PLACES)), text=decimal_strings())
def test_decimals_within_the_fields_precision_are_exact_and_others_refused(run, field, text):
    payload = probe(run, **{field: text})
    if len(text.partition(".")[2]) <= PLACES[field]:
        assert payload["userErrors"] == []
        assert decimal.Decimal(payload["echo"][0]) == decimal.Decimal(text)
    else:
        assert payload["echo"] is None
        [error] = payload["userErrors"]
        assert error["field"] == field
        assert error["code"] == ("INVALID_AMOUNT" if field == "amount" else "INVALID_DECIMAL")
        assert f"最多保留 {PLACES[field]} 位小数" in error["message"]  # no request: the default, Chinese


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "1e5", "1E-2", "12.5.0", "", "¥12", 12.5, 12, True])
def test_nan_infinity_exponents_and_json_numbers_are_refused(run, bad):
    payload = probe(run, amount=bad)
    assert payload["echo"] is None
    [error] = payload["userErrors"]
    assert (error["field"], error["code"]) == ("amount", "INVALID_AMOUNT")
    assert error["message"].endswith("。") and len(error["message"]) > 5


def test_literal_floats_in_the_query_text_are_refused_too(run):
    body = run("mutation { probe(input: {rate: 0.05}) { echo userErrors { field code } } }")
    assert body["data"]["probe"] == {"echo": None, "userErrors": [{"field": "rate", "code": "INVALID_DECIMAL"}]}
    body = run('mutation { probe(input: {rate: "0.05"}) { echo userErrors { field code } } }')
    assert body["data"]["probe"] == {"echo": ["0.05"], "userErrors": []}


def test_nested_inputs_name_the_exact_field(run):
    payload = probe(run, items=[{"amount": "1.00"}, {"amount": "2.001"}])
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [("items.1.amount", "INVALID_AMOUNT")]


def test_query_arguments_are_checked_and_decimals_answer_as_strings(run):
    assert run('{ half(x: "1.5") }') == {"data": {"half": "0.75"}, "errors": []}
    body = run('{ half(x: "NaN") }')
    [error] = body["errors"]
    assert error["extensions"] == {"code": "INVALID_DECIMAL", "field": "x"}
