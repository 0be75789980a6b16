"""The optional 6-digit payment password (支付密码), stored as an argon2 hash.

Once set, ``pay``, ``withdraw`` and the fund orders need it. After
``payment_password_max_failures`` wrong tries those actions are blocked for
``payment_password_block_minutes``; a right password resets the count.

Counting holds under concurrency, and the slow argon2 check runs outside any transaction
that holds locks. ``run_checked`` runs a request in three steps (every caller that moves
money, GraphQL included, goes through it):

1. the money transaction runs until ``check`` needs the password, which raises
   ``VerifyFirst``; the caller rolls back (nothing written, no lock kept);
2. ``begin_attempt`` counts the try *before* checking it, in its own short transaction
   (``UPDATE ... SET failures = failures + 1 ... RETURNING``, refused while blocked; the try
   that reaches the limit starts the block at once), which the caller commits; then
   ``judge_attempt`` checks the password with no transaction open: a wrong one is already
   counted, a right one becomes a ``Verified`` proof;
3. the money transaction runs again; ``check`` accepts the proof, and ``reset_failures``
   re-checks the state and resets the count in one guarded ``UPDATE`` (a block started
   meanwhile by other tries, or a changed password, refuses it).

So N concurrent wrong guesses get at most the limit of argon2 checks, and a right password
during the block neither succeeds nor resets anything. Called outside ``run_checked``
(scripts, tests), ``check`` verifies in place and raises ``PaymentPasswordRejected``
without counting the try.

A forgotten payment password is reset after re-verifying the identity
(``reset_with_identity``): the full identity number and a bound bank card's number must match
the account's verified identity (keyed fingerprints, compared in constant time) and card.
Attempts are limited per user and day (``ROBO_PAYMENT_PASSWORD_RESETS_PER_DAY``) and every
one is audited in ``payment_password_resets``; a reset also lifts a block of wrong tries.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from sqlalchemy import Row, and_, case, literal, null, or_, select, update
from sqlalchemy.orm import Session

from core.clock import Clock, as_utc
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from db.base import table_of
from db.session import Database, write_transaction
from db.types import UTCDateTime
from users import passwords, rate_limits
from users import service as users
from wallet.errors import WalletErrorCode
from wallet.identity import (
    bound_card,
    card_fingerprint,
    get_or_create_profile,
    identity_fingerprint,
    normalize_card_number,
    normalize_id_number,
    profile_of,
    require_verified,
)
from wallet.models import PaymentPasswordReset, WalletProfile

FIELD = "paymentPassword"
_SIX_DIGITS = re.compile(r"[0-9]{6}")
PROFILES = table_of(WalletProfile)  # typed as any ``FromClause``: a mapped class's is its ``Table``


class PaymentPasswordRejected(DomainError):
    """A wrong payment password: the failure must be recorded after the rollback."""

    def __init__(self, user_id: int, field: str = FIELD) -> None:
        super().__init__(
            WalletErrorCode.WRONG_PAYMENT_PASSWORD, t("The payment password is not correct.", "支付密码不正确。"), field
        )
        self.user_id = user_id


class VerifyFirst(Exception):
    """Raised by ``check`` inside ``verifying_outside``: roll back, verify the password with
    ``begin_attempt`` and ``judge_attempt``, then run the transaction again. Not a
    ``DomainError``, so no domain code turns it into a refusal on the way."""

    def __init__(self, user_id: int, password: str, field: str) -> None:
        super().__init__(f"verify the payment password of user {user_id} outside the transaction")
        self.user_id, self.password, self.field = user_id, password, field


@dataclass(frozen=True, slots=True)
class Verified:
    """A password found right outside the transaction, for ``check`` and ``reset_failures``."""

    user_id: int
    password: str
    password_hash: str | None  # the hash it matched (a password changed since is not this one); None: none was set
    own_block: datetime | None  # the block this try started as the last one allowed
    clock: Clock


@dataclass(slots=True)
class _Outside:
    proofs: dict[int, Verified] = dataclass_field(default_factory=dict)


_OUTSIDE: ContextVar[_Outside | None] = ContextVar("wallet_payment_password_outside", default=None)


@contextmanager
def verifying_outside() -> Iterator[_Outside]:
    """While active, ``check`` raises ``VerifyFirst`` instead of verifying in the
    transaction; add the ``Verified`` proofs to the yielded object's ``proofs``."""
    outside = _Outside()
    token = _OUTSIDE.set(outside)
    try:
        yield outside
    finally:
        _OUTSIDE.reset(token)


def _proof(user_id: int) -> Verified | None:
    outside = _OUTSIDE.get()
    return None if outside is None else outside.proofs.get(user_id)


def check_format(password: object, *, field: str = FIELD) -> str:
    if not isinstance(password, str) or not _SIX_DIGITS.fullmatch(password):
        raise DomainError(
            WalletErrorCode.INVALID_PAYMENT_PASSWORD,
            t("The payment password is 6 digits.", "支付密码为 6 位数字。"),
            field,
        )
    if len(set(password)) == 1 or password in ("123456", "654321", "012345", "543210"):
        raise DomainError(
            WalletErrorCode.INVALID_PAYMENT_PASSWORD,
            t("This payment password is too easy to guess.", "该支付密码过于简单，容易被猜到。"),
            field,
        )
    return password


def _blocked_error(until: datetime, now: datetime, field: str = FIELD) -> DomainError:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return DomainError(
        WalletErrorCode.PAYMENT_PASSWORD_BLOCKED,
        t(
            f"Too many wrong payment passwords. Try again in {minutes} minutes.",
            f"支付密码错误次数过多，请 {minutes} 分钟后再试。",
        ),
        field,
    )


class PasswordProfile(Protocol):
    """The payment-password fields ``check`` and ``reset_failures`` read: a ``WalletProfile``,
    an ``identity.payment_profile`` row or a ``payment_sql.PayerProfile``."""

    @property
    def user_id(self) -> int: ...

    @property
    def payment_password_hash(self) -> str | None: ...

    @property
    def payment_password_failures(self) -> int: ...

    @property
    def payment_password_blocked_until(self) -> datetime | None: ...


def _blocked_now(profile: PasswordProfile, now: datetime, own_block: datetime | None = None) -> datetime | None:
    until = profile.payment_password_blocked_until
    if until is None or as_utc(until) <= now or (own_block is not None and as_utc(until) == as_utc(own_block)):
        return None
    return as_utc(until)


def check(
    *,
    profile: PasswordProfile | None,
    password: str | None,
    user_id: int,
    clock: Clock,
    settings: Settings,
    field: str = FIELD,
) -> None:
    """Pass when no payment password is set or ``password`` is right; raise otherwise.
    ``profile``: a ``WalletProfile`` or an ``identity.payment_profile`` row (or None)."""
    if profile is None or profile.payment_password_hash is None:
        return
    now = clock.now()
    proof = _proof(user_id)
    if proof is not None and proof.password == password:
        if proof.password_hash != profile.payment_password_hash:
            raise DomainError(
                WalletErrorCode.WRONG_PAYMENT_PASSWORD,
                t("The payment password has just changed.", "支付密码刚刚已修改。"),
                field,
            )
        blocked = _blocked_now(profile, now, proof.own_block)  # other tries blocked it meanwhile
        if blocked is not None:
            raise _blocked_error(blocked, now, field)
        return
    blocked = _blocked_now(profile, now)
    if blocked is not None:
        raise _blocked_error(blocked, now, field)
    if password is None or password == "":
        raise DomainError(
            WalletErrorCode.PAYMENT_PASSWORD_REQUIRED, t("Enter your payment password.", "请输入支付密码。"), field
        )
    if _OUTSIDE.get() is not None:
        raise VerifyFirst(user_id, password, field)
    if not passwords.verify_password(profile.payment_password_hash, password, settings=settings):
        raise PaymentPasswordRejected(user_id, field)


def reset_failures(session: Session, profile: PasswordProfile | None) -> None:
    """After a right password, in the transaction that uses it: forget earlier failures. With
    a ``Verified`` proof this also re-checks, in the same guarded statement, that no block
    started and the password did not change since it was verified."""
    if profile is None or profile.payment_password_hash is None:
        return
    proof = _proof(profile.user_id)
    if proof is None:
        if profile.payment_password_failures or profile.payment_password_blocked_until is not None:
            session.execute(
                update(PROFILES)
                .where(PROFILES.c.user_id == profile.user_id)
                .values(payment_password_failures=0, payment_password_blocked_until=None)
            )
        return
    now = proof.clock.now()
    blocked = PROFILES.c.payment_password_blocked_until
    not_blocked = [blocked.is_(None), blocked <= now]
    if proof.own_block is not None:
        not_blocked.append(blocked == proof.own_block)
    reset = session.execute(
        update(PROFILES)
        .where(
            PROFILES.c.user_id == profile.user_id,
            PROFILES.c.payment_password_hash == proof.password_hash,
            or_(*not_blocked),
        )
        .values(payment_password_failures=0, payment_password_blocked_until=None)
        .returning(PROFILES.c.user_id)
    ).first()
    if reset is None:
        current = session.execute(select(PROFILES).where(PROFILES.c.user_id == profile.user_id)).one()
        until = _blocked_now(current, now)
        if until is not None:
            raise _blocked_error(until, now)
        raise DomainError(
            WalletErrorCode.WRONG_PAYMENT_PASSWORD,
            t("The payment password has just changed.", "支付密码刚刚已修改。"),
            FIELD,
        )


@dataclass(frozen=True, slots=True)
class Attempt:
    """A try counted by ``begin_attempt``, waiting for ``judge_attempt``."""

    user_id: int
    field: str
    failures: int  # counted tries, this one included
    blocked_until: datetime | None  # set when this try is the last one allowed
    password_hash: str | None  # None: no payment password is set


def _count_try(
    session: Session, *, user_id: int, now: datetime, settings: Settings
) -> Row[int, datetime | None, str | None] | None:
    """Count one try unless the user is blocked: (failures, blocked_until, hash), or None
    when blocked or without a profile. The try that reaches the limit starts the block."""
    blocked = PROFILES.c.payment_password_blocked_until
    failures = case((and_(blocked.is_not(None), blocked <= now), 1), else_=PROFILES.c.payment_password_failures + 1)
    until = literal(now + timedelta(minutes=settings.payment_password_block_minutes), UTCDateTime())
    return session.execute(
        update(PROFILES)
        .where(
            PROFILES.c.user_id == user_id,
            PROFILES.c.payment_password_hash.is_not(None),
            or_(blocked.is_(None), blocked <= now),
        )
        .values(
            payment_password_failures=failures,
            payment_password_blocked_until=case(
                (failures >= settings.payment_password_max_failures, until), else_=null()
            ),
        )
        .returning(PROFILES.c.payment_password_failures, blocked, PROFILES.c.payment_password_hash)
    ).first()


def begin_attempt(*, session: Session, user_id: int, clock: Clock, settings: Settings, field: str = FIELD) -> Attempt:
    """Step 2a (its own short write transaction, to be committed before ``judge_attempt``):
    count this try, or refuse it while the actions are blocked."""
    now = clock.now()
    counted = _count_try(session, user_id=user_id, now=now, settings=settings)
    if counted is None:
        current = session.execute(select(PROFILES).where(PROFILES.c.user_id == user_id)).first()
        until = None if current is None else _blocked_now(current, now)
        if until is not None:
            raise _blocked_error(until, now, field)
        return Attempt(user_id=user_id, field=field, failures=0, blocked_until=None, password_hash=None)
    failures, until, password_hash = counted
    return Attempt(user_id=user_id, field=field, failures=failures, blocked_until=until, password_hash=password_hash)


def judge_attempt(attempt: Attempt, password: str, *, clock: Clock, settings: Settings) -> Verified:
    """Step 2b (no transaction open): check the password of a counted try. A wrong one
    raises the error to show (tries left, or blocked); a right one gives the proof."""
    if attempt.password_hash is None or passwords.verify_password(attempt.password_hash, password, settings=settings):
        return Verified(
            user_id=attempt.user_id,
            password=password,
            password_hash=attempt.password_hash,
            own_block=attempt.blocked_until,
            clock=clock,
        )
    raise _wrong_error(attempt.failures, attempt.blocked_until, clock.now(), settings, attempt.field)


def _wrong_error(
    failures: int, blocked_until: datetime | None, now: datetime, settings: Settings, field: str
) -> DomainError:
    if blocked_until is not None:
        return _blocked_error(as_utc(blocked_until), now, field)
    left = max(settings.payment_password_max_failures - failures, 1)
    return DomainError(
        WalletErrorCode.WRONG_PAYMENT_PASSWORD,
        t(
            f"The payment password is not correct; {left} {'try' if left == 1 else 'tries'} left.",
            f"支付密码不正确，还可尝试 {left} 次。",
        ),
        field,
    )


def set_password(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    new_password: str,
    current_password: str | None,
) -> WalletProfile:
    """Set the payment password, or change it (then the current one is needed); not while
    the account is frozen."""
    new_password = check_format(new_password)
    users.ensure_can_move_money(session=session, user_id=user_id)
    profile = get_or_create_profile(session, user_id)
    if profile.payment_password_hash is not None:
        if current_password is None or current_password == "":
            raise DomainError(
                WalletErrorCode.PAYMENT_PASSWORD_REQUIRED,
                t("Enter your current payment password to change it.", "修改支付密码前，请先输入当前支付密码。"),
                "currentPaymentPassword",
            )
        check(
            profile=profile,
            password=current_password,
            user_id=user_id,
            clock=clock,
            settings=settings,
            field="currentPaymentPassword",
        )
    profile.payment_password_hash = passwords.hash_password(new_password, settings=settings)
    profile.payment_password_set_at = clock.now()
    profile.payment_password_failures = 0
    profile.payment_password_blocked_until = None
    session.flush()
    return profile


RESET_WINDOW = timedelta(days=1)
RESET_FIELD = "newPaymentPassword"


def reset_with_identity(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    user_id: int,
    id_number: str,
    card_number: str,
    new_password: str,
    client_address: str | None = None,
) -> WalletProfile:
    """Set a new payment password without the current one, after re-verifying the identity:
    ``id_number`` must be the verified identity's number and ``card_number`` a bound card's.
    A mismatch says not which of the two was wrong. Each attempt counts against the user's
    daily limit and is audited; refusals are committed before they are raised."""
    new_password = check_format(new_password, field=RESET_FIELD)
    number = normalize_id_number(id_number, today=clock.today())
    digits = normalize_card_number(card_number)
    refusal: DomainError | None = None
    with database.write() as session:
        users.ensure_can_move_money(session=session, user_id=user_id)
        profile = require_verified(profile_of(session, user_id, for_update=True))
        now = clock.now()
        if not rate_limits.hit(
            session,
            scope="payment_password_reset",
            key=str(user_id),
            limit=settings.payment_password_resets_per_day,
            window=RESET_WINDOW,
            now=now,
        ):
            outcome = "rate_limited"
            refusal = DomainError(
                CommonErrorCode.RATE_LIMITED,
                t(
                    "Too many attempts to reset the payment password; try again tomorrow or contact support.",
                    "重置支付密码的尝试次数过多，请明天再试或联系客服。",
                ),
            )
        else:
            expected = profile.id_fingerprint or ""
            identity_ok = hmac.compare_digest(expected, identity_fingerprint(number, settings=settings))
            fingerprint = card_fingerprint(digits, settings=settings)
            card_ok = bound_card(session=session, user_id=user_id, fingerprint=fingerprint) is not None
            if identity_ok and expected and card_ok:
                outcome = "reset"
                profile.payment_password_hash = passwords.hash_password(new_password, settings=settings)
                profile.payment_password_set_at = now
                profile.payment_password_failures = 0
                profile.payment_password_blocked_until = None
            else:
                outcome = "mismatch"
                refusal = DomainError(
                    WalletErrorCode.IDENTITY_MISMATCH,
                    t(
                        "The identity number or the bank card does not match the ones verified on this account.",
                        "身份证号码或银行卡与本账户已认证的信息不一致。",
                    ),
                )
        session.add(
            PaymentPasswordReset(
                user_id=user_id,
                attempted_at=now,
                outcome=outcome,
                client_address=None if client_address is None else client_address[:64],
            )
        )
        session.flush()
    if refusal is not None:
        raise refusal
    return profile


T = TypeVar("T")


def run_checked(session: Session, *, clock: Clock, settings: Settings, action: Callable[[Session], T]) -> T:
    """Run ``action(session)`` in ``session``'s write transaction so that a payment password
    it needs is verified outside any transaction: when the action needs the password, roll
    back, count the try in a short committed transaction, verify it with no transaction open,
    then run the action again in a fresh write transaction with the proof. A wrong password is
    refused with its count already committed; nothing else is written."""
    with verifying_outside() as outside:
        try:
            return action(session)
        except VerifyFirst as needed:
            pending = needed
            session.rollback()  # nothing written, no lock kept while the password is checked
        write_transaction(session)
        try:
            attempt = begin_attempt(
                session=session, user_id=pending.user_id, clock=clock, settings=settings, field=pending.field
            )
            session.commit()
        except BaseException:
            session.rollback()
            raise
        proof = judge_attempt(attempt, pending.password, clock=clock, settings=settings)
        outside.proofs[proof.user_id] = proof
        write_transaction(session)
        return action(session)
