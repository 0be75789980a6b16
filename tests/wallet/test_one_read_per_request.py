"""One HTTP request reads in one transaction (``api.context.RequestDatabase``), and still
reads what it wrote: a document that writes and then reads sees its own writes."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import event

from api.context import RequestDatabase
from db.session import AUTOCOMMIT_OPTION
from wallet import cash
from wallet.queries import wallet_summary

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (
    "{ me { unreadNotificationCount wallet { balance { amount } available { amount } } "
    "portfolio { totalValue { amount } moneyFundBalance { amount } holdings { units } pendingOrders { id } } } "
    "wallet { held { amount } } products(first: 5) { nodes { id code } } }"
)


def _transactions(db, client, query: str) -> int:
    begun = []

    def on_begin(connection) -> None:
        options = connection.get_execution_options()
        if not options.get(AUTOCOMMIT_OPTION) and options.get("isolation_level") != "AUTOCOMMIT":
            begun.append(connection)  # (the viewer is looked up in one statement, outside any)

    event.listen(db.engine, "begin", on_begin)
    try:
        client.data(query)
    finally:
        event.remove(db.engine, "begin", on_begin)
    return len(begun)


def test_a_screen_of_many_fields_reads_in_one_transaction(db, gql, ready_user):
    user = ready_user(deposit="300")
    client = gql.as_user(user.email)
    client.data(SCREEN)  # first sight of the document (parsing, loaders) aside
    assert _transactions(db, client, SCREEN) == 1


@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=4))
def test_reads_after_a_write_see_it(db, ready_user, clock, settings, amounts):
    """The shared read transaction holds a snapshot (SQLite's, at its first statement): a
    read after the request's own write must start a new one."""
    user = ready_user()
    shared = RequestDatabase(db)
    try:
        with shared.read() as session:
            running = wallet_summary(session, user.id).balance
        for n, amount in enumerate(amounts):
            with shared.write() as session:
                cash.deposit(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user.id,
                    amount=Decimal(amount),
                    idempotency_key=f"after-{n}",
                )
            running += amount * 100  # minor units
            with shared.read() as session:
                assert wallet_summary(session, user.id).balance == running
    finally:
        shared.close()


def test_no_resolver_awaits_inside_a_shared_read():
    """A ``read()`` block that awaits could hold the request's session while a thread that
    needs it waits for the awaited work: the shared session's lock assumes none does."""
    offenders = []
    for path in (ROOT / "api").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            shared = isinstance(node, ast.With | ast.AsyncWith) and any(
                "read()" in ast.unparse(item.context_expr) for item in node.items
            )
            if shared and any(isinstance(inner, ast.Await) for inner in ast.walk(node)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_more_requests_than_connections_wait_their_turn_instead_of_starving_the_loop(
    sqlite_template, tmp_path, settings, clock
):
    """Each request keeps its read connection while it awaits; with more requests in flight
    than the pool has connections, one would wait for a connection on the event loop, where
    nobody can give one back. Requests beyond half the pool wait for a permit instead."""
    import shutil
    import threading

    from fastapi.testclient import TestClient

    from api.app import create_app
    from db.session import Database
    from tests.conftest import GraphQLClient
    from users import service as users_service

    path = tmp_path / "small-pool.db"
    shutil.copyfile(sqlite_template, path)
    small = Database(f"sqlite:///{path}", pool_size=2, max_overflow=0, pool_timeout=5)
    try:
        users_service.register(
            database=small,
            clock=clock,
            settings=settings,
            email="busy@example.com",
            password="correct-horse-battery",
            display_name="Busy",
            locale="en",
        )
        app = create_app(settings, db=small, clock=clock, run_periodic_jobs=False)
        with TestClient(app) as http:
            client = GraphQLClient(http)
            client.sign_in("busy@example.com", "correct-horse-battery")
            answers, start = [], threading.Barrier(8)

            def screen() -> None:
                start.wait()
                answers.append(client.execute(SCREEN))

            threads = [threading.Thread(target=screen) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert len(answers) == 8 and all(not answer.get("errors") for answer in answers), answers
    finally:
        small.dispose()
