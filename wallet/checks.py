"""The wallet's ledger checks, part of ``robo ledger verify`` (registered on import):

- the escrow account holds exactly the guarantee payments still in escrow;
- the withdrawals-in-transit account holds exactly the pending withdrawals.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.base import table_of
from ledger.history import TRANSACTIONS
from ledger.kinds import Purpose, TransactionKind, TransactionStatus
from ledger.verify import compare, register, system_totals
from wallet.kinds import IN_ESCROW
from wallet.models import Payment

PAYMENTS = table_of(Payment)


@register
def escrow_matches_payments(session: Session) -> list[str]:
    held = session.execute(
        select(PAYMENTS.c.asset, func.sum(PAYMENTS.c.amount))
        .where(PAYMENTS.c.status.in_([str(s) for s in IN_ESCROW]))
        .group_by(PAYMENTS.c.asset)
    ).all()
    return compare("escrow", system_totals(session, Purpose.ESCROW), {a: int(t) for a, t in held})


@register
def in_transit_matches_withdrawals(session: Session) -> list[str]:
    pending = session.execute(
        select(TRANSACTIONS.c.asset, func.sum(TRANSACTIONS.c.amount))
        .where(
            TRANSACTIONS.c.kind == str(TransactionKind.WITHDRAWAL),
            TRANSACTIONS.c.status == str(TransactionStatus.PENDING),
        )
        .group_by(TRANSACTIONS.c.asset)
    ).all()
    return compare(
        "withdrawals in transit",
        system_totals(session, Purpose.WITHDRAWALS_IN_TRANSIT),
        {a: int(t) for a, t in pending},
    )
