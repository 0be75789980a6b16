"""The write transaction: all or nothing, and read-check-write cannot be overtaken (BEGIN
IMMEDIATE on SQLite, row locks on PostgreSQL). Exact column types round-trip."""

import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, event, insert, select
from sqlalchemy.exc import StatementError

from db.session import lock_rows
from db.types import ScaledDecimal, UTCDateTime
from users.models import User


def test_a_failed_write_transaction_leaves_nothing_behind(db, make_user):
    user = make_user("kept@example.com", display_name="Kept")
    with pytest.raises(RuntimeError), db.write() as session:
        session.get(User, user.id).display_name = "Changed"
        session.add(
            User(
                email="half@example.com",
                password_hash="x",
                display_name="Half",
                locale="en",
                roles_text="CUSTOMER",
                created_at=user.created_at,
                updated_at=user.created_at,
            )
        )
        session.flush()
        raise RuntimeError("boom after the writes")
    with db.read() as session:
        assert session.scalar(select(User.display_name).where(User.id == user.id)) == "Kept"
        assert session.scalar(select(User).where(User.email == "half@example.com")) is None


def test_concurrent_read_check_write_transactions_cannot_both_pass(db, make_user):
    """Eight requests race to rename a user only if nobody renamed them yet: exactly one
    wins, and the others see its write and refuse cleanly (no lost update, no error)."""
    user = make_user("race@example.com", display_name="original")
    start = threading.Barrier(8)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def rename(name: str) -> None:
        try:
            start.wait()
            with db.write() as session:
                row = session.scalars(lock_rows(session, select(User).where(User.id == user.id))).one()
                if row.display_name != "original":
                    outcomes.append("refused")
                    return
                threading.Event().wait(0.02)  # widen the window between the check and the write
                row.display_name = name
                outcomes.append("renamed")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=rename, args=(f"winner-{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(outcomes) == ["refused"] * 7 + ["renamed"]
    with db.read() as session:
        assert session.scalar(select(User.display_name).where(User.id == user.id)).startswith("winner-")


def test_sqlite_write_transactions_begin_immediate(sqlite_db):
    statements: list[str] = []
    event.listen(sqlite_db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with sqlite_db.write() as session:
        session.execute(select(User.id)).all()
    with sqlite_db.read() as session:
        session.execute(select(User.id)).all()
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]


metadata = MetaData()
amounts = Table(
    "amounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("amount", ScaledDecimal(2)),
    Column("at", UTCDateTime()),
)


def test_exact_decimals_and_aware_datetimes_round_trip(db):
    metadata.create_all(db.engine)
    try:
        at = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=8)))
        with db.write() as session:
            session.execute(insert(amounts).values(id=1, amount=Decimal("12345678901.23"), at=at))
        with db.read() as session:
            row = session.execute(select(amounts.c.amount, amounts.c.at)).one()
        assert row.amount == Decimal("12345678901.23") and isinstance(row.amount, Decimal)
        assert row.at == at and row.at.tzinfo is not None
        for bad in (Decimal("1.001"), 1.5):
            with pytest.raises(StatementError), db.write() as session:
                session.execute(insert(amounts).values(id=2, amount=bad, at=at))
        with pytest.raises(StatementError), db.write() as session:
            session.execute(insert(amounts).values(id=3, amount=Decimal(1), at=datetime(2026, 1, 1)))
    finally:
        metadata.drop_all(db.engine)


def _user_row(email: str, when: datetime, **overrides) -> User:
    values = dict(
        email=email,
        password_hash="x",
        display_name="Dup",
        locale="en",
        roles_text="CUSTOMER",
        created_at=when,
        updated_at=when,
    )
    values.update(overrides)
    return User(**values)


def test_unique_insert_turns_only_its_own_key_violation_into_the_domain_error(db, make_user):
    from sqlalchemy.exc import IntegrityError

    from core.errors import CommonErrorCode, DomainError, t
    from db.unique import unique_insert

    taken = make_user("taken@example.com")
    conflict = lambda: DomainError(CommonErrorCode.INVALID_INPUT, t("taken", "已被占用"), "email")  # noqa: E731
    with db.write() as session:
        with pytest.raises(DomainError) as refused:
            with unique_insert(session, User.__table__, ("email",), error=conflict):
                session.add(_user_row("taken@example.com", taken.created_at))
        assert refused.value.field == "email"
        # The savepoint was rolled back, not the transaction: the session goes on.
        with unique_insert(session, User.__table__, ("email",), error=conflict):
            session.add(_user_row("free@example.com", taken.created_at))
    with db.read() as session:
        assert set(session.scalars(select(User.email))) == {"taken@example.com", "free@example.com"}

    with db.write() as session:  # any other integrity error is not "taken": it surfaces as it is
        with pytest.raises(IntegrityError):
            with unique_insert(session, User.__table__, ("email",), error=conflict):
                session.add(_user_row("nameless@example.com", taken.created_at, display_name=None))
