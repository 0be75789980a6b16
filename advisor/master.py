"""The platform's optimisation problem over a working set: ``RestrictedMaster`` is compiled once
(cvxpy, DPP) with slots for ``columns`` products and ``rows`` scenarios, and re-solved with
new numbers for every user and every round of row and column generation (``advisor.platform``).

    maximise    mu'w - risk_aversion x CVaR(w)
    subject to  sum(w) = 1, 0 <= w <= upper              (Budget, WeightBounds)
                money'w >= floor, illiquid'w <= cap, p2p'w <= cap   (GroupLimitsPiece)
                CVaR(w) <= tail_cap                      (RiskCeiling)
                CVaR over the scenario rows in the set   (ScenarioSubsetCVaR)

Every value that changes per user or per round is a Parameter: expected returns, upper
bounds (0 excludes a product: unsuitable, qualified-only, locked beyond the horizon, below
its minimum, or an empty slot), the group coefficients and limits (the liquidity floor as a
fraction of the amount, the category's illiquid and P2P shares), the CVaR ceiling, the
risk aversion, and the scenario rows with their weights.

Slot 0 is an artificial asset that returns nothing in every scenario, counts towards the
liquidity floor and is penalised by ``ARTIFICIAL_PENALTY`` a year: it keeps every restricted
problem feasible (a working set may lack the products a user needs), and a solution that
still holds it after generation means the full problem is infeasible.

A master holds its Parameter values and its solver's basis, so it serves one solve at a time.
The platform solves the same programme straight in HiGHS (``advisor.highs_master``, no
canonicalisation per solve) and comes here, with Clarabel first, only when HiGHS fails.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cvxpy as cp
import numpy as np

from advisor.pieces import Budget, ExpectedReturn, GroupLimitsPiece, RiskCeiling, ScenarioSubsetCVaR, WeightBounds
from advisor.solving import SolutionRejected, SolveReport, SolverPlan, plan_for, solve
from core.errors import t

ARTIFICIAL = 0
ARTIFICIAL_PENALTY = 10.0
GROUPS = ("money", "illiquid", "p2p")  # rows of the group matrix


@dataclass(frozen=True, eq=False)
class MasterInputs:
    """The numbers of one solve, slot by slot (``rows`` x ``columns``)."""

    returns: np.ndarray  # rows x columns
    row_weights: np.ndarray  # rows
    expected: np.ndarray  # columns
    upper: np.ndarray  # columns
    groups: np.ndarray  # 3 x columns
    group_lower: np.ndarray  # 3
    group_upper: np.ndarray  # 3
    tail_cap: float
    risk_aversion: float


@dataclass(frozen=True, eq=False)
class MasterSolution:
    weights: np.ndarray  # columns (raw solver values)
    alpha: float
    cvar: float
    row_duals: np.ndarray  # rows, >= 0
    budget_dual: float
    group_lower_duals: np.ndarray
    group_upper_duals: np.ndarray
    report: SolveReport

    def reduced_costs(
        self, expected: np.ndarray, returns: np.ndarray, groups: np.ndarray, *, duals_of: np.ndarray
    ) -> np.ndarray:
        """The gain per unit of weight of products outside the working set: their expected
        returns (m), their returns on the scenario rows in slots ``duals_of`` (len x m) and
        their group coefficients (3 x m); positive means worth adding. For the maximisation:
        ``mu - budget dual - upper duals'G + lower duals'G + row duals'R`` (cvxpy's
        multipliers of ``==``, ``<=`` and ``>=`` constraints)."""
        return (
            expected
            - self.budget_dual
            - self.group_upper_duals @ groups
            + self.group_lower_duals @ groups
            + self.row_duals[duals_of] @ returns
        )


class RestrictedMaster:
    def __init__(self, columns: int, rows: int, *, plan: SolverPlan | None = None) -> None:
        self.columns = columns
        self.rows = rows
        self.w = cp.Variable(columns, name="weights")
        self.expected = ExpectedReturn(columns)
        self.bounds = WeightBounds(columns, floors=False, caps=True)
        self.groups = GroupLimitsPiece(len(GROUPS), columns)
        self.tail = ScenarioSubsetCVaR(self.w, rows)
        self.ceiling = RiskCeiling(self.tail)
        self.risk_aversion = cp.Parameter(nonneg=True, name="risk_aversion")
        budget = Budget().constraints(self.w, 1.0)
        group_constraints = self.groups.constraints(self.w, 1.0)
        self._budget = budget[0]
        self._group_lower, self._group_upper = group_constraints
        constraints = (
            self.tail.constraints()
            + budget
            + self.bounds.constraints(self.w, 1.0)
            + group_constraints
            + self.ceiling.constraints(self.w, 1.0)
        )
        objective = cp.Maximize(self.expected.of(self.w) - self.risk_aversion * self.tail.risk())
        self.problem = cp.Problem(objective, constraints)
        self.plan = plan or plan_for(self.problem)

    def solve(self, inputs: MasterInputs, *, earlier: tuple[tuple[str, str], ...] = ()) -> MasterSolution:
        """Solve with ``inputs``; ``earlier`` are attempts already made (reported first)."""
        self.tail.scenarios.value = inputs.returns
        self.tail.weights.value = inputs.row_weights
        self.expected.mu.value = inputs.expected
        self.bounds.upper.value = inputs.upper
        self.groups.matrix.value = inputs.groups
        self.groups.lower.value = inputs.group_lower
        self.groups.upper.value = inputs.group_upper
        self.ceiling.target.value = inputs.tail_cap
        self.risk_aversion.value = inputs.risk_aversion

        def accept() -> MasterSolution:
            values = (
                self.w.value,
                self.tail.alpha.value,
                self.tail.value.value,
                self.tail.rows.dual_value,
                self._budget.dual_value,
            )
            if any(value is None for value in values):
                raise SolutionRejected("the solver returned no values or multipliers")
            weights, alpha, cvar, row_duals, budget_dual = values
            return MasterSolution(
                weights=np.asarray(weights, dtype=float),
                alpha=float(alpha),
                cvar=float(cvar),
                row_duals=np.maximum(np.asarray(row_duals, dtype=float), 0.0),
                budget_dual=float(budget_dual),
                group_lower_duals=np.maximum(np.asarray(self._group_lower.dual_value, dtype=float), 0.0),
                group_upper_duals=np.maximum(np.asarray(self._group_upper.dual_value, dtype=float), 0.0),
                report=None,  # filled below
            )

        report, solution = solve(
            self.problem,
            plan=self.plan,
            accept=accept,
            what=t(
                f"the platform problem ({self.columns} products in the working set)",
                f"平台优化问题（工作集中有 {self.columns} 个产品）",
            ),
        )
        return replace(solution, report=replace(report, attempts=earlier + report.attempts))
