"""Error codes of the job runs (merged into the GraphQL ``ErrorCode`` enum)."""

from __future__ import annotations

from enum import StrEnum


class JobErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    JOB_RUN_NOT_FOUND = "JOB_RUN_NOT_FOUND"
    JOB_RUN_NOT_FAILED = "JOB_RUN_NOT_FAILED"
