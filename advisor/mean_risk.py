"""``MeanRisk``: a mean-risk portfolio optimizer usable on any data (skfolio-style: parameters
in ``__init__``, ``fit``, results as attributes ending in ``_``).

    model = MeanRisk(objective="max_sharpe", max_weights=0.3).fit(
        expected_returns=mu, covariance=cov)
    model.weights_, model.expected_return_, model.risk_

Objectives: ``min_risk`` (optionally with ``target_return`` as a floor), ``max_return``
(with ``target_risk`` as a ceiling), ``max_utility`` (return - 0.5 x risk_aversion x variance;
for CVaR, return - risk_aversion x CVaR), ``max_sharpe`` ((return - risk_free_rate) / volatility,
or per unit of CVaR). Either target may be combined with any objective as a constraint.
Risk measures: ``variance`` (``fit(covariance=...)``: a dense matrix or a
``FactorCovariance``; ``risk_`` is the volatility) and ``cvar`` (``fit(scenarios=R)``,
T x n one-period returns, equally likely; ``risk_`` is the one-period CVaR at ``cvar_level``
as a positive loss). Long-only, with per-asset bounds (``min_weights``, ``max_weights``:
numbers or arrays) and linear group limits (``groups``: ``Group(members, lower, upper,
name)`` objects or ``(members, lower, upper)`` tuples, members being indices, a boolean mask
or coefficients; or one ``(matrix, lower, upper)`` tuple, a row per group).

Refitting with data of the same shape re-uses the compiled problem (see ``compiled``). An
instance is not thread-safe: give each thread its own. Every failure is an ``AdviceError``
whose code names what binds.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from advisor.compiled import CompiledProblem, Solution, structure_key
from advisor.diagnosis import explain_infeasible, pct, precheck
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.inputs import MeanRiskInputs, Objective, RiskMeasure, build_inputs
from advisor.risk_models import portfolio_cvar
from advisor.weights import percentages
from core.errors import t

_PARAMS = (
    "objective",
    "risk_measure",
    "cvar_level",
    "target_risk",
    "target_return",
    "risk_aversion",
    "risk_free_rate",
    "min_weights",
    "max_weights",
    "groups",
)
_RESULTS = ("weights_", "expected_return_", "risk_", "objective_value_", "solver_", "status_")
_KEPT_PROBLEMS = 8  # compiled problems kept per instance (the main one and the diagnoses)
_RISKLESS = 1e-9  # a risk this small (returns as fractions) is no risk


class MeanRisk:
    def __init__(
        self,
        objective: Objective | str = Objective.MIN_RISK,
        risk_measure: RiskMeasure | str = RiskMeasure.VARIANCE,
        cvar_level: float = 0.95,
        target_risk: float | None = None,
        target_return: float | None = None,
        risk_aversion: float | None = None,
        risk_free_rate: float = 0.0,
        min_weights: float | np.ndarray = 0.0,
        max_weights: float | np.ndarray = 1.0,
        groups=None,
    ) -> None:
        self.objective = objective
        self.risk_measure = risk_measure
        self.cvar_level = cvar_level
        self.target_risk = target_risk
        self.target_return = target_return
        self.risk_aversion = risk_aversion  # None means 1.0 for max_utility
        self.risk_free_rate = risk_free_rate
        self.min_weights = min_weights
        self.max_weights = max_weights
        self.groups = groups
        self._problems: dict[tuple, CompiledProblem] = {}
        # How many problems this instance has compiled: a refit of the same shape adds none.
        self.compilations = 0

    def get_params(self) -> dict:
        return {name: getattr(self, name) for name in _PARAMS}

    def set_params(self, **params) -> MeanRisk:
        """Change parameters; a later ``fit`` re-uses the compiled problem when the structure
        (objective, risk measure, shapes, which targets are set) is unchanged."""
        unknown = set(params) - set(_PARAMS)
        if unknown:
            raise AdviceError(
                AdvisorErrorCode.INVALID_OPTIMIZER_INPUT,
                t(f"unknown parameter(s): {', '.join(sorted(unknown))}", f"未知参数：{', '.join(sorted(unknown))}"),
                constraint=sorted(unknown)[0],
            )
        for name, value in params.items():
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        changed = ", ".join(f"{name}={getattr(self, name)!r}" for name in _PARAMS[:2])
        return f"MeanRisk({changed})"

    # -- fitting ----------------------------------------------------------------------------

    def fit(self, expected_returns=None, covariance=None, scenarios=None) -> MeanRisk:
        """Solve for the given data; results land in ``weights_``, ``expected_return_``,
        ``risk_``, ``objective_value_``, ``solver_`` and ``status_``.

        ``covariance`` serves the variance measure and ``scenarios`` the CVaR measure (the
        other one, if given, is not used); without ``expected_returns`` the scenarios' mean
        is used."""
        for name in _RESULTS:  # a failed fit leaves no stale answer behind
            self.__dict__.pop(name, None)
        inputs = build_inputs(self.get_params(), expected_returns, covariance, scenarios)
        precheck(inputs)
        try:
            solution = self._solve(inputs)
        except AdviceError as error:
            raise self._explained(inputs, error) from error
        self._record(inputs, solution)
        return self

    def percentages(self, decimals: int = 1) -> list[Decimal]:
        """The weights as percentages with ``decimals`` places, adding up to exactly 100."""
        return percentages(self.weights_, decimals)

    def _solve(self, inputs: MeanRiskInputs) -> Solution:
        problem = self._problems.get(structure_key(inputs))
        if problem is None or not problem.accepts(inputs):
            problem = CompiledProblem(inputs)
            self.compilations += 1
            self._problems.pop(problem.key, None)
            self._problems[problem.key] = problem
            while len(self._problems) > _KEPT_PROBLEMS:
                del self._problems[next(iter(self._problems))]
        what = t(
            f"{inputs.objective.value} / {inputs.risk_measure.value} on {inputs.n_assets} assets",
            f"{inputs.n_assets} 项资产上的 {inputs.objective.value} / {inputs.risk_measure.value}",
        )
        return problem.solve(inputs, what=what)

    def _optimum(self, inputs: MeanRiskInputs) -> float:
        """The optimal value of relaxed inputs (for the diagnosis)."""
        weights = self._solve(inputs).weights
        if inputs.objective is Objective.MAX_RETURN:
            return float(inputs.expected_returns @ weights)
        return _risk(inputs, weights)

    def _explained(self, inputs: MeanRiskInputs, error: AdviceError) -> AdviceError:
        if error.code == AdvisorErrorCode.INFEASIBLE:
            return explain_infeasible(inputs, self._optimum, error)
        if error.code == AdvisorErrorCode.UNBOUNDED and inputs.objective is Objective.MAX_SHARPE:
            return _unbounded_ratio(inputs)
        return error

    def _record(self, inputs: MeanRiskInputs, solution: Solution) -> None:
        weights = solution.weights
        expected = float(inputs.expected_returns @ weights)
        risk = _risk(inputs, weights)
        if inputs.objective is Objective.MIN_RISK:
            value = risk
        elif inputs.objective is Objective.MAX_RETURN:
            value = expected
        elif inputs.objective is Objective.MAX_UTILITY:
            penalty = 0.5 * risk**2 if inputs.risk_measure is RiskMeasure.VARIANCE else risk
            value = expected - inputs.risk_aversion * penalty
        else:
            if risk <= _RISKLESS:
                raise _unbounded_ratio(inputs)
            value = (expected - inputs.risk_free_rate) / risk
        self.weights_ = weights
        self.expected_return_ = expected
        self.risk_ = risk
        self.objective_value_ = value
        self.solver_ = solution.report.solver
        self.status_ = solution.report.status


def _risk(inputs: MeanRiskInputs, weights: np.ndarray) -> float:
    if inputs.risk_measure is RiskMeasure.VARIANCE:
        return inputs.factors.volatility(weights)
    return portfolio_cvar(inputs.scenarios, weights, inputs.cvar_level)


def _unbounded_ratio(inputs: MeanRiskInputs) -> AdviceError:
    risk, risk_zh = inputs.risk_name, inputs.risk_name_zh
    return AdviceError(
        AdvisorErrorCode.UNBOUNDED,
        t(
            f"a portfolio within the constraints has no {risk} (or a negative one) and beats the "
            f"risk-free rate of {pct(inputs.risk_free_rate)}, so return per unit of {risk} is "
            "unbounded; use min_risk, or max_return with a target_risk",
            f"约束范围内存在{risk_zh}为零（或为负）且收益超过无风险利率 {pct(inputs.risk_free_rate)} 的组合，"
            f"因此单位{risk_zh}收益无上界；请改用 min_risk，或使用带 target_risk 的 max_return",
        ),
        constraint="objective",
    )
