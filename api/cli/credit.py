"""``robo credit``: the scorecard model and the nightly scores.

    robo credit fit --from-simulation [--count N] [--seed S]   fit on simulated merchants (the first model)
    robo credit fit --from-book                                fit on the book's resolved loans
    robo credit score [--date D]                               score every consenting user as of D (default today)

Every model is versioned and stored; every score keeps its model version and its inputs.
Scoring a date again changes nothing (one score per user, date and model).
"""

from __future__ import annotations

import typer

from api.cli.common import console, domain_errors_exit, fail, open_services
from api.cli.funds import parse_day
from credit import service as credit_service

app = typer.Typer(no_args_is_help=True)


@app.command("fit")
def fit(
    from_simulation: bool = typer.Option(False, "--from-simulation", help="Fit on simulated merchants."),
    from_book: bool = typer.Option(False, "--from-book", help="Fit on the book's real outcomes."),
    count: int = typer.Option(20000, "--count", help="Simulated merchants (with --from-simulation)."),
    seed: int = typer.Option(7, "--seed", help="Seed of the simulation and of the 70/30 split."),
) -> None:
    """Fit the scorecard and make it the active model."""
    if from_simulation == from_book:
        fail("Give exactly one of --from-simulation and --from-book.")
    services = open_services()
    with domain_errors_exit(), services.db.write() as session:
        if from_simulation:
            model = credit_service.fit_from_simulation(session=session, clock=services.clock, count=count, seed=seed)
        else:
            model = credit_service.fit_from_book(session=session, clock=services.clock, seed=seed)
        version, metrics, grades = model.version, dict(model.metrics), list(model.grades)
    console.print(f"Model {version} is active: {metrics}")
    for grade in grades:
        console.print(
            f"  grade {grade['grade']}: from {grade['min_score']} points, PD {grade['pd']} ({grade['n']} rows)"
        )


@app.command("score")
def score(date_text: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: today).")) -> None:
    """Score every consenting user with the active model as of D (nightly)."""
    services = open_services()
    day = parse_day(date_text, services.clock.today())
    with domain_errors_exit(), services.db.write() as session:
        written = credit_service.score_users(
            session=session, clock=services.clock, settings=services.settings, as_of=day
        )
    console.print(f"{written} score(s) written for {day.isoformat()}.")
