"""The one exception domain code raises for a refusal a user can act on.

Each domain package has its own error-code enum (``users.errors.UserErrorCode``, ...);
the API edge turns a ``DomainError`` into a ``userErrors`` entry exactly once.

Every message is written in both of the platform's languages, ``t("No such order.",
"没有这笔订单。")``: the API answers in the viewer's (``Text.in_(locale)``), the CLI and the
logs in English (``DomainError.message``). A test fails when a message has only one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

LOCALES = ("zh-CN", "en")
DEFAULT_LOCALE = "zh-CN"


@dataclass(frozen=True, slots=True)
class Text:
    """A message in English and in Simplified Chinese."""

    en: str
    zh: str

    def __post_init__(self) -> None:
        if not self.en or not self.zh:
            raise ValueError(f"a message needs both languages: {self!r}")

    def in_(self, locale: str | None) -> str:
        """The message in ``locale`` ("zh-CN" or "en"; anything else: Chinese)."""
        return self.en if locale is not None and locale.lower().startswith("en") else self.zh

    def __str__(self) -> str:
        return self.en


def t(en: str, zh: str) -> Text:
    """A message in both languages (English first)."""
    return Text(en, zh)


class CommonErrorCode(StrEnum):
    """Codes shared by every domain."""

    INVALID_INPUT = "INVALID_INPUT"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    INVALID_CURSOR = "INVALID_CURSOR"
    INVALID_AMOUNT = "INVALID_AMOUNT"
    INVALID_DECIMAL = "INVALID_DECIMAL"
    INVALID_TEXT = "INVALID_TEXT"
    RATE_LIMITED = "RATE_LIMITED"
    CONFLICT_OF_INTEREST = "CONFLICT_OF_INTEREST"


class DomainError(Exception):
    """A refusal with a machine-readable ``code``, a ``text`` in both languages (``message``:
    its English) and the input ``field`` it concerns (camelCase name as the client sent it,
    or None)."""

    def __init__(self, code: StrEnum, message: Text, field: str | None = None) -> None:
        if not isinstance(message, Text):
            raise TypeError(f"a DomainError's message is a Text in both languages, not {message!r}")
        super().__init__(message.en)
        self.code = code
        self.text = message
        self.message = message.en
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

    def __init__(self, code: StrEnum, message: Text, errors: list[DomainError], field: str | None = None) -> None:
        super().__init__(code, message, field)
        self.errors = list(errors)

    @property
    def all(self) -> list[DomainError]:
        return list(self.errors) or [self]


def check_all(*checks: Callable[[], Any]) -> list[Any]:
    """Run every check and return their results; when some refuse, raise all their refusals
    at once (one ``DomainError`` as it is, several as ``DomainErrors``), so a form shows
    every bad field together."""
    results: list[Any] = []
    problems: list[DomainError] = []
    for check in checks:
        try:
            results.append(check())
        except DomainError as error:
            problems.extend(error.all)
            results.append(None)
    raise_all(problems)
    return results


def raise_all(problems: list[DomainError]) -> None:
    """Raise ``problems`` if there are any: one as it is, several as ``DomainErrors``."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise DomainErrors(problems[0].code, problems[0].text, problems, problems[0].field)
