"""The loan book's part of ``robo ledger verify`` (set-based):

1. each lender-owned loan's receivable (its shard of LOANS_RECEIVABLE) equals its principal
   outstanding (zero once written off), which equals its schedule's unpaid principal;
2. the provisions equal the principal outstanding of defaulted loans;
3. capital and bank borrowing equal the funding recorded, and the borrowing is within
   ``ROBO_LENDER_BANK_BORROWING_RATIO`` x capital;
4. interest, penalty and recovery income equal the repayments recorded while the lender owned
   the loan (nothing else moved; a sold loan's collections are its pool's, checked by
   securitisation).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.settings import get_settings
from ledger.accounts import ACCOUNTS
from ledger.entries import POSTINGS
from ledger.kinds import CNY, Purpose
from ledger.verify import MAX_EXAMPLES, register
from lending.models import LenderFunding, Loan, LoanInstalment, LoanRepayment


def _balance(session: Session, purpose: Purpose) -> int:
    return int(
        session.execute(
            select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
            .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
            .where(ACCOUNTS.c.user_id.is_(None), ACCOUNTS.c.purpose == str(purpose), ACCOUNTS.c.asset == CNY)
        ).scalar_one()
    )


@register
def loan_book(session: Session) -> list[str]:
    problems: list[str] = []
    receivable = (
        select(ACCOUNTS.c.shard.label("loan_id"), func.sum(POSTINGS.c.amount).label("balance"))
        .join(POSTINGS, POSTINGS.c.account_id == ACCOUNTS.c.id)
        .where(ACCOUNTS.c.user_id.is_(None), ACCOUNTS.c.purpose == str(Purpose.LOANS_RECEIVABLE))
        .group_by(ACCOUNTS.c.shard)
        .subquery()
    )
    unpaid = (
        select(
            LoanInstalment.loan_id.label("loan_id"),
            func.sum(LoanInstalment.principal - LoanInstalment.paid_principal).label("unpaid"),
        )
        .group_by(LoanInstalment.loan_id)
        .subquery()
    )
    expected = func.coalesce(-receivable.c.balance, 0)
    rows = session.execute(
        select(Loan.id, Loan.status, Loan.principal_outstanding, expected.label("ledger"), unpaid.c.unpaid)
        .select_from(Loan)
        .outerjoin(receivable, receivable.c.loan_id == Loan.id)
        .outerjoin(unpaid, unpaid.c.loan_id == Loan.id)
        .where(Loan.owner == "LENDER")
        .where(
            (Loan.principal_outstanding != func.coalesce(unpaid.c.unpaid, 0))
            | ((Loan.status != "WRITTEN_OFF") & (expected != Loan.principal_outstanding))
            | ((Loan.status == "WRITTEN_OFF") & (expected != 0))
        )
        .limit(MAX_EXAMPLES)
    ).all()
    for r in rows:
        problems.append(
            f"loan {r.id} ({r.status}): receivable {r.ledger}, principal outstanding {r.principal_outstanding}, "
            f"schedule unpaid {r.unpaid}"
        )
    provisions = _balance(session, Purpose.LOAN_PROVISIONS)
    defaulted = int(
        session.execute(
            select(func.coalesce(func.sum(Loan.principal_outstanding), 0)).where(
                Loan.status == "DEFAULTED", Loan.owner == "LENDER"
            )
        ).scalar_one()
    )
    recorded = int(session.execute(select(func.coalesce(func.sum(Loan.provision), 0))).scalar_one())
    if not provisions == defaulted == recorded:
        problems.append(f"loan provisions {provisions}, defaulted principal {defaulted}, loans' provisions {recorded}")
    funded = dict(
        session.execute(select(LenderFunding.kind, func.sum(LenderFunding.amount)).group_by(LenderFunding.kind)).all()
    )
    capital, borrowing = _balance(session, Purpose.LENDER_CAPITAL), _balance(session, Purpose.LENDER_BANK_BORROWING)
    if capital != int(funded.get("CAPITAL", 0)) or borrowing != int(funded.get("BANK_LINE", 0)):
        problems.append(
            f"lender capital {capital} / bank borrowing {borrowing} differ from the funding recorded {funded}"
        )
    ratio = get_settings().lender_bank_borrowing_ratio
    if borrowing > capital * ratio:
        problems.append(f"bank borrowing {borrowing} exceeds {ratio} x capital {capital}")
    paid = session.execute(
        select(
            func.coalesce(func.sum(LoanRepayment.interest), 0),
            func.coalesce(func.sum(LoanRepayment.penalty), 0),
            func.coalesce(func.sum(LoanRepayment.recovery), 0),
        ).where(LoanRepayment.recovery == 0, LoanRepayment.pool_id.is_(None))
    ).one()
    recovered = int(
        session.execute(
            select(func.coalesce(func.sum(LoanRepayment.recovery), 0)).where(LoanRepayment.pool_id.is_(None))
        ).scalar_one()
    )
    ledger = (
        _balance(session, Purpose.INTEREST_INCOME),
        _balance(session, Purpose.PENALTY_INCOME),
        _balance(session, Purpose.LOAN_RECOVERIES),
    )
    if ledger != (int(paid[0]), int(paid[1]), recovered):
        problems.append(
            f"lender income (interest, penalty, recoveries) {ledger} differs from the repayments recorded "
            f"{(int(paid[0]), int(paid[1]), recovered)}"
        )
    return problems
