"""The advisor as the API and the CLI call it: recommendations (computed and stored, read
back exactly as stored), the efficient frontier, investing in a plan and keeping it on
track (nothing in ``advisor`` imports this module)."""

from __future__ import annotations

from advisor import auto_rebalance, automation, goals, investment_plans, performance, schedules
from advisor.eligibility import AdviceRequest
from advisor.frontier import Frontier, FrontierPoint, efficient_frontier
from advisor.model_cache import ModelCache
from advisor.plans import invest_in_plan
from advisor.rebalancing import DRIFT_LIMIT, Drifted, drifted_plans
from advisor.rebalancing import check_plan as check_rebalance
from advisor.recommendations import get as recommendation
from advisor.recommendations import recommend, shown_percents, stored_limits
from advisor.recommendations import store as store_recommendation
from advisor.relaxation import RelaxationCode

__all__ = [
    "DRIFT_LIMIT",
    "AdviceRequest",
    "Drifted",
    "Frontier",
    "FrontierPoint",
    "ModelCache",
    "RelaxationCode",
    "auto_rebalance",
    "automation",
    "check_rebalance",
    "drifted_plans",
    "efficient_frontier",
    "goals",
    "invest_in_plan",
    "investment_plans",
    "performance",
    "recommend",
    "recommendation",
    "schedules",
    "shown_percents",
    "store_recommendation",
    "stored_limits",
]
