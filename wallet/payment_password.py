"""The optional 6-digit payment password (支付密码), stored as an argon2 hash.

Once set, ``pay``, ``withdraw`` (and later ``redeem``) need it. ``check`` raises
``PaymentPasswordRejected`` for a wrong one; because the money transaction is rolled back,
the caller records the failure afterwards in a fresh transaction with ``record_failure``
(the API edge does this, see ``api.graphql.wallet``). After
``payment_password_max_failures`` wrong tries the actions are blocked for
``payment_password_block_minutes``; a right password resets the count.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from core.clock import Clock, as_utc
from core.errors import DomainError
from users import passwords
from wallet.errors import WalletErrorCode
from wallet.identity import get_or_create_profile
from wallet.models import WalletProfile

FIELD = "paymentPassword"
_SIX_DIGITS = re.compile(r"[0-9]{6}")
PROFILES = WalletProfile.__table__


class PaymentPasswordRejected(DomainError):
    """A wrong payment password: the failure must be recorded after the rollback."""

    def __init__(self, user_id: int, field: str = FIELD) -> None:
        super().__init__(WalletErrorCode.WRONG_PAYMENT_PASSWORD, "The payment password is not correct.", field)
        self.user_id = user_id


def check_format(password: object, *, field: str = FIELD) -> str:
    if not isinstance(password, str) or not _SIX_DIGITS.fullmatch(password):
        raise DomainError(WalletErrorCode.INVALID_PAYMENT_PASSWORD, "The payment password is 6 digits.", field)
    if len(set(password)) == 1 or password in ("123456", "654321", "012345", "543210"):
        raise DomainError(
            WalletErrorCode.INVALID_PAYMENT_PASSWORD, "This payment password is too easy to guess.", field
        )
    return password


def _blocked_error(until: datetime, now: datetime, field: str = FIELD) -> DomainError:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return DomainError(
        WalletErrorCode.PAYMENT_PASSWORD_BLOCKED,
        f"Too many wrong payment passwords. Try again in {minutes} minutes.",
        field,
    )


def check(*, profile, password: str | None, user_id: int, clock: Clock, settings, field: str = FIELD) -> None:
    """Pass when no payment password is set or ``password`` is right; raise otherwise.
    ``profile``: a ``WalletProfile`` or an ``identity.payment_profile`` row (or None)."""
    if profile is None or profile.payment_password_hash is None:
        return
    now = clock.now()
    if profile.payment_password_blocked_until is not None and as_utc(profile.payment_password_blocked_until) > now:
        raise _blocked_error(as_utc(profile.payment_password_blocked_until), now, field)
    if password is None or password == "":
        raise DomainError(WalletErrorCode.PAYMENT_PASSWORD_REQUIRED, "Enter your payment password.", field)
    if not passwords.verify_password(profile.payment_password_hash, password, settings=settings):
        raise PaymentPasswordRejected(user_id, field)


def reset_failures(session: Session, profile) -> None:
    """After a right password: forget earlier failures (a write only when there were some)."""
    if profile is not None and profile.payment_password_failures:
        session.execute(
            update(PROFILES).where(PROFILES.c.user_id == profile.user_id).values(payment_password_failures=0)
        )


def record_failure(*, session: Session, user_id: int, clock: Clock, settings, field: str = FIELD) -> DomainError:
    """Count a wrong password (atomically) and return the error to show: how many tries are
    left, or that the actions are now blocked."""
    now = clock.now()
    failures = session.execute(
        update(PROFILES)
        .where(PROFILES.c.user_id == user_id)
        .values(payment_password_failures=PROFILES.c.payment_password_failures + 1)
        .returning(PROFILES.c.payment_password_failures)
    ).scalar_one()
    if failures >= settings.payment_password_max_failures:
        until = now + timedelta(minutes=settings.payment_password_block_minutes)
        session.execute(
            update(PROFILES)
            .where(PROFILES.c.user_id == user_id)
            .values(payment_password_failures=0, payment_password_blocked_until=until)
        )
        return _blocked_error(until, now, field)
    left = settings.payment_password_max_failures - failures
    return DomainError(
        WalletErrorCode.WRONG_PAYMENT_PASSWORD,
        f"The payment password is not correct; {left} {'try' if left == 1 else 'tries'} left.",
        field,
    )


def set_password(
    *,
    session: Session,
    clock: Clock,
    settings,
    user_id: int,
    new_password: str,
    current_password: str | None,
) -> WalletProfile:
    """Set the payment password, or change it (then the current one is needed)."""
    new_password = check_format(new_password)
    profile = get_or_create_profile(session, user_id)
    if profile.payment_password_hash is not None:
        if current_password is None or current_password == "":
            raise DomainError(
                WalletErrorCode.PAYMENT_PASSWORD_REQUIRED,
                "Enter your current payment password to change it.",
                "currentPaymentPassword",
            )
        check(
            profile=profile, password=current_password, user_id=user_id, clock=clock, settings=settings,
            field="currentPaymentPassword",
        )
    profile.payment_password_hash = passwords.hash_password(new_password, settings=settings)
    profile.payment_password_set_at = clock.now()
    profile.payment_password_failures = 0
    profile.payment_password_blocked_until = None
    session.flush()
    return profile
