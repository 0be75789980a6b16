"""Demo recommendations (``robo seed-demo``; never in production): each demo customer gets one
stored recommendation for ¥100,000 with ¥10,000 kept in money funds, computed by the real
optimiser on the demo catalogue, so every category shows its own mix (the investing demo may
invest in them). Built with its own model cache: one scenario generation and five solves.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from advisor import recommendations
from advisor.eligibility import AdviceRequest
from advisor.model_cache import ModelCache
from advisor.models import Recommendation
from core.clock import Clock
from core.settings import Settings

DEMO_CUSTOMERS = ("alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com", "erin@example.com")
DEMO_REQUEST = AdviceRequest(amount=Decimal("100000"), liquidity_need=Decimal("10000"))


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict[str, Recommendation]:
    """A stored recommendation per demo customer with a risk profile; returns them by email."""
    users = seeded["users"]
    cache = ModelCache()
    stored = {}
    for email in DEMO_CUSTOMERS:
        user = users.get(email)
        if user is None:
            continue
        advice = recommendations.compute(
            session=session,
            clock=clock,
            settings=settings,
            cache=cache,
            user_id=user.id,
            locale=user.locale,
            request=DEMO_REQUEST,
        )
        stored[email] = recommendations.store(session=session, now=clock.now(), user_id=user.id, advice=advice)
    return stored
