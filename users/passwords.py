"""Password hashing with argon2id (argon2-cffi) and the password policy.

- The policy: 10 to 128 characters, at least 4 different ones, not the email, not the display
  name, and not on the common-password list (the 30,000 most common passwords of the
  maintained ``zxcvbn`` package, compared without case).
- Each argon2 computation takes ``argon2_memory_cost_kib`` of memory (64 MiB by default), so
  a worker computes at most ``argon2_max_concurrent`` at once; more wait their turn (the
  server degrades by queueing, not by memory). Callers run them off the event loop.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core.errors import DomainError, t
from core.settings import Settings
from users.errors import UserErrorCode

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128


@lru_cache(maxsize=4)
def hasher(time_cost: int, memory_cost_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=1)


def _hasher_for(settings: Settings) -> PasswordHasher:
    return hasher(settings.argon2_time_cost, settings.argon2_memory_cost_kib)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The common-password list (lower case)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def _argon2_slot(settings: Settings) -> threading.BoundedSemaphore:
    size = max(1, int(getattr(settings, "argon2_max_concurrent", 4)))
    with _slots_lock:
        slot = _slots.get(size)
        if slot is None:
            slot = _slots[size] = threading.BoundedSemaphore(size)
        return slot


def check_policy(
    password: str, *, email: str | None = None, field: str = "password", display_name: str | None = None
) -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            t(
                f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.",
                f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符。",
            ),
            field,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            t(
                f"Choose a password of at most {MAX_PASSWORD_LENGTH} characters.",
                f"密码最多 {MAX_PASSWORD_LENGTH} 个字符。",
            ),
            field,
        )
    lowered = password.lower()
    if len(set(password)) < 4 or (email and lowered == email.lower()):
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            t(
                "This password is too easy to guess; mix more different characters.",
                "密码太容易被猜到，请混合使用更多不同的字符。",
            ),
            field,
        )
    if display_name and lowered == " ".join(display_name.split()).lower():
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            t("Do not use your display name as your password.", "请勿使用昵称作为密码。"),
            field,
        )
    if lowered in common_passwords():
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            t(
                "This password is one of the most common ones and easy to guess; choose another.",
                "该密码是最常见的密码之一，容易被猜到，请换一个。",
            ),
            field,
        )


def meets_policy(password: str, *, email: str | None = None, display_name: str | None = None) -> bool:
    try:
        check_policy(password, email=email, display_name=display_name)
    except DomainError:
        return False
    return True


def hash_password(password: str, *, settings: Settings) -> str:
    with _argon2_slot(settings):
        return _hasher_for(settings).hash(password)


def verify_password(stored_hash: str, password: str, *, settings: Settings) -> bool:
    try:
        with _argon2_slot(settings):
            return _hasher_for(settings).verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, *, settings: Settings) -> bool:
    return _hasher_for(settings).check_needs_rehash(stored_hash)


_dummies: dict[tuple[int, int], str] = {}
_dummy_lock = threading.Lock()


def _dummy_hash(settings: Settings) -> str:
    """A hash to verify against for unknown emails, made once per cost, by one thread, within
    the concurrency bound (24 first log-ins at once must not make 24 of them)."""
    key = (settings.argon2_time_cost, settings.argon2_memory_cost_kib)
    found = _dummies.get(key)
    if found is None:
        with _dummy_lock:
            found = _dummies.get(key)
            if found is None:
                found = _dummies[key] = hash_password("not-a-real-password-0000", settings=settings)
    return found


def burn_verification(password: str, *, settings: Settings) -> None:
    """Spend the time of one verification, so an unknown email answers as slowly as a wrong
    password and timing does not reveal which emails have accounts."""
    verify_password(_dummy_hash(settings), password, settings=settings)
