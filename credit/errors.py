"""Error codes of credit (merged into the GraphQL ``ErrorCode`` enum)."""

from __future__ import annotations

from enum import StrEnum


class CreditErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    CREDIT_CONSENT_REQUIRED = "CREDIT_CONSENT_REQUIRED"
    NO_CREDIT_MODEL = "NO_CREDIT_MODEL"
    NOT_ENOUGH_OUTCOMES = "NOT_ENOUGH_OUTCOMES"
