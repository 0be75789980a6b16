"""Global ids (issue 15): every object a customer meets on the way (their account, a product,
an order, a payment, a wallet line, an income line, a bank card, a risk assessment, a
recommendation) comes back from ``node(id)`` and ``nodes(ids)`` exactly as it was shown, to
them; to anybody else, and to nobody signed in, it is null, with no error that tells it
exists."""

from __future__ import annotations

from datetime import date

import pytest

from api.graphql.node import FETCHERS
from api.ids import KINDS, decode
from api.schema import schema_sdl

SAT = date(2026, 11, 28)
NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"
SEEN = """{ me { id
  wallet { bankCards { id } transactions(first: 50) { nodes { id kind } } payments(first: 5) { nodes { id } } }
  portfolio { orders(first: 5) { nodes { id product { id } } } }
  riskAssessments(first: 5) { nodes { id } } } }"""


def test_every_type_with_an_id_is_a_node_with_a_fetcher():
    implementing = {line.split()[1] for line in schema_sdl().splitlines() if " implements Node" in line}
    assert implementing == set(KINDS) == set(FETCHERS)


def _ids_seen(client) -> dict[str, list[str]]:
    me = client.data(SEEN)["me"]
    wallet, portfolio = me["wallet"], me["portfolio"]
    return {
        "User": [me["id"]],
        "BankCard": [card["id"] for card in wallet["bankCards"]],
        "WalletTransaction": [line["id"] for line in wallet["transactions"]["nodes"]],
        "Payment": [payment["id"] for payment in wallet["payments"]["nodes"]],
        "FundOrder": [order["id"] for order in portfolio["orders"]["nodes"]],
        "Product": sorted({order["product"]["id"] for order in portfolio["orders"]["nodes"]}),
        "RiskAssessment": [each["id"] for each in me["riskAssessments"]["nodes"]],
    }


def test_objects_are_refetched_by_their_viewer_and_by_nobody_else(gql, journey):
    client, stranger, paid, plan = journey
    seen = _ids_seen(client) | {"Recommendation": [plan["id"]]}
    assert all(seen.values()), seen
    income_lines = [
        line for line in client.data(SEEN)["me"]["wallet"]["transactions"]["nodes"] if line["kind"] == "INCOME"
    ]
    assert income_lines and decode(income_lines[0]["id"])[1] < 0  # read from the ledger, with its own id
    every = [value for values in seen.values() for value in values]
    assert len(set(every)) == len(every)  # one id, one object
    for kind, values in seen.items():
        for value in values:
            assert client.data(NODE, {"id": value})["node"] == {"__typename": kind, "id": value}
    assert client.data(NODES, {"ids": every})["nodes"] == [{"__typename": decode(v)[0], "id": v} for v in every]

    private = [value for kind, values in seen.items() if kind not in ("Product", "Payment") for value in values]
    assert stranger.execute(NODES, {"ids": private}) == {"data": {"nodes": [None] * len(private)}}
    anonymous = gql.execute(NODES, {"ids": every})["data"]["nodes"]  # not signed in: the public catalogue only
    assert [node["id"] for node in anonymous if node is not None] == seen["Product"]
    # The payee sees the payment (both parties do), and products are for everyone who may buy them.
    assert stranger.data(NODE, {"id": paid["payment"]["id"]})["node"]["id"] == paid["payment"]["id"]
    assert stranger.data(NODES, {"ids": seen["Product"]})["nodes"] == [
        {"__typename": "Product", "id": value} for value in seen["Product"]
    ]
    assert paid["payment"]["payee"]["id"] == stranger.data("{ me { id } }")["me"]["id"]


CONNECTIONS = {
    "transactions": "wallet { transactions(first: $first, after: $after) { %s } }",
    "payments": "wallet { payments(first: $first, after: $after) { %s } }",
    "orders": "me { portfolio { orders(first: $first, after: $after) { %s } } }",
    "riskAssessments": "me { riskAssessments(first: $first, after: $after) { %s } }",
}


@pytest.mark.parametrize("name", sorted(CONNECTIONS))
def test_a_connections_total_count_is_what_paging_through_it_finds(journey, name):
    client = journey[0]
    fields = "totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"
    document = "query($first: Int, $after: String) { " + CONNECTIONS[name] % fields + " }"
    seen, after, totals = [], None, set()
    while True:
        answer = client.data(document, {"first": 2, "after": after})
        page = answer["me"] if "me" in answer else answer["wallet"]
        page = page.get("portfolio", page)[name]
        totals.add(page["totalCount"])
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [node["id"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen and len(set(seen)) == len(seen) and totals == {len(seen)}
