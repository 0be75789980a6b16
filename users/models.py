"""Tables of the users domain: users, sign-in sessions, refresh tokens, log-in throttle, rate
limits, one-time link tokens (password reset, email verification) and the mail outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, BigIntPK
from db.types import UTCDateTime
from users.roles import Role, decode_roles

SUPPORTED_LOCALES = ("zh-CN", "en")
DEFAULT_LOCALE = "zh-CN"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(10), default=DEFAULT_LOCALE)
    # Comma-separated ``Role`` values, kept on the row so the viewer is one lookup.
    roles_text: Mapped[str] = mapped_column("roles", String(100), default=Role.CUSTOMER.value)
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the owner proved the email is theirs (a verification or password-reset link).
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    @property
    def roles(self) -> frozenset[Role]:
        return decode_roles(self.roles_text)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class AuthSession(Base):
    """One signed-in device: access tokens carry its id, so revoking it ends them all."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    client_address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The sign-in or the latest token refresh (NULL on sessions older than this column).
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    user_agent: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # SHA-256 of the client's opaque device id (``X-Device-Id``), if it sent a usable one.
    device_key: Mapped[str | None] = mapped_column(String(64), nullable=True)


class RefreshToken(Base):
    """A refresh token (stored as its SHA-256). Each use rotates it; reusing a rotated token
    revokes the whole session (it was stolen or replayed)."""

    __tablename__ = "refresh_tokens"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("auth_sessions.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class LoginThrottle(Base):
    """Failed log-ins per (account key, client address), per account (address ``*``) and per
    address (account ``*``); see ``users.auth``. ``email_key`` is a hash, so unknown emails
    leave no readable trace."""

    __tablename__ = "login_throttle"
    __table_args__ = (UniqueConstraint("email_key", "client_address"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    email_key: Mapped[str] = mapped_column(String(64))
    client_address: Mapped[str] = mapped_column(String(64))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    # Failures the account's owner has not been told of yet (account-wide rows).
    unreported: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime())
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


Index("ix_login_throttle_last_failure_at", LoginThrottle.last_failure_at)


class RateLimit(Base):
    """Uses of something rate-limited in the current window (``users.rate_limits``)."""

    __tablename__ = "rate_limits"

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime())
    count: Mapped[int] = mapped_column(Integer, default=0)


class AccountToken(Base):
    """A one-time link token (``users.recovery``): stored only as its SHA-256, single use,
    expiring. ``purpose``: ``password_reset`` or ``email_verification``; ``email``: the
    address the link was sent to (a link for an address the account no longer has is void)."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class OutgoingMail(Base):
    """A mail the platform sends (``users.mail``): written in the transaction that causes it;
    a mail sender (or ``robo mail outbox --mark-sent``) marks it sent."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    locale: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
