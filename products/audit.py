"""The product audit log: who changed what, when, with each field's value before and after.
Entries are only ever added. Values are stored as text (exact decimals as written)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from products.models import AuditEntry


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


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a signed-in user (id and email) or a named system actor."""

    id: int | None
    label: str

    @classmethod
    def user(cls, user_id: int, email: str) -> "Actor":
        return cls(user_id, email)

    @classmethod
    def system(cls, label: str) -> "Actor":
        return cls(None, label)


def as_text(value: object) -> str | None:
    """The audit form of a value: exact decimals as written, dates in ISO form."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
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
    body = {field: [as_text(before), as_text(after)] for field, (before, after) in changes.items()}
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


def entries(*, session: Session, product_id: int, limit: int, after_id: int | None = None) -> list[AuditRecord]:
    """Newest first; ``limit`` rows after the entry ``after_id`` (keyset)."""
    query = select(AuditEntry).where(AuditEntry.product_id == product_id)
    if after_id is not None:
        query = query.where(AuditEntry.id < after_id)
    rows = session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)).all()
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
