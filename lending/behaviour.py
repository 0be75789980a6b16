"""What lending tells credit (through credit's registries, so credit never imports lending):
each borrower's repayment behaviour as features (worst days past due, early repayments), and
the book's resolved loans as outcomes for ``robo credit fit --from-book`` (the features the
decision used; 1 = defaulted, 0 = paid off)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from credit import features as credit_features
from credit import service as credit
from credit.models import CreditScore
from lending.models import Loan, LoanApplication, LoanInstalment, LoanRepayment


@credit_features.register_source
def repayment_features(session: Session, user_ids: list[int], as_of: date) -> dict[int, dict[str, float]]:
    """Each borrower's repayment behaviour as known at the end of ``as_of`` (credit scores
    dates of record): the worst days past due any of their loans reached before it and the
    repayments that paid principal early by then; later days never change them.

    Days past due are read from the schedule (due dates, and the day each instalment was
    paid), as the collection of each day counts them after taking what it could: an
    instalment due on day ``d`` and paid on day ``p`` (or still unpaid) was past due on the
    days ``d + 1 .. p - 1``. They are counted through the day before ``as_of`` (what the
    collection of that day counted, the loan's ``max_days_past_due`` then): the collection of
    ``as_of`` itself runs after the day is over, beside the scoring, so whether it ran first
    must not change the score. Early repayments are the borrower's own (``repayLoan``), booked
    on their day. The loan's counters (``max_days_past_due``, ``early_repayments``) say the
    same of today, which a late run would read."""
    if not user_ids:
        return {}
    instalments = session.execute(
        select(Loan.borrower_id, LoanInstalment.due_date, LoanInstalment.paid_on)
        .join(Loan, Loan.id == LoanInstalment.loan_id)
        .where(Loan.borrower_id.in_(user_ids), Loan.start_date <= as_of, LoanInstalment.due_date < as_of)
    ).all()
    worst: dict[int, int] = {}
    for borrower_id, due_date, paid_on in instalments:
        counted_to = as_of - timedelta(days=1)
        last_unpaid = counted_to if paid_on is None else min(counted_to, paid_on - timedelta(days=1))
        days = max(0, (last_unpaid - due_date).days)
        worst[int(borrower_id)] = max(worst.get(int(borrower_id), 0), days)
    early = dict(
        session.execute(
            select(LoanRepayment.user_id, func.count())
            .where(
                LoanRepayment.user_id.in_(user_ids),
                LoanRepayment.early.is_(True),
                LoanRepayment.day <= as_of,
            )
            .group_by(LoanRepayment.user_id)
        ).all()
    )
    return {
        int(u): {"max_days_past_due": float(worst.get(u, 0)), "early_repayments": float(early.get(u, 0))}
        for u in sorted(set(worst) | set(early))
    }


@credit.register_outcomes
def resolved_loans(session: Session) -> tuple[pd.DataFrame, np.ndarray]:
    rows = session.execute(
        select(CreditScore.features, Loan.status)
        .join(LoanApplication, LoanApplication.id == Loan.application_id)
        .join(CreditScore, CreditScore.id == LoanApplication.score_id)
        .where(Loan.status.in_(("PAID_OFF", "DEFAULTED", "WRITTEN_OFF")))
    ).all()
    frame = pd.DataFrame([r[0] for r in rows], columns=list(credit_features.FEATURES))
    outcome = np.array([0 if r[1] == "PAID_OFF" else 1 for r in rows], dtype=int)
    return frame, outcome
