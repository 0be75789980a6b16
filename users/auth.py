"""Signing in and out: log-in with progressive throttling, token refresh with rotation,
logout (revokes the session's tokens), and the one-lookup viewer for each request.

Throttling is per (account, client address): after ``login_free_attempts`` failures each
further failure doubles the wait (1 s, 2 s, 4 s ... up to ``login_max_delay_seconds``);
attempts inside the wait are refused without checking the password. A stranger failing from
another address therefore never slows the real user down. Unknown emails and wrong
passwords get the same error and take the same time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.orm import Session

from core.clock import Clock, as_utc
from core.errors import DomainError
from users import passwords
from users.errors import UserErrorCode
from users.models import AuthSession, LoginThrottle, RefreshToken, User
from users.roles import Role, decode_roles
from users.tokens import (
    TokenPair,
    decode_access_token,
    hash_refresh_token,
    issue_access_token,
    new_refresh_token,
)

THROTTLE_MEMORY = timedelta(hours=24)
INVALID_CREDENTIALS_MESSAGE = "The email or password is not correct."


@dataclass(frozen=True, slots=True)
class Viewer:
    """The signed-in user of a request, as loaded once per request."""

    id: int
    email: str
    display_name: str
    locale: str
    roles: frozenset[Role]
    frozen: bool
    session_id: int
    created_at: datetime

    def has_role(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    """Either a signed-in user with tokens, or the error to show. Failures are returned, not
    raised, because the failure count must be committed."""

    user: User | None = None
    tokens: TokenPair | None = None
    error: DomainError | None = None


def _email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def start_session(
    *, session: Session, user: User, clock: Clock, settings, client_address: str | None = None
) -> TokenPair:
    """Open a sign-in session for ``user`` and issue its first token pair."""
    now = clock.now()
    auth_session = AuthSession(user_id=user.id, created_at=now, client_address=client_address)
    session.add(auth_session)
    session.flush()
    return _issue_pair(session=session, auth_session_id=auth_session.id, user_id=user.id, now=now, settings=settings)


def _issue_pair(*, session: Session, auth_session_id: int, user_id: int, now: datetime, settings) -> TokenPair:
    access, access_expires = issue_access_token(
        user_id=user_id, session_id=auth_session_id, now=now, settings=settings
    )
    refresh, refresh_hash = new_refresh_token()
    refresh_expires = now + timedelta(days=settings.refresh_token_ttl_days)
    session.add(
        RefreshToken(
            session_id=auth_session_id, token_hash=refresh_hash, created_at=now, expires_at=refresh_expires
        )
    )
    session.flush()
    return TokenPair(access, access_expires, refresh, refresh_expires)


def login(
    *, session: Session, email: str, password: str, client_address: str, clock: Clock, settings
) -> LoginOutcome:
    now = clock.now()
    key = _email_key(email if isinstance(email, str) else "")
    address = (client_address or "unknown")[:64]
    throttle = session.scalar(
        select(LoginThrottle).where(LoginThrottle.email_key == key, LoginThrottle.client_address == address)
    )
    if throttle is not None and throttle.blocked_until is not None and as_utc(throttle.blocked_until) > now:
        wait = int((as_utc(throttle.blocked_until) - now).total_seconds()) + 1
        return LoginOutcome(
            error=DomainError(
                UserErrorCode.TOO_MANY_ATTEMPTS,
                f"Too many failed sign-ins. Try again in {wait} seconds.",
            )
        )
    user = session.scalar(select(User).where(User.email == email.strip().lower())) if isinstance(email, str) else None
    if user is None:
        passwords.burn_verification(password or "", settings=settings)
        ok = False
    else:
        ok = passwords.verify_password(user.password_hash, password or "", settings=settings)
    if not ok:
        _record_failure(session=session, throttle=throttle, key=key, address=address, now=now, settings=settings)
        return LoginOutcome(error=DomainError(UserErrorCode.INVALID_CREDENTIALS, INVALID_CREDENTIALS_MESSAGE))
    if throttle is not None:
        session.delete(throttle)
    if passwords.needs_rehash(user.password_hash, settings=settings):
        user.password_hash = passwords.hash_password(password, settings=settings)
    tokens = start_session(session=session, user=user, clock=clock, settings=settings, client_address=address)
    return LoginOutcome(user=user, tokens=tokens)


def _record_failure(*, session: Session, throttle: LoginThrottle | None, key: str, address: str, now: datetime, settings) -> None:
    if throttle is None:
        throttle = LoginThrottle(email_key=key, client_address=address, failures=0, last_failure_at=now)
        session.add(throttle)
    elif now - as_utc(throttle.last_failure_at) > THROTTLE_MEMORY:
        throttle.failures = 0
    throttle.failures += 1
    throttle.last_failure_at = now
    excess = throttle.failures - settings.login_free_attempts
    if excess > 0:
        delay = min(2 ** (excess - 1), settings.login_max_delay_seconds)
        throttle.blocked_until = now + timedelta(seconds=delay)
    session.flush()


def refresh(*, session: Session, refresh_token: str, clock: Clock, settings) -> tuple[User, TokenPair]:
    """Exchange a refresh token for a new pair. A token used twice revokes its session."""
    now = clock.now()
    stored = session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(refresh_token or ""))
    )
    invalid = DomainError(UserErrorCode.INVALID_TOKEN, "The refresh token is not valid; sign in again.", "refreshToken")
    if stored is None:
        raise invalid
    auth_session = session.get(AuthSession, stored.session_id)
    if auth_session is None or auth_session.revoked_at is not None:
        raise DomainError(UserErrorCode.TOKEN_REVOKED, "This session has ended; sign in again.", "refreshToken")
    if stored.used_at is not None:
        # Replay of a rotated token: someone else may hold it. End the session.
        auth_session.revoked_at = now
        session.flush()
        raise DomainError(UserErrorCode.TOKEN_REVOKED, "This refresh token was already used; sign in again.", "refreshToken")
    if as_utc(stored.expires_at) <= now:
        raise DomainError(UserErrorCode.TOKEN_EXPIRED, "The refresh token has expired; sign in again.", "refreshToken")
    stored.used_at = now
    user = session.get(User, auth_session.user_id)
    assert user is not None
    pair = _issue_pair(session=session, auth_session_id=auth_session.id, user_id=user.id, now=now, settings=settings)
    return user, pair


def logout(*, session: Session, session_id: int, clock: Clock) -> None:
    """Revoke the sign-in session: its access and refresh tokens stop working at once."""
    session.execute(
        update(AuthSession)
        .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )




def _viewer_query(user_id: int, session_id: int):
    return (
        select(
            User.id,
            User.email,
            User.display_name,
            User.locale,
            User.roles_text.label("roles_text"),
            User.frozen_at,
            User.created_at,
        )
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(User.id == user_id, AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
    )


def load_viewer(*, connection: Connection | Session, token: str, clock: Clock, settings) -> Viewer:
    """Verify the access token and load its user in one query (user joined with a live
    session). Raises ``INVALID_TOKEN``, ``TOKEN_EXPIRED`` or ``TOKEN_REVOKED``."""
    claims = decode_access_token(token, now=clock.now(), settings=settings)
    row = connection.execute(_viewer_query(claims.user_id, claims.session_id)).first()
    if row is None:
        raise DomainError(UserErrorCode.TOKEN_REVOKED, "This session has ended; sign in again.")
    return Viewer(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        locale=row.locale,
        roles=decode_roles(row.roles_text),
        frozen=row.frozen_at is not None,
        session_id=claims.session_id,
        created_at=as_utc(row.created_at),
    )


def clear_stale_throttles(*, session: Session, clock: Clock) -> int:
    """Forget failure counts older than a day (housekeeping)."""
    result = session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at < clock.now() - THROTTLE_MEMORY))
    return result.rowcount or 0
