"""Error codes of the advisor domain and ``AdviceError``, the one exception the optimizer
raises: a code that names what blocks the advice and a message that says what to change."""

from __future__ import annotations

from enum import StrEnum

from core.errors import DomainError, Text


class AdvisorErrorCode(StrEnum):
    """Codes this domain raises in DomainError."""

    # The optimizer was given data or parameters it cannot use (shapes, NaN, a covariance
    # that is not positive semidefinite, a CVaR level with no scenario in the tail, ...).
    INVALID_OPTIMIZER_INPUT = "INVALID_OPTIMIZER_INPUT"
    # Infeasible requests, named by the constraint that binds.
    WEIGHT_BOUNDS_INFEASIBLE = "WEIGHT_BOUNDS_INFEASIBLE"
    GROUP_LIMITS_INFEASIBLE = "GROUP_LIMITS_INFEASIBLE"
    TARGET_RETURN_UNATTAINABLE = "TARGET_RETURN_UNATTAINABLE"
    TARGET_RISK_UNATTAINABLE = "TARGET_RISK_UNATTAINABLE"
    NO_EXCESS_RETURN = "NO_EXCESS_RETURN"
    INFEASIBLE = "INFEASIBLE"
    # The objective has no finite optimum (e.g. return per unit of a CVaR that can be <= 0).
    UNBOUNDED = "UNBOUNDED"
    # Both solvers failed (error, iteration limit, or an answer that breaks the constraints).
    SOLVER_FAILED = "SOLVER_FAILED"
    # Recommendations: the request, and what blocks advice for this user.
    ASSESSMENT_REQUIRED = "ASSESSMENT_REQUIRED"
    INVALID_HORIZON = "INVALID_HORIZON"
    AMOUNT_TOO_LARGE = "AMOUNT_TOO_LARGE"
    AMOUNT_BELOW_MINIMUM = "AMOUNT_BELOW_MINIMUM"
    NO_ELIGIBLE_PRODUCT = "NO_ELIGIBLE_PRODUCT"
    KIND_LIMITS_INFEASIBLE = "KIND_LIMITS_INFEASIBLE"
    RISK_LIMIT_UNATTAINABLE = "RISK_LIMIT_UNATTAINABLE"
    INVALID_FRONTIER_POINTS = "INVALID_FRONTIER_POINTS"
    # Plans: investing in a stored recommendation and rebalancing.
    PLAN_ALREADY_INVESTED = "PLAN_ALREADY_INVESTED"
    PLAN_NOT_INVESTABLE = "PLAN_NOT_INVESTABLE"
    NO_PLAN_TO_REBALANCE = "NO_PLAN_TO_REBALANCE"
    # Automatic investing: goals, scheduled plans (定投) and automatic rebalancing.
    GOAL_CATEGORY_TOO_HIGH = "GOAL_CATEGORY_TOO_HIGH"
    INVALID_GOAL = "INVALID_GOAL"
    GOAL_CLOSED = "GOAL_CLOSED"
    INVALID_SCHEDULE = "INVALID_SCHEDULE"
    PLAN_CANCELLED = "PLAN_CANCELLED"
    NO_MONEY_FUND_TO_PAY_FROM = "NO_MONEY_FUND_TO_PAY_FROM"
    TERMS_VERSION_OUTDATED = "TERMS_VERSION_OUTDATED"
    GOAL_NEEDS_REVIEW = "GOAL_NEEDS_REVIEW"
    NO_PLAN_TO_REVIEW = "NO_PLAN_TO_REVIEW"
    PLAN_CHANGED = "PLAN_CHANGED"


class AdviceError(DomainError):
    """A refusal of the optimizer. ``constraint`` names the parameter that binds
    (``"target_return"``, ``"groups"``, ...) so a caller can relax it; ``field`` stays the
    client's input name, which only the platform layer knows."""

    def __init__(
        self,
        code: AdvisorErrorCode,
        message: Text,
        field: str | None = None,
        *,
        constraint: str | None = None,
    ) -> None:
        super().__init__(code, message, field)
        self.constraint = constraint

    def __repr__(self) -> str:
        return f"AdviceError({self.code!s}, {self.message!r}, field={self.field!r}, constraint={self.constraint!r})"
