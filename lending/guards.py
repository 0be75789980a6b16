"""Loan money is never used to subscribe to investment products (PBoC rules on the use of
loan funds): ``subscribe`` and ``investInPlan`` refuse cash that came from a loan with
``LOAN_FUNDS_NOT_INVESTABLE``.

Which cash is loan money: the principal drawn on the borrower's open loans, less what the
borrower has since spent otherwise (payments, guarantee payments, withdrawals, repayments);
the rest of the wallet may be invested. Loan money is taken to be spent last, the
conservative reading."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.errors import DomainError, t
from core.money import shown
from investing import cash_guards
from ledger.history import TRANSACTIONS
from ledger.kinds import TransactionKind
from lending.errors import LendingErrorCode
from lending.models import Loan

SPENDING = (
    TransactionKind.PAYMENT_SENT,
    TransactionKind.ESCROW_HOLD,
    TransactionKind.WITHDRAWAL,
    TransactionKind.LOAN_REPAYMENT,
)


def loan_money(session: Session, user_id: int) -> int:
    """Loan money still in the borrower's wallet, in fen (before capping at the balance)."""
    drawn, since = session.execute(
        select(func.coalesce(func.sum(Loan.principal), 0), func.min(Loan.created_at)).where(
            Loan.borrower_id == user_id, Loan.status.in_(("CURRENT", "OVERDUE", "DEFAULTED", "WRITTEN_OFF"))
        )
    ).one()
    if not drawn:
        return 0
    first_line = session.execute(  # the first drawdown of the open loans, in the wallet's history
        select(func.min(TRANSACTIONS.c.id)).where(
            TRANSACTIONS.c.user_id == user_id,
            TRANSACTIONS.c.kind == str(TransactionKind.LOAN_DRAWDOWN),
            TRANSACTIONS.c.created_at >= since,
        )
    ).scalar_one()
    spent = session.execute(
        select(func.coalesce(func.sum(TRANSACTIONS.c.amount), 0)).where(
            TRANSACTIONS.c.user_id == user_id,
            TRANSACTIONS.c.kind.in_([str(k) for k in SPENDING]),
            TRANSACTIONS.c.status != "FAILED",
            TRANSACTIONS.c.id > (first_line or 0),
        )
    ).scalar_one()
    return max(0, int(drawn) - int(spent))


@cash_guards.register
def refuse_loan_money(session: Session, user_id: int, balance: int, amount: int) -> None:
    earmarked = min(balance, loan_money(session, user_id))
    investable = balance - earmarked
    if amount > investable:
        raise DomainError(
            LendingErrorCode.LOAN_FUNDS_NOT_INVESTABLE,
            t(
                f"{shown(earmarked)} of your wallet is loan money, which cannot buy investment products; "
                f"you can invest up to {shown(investable)}.",
                f"您的余额中有 {shown(earmarked)} 为贷款资金，不能用于购买投资产品；可投资金额最多为 {shown(investable)}。",
            ),
            "amount",
        )
