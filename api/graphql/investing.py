"""GraphQL surface of the investing domain (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class InvestingViewerFields:
    """Fields this domain adds to the signed-in User."""


@strawberry.type
class InvestingQuery:
    """Root query fields of this domain."""


@strawberry.type
class InvestingMutation:
    """Root mutation fields of this domain."""
