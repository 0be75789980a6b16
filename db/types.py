"""Column types: exact decimals stored as scaled integers, and aware UTC datetimes.

SQLite has no exact decimal type (SQLAlchemy's ``Numeric`` goes through floats there), so
every decimal quantity is stored as an integer of its smallest unit: CNY amounts in fen
(``ScaledDecimal(2)``), units in hundredths, NAVs in 1/10,000. Reading gives ``Decimal``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.types import TypeDecorator

from core.money import from_scaled_int, to_scaled_int


class ScaledDecimal(TypeDecorator):
    """A ``Decimal`` with a fixed number of places, stored as ``BIGINT`` of value x 10^places.
    Writing a value with more places than allowed raises instead of rounding."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int) -> None:
        super().__init__()
        self.places = places

    def process_bind_param(self, value: Decimal | int | None, dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("never store a float as an exact decimal")
        return to_scaled_int(Decimal(value), self.places)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        if value is None:
            return None
        return from_scaled_int(int(value), self.places)


class UTCDateTime(TypeDecorator):
    """Aware datetimes, stored as UTC (naive on SQLite, ``timestamptz`` on PostgreSQL)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def Money2() -> ScaledDecimal:
    """CNY amounts: two decimal places, stored in fen."""
    return ScaledDecimal(2)
