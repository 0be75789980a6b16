"""The optimizer's vocabulary (objectives, risk measures, groups) and ``MeanRiskInputs``: every
parameter and data array of one fit, checked and normalised (bounds as vectors, groups as
a matrix with limits), so the compiled problem and the diagnosis read one plain record.

Bad input raises ``AdviceError(INVALID_OPTIMIZER_INPUT)`` naming the parameter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.risk_models import RiskFactors, checked_scenarios, finite_array, risk_factors
from core.errors import Text, t


class Objective(StrEnum):
    MIN_RISK = "min_risk"
    MAX_RETURN = "max_return"
    MAX_UTILITY = "max_utility"
    MAX_SHARPE = "max_sharpe"


class RiskMeasure(StrEnum):
    VARIANCE = "variance"
    CVAR = "cvar"


@dataclass(frozen=True)
class Group:
    """A linear limit ``lower <= sum(coefficients * weights) <= upper``.

    ``members`` is a list of asset indices, a boolean mask, or (a float array of length n)
    the coefficients themselves. ``None`` means no limit on that side.
    """

    members: Sequence[int] | Sequence[bool] | np.ndarray
    lower: float | None = None
    upper: float | None = None
    name: str | None = None


@dataclass(frozen=True, eq=False)
class GroupLimits:
    """m groups as a matrix; an absent limit is -inf / +inf."""

    matrix: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    names: tuple[str, ...]
    names_zh: tuple[str, ...]  # the same names in Chinese (a group's own name is kept)

    @property
    def count(self) -> int:
        return len(self.names)


@dataclass(frozen=True, eq=False)
class MeanRiskInputs:
    objective: Objective
    risk_measure: RiskMeasure
    expected_returns: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    groups: GroupLimits
    target_return: float | None
    target_risk: float | None
    risk_aversion: float
    risk_free_rate: float
    cvar_level: float
    factors: RiskFactors | None
    scenarios: np.ndarray | None

    @property
    def n_assets(self) -> int:
        return len(self.expected_returns)

    @property
    def risk_name(self) -> str:
        return "volatility" if self.risk_measure is RiskMeasure.VARIANCE else "CVaR"

    @property
    def risk_name_zh(self) -> str:
        return "波动率" if self.risk_measure is RiskMeasure.VARIANCE else "CVaR"


def invalid(message: Text, constraint: str) -> AdviceError:
    return AdviceError(AdvisorErrorCode.INVALID_OPTIMIZER_INPUT, message, constraint=constraint)


def choice(enum: type[StrEnum], value: object, name: str):
    """An enum member from itself or its string value."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in enum)
        raise invalid(
            t(f"{name} must be one of {allowed}, got {value!r}", f"{name} 必须是 {allowed} 之一，实际为 {value!r}"),
            name,
        ) from None


def scalar(
    value: object,
    name: str,
    *,
    optional: bool = False,
    minimum: float | None = None,
    strict: bool = False,
    name_zh: str | None = None,
) -> float | None:
    """A finite float (``None`` allowed when ``optional``), at least ``minimum``. ``name_zh``:
    how a Chinese message names it (default ``name``, a parameter name)."""
    zh = name if name_zh is None else name_zh
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise invalid(t(f"{name} must be a number, got {value!r}", f"{zh} 必须是数字，实际为 {value!r}"), name)
    number = float(value)
    if not math.isfinite(number):
        raise invalid(t(f"{name} must be finite, got {number}", f"{zh} 必须是有限数，实际为 {number}"), name)
    if minimum is not None and (number < minimum or (strict and number == minimum)):
        relation, relation_zh = ("above", "大于") if strict else ("at least", "不小于")
        raise invalid(
            t(
                f"{name} must be {relation} {minimum:g}, got {number:g}",
                f"{zh} 必须{relation_zh} {minimum:g}，实际为 {number:g}",
            ),
            name,
        )
    return number


def per_asset(value: object, n_assets: int, name: str) -> np.ndarray:
    """A scalar or a length-n array of finite numbers, as a length-n vector."""
    if np.isscalar(value):
        return np.full(n_assets, scalar(value, name))
    vector = finite_array(value, name, ndim=1)
    if vector.shape != (n_assets,):
        raise invalid(
            t(
                f"{name} must be a number or have {n_assets} entries, got {vector.shape}",
                f"{name} 必须是一个数字或包含 {n_assets} 个元素，实际为 {vector.shape}",
            ),
            name,
        )
    return vector


def weight_bounds(min_weights: object, max_weights: object, n_assets: int) -> tuple[np.ndarray, np.ndarray]:
    lower = per_asset(min_weights, n_assets, "min_weights")
    upper = per_asset(max_weights, n_assets, "max_weights")
    if np.any(lower < 0):
        raise invalid(
            t("min_weights must be >= 0 (the optimizer is long-only)", "min_weights 必须 >= 0（优化器只做多）"),
            "min_weights",
        )
    crossed = np.nonzero(lower > upper)[0]
    if len(crossed):
        i = int(crossed[0])
        raise invalid(
            t(
                f"min_weights exceeds max_weights for asset {i} ({lower[i]:g} > {upper[i]:g})",
                f"资产 {i} 的 min_weights 超过 max_weights（{lower[i]:g} > {upper[i]:g}）",
            ),
            "max_weights",
        )
    return lower, upper


def _coefficients(members: object, n_assets: int, label: str, label_zh: str) -> np.ndarray:
    array = np.asarray(members)
    if array.ndim != 1:
        raise invalid(
            t(f"{label}: members must be indices, a mask or coefficients", f"{label_zh}：成员必须是索引、掩码或系数"),
            "groups",
        )
    if array.dtype == bool:
        if array.shape != (n_assets,):
            raise invalid(
                t(f"{label}: a mask needs {n_assets} entries", f"{label_zh}：掩码需要 {n_assets} 个元素"), "groups"
            )
        return array.astype(float)
    if array.size == 0 or np.issubdtype(array.dtype, np.integer):
        if array.size and (array.min() < 0 or array.max() >= n_assets):
            raise invalid(
                t(
                    f"{label}: asset indices must be in 0..{n_assets - 1}",
                    f"{label_zh}：资产索引必须在 0..{n_assets - 1} 之内",
                ),
                "groups",
            )
        row = np.zeros(n_assets)
        row[array.astype(int)] = 1.0
        return row
    row = finite_array(array, label, ndim=1, name_zh=label_zh)
    if row.shape != (n_assets,):
        raise invalid(
            t(f"{label}: coefficients need {n_assets} entries", f"{label_zh}：系数需要 {n_assets} 个元素"), "groups"
        )
    return row


def _matrix_groups(groups: tuple) -> list[Group]:
    """``(matrix, lower, upper)``: one group per row; limits are arrays, scalars or None."""
    matrix, lower, upper = groups
    count = np.shape(matrix)[0]

    def limits(value, side: str, side_zh: str) -> list:
        if value is None or np.isscalar(value):
            return [value] * count
        if np.shape(value) != (count,):
            raise invalid(
                t(
                    f"groups: the {side} limits need one entry per row ({count})",
                    f"groups：{side_zh}需要每行一个值（{count}）",
                ),
                "groups",
            )
        return [None if v is None or (isinstance(v, float) and np.isinf(v)) else v for v in value]

    return [
        Group(np.asarray(row, dtype=float), lo, hi)
        for row, lo, hi in zip(matrix, limits(lower, "lower", "下限"), limits(upper, "upper", "上限"))
    ]


def group_limits(groups: object, n_assets: int) -> GroupLimits:
    """Normalise ``groups``: a sequence of ``Group`` or ``(members, lower, upper)`` tuples,
    or one ``(matrix, lower, upper)`` tuple with a coefficient row per group."""
    if isinstance(groups, tuple) and len(groups) == 3 and np.ndim(groups[0]) == 2:
        groups = _matrix_groups(groups)
    rows, lowers, uppers, names, names_zh = [], [], [], [], []
    for index, item in enumerate(() if groups is None else groups):
        if isinstance(item, tuple) and len(item) == 3:
            item = Group(*item)
        if not isinstance(item, Group):
            raise invalid(
                t(
                    f"groups[{index}] must be a Group or a (members, lower, upper) tuple",
                    f"groups[{index}] 必须是 Group 或 (members, lower, upper) 元组",
                ),
                "groups",
            )
        label, label_zh = (item.name, item.name) if item.name else (f"group {index}", f"第 {index} 组")
        rows.append(_coefficients(item.members, n_assets, label, label_zh))
        lower = scalar(item.lower, f"{label} lower limit", optional=True, name_zh=f"{label_zh}下限")
        upper = scalar(item.upper, f"{label} upper limit", optional=True, name_zh=f"{label_zh}上限")
        if lower is not None and upper is not None and lower > upper:
            raise invalid(
                t(
                    f"{label}: lower limit {lower:g} is above upper limit {upper:g}",
                    f"{label_zh}：下限 {lower:g} 高于上限 {upper:g}",
                ),
                "groups",
            )
        lowers.append(-math.inf if lower is None else lower)
        uppers.append(math.inf if upper is None else upper)
        names.append(label)
        names_zh.append(label_zh)
    matrix = np.array(rows, dtype=float).reshape(len(rows), n_assets)
    return GroupLimits(
        matrix, np.array(lowers, dtype=float), np.array(uppers, dtype=float), tuple(names), tuple(names_zh)
    )


def build_inputs(params: dict, expected_returns: object, covariance: object, scenarios: object) -> MeanRiskInputs:
    """Check ``MeanRisk``'s parameters together with the data of one ``fit``."""
    objective = choice(Objective, params["objective"], "objective")
    measure = choice(RiskMeasure, params["risk_measure"], "risk_measure")
    cvar_level = scalar(params["cvar_level"], "cvar_level")
    if not 0.0 < cvar_level < 1.0:
        raise invalid(
            t(
                f"cvar_level must be between 0 and 1, got {cvar_level:g}",
                f"cvar_level 必须在 0 和 1 之间，实际为 {cvar_level:g}",
            ),
            "cvar_level",
        )

    factors, matrix = None, None
    if measure is RiskMeasure.VARIANCE:
        if covariance is None:
            raise invalid(
                t(
                    "risk_measure 'variance' needs fit(covariance=...)",
                    "risk_measure 'variance' 需要 fit(covariance=...)",
                ),
                "covariance",
            )
    elif scenarios is None:
        raise invalid(
            t("risk_measure 'cvar' needs fit(scenarios=...)", "risk_measure 'cvar' 需要 fit(scenarios=...)"),
            "scenarios",
        )
    if expected_returns is None:
        if scenarios is None:
            raise invalid(t("fit needs expected_returns", "fit 需要 expected_returns"), "expected_returns")
        matrix = finite_array(scenarios, "scenarios", ndim=2)
        mu = matrix.mean(axis=0)
    else:
        mu = finite_array(expected_returns, "expected_returns", ndim=1)
    n_assets = len(mu)
    if n_assets == 0:
        raise invalid(
            t("expected_returns must name at least one asset", "expected_returns 至少需要包含一项资产"),
            "expected_returns",
        )
    if measure is RiskMeasure.VARIANCE:
        factors = risk_factors(covariance, n_assets)
    else:
        matrix = checked_scenarios(scenarios, n_assets)

    lower, upper = weight_bounds(params["min_weights"], params["max_weights"], n_assets)
    risk_floor = 0.0 if measure is RiskMeasure.VARIANCE else None
    aversion = params["risk_aversion"]
    return MeanRiskInputs(
        objective=objective,
        risk_measure=measure,
        expected_returns=mu,
        lower=lower,
        upper=upper,
        groups=group_limits(params["groups"], n_assets),
        target_return=scalar(params["target_return"], "target_return", optional=True),
        target_risk=scalar(params["target_risk"], "target_risk", optional=True, minimum=risk_floor),
        risk_aversion=scalar(1.0 if aversion is None else aversion, "risk_aversion", minimum=0.0),
        risk_free_rate=scalar(params["risk_free_rate"], "risk_free_rate"),
        cvar_level=cvar_level,
        factors=factors,
        scenarios=matrix,
    )
