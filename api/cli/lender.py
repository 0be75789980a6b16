"""``robo lender``: the small-loan company's funding.

robo lender fund --capital 10000000     record paid-in capital
robo lender fund --bank-line 5000000    draw a bank line (at most ROBO_LENDER_BANK_BORROWING_RATIO x capital)
robo lender show                        capital, bank borrowing, loans outstanding, what is left to lend
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import typer

from api.cli.common import console, domain_errors_exit, fail, open_services
from core.money import Money
from lending import service as lending_service

app = typer.Typer(no_args_is_help=True)


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        fail(f"Bad amount {text!r}.")


@app.command("fund")
def fund(
    capital: str = typer.Option(None, "--capital", help="Capital paid in (CNY)."),
    bank_line: str = typer.Option(None, "--bank-line", help="Bank borrowing drawn (CNY)."),
    note: str = typer.Option(None, "--note"),
) -> None:
    """Record capital or bank borrowing of the lender (a balanced ledger entry each)."""
    if (capital is None) == (bank_line is None):
        fail("Give exactly one of --capital and --bank-line.")
    services = open_services()
    kind = lending_service.CAPITAL if capital is not None else lending_service.BANK_LINE
    with domain_errors_exit(), services.db.write() as session:
        lending_service.fund(
            session=session,
            clock=services.clock,
            settings=services.settings,
            kind=kind,
            amount=_amount(capital if capital is not None else bank_line),
            actor="command line (robo lender fund)",
            note=note,
        )
    show()


@app.command("show")
def show() -> None:
    """The lender's position."""
    services = open_services()
    with services.db.read() as session:
        figures = lending_service.figures(session)
    text = lambda minor: Money.from_minor(minor, "CNY").text()  # noqa: E731
    console.print(
        f"capital {text(figures.capital)}, bank borrowing {text(figures.bank_borrowing)}, "
        f"loans outstanding {text(figures.outstanding)}, provisions {text(figures.provisions)}, "
        f"available to lend {text(figures.available)}"
    )
