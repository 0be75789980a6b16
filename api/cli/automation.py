"""``robo automation``: automatic investing (the server also runs today's periodically).

    robo automation run [--date D] [--shard K/N]   D's scheduled plans (定投) and automatic
                                                   rebalancing, the new plans of goals in review
                                                   (a withdrawn product), then their notifications

Idempotent: each instalment (plan, scheduled date) and each goal's rebalance (goal, day) happens
once however often, late or concurrently it runs; ``--shard K/N`` runs only the plans and goals
whose id is K modulo N, so N workers can split the night.
"""

from __future__ import annotations

import typer

from api.cli.common import console, domain_errors_exit, fail, open_services
from api.cli.funds import parse_day
from notifications import service as notifications_service

app = typer.Typer(no_args_is_help=True)


@app.command("run")
def run(
    date_text: str = typer.Option(None, "--date", help="The business day D, YYYY-MM-DD (default: today)."),
    shard: str = typer.Option("0/1", "--shard", help="K/N: only ids equal to K modulo N."),
) -> None:
    """Run D's scheduled plans and automatic rebalancing, then tell the users."""
    services = open_services()
    day = parse_day(date_text, services.clock.today())
    try:
        k, n = (int(part) for part in shard.split("/"))
        assert n >= 1 and 0 <= k < n
    except (ValueError, AssertionError):
        fail("--shard is K/N with 0 <= K < N")
    with domain_errors_exit():
        report = notifications_service.run_automation(
            database=services.db, clock=services.clock, settings=services.settings, day=day, shard=(k, n)
        )
    plans, rebalancing = report.plans, report.rebalancing
    console.print(
        f"{day.isoformat()}: {plans.plans} plan(s): {plans.invested} instalment(s) placed, {plans.skipped} skipped, "
        f"{plans.paused} plan(s) paused; {rebalancing.goals} goal(s) with automatic rebalancing: "
        f"{rebalancing.rebalanced} rebalanced, {rebalancing.awaiting_cash} waiting for cash, {rebalancing.failed} failed; "
        f"{report.new_plans} goal(s) in review given a new plan to accept or decline."
    )
