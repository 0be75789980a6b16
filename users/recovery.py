"""One-time links by mail: password reset and email verification.

- ``request_password_reset(email)`` answers the same whether or not an account has that
  email (no account enumeration); for an account it writes a mail (``users.mail``) with a
  link carrying a random token. ``reset_password(token, new_password)``: the token is used
  once, expires after ``ROBO_PASSWORD_RESET_TTL_MINUTES`` (60), the new password follows the
  same rules as ``changePassword``, and every session of the account ends. A reset also
  verifies the email (the link reached it).
- ``request_email_verification`` (signed in) mails a link; ``verify_email(token)`` sets
  ``users.email_verified_at``. Links expire after ``ROBO_EMAIL_VERIFICATION_TTL_HOURS`` (24).

Tokens are stored only as their SHA-256; a new link of the same purpose voids the older
unused ones. Requests are rate-limited per email asked for and per client address
(``users.rate_limits``), for unknown emails exactly as for known ones.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.clock import Clock, as_utc
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from db.session import Database
from users import mail, passwords, rate_limits
from users.emails import normalize_email
from users.errors import UserErrorCode
from users.models import AccountToken, AuthSession, User

PASSWORD_RESET = "password_reset"
EMAIL_VERIFICATION = "email_verification"
HOUR = timedelta(hours=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _email_key(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


def _limit(session: Session, *, scope: str, key: str, limit: int, now: datetime) -> None:
    if not rate_limits.hit(session, scope=scope, key=key, limit=limit, window=HOUR, now=now):
        wait = rate_limits.retry_after(session, scope=scope, key=key, window=HOUR, now=now)
        minutes = max(1, (wait + 59) // 60)
        raise DomainError(
            CommonErrorCode.RATE_LIMITED,
            t(
                f"Too many requests for mails; try again in {minutes} minutes.",
                f"邮件请求过于频繁，请 {minutes} 分钟后再试。",
            ),
        )


def _issue(session: Session, *, user: User, purpose: str, ttl: timedelta, now: datetime) -> str:
    """A new link token for ``user`` (older unused ones of the purpose stop working)."""
    session.execute(
        update(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_hash(token),
            email=user.email,
            created_at=now,
            expires_at=now + ttl,
        )
    )
    session.flush()
    return token


def _link(settings: Settings, path: str, token: str) -> str:
    return f"{settings.app_url.rstrip('/')}/{path}?token={token}"


def request_password_reset(
    *, session: Session, email: str, clock: Clock, settings: Settings, address: str | None = None
) -> None:
    """Mail a reset link if an account has ``email``; the same answer either way."""
    normalized = normalize_email(email)
    now = clock.now()
    _limit(
        session,
        scope="account_mail_email",
        key=_email_key(normalized),
        limit=settings.account_mails_per_email_hour,
        now=now,
    )
    _limit(
        session,
        scope="account_mail_address",
        key=address or "unknown",
        limit=settings.account_mails_per_address_hour,
        now=now,
    )
    user = session.scalar(select(User).where(User.email == normalized))
    if user is None:
        return
    minutes = settings.password_reset_ttl_minutes
    token = _issue(session, user=user, purpose=PASSWORD_RESET, ttl=timedelta(minutes=minutes), now=now)
    link = _link(settings, "reset-password", token)
    mail.queue(
        session,
        to=user.email,
        kind=PASSWORD_RESET,
        locale=user.locale,
        subject=t("Reset your password", "重置您的密码"),
        body=t(
            f"Someone asked to reset the password of your account. To choose a new one, open this link within "
            f"{minutes} minutes:\n\n{link}\n\nIt works once. If you did not ask for it, ignore this mail: your "
            f"password stays as it is.",
            f"有人申请重置您账户的密码。如需设置新密码，请在 {minutes} 分钟内打开以下链接：\n\n{link}\n\n"
            f"该链接只能使用一次。如果不是您本人申请，请忽略本邮件，您的密码不会改变。",
        ),
        now=now,
    )


def _usable(session: Session, token: str, purpose: str, now: datetime) -> AccountToken:
    """The unused, unexpired token of ``purpose``, or ``INVALID_TOKEN`` / ``TOKEN_EXPIRED``."""
    stored = session.scalar(
        select(AccountToken).where(AccountToken.token_hash == _hash(token or ""), AccountToken.purpose == purpose)
    )
    if stored is None or stored.used_at is not None:
        raise DomainError(
            UserErrorCode.INVALID_TOKEN,
            t("This link is not valid or was already used; ask for a new one.", "该链接无效或已被使用，请重新申请。"),
            "token",
        )
    if as_utc(stored.expires_at) <= now:
        raise DomainError(
            UserErrorCode.TOKEN_EXPIRED,
            t("This link has expired; ask for a new one.", "该链接已过期，请重新申请。"),
            "token",
        )
    return stored


def _claim(session: Session, stored: AccountToken, user: User, now: datetime) -> None:
    """Use the token (once, also against a concurrent use of it); void for another email."""
    claimed = session.execute(
        update(AccountToken)
        .where(AccountToken.id == stored.id, AccountToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1 or stored.email != user.email:
        raise DomainError(
            UserErrorCode.INVALID_TOKEN,
            t("This link is not valid or was already used; ask for a new one.", "该链接无效或已被使用，请重新申请。"),
            "token",
        )


def reset_password(*, database: Database, clock: Clock, settings: Settings, token: str, new_password: str) -> User:
    """Set a new password with a reset link's token, ending every session of the account.
    The token is checked first and the new password hashed with no transaction open."""
    with database.read() as session:
        stored = _usable(session, token, PASSWORD_RESET, clock.now())
        user = session.get(User, stored.user_id)
        assert user is not None
        passwords.check_policy(new_password, email=user.email, field="newPassword", display_name=user.display_name)
    new_hash = passwords.hash_password(new_password, settings=settings)
    with database.write() as session:
        now = clock.now()
        stored = _usable(session, token, PASSWORD_RESET, now)
        user = session.get(User, stored.user_id)
        assert user is not None
        _claim(session, stored, user, now)
        user.password_hash = new_hash
        user.updated_at = now
        user.email_verified_at = user.email_verified_at or now
        session.execute(
            update(AuthSession)
            .where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        session.flush()
    return user


def request_email_verification(*, session: Session, user_id: int, clock: Clock, settings: Settings) -> User:
    """Mail a verification link to the user's email (nothing when it is already verified)."""
    user = session.get(User, user_id)
    assert user is not None
    if user.email_verified_at is not None:
        return user
    now = clock.now()
    _limit(
        session,
        scope="account_mail_email",
        key=_email_key(user.email),
        limit=settings.account_mails_per_email_hour,
        now=now,
    )
    hours = settings.email_verification_ttl_hours
    token = _issue(session, user=user, purpose=EMAIL_VERIFICATION, ttl=timedelta(hours=hours), now=now)
    link = _link(settings, "verify-email", token)
    mail.queue(
        session,
        to=user.email,
        kind=EMAIL_VERIFICATION,
        locale=user.locale,
        subject=t("Confirm your email address", "请验证您的邮箱地址"),
        body=t(
            f"To confirm that this address is yours, open this link within {hours} hours:\n\n{link}\n\n"
            f"If you did not ask for it, ignore this mail.",
            f"为确认此邮箱属于您，请在 {hours} 小时内打开以下链接：\n\n{link}\n\n如果不是您本人申请，请忽略本邮件。",
        ),
        now=now,
    )
    return user


def verify_email(*, session: Session, token: str, clock: Clock) -> User:
    """Mark the email of a verification link's account as verified (the link is used once)."""
    now = clock.now()
    stored = _usable(session, token, EMAIL_VERIFICATION, now)
    user = session.get(User, stored.user_id)
    assert user is not None
    _claim(session, stored, user, now)
    user.email_verified_at = user.email_verified_at or now
    user.updated_at = now
    session.flush()
    return user
