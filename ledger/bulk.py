"""Set-based posting: one journal entry whose user postings come from a query, for movements
with thousands of holders (a money fund's daily income), without a row of Python per holder.

``post_rows`` books the rows ``(account_id, user_id, amount)`` selected by the caller's query
as postings to those user accounts, one counter posting of minus their total on a system
account, the balances in the same statement, and an outbox event (``outbox``). With
``reverses_entry_id`` it first books the reversing entry of that entry, and each balance
changes by the net of both (a holding that was redeemed since never dips below zero in
between). On PostgreSQL a plain entry is one statement (data-modifying CTEs share one
snapshot); SQLite, and any reversal, go through temporary tables of the transaction.

Rows may also name system accounts (``user_id`` NULL: a loan's receivable shard, an income
account): they get their postings and, keeping no balance on the row, no balance update. The
counter posting balances whatever the rows leave (a day's loan collections: the borrowers'
cash out, each loan's receivable and the lender's interest in, in one entry).

The caller's query guarantees the amounts keep balances at zero or more (the table's CHECK
constraint backs it up), and locks the accounts when amounts can be negative
(``accounts.lock_holders``, or the caller's own ``FOR UPDATE`` in id order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from db.session import is_sqlite
from db.types import UTCDateTime
from ledger import outbox
from ledger.entries import insert_entry

STAGING = ("bulk_rows", "bulk_changes")


@dataclass(frozen=True, slots=True)
class BulkEntry:
    """What ``post_rows`` booked: the entry (None when no row was selected), how many user
    postings and their total (minor units, signed), and the reversing entry if any."""

    entry_id: int | None
    count: int
    total: int
    reversal_id: int | None = None


def post_rows(
    session: Session,
    *,
    kind: str,
    at: datetime,
    ctes: str,
    rows: str,
    binds: Sequence[BindParameter[Any]],
    params: dict[str, Any],
    counter_account_id: int,
    reverses_entry_id: int | None = None,
    reversal_kind: str | None = None,
) -> BulkEntry:
    """Book one entry from ``WITH {ctes} {rows}`` (``rows`` selects ``account_id, user_id,
    amount``; only non-zero amounts are booked), balanced on ``counter_account_id``."""
    if reverses_entry_id is None and not is_sqlite(session):
        return _in_one_statement(
            session,
            kind=kind,
            at=at,
            ctes=ctes,
            rows=rows,
            binds=binds,
            params=params,
            counter_account_id=counter_account_id,
        )
    _staging(session)
    session.execute(
        text(
            f"WITH {ctes} INSERT INTO bulk_rows (account_id, user_id, amount) "
            f"SELECT account_id, user_id, amount FROM ({rows}) AS chosen WHERE amount <> 0 ORDER BY account_id"
        ).bindparams(*binds),
        params,
    )
    count, total = session.execute(text("SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM bulk_rows")).one()
    count, total = int(count), int(total)
    entry_id = reversal_id = None
    if reverses_entry_id is not None:
        reversal_id = insert_entry(session, kind=reversal_kind or kind, at=at, reverses=reverses_entry_id)
        session.execute(
            text(
                "INSERT INTO postings (entry_id, account_id, amount) SELECT :reversal, account_id, -amount "
                "FROM postings WHERE entry_id = :reversed"
            ).bindparams(bindparam("reversal", type_=BigInteger), bindparam("reversed", type_=BigInteger)),
            {"reversal": reversal_id, "reversed": reverses_entry_id},
        )
        outbox.emit(session, topic=f"entry.{reversal_kind or kind}", at=at, entry_id=reversal_id)
    if count:
        entry_id = insert_entry(session, kind=kind, at=at)
        session.execute(
            text(
                "INSERT INTO postings (entry_id, account_id, amount) "
                "SELECT :entry, account_id, amount FROM bulk_rows "
                "UNION ALL SELECT :entry, :counter_account, :counter"
            ).bindparams(
                bindparam("entry", type_=BigInteger),
                bindparam("counter_account", type_=BigInteger),
                bindparam("counter", type_=BigInteger),
            ),
            {"entry": entry_id, "counter_account": counter_account_id, "counter": -total},
        )
        outbox.emit(session, topic=f"entry.{kind}", at=at, entry_id=entry_id)
    changes = "bulk_rows"
    if reversal_id is not None:
        session.execute(
            text(
                "INSERT INTO bulk_changes (account_id, user_id, amount) "
                "SELECT account_id, user_id, SUM(amount) FROM ("
                "  SELECT account_id, user_id, amount FROM bulk_rows"
                "  UNION ALL SELECT p.account_id, a.user_id, p.amount FROM postings p"
                "  JOIN ledger_accounts a ON a.id = p.account_id"
                "  WHERE p.entry_id = :reversal AND a.user_id IS NOT NULL) AS c "
                "GROUP BY account_id, user_id HAVING SUM(amount) <> 0"
            ).bindparams(bindparam("reversal", type_=BigInteger)),
            {"reversal": reversal_id},
        )
        changes = "bulk_changes"
    session.execute(
        text(
            f"UPDATE ledger_accounts SET balance = ledger_accounts.balance + c.amount "
            f"FROM {changes} AS c WHERE ledger_accounts.id = c.account_id AND c.user_id IS NOT NULL"
        )
    )
    _drop_staging(session)
    return BulkEntry(entry_id, count, total, reversal_id)


def _in_one_statement(
    session: Session,
    *,
    kind: str,
    at: datetime,
    ctes: str,
    rows: str,
    binds: Sequence[BindParameter[Any]],
    params: dict[str, Any],
    counter_account_id: int,
) -> BulkEntry:
    statement = text(f"""WITH {ctes},
chosen AS MATERIALIZED (
    SELECT account_id, user_id, amount FROM ({rows}) AS picked WHERE amount <> 0 ORDER BY account_id
), entry AS (
    INSERT INTO journal_entries (kind, created_at, reverses_entry_id)
    SELECT :bulk_kind, :bulk_at, NULL WHERE EXISTS (SELECT 1 FROM chosen)
    RETURNING id
), booked AS (
    INSERT INTO postings (entry_id, account_id, amount)
    SELECT entry.id, chosen.account_id, chosen.amount FROM chosen CROSS JOIN entry
    UNION ALL
    SELECT entry.id, :bulk_counter_account, -(SELECT SUM(amount) FROM chosen) FROM entry
), balances AS (
    UPDATE ledger_accounts AS a SET balance = a.balance + chosen.amount
    FROM chosen WHERE a.id = chosen.account_id AND chosen.user_id IS NOT NULL
), announced AS (
    INSERT INTO ledger_outbox (topic, entry_id, created_at)
    SELECT :bulk_topic, entry.id, :bulk_at FROM entry
)
SELECT (SELECT id FROM entry) AS entry_id, COUNT(*) AS booked, COALESCE(SUM(amount), 0) AS total FROM chosen
""").bindparams(*binds, bindparam("bulk_at", type_=UTCDateTime()), bindparam("bulk_counter_account", type_=BigInteger))
    row = session.execute(
        statement,
        {
            **params,
            "bulk_kind": str(kind),
            "bulk_at": at,
            "bulk_topic": f"entry.{kind}",
            "bulk_counter_account": counter_account_id,
        },
    ).one()
    return BulkEntry(row.entry_id, int(row.booked), int(row.total))


def _staging(session: Session) -> None:
    """Temporary tables of this transaction: the rows to book and the net change per account."""
    sqlite = is_sqlite(session)
    for name in STAGING:
        session.execute(text(f"DROP TABLE IF EXISTS {'temp' if sqlite else 'pg_temp'}.{name}"))
        on_commit = "" if sqlite else " ON COMMIT DROP"
        session.execute(
            text(f"CREATE TEMPORARY TABLE {name} (account_id BIGINT, user_id BIGINT, amount BIGINT){on_commit}")
        )


def _drop_staging(session: Session) -> None:
    sqlite = is_sqlite(session)
    for name in STAGING:
        session.execute(text(f"DROP TABLE IF EXISTS {'temp' if sqlite else 'pg_temp'}.{name}"))


def post_system_rows(
    session: Session,
    *,
    kind: str,
    at: datetime,
    rows: str,
    params: dict[str, Any],
    counter_account_id: int,
) -> BulkEntry:
    """Book one entry whose postings to *system* accounts come from the query ``rows``
    (``account_id, amount``; only non-zero amounts), balanced by one posting of minus their
    total on ``counter_account_id``: a true sale of thousands of loans moves each loan's
    receivable shard in one entry. System accounts keep no balance on the row, so nothing
    else is updated; a row naming a user account is refused (``ValueError``) before anything
    is written."""
    selected = f"SELECT chosen.account_id, chosen.amount FROM ({rows}) AS chosen WHERE chosen.amount <> 0"
    count, users, total = session.execute(
        text(
            f"SELECT COUNT(*), COUNT(a.user_id), COALESCE(SUM(s.amount), 0) FROM ({selected}) AS s "
            f"JOIN ledger_accounts a ON a.id = s.account_id"
        ),
        params,
    ).one()
    if int(users):
        raise ValueError("post_system_rows books system accounts only")
    if not int(count):
        return BulkEntry(None, 0, 0)
    entry_id = insert_entry(session, kind=kind, at=at)
    session.execute(
        text(
            f"INSERT INTO postings (entry_id, account_id, amount) SELECT :bulk_entry, s.account_id, s.amount "
            f"FROM ({selected}) AS s"
        ).bindparams(bindparam("bulk_entry", type_=BigInteger)),
        {**params, "bulk_entry": entry_id},
    )
    session.execute(
        text("INSERT INTO postings (entry_id, account_id, amount) VALUES (:e, :a, :m)").bindparams(
            bindparam("e", type_=BigInteger), bindparam("a", type_=BigInteger), bindparam("m", type_=BigInteger)
        ),
        {"e": entry_id, "a": counter_account_id, "m": -int(total)},
    )
    outbox.emit(session, topic=f"entry.{kind}", at=at, entry_id=entry_id)
    return BulkEntry(entry_id, int(count), int(total))
