"""Many hosts, one database (issue 21): two ``robo serve`` processes bound to 127.0.0.2 and
127.0.0.3 behind Debian's HAProxy (round robin) on PostgreSQL. The customer journey and a bank's
worth of concurrent payments pass through the balancer with requests alternating between the
hosts; log-in throttling, the periodic jobs' single runner and subscriptions behave as on one
host. Also behind a transaction-pooling PgBouncer (prepared statements off)."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tests.conftest import DEFAULT_NOW, PASSWORD, GraphQLClient
from tests.fleet.conftest import BalancedHttp, haproxy, pgbouncer, robo_servers, set_platform_clock
from tests.wallet.conftest import card_number, id_number, ledger_problems

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

LOGIN = "mutation Login($i: LoginInput!) { login(input: $i) { token userErrors { code } } }"
PAY = """mutation Pay($i: PayInput!) { pay(input: $i) { payment { id status } userErrors { code } } }"""
CONFIRM = """mutation Confirm($i: ConfirmPaymentInput!) { confirmPayment(input: $i) {
  payment { id status } userErrors { code } } }"""
REFUND = """mutation Refund($i: RefundPaymentInput!) { refundPayment(input: $i) {
  payment { id status } userErrors { code } } }"""
WALLET_EVENTS = "subscription { walletEvents { kind payment { id } } }"


@pytest.fixture
def db(pg_db):
    """The fixtures' database (``make_user``, the catalogue) is the PostgreSQL one the servers use."""
    return pg_db


@pytest.fixture
def fleet(pg_db, tmp_path):
    """Two servers behind HAProxy on the test's PostgreSQL database; yields the balancer's URL."""

    def start(database_url: str | None = None, **extra: str):
        return _fleet(database_url or pg_db.url, tmp_path, **extra)

    return start


@contextmanager
def _fleet(database_url: str, tmp_path, **extra: str):
    with robo_servers(database_url, log_dir=tmp_path, **extra) as port, haproxy(port, tmp_path) as base:
        yield base


def _alternates(served_by: list[str]) -> bool:
    """Both hosts answered and no host answered twice in a row (round robin, one client)."""
    return len(set(served_by)) == 2 and all(a != b for a, b in zip(served_by, served_by[1:]))


def test_the_customer_journey_passes_through_the_balancer_alternating_hosts(funds, desk, pg_db, fleet):
    from tests.investing.test_journey import test_a_new_customer_goes_from_sign_up_to_confirmed_investments as journey

    set_platform_clock(pg_db)
    with fleet() as base:
        http = BalancedHttp(base)
        try:
            journey(http, funds, desk, "en")  # the journey's subscription crosses hosts too
        finally:
            http.close()
    served = list(http.served_by)
    assert len(served) > 20 and _alternates(served), served


def _customers(pg_db, make_user, settings, clock, count: int, deposit: str = "500.00"):
    from wallet import cash, identity

    made = []
    for n in range(count):
        user = make_user(f"fleet{n}@example.com")
        with pg_db.write() as session:
            identity.verify_identity(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                real_name=f"F {n}",
                id_number=id_number(),
            )
            identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card_number(),
                holder_name=f"F {n}",
                bank_name="ICBC",
            )
            cash.deposit(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                amount=Decimal(deposit),
                idempotency_key=f"fleet-{n}",
            )
        made.append(user)
    return made


def _bank_traffic(base: str, users, *, threads: int = 4, operations: int = 160) -> dict:
    """Concurrent payments (direct and guarantee), confirms and refunds racing on the same held
    payments, and retries with the same key, through ``base``; what happened."""
    tokens = {}
    login = BalancedHttp(base, cookies=False)
    for user in users:
        client = GraphQLClient(login)
        tokens[user.id] = client.sign_in(user.email, PASSWORD)
    login.close()
    lock = threading.Lock()
    held: list[tuple[str, int, int]] = []
    done: list[tuple[int, dict, str]] = []
    refusals: Counter = Counter()
    unexpected: list[object] = []
    served: list[str] = []

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        http = BalancedHttp(base, cookies=False)
        client = GraphQLClient(http)
        try:
            for step in range(operations // threads):
                roll = rng.random()
                if roll < 0.1 and done:
                    with lock:
                        payer_id, arguments, payment_id = rng.choice(done)
                    answer = client.data(PAY, {"i": arguments}, token=tokens[payer_id])["pay"]
                    if answer["payment"] is None or answer["payment"]["id"] != payment_id:
                        unexpected.append(("retry", arguments, answer))
                elif roll < 0.7:
                    payer, payee = rng.sample(users, 2)
                    arguments = {
                        "payee": payee.email,
                        "amount": str(Decimal(rng.randint(1, 5_000)).scaleb(-2)),
                        "idempotencyKey": f"p-{seed}-{step}",
                        "guarantee": rng.random() < 0.5,
                    }
                    answer = client.data(PAY, {"i": arguments}, token=tokens[payer.id])["pay"]
                    if answer["userErrors"]:
                        refusals[answer["userErrors"][0]["code"]] += 1
                        continue
                    with lock:
                        done.append((payer.id, arguments, answer["payment"]["id"]))
                        if arguments["guarantee"]:
                            held.append((answer["payment"]["id"], payer.id, payee.id))
                else:
                    with lock:
                        if not held:
                            continue
                        payment_id, payer_id, payee_id = rng.choice(held[-10:])
                    if rng.random() < 0.5:
                        answer = client.data(CONFIRM, {"i": {"paymentId": payment_id}}, token=tokens[payer_id])
                    else:
                        answer = client.data(REFUND, {"i": {"paymentId": payment_id}}, token=tokens[payee_id])
                    errors = next(iter(answer.values()))["userErrors"]
                    if errors:
                        refusals[errors[0]["code"]] += 1
        except BaseException as error:  # an HTTP failure, a top-level GraphQL error
            unexpected.append(error)
        finally:
            with lock:
                served.extend(http.served_by)
            http.close()

    workers = [threading.Thread(target=worker, args=(seed,)) for seed in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return {"done": done, "refusals": refusals, "unexpected": unexpected, "served": served}


def _assert_books_balance(pg_db, users, outcome: dict, deposited: Decimal) -> None:
    from ledger.accounts import ACCOUNTS
    from wallet.payments import EVENTS, PAYMENTS
    from wallet.queries import wallet_summary

    assert outcome["unexpected"] == []
    assert set(outcome["refusals"]) <= {"INSUFFICIENT_FUNDS", "PAYMENT_NOT_HELD", "DAILY_LIMIT_EXCEEDED"}
    with pg_db.read() as session:
        summaries = [wallet_summary(session, user.id) for user in users]
        negative = session.execute(
            select(func.count()).select_from(ACCOUNTS).where(ACCOUNTS.c.balance < 0)
        ).scalar_one()
        finals = session.execute(
            select(EVENTS.c.payment_id, func.count())
            .where(EVENTS.c.to_status.in_(["RELEASED", "REFUNDED"]))
            .group_by(EVENTS.c.payment_id)
        ).all()
        payments = session.execute(select(func.count()).select_from(PAYMENTS)).scalar_one()
    assert sum(summary.balance for summary in summaries) == int(deposited * 100)  # fen
    assert negative == 0 and all(count == 1 for _, count in finals)
    assert payments == len(outcome["done"])  # every retry answered with its first payment
    assert ledger_problems(pg_db) == []


def test_concurrent_bank_traffic_through_the_balancer_keeps_every_invariant(pg_db, make_user, settings, clock, fleet):
    users = _customers(pg_db, make_user, settings, clock, 6)
    set_platform_clock(pg_db)
    with fleet() as base:
        outcome = _bank_traffic(base, users)
    _assert_books_balance(pg_db, users, outcome, Decimal("500.00") * len(users))
    served = Counter(outcome["served"])
    assert len(served) == 2 and min(served.values()) > 0.3 * sum(served.values()), served


def test_log_in_throttling_counts_across_hosts(pg_db, make_user, fleet):
    make_user("fresh@example.com")
    set_platform_clock(pg_db)
    with fleet(ROBO_LOGIN_ADDRESS_FREE_ATTEMPTS="4") as base:
        http = BalancedHttp(base, cookies=False)
        stuffer = {"X-Forwarded-For": "192.0.2.66"}  # HAProxy appends the peer; the servers trust it

        def login(email, password, headers):
            answer = GraphQLClient(http).data(LOGIN, {"i": {"email": email, "password": password}}, headers=headers)
            return [error["code"] for error in answer["login"]["userErrors"]]

        for n in range(4):
            assert login(f"victim{n}@example.com", "password-from-a-leak", stuffer) == ["INVALID_CREDENTIALS"]
        assert login("fresh@example.com", "password-from-a-leak", stuffer) == ["INVALID_CREDENTIALS"]
        # five failures from one address, spread over both hosts: the right password now waits
        assert login("fresh@example.com", PASSWORD, stuffer) == ["TOO_MANY_ATTEMPTS"]
        assert login("fresh@example.com", PASSWORD, {"X-Forwarded-For": "192.0.2.67"}) == []  # others are not
        http.close()
    assert _alternates(http.served_by), http.served_by


def test_the_periodic_escrow_release_runs_on_both_hosts_and_releases_each_payment_once(
    pg_db, make_user, settings, clock, fleet
):
    from wallet import payments
    from wallet.payments import EVENTS, PAYMENTS

    users = _customers(pg_db, make_user, settings, clock, 4)
    for n in range(12):
        payer, payee = users[n % 4], users[(n + 1) % 4]
        with pg_db.write() as session:
            payments.pay(
                session=session,
                clock=clock,
                settings=settings,
                payer_id=payer.id,
                payee=payee.email,
                amount=Decimal("1.00"),
                idempotency_key=f"held-{n}",
                guarantee=True,
            )
    # the servers' clock stands past every hold's auto-confirm time; each server runs the
    # release every second and both try: the database lock lets one at a time in
    set_platform_clock(pg_db, DEFAULT_NOW + timedelta(days=settings.escrow_auto_confirm_days + 1))
    with fleet(ROBO_ESCROW_RELEASE_INTERVAL_SECONDS="1") as base:

        def released() -> int:
            with pg_db.read() as session:
                return session.execute(
                    select(func.count()).select_from(PAYMENTS).where(PAYMENTS.c.status == "RELEASED")
                ).scalar_one()

        ran = 'robo_job_runs_total{job="escrow-release-due",outcome="ok"}'

        def scrapes() -> list[str]:
            return [BalancedHttp(base).get("/metrics").text for _ in range(2)]  # one scrape per host

        deadline = time.monotonic() + 60
        while released() < 12 and time.monotonic() < deadline:
            time.sleep(0.5)
        metrics = scrapes()  # the host that lost the first races may not have finished a run yet: wait for it
        while not all(ran in text for text in metrics) and time.monotonic() < deadline:
            time.sleep(0.5)
            metrics = scrapes()
    assert released() == 12
    with pg_db.read() as session:
        finals = session.execute(
            select(EVENTS.c.payment_id, func.count())
            .where(EVENTS.c.to_status == "RELEASED")
            .group_by(EVENTS.c.payment_id)
        ).all()
    assert len(finals) == 12 and all(count == 1 for _, count in finals)
    assert ledger_problems(pg_db) == []
    assert all(ran in text for text in metrics)


def test_the_fleet_works_behind_a_transaction_pooling_pgbouncer(pg_db, make_user, settings, clock, fleet):
    """The servers reach PostgreSQL through PgBouncer (pool_mode = transaction) with
    ``ROBO_DATABASE_PGBOUNCER=true`` (no server-side prepared statements); ``LISTEN`` for live
    updates goes around it (``ROBO_DATABASE_DIRECT_URL``). Concurrent payments keep every
    invariant and a payment through one host reaches a subscriber of the other."""
    import json

    from websockets.sync.client import connect

    users = _customers(pg_db, make_user, settings, clock, 6)
    set_platform_clock(pg_db)
    direct = make_url(pg_db.url)
    with pgbouncer(direct.port or 5432) as port:
        pooled = direct.set(port=port).render_as_string(hide_password=False)
        with fleet(pooled, ROBO_DATABASE_PGBOUNCER="true", ROBO_DATABASE_DIRECT_URL=pg_db.url) as base:
            outcome = _bank_traffic(base, users, operations=120)
            http = BalancedHttp(base, cookies=False)
            payer, payee = users[0], users[1]
            payee_token = GraphQLClient(http).sign_in(payee.email, PASSWORD)
            payer_token = GraphQLClient(http).sign_in(payer.email, PASSWORD)
            with connect(base.replace("http", "ws", 1) + "/graphql", subprotocols=["graphql-transport-ws"]) as ws:
                ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {payee_token}"}}))
                assert json.loads(ws.recv(timeout=30)) == {"type": "connection_ack"}
                ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": WALLET_EVENTS}}))
                time.sleep(0.5)  # the subscription is listening
                paid = GraphQLClient(http).data(
                    PAY, {"i": {"payee": payee.email, "amount": "1.00", "idempotencyKey": "live"}}, token=payer_token
                )["pay"]
                message = json.loads(ws.recv(timeout=30))
            http.close()
    outcome["done"].append((payer.id, {}, paid["payment"]["id"]))
    _assert_books_balance(pg_db, users, outcome, Decimal("500.00") * len(users))
    assert message["payload"]["data"]["walletEvents"] == {
        "kind": "PAYMENT_RECEIVED",
        "payment": {"id": paid["payment"]["id"]},
    }


def test_prepared_statements_break_behind_a_transaction_pool_unless_the_setting_turns_them_off(pg_db):
    """Why ``ROBO_DATABASE_PGBOUNCER`` exists: psycopg prepares a statement on the server after
    a few runs, and through a transaction pool the next transaction may meet another server
    connection (which has it already, or not at all)."""
    import threading

    from sqlalchemy import text

    from db.session import Database

    def errors_with(port: int, *, setting: bool) -> list[str]:
        url = make_url(pg_db.url).set(port=port).render_as_string(hide_password=False)
        database = Database(url, pgbouncer=setting, pool_size=6, max_overflow=0)
        errors: list[str] = []

        def work() -> None:
            try:
                for n in range(40):
                    with database.write() as session:
                        session.execute(text("SELECT CAST(:n AS integer) + 1"), {"n": n}).scalar_one()
            except Exception as error:
                errors.append(type(error).__name__)

        threads = [threading.Thread(target=work) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        database.dispose()
        return errors

    # fewer server connections than clients: transactions move between server connections
    with pgbouncer(make_url(pg_db.url).port or 5432, pool_size=2) as port:
        assert errors_with(port, setting=False)  # "prepared statement _pg3_0 already exists"
        assert errors_with(port, setting=True) == []
