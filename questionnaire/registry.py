"""The questionnaire versions shipped in ``questionnaire/versions/*.json``, loaded and
validated once (at start-up: the API imports ``registry()`` while building its schema, so a
broken file stops the process with the list of problems).

Exactly one version is offered for new assessments; retired versions stay loaded so stored
assessments can be re-scored and explained with the version they were answered on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from core.errors import DomainError, t
from questionnaire.definition import Questionnaire, parse_questionnaire
from questionnaire.errors import QuestionnaireDefinitionError, QuestionnaireErrorCode

VERSIONS_PACKAGE = "questionnaire.versions"


class Registry:
    """Every known questionnaire version by id, and the one offered now."""

    def __init__(self, questionnaires: Iterable[Questionnaire]) -> None:
        self.by_id: dict[str, Questionnaire] = {}
        for questionnaire in questionnaires:
            if questionnaire.id in self.by_id:
                raise QuestionnaireDefinitionError(
                    VERSIONS_PACKAGE, [f"two files define the questionnaire id {questionnaire.id!r}"]
                )
            self.by_id[questionnaire.id] = questionnaire
        offered = [q for q in self.by_id.values() if q.offered]
        if len(offered) != 1:
            ids = ", ".join(q.id for q in offered) or "none"
            raise QuestionnaireDefinitionError(
                VERSIONS_PACKAGE, [f"exactly one questionnaire must be offered (offered: {ids})"]
            )
        self.offered: Questionnaire = offered[0]

    def get(self, questionnaire_id: str) -> Questionnaire | None:
        return self.by_id.get(questionnaire_id)

    def for_submission(self, questionnaire_id: str, *, field: str = "questionnaireId") -> Questionnaire:
        """The questionnaire a user may answer now: known and still offered."""
        questionnaire = self.by_id.get(questionnaire_id)
        if questionnaire is None:
            raise DomainError(
                QuestionnaireErrorCode.QUESTIONNAIRE_NOT_FOUND,
                t(f"There is no questionnaire {questionnaire_id!r}.", f"问卷 {questionnaire_id!r} 不存在。"),
                field,
            )
        if not questionnaire.offered:
            raise DomainError(
                QuestionnaireErrorCode.QUESTIONNAIRE_RETIRED,
                t(
                    f"Questionnaire {questionnaire_id!r} is no longer offered; answer {self.offered.id!r} instead.",
                    f"问卷 {questionnaire_id!r} 已停用，请改为填写 {self.offered.id!r}。",
                ),
                field,
            )
        return questionnaire


def parse_document_text(text: str, *, source: str) -> Questionnaire:
    """Decode (decimals stay exact) and validate one questionnaire file."""
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise QuestionnaireDefinitionError(source, [f"not valid JSON: {error}"]) from None
    return parse_questionnaire(document, source=source)


def load_registry(files: Iterable[tuple[str, str]]) -> Registry:
    """A registry from ``(source name, JSON text)`` pairs."""
    return Registry(parse_document_text(text, source=source) for source, text in files)


def _shipped_files() -> list[tuple[str, str]]:
    folder = resources.files(VERSIONS_PACKAGE)
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8")) for entry in folder.iterdir() if entry.name.endswith(".json")
    )


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The shipped questionnaire versions (loaded and validated on first use)."""
    return load_registry(_shipped_files())
