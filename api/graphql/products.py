"""GraphQL surface of the products domain (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class ProductsViewerFields:
    """Fields this domain adds to the signed-in User."""


@strawberry.type
class ProductsQuery:
    """Root query fields of this domain."""


@strawberry.type
class ProductsMutation:
    """Root mutation fields of this domain."""
