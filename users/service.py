"""Account operations: register, create (staff), profile, password change, roles, freezing.

All functions are keyword-only, take the session and the clock, and raise ``DomainError``
for anything the caller can correct; the caller owns the transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, check_all, t
from core.settings import Settings
from core.text import clean_visible, impersonates_staff
from db.session import Database, lock_rows
from db.unique import unique_insert
from users import auth, mail, passwords, rate_limits, recovery, sessions
from users.auth import Viewer, clear_stale_throttles, load_viewer, logout  # noqa: F401 - for the API
from users.emails import normalize_email
from users.errors import UserErrorCode
from users.models import SUPPORTED_LOCALES, AuthSession, User
from users.roles import STAFF_ROLES, Role, encode_roles
from users.tokens import TokenPair  # noqa: F401 - for the API

# For the API and the CLI: signed-in devices, one-time links by mail, the mail outbox.
SESSION_NOT_FOUND = sessions.NOT_FOUND_MESSAGE
live_sessions = sessions.live_sessions
live_session = sessions.live_session
revoke_session = sessions.revoke_session
request_password_reset = recovery.request_password_reset
reset_password = recovery.reset_password
request_email_verification = recovery.request_email_verification
verify_email = recovery.verify_email
mail_outbox = mail.outbox
mark_mail_sent = mail.mark_sent

MAX_DISPLAY_NAME = 100
REGISTRATION_WINDOW = timedelta(hours=1)


def clean_display_name(name: str, *, staff: bool = False) -> str:
    """A display name as others will see it: 1 to 100 visible characters (no control or
    invisible formatting characters) and, unless its owner is staff, not passing for the
    platform or its staff."""
    cleaned = clean_visible(
        name,
        field="displayName",
        code=UserErrorCode.INVALID_DISPLAY_NAME,
        limit=MAX_DISPLAY_NAME,
        what=t("display name", "昵称"),
    )
    if not cleaned:
        raise DomainError(
            UserErrorCode.INVALID_DISPLAY_NAME,
            t(
                f"The display name must have 1 to {MAX_DISPLAY_NAME} characters.",
                f"昵称长度须为 1 到 {MAX_DISPLAY_NAME} 个字符。",
            ),
            "displayName",
        )
    if not staff and impersonates_staff(cleaned):
        raise DomainError(
            UserErrorCode.INVALID_DISPLAY_NAME,
            t(
                "Choose a display name that does not look like the platform or its staff.",
                "昵称不能与平台或其工作人员相似，请换一个。",
            ),
            "displayName",
        )
    return cleaned


REGISTRATIONS_LIMITED = t(
    "Too many accounts were registered from your network in the last hour; try again later.",
    "您所在网络在过去一小时内注册的账户过多，请稍后再试。",
)


def count_registration_attempt(*, session: Session, address: str, clock: Clock, settings: Settings) -> None:
    """Count one registration attempt from ``address``, or refuse it with ``RATE_LIMITED``
    once ``registrations_per_address_hour`` attempts fell in the hour. ``register`` calls it
    in a transaction of its own that commits before the account is created, so an attempt
    that fails afterwards (a taken email) still counts: otherwise the failures would roll
    their count back and give unlimited guesses at which emails have accounts."""
    if not rate_limits.hit(
        session,
        scope="register",
        key=address,
        limit=settings.registrations_per_address_hour,
        window=REGISTRATION_WINDOW,
        now=clock.now(),
    ):
        raise DomainError(CommonErrorCode.RATE_LIMITED, REGISTRATIONS_LIMITED)


def default_display_name(locale: str) -> str:
    """A neutral name for an account registered without one (never derived from the email,
    which other users must not learn)."""
    number = f"{secrets.randbelow(10**6):06d}"
    return f"User {number}" if locale == "en" else f"用户{number}"


def _check_locale(locale: str) -> str:
    if locale not in SUPPORTED_LOCALES:
        raise DomainError(
            UserErrorCode.INVALID_LOCALE,
            t(
                f"Locale must be one of {', '.join(SUPPORTED_LOCALES)}.",
                f"语言必须是以下之一：{', '.join(SUPPORTED_LOCALES)}。",
            ),
            "locale",
        )
    return locale


def check_new_account(
    *, email: str, password: str, display_name: str | None, locale: str, staff: bool = False
) -> tuple[str, str]:
    """The checks of a new account's fields, every bad field at once (no database): the
    normalised email and the display name to store."""
    email, _, name, _ = check_all(
        lambda: normalize_email(email),
        lambda: _check_locale(locale),
        lambda: default_display_name(locale) if display_name is None else clean_display_name(display_name, staff=staff),
        lambda: passwords.check_policy(password, email=email, display_name=display_name),
    )
    return email, name


def find_by_email(*, session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))


def get_user(*, session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such user.", "用户不存在。"), "id")
    return user


def create_user(
    *,
    session: Session,
    email: str,
    password: str,
    clock: Clock,
    settings: Settings,
    display_name: str | None = None,
    roles: frozenset[Role] | set[Role] = frozenset({Role.CUSTOMER}),
    locale: str = "zh-CN",
    password_hash: str | None = None,
    registered_from: str | None = None,
) -> User:
    """Create an account; the email must be free and the password strong enough.

    ``password_hash`` may carry ``passwords.hash_password(password)`` computed before the
    write transaction began, so the slow hashing does not hold it open. ``registered_from``
    (the client address of a self-registration) counts against
    ``registrations_per_address_hour`` in the caller's transaction; ``register`` counts it
    in one of its own instead, so that failed attempts count too."""
    staff = bool(set(roles or ()) & STAFF_ROLES)
    email, name = check_new_account(
        email=email, password=password, display_name=display_name, locale=locale, staff=staff
    )
    if registered_from is not None:
        count_registration_attempt(session=session, address=registered_from, clock=clock, settings=settings)

    def taken() -> DomainError:
        return DomainError(
            UserErrorCode.EMAIL_TAKEN, t("An account with this email already exists.", "该邮箱已被注册。"), "email"
        )

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
        user.display_name = clean_display_name(display_name, staff=bool(user.roles & STAFF_ROLES))
    if locale is not None:
        user.locale = _check_locale(locale)
    user.updated_at = clock.now()
    session.flush()
    return user


@dataclass(frozen=True, slots=True)
class PasswordChangeAttempt:
    """What the read step of a password change found (see ``change_password``)."""

    user_id: int
    email: str
    display_name: str
    password_hash: str
    client_address: str | None
    refusal: DomainError | None = None


@dataclass(frozen=True, slots=True)
class PasswordChange:
    """The changed user, or the error to show (returned, not raised: a wrong current
    password is counted, and that count must be committed)."""

    user: User | None = None
    error: DomainError | None = None


def begin_password_change(
    *, session: Session, user_id: int, client_address: str | None, clock: Clock, device_id: str | None = None
) -> PasswordChangeAttempt:
    """Step 1 (reads only): the stored hash, and a refusal while wrong passwords from this
    address (or for this account, unless the address or device signed in to it before) make
    the user wait."""
    user = get_user(session=session, user_id=user_id)
    refusal = auth.password_attempt_refusal(
        session=session,
        user_id=user.id,
        email=user.email,
        client_address=client_address,
        clock=clock,
        device_id=device_id,
    )
    return PasswordChangeAttempt(user.id, user.email, user.display_name, user.password_hash, client_address, refusal)


def finish_password_change(
    *,
    session: Session,
    attempt: PasswordChangeAttempt,
    current_ok: bool,
    current_password: str,
    new_password: str,
    new_hash: str | None,
    keep_session_id: int | None,
    clock: Clock,
    settings: Settings,
) -> PasswordChange:
    """Step 3 (write transaction): count a wrong current password in the log-in throttle, or
    set the new password and sign out every other device."""
    if not current_ok:
        auth.record_password_failure(
            session=session, email=attempt.email, client_address=attempt.client_address, clock=clock, settings=settings
        )
        return PasswordChange(
            error=DomainError(
                UserErrorCode.INVALID_CREDENTIALS,
                t("The current password is not correct.", "当前密码不正确。"),
                "currentPassword",
            )
        )
    user = get_user(session=session, user_id=attempt.user_id)
    passwords.check_policy(new_password, email=user.email, field="newPassword", display_name=user.display_name)
    if new_password == current_password:
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            t("Choose a password different from the current one.", "新密码不能与当前密码相同。"),
            "newPassword",
        )
    now = clock.now()
    user.password_hash = new_hash or passwords.hash_password(new_password, settings=settings)
    user.updated_at = now
    others = update(AuthSession).where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
    if keep_session_id is not None:
        others = others.where(AuthSession.id != keep_session_id)
    session.execute(others.values(revoked_at=now))
    session.flush()
    return PasswordChange(user=user)


def change_password(
    *,
    session: Session,
    user_id: int,
    current_password: str,
    new_password: str,
    keep_session_id: int | None,
    clock: Clock,
    settings: Settings,
    client_address: str | None = None,
    device_id: str | None = None,
) -> PasswordChange:
    """Change the password and sign out every other device; a wrong current password counts
    as a failed log-in from ``client_address`` (``users.auth``), so a stolen access token
    cannot guess it without limit. All in ``session`` (a write session); the API runs the
    steps itself, checking the password outside the transaction."""
    attempt = begin_password_change(
        session=session, user_id=user_id, client_address=client_address, clock=clock, device_id=device_id
    )
    if attempt.refusal is not None:
        return PasswordChange(error=attempt.refusal)
    ok = passwords.verify_password(attempt.password_hash, current_password or "", settings=settings)
    return finish_password_change(
        session=session,
        attempt=attempt,
        current_ok=ok,
        current_password=current_password,
        new_password=new_password,
        new_hash=None,
        keep_session_id=keep_session_id,
        clock=clock,
        settings=settings,
    )


def _user_by_email_or_fail(session: Session, email: str) -> User:
    user = find_by_email(session=session, email=email)
    if user is None:
        raise DomainError(
            UserErrorCode.UNKNOWN_USER, t(f"No user with email {email}.", f"没有邮箱为 {email} 的用户。"), "email"
        )
    return user


def set_roles(*, session: Session, email: str, roles: set[Role], clock: Clock, by_user_id: int | None = None) -> User:
    """Replace the user's roles. ``by_user_id`` (the operator acting through the API) may not
    change their own roles, so the last operator cannot lock everyone out by accident."""
    if not roles:
        raise DomainError(UserErrorCode.INVALID_ROLE, t("Give at least one role.", "请至少指定一个角色。"), "roles")
    user = _user_by_email_or_fail(session, email)
    if by_user_id is not None and user.id == by_user_id:
        raise DomainError(
            CommonErrorCode.FORBIDDEN,
            t("You cannot change your own roles; ask another operator.", "不能修改自己的角色，请联系其他运营人员。"),
            "email",
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


def lock_user(*, session: Session, user_id: int) -> None:
    """Lock the user's row for the rest of the transaction (PostgreSQL ``FOR UPDATE``; SQLite
    serialises writers): a domain deciding on the user's behalf one request at a time (a loan
    application against the user's limit). Taken before any other row of the decision.

    ``FOR NO KEY UPDATE``, not ``FOR UPDATE``: the request's own rows written before it (its
    idempotency claim) reference the user, and each such insert takes ``FOR KEY SHARE`` on the
    user's row; two concurrent requests holding that share would deadlock, each waiting for the
    other to release it, if this lock conflicted with it (it does not; they queue here)."""
    session.execute(lock_rows(session, select(User.id).where(User.id == user_id), no_key=True)).all()


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
            t(
                "Your account is frozen, so money cannot be moved. Please contact support.",
                "您的账户已被冻结，暂时无法进行资金操作，请联系客服。",
            ),
        )


# --- whole requests: signing up, in and over, with the slow password work outside the
# transactions (callers give the database, not a session) --------------------------------


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A user with a fresh token pair (and, at a log-in, the failed log-ins since the last)."""

    user: User
    tokens: auth.TokenPair
    failed_attempts: int = 0


def register(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    email: str,
    password: str,
    display_name: str | None = None,
    locale: str = "zh-CN",
    address: str | None = None,
    user_agent: str | None = None,
    device_id: str | None = None,
) -> SignedIn:
    """Create a customer account and sign it in. The fields are checked first (no
    database); then the attempt is counted against the address's hourly limit in a
    transaction of its own, committed before anything else happens, so a failed attempt (a
    taken email) counts as much as a successful one; then the password is hashed with no
    transaction open (argon2 is slow by design), and not at all for a refused attempt."""
    check_new_account(email=email, password=password, display_name=display_name, locale=locale)
    if address is not None:
        with database.write() as session:
            count_registration_attempt(session=session, address=address, clock=clock, settings=settings)
    password_hash = passwords.hash_password(password, settings=settings)
    with database.write() as session:
        user = create_user(
            session=session,
            email=email,
            password=password,
            password_hash=password_hash,
            display_name=display_name,
            locale=locale,
            clock=clock,
            settings=settings,
        )
        tokens = auth.start_session(
            session=session,
            user=user,
            clock=clock,
            settings=settings,
            client_address=address,
            user_agent=user_agent,
            device_id=device_id,
        )
    return SignedIn(user, tokens)


def log_in(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    email: str,
    password: str,
    address: str | None = None,
    user_agent: str | None = None,
    device_id: str | None = None,
) -> SignedIn:
    """Sign in: read the account and the throttles, verify the password with no transaction
    open, then record the outcome. A failure is committed (it counts) before it is raised.
    ``device_id`` (the app's opaque ``X-Device-Id``) is kept with the session: a device that
    signed in before skips the account-wide delay, as an address that did."""
    with database.read() as session:
        attempt = auth.begin_login(
            session=session, email=email, client_address=address, clock=clock, device_id=device_id
        )
    if attempt.refusal is not None:
        raise attempt.refusal
    password_ok = auth.password_matches(attempt, password, settings=settings)
    with database.write() as session:
        outcome = auth.finish_login(
            session=session,
            attempt=attempt,
            password=password,
            password_ok=password_ok,
            clock=clock,
            settings=settings,
            user_agent=user_agent,
        )
    if outcome.error is not None:
        raise outcome.error
    return SignedIn(outcome.user, outcome.tokens, outcome.failed_attempts)


def refresh_session(*, database: Database, clock: Clock, settings: Settings, refresh_token: str) -> SignedIn:
    """Exchange a refresh token for a new pair; a replay revokes the session, and that is
    committed before the refusal is raised."""
    with database.write() as session:
        outcome = auth.refresh(session=session, refresh_token=refresh_token, clock=clock, settings=settings)
    if outcome.error is not None:
        raise outcome.error
    return SignedIn(outcome.user, outcome.tokens)


def change_password_request(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    user_id: int,
    current_password: str,
    new_password: str,
    keep_session_id: int | None,
    address: str | None = None,
    device_id: str | None = None,
) -> User:
    """Change a password as a request does: read, verify the current password (and hash the
    new one) with no transaction open, then record the outcome; a wrong current password is
    counted (committed) before it is refused."""
    with database.read() as session:
        attempt = begin_password_change(
            session=session, user_id=user_id, client_address=address, clock=clock, device_id=device_id
        )
    if attempt.refusal is not None:
        raise attempt.refusal
    current_ok = passwords.verify_password(attempt.password_hash, current_password, settings=settings)
    new_hash = None
    if current_ok and passwords.meets_policy(new_password, email=attempt.email, display_name=attempt.display_name):
        new_hash = passwords.hash_password(new_password, settings=settings)
    with database.write() as session:
        outcome = finish_password_change(
            session=session,
            attempt=attempt,
            current_ok=current_ok,
            current_password=current_password,
            new_password=new_password,
            new_hash=new_hash,
            keep_session_id=keep_session_id,
            clock=clock,
            settings=settings,
        )
    if outcome.error is not None:
        raise outcome.error
    return outcome.user
