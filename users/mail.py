"""Outgoing mail: written to ``mail_outbox`` in the transaction that causes it (a password
reset, an email verification), in the recipient's language. No mail server is needed: ``robo
mail outbox`` prints the mails and can mark them sent; a real sender would read unsent rows
and mark them the same way."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.errors import Text
from users.models import OutgoingMail


def queue(
    session: Session, *, to: str, kind: str, locale: str, subject: Text, body: Text, now: datetime
) -> OutgoingMail:
    """Write a mail to ``to`` in ``locale`` (the other language is not sent)."""
    mail = OutgoingMail(
        to_address=to,
        kind=kind,
        locale=locale,
        subject=subject.in_(locale)[:200],
        body=body.in_(locale),
        created_at=now,
    )
    session.add(mail)
    session.flush()
    return mail


def outbox(
    session: Session, *, to: str | None = None, unsent_only: bool = False, limit: int = 50
) -> list[OutgoingMail]:
    """The latest mails (newest first), to ``to`` only if given."""
    statement = select(OutgoingMail).order_by(OutgoingMail.id.desc()).limit(limit)
    if to is not None:
        statement = statement.where(OutgoingMail.to_address == to.strip().lower())
    if unsent_only:
        statement = statement.where(OutgoingMail.sent_at.is_(None))
    return list(session.scalars(statement))


def mark_sent(session: Session, ids: list[int], *, now: datetime) -> int:
    """Mark these mails sent (those not sent yet); the number marked."""
    if not ids:
        return 0
    result = session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id.in_(ids), OutgoingMail.sent_at.is_(None))
        .values(sent_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
