"""A read replica (issue 21): with ``ROBO_DATABASE_READ_URL`` the catalogue, history and series
are read from a real streaming replica (``pg_basebackup -R``, started by the test), while a
client's reads within ``ROBO_READ_YOUR_WRITES_SECONDS`` of its own write go to the primary.

The replica's replay is paused while the test looks, so which database answered shows in what
the answer holds: a payment committed on the primary is in the primary's history and not yet in
the replica's."""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

import migrations
from db.session import Database
from tests.conftest import PASSWORD, GraphQLClient
from tests.fleet.conftest import BalancedHttp, primary_with_replica, robo_servers, set_platform_clock
from tests.wallet.conftest import ready_user  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

PAY = "mutation Pay($i: PayInput!) { pay(input: $i) { payment { id } userErrors { code } } }"
HISTORY = "query History { wallet { balance { amount } transactions(first: 20) { nodes { kind amount { amount } } } } }"
CATALOGUE = "query Catalogue { products(first: 50) { totalCount } }"
RYW_SECONDS = 3


@pytest.fixture
def replica_pair() -> Iterator[tuple[int, int]]:
    with primary_with_replica() as ports:
        yield ports


@pytest.fixture
def db(replica_pair) -> Iterator[Database]:
    """The fixtures' database: a migrated one on the test's own primary."""
    primary_port, _ = replica_pair
    admin = create_engine(
        f"postgresql+psycopg://postgres@127.0.0.1:{primary_port}/postgres", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE robo"))
    admin.dispose()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{primary_port}/robo"
    migrations.upgrade(url)
    database = Database(url)
    yield database
    database.dispose()


def _replica(replica_port: int):
    return create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{replica_port}/robo", isolation_level="AUTOCOMMIT")


def _caught_up(primary: Database, replica) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    with primary.engine.connect() as connection:
        target = connection.execute(text("SELECT pg_current_wal_lsn()")).scalar_one()
    deadline = time.monotonic() + 60
    with replica.connect() as connection:
        while not connection.execute(
            text("SELECT pg_last_wal_replay_lsn() >= CAST(:target AS pg_lsn)"), {"target": target}
        ).scalar_one():
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.1)


def _history(client: GraphQLClient) -> tuple[Decimal, list[str]]:
    wallet = client.data(HISTORY)["wallet"]
    return Decimal(wallet["balance"]["amount"]), [
        node["kind"] for node in wallet["transactions"]["nodes"] if node["kind"].startswith("PAYMENT_")
    ]


def test_reads_go_to_the_replica_except_a_clients_own_recent_writes(db, replica_pair, ready_user, tmp_path):
    _, replica_port = replica_pair
    payee, payer = ready_user(deposit="100"), ready_user(deposit="100")
    set_platform_clock(db)
    replica = _replica(replica_port)
    read_url = f"postgresql+psycopg://postgres@127.0.0.1:{replica_port}/robo"
    try:
        _caught_up(db, replica)
        with robo_servers(
            db.url,
            hosts=("127.0.0.1",),
            log_dir=tmp_path,
            ROBO_DATABASE_READ_URL=read_url,
            ROBO_READ_YOUR_WRITES_SECONDS=str(RYW_SECONDS),
        ) as port:
            base = f"http://127.0.0.1:{port}"
            ready = BalancedHttp(base).get("/readyz").json()
            assert ready["replica"] == "reachable" and ready["migrations"] == "current"
            reader = GraphQLClient(BalancedHttp(base, cookies=False))  # the payee: writes nothing after signing in
            reader.sign_in(payee.email, PASSWORD)
            writer_http = BalancedHttp(base)  # keeps cookies, as a browser does
            writer = GraphQLClient(writer_http)
            writer.sign_in(payer.email, PASSWORD)
            catalogue = reader.data(CATALOGUE)["products"]["totalCount"]
            _caught_up(db, replica)
            with replica.connect() as connection:
                connection.execute(text("SELECT pg_wal_replay_pause()"))

            paid = writer.data(PAY, {"i": {"payee": payee.email, "amount": "7.00", "idempotencyKey": "ryw"}})["pay"]
            assert paid["userErrors"] == []
            assert "robo_ryw" in writer_http.client.cookies  # the write's answer carries the mark

            # the writer reads its own write at once: its history comes from the primary
            balance, payments = _history(writer)
            assert balance == Decimal("93.00") and payments == ["PAYMENT_SENT"]
            # the payee, who wrote nothing: the balance comes from the primary, the history from
            # the replica, which has not replayed the payment yet
            balance, payments = _history(reader)
            assert balance == Decimal("107.00") and payments == []
            assert reader.data(CATALOGUE)["products"]["totalCount"] == catalogue

            # the mark also travels as a header (clients without a cookie jar)
            mark = writer_http.client.cookies["robo_ryw"]
            header_client = GraphQLClient(BalancedHttp(base, cookies=False))
            header_client.token = writer.token
            assert _history(header_client)[1] == []  # no mark: the replica
            assert (
                header_client.data(HISTORY, headers={"X-Robo-Read-Your-Writes": mark})["wallet"]["transactions"][
                    "nodes"
                ][0]["kind"]
                == "PAYMENT_SENT"
            )
            forged = mark.rsplit(".", 1)[0] + ".0000"
            forged_answer = header_client.data(HISTORY, headers={"X-Robo-Read-Your-Writes": forged})
            assert all(node["kind"] != "PAYMENT_SENT" for node in forged_answer["wallet"]["transactions"]["nodes"])

            time.sleep(RYW_SECONDS + 0.5)  # the mark has run out: the writer reads the replica again
            assert _history(writer)[1] == []

            with replica.connect() as connection:
                connection.execute(text("SELECT pg_wal_replay_resume()"))
            _caught_up(db, replica)
            assert _history(reader)[1] == ["PAYMENT_RECEIVED"] and _history(writer)[1] == ["PAYMENT_SENT"]
            metrics = BalancedHttp(base).get("/metrics").text
            assert 'robo_db_pool_capacity{database="replica"}' in metrics
    finally:
        replica.dispose()
