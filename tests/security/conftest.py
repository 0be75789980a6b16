"""The attacker's tools: GraphQL clients on the real ASGI app from chosen client addresses,
and the staff and customers an attack needs."""

from __future__ import annotations

import pytest

from tests.conftest import GraphQLClient
from users.roles import Role


@pytest.fixture
def client_from(app):
    """``client_from("203.0.113.5")``: a GraphQL client whose requests come from that address."""
    from fastapi.testclient import TestClient

    opened = []

    def make(address: str) -> GraphQLClient:
        http = TestClient(app, client=(address, 50_000))
        http.__enter__()
        opened.append(http)
        return GraphQLClient(http)

    yield make
    for http in opened:
        http.__exit__(None, None, None)


@pytest.fixture
def staff(make_user):
    return {
        "pm1": make_user("pm1@example.com", roles={Role.PRODUCT_MANAGER}),
        "pm2": make_user("pm2@example.com", roles={Role.PRODUCT_MANAGER}),
        "ops": make_user("ops@example.com", roles={Role.OPERATOR}),
        "ops2": make_user("ops2@example.com", roles={Role.OPERATOR}),
    }


def codes(payload: dict) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]
