"""The payment hot path: the request hash the database finishes, the day's payment total
behind the daily limit, the lock order (key before accounts) and the two statements of a
payment on PostgreSQL."""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, insert, select, text

import migrations
from core.clock import ManualClock
from core.errors import DomainError
from ledger import idempotency
from ledger.history import TRANSACTIONS
from ledger.kinds import CNY, TransactionStatus
from tests.conftest import DEFAULT_NOW, SHANGHAI, test_settings
from tests.wallet.conftest import card_number, id_number, ledger_problems
from users import service
from wallet import cash, identity, limits, payment_sql, payments
from wallet.kinds import OUTGOING_KINDS
from wallet.queries import WalletSummary, wallet_summary

_numbers = itertools.count(1)

# --- the request hash ------------------------------------------------------------------------

parameters = st.fixed_dictionaries(
    {
        "amount": st.integers(min_value=1, max_value=10**15),
        "asset": st.sampled_from(["CNY", "FUND:7"]),
        "memo": st.none() | st.text(max_size=30),
        "guarantee": st.booleans(),
        "days": st.none() | st.integers(min_value=1, max_value=30),
    }
)


@given(parameters, st.integers(min_value=0, max_value=10**18))
@example(dict(amount=1, asset="CNY", memo="\x00late\x00", guarantee=False, days=None), 42)  # the template's marker
def test_hash_template_finishes_the_request_hash_for_any_id(values, payee_id):
    head, tail = idempotency.hash_template("pay", values, late="payee")
    finished = hashlib.sha256((head + str(payee_id) + tail).encode()).hexdigest()
    assert finished == idempotency.request_hash("pay", {**values, "payee": payee_id})


@pytest.mark.postgresql
def test_the_database_finishes_the_same_hash(pg_db):
    statement = text(f"SELECT {idempotency.sql_request_hash(':payee_id')}")

    @hyp_settings(max_examples=40, deadline=None)
    @given(parameters, st.integers(min_value=1, max_value=2**62))
    def check(values, payee_id):
        head, tail = idempotency.hash_template("pay", values, late="payee")
        with pg_db.read() as session:
            in_sql = session.execute(
                statement, {"hash_head": head, "hash_tail": tail, "payee_id": payee_id}
            ).scalar_one()
        assert in_sql == idempotency.request_hash("pay", {**values, "payee": payee_id})

    check()


@pytest.mark.postgresql
def test_array_parameters_sent_as_text_arrive_as_the_same_arrays(pg_db):
    """The payment's statements get their arrays as PostgreSQL array literals (cheaper to
    send); what the database reads back is the list itself, whatever the strings hold."""
    statement = text("SELECT CAST(:numbers AS BIGINT[]), CAST(:words AS VARCHAR[])")

    @hyp_settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), min_size=1, max_size=5),
        st.lists(
            st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
            min_size=1,
            max_size=5,
        ),
    )
    def check(numbers, words):
        with pg_db.read() as session:
            row = session.execute(
                statement, {"numbers": payment_sql._as_text(numbers), "words": payment_sql._as_text(words)}
            ).one()
        assert list(row) == [numbers, words]

    check()


# --- the day's payment total -----------------------------------------------------------------

LIMIT = Decimal("50.00")
steps = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(min_value=1, max_value=3_000), st.booleans()),
        st.tuples(st.just("withdraw"), st.integers(min_value=1, max_value=3_000)),
        st.tuples(st.just("settle"), st.booleans()),
        st.tuples(st.just("advance"), st.integers(min_value=1, max_value=20)),
    ),
    max_size=14,
)


def outgoing_by_history(session, user_id: int, clock) -> int:
    """The daily limit's original definition: today's outgoing history lines that did not fail."""
    return int(
        session.execute(
            select(func.coalesce(func.sum(TRANSACTIONS.c.amount), 0)).where(
                TRANSACTIONS.c.user_id == user_id,
                TRANSACTIONS.c.asset == CNY,
                TRANSACTIONS.c.kind.in_([str(kind) for kind in OUTGOING_KINDS]),
                TRANSACTIONS.c.status != str(TransactionStatus.FAILED),
                TRANSACTIONS.c.created_at >= limits.start_of_day(clock),
            )
        ).scalar_one()
    )


@hyp_settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_daily_total_agrees_with_the_history_and_guards_the_limit(db, ready_user, steps):
    """Payments (direct, guarantee), withdrawals that settle or fail, and days passing: the
    limit sees exactly what the history says left the user today, and refuses exactly when
    that plus the amount would pass the limit."""
    settings = test_settings(
        payment_limit_daily=LIMIT, payment_limit_per_transaction=Decimal("40"), bank_auto_settle=False
    )
    clock = ManualClock(DEFAULT_NOW)
    payer, payee = ready_user(deposit="1000"), ready_user()
    limit, pending = int(LIMIT * 100), []
    for number, step in enumerate(steps):
        with db.read() as session:
            before = outgoing_by_history(session, payer.id, clock)
        kind, *args = step
        try:
            with db.write() as session:
                if kind == "pay":
                    amount, guarantee = args
                    payments.pay(
                        session=session,
                        clock=clock,
                        settings=settings,
                        payer_id=payer.id,
                        payee=payee.email,
                        amount=Decimal(amount).scaleb(-2),
                        idempotency_key=f"k{number}",
                        guarantee=guarantee,
                    )
                elif kind == "withdraw":
                    amount = args[0]
                    result = cash.withdraw(
                        session=session,
                        clock=clock,
                        settings=settings,
                        user_id=payer.id,
                        amount=Decimal(amount).scaleb(-2),
                        idempotency_key=f"k{number}",
                    )
                    pending.append(result.transaction_id)
                elif kind == "settle" and pending:
                    cash.settle_withdrawal(
                        session=session, clock=clock, transaction_id=pending.pop(0), succeeded=args[0]
                    )
                elif kind == "advance":
                    clock.advance(timedelta(hours=args[0]))
            if kind in ("pay", "withdraw"):
                assert before + amount <= limit, "a payment passed the daily limit"
        except DomainError as refusal:
            assert str(refusal.code) == "DAILY_LIMIT_EXCEEDED", refusal
            assert before + amount > limit, "refused although under the daily limit"
        with db.read() as session:
            assert limits.outgoing_today(session, user_id=payer.id, asset=CNY, clock=clock) == outgoing_by_history(
                session, payer.id, clock
            )
    assert ledger_problems(db) == []


def _racers(pg_db, settings, count: int):
    """``count`` verified users with a card and 1,000.00 each, on PostgreSQL."""
    made = []
    for _ in range(count):
        n = next(_numbers)
        clock = ManualClock(DEFAULT_NOW)
        with pg_db.write() as session:
            user = service.create_user(
                session=session,
                email=f"hot{n}@example.com",
                password="correct-horse-battery",
                clock=clock,
                settings=settings,
            )
            identity.verify_identity(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                real_name=f"Hot {n}",
                id_number=id_number(),
            )
            identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card_number(),
                holder_name=f"Hot {n}",
                bank_name="ICBC",
            )
            cash.deposit(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                amount=Decimal("1000"),
                idempotency_key="seed",
            )
        made.append(user)
    return made


@pytest.mark.postgresql
def test_concurrent_payments_and_withdrawals_of_one_payer_stay_within_the_daily_limit(pg_db):
    """8 threads spend 15.00 at a time (payments and withdrawals) against a limit of 100.00:
    exactly six get through, whatever the interleaving."""
    settings = test_settings(payment_limit_daily=Decimal("100"))
    clock = ManualClock(DEFAULT_NOW)
    payer, *payees = _racers(pg_db, settings, 4)
    barrier, outcomes, unexpected = threading.Barrier(8), [], []

    def spend(thread: int) -> None:
        barrier.wait()
        for attempt in range(5):
            try:
                with pg_db.write() as session:
                    if (thread + attempt) % 3 == 0:
                        cash.withdraw(
                            session=session,
                            clock=clock,
                            settings=settings,
                            user_id=payer.id,
                            amount=Decimal("15"),
                            idempotency_key=f"w{thread}-{attempt}",
                        )
                    else:
                        payments.pay(
                            session=session,
                            clock=clock,
                            settings=settings,
                            payer_id=payer.id,
                            payee=payees[attempt % 3].email,
                            amount=Decimal("15"),
                            idempotency_key=f"p{thread}-{attempt}",
                            guarantee=attempt % 2 == 1,
                        )
                outcomes.append("ok")
            except DomainError as refusal:
                outcomes.append(str(refusal.code))
            except BaseException as error:
                unexpected.append(error)

    threads = [threading.Thread(target=spend, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == []
    assert sorted(set(outcomes)) == ["DAILY_LIMIT_EXCEEDED", "ok"] and outcomes.count("ok") == 6
    with pg_db.read() as session:
        assert limits.outgoing_today(session, user_id=payer.id, asset=CNY, clock=clock) == 9_000
        assert outgoing_by_history(session, payer.id, clock) == 9_000
        assert wallet_summary(session, payer.id).available == 100_000 - 9_000  # held money counts too
    assert ledger_problems(pg_db) == []


def test_upgrade_counts_the_payments_already_made_today(tmp_path):
    """Migration 0007 gives each payer the total of their latest paying day."""
    url = f"sqlite:///{tmp_path / 'upgrade.db'}"
    migrations.upgrade(url, "0006")
    engine = create_engine(url)
    today = datetime(2026, 11, 26, 9, 0, tzinfo=SHANGHAI)

    def line(user_id: int, kind: str, amount: int, at: datetime) -> dict:
        return dict(
            user_id=user_id, kind=kind, status="COMPLETED", asset="CNY", amount=amount, created_at=at, updated_at=at
        )

    with engine.begin() as connection:
        for user_id in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, display_name, locale, roles, created_at, updated_at) "
                    "VALUES (:id, :email, 'x', 'x', 'en', 'CUSTOMER', '2026-01-01', '2026-01-01')"
                ),
                {"id": user_id, "email": f"u{user_id}@example.com"},
            )
        connection.execute(
            insert(TRANSACTIONS),
            [
                line(1, "PAYMENT_SENT", 1_000, today - timedelta(hours=10)),  # yesterday, local time
                line(1, "PAYMENT_SENT", 500, today - timedelta(hours=8)),  # today 01:00
                line(1, "ESCROW_HOLD", 200, today),
                line(1, "PAYMENT_RECEIVED", 9_999, today),
                line(1, "WITHDRAWAL", 700, today),  # summed from the history, not kept on the row
                line(2, "PAYMENT_SENT", 300, today - timedelta(days=5)),
            ],
        )
    migrations.upgrade(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT user_id, asset, day, amount FROM daily_payment_totals")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [(1, "CNY", "2026-11-26", 700)]


# --- lock order and round trips (PostgreSQL) -------------------------------------------------


@pytest.mark.postgresql
def test_pay_waits_for_a_key_held_by_a_deposit_without_holding_accounts(pg_db, monkeypatch):
    """A deposit claims the key, then locks the account; a payment with the same key sent
    meanwhile must wait for the key before locking anything, or the two would deadlock."""
    settings, clock = test_settings(), ManualClock(DEFAULT_NOW)
    payer, payee = _racers(pg_db, settings, 2)
    key_claimed, payment_waiting = threading.Event(), threading.Event()
    real_lock = cash.lock_user_accounts

    def lock_after_the_payment_started(session, keys, *, now):
        key_claimed.set()
        payment_waiting.wait(timeout=10)
        return real_lock(session, keys, now=now)

    monkeypatch.setattr(cash, "lock_user_accounts", lock_after_the_payment_started)
    outcomes: dict[str, object] = {}

    def deposit() -> None:
        try:
            with pg_db.write() as session:
                cash.deposit(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=payer.id,
                    amount=Decimal("5"),
                    idempotency_key="shared",
                )
            outcomes["deposit"] = "ok"
        except BaseException as error:
            outcomes["deposit"] = error

    def pay() -> None:
        key_claimed.wait(timeout=10)
        try:
            with pg_db.write() as session:
                payments.pay(
                    session=session,
                    clock=clock,
                    settings=settings,
                    payer_id=payer.id,
                    payee=payee.email,
                    amount=Decimal("5"),
                    idempotency_key="shared",
                )
            outcomes["pay"] = "ok"
        except DomainError as refusal:
            outcomes["pay"] = str(refusal.code)
        except BaseException as error:
            outcomes["pay"] = error

    threads = [threading.Thread(target=deposit), threading.Thread(target=pay)]
    for thread in threads:
        thread.start()
    key_claimed.wait(timeout=10)
    with pg_db.read() as session:  # the payment is blocked (on the key) before the deposit goes on
        deadline = time.monotonic() + 10
        while not session.execute(
            text("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'")
        ).scalar_one():
            assert time.monotonic() < deadline, "the payment never waited for the key"
            session.rollback()
            time.sleep(0.02)
    payment_waiting.set()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == {"deposit": "ok", "pay": "IDEMPOTENCY_KEY_REUSED"}
    with pg_db.read() as session:
        assert wallet_summary(session, payer.id).balance == 100_500
    assert ledger_problems(pg_db) == []


@pytest.mark.postgresql
def test_a_payment_is_two_statements_between_begin_and_commit(pg_db, monkeypatch):
    """Counted at the driver (the payment's statements bypass SQLAlchemy's events)."""
    import psycopg

    settings, clock = test_settings(), ManualClock(DEFAULT_NOW)
    payer, payee = _racers(pg_db, settings, 2)
    sent: list[str] = []
    execute = psycopg.Cursor.execute

    def counting(cursor, query, *args, **kwargs):
        sent.append((query.decode() if isinstance(query, bytes) else str(query)).split()[0])
        return execute(cursor, query, *args, **kwargs)

    def pay(key: str, guarantee: bool):
        sent.clear()
        with pg_db.write() as session:
            payments.pay(
                session=session,
                clock=clock,
                settings=settings,
                payer_id=payer.id,
                payee=payee.email,
                amount=Decimal("1"),
                idempotency_key=key,
                guarantee=guarantee,
            )
        return list(sent)

    monkeypatch.setattr(psycopg.Cursor, "execute", counting)
    pay("warm-up", True)  # finds (or creates) the escrow account once
    assert pay("direct", False) == ["WITH", "WITH"]
    assert pay("held", True) == ["WITH", "WITH"]
    assert pay("direct", False) == ["WITH", "SELECT"]  # a replay: the claim, then the earlier key


@pytest.mark.postgresql
@pytest.mark.parametrize("driver", ["psycopg", "through SQLAlchemy"])
def test_payment_statements_run_alike_on_the_driver_and_through_sqlalchemy(pg_db, monkeypatch, driver):
    """Another PostgreSQL driver than psycopg runs the same statements through SQLAlchemy."""
    settings, clock = test_settings(), ManualClock(DEFAULT_NOW)
    payer, payee = _racers(pg_db, settings, 2)
    if driver != "psycopg":
        monkeypatch.setattr(pg_db.engine.dialect, "driver", "another")

    def pay(key: str, amount: str, guarantee: bool = False):
        with pg_db.write() as session:
            return payments.pay(
                session=session,
                clock=clock,
                settings=settings,
                payer_id=payer.id,
                payee=payee.email,
                amount=Decimal(amount),
                idempotency_key=key,
                guarantee=guarantee,
            )

    first, held = pay("one", "2.50"), pay("two", "1.00", guarantee=True)
    assert pay("one", "2.50") == payments.PaymentResult(first.payment_id, replayed=True)
    with pytest.raises(DomainError) as refused:
        pay("one", "3.00")
    assert str(refused.value.code) == "IDEMPOTENCY_KEY_REUSED"
    with pg_db.read() as session:
        assert wallet_summary(session, payer.id) == WalletSummary(available=99_650, held=100)
        assert wallet_summary(session, payee.id).available == 100_250
        assert limits.outgoing_today(session, user_id=payer.id, asset=CNY, clock=clock) == 350
    assert held.payment_id != first.payment_id
    assert ledger_problems(pg_db) == []
