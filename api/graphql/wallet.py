"""GraphQL surface of the wallet domain (being built)."""

from __future__ import annotations

import strawberry


@strawberry.type
class WalletViewerFields:
    """Fields this domain adds to the signed-in User."""


@strawberry.type
class WalletQuery:
    """Root query fields of this domain."""


@strawberry.type
class WalletMutation:
    """Root mutation fields of this domain."""
