"""GraphQL surface of the advisor domain (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class AdvisorViewerFields:
    """Fields this domain adds to the signed-in User."""


@strawberry.type
class AdvisorQuery:
    """Root query fields of this domain."""


@strawberry.type
class AdvisorMutation:
    """Root mutation fields of this domain."""
