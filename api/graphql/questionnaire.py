"""GraphQL surface of the questionnaire domain (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class QuestionnaireViewerFields:
    """Fields this domain adds to the signed-in User."""


@strawberry.type
class QuestionnaireQuery:
    """Root query fields of this domain."""


@strawberry.type
class QuestionnaireMutation:
    """Root mutation fields of this domain."""
