"""Credit as the API, the CLI, the jobs and lending call it: consent, fitting and storing
versioned models, nightly scoring, and what a user and staff see. Keyword-only functions
taking the session; they never commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from credit import features as credit_features
from credit import grading
from credit.errors import CreditErrorCode
from credit.models import CreditConsent, CreditModel, CreditScore
from credit.scorecard import Scorecard, pd_of_score
from credit.simulation import synthetic_book
from db.base import table_of
from ledger.accounts import insert_statement

SCORES = table_of(CreditScore)
SIMULATION, BOOK = "SIMULATION", "BOOK"
MIN_BOOK_OUTCOMES = 500

# Real outcomes for ``fit_from_book``: (features at the decision, 1 = defaulted), from lending.
OutcomeSource = Callable[[Session], tuple[pd.DataFrame, np.ndarray]]
_OUTCOMES: list[OutcomeSource] = []


def register_outcomes(source: OutcomeSource) -> OutcomeSource:
    if source not in _OUTCOMES:
        _OUTCOMES.append(source)
    return source


# --- consent ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Consent:
    granted: bool
    money_fund_autopay: bool
    updated_at: datetime | None


def consent_of(session: Session, *, user_id: int) -> Consent:
    row = session.get(CreditConsent, user_id)
    if row is None:
        return Consent(False, False, None)
    return Consent(row.granted, row.money_fund_autopay, row.updated_at)


def set_consent(
    *, session: Session, clock: Clock, user_id: int, granted: bool, money_fund_autopay: bool | None = None
) -> Consent:
    """Grant or revoke consent to credit scoring (revoking it also stops money-fund autopay)."""
    now = clock.now()
    row = session.get(CreditConsent, user_id, with_for_update=True)
    if row is None:
        row = CreditConsent(user_id=user_id, granted=False, money_fund_autopay=False, updated_at=now)
        session.add(row)
    if granted and not row.granted:
        row.granted_at = now
    if not granted and row.granted:
        row.revoked_at = now
    row.granted = bool(granted)
    if money_fund_autopay is not None:
        row.money_fund_autopay = bool(money_fund_autopay)
    if not granted:
        row.money_fund_autopay = False
    row.updated_at = now
    session.flush()
    return Consent(row.granted, row.money_fund_autopay, row.updated_at)


def require_consent(session: Session, *, user_id: int) -> None:
    if not consent_of(session, user_id=user_id).granted:
        raise DomainError(
            CreditErrorCode.CREDIT_CONSENT_REQUIRED,
            t(
                "Allow credit scoring first (setCreditScoringConsent); without it there is no score and no offer.",
                "请先同意信用评估（setCreditScoringConsent）；未经同意不评分、不授信。",
            ),
        )


# --- models -------------------------------------------------------------------------------


def _split(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    cut = int(n * 0.7)
    return order[:cut], order[cut:]


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if 0 < int(np.sum(y)) < len(y) else float("nan")


def _store(
    session: Session, clock: Clock, *, version: str, source: str, X: pd.DataFrame, y: np.ndarray, seed: int
) -> CreditModel:
    existing = session.execute(select(CreditModel).where(CreditModel.version == version)).scalar_one_or_none()
    if existing is not None:
        _activate(session, existing)
        return existing
    fit_rows, test_rows = _split(len(X), seed)
    card = _fitted(version, X, y, fit_rows) if source == SIMULATION else Scorecard().fit(X.iloc[fit_rows], y[fit_rows])
    holdout_p = card.predict_proba(X.iloc[test_rows])
    auc = _auc(y[test_rows], holdout_p)
    grades = grading.calibrate(card.score(X.iloc[test_rows]), y[test_rows])
    model = CreditModel(
        version=version,
        source=source,
        card=card.to_dict(),
        grades=grades,
        metrics={
            "rows": len(X),
            "fitted_rows": len(fit_rows),
            "holdout_auc": round(auc, 4),
            "holdout_gini": round(2 * auc - 1, 4),
            "default_rate": round(float(np.mean(y)), 4),
        },
        active=False,
        fitted_at=clock.now(),
    )
    session.add(model)
    session.flush()
    _activate(session, model)
    return model


_SIMULATED_CARDS: dict[str, dict[str, Any]] = {}


def _fitted(version: str, X: pd.DataFrame, y: np.ndarray, rows: np.ndarray) -> Scorecard:
    """A simulated book is fixed by its version (seed and size): its card is fitted once per
    process (tests and the demo fit the same one many times)."""
    if version not in _SIMULATED_CARDS:
        _SIMULATED_CARDS[version] = Scorecard().fit(X.iloc[rows], y[rows]).to_dict()
    return Scorecard.from_dict(_SIMULATED_CARDS[version])


def _activate(session: Session, model: CreditModel) -> None:
    session.execute(update(CreditModel).where(CreditModel.id != model.id).values(active=False))
    model.active = True
    session.flush()


def fit_from_simulation(*, session: Session, clock: Clock, count: int = 20000, seed: int = 7) -> CreditModel:
    """Fit the scorecard on ``count`` simulated merchants (``credit.simulation``) and make it
    the active model; the same arguments give the same version (fitted once)."""
    X, y, _ = synthetic_book(count, seed)
    return _store(session, clock, version=f"sim-{seed}-{count}", source=SIMULATION, X=X, y=y, seed=seed)


def fit_from_book(*, session: Session, clock: Clock, seed: int = 7, minimum: int = MIN_BOOK_OUTCOMES) -> CreditModel:
    """Fit on the book's resolved loans (paid off: 0, defaulted: 1), with the features each
    decision used; refused until there are ``minimum`` outcomes with both kinds."""
    frames, outcomes = [], []
    for source in _OUTCOMES:
        X, y = source(session)
        frames.append(X)
        outcomes.append(y)
    X = pd.concat(frames) if frames else pd.DataFrame(columns=list(credit_features.FEATURES))
    y = np.concatenate(outcomes) if outcomes else np.zeros(0, dtype=int)
    if len(y) < minimum or y.sum() < 10 or y.sum() > len(y) - 10:
        raise DomainError(
            CreditErrorCode.NOT_ENOUGH_OUTCOMES,
            t(
                f"The book has {len(y)} resolved loans ({int(y.sum())} defaults); fitting on real outcomes needs at least {minimum}, with at least 10 of each kind.",
                f"贷款簿中已结清或违约的贷款有 {len(y)} 笔（其中违约 {int(y.sum())} 笔）；用真实结果拟合至少需要 {minimum} 笔，且每类至少 10 笔。",
            ),
        )
    version = f"book-{clock.today().isoformat()}-{len(y)}"
    return _store(session, clock, version=version, source=BOOK, X=X.reset_index(drop=True), y=y.astype(int), seed=seed)


def active_model(session: Session) -> CreditModel | None:
    return session.execute(select(CreditModel).where(CreditModel.active.is_(True))).scalar_one_or_none()


def require_model(session: Session) -> CreditModel:
    model = active_model(session)
    if model is None:
        raise DomainError(
            CreditErrorCode.NO_CREDIT_MODEL,
            t(
                "No credit model is fitted yet (robo credit fit --from-simulation).",
                "尚未拟合信用评分模型（robo credit fit --from-simulation）。",
            ),
        )
    return model


def grade_pd(model: CreditModel, grade: str) -> Decimal:
    for entry in model.grades:
        if entry["grade"] == grade:
            return Decimal(str(entry["pd"]))
    return Decimal(1)


# --- scoring ------------------------------------------------------------------------------


def _consenting(session: Session, user_ids: list[int] | None) -> list[int]:
    statement = select(CreditConsent.user_id).where(CreditConsent.granted.is_(True))
    if user_ids is not None:
        statement = statement.where(CreditConsent.user_id.in_(user_ids))
    return sorted(session.execute(statement).scalars())


def score_users(
    *, session: Session, clock: Clock, settings: Settings, as_of: date, user_ids: list[int] | None = None
) -> int:
    """Score every consenting user (or those of ``user_ids``) as of ``as_of`` with the active
    model, from what the platform knew at the end of ``as_of`` (``credit.features``: the same
    inputs whenever the date is scored, on time or late); a user already scored for that date
    and model keeps the score (idempotent). How many scores were written."""
    model = require_model(session)
    ids = _consenting(session, user_ids)
    if not ids:
        return 0
    frame = credit_features.compute(session, as_of=as_of, zone=settings.timezone, user_ids=ids)
    card = Scorecard.from_dict(model.card)
    scores = card.score(frame)
    pds = pd_of_score(scores, pdo=card.pdo, base_points=card.base_points, base_odds=card.base_odds)
    reasons = card.reasons(frame, top=4)
    now = clock.now()
    rows = []
    for i, user_id in enumerate(frame.index):
        score = int(np.clip(round(float(scores[i])), 300, 850))
        grade = grading.grade_of(float(scores[i]))
        limit = grading.limit_for(grade, float(frame["avg_monthly_sales"].iloc[i]), minimum=settings.lending_min_amount)
        rows.append(
            dict(
                user_id=int(user_id),
                as_of=as_of,
                model_id=model.id,
                model_version=model.version,
                score=score,
                grade=grade,
                pd=Decimal(str(round(float(pds[i]), 6))),
                limit_amount=int(limit * 100),
                features={k: float(v) for k, v in frame.iloc[i].items()},
                reasons=reasons[i],
                created_at=now,
            )
        )
    done = set(
        session.execute(
            select(SCORES.c.user_id).where(
                SCORES.c.as_of == as_of, SCORES.c.model_id == model.id, SCORES.c.user_id.in_(ids)
            )
        ).scalars()
    )
    rows = [row for row in rows if row["user_id"] not in done]
    if rows:  # a concurrent run may have written some meanwhile: the unique key keeps theirs
        session.execute(
            insert_statement(session, SCORES).on_conflict_do_nothing(index_elements=["user_id", "as_of", "model_id"]),
            rows,
        )
    return len(rows)


@dataclass(frozen=True, slots=True)
class ScoringDay:
    day: date
    written: int  # scores written by this run (0 when run again)
    model_version: str | None  # None: no model fitted yet, nothing scored


def check_scoring_day(day: date, clock: Clock) -> None:
    """Scores as of a day are computed once the day is over (its features count the whole day)."""
    if day >= clock.today():
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(
                f"Scores as of {day.isoformat()} are computed once that day is over.",
                f"{day.isoformat()} 的信用评分须在当日结束后计算。",
            ),
            "date",
        )


def score_day(*, session: Session, clock: Clock, settings: Settings, day: date) -> ScoringDay:
    """The nightly job (``SCORE_CREDIT``): every consenting user scored as of ``day``, once
    ``day`` is over (``check_scoring_day``: dates of record); run again, it writes nothing
    more. Without a fitted model there is nothing to score (and no offers either)."""
    check_scoring_day(day, clock)
    model = active_model(session)
    if model is None:
        return ScoringDay(day, 0, None)
    return ScoringDay(day, score_users(session=session, clock=clock, settings=settings, as_of=day), model.version)


@dataclass(frozen=True, slots=True)
class ScoreView:
    id: int
    user_id: int
    as_of: date
    score: int
    grade: str
    pd: Decimal
    limit: int  # minor units
    reasons: list[str]
    features: dict[str, Any]
    model_version: str
    model_source: str
    updated_at: datetime


def _view(row: CreditScore, source: str) -> ScoreView:
    return ScoreView(
        id=row.id,
        user_id=row.user_id,
        as_of=row.as_of,
        score=row.score,
        grade=row.grade,
        pd=row.pd,
        limit=row.limit_amount,
        reasons=list(row.reasons),
        features=dict(row.features),
        model_version=row.model_version,
        model_source=source,
        updated_at=row.created_at,
    )


def latest_score(session: Session, *, user_id: int) -> ScoreView | None:
    """The user's latest score, or None without consent (a revoked consent hides it)."""
    if not consent_of(session, user_id=user_id).granted:
        return None
    row = session.execute(
        select(CreditScore, CreditModel.source)
        .join(CreditModel, CreditModel.id == CreditScore.model_id)
        .where(CreditScore.user_id == user_id)
        .order_by(CreditScore.as_of.desc(), CreditScore.id.desc())
        .limit(1)
    ).first()
    return None if row is None else _view(row[0], row[1])


def score_history(session: Session, *, user_id: int, limit: int = 24) -> list[ScoreView]:
    rows = session.execute(
        select(CreditScore, CreditModel.source)
        .join(CreditModel, CreditModel.id == CreditScore.model_id)
        .where(CreditScore.user_id == user_id)
        .order_by(CreditScore.as_of.desc(), CreditScore.id.desc())
        .limit(limit)
    ).all()
    return [_view(row[0], row[1]) for row in rows]


def score_by_id(session: Session, score_id: int) -> ScoreView | None:
    row = session.execute(
        select(CreditScore, CreditModel.source)
        .join(CreditModel, CreditModel.id == CreditScore.model_id)
        .where(CreditScore.id == score_id)
    ).first()
    return None if row is None else _view(row[0], row[1])


def scored_count(session: Session, *, as_of: date) -> int:
    return int(session.execute(select(func.count()).select_from(SCORES).where(SCORES.c.as_of == as_of)).scalar_one())
