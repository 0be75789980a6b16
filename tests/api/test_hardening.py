"""GraphQL hardening, configured once: depth, alias and token limits with clear messages,
the page-size cap, production switches (no GraphiQL, introspection or field suggestions),
masked unexpected errors, batching off, CORS, and the health check."""

import logging
from types import SimpleNamespace

import pytest
import strawberry
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from api.app import create_app
from api.extensions import build_extensions
from api.pagination import Connection, build_connection, page_request
from db.session import Database
from tests.conftest import PASSWORD, GraphQLClient
from tests.conftest import test_settings as make_settings

PRODUCTION_KEY = "a-production-secret-key-of-40-characters!"


@pytest.fixture
def settings():
    return make_settings(max_query_depth=3, max_aliases=3, max_tokens=60)


def messages(body: dict) -> list[str]:
    return [error["message"] for error in body.get("errors", [])]


def test_a_query_deeper_than_the_limit_is_refused_even_through_fragments(app):
    tight = make_settings(max_query_depth=1)
    client = GraphQLClient(TestClient(create_app(tight, db=app.state.services.db, run_periodic_jobs=False)))
    shallow = 'mutation { login(input: {email: "a@b.cn", password: "x"}) { token } }'
    assert client.execute(shallow)["data"]["login"]["token"] is None  # depth 1: answered
    direct = 'mutation { login(input: {email: "a@b.cn", password: "x"}) { user { id } } }'
    hidden = """mutation Sneaky { ...A } fragment A on Mutation { login(input: {email: "a@b.cn", password: "x"}) {
        ...B } } fragment B on LoginPayload { user { id } }"""
    for query, name in ((direct, "anonymous"), (hidden, "Sneaky")):
        body = client.execute(query)
        assert body["data"] is None
        assert messages(body) == [f"'{name}' exceeds maximum operation depth of 1"]


def test_too_many_aliases_are_refused_with_the_count(gql):
    body = gql.execute("{ a: me { id } b: me { id } c: me { id } d: me { id } }")
    assert body["data"] is None and messages(body) == ["4 aliases found. Allowed: 3"]
    fragments = "{ ...F ...G } fragment F on Query { a: me { id } b: me { id } } fragment G on Query { c: me { id } d: me { id } }"
    assert messages(gql.execute(fragments)) == ["4 aliases found. Allowed: 3"]
    assert gql.execute("{ a: me { id } b: me { id } c: me { id } }") == {"data": {"a": None, "b": None, "c": None}}


def test_too_many_tokens_are_refused_before_validation(gql):
    body = gql.execute("{ me { " + "id " * 80 + "} }")
    assert body["data"] is None
    assert messages(body) == ["Syntax Error: Document contains more than 60 tokens. Parsing aborted."]


def test_limits_hold_for_the_same_document_sent_again(gql):
    query = "{ a: me { id } b: me { id } c: me { id } d: me { id } }"
    assert gql.execute(query) == gql.execute(query)  # the cached verdict is the same verdict


# --- page size -----------------------------------------------------------------------------


@strawberry.type
class Number:
    value: int


@strawberry.type
class NumbersQuery:
    """A test-only connection over the numbers 0..249, paged like every list of the API."""

    @strawberry.field
    def numbers(self, info: strawberry.Info, first: int | None = None, after: str | None = None) -> Connection[Number]:
        request = page_request(first, after, max_page_size=info.context.settings.max_page_size)
        start = request.after[0] + 1 if request.after else 0
        rows = list(range(start, min(start + request.limit + 1, 250)))
        return build_connection(rows, request, key=lambda n: [n], node=lambda n: Number(value=n), count=lambda: 250)


NUMBERS_SETTINGS = make_settings()
NUMBERS_SCHEMA = strawberry.Schema(query=NumbersQuery, extensions=build_extensions(NUMBERS_SETTINGS))


def run_numbers(query: str, variables: dict | None = None) -> dict:
    context = SimpleNamespace(settings=NUMBERS_SETTINGS, request_id="t")
    result = NUMBERS_SCHEMA.execute_sync(query, variables, context_value=context)
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


PAGE = (
    "query($first: Int, $after: String) { numbers(first: $first, after: $after) { totalCount nodes { value } "
    "edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"
)


@given(st.integers(min_value=0, max_value=10**6))
@hypothesis_settings(max_examples=25, deadline=None)
def test_a_page_larger_than_the_limit_is_cut_to_it_and_the_rest_follows(first):
    seen, after, pages = [], None, 0
    while True:
        answer = run_numbers(PAGE, {"first": first, "after": after})
        assert answer["errors"] == []
        page = answer["data"]["numbers"]
        assert len(page["nodes"]) <= min(first, 100) and page["totalCount"] == 250
        info = page["pageInfo"]
        assert info["hasPreviousPage"] is (after is not None)
        cursors = [edge["cursor"] for edge in page["edges"]]
        assert (info["startCursor"], info["endCursor"]) == ((cursors[0], cursors[-1]) if cursors else (None, None))
        seen += [node["value"] for node in page["nodes"]]
        pages += 1
        if not info["hasNextPage"] or first == 0:
            break
        after = info["endCursor"]
    assert seen == ([] if first == 0 else list(range(250)))  # every item once, in order, nothing lost
    assert first == 0 or pages == -(-250 // min(first, 100))


def test_bad_paging_arguments_are_refused_clearly():
    assert run_numbers(PAGE, {"first": -1})["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert run_numbers(PAGE, {"after": "%%%"})["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
    assert len(run_numbers(PAGE)["data"]["numbers"]["nodes"]) == 20


@pytest.mark.parametrize("first", [1, 7, 20, 100])
def test_paging_through_a_connection_visits_every_row_once(first):
    seen, after = [], None
    while True:
        page = run_numbers(PAGE, {"first": first, "after": after})["data"]["numbers"]
        seen += [node["value"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == list(range(250))


# --- production switches --------------------------------------------------------------------


@pytest.fixture
def production(db, clock):
    settings = make_settings(env="production", secret_key=PRODUCTION_KEY, identity_key=PRODUCTION_KEY)
    with TestClient(create_app(settings, db=db, clock=clock, run_periodic_jobs=False)) as http:
        yield http


@pytest.fixture
def development(db, clock):
    with TestClient(create_app(make_settings(env="dev"), db=db, clock=clock, run_periodic_jobs=False)) as http:
        yield http


def test_production_serves_no_graphiql_no_introspection_and_no_suggestions(production, development):
    assert production.get("/graphql", headers={"Accept": "text/html"}).status_code == 404
    assert production.get("/docs").status_code == 404
    assert "GraphiQL" in development.get("/graphql", headers={"Accept": "text/html"}).text

    introspection = "{ __schema { queryType { name } } }"
    refused = GraphQLClient(production).execute(introspection)
    assert refused["data"] is None and "introspection has been disabled" in messages(refused)[0]
    assert GraphQLClient(development).data(introspection) == {"__schema": {"queryType": {"name": "Query"}}}

    typo = "{ mee { id } }"
    assert messages(GraphQLClient(production).execute(typo)) == ["Cannot query field 'mee' on type 'Query'."]
    assert "Did you mean 'me'?" in messages(GraphQLClient(development).execute(typo))[0]

    enum_typo = (
        "mutation($i: SetUserRolesInput!) { setUserRoles(input: $i) { userErrors { code } } }",
        {"i": {"email": "a@b.cn", "roles": ["OPERATR"]}},
    )
    assert "Did you mean" not in messages(GraphQLClient(production).execute(*enum_typo))[0]
    assert "Did you mean" in messages(GraphQLClient(development).execute(*enum_typo))[0]


def test_unexpected_errors_are_masked_with_a_request_id_and_logged(gql, make_user, monkeypatch, caplog):
    from api.graphql import users as users_module

    make_user("amy@example.com")
    gql.sign_in("amy@example.com", PASSWORD)

    def broken(viewer):
        raise RuntimeError("connection string postgres://secret@db")

    monkeypatch.setattr(users_module.User, "from_viewer", broken)
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        body = gql.execute("{ me { id } }")
    [error] = body["errors"]
    request_id = error["extensions"]["requestId"]
    assert error["message"] == f"Unexpected error (request id {request_id})."
    assert error["extensions"]["code"] == "INTERNAL_ERROR"
    assert "secret" not in str(body)
    [record] = [r for r in caplog.records if request_id in r.getMessage()]
    assert record.exc_info and "secret@db" in str(record.exc_info[1])


def test_refusals_keep_their_message_and_code(gql):
    body = gql.execute("{ me { id } }", token="forged.token.value")
    assert body["errors"][0]["message"] == "The access token is not valid."
    assert body["errors"][0]["extensions"] == {"code": "INVALID_TOKEN"}


def test_batched_requests_are_refused(http):
    response = http.post("/graphql", json=[{"query": "{ me { id } }"}, {"query": "{ me { id } }"}])
    assert response.status_code == 400 and "Batching is not enabled" in response.text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b'"a string"', "application/json"),
        (b"true", "application/json"),
        (b"null", "application/json"),
        (b"5", "application/json"),
        (b"{}", "application/json"),
        (b'{"query": 5}', "application/json"),
        (b'{"query": "{ me { id } }", "variables": "x"}', "application/json"),
        (b"query={me{id}}", "application/x-www-form-urlencoded"),
    ],
)
def test_malformed_requests_get_a_400_not_a_500(http, body, content_type):
    response = http.post("/graphql", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400 and response.text


def test_queries_over_get_are_refused(http):
    assert http.get("/graphql", params={"query": "{ me { id } }"}).status_code in (400, 405)


# --- CORS and health ------------------------------------------------------------------------


def test_cors_answers_the_configured_origin_only(http):
    allowed = "http://localhost:3000"
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    ok = http.options("/graphql", headers={"Origin": allowed, **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == allowed
    assert "authorization" in ok.headers["access-control-allow-headers"].lower()
    other = http.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in other.headers
    simple = http.post("/graphql", json={"query": "{ me { id } }"}, headers={"Origin": allowed})
    assert simple.headers["access-control-allow-origin"] == allowed
    stranger = http.post("/graphql", json={"query": "{ me { id } }"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in stranger.headers


def test_readyz_reports_a_reachable_database(http):
    response = http.get("/readyz")
    assert response.status_code == 200 and response.json()["database"] == "reachable"


def test_readyz_answers_503_when_the_database_is_unreachable_while_healthz_stays_alive(settings, clock):
    unreachable = Database("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2})
    with TestClient(create_app(settings, db=unreachable, clock=clock, run_periodic_jobs=False)) as http:
        response = http.get("/readyz")
        alive = http.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unreachable"
    assert alive.status_code == 200  # the process answers: a balancer must not restart it for the database
