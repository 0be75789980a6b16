"""Error codes of the questionnaire domain."""

from __future__ import annotations

from enum import StrEnum


class QuestionnaireErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    QUESTIONNAIRE_UNAVAILABLE = "QUESTIONNAIRE_UNAVAILABLE"
