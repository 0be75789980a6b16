"""The ledger as the API and the CLI call it: the users' transaction history, the
verification of every invariant (``robo ledger verify``), whose results are kept (``run_check``,
``latest_check``), and the platform's settable clock of dev and test (``ledger.clock``)."""

from __future__ import annotations

from ledger.checks import CheckResult, run_check
from ledger.checks import latest as latest_check
from ledger.clock import clock_state, platform_clock, reset_clock, set_clock
from ledger.history import LineFilter
from ledger.history import count as count_transactions
from ledger.history import get as transaction
from ledger.history import line_of as history_line
from ledger.history import page as transactions_page
from ledger.outbox import Backlog, Event, backlog, concerned, events_after, events_by_id, events_for_user
from ledger.outbox import any_after as any_event_after
from ledger.outbox import ids_after as event_ids_after
from ledger.outbox import latest_id as latest_event_id
from ledger.verify import verify

__all__ = [
    "Backlog",
    "CheckResult",
    "Event",
    "LineFilter",
    "any_event_after",
    "backlog",
    "clock_state",
    "concerned",
    "count_transactions",
    "event_ids_after",
    "events_after",
    "events_by_id",
    "events_for_user",
    "history_line",
    "latest_check",
    "latest_event_id",
    "platform_clock",
    "reset_clock",
    "run_check",
    "set_clock",
    "transaction",
    "transactions_page",
    "verify",
]
