"""Error codes of the advisor domain."""

from __future__ import annotations

from enum import StrEnum


class AdvisorErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    ADVISOR_UNAVAILABLE = "ADVISOR_UNAVAILABLE"
