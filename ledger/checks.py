"""The results of ``verify``, kept: ``robo ledger verify`` and an operator's ``runLedgerCheck``
both run ``run_check``, which reads the ledger in one snapshot (``verify``), then records what
it found in ``ledger_checks`` in a short write transaction of its own; ``latest`` is the
newest result (the web console's "last ledger check").

Runs at the same time do not interfere: each reads its own snapshot and adds its own row
(rows are never updated), and ``latest`` orders by when a run read the ledger, so a run that
started earlier but finished later never hides a newer snapshot's result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from db.session import Database
from ledger.models import LedgerCheck
from ledger.verify import verify

MAX_PROBLEMS_KEPT = 500  # verify reports at most 20 examples per check: far below this
RAN_BY_LENGTH = 254


@dataclass(frozen=True, slots=True)
class CheckResult:
    id: int
    ran_at: datetime
    ran_by: str
    ok: bool
    problems: tuple[str, ...]


def _result(row: LedgerCheck) -> CheckResult:
    return CheckResult(row.id, row.ran_at, row.ran_by, row.ok, tuple(row.problems or ()))


def record(*, session: Session, ran_at: datetime, ran_by: str, problems: list[str]) -> CheckResult:
    """Keep one run's result (``problems`` empty: every invariant held)."""
    row = LedgerCheck(
        ran_at=ran_at, ran_by=ran_by[:RAN_BY_LENGTH], ok=not problems, problems=list(problems[:MAX_PROBLEMS_KEPT])
    )
    session.add(row)
    session.flush()
    return _result(row)


def run_check(*, database: Database, clock: Clock, ran_by: str) -> CheckResult:
    """Verify the ledger (one read snapshot) and record the result. Synchronous: ``verify``
    is a handful of set-based queries."""
    ran_at = clock.now()
    with database.read() as session:
        problems = verify(session)
    with database.write() as session:
        return record(session=session, ran_at=ran_at, ran_by=ran_by, problems=problems)


def latest(session: Session) -> CheckResult | None:
    """The newest result (by the time its run read the ledger), or None before the first run."""
    row = session.scalars(
        select(LedgerCheck).order_by(LedgerCheck.ran_at.desc(), LedgerCheck.id.desc()).limit(1)
    ).first()
    return None if row is None else _result(row)
