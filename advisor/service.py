"""The advisor as the API and the CLI call it: recommendations (computed and stored, read
back exactly as stored), the efficient frontier, investing in a plan and keeping it on
track (nothing in ``advisor`` imports this module)."""

from __future__ import annotations

from advisor.eligibility import AdviceRequest
from advisor.frontier import Frontier, FrontierPoint, efficient_frontier
from advisor.model_cache import ModelCache
from advisor.plans import invest_in_plan
from advisor.rebalancing import DRIFT_LIMIT, Drifted, drifted_plans
from advisor.rebalancing import check_plan as check_rebalance
from advisor.recommendations import get as recommendation
from advisor.recommendations import recommend, shown_percents, stored_limits
from advisor.relaxation import RelaxationCode

__all__ = [
    "DRIFT_LIMIT",
    "AdviceRequest",
    "Drifted",
    "Frontier",
    "FrontierPoint",
    "ModelCache",
    "RelaxationCode",
    "check_rebalance",
    "drifted_plans",
    "efficient_frontier",
    "invest_in_plan",
    "recommend",
    "recommendation",
    "shown_percents",
    "stored_limits",
]
