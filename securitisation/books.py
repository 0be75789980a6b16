"""The pool's accounts on the ledger, read (balances derived from postings, one shard each)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger.accounts import ACCOUNTS
from ledger.entries import POSTINGS
from ledger.kinds import CNY, Purpose
from securitisation.models import AbsPool, AbsTranche


def balance(session: Session, purpose: Purpose, shard: int) -> int:
    """A system account's balance (one shard), from its postings (0 before it exists)."""
    return int(
        session.execute(
            select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
            .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
            .where(
                ACCOUNTS.c.user_id.is_(None),
                ACCOUNTS.c.purpose == str(purpose),
                ACCOUNTS.c.asset == CNY,
                ACCOUNTS.c.shard == shard,
            )
        ).scalar_one()
    )


def principal_cash(session: Session, pool: AbsPool, tranches: list[AbsTranche]) -> int:
    """The pool's principal-side cash from the ledger: receivables, write-offs, losses and
    tranches (the interest side, the reserve and recoveries are apart)."""
    return (
        balance(session, Purpose.ABS_POOL_LOANS, pool.id)
        + balance(session, Purpose.ABS_POOL_WRITE_OFFS, pool.id)
        + balance(session, Purpose.ABS_POOL_LOSSES, pool.id)
        + sum(balance(session, Purpose.ABS_TRANCHE, tr.id) for tr in tranches)
    )
