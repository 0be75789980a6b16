"""Ledger accounts: finding, creating and locking them.

User accounts are created on first use and locked with ``SELECT ... FOR UPDATE`` in
ascending id order (SQLite: the write transaction already holds the writer lock), so
concurrent transfers can neither overdraw nor lose an update nor deadlock. System accounts
are never locked and never updated: their balance is the sum of their postings. Their ids
are cached per engine once the transaction that found or created them has committed.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Connection, Engine, Select, Table, bindparam, event, select, text, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.base import table_of
from db.session import is_sqlite, lock_rows
from ledger.kinds import Purpose
from ledger.models import LedgerAccount

ACCOUNTS = table_of(LedgerAccount)

UserAccountKey = tuple[int, str, str]  # (user id, purpose, asset)


@dataclass(frozen=True, slots=True)
class AccountRef:
    """An account as the ledger needs it: id, asset and owner (None: a system account)."""

    id: int
    asset: str
    user_id: int | None = None

    @property
    def keeps_balance(self) -> bool:
        return self.user_id is not None


@dataclass(frozen=True, slots=True)
class LockedAccount:
    ref: AccountRef
    balance: int


def insert_statement(session: Session, table: Table) -> postgresql.Insert | sqlite.Insert:
    """The dialect's INSERT, which offers ``on_conflict_do_nothing`` on SQLite and PostgreSQL."""
    if is_sqlite(session):
        return sqlite.insert(table)
    return postgresql.insert(table)


# --- user accounts ---------------------------------------------------------------------------


def lock_user_accounts(
    session: Session, keys: Iterable[UserAccountKey], *, now: datetime
) -> dict[UserAccountKey, LockedAccount]:
    """Lock the user accounts ``keys`` (creating missing ones) in ascending id order and
    return them with their balances. Call it before posting to any of them.

    A missing account is inserted (``ON CONFLICT DO NOTHING``) after the existing ones are
    locked; the transaction then never waits on anything but its own rows, so the insert
    cannot take part in a deadlock cycle."""
    wanted = sorted(set(keys))
    found = _select_locked(session, wanted)
    missing = [key for key in wanted if key not in found]
    if missing:
        statement = insert_statement(session, ACCOUNTS).values(
            [
                dict(user_id=user_id, purpose=purpose, asset=asset, shard=0, balance=0, created_at=now)
                for user_id, purpose, asset in missing
            ]
        )
        session.execute(statement.on_conflict_do_nothing())
        found = _select_locked(session, wanted)
    return found


_COLUMNS = (ACCOUNTS.c.id, ACCOUNTS.c.user_id, ACCOUNTS.c.purpose, ACCOUNTS.c.asset, ACCOUNTS.c.balance)
# The common case, built once (statements built per call cost several times more CPU):
# accounts of one purpose and asset for a few users, in id order.
_OF_USERS = (
    select(*_COLUMNS)
    .where(
        ACCOUNTS.c.user_id.is_not(None),
        ACCOUNTS.c.user_id.in_(bindparam("user_ids", expanding=True, type_=BigInteger)),
        ACCOUNTS.c.purpose == bindparam("purpose"),
        ACCOUNTS.c.asset == bindparam("asset"),
    )
    .order_by(ACCOUNTS.c.id)
)
_OF_USERS_FOR_UPDATE = _OF_USERS.with_for_update()
_BALANCE = select(ACCOUNTS.c.balance).where(
    ACCOUNTS.c.user_id == bindparam("user_id", type_=BigInteger),
    ACCOUNTS.c.purpose == bindparam("purpose"),
    ACCOUNTS.c.asset == bindparam("asset"),
)


def _select_locked(session: Session, wanted: list[UserAccountKey]) -> dict[UserAccountKey, LockedAccount]:
    kinds = {(str(purpose), asset) for _, purpose, asset in wanted}
    if len(kinds) == 1:
        ((purpose, asset),) = kinds
        statement = _OF_USERS if is_sqlite(session) else _OF_USERS_FOR_UPDATE
        rows = session.execute(statement, {"user_ids": [u for u, _, _ in wanted], "purpose": purpose, "asset": asset})
    else:
        rows = session.execute(lock_rows(session, _select_mixed(wanted)))
    result: dict[UserAccountKey, LockedAccount] = {}
    for row in rows:
        ref = AccountRef(id=row.id, asset=row.asset, user_id=row.user_id)
        result[(row.user_id, row.purpose, row.asset)] = LockedAccount(ref=ref, balance=row.balance)
    return result


def _select_mixed(wanted: list[UserAccountKey]) -> Select[Any]:
    """Accounts of several purposes or assets, still in one statement in id order."""
    return (
        select(*_COLUMNS)
        .where(
            ACCOUNTS.c.user_id.is_not(None),
            tuple_(ACCOUNTS.c.user_id, ACCOUNTS.c.purpose, ACCOUNTS.c.asset).in_(
                [(u, str(p), a) for u, p, a in wanted]
            ),
        )
        .order_by(ACCOUNTS.c.id)
    )


def lock_in_id_order_sql(owners: str) -> str:
    """PostgreSQL sub-select locking, like ``lock_user_accounts``, the accounts of purpose
    ``:lock_purpose`` and asset ``:lock_asset`` of the users ``owners`` (comma-separated SQL
    expressions; NULL is ignored) in ascending id order; yields ``(id, user_id, balance)``.
    For a larger statement (it creates no missing account: the caller does, see ``locked_of``)."""
    return f"""
        SELECT a.id, a.user_id, a.balance FROM {ACCOUNTS.name} AS a
        WHERE a.user_id IN ({owners}) AND a.user_id IS NOT NULL
          AND a.purpose = :lock_purpose AND a.asset = :lock_asset
        ORDER BY a.id FOR UPDATE"""


def locked_of(rows: Iterable[Sequence[int]], *, asset: str) -> dict[int, LockedAccount]:
    """``lock_in_id_order_sql``'s ``(id, user_id, balance)`` rows by user id."""
    return {
        user_id: LockedAccount(ref=AccountRef(id=account_id, asset=asset, user_id=user_id), balance=balance)
        for account_id, user_id, balance in rows
    }


def user_balance(session: Session, *, user_id: int, purpose: str, asset: str) -> int:
    """The balance of a user account (0 when it does not exist yet); no lock."""
    balance = session.execute(
        _BALANCE, {"user_id": user_id, "purpose": str(purpose), "asset": asset}
    ).scalar_one_or_none()
    return balance or 0


# --- system accounts -------------------------------------------------------------------------

_COMMITTED: weakref.WeakKeyDictionary[Engine | Connection, dict[tuple[str, str, int], int]] = (
    weakref.WeakKeyDictionary()
)
_PENDING = "wallet.system_accounts.pending"


def system_account(session: Session, purpose: Purpose, asset: str, *, now: datetime, shard: int = 0) -> AccountRef:
    """The system account (``purpose``, ``asset``, ``shard``), created on first use."""
    key = (str(purpose), asset, shard)
    engine = _engine(session)
    committed = _COMMITTED.setdefault(engine, {})
    account_id = committed.get(key)
    if account_id is None:
        pending = _pending(session)
        account_id = pending.get(key)
        if account_id is None:
            account_id = pending[key] = _find_or_create_system(session, key, now)
    return AccountRef(id=account_id, asset=asset, user_id=None)


def _find_or_create_system(session: Session, key: tuple[str, str, int], now: datetime) -> int:
    purpose, asset, shard = key
    lookup = select(ACCOUNTS.c.id).where(
        ACCOUNTS.c.user_id.is_(None),
        ACCOUNTS.c.purpose == purpose,
        ACCOUNTS.c.asset == asset,
        ACCOUNTS.c.shard == shard,
    )
    account_id = session.execute(lookup).scalar_one_or_none()
    if account_id is None:
        statement = insert_statement(session, ACCOUNTS).values(
            user_id=None, purpose=purpose, asset=asset, shard=shard, balance=None, created_at=now
        )
        session.execute(statement.on_conflict_do_nothing())
        account_id = session.execute(lookup).scalar_one()
    return int(account_id)


def _engine(session: Session) -> Engine | Connection:
    """What the session is bound to: the cache of system account ids is kept per bind."""
    return session.get_bind()


def _pending(session: Session) -> dict[tuple[str, str, int], int]:
    """Ids found in this session's open transaction: cached for the engine only on commit
    (a rolled-back creation must never be remembered)."""
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = {}
        engine = _engine(session)

        @event.listens_for(session, "after_commit")
        def _promote(_session: Session) -> None:
            _COMMITTED.setdefault(engine, {}).update(pending)
            pending.clear()

        @event.listens_for(session, "after_rollback")
        def _forget(_session: Session) -> None:
            pending.clear()

        # A savepoint rolled back (a refused payment of a group commit) may have created one:
        # forget them all (the ones that stay are found again).
        @event.listens_for(session, "after_soft_rollback")
        def _forget_soft(_session: Session, _previous: object) -> None:
            pending.clear()

    return pending


def lock_holders(session: Session, *, asset: str, purpose: str) -> None:
    """Lock every user account of ``asset`` and ``purpose`` in id order (PostgreSQL; SQLite
    serialises writers): a set-based movement that can lower balances (a money fund's negative
    day, a correction) takes them first, so a movement committing while it computes cannot
    take a balance below zero; movements lock the same rows, so they wait for it."""
    if is_sqlite(session):
        return
    session.execute(
        text(
            "SELECT id FROM ledger_accounts WHERE user_id IS NOT NULL AND asset = :asset AND purpose = :purpose "
            "ORDER BY id FOR UPDATE"
        ),
        {"asset": asset, "purpose": str(purpose)},
    )
