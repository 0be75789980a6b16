"""Tables of the questionnaire domain: ``risk_assessments``, one row per submitted
questionnaire, kept for ever (history and audit).

Each row keeps the questionnaire id and version and the raw answers, so it can be re-scored,
plus what the scoring found. A new submission supersedes the user's current row
(``superseded_at`` set); a partial unique index allows one current row per user.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import Money2, UTCDateTime

CATEGORY_VALUES = "('C1', 'C2', 'C3', 'C4', 'C5')"


class RiskAssessment(Base):
    __tablename__ = "risk_assessments"
    __table_args__ = (
        CheckConstraint("capacity_score BETWEEN 0 AND 100", name="capacity_score_range"),
        CheckConstraint("willingness_score BETWEEN 0 AND 100", name="willingness_score_range"),
        CheckConstraint(f"risk_category IN {CATEGORY_VALUES}", name="risk_category_known"),
        CheckConstraint("NOT lowest_category OR risk_category = 'C1'", name="lowest_category_is_c1"),
        CheckConstraint("liquidity_need >= 0", name="liquidity_need_not_negative"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    locale: Mapped[str] = mapped_column(String(10))  # of the stored explanation
    answers: Mapped[dict] = mapped_column(JSON)
    capacity_score: Mapped[int] = mapped_column(Integer)
    willingness_score: Mapped[int] = mapped_column(Integer)
    capacity_category: Mapped[str] = mapped_column(String(2))
    willingness_category: Mapped[str] = mapped_column(String(2))
    risk_category: Mapped[str] = mapped_column(String(2))
    lowest_category: Mapped[bool] = mapped_column(Boolean)
    # Comma-separated ``RiskFlag`` values ("" when none).
    flags_text: Mapped[str] = mapped_column("flags", String(200), default="")
    qualified_investor: Mapped[bool] = mapped_column(Boolean)
    # The private-fund test (ABS units); False for assessments made before it was kept.
    qualified_private_fund: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    age: Mapped[int | None] = mapped_column(Integer, nullable=True)  # as answered (identity: the wallet's)
    horizon_months: Mapped[int] = mapped_column(Integer)
    liquidity_need: Mapped[Decimal] = mapped_column(Money2())
    explanation: Mapped[str] = mapped_column(Text)
    assessed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(flag for flag in self.flags_text.split(",") if flag)


Index("ix_risk_assessments_user_id_id", RiskAssessment.user_id, RiskAssessment.id)
Index(
    "uq_risk_assessments_current_user_id",
    RiskAssessment.user_id,
    unique=True,
    postgresql_where=text("superseded_at IS NULL"),
    sqlite_where=text("superseded_at IS NULL"),
)
