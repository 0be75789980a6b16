"""Error codes of the ledger (merged into the GraphQL ``ErrorCode`` enum)."""

from __future__ import annotations

from enum import StrEnum


class LedgerErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    INVALID_IDEMPOTENCY_KEY = "INVALID_IDEMPOTENCY_KEY"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS"
    # the settable clock of dev and test (ledger.clock)
    CLOCK_NOT_SETTABLE = "CLOCK_NOT_SETTABLE"
    CLOCK_BEFORE_LEDGER = "CLOCK_BEFORE_LEDGER"
