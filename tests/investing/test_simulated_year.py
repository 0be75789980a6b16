"""The proof of the dates-of-record, income and figures rules: a simulated year (365 days from
2026-12-01, across the 2026/2027 year end with the 2027 closures imported), 30 seeded random
customers, jobs sometimes late or run twice, checked every day against an independent
reference model (``tests.simulation``). On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.simulation.year import SimulatedYear, YearPlan


@pytest.mark.slow
def test_a_simulated_year_loses_no_fen_and_keeps_every_date_of_record(db, clock, settings):
    year = SimulatedYear(
        db, clock, settings, YearPlan(users=30, days=365, actions_per_day=4.0, figures_every=1, plan_every=1)
    )
    summary = year.run()
    # The year exercised what it is meant to: orders, income every day, loans, late and repeated runs.
    assert summary.distributions >= 360  # every day's income but the last few (late runs catch up)
    assert summary.orders > 500 and summary.payments > 50 and summary.cancellations > 10 and summary.refusals > 5
    assert summary.loan_payments > 20 and summary.late_runs > 20 and summary.repeated_runs > 20
    assert summary.figure_checks == 365 and summary.plans == 365  # pages and plans, every day
