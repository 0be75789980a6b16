"""Account operations: register, create (staff), profile, password change, roles, freezing.

All functions are keyword-only, take the session and the clock, and raise ``DomainError``
for anything the caller can correct; the caller owns the transaction.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError
from db.unique import unique_insert
from users import passwords
from users.errors import UserErrorCode
from users.models import SUPPORTED_LOCALES, AuthSession, User
from users.roles import Role, encode_roles

MAX_DISPLAY_NAME = 100


def normalize_email(email: str, *, field: str = "email") -> str:
    """Syntax check and normalisation (lower case); no DNS lookups."""
    from email_validator import EmailNotValidError, validate_email

    if not isinstance(email, str) or len(email) > 254:
        raise DomainError(UserErrorCode.INVALID_EMAIL, "Enter a valid email address.", field)
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise DomainError(UserErrorCode.INVALID_EMAIL, "Enter a valid email address.", field) from None
    return result.normalized.lower()


def _clean_display_name(name: str | None, *, fallback: str) -> str:
    if name is None:
        return fallback
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_DISPLAY_NAME or any(unicodedata.category(c) == "Cc" for c in cleaned):
        raise DomainError(
            UserErrorCode.INVALID_DISPLAY_NAME,
            f"The display name must have 1 to {MAX_DISPLAY_NAME} characters.",
            "displayName",
        )
    return cleaned


def _check_locale(locale: str) -> str:
    if locale not in SUPPORTED_LOCALES:
        raise DomainError(
            UserErrorCode.INVALID_LOCALE,
            f"Locale must be one of {', '.join(SUPPORTED_LOCALES)}.",
            "locale",
        )
    return locale


def find_by_email(*, session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def get_user(*, session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, "No such user.", "id")
    return user


def create_user(
    *,
    session: Session,
    email: str,
    password: str,
    clock: Clock,
    settings,
    display_name: str | None = None,
    roles: frozenset[Role] | set[Role] = frozenset({Role.CUSTOMER}),
    locale: str = "zh-CN",
    password_hash: str | None = None,
) -> User:
    """Create an account; the email must be free and the password strong enough.

    ``password_hash`` may carry ``passwords.hash_password(password)`` computed before the
    write transaction began, so the slow hashing does not hold it open."""
    email = normalize_email(email)
    passwords.check_policy(password, email=email)
    name = _clean_display_name(display_name, fallback=email.split("@")[0])
    _check_locale(locale)

    def taken() -> DomainError:
        return DomainError(UserErrorCode.EMAIL_TAKEN, "An account with this email already exists.", "email")

    if find_by_email(session=session, email=email) is not None:
        raise taken()
    now = clock.now()
    user = User(
        email=email,
        password_hash=password_hash or passwords.hash_password(password, settings=settings),
        display_name=name,
        locale=locale,
        roles_text=encode_roles(roles or {Role.CUSTOMER}),
        created_at=now,
        updated_at=now,
    )
    with unique_insert(session, User.__table__, ("email",), error=taken):  # a concurrent registration
        session.add(user)
    return user


def update_profile(
    *,
    session: Session,
    user_id: int,
    clock: Clock,
    display_name: str | None = None,
    locale: str | None = None,
) -> User:
    user = get_user(session=session, user_id=user_id)
    if display_name is not None:
        user.display_name = _clean_display_name(display_name, fallback=user.display_name)
    if locale is not None:
        user.locale = _check_locale(locale)
    user.updated_at = clock.now()
    session.flush()
    return user


def change_password(
    *,
    session: Session,
    user_id: int,
    current_password: str,
    new_password: str,
    keep_session_id: int | None,
    clock: Clock,
    settings,
) -> User:
    """Change the password and sign out every other device."""
    user = get_user(session=session, user_id=user_id)
    if not passwords.verify_password(user.password_hash, current_password, settings=settings):
        raise DomainError(
            UserErrorCode.INVALID_CREDENTIALS, "The current password is not correct.", "currentPassword"
        )
    passwords.check_policy(new_password, email=user.email, field="newPassword")
    if new_password == current_password:
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD, "Choose a password different from the current one.", "newPassword"
        )
    now = clock.now()
    user.password_hash = passwords.hash_password(new_password, settings=settings)
    user.updated_at = now
    others = update(AuthSession).where(
        AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None)
    )
    if keep_session_id is not None:
        others = others.where(AuthSession.id != keep_session_id)
    session.execute(others.values(revoked_at=now))
    session.flush()
    return user


def _user_by_email_or_fail(session: Session, email: str) -> User:
    user = find_by_email(session=session, email=email)
    if user is None:
        raise DomainError(UserErrorCode.UNKNOWN_USER, f"No user with email {email}.", "email")
    return user


def set_roles(
    *, session: Session, email: str, roles: set[Role], clock: Clock, by_user_id: int | None = None
) -> User:
    """Replace the user's roles. ``by_user_id`` (the operator acting through the API) may not
    change their own roles, so the last operator cannot lock everyone out by accident."""
    if not roles:
        raise DomainError(UserErrorCode.INVALID_ROLE, "Give at least one role.", "roles")
    user = _user_by_email_or_fail(session, email)
    if by_user_id is not None and user.id == by_user_id:
        raise DomainError(
            CommonErrorCode.FORBIDDEN, "You cannot change your own roles; ask another operator.", "email"
        )
    user.roles_text = encode_roles(roles)
    user.updated_at = clock.now()
    session.flush()
    return user


def set_frozen(*, session: Session, email: str, frozen: bool, clock: Clock) -> User:
    """A frozen user can sign in and read, but cannot move money."""
    user = _user_by_email_or_fail(session, email)
    now = clock.now()
    user.frozen_at = (user.frozen_at or now) if frozen else None
    user.updated_at = now
    session.flush()
    return user


def ensure_can_move_money(*, session: Session, user_id: int) -> User:
    """The gate every money movement passes: the user exists and is not frozen."""
    user = get_user(session=session, user_id=user_id)
    refuse_if_frozen(user.frozen_at)
    return user


def refuse_if_frozen(frozen_at: datetime | None) -> None:
    """The same gate for a caller that read ``users.frozen_at`` itself (the wallet's payment
    statement reads it together with its locks, saving a round trip)."""
    if frozen_at is not None:
        raise DomainError(
            UserErrorCode.USER_FROZEN,
            "Your account is frozen, so money cannot be moved. Please contact support.",
        )
