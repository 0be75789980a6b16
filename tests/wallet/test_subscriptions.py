"""Live updates (issue 15): ``walletEvents`` and ``portfolioEvents`` over ``graphql-transport-ws``
at ``/graphql``; the token in ``connection_init``; a bad one closes the socket with 4401; a
client that reconnects with the last id it saw gets what it missed, and nothing twice."""

from __future__ import annotations

import time

import pytest
from starlette.websockets import WebSocketDisconnect

from api.events import hub_of
from tests.wallet.gqlops import PAY, mutate

WALLET = "subscription($after: ID) { walletEvents(after: $after) { id kind occurredAt payment { id status } transaction { id } } }"


def _connect(http, token: str | None):
    socket = http.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"])
    ws = socket.__enter__()
    ws.send_json({"type": "connection_init", "payload": {} if token is None else {"Authorization": f"Bearer {token}"}})
    return socket, ws


def _subscribe(ws, query: str, variables: dict | None = None, op: str = "1", *, http=None) -> None:
    """Start the subscription; with ``http`` (the test client of an in-process app), return only
    once the server listens for it. A subscription from now on (no ``after``) hears what commits after it
    is listening: a test that moved money at once could commit before that, and the event would
    rightly never come (an app passes ``after`` to get what it missed)."""
    assert ws.receive_json() == {"type": "connection_ack"}
    app = getattr(http, "app", None)  # an in-process app (tests/fleet's real servers have none to ask)
    hub = None if app is None else hub_of(app.state.services)
    before = 0 if hub is None else hub.listened
    ws.send_json({"id": op, "type": "subscribe", "payload": {"query": query, "variables": variables or {}}})
    if hub is not None:
        deadline = time.monotonic() + 30
        while hub.listened <= before:
            assert time.monotonic() < deadline, "the subscription did not start listening within 30 s"
            time.sleep(0.01)


def _next(ws) -> dict:
    message = ws.receive_json()
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    return message["payload"]["data"]


@pytest.mark.parametrize("token", [None, "not-a-token", "Bearer x.y.z"])
def test_a_connection_without_a_valid_token_is_closed_with_4401(http, token):
    socket, ws = _connect(http, token)
    with pytest.raises(WebSocketDisconnect) as closed:
        ws.receive_json()
    assert closed.value.code == 4401
    socket.__exit__(None, None, None)


def test_a_payee_learns_of_a_payment_at_once_and_a_reconnect_misses_nothing(gql, http, ready_user):
    payer, payee = ready_user(deposit="100"), ready_user()
    payer_client, payee_client = gql.as_user(payer.email), gql.as_user(payee.email)
    socket, ws = _connect(http, payee_client.token)
    _subscribe(ws, WALLET, http=http)
    first = mutate(payer_client, PAY, payee=payee.email, amount="1.00", idempotencyKey="a")["payment"]
    event = _next(ws)["walletEvents"]
    assert event["kind"] == "PAYMENT_RECEIVED" and event["payment"] == {"id": first["id"], "status": "COMPLETED"}
    assert event["transaction"]["id"]
    socket.__exit__(None, None, None)  # the phone loses its connection

    missed = [mutate(payer_client, PAY, payee=payee.email, amount="2.00", idempotencyKey=k)["payment"] for k in "bc"]
    socket, ws = _connect(http, payee_client.token)
    _subscribe(ws, WALLET, {"after": event["id"]})
    replayed = [_next(ws)["walletEvents"] for _ in missed]
    assert [e["payment"]["id"] for e in replayed] == [p["id"] for p in missed]
    assert all(e["kind"] == "PAYMENT_RECEIVED" for e in replayed)
    live = mutate(payer_client, PAY, payee=payee.email, amount="3.00", idempotencyKey="d")["payment"]
    following = _next(ws)["walletEvents"]
    assert following["payment"]["id"] == live["id"]  # then live, and nothing sent twice
    ids = [event["id"], *(e["id"] for e in replayed), following["id"]]
    assert len(set(ids)) == len(ids)
    socket.__exit__(None, None, None)

    # The payer's own stream says SENT for the same payments; an event is refetched by its id.
    socket, ws = _connect(http, payer_client.token)
    _subscribe(ws, WALLET, {"after": None}, http=http)
    mutate(payer_client, PAY, payee=payee.email, amount="4.00", idempotencyKey="e")
    sent = _next(ws)["walletEvents"]
    assert sent["kind"] == "PAYMENT_SENT"
    socket.__exit__(None, None, None)
    node = payer_client.data("query($id: ID!) { node(id: $id) { id ... on WalletEvent { kind } } }", {"id": sent["id"]})
    assert node["node"] == {"id": sent["id"], "kind": "PAYMENT_SENT"}
    # One movement, seen from each side: the payee's view of the same event is RECEIVED; a third user's is null.
    seen_by_payee = payee_client.data(
        "query($id: ID!) { node(id: $id) { id ... on WalletEvent { kind } } }", {"id": sent["id"]}
    )
    assert seen_by_payee["node"] == {"id": sent["id"], "kind": "PAYMENT_RECEIVED"}
    stranger = gql.as_user(ready_user().email)
    assert stranger.data("query($id: ID!) { node(id: $id) { id } }", {"id": sent["id"]})["node"] is None


def test_a_subscription_from_now_on_never_announces_what_happened_before_the_hub_started(gql, http, ready_user):
    """The first subscriber starts the process's hub; the payee's deposit before it is the past
    (issue 21: a server that started after the deposit announced it as news)."""
    payer, payee = ready_user(deposit="100"), ready_user(deposit="5")
    payer_client, payee_client = gql.as_user(payer.email), gql.as_user(payee.email)
    socket, ws = _connect(http, payee_client.token)
    _subscribe(ws, WALLET, http=http)
    paid = mutate(payer_client, PAY, payee=payee.email, amount="1.00", idempotencyKey="now")["payment"]
    event = _next(ws)["walletEvents"]
    assert event["kind"] == "PAYMENT_RECEIVED" and event["payment"]["id"] == paid["id"]
    socket.__exit__(None, None, None)
