"""Password hashing with argon2id (argon2-cffi) and the password policy."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from core.errors import DomainError
from users.errors import UserErrorCode

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128


@lru_cache(maxsize=4)
def hasher(time_cost: int, memory_cost_kib: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib, parallelism=1)


def _hasher_for(settings) -> PasswordHasher:
    return hasher(settings.argon2_time_cost, settings.argon2_memory_cost_kib)


def check_policy(password: str, *, email: str | None = None, field: str = "password") -> None:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.",
            field,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            f"Choose a password of at most {MAX_PASSWORD_LENGTH} characters.",
            field,
        )
    if len(set(password)) < 4 or (email and password.lower() == email.lower()):
        raise DomainError(
            UserErrorCode.WEAK_PASSWORD,
            "This password is too easy to guess; mix more different characters.",
            field,
        )


def meets_policy(password: str, *, email: str | None = None) -> bool:
    try:
        check_policy(password, email=email)
    except DomainError:
        return False
    return True


def hash_password(password: str, *, settings) -> str:
    return _hasher_for(settings).hash(password)


def verify_password(stored_hash: str, password: str, *, settings) -> bool:
    try:
        return _hasher_for(settings).verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, *, settings) -> bool:
    return _hasher_for(settings).check_needs_rehash(stored_hash)


@lru_cache(maxsize=4)
def _dummy_hash(time_cost: int, memory_cost_kib: int) -> str:
    return hasher(time_cost, memory_cost_kib).hash("not-a-real-password-0000")


def burn_verification(password: str, *, settings) -> None:
    """Spend the time of one verification, so an unknown email answers as slowly as a wrong
    password and timing does not reveal which emails have accounts."""
    verify_password(
        _dummy_hash(settings.argon2_time_cost, settings.argon2_memory_cost_kib),
        password,
        settings=settings,
    )
