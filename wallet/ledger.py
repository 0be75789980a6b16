"""The double-entry ledger: ``post_entry`` is the one way money (or any asset) moves.

It enforces the invariants on every call, whatever the caller: the postings of an entry sum
to zero per asset, no posting is zero, user balances are updated in the same statement as
the check that they stay >= 0 (a guarded ``UPDATE ... WHERE balance + delta >= 0`` whose row
count is verified; the table's CHECK constraint backs it up), and history is append-only
(database triggers refuse UPDATE and DELETE of entries and postings).

Callers lock the user accounts they touch first (``accounts.lock_user_accounts``) and then
resolve system accounts (``accounts.system_account``). A refusal raises ``DomainError`` and
leaves the transaction to be rolled back by its owner (``Database.write`` does).

Round trips per entry: one INSERT of the entry, one multi-row INSERT of the postings, one
UPDATE of all touched user balances.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from core.errors import DomainError
from wallet.accounts import ACCOUNTS, AccountRef
from wallet.errors import WalletErrorCode
from wallet.models import JournalEntry, Posting as PostingRow

ENTRIES = JournalEntry.__table__
POSTINGS = PostingRow.__table__


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
    entry_id = session.execute(
        insert(ENTRIES)
        .values(kind=str(kind), created_at=at, reverses_entry_id=reverses_entry_id)
        .returning(ENTRIES.c.id)
    ).scalar_one()
    session.execute(
        insert(POSTINGS).values(
            [dict(entry_id=entry_id, account_id=p.account.id, amount=p.amount) for p in postings]
        )
    )
    balances = apply_balance_deltas(session, deltas, insufficient_field=insufficient_field) if deltas else {}
    return PostedEntry(id=entry_id, balances=balances)


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
    delta = case(deltas, value=ACCOUNTS.c.id) if len(ids) > 1 else deltas[ids[0]]
    rows = session.execute(
        update(ACCOUNTS)
        .where(ACCOUNTS.c.id.in_(ids), ACCOUNTS.c.balance + delta >= 0)
        .values(balance=ACCOUNTS.c.balance + delta)
        .returning(ACCOUNTS.c.id, ACCOUNTS.c.balance)
    ).all()
    if len(rows) != len(ids):
        raise DomainError(WalletErrorCode.INSUFFICIENT_FUNDS, "The balance is not enough for this amount.", insufficient_field)
    return {row.id: row.balance for row in rows}


def account_balance_from_postings(session: Session, account_ids: Sequence[int]) -> int:
    """The sum of the postings of ``account_ids`` (how system balances are derived)."""
    total = session.execute(
        select(func.coalesce(func.sum(POSTINGS.c.amount), 0)).where(POSTINGS.c.account_id.in_(list(account_ids)))
    ).scalar_one()
    return int(total)


def system_balance(session: Session, *, purpose: str, asset: str) -> int:
    """The balance of a system account over all its shards, from its postings."""
    ids = session.execute(
        select(ACCOUNTS.c.id).where(
            ACCOUNTS.c.user_id.is_(None), ACCOUNTS.c.purpose == str(purpose), ACCOUNTS.c.asset == asset
        )
    ).scalars().all()
    return account_balance_from_postings(session, ids) if ids else 0
