"""Composable pieces of a mean-risk problem (in the spirit of cvxportfolio's constraint
objects): each owns its cvxpy Parameters, adds its constraints for the weights, and copies
its values from ``MeanRiskInputs`` before each solve, so a problem compiled once (DPP) is
re-solved with new numbers without being rebuilt.

Every constraint is written for ``(w, scale)``: ``scale`` is 1 for an ordinary problem and
the Charnes-Cooper variable ``kappa`` for max-Sharpe, where ``w`` holds ``kappa * weights``;
the constraints are positively homogeneous, so the same piece serves both.
"""

from __future__ import annotations

import cvxpy as cp
import numpy as np

from advisor.inputs import MeanRiskInputs
from advisor.risk_models import RiskFactors


class Budget:
    """Fully invested: the weights add up to 1."""

    def constraints(self, w: cp.Variable, scale) -> list:
        return [cp.sum(w) == scale]

    def update(self, inputs: MeanRiskInputs) -> None:
        pass


class WeightBounds:
    """Long-only ``w >= 0``, with per-asset floors ``w >= min_weights`` and caps
    ``w <= max_weights`` as Parameters only when the inputs have any (``has_floors``,
    ``has_caps``, part of the structure key): without them the problem compiled about 40%
    faster at 50 assets (measured), and a cap of 1 or more never binds a fully invested
    long-only portfolio."""

    def __init__(self, n_assets: int, *, floors: bool, caps: bool) -> None:
        self.lower = cp.Parameter(n_assets, name="min_weights") if floors else None
        self.upper = cp.Parameter(n_assets, name="max_weights") if caps else None

    @staticmethod
    def has_floors(inputs: MeanRiskInputs) -> bool:
        return bool(np.any(inputs.lower > 0))

    @staticmethod
    def has_caps(inputs: MeanRiskInputs) -> bool:
        return bool(np.any(inputs.upper < 1))

    def constraints(self, w: cp.Variable, scale) -> list:
        constraints = [w >= 0]
        if self.lower is not None:
            constraints.append(w >= cp.multiply(self.lower, scale))
        if self.upper is not None:
            constraints.append(w <= cp.multiply(self.upper, scale))
        return constraints

    def update(self, inputs: MeanRiskInputs) -> None:
        if self.lower is not None:
            self.lower.value = inputs.lower
        if self.upper is not None:
            self.upper.value = inputs.upper


class GroupLimitsPiece:
    """``lower <= A w <= upper`` for m groups. An absent limit becomes a finite value that
    cannot bind (Parameters must be finite): |a' w| <= max|a| for long-only weights."""

    def __init__(self, n_groups: int, n_assets: int) -> None:
        self.matrix = cp.Parameter((n_groups, n_assets), name="group_matrix")
        self.lower = cp.Parameter(n_groups, name="group_lower")
        self.upper = cp.Parameter(n_groups, name="group_upper")

    def constraints(self, w: cp.Variable, scale) -> list:
        exposure = self.matrix @ w
        return [exposure >= cp.multiply(self.lower, scale), exposure <= cp.multiply(self.upper, scale)]

    def update(self, inputs: MeanRiskInputs) -> None:
        groups = inputs.groups
        loose = np.max(np.abs(groups.matrix), axis=1) * max(1.0, float(np.max(inputs.upper))) + 1.0
        self.matrix.value = groups.matrix
        self.lower.value = np.where(np.isfinite(groups.lower), groups.lower, -loose)
        self.upper.value = np.where(np.isfinite(groups.upper), groups.upper, loose)


class ExpectedReturn:
    """The expected-return vector shared by the objective and the return floor."""

    def __init__(self, n_assets: int) -> None:
        self.mu = cp.Parameter(n_assets, name="expected_returns")

    def of(self, w: cp.Variable):
        return self.mu @ w

    def update(self, inputs: MeanRiskInputs) -> None:
        self.mu.value = inputs.expected_returns


class ReturnFloor:
    """``mu' w >= target_return``."""

    def __init__(self, expected: ExpectedReturn) -> None:
        self.expected = expected
        self.target = cp.Parameter(name="target_return")

    def constraints(self, w: cp.Variable, scale) -> list:
        return [self.expected.of(w) >= self.target * scale]

    def update(self, inputs: MeanRiskInputs) -> None:
        self.target.value = inputs.target_return


class ExcessReturnNormalisation:
    """Charnes-Cooper: ``(mu - rf)' y == 1`` fixes the scale of the max-Sharpe problem."""

    def __init__(self, n_assets: int) -> None:
        self.excess = cp.Parameter(n_assets, name="excess_returns")

    def constraints(self, w: cp.Variable, scale) -> list:
        return [self.excess @ w == 1]

    def update(self, inputs: MeanRiskInputs) -> None:
        self.excess.value = inputs.expected_returns - inputs.risk_free_rate


class VarianceRisk:
    """``w' S w = |G' w|^2 + |s * w|^2`` through an auxiliary ``f = G' w`` (k entries), which
    compiled 4-6x faster than stacking ``G' w`` into the norm directly (measured, n=1000).

    ``auxiliary_specific`` also moves ``s * w`` into an auxiliary ``z``, which
    ``risk_aversion x variance`` needs (a Parameter times a square holding a Parameter is not
    DPP). Elsewhere ``s * w`` stays inline: the extra n rows made the first compile of a
    volatility ceiling 4x slower at 1,000 assets (measured).
    """

    def __init__(self, w: cp.Variable, factors: RiskFactors, *, auxiliary_specific: bool = False) -> None:
        n, k = factors.exposures.shape
        self.dense = factors.dense
        self.exposures = factors.exposures if factors.dense else cp.Parameter((n, k), name="exposures")
        self.factor_part = cp.Variable(k, name="factor_exposure")
        self.specific = None
        self.specific_part = None
        if factors.specific is not None:
            self.specific = cp.Parameter(n, nonneg=True, name="specific_volatility")
            self.specific_part = cp.multiply(self.specific, w)
            if auxiliary_specific:
                self.specific_part = cp.Variable(n, name="specific_exposure")
        self.w = w

    def constraints(self) -> list:
        constraints = [self.factor_part == self.exposures.T @ self.w]
        if isinstance(self.specific_part, cp.Variable):
            constraints.append(self.specific_part == cp.multiply(self.specific, self.w))
        return constraints

    def _parts(self):
        if self.specific is None:
            return self.factor_part
        return cp.hstack([self.factor_part, self.specific_part])

    def variance(self):
        return cp.sum_squares(self._parts())

    def risk(self):
        """Volatility (a second-order cone)."""
        return cp.norm(self._parts(), 2)

    objective_risk = variance  # minimising the variance is a QP; same minimiser as volatility

    def update(self, inputs: MeanRiskInputs) -> None:
        if not self.dense:
            self.exposures.value = inputs.factors.exposures
        if self.specific is not None:
            self.specific.value = inputs.factors.specific


class CVaRRisk:
    """Rockafellar-Uryasev: ``CVaR = min alpha + 1/((1-level) T) sum_t max(0, -r_t' w - alpha)``
    as a linear programme. The scenarios are a Parameter; the tail weight ``1/((1-level) T)``
    is a constant (part of the structure key), because ``risk_aversion x CVaR`` would
    multiply two Parameters, which is not DPP."""

    def __init__(self, w: cp.Variable, n_scenarios: int, level: float) -> None:
        n = w.shape[0]
        self.scenarios = cp.Parameter((n_scenarios, n), name="scenarios")
        self.tail_weight = 1.0 / ((1.0 - level) * n_scenarios)
        self.alpha = cp.Variable(name="value_at_risk")
        self.excess_loss = cp.Variable(n_scenarios, nonneg=True, name="excess_loss")
        self.w = w

    def constraints(self) -> list:
        return [self.excess_loss >= -(self.scenarios @ self.w) - self.alpha]

    def risk(self):
        return self.alpha + self.tail_weight * cp.sum(self.excess_loss)

    objective_risk = risk

    def update(self, inputs: MeanRiskInputs) -> None:
        self.scenarios.value = inputs.scenarios


class RiskCeiling:
    """``risk(w) <= target_risk`` (volatility or CVaR)."""

    def __init__(self, risk: VarianceRisk | CVaRRisk) -> None:
        self.measure = risk
        self.target = cp.Parameter(name="target_risk")

    def constraints(self, w: cp.Variable, scale) -> list:
        return [self.measure.risk() <= self.target * scale]

    def update(self, inputs: MeanRiskInputs) -> None:
        self.target.value = inputs.target_risk


class ScenarioSubsetCVaR:
    """Rockafellar-Uryasev CVaR over a working subset of the scenarios (row generation): the
    rows are slots of a Parameter, each with a weight Parameter (the tail weight
    ``1/((1-level) T)`` of the full scenario set for a scenario in the subset, 0 for an empty
    slot), so a problem compiled once takes scenarios in and out without compiling again.
    Leaving scenarios out can only lower the value; it equals the full CVaR once every
    scenario whose loss exceeds ``alpha`` is in. ``value`` carries the CVaR, so a Parameter
    may multiply it in the objective (DPP)."""

    def __init__(self, w: cp.Variable, n_rows: int) -> None:
        n = w.shape[0]
        self.scenarios = cp.Parameter((n_rows, n), name="scenario_rows")
        self.weights = cp.Parameter(n_rows, nonneg=True, name="scenario_weights")
        self.alpha = cp.Variable(name="value_at_risk")
        self.excess_loss = cp.Variable(n_rows, nonneg=True, name="excess_loss")
        self.value = cp.Variable(name="cvar")
        self.w = w
        self.rows = self.excess_loss >= -(self.scenarios @ w) - self.alpha  # duals price columns

    def constraints(self) -> list:
        return [self.rows, self.value == self.alpha + self.weights @ self.excess_loss]

    def risk(self):
        return self.value

    objective_risk = risk
