"""Risk models the optimizer accepts, checked and put in the one form it compiles.

Variance always enters the optimizer as ``w' S w = |G' w|^2 + |s * w|^2`` (exposures ``G``,
n x k, and specific volatilities ``s``), never as a dense ``quad_form``:

- a ``FactorCovariance`` (``S = B F B' + diag(d)``) gives ``G = B chol(F)`` and ``s = sqrt(d)``:
  k is small, the problem stays sparse, and ``G`` and ``s`` are cvxpy Parameters, so a refit
  with new loadings re-uses the compiled problem;
- a dense covariance matrix gives ``G = chol(S)`` (or ``V sqrt(L)`` of its eigenvalues when it
  is only semidefinite), which is n x n: making that a Parameter compiled 5x slower than
  rebuilding at 200 assets (measured), so a dense covariance is compiled in as a constant and
  a refit with a *different* covariance compiles again.

Scenario returns (T x n, one period each) feed the CVaR measure; ``portfolio_cvar`` is the
exact Rockafellar-Uryasev value of a given portfolio, used to report the risk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from advisor.errors import AdviceError, AdvisorErrorCode
from core.errors import Text, t

_SYMMETRY_TOLERANCE = 1e-10  # relative to the largest entry
_PSD_TOLERANCE = 1e-10  # smallest eigenvalue allowed, relative to the largest


@dataclass(frozen=True, eq=False)
class FactorCovariance:
    """``S = loadings @ factor_covariance @ loadings.T + diag(specific_variance)``.

    ``factor_covariance`` defaults to the identity, ``specific_variance`` to zeros.
    """

    loadings: np.ndarray
    factor_covariance: np.ndarray | None = None
    specific_variance: np.ndarray | None = None

    def dense(self) -> np.ndarray:
        loadings = np.asarray(self.loadings, dtype=float)
        factor = (
            np.eye(loadings.shape[1])
            if self.factor_covariance is None
            else np.asarray(self.factor_covariance, dtype=float)
        )
        matrix = loadings @ factor @ loadings.T
        if self.specific_variance is not None:
            matrix = matrix + np.diag(np.asarray(self.specific_variance, dtype=float))
        return matrix


@dataclass(frozen=True, eq=False)
class RiskFactors:
    """``variance(w) = |exposures' w|^2 + |specific * w|^2``; ``dense`` marks exposures
    derived from a dense covariance (compiled as constants)."""

    exposures: np.ndarray
    specific: np.ndarray | None
    dense: bool

    @property
    def shape_key(self) -> tuple:
        return (self.exposures.shape[1], self.specific is not None, self.dense)

    def variance(self, weights: np.ndarray) -> float:
        value = float(np.sum((self.exposures.T @ weights) ** 2))
        if self.specific is not None:
            value += float(np.sum((self.specific * weights) ** 2))
        return value

    def volatility(self, weights: np.ndarray) -> float:
        return float(np.sqrt(max(self.variance(weights), 0.0)))

    def same_constants(self, other: RiskFactors) -> bool:
        """Whether ``other`` can re-use a problem compiled for ``self``."""
        if self.shape_key != other.shape_key or self.exposures.shape != other.exposures.shape:
            return False
        return not self.dense or np.array_equal(self.exposures, other.exposures)


def _invalid(message: Text, constraint: str) -> AdviceError:
    return AdviceError(AdvisorErrorCode.INVALID_OPTIMIZER_INPUT, message, constraint=constraint)


def finite_array(value: object, name: str, *, ndim: int, name_zh: str | None = None) -> np.ndarray:
    """``value`` as a finite float array of ``ndim`` dimensions. ``name_zh``: how a Chinese
    message names it (default ``name``, a parameter name)."""
    zh = name if name_zh is None else name_zh
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _invalid(t(f"{name} must be an array of numbers", f"{zh} 必须是数值数组"), name) from None
    if array.ndim != ndim:
        raise _invalid(
            t(
                f"{name} must be {ndim}-dimensional, got shape {array.shape}",
                f"{zh} 必须是 {ndim} 维数组，实际形状为 {array.shape}",
            ),
            name,
        )
    if not np.all(np.isfinite(array)):
        raise _invalid(t(f"{name} contains NaN or infinite values", f"{zh} 含有 NaN 或无穷大的值"), name)
    return array


def risk_factors(covariance: object, n_assets: int) -> RiskFactors:
    """Check a covariance (dense matrix or ``FactorCovariance``) for ``n_assets`` assets."""
    if isinstance(covariance, FactorCovariance):
        return _from_factor_model(covariance, n_assets)
    matrix = finite_array(covariance, "covariance", ndim=2)
    if matrix.shape != (n_assets, n_assets):
        raise _invalid(
            t(
                f"covariance must be {n_assets} x {n_assets} (one row per asset), got {matrix.shape}",
                f"covariance 必须是 {n_assets} x {n_assets}（每项资产一行），实际为 {matrix.shape}",
            ),
            "covariance",
        )
    scale = max(float(np.max(np.abs(matrix))), 1e-300)
    if np.max(np.abs(matrix - matrix.T)) > _SYMMETRY_TOLERANCE * scale:
        raise _invalid(t("covariance must be symmetric", "covariance 必须是对称矩阵"), "covariance")
    matrix = (matrix + matrix.T) / 2
    try:
        return RiskFactors(np.linalg.cholesky(matrix), None, dense=True)
    except np.linalg.LinAlgError:
        pass  # singular (semidefinite) or indefinite: decide by its eigenvalues
    values, vectors = np.linalg.eigh(matrix)
    if values[0] < -_PSD_TOLERANCE * max(values[-1], 0.0) or values[-1] <= 0:
        raise _invalid(
            t(
                f"covariance is not positive semidefinite (smallest eigenvalue {values[0]:.3g})",
                f"covariance 不是半正定矩阵（最小特征值 {values[0]:.3g}）",
            ),
            "covariance",
        )
    keep = values > _PSD_TOLERANCE * values[-1]
    return RiskFactors(vectors[:, keep] * np.sqrt(values[keep]), None, dense=True)


def _from_factor_model(model: FactorCovariance, n_assets: int) -> RiskFactors:
    loadings = finite_array(model.loadings, "covariance.loadings", ndim=2)
    if loadings.shape[0] != n_assets or loadings.shape[1] == 0:
        raise _invalid(
            t(
                f"covariance.loadings must have {n_assets} rows and at least one factor, got {loadings.shape}",
                f"covariance.loadings 必须有 {n_assets} 行且至少一个因子，实际为 {loadings.shape}",
            ),
            "covariance",
        )
    k = loadings.shape[1]
    exposures = loadings
    if model.factor_covariance is not None:
        factor = finite_array(model.factor_covariance, "covariance.factor_covariance", ndim=2)
        if factor.shape != (k, k):
            raise _invalid(
                t(
                    f"covariance.factor_covariance must be {k} x {k}, got {factor.shape}",
                    f"covariance.factor_covariance 必须是 {k} x {k}，实际为 {factor.shape}",
                ),
                "covariance",
            )
        exposures = loadings @ risk_factors(factor, k).exposures
    specific = None
    if model.specific_variance is not None:
        variance = finite_array(model.specific_variance, "covariance.specific_variance", ndim=1)
        if variance.shape != (n_assets,):
            raise _invalid(
                t(
                    f"covariance.specific_variance must have {n_assets} entries, got {variance.shape}",
                    f"covariance.specific_variance 必须有 {n_assets} 个元素，实际为 {variance.shape}",
                ),
                "covariance",
            )
        if np.any(variance < 0):
            raise _invalid(
                t("covariance.specific_variance must not be negative", "covariance.specific_variance 不能为负"),
                "covariance",
            )
        specific = np.sqrt(variance)
    return RiskFactors(exposures, specific, dense=False)


def checked_scenarios(scenarios: object, n_assets: int) -> np.ndarray:
    """Scenario returns: T x n_assets, finite, at least one scenario."""
    matrix = finite_array(scenarios, "scenarios", ndim=2)
    if matrix.shape[1] != n_assets or matrix.shape[0] == 0:
        raise _invalid(
            t(
                f"scenarios must have one column per asset ({n_assets}) and at least one row, got {matrix.shape}",
                f"scenarios 必须每项资产一列（{n_assets}）且至少一行，实际为 {matrix.shape}",
            ),
            "scenarios",
        )
    return matrix


def portfolio_cvar(scenarios: np.ndarray, weights: np.ndarray, level: float) -> float:
    """CVaR at ``level`` of the one-period loss ``-scenarios @ weights``, scenarios equally
    likely: the mean of the worst ``(1 - level) * T`` losses, a fraction of a scenario
    counted pro rata (the exact minimum of the Rockafellar-Uryasev function)."""
    losses = np.sort(-(scenarios @ weights))[::-1]
    tail = (1.0 - level) * len(losses)
    whole = min(int(np.floor(tail + 1e-12)), len(losses))
    total = float(np.sum(losses[:whole]))
    if whole < len(losses) and tail > whole:
        total += (tail - whole) * float(losses[whole])
    return total / tail
