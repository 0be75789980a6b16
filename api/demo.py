"""``robo seed-demo``: loads the demo data of every domain, in dependency order, in one
transaction. Refused when ROBO_ENV=production. Each domain's ``demo.seed`` gets the session,
the clock, the settings and what earlier steps returned."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError
from users import demo as users_demo
from users.models import User


def database_is_empty(session: Session) -> bool:
    return (session.scalar(select(func.count()).select_from(User)) or 0) == 0


def seed_all(*, session: Session, clock: Clock, settings) -> dict[str, Any]:
    if settings.is_production:
        raise DomainError(CommonErrorCode.FORBIDDEN, "Demo data is never loaded when ROBO_ENV=production.")
    seeded: dict[str, Any] = {"users": users_demo.seed(session=session, clock=clock, settings=settings)}
    for step in _domain_steps():
        seeded[step.__module__] = step(session=session, clock=clock, settings=settings, seeded=seeded)
    return seeded


def _domain_steps():
    """Domain seeders after the users, in dependency order (added as domains land)."""
    return []
