"""Tables of the trading calendar: one row per weekday closure, the one-row state (the range
of known days and a revision that changes with every import), and the import audit log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import UTCDateTime


class TradingClosure(Base):
    """A weekday on which the exchange is closed (weekends are always closed, never listed)."""

    __tablename__ = "trading_closures"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("trading_calendar_imports.id", ondelete="RESTRICT"), nullable=True, index=True
    )  # None: seeded by the migration


class TradingCalendarState(Base):
    """The single row (id 1): the days the calendar knows, and a revision token that every
    import replaces (processes cache the loaded calendar by it)."""

    __tablename__ = "trading_calendar_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    known_from: Mapped[date] = mapped_column(Date)
    known_through: Mapped[date] = mapped_column(Date)
    revision: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    warned_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # last "running out" warning


class TradingCalendarImport(Base):
    """Who imported which closures, when, from what, and how the known range moved."""

    __tablename__ = "trading_calendar_imports"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    actor: Mapped[str] = mapped_column(String(254))
    source: Mapped[str] = mapped_column(String(300))
    closures: Mapped[int] = mapped_column(Integer)
    closure_list: Mapped[str] = mapped_column(Text)  # "YYYY-MM-DD name" lines, as loaded
    known_through_before: Mapped[date] = mapped_column(Date)
    known_through_after: Mapped[date] = mapped_column(Date)
