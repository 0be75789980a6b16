"""Tables of credit: consents, versioned scorecard models and every score with its inputs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import ScaledDecimal, UTCDateTime


class CreditConsent(Base):
    """A user's separate, revocable consent to credit scoring (one row per user; the latest
    answer counts). Without it there is no score and no offer."""

    __tablename__ = "credit_consents"

    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"), primary_key=True)
    granted: Mapped[bool] = mapped_column(Boolean)
    # The borrower lets collections take a due instalment from the money-fund balance.
    money_fund_autopay: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    granted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CreditModel(Base):
    """A fitted scorecard, versioned: its points table (``credit.scorecard`` as JSON), grade
    bands with their probability of default, and the figures of the fit. ``source`` says
    whether it was fitted on simulated merchants or on the book's real outcomes."""

    __tablename__ = "credit_models"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    source: Mapped[str] = mapped_column(String(16))  # SIMULATION | BOOK
    card: Mapped[dict[str, Any]] = mapped_column(JSON)
    grades: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean)
    fitted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CreditScore(Base):
    """One score of one user on one date by one model, with the inputs it used and the
    reasons that lowered it most. Unique per (user, date, model): the nightly job is
    idempotent."""

    __tablename__ = "credit_scores"
    __table_args__ = (UniqueConstraint("user_id", "as_of", "model_id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("users.id"))
    as_of: Mapped[date] = mapped_column(Date)
    model_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("credit_models.id"))
    model_version: Mapped[str] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(2))
    pd: Mapped[Decimal] = mapped_column(ScaledDecimal(6))
    limit_amount: Mapped[int] = mapped_column(BigInteger)  # minor units
    features: Mapped[dict[str, Any]] = mapped_column(JSON)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


Index("ix_credit_scores_user_id_as_of", CreditScore.user_id, CreditScore.as_of)
