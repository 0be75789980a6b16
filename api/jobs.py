"""Jobs the server runs periodically (``PERIODIC_JOBS``); each domain adds its own here.
Every job must be idempotent and take a database lock so only one worker runs it."""

from __future__ import annotations

from api.app import PeriodicJob

PERIODIC_JOBS: list[PeriodicJob] = []
