"""``robo simulate merchants --count N --months M --seed S``: merchants with a hidden quality
trade with simulated buyers through the real payment and escrow services and borrow through
the real lending service (``lending.simulation``), on a clock of the simulation's own that
ends now. Refused when ROBO_ENV=production."""

from __future__ import annotations

from datetime import timedelta

import typer

from api.cli.common import console, fail, open_services
from demo import lending as lending_demo
from lending import service as lending_service

app = typer.Typer(no_args_is_help=True)


@app.command("merchants")
def merchants(
    count: int = typer.Option(20, "--count", help="Merchants."),
    months: int = typer.Option(12, "--months", help="Months simulated, ending today."),
    seed: int = typer.Option(1, "--seed"),
) -> None:
    """Simulate merchants, their sales and their loans."""
    services = open_services()
    if services.settings.is_production:
        fail("Simulations are never run when ROBO_ENV=production.")
    now = services.clock.local_now()
    start_day = lending_service.add_months(now.date(), -months)
    start = now - timedelta(days=(now.date() - start_day).days)

    def transact(fn):
        with services.db.write() as session:
            return fn(session)

    report = lending_demo.simulate(
        transact=transact,
        settings=services.settings,
        start=start,
        count=count,
        months=months,
        seed=seed,
        prefix=f"sim{seed}",
    )
    console.print(
        f"{report.merchants} merchants, {report.orders} orders, {report.applications} applications "
        f"({report.loans} loans, {report.declined} declined), {report.collected / 100:.2f} CNY collected."
    )
