"""``robo users``: create accounts, set roles, freeze and unfreeze."""

from __future__ import annotations

import typer

from api.cli.common import console, domain_errors_exit, fail, open_services
from users import service
from users.roles import Role

app = typer.Typer(no_args_is_help=True)

ROLE_HELP = "customer | product-manager | operator"


def _role(text: str) -> Role:
    try:
        return Role.parse(text)
    except ValueError:
        fail(f"Unknown role {text!r}; use {ROLE_HELP}.")


@app.command()
def create(
    email: str = typer.Option(..., help="Email (the log-in)."),
    password: str = typer.Option(..., help="At least 10 characters."),
    role: str = typer.Option("customer", help=ROLE_HELP),
    display_name: str = typer.Option(None, help="Name shown in the apps."),
) -> None:
    """Create an account."""
    services = open_services()
    with domain_errors_exit(), services.db.write() as session:
        user = service.create_user(
            session=session,
            email=email,
            password=password,
            display_name=display_name,
            roles={_role(role)},
            clock=services.clock,
            settings=services.settings,
        )
        console.print(f"Created user {user.id} <{user.email}> with role {_role(role).value}.")


@app.command("set-role")
def set_role(
    email: str = typer.Option(...),
    role: list[str] = typer.Option(..., help=f"{ROLE_HELP}; repeat to give several."),
) -> None:
    """Replace the user's roles with the given ones."""
    roles = {_role(r) for r in role}
    services = open_services()
    with domain_errors_exit(), services.db.write() as session:
        user = service.set_roles(session=session, email=email, roles=roles, clock=services.clock)
        console.print(f"{user.email} now has roles {', '.join(sorted(r.value for r in user.roles))}.")


@app.command()
def freeze(email: str = typer.Option(...)) -> None:
    """Freeze an account: it can sign in and read, but cannot move money."""
    services = open_services()
    with domain_errors_exit(), services.db.write() as session:
        user = service.set_frozen(session=session, email=email, frozen=True, clock=services.clock)
        console.print(f"{user.email} is frozen.")


@app.command()
def unfreeze(email: str = typer.Option(...)) -> None:
    """Lift a freeze."""
    services = open_services()
    with domain_errors_exit(), services.db.write() as session:
        user = service.set_frozen(session=session, email=email, frozen=False, clock=services.clock)
        console.print(f"{user.email} is no longer frozen.")
