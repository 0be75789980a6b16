"""The user-facing wallet history (``wallet_transactions``): written next to the ledger
entries it explains, read page by page (newest first)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from wallet.kinds import TransactionKind, TransactionStatus
from wallet.models import WalletTransaction

TRANSACTIONS = WalletTransaction.__table__
_INSERT = insert(TRANSACTIONS)
_INSERT_ONE = insert(TRANSACTIONS).returning(TRANSACTIONS.c.id)


@dataclass(frozen=True, slots=True)
class Line:
    """One history line to write."""

    user_id: int
    kind: TransactionKind
    amount: int
    asset: str
    entry_id: int | None
    status: TransactionStatus = TransactionStatus.COMPLETED
    payment_id: int | None = None
    bank_card_id: int | None = None


def record(session: Session, lines: Sequence[Line], *, at: datetime) -> list[int]:
    """Insert the lines (one round trip); their ids when there is one line, else []."""
    rows = [
        dict(
            user_id=line.user_id,
            kind=str(line.kind),
            status=str(line.status),
            asset=line.asset,
            amount=line.amount,
            payment_id=line.payment_id,
            entry_id=line.entry_id,
            bank_card_id=line.bank_card_id,
            created_at=at,
            updated_at=at,
        )
        for line in lines
    ]
    if len(rows) == 1:
        return [session.execute(_INSERT_ONE, rows[0]).scalar_one()]
    session.execute(_INSERT, rows)
    return []


def get(session: Session, transaction_id: int):
    return session.execute(select(TRANSACTIONS).where(TRANSACTIONS.c.id == transaction_id)).one_or_none()


def page(session: Session, *, user_id: int, limit: int, after: tuple[datetime, int] | None):
    """``limit`` lines of the user's history, newest first, after the keyset ``after``."""
    statement = select(TRANSACTIONS).where(TRANSACTIONS.c.user_id == user_id)
    if after is not None:
        at, last_id = after
        statement = statement.where(
            or_(TRANSACTIONS.c.created_at < at, and_(TRANSACTIONS.c.created_at == at, TRANSACTIONS.c.id < last_id))
        )
    statement = statement.order_by(TRANSACTIONS.c.created_at.desc(), TRANSACTIONS.c.id.desc()).limit(limit)
    return session.execute(statement).all()
