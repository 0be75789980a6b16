"""A mean-risk problem compiled once with cvxpy Parameters (DPP) and re-solved with new
numbers: expected returns, bounds, group limits, targets, risk aversion, risk-free rate,
scenarios and factor exposures are Parameters; a dense covariance's factor (see
``risk_models``) and the CVaR level (see ``pieces.CVaRRisk``) are compiled in as constants.

``structure_key`` says which inputs can share a compiled problem. A compiled problem holds
mutable Parameter values, so it must never serve two solves at once: one per thread.

Max-Sharpe uses the Charnes-Cooper transformation ``y = kappa w``: minimise risk(y) subject
to ``(mu - rf)' y = 1``, ``sum(y) = kappa`` and every constraint scaled by ``kappa``; for
CVaR (positively homogeneous too) this maximises excess return per unit of CVaR.
"""

from __future__ import annotations

from dataclasses import dataclass

import cvxpy as cp
import numpy as np

from advisor.inputs import MeanRiskInputs, Objective, RiskMeasure
from advisor.pieces import (
    Budget,
    CVaRRisk,
    ExcessReturnNormalisation,
    ExpectedReturn,
    GroupLimitsPiece,
    ReturnFloor,
    RiskCeiling,
    VarianceRisk,
    WeightBounds,
)
from advisor.solving import SolutionRejected, SolveReport, plan_for, solve
from advisor.weights import WeightsOutsideBounds, clean_weights
from core.errors import Text


def structure_key(inputs: MeanRiskInputs) -> tuple:
    """Inputs with equal keys (and, for a dense covariance, equal factors) share a problem."""
    if inputs.risk_measure is RiskMeasure.VARIANCE:
        risk_shape = ("variance",) + inputs.factors.exposures.shape + inputs.factors.shape_key
    else:
        risk_shape = ("cvar",) + inputs.scenarios.shape + (inputs.cvar_level,)
    return (
        inputs.objective,
        inputs.n_assets,
        risk_shape,
        WeightBounds.has_floors(inputs),
        WeightBounds.has_caps(inputs),
        inputs.groups.count,
        inputs.target_return is not None,
        inputs.target_risk is not None,
    )


@dataclass(frozen=True)
class Solution:
    weights: np.ndarray
    report: SolveReport


class CompiledProblem:
    def __init__(self, inputs: MeanRiskInputs) -> None:
        self.key = structure_key(inputs)
        self.factors = inputs.factors
        n = inputs.n_assets
        self.homogenised = inputs.objective is Objective.MAX_SHARPE
        self.w = cp.Variable(n, name="weights")
        self.scale = cp.Variable(nonneg=True, name="kappa") if self.homogenised else 1.0
        self.expected = ExpectedReturn(n)
        if inputs.risk_measure is RiskMeasure.VARIANCE:
            self.risk = VarianceRisk(
                self.w, inputs.factors, auxiliary_specific=inputs.objective is Objective.MAX_UTILITY
            )
        else:
            self.risk = CVaRRisk(self.w, len(inputs.scenarios), inputs.cvar_level)
        self.risk_aversion = cp.Parameter(nonneg=True, name="risk_aversion")

        bounds = WeightBounds(n, floors=WeightBounds.has_floors(inputs), caps=WeightBounds.has_caps(inputs))
        pieces = [Budget(), bounds]
        if inputs.groups.count:
            pieces.append(GroupLimitsPiece(inputs.groups.count, n))
        if inputs.target_return is not None:
            pieces.append(ReturnFloor(self.expected))
        if inputs.target_risk is not None:
            pieces.append(RiskCeiling(self.risk))
        if self.homogenised:
            pieces.append(ExcessReturnNormalisation(n))
        self.pieces = pieces

        constraints = list(self.risk.constraints())
        for piece in pieces:
            constraints += piece.constraints(self.w, self.scale)
        self.problem = cp.Problem(self._objective(inputs), constraints)
        self.plan = plan_for(self.problem)

    def _objective(self, inputs: MeanRiskInputs):
        objective = inputs.objective
        if objective in (Objective.MIN_RISK, Objective.MAX_SHARPE):
            return cp.Minimize(self.risk.objective_risk())
        if objective is Objective.MAX_RETURN:
            return cp.Maximize(self.expected.of(self.w))
        # max_utility: mean - 0.5 * aversion * variance, or mean - aversion * CVaR
        if inputs.risk_measure is RiskMeasure.VARIANCE:
            penalty = 0.5 * self.risk_aversion * self.risk.variance()
        else:
            penalty = self.risk_aversion * self.risk.risk()
        return cp.Maximize(self.expected.of(self.w) - penalty)

    def accepts(self, inputs: MeanRiskInputs) -> bool:
        """Whether ``inputs`` can be solved by this problem without compiling again."""
        if structure_key(inputs) != self.key:
            return False
        return inputs.factors is None or self.factors.same_constants(inputs.factors)

    def solve(self, inputs: MeanRiskInputs, *, what: Text) -> Solution:
        """Set the Parameters from ``inputs`` and solve; raises ``AdviceError``."""
        self.expected.update(inputs)
        self.risk.update(inputs)
        self.risk_aversion.value = inputs.risk_aversion
        for piece in self.pieces:
            piece.update(inputs)

        def accept() -> np.ndarray:
            try:
                return clean_weights(self._raw_weights(), inputs.lower, inputs.upper)
            except WeightsOutsideBounds as exc:
                raise SolutionRejected(str(exc)) from None

        report, weights = solve(self.problem, plan=self.plan, accept=accept, what=what)
        return Solution(weights, report)

    def _raw_weights(self) -> np.ndarray:
        if self.w.value is None:
            raise SolutionRejected("the solver returned no weights")
        if not self.homogenised:
            return self.w.value
        kappa = self.scale.value
        if kappa is None or not kappa > 0:
            raise SolutionRejected("the max-Sharpe scale variable is not positive")
        return self.w.value / kappa
