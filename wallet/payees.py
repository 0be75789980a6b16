"""Payees as a payer names them (an email or a user id): finding them, and their masked name
shown before paying."""

from __future__ import annotations

from sqlalchemy import BigInteger, bindparam, select
from sqlalchemy.orm import Session

from core.errors import DomainError, t
from core.ids import parse_id
from core.text import mask_name
from db.base import table_of
from users.models import User
from wallet.errors import WalletErrorCode

USERS = table_of(User)
_USER_BY_EMAIL = select(USERS.c.id).where(USERS.c.email == bindparam("email"))
_USER_BY_ID = select(USERS.c.id).where(USERS.c.id == bindparam("id", type_=BigInteger))


def lookup_keys(payee: object) -> tuple[str | None, int | None]:
    """(email, id) to look the payee up by: an email (lower case) or a user id; neither for
    anything else."""
    text_value = payee.strip() if isinstance(payee, str) else ""
    if "@" in text_value:
        return text_value.lower(), None
    try:
        return None, parse_id(text_value, field="payee")
    except DomainError:
        return None, None


def unknown_payee() -> DomainError:
    return DomainError(
        WalletErrorCode.UNKNOWN_PAYEE,
        t("There is no user with this email or id.", "没有使用该邮箱或 ID 的用户。"),
        "payee",
    )


def find(session: Session, payee: object) -> int | None:
    """The id of a payee given as an email or a user id, or None."""
    email, number = lookup_keys(payee)
    if email is not None:
        return session.execute(_USER_BY_EMAIL, {"email": email}).scalar_one_or_none()
    if number is not None:
        return session.execute(_USER_BY_ID, {"id": number}).scalar_one_or_none()
    return None


def resolve(session: Session, payee: object) -> int:
    """The id of a payee given as an email or a user id (``UNKNOWN_PAYEE`` for neither)."""
    user_id = find(session, payee)
    if user_id is None:
        raise unknown_payee()
    return user_id


def masked_name(session: Session, payee: object) -> str | None:
    """The masked display name of a payee given as an email or an id (None: no such user)."""
    user_id = find(session, payee)
    if user_id is None:
        return None
    return mask_name(session.execute(select(User.display_name).where(User.id == user_id)).scalar_one())
