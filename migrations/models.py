"""Imports every domain's models so that ``Base.metadata`` knows all tables (for Alembic's
autogenerate and for the test that compares models with migrations)."""

from __future__ import annotations

import advisor.models  # noqa: F401
import credit.models  # noqa: F401
import investing.models  # noqa: F401
import jobs.models  # noqa: F401
import ledger.models  # noqa: F401
import lending.models  # noqa: F401
import notifications.models  # noqa: F401
import products.credit_events
import products.models  # noqa: F401
import questionnaire.models  # noqa: F401
import securitisation.models  # noqa: F401
import tradingcalendar.models  # noqa: F401
import users.models  # noqa: F401
import wallet.models  # noqa: F401
from db.base import Base

metadata = Base.metadata
