"""Error codes of the wallet domain."""

from __future__ import annotations

from enum import StrEnum


class WalletErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    WALLET_UNAVAILABLE = "WALLET_UNAVAILABLE"
