"""What lending tells credit (through credit's registries, so credit never imports lending):
each borrower's repayment behaviour as features (worst days past due, early repayments), and
the book's resolved loans as outcomes for ``robo credit fit --from-book`` (the features the
decision used; 1 = defaulted, 0 = paid off)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from credit import features as credit_features
from credit import service as credit
from credit.models import CreditScore
from lending.models import Loan, LoanApplication


@credit_features.register_source
def repayment_features(session: Session, user_ids: list[int], as_of: date) -> dict[int, dict[str, float]]:
    if not user_ids:
        return {}
    rows = session.execute(
        select(Loan.borrower_id, func.max(Loan.max_days_past_due), func.sum(Loan.early_repayments))
        .where(Loan.borrower_id.in_(user_ids), Loan.start_date <= as_of)
        .group_by(Loan.borrower_id)
    ).all()
    return {int(u): {"max_days_past_due": float(d or 0), "early_repayments": float(e or 0)} for u, d, e in rows}


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
