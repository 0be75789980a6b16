"""The one exception domain code raises for a refusal a user can act on.

Each domain package has its own error-code enum (``users.errors.UserErrorCode``, ...);
the API edge turns a ``DomainError`` into a ``userErrors`` entry exactly once.
"""

from __future__ import annotations

from enum import StrEnum


class CommonErrorCode(StrEnum):
    """Codes shared by every domain."""

    INVALID_INPUT = "INVALID_INPUT"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    CONFLICT = "CONFLICT"
    PAGE_SIZE_TOO_LARGE = "PAGE_SIZE_TOO_LARGE"
    INVALID_CURSOR = "INVALID_CURSOR"
    INVALID_AMOUNT = "INVALID_AMOUNT"
    INVALID_DECIMAL = "INVALID_DECIMAL"
    INVALID_TEXT = "INVALID_TEXT"
    RATE_LIMITED = "RATE_LIMITED"
    CONFLICT_OF_INTEREST = "CONFLICT_OF_INTEREST"


class DomainError(Exception):
    """A refusal with a machine-readable ``code``, a plain ``message`` and the input ``field``
    it concerns (camelCase name as the client sent it, or None)."""

    def __init__(self, code: StrEnum, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    @property
    def all(self) -> list[DomainError]:
        """Every refusal this error stands for (itself; several for ``DomainErrors``)."""
        return [self]

    def __repr__(self) -> str:
        return f"DomainError({self.code!s}, {self.message!r}, field={self.field!r})"


class DomainErrors(DomainError):
    """Several refusals at once (every bad field or line of one request), reported one by one.
    Its own code and message summarise them (for a caller that shows only one)."""

    def __init__(self, code: StrEnum, message: str, errors: list[DomainError], field: str | None = None) -> None:
        super().__init__(code, message, field)
        self.errors = list(errors)

    @property
    def all(self) -> list[DomainError]:
        return list(self.errors) or [self]
