"""Items 1 and 11 of the hardening issue: requests too large or too deep are refused before
they cost memory, big documents are never cached, and every response carries the security
headers (HSTS in production), with no server banner."""

from __future__ import annotations

import pytest

from api.http_limits import MAX_CACHED_QUERY_BYTES, MAX_QUERY_BYTES
from tests.conftest import test_settings

ME = "{ __typename }"


def test_an_oversized_body_is_refused_with_413_before_it_is_read(http, settings):
    padding = "#" * (settings.max_body_bytes + 1)  # a comment: the cheapest way to send bytes
    response = http.post("/graphql", json={"query": f"{padding}\n{ME}"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert f"{settings.max_body_bytes:,} bytes" in response.json()["errors"][0]["message"]
    declared = http.post(
        "/graphql", content=b"{}", headers={"content-length": str(10**9), "content-type": "application/json"}
    )
    assert declared.status_code == 413


def test_a_chunked_body_is_cut_off_at_the_limit(http, settings):
    def chunks():
        for _ in range(settings.max_body_bytes // 8192 + 2):
            yield b" " * 8192

    response = http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_a_query_text_over_64_kib_is_refused_before_parsing(http):
    query = "#" * MAX_QUERY_BYTES + "\n" + ME
    response = http.post("/graphql", json={"query": query})
    assert response.status_code == 413
    assert "query text is too large" in response.text


def test_json_nested_5000_levels_deep_is_a_400_not_a_500(http):
    body = '{"query": "{ __typename }", "variables": ' + "[" * 5000 + "]" * 5000 + "}"
    response = http.post("/graphql", content=body.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "nested too deeply" in response.text


def test_documents_over_16_kib_are_answered_but_never_cached(app, http):
    big = "#" * (MAX_CACHED_QUERY_BYTES + 10) + "\n{ __typename }"
    small = "{ __typename }"
    for query in (big, small):
        assert http.post("/graphql", json={"query": query}).json() == {"data": {"__typename": "Query"}}
    [policy] = [extension.shared for extension in app.state.schema.extensions if hasattr(extension, "shared")]
    assert small in policy.cache.items and big not in policy.cache.items


def test_every_response_carries_the_security_headers(http):
    graphql = http.post("/graphql", json={"query": ME})
    health = http.get("/healthz")
    for response in (graphql, health):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "server" not in response.headers
        assert "strict-transport-security" not in response.headers  # not outside production
    assert graphql.headers["cache-control"] == "no-store"
    refused = http.post("/graphql", json={"query": "#" * (MAX_QUERY_BYTES + 1)})
    assert refused.headers["x-content-type-options"] == "nosniff"


def test_production_adds_hsts(db, clock):
    from fastapi.testclient import TestClient

    from api.app import create_app

    key = "a-production-secret-key-of-40-characters!"
    settings = test_settings(env="production", secret_key=key, identity_key=key)
    with TestClient(create_app(settings, db=db, clock=clock, run_periodic_jobs=False)) as client:
        response = client.post("/graphql", json={"query": ME})
    assert response.headers["strict-transport-security"].startswith("max-age=")


def test_robo_serve_sends_no_banner_and_believes_proxies_only_when_told(robo, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    assert robo("serve").exit_code == 0
    monkeypatch.setenv("ROBO_TRUSTED_PROXIES", "10.0.0.7")
    assert robo("serve").exit_code == 0
    monkeypatch.setenv("ROBO_MAX_BODY_BYTES", "100000")
    assert robo("serve").exit_code == 0
    alone, proxied, smaller = calls
    assert alone["server_header"] is False and alone["proxy_headers"] is False
    assert proxied["proxy_headers"] is True and proxied["forwarded_allow_ips"] == "10.0.0.7"
    # A WebSocket message is bounded as a request body is (uvicorn's own default is 16 MiB).
    assert alone["ws_max_size"] == 256 * 1024 and smaller["ws_max_size"] == 100_000


@pytest.mark.parametrize("protocol", ["graphql-transport-ws", "graphql-ws"])
def test_a_query_text_over_64_kib_over_a_websocket_is_refused_before_parsing(gql, http, make_user, protocol):
    """The subscription socket takes operations too: the same 64 KiB limit on their query text,
    answered with an error for that operation, and the connection goes on serving."""
    make_user("amy@example.com")
    token = gql.as_user("amy@example.com").token
    start = "subscribe" if protocol == "graphql-transport-ws" else "start"
    with http.websocket_connect("/graphql", subprotocols=[protocol]) as ws:
        ws.send_json({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        assert ws.receive_json()["type"] == "connection_ack"
        big = "#" * MAX_QUERY_BYTES + "\n" + ME
        ws.send_json({"id": "1", "type": start, "payload": {"query": big}})
        refused = ws.receive_json()
        assert refused["type"] == "error" and refused["id"] == "1"
        errors = refused["payload"] if isinstance(refused["payload"], list) else [refused["payload"]]
        assert errors[0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
        assert "query text is too large" in errors[0]["message"]
        ws.send_json({"id": "2", "type": start, "payload": {"query": ME}})
        answer = ws.receive_json()  # parsed and answered (graphql-ws takes only subscriptions)
        assert answer["id"] == "2" and "too large" not in str(answer)
        if protocol == "graphql-transport-ws":
            assert answer["payload"] == {"data": {"__typename": "Query"}}


def test_the_document_cache_is_bounded_by_memory_not_only_by_entries(app, http):
    from api.extensions import CACHE_BYTE_BUDGET

    comments = "\n".join("#" for _ in range(1_900))  # ~1,900 comment tokens in under 4 KB
    for n in range(150):
        assert http.post("/graphql", json={"query": f"{comments}\n{{ __typename }} #{n}"}).status_code == 200
    [policy] = [extension.shared for extension in app.state.schema.extensions if hasattr(extension, "shared")]
    assert policy.cache.spent <= CACHE_BYTE_BUDGET
    assert len(policy.cache.items) < 150  # the oldest were let go to stay within the budget
