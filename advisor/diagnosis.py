"""Why a request is infeasible, in words that say what to change.

``precheck`` runs before solving and costs no solve: weight bounds that cannot add up to
100%, a group limit out of reach of the weight bounds on its own (both by the greedy
fractional-knapsack range of a linear function over the bounded simplex), and, without
groups, a target return or a Sharpe hurdle above the highest attainable return.

``explain_infeasible`` runs after both solvers said infeasible and solves the relaxed
problems that locate the binding constraint: the group limits together, the target return
against the highest attainable return, the target risk against the lowest attainable risk
(with and without the return target).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.inputs import MeanRiskInputs, Objective
from core.errors import t

_TOLERANCE = 1e-9


def pct(value: float, other: float | None = None) -> str:
    """A percentage with enough decimals to tell ``value`` from ``other``."""
    for places in (1, 2, 3, 4):
        text = f"{value:.{places}%}"
        if other is None or text != f"{other:.{places}%}":
            return text
    return f"{value:.6%}"


def linear_range(coefficients: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> tuple[float, float]:
    """Smallest and largest ``c' w`` over ``lower <= w <= upper, sum(w) = 1`` (feasible bounds
    assumed): start from the lower bounds and pour the rest into the best assets first."""

    def best(c: np.ndarray) -> float:
        weights = lower.copy()
        left = 1.0 - float(lower.sum())
        for i in np.argsort(-c, kind="stable"):
            if left <= 0:
                break
            add = min(upper[i] - lower[i], left)
            weights[i] += add
            left -= add
        return float(c @ weights)

    return -best(-coefficients), best(coefficients)


def precheck(inputs: MeanRiskInputs) -> None:
    """Refuse what is infeasible on its face, naming the limit; cheap (no solver)."""
    low_sum, high_sum = float(inputs.lower.sum()), float(inputs.upper.sum())
    if low_sum > 1 + _TOLERANCE:
        raise AdviceError(
            AdvisorErrorCode.WEIGHT_BOUNDS_INFEASIBLE,
            t(
                f"the minimum weights add up to {pct(low_sum)}, more than the whole portfolio (100%); lower min_weights",
                f"最低权重合计 {pct(low_sum)}，超过了整个组合（100%），请调低 min_weights",
            ),
            constraint="min_weights",
        )
    if high_sum < 1 - _TOLERANCE:
        raise AdviceError(
            AdvisorErrorCode.WEIGHT_BOUNDS_INFEASIBLE,
            t(
                f"the maximum weights add up to only {pct(high_sum)}, so the portfolio cannot be "
                "fully invested; raise max_weights",
                f"最高权重合计仅 {pct(high_sum)}，组合无法满仓投资，请调高 max_weights",
            ),
            constraint="max_weights",
        )
    groups = inputs.groups
    for row, low, high, name, name_zh in zip(groups.matrix, groups.lower, groups.upper, groups.names, groups.names_zh):
        least, most = linear_range(row, inputs.lower, inputs.upper)
        if low > most + _TOLERANCE:
            raise AdviceError(
                AdvisorErrorCode.GROUP_LIMITS_INFEASIBLE,
                t(
                    f"{name} must hold at least {pct(low, most)} but the weight bounds allow at most "
                    f"{pct(most, low)}; lower its limit or raise max_weights",
                    f"{name_zh} 须至少占 {pct(low, most)}，但权重上下限最多只允许 {pct(most, low)}，"
                    "请调低其限额或调高 max_weights",
                ),
                constraint="groups",
            )
        if high < least - _TOLERANCE:
            raise AdviceError(
                AdvisorErrorCode.GROUP_LIMITS_INFEASIBLE,
                t(
                    f"{name} may hold at most {pct(high, least)} but the weight bounds force at "
                    f"least {pct(least, high)}; raise its limit or lower min_weights",
                    f"{name_zh} 最多只能占 {pct(high, least)}，但权重上下限要求至少 {pct(least, high)}，"
                    "请调高其限额或调低 min_weights",
                ),
                constraint="groups",
            )
    if groups.count == 0:
        _, best = linear_range(inputs.expected_returns, inputs.lower, inputs.upper)
        _check_return_targets(inputs, best)


def _check_return_targets(inputs: MeanRiskInputs, best: float) -> None:
    if inputs.objective is Objective.MAX_SHARPE and best <= inputs.risk_free_rate + _TOLERANCE:
        raise AdviceError(
            AdvisorErrorCode.NO_EXCESS_RETURN,
            t(
                f"no portfolio within the constraints is expected to beat the risk-free rate of "
                f"{pct(inputs.risk_free_rate, best)} (the best is {pct(best, inputs.risk_free_rate)}), "
                "so there is no Sharpe ratio to maximise; lower risk_free_rate or use min_risk",
                f"在约束范围内，没有组合的预期收益能超过无风险利率 {pct(inputs.risk_free_rate, best)}"
                f"（最高为 {pct(best, inputs.risk_free_rate)}），因此没有可最大化的夏普比率；"
                "请调低 risk_free_rate 或改用 min_risk",
            ),
            constraint="risk_free_rate",
        )
    target = inputs.target_return
    if target is not None and target > best + _TOLERANCE:
        raise AdviceError(
            AdvisorErrorCode.TARGET_RETURN_UNATTAINABLE,
            t(
                f"target return {pct(target, best)} is above the highest attainable "
                f"{pct(best, target)}; lower target_return",
                f"目标收益 {pct(target, best)} 高于可达到的最高收益 {pct(best, target)}，请调低 target_return",
            ),
            constraint="target_return",
        )


Solver = Callable[[MeanRiskInputs], float]
"""Solves relaxed inputs and returns the optimal value; raises ``AdviceError``."""


def explain_infeasible(inputs: MeanRiskInputs, optimum: Solver, original: AdviceError) -> AdviceError:
    """The error naming the binding constraint (``original`` when none can be singled out).

    ``optimum`` solves relaxed copies of ``inputs``: max return without targets, and min risk
    with or without the return target.
    """
    relaxed = replace(inputs, objective=Objective.MAX_RETURN, target_return=None, target_risk=None)
    try:
        best = optimum(relaxed)
    except AdviceError:
        if inputs.groups.count:
            return AdviceError(
                AdvisorErrorCode.GROUP_LIMITS_INFEASIBLE,
                t(
                    f"the group limits ({', '.join(inputs.groups.names)}) cannot all hold at once "
                    "within the weight bounds, though each can on its own; relax one of them",
                    f"在权重上下限内，各分组限额（{'、'.join(inputs.groups.names_zh)}）单独都能满足，"
                    "但无法同时满足，请放宽其中一项",
                ),
                constraint="groups",
            )
        return original
    try:
        _check_return_targets(inputs, best)
    except AdviceError as error:
        return error
    if inputs.target_risk is None:
        return original
    target, risk, risk_zh = inputs.target_risk, inputs.risk_name, inputs.risk_name_zh
    lowest = optimum(replace(relaxed, objective=Objective.MIN_RISK))
    if target < lowest - _TOLERANCE:
        return AdviceError(
            AdvisorErrorCode.TARGET_RISK_UNATTAINABLE,
            t(
                f"target {risk} {pct(target, lowest)} is below the lowest attainable "
                f"{pct(lowest, target)}; raise target_risk",
                f"目标{risk_zh} {pct(target, lowest)} 低于可达到的最低值 {pct(lowest, target)}，请调高 target_risk",
            ),
            constraint="target_risk",
        )
    if inputs.target_return is not None:
        needed = optimum(replace(relaxed, objective=Objective.MIN_RISK, target_return=inputs.target_return))
        if target < needed - _TOLERANCE:
            return AdviceError(
                AdvisorErrorCode.TARGET_RISK_UNATTAINABLE,
                t(
                    f"a return of at least {pct(inputs.target_return)} needs a {risk} of at least "
                    f"{pct(needed, target)}, above the target {pct(target, needed)}; raise "
                    "target_risk or lower target_return",
                    f"收益至少 {pct(inputs.target_return)} 需要{risk_zh}至少为 {pct(needed, target)}，"
                    f"高于目标 {pct(target, needed)}；请调高 target_risk 或调低 target_return",
                ),
                constraint="target_risk",
            )
    return original
