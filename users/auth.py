"""Signing in and out: log-in with progressive throttling, token refresh with rotation,
logout (revokes the session's tokens), and the one-lookup viewer for each request.

Throttling (``login_throttle``, shared by every worker and process) counts failures at three
scopes, each with its free attempts before each further failure doubles the wait (1 s, 2 s,
4 s ... up to ``login_max_delay_seconds``):

- per (account, address): ``login_free_attempts``;
- per account from any address (``ANY`` address): ``login_account_free_attempts``. Its wait
  applies only to clients whose address and device have both never signed in to the account
  (the device: the app's opaque ``X-Device-Id``, see ``device_key``), so a stranger cannot
  lock the owner out, even when the owner's address changes; the owner is told at the next
  sign-in how many attempts failed since (``failed_attempts``);
- per address across accounts (``ANY`` account, credential stuffing):
  ``login_address_free_attempts``.

Attempts inside a wait are refused without checking the password. Unknown emails and wrong
passwords get the same error and take the same time. ``change_password`` counts wrong
current passwords the same way (``check_password_attempt``).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from core.clock import Clock, as_utc
from core.errors import DomainError, Text, t
from core.settings import Settings
from db.session import insert_if_absent, lock_rows
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
    successor_refresh_token,
)

THROTTLE_MEMORY = timedelta(hours=24)
INVALID_CREDENTIALS_MESSAGE = t("The email or password is not correct.", "邮箱或密码不正确。")


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
    email_verified: bool = False

    def has_role(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    """Either a signed-in user with tokens, or the error to show. Failures are returned, not
    raised, because the failure count must be committed."""

    user: User | None = None
    tokens: TokenPair | None = None
    error: DomainError | None = None
    failed_attempts: int = 0  # failed sign-ins of the account since its last one


def _email_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


MIN_DEVICE_ID, MAX_DEVICE_ID = 16, 128


def device_key(device_id: str | None) -> str | None:
    """What is stored of a client's device id (the SHA-256 of it), or None for none or an
    unusable one: an id is opaque to the server, 16 to 128 visible ASCII characters (a random
    value the app makes once per installation, such as a UUID). A short or guessable id would
    let anyone pass for the owner's device, so it is ignored rather than trusted."""
    if not isinstance(device_id, str) or not MIN_DEVICE_ID <= len(device_id) <= MAX_DEVICE_ID:
        return None
    if not all("!" <= c <= "~" for c in device_id):
        return None
    return hashlib.sha256(device_id.encode()).hexdigest()


def start_session(
    *,
    session: Session,
    user: User,
    clock: Clock,
    settings: Settings,
    client_address: str | None = None,
    user_agent: str | None = None,
    device_id: str | None = None,
) -> TokenPair:
    """Open a sign-in session for ``user`` and issue its first token pair. ``user_agent``
    (the app's ``User-Agent``) names the device in the user's list of sessions; ``device_id``
    (``X-Device-Id``) lets that device's later sign-ins skip the account-wide delay."""
    now = clock.now()
    auth_session = AuthSession(
        user_id=user.id,
        created_at=now,
        last_used_at=now,
        client_address=None if client_address is None else client_address[:64],
        user_agent=clean_user_agent(user_agent),
        device_key=device_key(device_id),
    )
    session.add(auth_session)
    session.flush()
    return _issue_pair(session=session, auth_session_id=auth_session.id, user_id=user.id, now=now, settings=settings)


def _issue_pair(
    *,
    session: Session,
    auth_session_id: int,
    user_id: int,
    now: datetime,
    settings: Settings,
    replacing: str | None = None,
) -> TokenPair:
    """A new pair; ``replacing``: the refresh token it replaces (its successor is derived
    from it, see ``tokens.successor_refresh_token``)."""
    access, access_expires = issue_access_token(user_id=user_id, session_id=auth_session_id, now=now, settings=settings)
    refresh, refresh_hash = (
        new_refresh_token() if replacing is None else successor_refresh_token(replacing, settings=settings)
    )
    refresh_expires = now + timedelta(days=settings.refresh_token_ttl_days)
    session.add(
        RefreshToken(session_id=auth_session_id, token_hash=refresh_hash, created_at=now, expires_at=refresh_expires)
    )
    session.flush()
    return TokenPair(access, access_expires, refresh, refresh_expires)


def clean_user_agent(text: str | None) -> str | None:
    """A ``User-Agent`` as stored: printable characters only, at most 200."""
    if not text:
        return None
    cleaned = "".join(c for c in text if c.isprintable())[:200].strip()
    return cleaned or None


ANY = "*"  # the address of an account-wide counter, the account of an address-wide one


@dataclass(frozen=True, slots=True)
class LoginAttempt:
    """What the read step of a log-in found: the throttle keys, the account (if any) and a
    refusal when one of its scopes is still waiting out its delay."""

    email_key: str
    address: str
    user_id: int | None
    password_hash: str | None
    refusal: DomainError | None = None
    known_address: bool = False  # the account signed in from this address or device before
    device_id: str | None = None


def _throttled(throttle: LoginThrottle | None, now: datetime) -> DomainError | None:
    if throttle is None or throttle.blocked_until is None or as_utc(throttle.blocked_until) <= now:
        return None
    wait = max(1, math.ceil((as_utc(throttle.blocked_until) - now).total_seconds()))
    return DomainError(
        UserErrorCode.TOO_MANY_ATTEMPTS,
        t(f"Too many failed sign-ins. Try again in {wait} seconds.", f"登录失败次数过多，请 {wait} 秒后再试。"),
    )


def _scopes(email_key: str, address: str) -> list[tuple[str, str]]:
    """The (email key, address) rows an attempt counts in, in lock order."""
    return sorted({(email_key, address), (email_key, ANY), (ANY, address)})


def _throttle_query(key: str, address: str):
    return select(LoginThrottle).where(LoginThrottle.email_key == key, LoginThrottle.client_address == address)


def _scope_rows(
    session: Session, email_key: str, address: str, *, lock: bool = False
) -> dict[tuple[str, str], LoginThrottle]:
    found = {}
    for key, scope_address in _scopes(email_key, address):
        query = _throttle_query(key, scope_address)
        if lock:
            query = lock_rows(session, query).execution_options(populate_existing=True)
        row = session.scalar(query)
        if row is not None:
            found[(key, scope_address)] = row
    return found


def _refusal(
    rows: dict[tuple[str, str], LoginThrottle], email_key: str, address: str, *, known_address: bool, now: datetime
) -> DomainError | None:
    for scope in ((email_key, address), (ANY, address)) + (() if known_address else ((email_key, ANY),)):
        refusal = _throttled(rows.get(scope), now)
        if refusal is not None:
            return refusal
    return None


def _signed_in_from(session: Session, user_id: int | None, address: str, device_id: str | None = None) -> bool:
    """Whether the account ever signed in from ``address`` or from the device ``device_id``
    (ended sessions count: the owner signed out is still the owner)."""
    if user_id is None:
        return False
    known = AuthSession.client_address == address
    device = device_key(device_id)
    if device is not None:
        known = or_(known, AuthSession.device_key == device)
    return session.scalar(select(AuthSession.id).where(AuthSession.user_id == user_id, known).limit(1)) is not None


def begin_login(
    *, session: Session, email: str, client_address: str | None, clock: Clock, device_id: str | None = None
) -> LoginAttempt:
    """Step 1 (reads only): the account and whether one of the attempt's scopes must wait
    (the account-wide one not for an address or device the account signed in from)."""
    key = _email_key(email)
    address = (client_address or "unknown")[:64]
    row = session.execute(select(User.id, User.password_hash).where(User.email == email.strip().lower())).first()
    user_id = None if row is None else row.id
    known = _signed_in_from(session, user_id, address, device_id)
    refusal = _refusal(_scope_rows(session, key, address), key, address, known_address=known, now=clock.now())
    return LoginAttempt(
        email_key=key,
        address=address,
        user_id=user_id,
        password_hash=None if row is None else row.password_hash,
        refusal=refusal,
        known_address=known,
        device_id=device_id,
    )


def password_matches(attempt: LoginAttempt, password: str, *, settings: Settings) -> bool:
    """Step 2 (no database): verify the password. An unknown email spends the same time on a
    dummy hash, so timing does not reveal which emails have accounts."""
    if attempt.password_hash is None:
        passwords.burn_verification(password or "", settings=settings)
        return False
    return passwords.verify_password(attempt.password_hash, password or "", settings=settings)


def _lock_scopes(session: Session, attempt: LoginAttempt, now: datetime) -> dict[tuple[str, str], LoginThrottle]:
    """Create the attempt's throttle rows if missing and lock them all, in one order, so
    concurrent attempts (any worker, any process) are counted one after another."""
    for key, address in _scopes(attempt.email_key, attempt.address):
        insert_if_absent(
            session,
            LoginThrottle,
            dict(email_key=key, client_address=address, failures=0, unreported=0, last_failure_at=now),
            unique=["email_key", "client_address"],
        )
    return _scope_rows(session, attempt.email_key, attempt.address, lock=True)


def _count_failure(
    rows: dict[tuple[str, str], LoginThrottle], attempt: LoginAttempt, *, now: datetime, settings: Settings
) -> None:
    free = {
        (attempt.email_key, attempt.address): settings.login_free_attempts,
        (attempt.email_key, ANY): settings.login_account_free_attempts,
        (ANY, attempt.address): settings.login_address_free_attempts,
    }
    for scope, throttle in rows.items():
        _record_failure(throttle=throttle, now=now, settings=settings, free_attempts=free[scope])


def finish_login(
    *,
    session: Session,
    attempt: LoginAttempt,
    password: str,
    password_ok: bool,
    clock: Clock,
    settings: Settings,
    user_agent: str | None = None,
) -> LoginOutcome:
    """Step 3 (write transaction): lock the attempt's throttle rows, then record the failure
    or open a session (telling the owner how many attempts failed since the last sign-in)."""
    now = clock.now()
    rows = _lock_scopes(session, attempt, now)
    refusal = _refusal(rows, attempt.email_key, attempt.address, known_address=attempt.known_address, now=now)
    if refusal is not None:  # failures recorded meanwhile by concurrent attempts
        return LoginOutcome(error=refusal)
    user = session.get(User, attempt.user_id) if password_ok and attempt.user_id is not None else None
    if user is None:
        _count_failure(rows, attempt, now=now, settings=settings)
        session.flush()
        return LoginOutcome(error=DomainError(UserErrorCode.INVALID_CREDENTIALS, INVALID_CREDENTIALS_MESSAGE))
    session.delete(rows[(attempt.email_key, attempt.address)])
    account = rows[(attempt.email_key, ANY)]
    failed_attempts, account.unreported = account.unreported, 0  # its wait stays for strangers
    if passwords.needs_rehash(user.password_hash, settings=settings):
        user.password_hash = passwords.hash_password(password, settings=settings)
    tokens = start_session(
        session=session,
        user=user,
        clock=clock,
        settings=settings,
        client_address=attempt.address,
        user_agent=user_agent,
        device_id=attempt.device_id,
    )
    return LoginOutcome(user=user, tokens=tokens, failed_attempts=failed_attempts)


def login(
    *,
    session: Session,
    email: str,
    password: str,
    client_address: str | None,
    clock: Clock,
    settings: Settings,
    device_id: str | None = None,
) -> LoginOutcome:
    """Sign in with email and password, all in ``session`` (which must be a write session).

    The API runs the three steps itself so the slow password check happens outside the write
    transaction (on SQLite it would otherwise hold the database's writer lock)."""
    attempt = begin_login(session=session, email=email, client_address=client_address, clock=clock, device_id=device_id)
    if attempt.refusal is not None:
        return LoginOutcome(error=attempt.refusal)
    ok = password_matches(attempt, password, settings=settings)
    return finish_login(
        session=session, attempt=attempt, password=password, password_ok=ok, clock=clock, settings=settings
    )


def record_password_failure(
    *, session: Session, email: str, client_address: str | None, clock: Clock, settings: Settings
) -> None:
    """Count a wrong password given by a signed-in user (``change_password``) in the log-in
    throttle, as a failed log-in from that address."""
    attempt = LoginAttempt(_email_key(email), (client_address or "unknown")[:64], None, None)
    rows = _lock_scopes(session, attempt, clock.now())
    _count_failure(rows, attempt, now=clock.now(), settings=settings)
    session.flush()


def password_attempt_refusal(
    *,
    session: Session,
    user_id: int,
    email: str,
    client_address: str | None,
    clock: Clock,
    device_id: str | None = None,
) -> DomainError | None:
    """``TOO_MANY_ATTEMPTS`` while a wrong-password wait applies to this user and address
    (or device)."""
    key, address = _email_key(email), (client_address or "unknown")[:64]
    known = _signed_in_from(session, user_id, address, device_id)
    return _refusal(_scope_rows(session, key, address), key, address, known_address=known, now=clock.now())


def _record_failure(*, throttle: LoginThrottle, now: datetime, settings: Settings, free_attempts: int) -> None:
    """Count a failure; past the free attempts each one doubles the wait (1 s, 2 s, 4 s ...)."""
    if throttle.failures and now - as_utc(throttle.last_failure_at) > THROTTLE_MEMORY:
        throttle.failures = 0
    throttle.failures += 1
    throttle.unreported = (throttle.unreported or 0) + 1
    throttle.last_failure_at = now
    excess = throttle.failures - free_attempts
    if excess > 0:
        delay = min(2 ** min(excess - 1, 30), settings.login_max_delay_seconds)
        throttle.blocked_until = now + timedelta(seconds=delay)


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    """New tokens, or the error to show. Failures are returned, not raised, because a replay
    revokes the session and that must be committed."""

    user: User | None = None
    tokens: TokenPair | None = None
    error: DomainError | None = None


def refresh(*, session: Session, refresh_token: str, clock: Clock, settings: Settings) -> RefreshOutcome:
    """Exchange a refresh token for a new pair (rotation). A token used twice, one after the
    other or concurrently, revokes its whole session: someone else may hold it."""
    now = clock.now()
    stored = session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(refresh_token or ""))
    )
    if stored is None:
        return _refused(
            UserErrorCode.INVALID_TOKEN,
            t("The refresh token is not valid; sign in again.", "刷新令牌无效，请重新登录。"),
        )
    auth_session = session.get(AuthSession, stored.session_id)
    if auth_session is None or auth_session.revoked_at is not None:
        return _refused(
            UserErrorCode.TOKEN_REVOKED, t("This session has ended; sign in again.", "登录已失效，请重新登录。")
        )
    if stored.used_at is not None:
        return _again(session, auth_session, stored, refresh_token, now=now, settings=settings)
    if as_utc(stored.expires_at) <= now:
        return _refused(
            UserErrorCode.TOKEN_EXPIRED,
            t("The refresh token has expired; sign in again.", "刷新令牌已过期，请重新登录。"),
        )
    claimed = session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == stored.id, RefreshToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:  # a concurrent request used the same token first
        session.refresh(stored)
        return _again(session, auth_session, stored, refresh_token, now=now, settings=settings)
    auth_session.last_used_at = now
    user = session.get(User, auth_session.user_id)
    pair = _issue_pair(
        session=session,
        auth_session_id=auth_session.id,
        user_id=user.id,
        now=now,
        settings=settings,
        replacing=refresh_token,
    )
    return RefreshOutcome(user=user, tokens=pair)


def _again(
    session: Session, auth_session: AuthSession, stored: RefreshToken, token: str, *, now: datetime, settings: Settings
) -> RefreshOutcome:
    """A refresh token used before: within the grace window, while its successor is unused,
    the same new pair again (a retried request, a second tab); otherwise a replay."""
    used_at = None if stored.used_at is None else as_utc(stored.used_at)
    if used_at is not None and now - used_at <= timedelta(seconds=settings.refresh_grace_seconds):
        successor, successor_hash = successor_refresh_token(token, settings=settings)
        following = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == successor_hash))
        if following is not None and following.used_at is None:
            user = session.get(User, auth_session.user_id)
            access, access_expires = issue_access_token(
                user_id=auth_session.user_id, session_id=auth_session.id, now=used_at, settings=settings
            )
            return RefreshOutcome(
                user=user, tokens=TokenPair(access, access_expires, successor, as_utc(following.expires_at))
            )
    return _replayed(session, auth_session, now)


def _refused(code: UserErrorCode, message: Text) -> RefreshOutcome:
    return RefreshOutcome(error=DomainError(code, message, "refreshToken"))


def _replayed(session: Session, auth_session: AuthSession, now: datetime) -> RefreshOutcome:
    auth_session.revoked_at = now
    session.flush()
    return _refused(
        UserErrorCode.TOKEN_REVOKED,
        t("This refresh token was already used; sign in again.", "该刷新令牌已被使用，请重新登录。"),
    )


def logout(*, session: Session, session_id: int, clock: Clock) -> None:
    """Revoke the sign-in session: its access and refresh tokens stop working at once."""
    session.execute(
        update(AuthSession)
        .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


# Built once: the per-request lookup only binds the two ids (no statement construction).
VIEWER_QUERY = (
    select(
        User.id,
        User.email,
        User.display_name,
        User.locale,
        User.roles_text.label("roles_text"),
        User.frozen_at,
        User.created_at,
        User.email_verified_at,
    )
    .join(AuthSession, AuthSession.user_id == User.id)
    .where(
        User.id == bindparam("user_id"),
        AuthSession.id == bindparam("session_id"),
        AuthSession.revoked_at.is_(None),
    )
)


def load_viewer(*, connection: Connection | Session, token: str, clock: Clock, settings: Settings) -> Viewer:
    """Verify the access token and load its user in one query (user joined with a live
    session). Raises ``INVALID_TOKEN``, ``TOKEN_EXPIRED`` or ``TOKEN_REVOKED``."""
    claims = decode_access_token(token, now=clock.now(), settings=settings)
    row = connection.execute(VIEWER_QUERY, {"user_id": claims.user_id, "session_id": claims.session_id}).first()
    if row is None:
        raise DomainError(
            UserErrorCode.TOKEN_REVOKED, t("This session has ended; sign in again.", "登录已失效，请重新登录。")
        )
    return Viewer(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        locale=row.locale,
        roles=decode_roles(row.roles_text),
        frozen=row.frozen_at is not None,
        session_id=claims.session_id,
        created_at=as_utc(row.created_at),
        email_verified=row.email_verified_at is not None,
    )


def clear_stale_throttles(*, session: Session, clock: Clock) -> int:
    """Forget failure counts older than a day (housekeeping)."""
    result = session.execute(delete(LoginThrottle).where(LoginThrottle.last_failure_at < clock.now() - THROTTLE_MEMORY))
    return result.rowcount or 0
