"""Demo log-ins (never loaded when ROBO_ENV=production): five customers who will end up in
five different risk categories, two product managers (four eyes) and an operator; and the
demo merchant, whom the lending demo creates."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from core.clock import Clock
from core.settings import Settings
from users import service
from users.models import User
from users.roles import Role

DEMO_PASSWORD = "demo-pass-2026"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    display_name: str
    role: Role
    locale: str
    note: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("alice@example.com", "Alice Wang", Role.CUSTOMER, "zh-CN", "customer, cautious (C1)"),
    DemoLogin("bob@example.com", "Bob Li", Role.CUSTOMER, "en", "customer, C2"),
    DemoLogin("carol@example.com", "Carol Zhang", Role.CUSTOMER, "zh-CN", "customer, C3"),
    DemoLogin("dave@example.com", "Dave Chen", Role.CUSTOMER, "en", "customer, C4"),
    DemoLogin("erin@example.com", "Erin Zhao", Role.CUSTOMER, "zh-CN", "customer, C5, qualified investor"),
    DemoLogin("pm1@example.com", "Product Manager One", Role.PRODUCT_MANAGER, "en", "product manager"),
    DemoLogin("pm2@example.com", "Product Manager Two", Role.PRODUCT_MANAGER, "zh-CN", "product manager (approver)"),
    DemoLogin("ops@example.com", "Operator", Role.OPERATOR, "en", "operator"),
)


# The demo merchant, created by the lending demo (``demo.lending``, through the simulation with
# its sixteen months of sales) and listed with the log-ins above.
MERCHANT_LOGIN = DemoLogin(
    "merchant@example.com",
    "Demo merchant",
    Role.CUSTOMER,
    "en",
    "merchant: credit score, loans, an instalment repaid from sales",
)


def all_logins() -> tuple[DemoLogin, ...]:
    """Every demo log-in, as ``robo seed-demo`` and ``robo demo-logins`` print them."""
    return (*DEMO_LOGINS, MERCHANT_LOGIN)


def seed(*, session: Session, clock: Clock, settings: Settings) -> dict[str, User]:
    """Create the demo log-ins; returns them by email."""
    users: dict[str, User] = {}
    for login in DEMO_LOGINS:
        users[login.email] = service.create_user(
            session=session,
            email=login.email,
            password=DEMO_PASSWORD,
            display_name=login.display_name,
            roles={login.role},
            locale=login.locale,
            clock=clock,
            settings=settings,
        )
    return users
