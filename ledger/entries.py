"""The double-entry ledger: ``post_entry`` is the one way money (or any asset) moves.

It enforces the invariants on every call, whatever the caller: the postings of an entry sum
to zero per asset, no posting is zero, user balances are updated in the same statement as
the check that they stay >= 0 (a guarded ``UPDATE ... WHERE balance + delta >= 0`` whose row
count is verified; the table's CHECK constraint backs it up), and history is append-only
(database triggers refuse UPDATE and DELETE of entries and postings).

Callers lock the user accounts they touch first (``accounts.lock_user_accounts``) and then
resolve system accounts (``accounts.system_account``). A refusal raises ``DomainError`` and
leaves the transaction to be rolled back by its owner (``Database.write`` does).

Every entry announces itself in the outbox (``outbox``), in its transaction.

Round trips per entry: on PostgreSQL one statement (data-modifying CTEs: the entry, its
postings, the guarded balance updates and the outbox event); on SQLite four (entry,
postings, balances, event). The
same CTEs (``entry_ctes``) can be part of a larger statement, gated on another CTE (the
payment's hot path posts its entry in the statement that also writes the payment).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, case, func, insert, select, text, update
from sqlalchemy.orm import Session

from core.errors import DomainError, t
from db.base import table_of
from db.session import is_sqlite
from db.types import UTCDateTime
from ledger import outbox
from ledger.accounts import ACCOUNTS, AccountRef
from ledger.errors import LedgerErrorCode
from ledger.models import JournalEntry
from ledger.models import Posting as PostingRow

ENTRIES = table_of(JournalEntry)
POSTINGS = table_of(PostingRow)

# Statements of the hot path, built once (building them per call costs more CPU than sending them).
_INSERT_ENTRY = insert(ENTRIES).returning(ENTRIES.c.id)
_INSERT_POSTINGS = insert(POSTINGS)
_ID1, _ID2 = bindparam("id1", type_=BigInteger), bindparam("id2", type_=BigInteger)
_D1, _D2 = bindparam("d1", type_=BigInteger), bindparam("d2", type_=BigInteger)
_ONE_BALANCE = (
    update(ACCOUNTS)
    .where(ACCOUNTS.c.id == _ID1, ACCOUNTS.c.balance + _D1 >= 0)
    .values(balance=ACCOUNTS.c.balance + _D1)
    .returning(ACCOUNTS.c.id, ACCOUNTS.c.balance)
)
_TWO_DELTAS = case((ACCOUNTS.c.id == _ID1, _D1), else_=_D2)
_TWO_BALANCES = (
    update(ACCOUNTS)
    .where(ACCOUNTS.c.id.in_([_ID1, _ID2]), ACCOUNTS.c.balance + _TWO_DELTAS >= 0)
    .values(balance=ACCOUNTS.c.balance + _TWO_DELTAS)
    .returning(ACCOUNTS.c.id, ACCOUNTS.c.balance)
)


def entry_ctes(gate: str) -> str:
    """PostgreSQL data-modifying CTEs that append one entry, its postings and the guarded
    balance updates when the CTE (or table expression) ``gate`` yields a row, and nothing
    otherwise. They define ``entry (id)``, ``posted``, ``balances (id, balance)`` and
    ``announced`` (the outbox event); bind ``entry_parameters``. Append after ``WITH ...,``; check ``balances`` with ``check_applied``."""
    return f"""
    entry AS (
        INSERT INTO journal_entries (kind, created_at, reverses_entry_id)
        SELECT :entry_kind, :entry_at, :entry_reverses FROM {gate}
        RETURNING id
    ), posted AS (
        INSERT INTO postings (entry_id, account_id, amount)
        SELECT entry.id, p.account_id, p.amount
        FROM entry, unnest(CAST(:posting_accounts AS BIGINT[]), CAST(:posting_amounts AS BIGINT[]))
            AS p(account_id, amount)
    ), balances AS (
        UPDATE ledger_accounts AS a SET balance = a.balance + d.delta
        FROM entry, unnest(CAST(:balance_ids AS BIGINT[]), CAST(:balance_deltas AS BIGINT[])) AS d(id, delta)
        WHERE a.id = d.id AND a.balance + d.delta >= 0
        RETURNING a.id, a.balance
    ), announced AS (
        INSERT INTO ledger_outbox (topic, entry_id, user_ids, created_at)
        SELECT :entry_topic, entry.id, CAST(:entry_users AS JSON), :entry_at FROM entry
    )"""


# Typed parameters of ``entry_ctes`` (add them to a statement that uses it).
ENTRY_BINDS = (
    bindparam("entry_at", type_=UTCDateTime()),
    bindparam("entry_reverses", type_=BigInteger),
)
# PostgreSQL: the entry, its postings and the guarded balance updates in one round trip.
_POST_IN_ONE = text(
    f"""
    WITH go AS (SELECT 1), {entry_ctes("go")}
    SELECT entry.id AS entry_id, balances.id AS account_id, balances.balance FROM entry LEFT JOIN balances ON true
    """
).bindparams(*ENTRY_BINDS)


class UnbalancedEntry(ValueError):
    """A programming error: an entry whose postings do not sum to zero per asset."""


@dataclass(frozen=True, slots=True)
class Posting:
    """``amount`` minor units of ``account.asset`` on ``account`` (positive: credit to the
    account's balance, negative: debit)."""

    account: AccountRef
    amount: int


@dataclass(frozen=True, slots=True)
class PostedEntry:
    id: int
    balances: dict[int, int]  # new balances of the user accounts touched, by account id


def post_entry(
    session: Session,
    *,
    kind: str,
    postings: Sequence[Posting],
    at: datetime,
    reverses_entry_id: int | None = None,
    insufficient_field: str | None = "amount",
) -> PostedEntry:
    """Append one balanced entry and apply it to the user balances.

    Raises ``INSUFFICIENT_FUNDS`` (with ``insufficient_field``) when a user account would go
    negative, and ``UnbalancedEntry`` for postings that cannot form an entry."""
    deltas = _check_balanced(postings)
    if not is_sqlite(session):
        return _post_in_one(session, kind, postings, deltas, at, reverses_entry_id, insufficient_field)
    entry_id = session.execute(
        _INSERT_ENTRY, {"kind": str(kind), "created_at": at, "reverses_entry_id": reverses_entry_id}
    ).scalar_one()
    session.execute(
        _INSERT_POSTINGS, [{"entry_id": entry_id, "account_id": p.account.id, "amount": p.amount} for p in postings]
    )
    balances = apply_balance_deltas(session, deltas, insufficient_field=insufficient_field) if deltas else {}
    outbox.emit(session, topic=f"entry.{kind}", at=at, entry_id=entry_id, user_ids=_users(postings))
    return PostedEntry(id=entry_id, balances=balances)


def insert_entry(session: Session, *, kind: str, at: datetime, reverses: int | None = None) -> int:
    """A journal entry's row alone (``bulk`` adds its postings with a query)."""
    return int(
        session.execute(
            _INSERT_ENTRY, {"kind": str(kind), "created_at": at, "reverses_entry_id": reverses}
        ).scalar_one()
    )


def _users(postings: Sequence[Posting]) -> list[int]:
    return sorted({p.account.user_id for p in postings if p.account.user_id is not None})


def _post_in_one(
    session: Session,
    kind: str,
    postings: Sequence[Posting],
    deltas: dict[int, int],
    at: datetime,
    reverses_entry_id: int | None,
    insufficient_field: str | None,
) -> PostedEntry:
    parameters = _entry_parameters(kind, postings, deltas, at, reverses_entry_id)
    rows = session.execute(_POST_IN_ONE, parameters).all()
    balances = {row.account_id: row.balance for row in rows if row.account_id is not None}
    check_applied(len(balances), parameters, insufficient_field=insufficient_field)
    return PostedEntry(id=rows[0].entry_id, balances=balances)


def entry_parameters(
    *, kind: str, postings: Sequence[Posting], at: datetime, reverses_entry_id: int | None = None
) -> dict[str, Any]:
    """The bound parameters of ``entry_ctes`` for one entry, after the same checks as
    ``post_entry`` (``UnbalancedEntry`` for postings that cannot form an entry)."""
    return _entry_parameters(kind, postings, _check_balanced(postings), at, reverses_entry_id)


def _entry_parameters(
    kind: str, postings: Sequence[Posting], deltas: dict[int, int], at: datetime, reverses_entry_id: int | None
) -> dict[str, Any]:
    tracked = sorted(deltas)
    users = _users(postings)
    return {
        "entry_topic": f"entry.{kind}",
        "entry_users": json.dumps(users) if users else None,
        "entry_kind": str(kind),
        "entry_at": at,
        "entry_reverses": reverses_entry_id,
        "posting_accounts": [p.account.id for p in postings],
        "posting_amounts": [p.amount for p in postings],
        "balance_ids": tracked,
        "balance_deltas": [deltas[account_id] for account_id in tracked],
    }


def check_applied(applied: int, parameters: dict[str, Any], *, insufficient_field: str | None = "amount") -> None:
    """Every user balance of the entry must have been updated: a guarded update that found a
    balance too small for its delta applied fewer rows (``INSUFFICIENT_FUNDS``)."""
    if applied != len(parameters["balance_ids"]):
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS,
            t("The balance is not enough for this amount.", "余额不足。"),
            insufficient_field,
        )


def _check_balanced(postings: Sequence[Posting]) -> dict[int, int]:
    """Check the entry's shape; return the net change of each user account."""
    if len(postings) < 2:
        raise UnbalancedEntry("an entry needs at least two postings")
    per_asset: dict[str, int] = defaultdict(int)
    deltas: dict[int, int] = defaultdict(int)
    for posting in postings:
        if type(posting.amount) is not int or posting.amount == 0:
            raise UnbalancedEntry(f"posting amounts are non-zero integers of minor units, not {posting.amount!r}")
        per_asset[posting.account.asset] += posting.amount
        if posting.account.keeps_balance:
            deltas[posting.account.id] += posting.amount
    unbalanced = {asset: total for asset, total in per_asset.items() if total != 0}
    if unbalanced:
        raise UnbalancedEntry(f"postings do not sum to zero per asset: {unbalanced}")
    return {account_id: delta for account_id, delta in deltas.items() if delta != 0}


def apply_balance_deltas(
    session: Session, deltas: dict[int, int], *, insufficient_field: str | None = "amount"
) -> dict[int, int]:
    """Add ``deltas`` to user balances in one guarded UPDATE; every row must qualify."""
    ids = sorted(deltas)
    if len(ids) == 1:
        rows = session.execute(_ONE_BALANCE, {"id1": ids[0], "d1": deltas[ids[0]]}).all()
    elif len(ids) == 2:
        rows = session.execute(
            _TWO_BALANCES, {"id1": ids[0], "d1": deltas[ids[0]], "id2": ids[1], "d2": deltas[ids[1]]}
        ).all()
    else:
        delta = case(deltas, value=ACCOUNTS.c.id)
        rows = session.execute(
            update(ACCOUNTS)
            .where(ACCOUNTS.c.id.in_(ids), ACCOUNTS.c.balance + delta >= 0)
            .values(balance=ACCOUNTS.c.balance + delta)
            .returning(ACCOUNTS.c.id, ACCOUNTS.c.balance)
        ).all()
    if len(rows) != len(ids):
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS,
            t("The balance is not enough for this amount.", "余额不足。"),
            insufficient_field,
        )
    return {row.id: row.balance for row in rows}


def account_balance_from_postings(session: Session, account_ids: Sequence[int]) -> int:
    """The sum of the postings of ``account_ids`` (how system balances are derived)."""
    total = session.execute(
        select(func.coalesce(func.sum(POSTINGS.c.amount), 0)).where(POSTINGS.c.account_id.in_(list(account_ids)))
    ).scalar_one()
    return int(total)


def system_balance(session: Session, *, purpose: str, asset: str) -> int:
    """The balance of a system account over all its shards, from its postings (one join: a
    purpose may have a shard per loan, far more ids than a statement may bind)."""
    total = session.execute(
        select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
        .select_from(POSTINGS)
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .where(ACCOUNTS.c.user_id.is_(None), ACCOUNTS.c.purpose == str(purpose), ACCOUNTS.c.asset == asset)
    ).scalar_one()
    return int(total)
