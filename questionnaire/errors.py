"""Error codes of the questionnaire domain, and the error for a broken questionnaire file."""

from __future__ import annotations

from enum import StrEnum


class QuestionnaireErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    QUESTIONNAIRE_NOT_FOUND = "QUESTIONNAIRE_NOT_FOUND"
    QUESTIONNAIRE_RETIRED = "QUESTIONNAIRE_RETIRED"
    UNSUPPORTED_LOCALE = "UNSUPPORTED_LOCALE"
    UNKNOWN_QUESTION = "UNKNOWN_QUESTION"
    DUPLICATE_ANSWER = "DUPLICATE_ANSWER"
    MISSING_ANSWER = "MISSING_ANSWER"
    ANSWER_KIND_MISMATCH = "ANSWER_KIND_MISMATCH"
    UNKNOWN_OPTION = "UNKNOWN_OPTION"
    CONFLICTING_OPTIONS = "CONFLICTING_OPTIONS"
    VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE"
    INVALID_NUMBER = "INVALID_NUMBER"
    SUITABILITY_FORBIDDEN = "SUITABILITY_FORBIDDEN"
    ACKNOWLEDGEMENT_REQUIRED = "ACKNOWLEDGEMENT_REQUIRED"


class QuestionnaireDefinitionError(ValueError):
    """A questionnaire data file that cannot be used; raised at start-up, listing every
    problem found (``source`` names the file)."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        listing = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"questionnaire file {source} is broken:\n{listing}")
