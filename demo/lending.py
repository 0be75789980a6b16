"""Demo credit and lending: the small-loan company is funded (¥20m capital, ¥10m bank line),
the scorecard is fitted on simulated merchants, and two merchants (the first, a good one, is
``merchant@example.com``, password ``demo-pass-2026``) trade for sixteen months through the real
payment and escrow services and borrow through the real lending service, so the demo has a
small loan book with scores, reasons, schedules and collected instalments. The demo merchant
once takes everything to the bank at the end of a due date: that instalment falls overdue and
is repaid from the guarantee payments released to it in the next days (repayments with source
SALES: "repay from sales")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from core.clock import Clock
from core.settings import Settings
from demo.users import DEMO_PASSWORD, MERCHANT_LOGIN
from lending import schedule, simulation

DEMO_MERCHANT = MERCHANT_LOGIN.email
MONTHS = 16
MERCHANTS, BUYERS = 2, 30
USERS = MERCHANTS + BUYERS  # the simulated merchants and their buyers


def simulate(**kwargs: Any) -> simulation.Report:
    """``robo simulate merchants`` (the CLI reaches the simulation through the demo package)."""
    return simulation.simulate(**kwargs)


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict:
    now = clock.local_now()
    first = schedule.add_months(now.date(), -MONTHS)
    start = now.replace(hour=8, minute=0, second=0, microsecond=0) - timedelta(days=(now.date() - first).days)
    report = simulation.simulate(
        transact=lambda fn: fn(session),
        settings=settings,
        start=start,
        count=MERCHANTS,
        qualities=[0.93, 0.7],
        months=MONTHS,
        seed=11,
        buyers=BUYERS,
        borrow_share=1.0,
        prefix="demo",
        fit_count=3000,
        emails=[DEMO_MERCHANT],
        password=DEMO_PASSWORD,
        late_once=[0],
    )
    return {"merchants": report.merchant_ids, "loans": report.loans}
