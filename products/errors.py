"""Error codes of the products domain."""

from __future__ import annotations

from enum import StrEnum


class ProductsErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    PRODUCTS_UNAVAILABLE = "PRODUCTS_UNAVAILABLE"
