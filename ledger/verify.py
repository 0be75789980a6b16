"""``robo ledger verify``: every invariant of the ledger, checked for every asset.

1. every journal entry has at least two postings and they sum to zero per asset;
2. every user account's balance equals the sum of its postings, and none is negative;
3. system accounts keep no balance on the row (theirs is derived from postings);
4. the total of each asset across all accounts is zero;
5. then the checks each domain registered (``register``), in the order they were
   registered: the wallet's (escrow holds exactly the guarantee payments still in escrow,
   withdrawals in transit exactly the pending withdrawals) and investing's (fund settlement
   holds exactly what pending fund orders put there). A domain registers its checks when its
   package is imported; ``system_totals`` and ``compare`` are there for them.

Returns a list of problems (empty: all good). Set-based queries; no row-by-row Python.
All of them read one snapshot, so payments committing meanwhile cannot make the checks
disagree with each other: on PostgreSQL ``verify`` opens the session's transaction at
REPEATABLE READ (pass a session that has not begun one); on SQLite the read transaction
(``BEGIN``, WAL) already reads one snapshot.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from db.session import is_sqlite
from ledger.accounts import ACCOUNTS
from ledger.entries import ENTRIES, POSTINGS
from ledger.kinds import Purpose

MAX_EXAMPLES = 20
Check = Callable[[Session], list[str]]
_REGISTERED: list[Check] = []


def register(check: Check) -> Check:
    """Add a domain's invariant check to ``verify`` (once; usable as a decorator)."""
    if check not in _REGISTERED:
        _REGISTERED.append(check)
    return check


def registered() -> tuple[Check, ...]:
    return tuple(_REGISTERED)


def verify(session: Session) -> list[str]:
    _one_snapshot(session)
    problems: list[str] = []
    problems += _unbalanced_entries(session)
    problems += _short_entries(session)
    problems += _user_balances(session)
    problems += _system_rows(session)
    problems += _asset_totals(session)
    for check in _REGISTERED:
        problems += check(session)
    return problems


def _one_snapshot(session: Session) -> None:
    """Begin ``session``'s transaction at REPEATABLE READ (PostgreSQL), or make sure the one
    it began already reads one snapshot."""
    if is_sqlite(session):
        return
    if not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return
    level = session.execute(text("SHOW transaction_isolation")).scalar_one()
    if level not in ("repeatable read", "serializable"):
        raise RuntimeError("verify reads one snapshot: give it a session that has not begun a transaction yet")


def _unbalanced_entries(session: Session) -> list[str]:
    rows = session.execute(
        select(POSTINGS.c.entry_id, ACCOUNTS.c.asset, func.sum(POSTINGS.c.amount).label("total"))
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .group_by(POSTINGS.c.entry_id, ACCOUNTS.c.asset)
        .having(func.sum(POSTINGS.c.amount) != 0)
        .order_by(POSTINGS.c.entry_id)
        .limit(MAX_EXAMPLES)
    ).all()
    return [f"entry {r.entry_id} does not balance in {r.asset}: postings sum to {r.total}" for r in rows]


def _short_entries(session: Session) -> list[str]:
    counts = (
        select(ENTRIES.c.id, func.count(POSTINGS.c.id).label("postings"))
        .select_from(ENTRIES.outerjoin(POSTINGS, POSTINGS.c.entry_id == ENTRIES.c.id))
        .group_by(ENTRIES.c.id)
        .having(func.count(POSTINGS.c.id) < 2)
        .order_by(ENTRIES.c.id)
        .limit(MAX_EXAMPLES)
    )
    return [f"entry {r.id} has {r.postings} posting(s); an entry needs at least two" for r in session.execute(counts)]


def _user_balances(session: Session) -> list[str]:
    sums = (
        select(POSTINGS.c.account_id, func.sum(POSTINGS.c.amount).label("total"))
        .group_by(POSTINGS.c.account_id)
        .subquery()
    )
    total = func.coalesce(sums.c.total, 0)
    rows = session.execute(
        select(
            ACCOUNTS.c.id,
            ACCOUNTS.c.user_id,
            ACCOUNTS.c.purpose,
            ACCOUNTS.c.asset,
            ACCOUNTS.c.balance,
            total.label("total"),
        )
        .select_from(ACCOUNTS.outerjoin(sums, sums.c.account_id == ACCOUNTS.c.id))
        .where(ACCOUNTS.c.user_id.is_not(None), (ACCOUNTS.c.balance != total) | (ACCOUNTS.c.balance < 0))
        .order_by(ACCOUNTS.c.id)
        .limit(MAX_EXAMPLES)
    ).all()
    problems = []
    for r in rows:
        name = f"account {r.id} ({r.purpose} {r.asset} of user {r.user_id})"
        if r.balance != r.total:
            problems.append(f"{name} has balance {r.balance} but its postings sum to {r.total}")
        if r.balance < 0:
            problems.append(f"{name} is negative: {r.balance}")
    return problems


def _system_rows(session: Session) -> list[str]:
    rows = session.execute(
        select(ACCOUNTS.c.id, ACCOUNTS.c.purpose, ACCOUNTS.c.asset)
        .where(ACCOUNTS.c.user_id.is_(None), ACCOUNTS.c.balance.is_not(None))
        .limit(MAX_EXAMPLES)
    ).all()
    return [f"system account {r.id} ({r.purpose} {r.asset}) keeps a balance on its row" for r in rows]


def _asset_totals(session: Session) -> list[str]:
    rows = session.execute(
        select(ACCOUNTS.c.asset, func.sum(POSTINGS.c.amount).label("total"))
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .group_by(ACCOUNTS.c.asset)
        .having(func.sum(POSTINGS.c.amount) != 0)
    ).all()
    return [f"asset {r.asset} does not sum to zero across all accounts: {r.total}" for r in rows]


def system_totals(session: Session, purpose: Purpose) -> dict[str, int]:
    rows = session.execute(
        select(ACCOUNTS.c.asset, func.sum(POSTINGS.c.amount).label("total"))
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .where(ACCOUNTS.c.user_id.is_(None), ACCOUNTS.c.purpose == str(purpose))
        .group_by(ACCOUNTS.c.asset)
    ).all()
    return {r.asset: int(r.total) for r in rows}


def compare(label: str, ledger: dict[str, int], expected: dict[str, int]) -> list[str]:
    problems = []
    for asset in sorted(set(ledger) | set(expected)):
        if ledger.get(asset, 0) != expected.get(asset, 0):
            problems.append(
                f"{label} in {asset}: the ledger says {ledger.get(asset, 0)}, the records say {expected.get(asset, 0)}"
            )
    return problems
