"""The product audit log: who changed what, when, with each field's value before and after.
Entries are only ever added. Values are stored as text; an exact decimal of a stored column
is written with that column's decimal places (a rate changing from 0.012 to 0.008 reads
"0.012000" -> "0.008000", whether the value came from the database or from the input)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.clock import Clock
from core.money import format_decimal
from db import keyset
from db.counting import count_rows
from db.types import ScaledDecimal
from products.models import AuditEntry, IncomePoint, LoanTerms, NavPoint, Product


class AuditAction:
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    STATUS_CHANGED = "STATUS_CHANGED"
    STATUS_CHANGE_REQUESTED = "STATUS_CHANGE_REQUESTED"
    STATUS_CHANGE_APPROVED = "STATUS_CHANGE_APPROVED"
    STATUS_CHANGE_WITHDRAWN = "STATUS_CHANGE_WITHDRAWN"
    NAV_RECORDED = "NAV_RECORDED"
    INCOME_RECORDED = "INCOME_RECORDED"
    HISTORY_IMPORTED = "HISTORY_IMPORTED"


def _column_places() -> dict[str, int]:
    """Decimal places of the exact-decimal columns an audited field can name."""
    places: dict[str, int] = {}
    for model in (Product, LoanTerms, NavPoint, IncomePoint):
        for column in model.__table__.columns:
            if isinstance(column.type, ScaledDecimal):
                places.setdefault(column.name, column.type.places)
    return places


COLUMN_PLACES = _column_places()


def places_of(field: str) -> int | None:
    """The decimal places of an audited field's column: ``minimum_amount`` 2, ``loan.rate``
    6, ``nav@2026-11-26`` 4; None for a field that is not an exact-decimal column."""
    return COLUMN_PLACES.get(field.split("@", 1)[0].removeprefix("loan."))


def as_text(value: object, places: int | None = None) -> str | None:
    """The audit form of a value: exact decimals with ``places`` decimals (as written when
    None), dates in ISO form."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f") if places is None else format_decimal(value, places)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(as_text(item) or "" for item in value)
    return str(value)


Changes = dict[str, tuple[object, object]]


def record(
    *, session: Session, clock: Clock, product_id: int, actor: Actor, action: str, changes: Changes
) -> AuditEntry:
    """Append one entry; ``changes`` maps a field to ``(before, after)``."""
    body = {
        field: [as_text(before, places_of(field)), as_text(after, places_of(field))]
        for field, (before, after) in changes.items()
    }
    entry = AuditEntry(
        product_id=product_id,
        at=clock.now(),
        actor_id=actor.id,
        actor_label=actor.label,
        action=action,
        changes=json.dumps(body, ensure_ascii=False, sort_keys=True),
    )
    session.add(entry)
    return entry


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    product_id: int
    at: datetime
    actor_id: int | None
    actor: str
    action: str
    changes: tuple[FieldChange, ...]


def count_entries(*, session: Session, product_id: int) -> int:
    return count_rows(session, select(AuditEntry.id).where(AuditEntry.product_id == product_id))


def entries(
    *,
    session: Session,
    product_id: int | None,
    limit: int,
    after_id: int | None = None,
    entry_id: int | None = None,
    backward: bool = False,
) -> list[AuditRecord]:
    """Newest first; ``limit`` rows after the entry ``after_id`` (keyset), of one product (or
    the one ``entry_id``)."""
    query = select(AuditEntry)
    if product_id is not None:
        query = query.where(AuditEntry.product_id == product_id)
    if entry_id is not None:
        query = query.where(AuditEntry.id == entry_id)
    key = None if after_id is None else [after_id]
    query = keyset.page(query, [AuditEntry.id], descending=[True], key=key, backward=backward, limit=limit)
    rows = session.scalars(query).all()
    return [
        AuditRecord(
            id=row.id,
            product_id=row.product_id,
            at=row.at,
            actor_id=row.actor_id,
            actor=row.actor_label,
            action=row.action,
            changes=tuple(
                FieldChange(field, before, after) for field, (before, after) in sorted(json.loads(row.changes).items())
            ),
        )
        for row in rows
    ]
