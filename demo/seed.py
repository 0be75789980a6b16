"""``robo seed-demo``: loads the demo data of every domain, in dependency order, in one
transaction. Refused when ROBO_ENV=production. Each domain's ``demo.seed`` gets the session,
the clock, the settings and what earlier steps returned."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from demo import users as users_demo
from users.models import User


def database_is_empty(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(User)) or 0) == 0


def demo_users_present(session: Session) -> bool:
    """Whether the demo log-ins exist (so printing them helps)."""
    emails = [login.email for login in users_demo.DEMO_LOGINS]
    return (session.scalar(select(func.count()).select_from(User).where(User.email.in_(emails))) or 0) == len(emails)


def seed_all(*, session: Session, clock: Clock, settings: Settings) -> dict[str, Any]:
    if settings.is_production:
        raise DomainError(
            CommonErrorCode.FORBIDDEN,
            t("Demo data is never loaded when ROBO_ENV=production.", "ROBO_ENV=production 时不会加载演示数据。"),
        )
    seeded: dict[str, Any] = {"users": users_demo.seed(session=session, clock=clock, settings=settings)}
    for name, seed in domain_seeders():
        seeded[name] = seed(session=session, clock=clock, settings=settings, seeded=seeded)
        session.flush()
    return seeded


# Domain demo modules after the users, in dependency order. Each may define
# ``seed(*, session, clock, settings, seeded)``; ``seeded[name]`` keeps what it returns.
DOMAIN_DEMOS = (
    ("questionnaire", "demo.questionnaire"),
    ("products", "demo.products"),
    ("wallet", "demo.wallet"),
    ("advisor", "demo.advisor"),
    ("investing", "demo.investing"),
    ("lending", "demo.lending"),
    ("securitisation", "demo.securitisation"),
    ("automation", "demo.automation"),
)


def domain_seeders():
    import importlib

    for name, module_name in DOMAIN_DEMOS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue  # that domain has no demo data yet
            raise
        seed = getattr(module, "seed", None)
        if seed is not None:
            yield name, seed
