"""The one solver wrapper: solve, check the status and the answer, retry once with a second
solver (logged), and otherwise raise ``AdviceError`` with a code: never ``None``, never a
bare solver exception. An answer counts only if the caller's ``accept`` check passes (for
``MeanRisk``: weights within 1e-6 of their bounds and budget); when neither solver reports
optimal, a checked ``optimal_inaccurate`` answer is taken and logged.

The solver pair follows the problem's class: linear programmes (the CVaR problems) go to
HiGHS with a kept basis (``WarmHighs``) then Clarabel; quadratic programmes to Clarabel then
HiGHS; second-order-cone programmes to Clarabel then SCS at tight tolerances. Both tries
use ``warm_start`` so a re-solve re-uses what the solver kept. A fallback solve compiles the
problem for the other solver, and the next primary solve compiles it back once.

An infeasible or unbounded verdict from both solvers becomes ``INFEASIBLE`` / ``UNBOUNDED``
with a generic message; callers that know the model (``MeanRisk``) turn it into a message
naming the binding constraint.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import cvxpy as cp

from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.warm_highs import WarmHighs
from core.errors import Text, t

log = logging.getLogger(__name__)
T = TypeVar("T")

# cvxpy's sparse-tensor compiler: it picks it by itself from 1,000 parameter entries up; below
# that its default compiled our problems 1.5-2x slower at 50 assets (measured).
CANON_BACKEND = "COO"
_INFEASIBLE = {cp.INFEASIBLE, cp.INFEASIBLE_INACCURATE}
_UNBOUNDED = {cp.UNBOUNDED, cp.UNBOUNDED_INACCURATE}


class SolutionRejected(Exception):
    """Raised by an ``accept`` check: the solver says optimal but the answer breaks the
    constraints by more than the tolerance."""


@dataclass(frozen=True)
class SolverChoice:
    name: str
    solver: object  # a cvxpy solver name or a custom cvxpy Solver instance
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SolverPlan:
    primary: SolverChoice
    fallback: SolverChoice


@dataclass(frozen=True)
class SolveReport:
    """Which solver produced the accepted answer, its status, and every attempt made."""

    solver: str
    status: str
    attempts: tuple[tuple[str, str], ...]


# Clarabel's default gaps (1e-8, absolute and relative) left weights 1e-6 off the optimum
# where the variance is small (0.25%); 1e-10 brings them to 1e-8.
CLARABEL = SolverChoice("CLARABEL", cp.CLARABEL, {"tol_gap_abs": 1e-10, "tol_gap_rel": 1e-10})
HIGHS = SolverChoice("HIGHS", cp.HIGHS)
SCS = SolverChoice("SCS", cp.SCS, {"eps_abs": 1e-8, "eps_rel": 1e-8, "max_iters": 50_000, "time_limit_secs": 10})


def plan_for(problem: cp.Problem) -> SolverPlan:
    """The solver pair for the problem's class (computed once per compiled problem)."""
    if problem.is_lp():
        return SolverPlan(SolverChoice(WarmHighs.NAME, WarmHighs()), CLARABEL)
    if problem.is_qp():
        return SolverPlan(CLARABEL, HIGHS)
    return SolverPlan(CLARABEL, SCS)


PORTFOLIO_PROBLEM = t("the portfolio problem", "投资组合问题")


def solve(
    problem: cp.Problem,
    *,
    plan: SolverPlan | None = None,
    accept: Callable[[], T] | None = None,
    what: Text = PORTFOLIO_PROBLEM,
) -> tuple[SolveReport, T | None]:
    """Solve ``problem`` and return the report with ``accept()``'s value.

    ``accept`` (optional) reads the variables' values, checks them and returns what the
    caller keeps (e.g. cleaned weights); it raises ``SolutionRejected`` when the answer is
    not good enough. An answer is taken when its status is optimal and ``accept`` passes;
    when neither solver gets there, an ``optimal_inaccurate`` answer that passes ``accept``
    (the primary's first) is taken with a warning, since degenerate problems (a target on
    the very edge of the feasible set) end that way and their answer is checked anyway.
    """
    plan = plan or plan_for(problem)
    attempts: list[tuple[str, str]] = []
    inaccurate: tuple[str, T | None] | None = None
    for choice in (plan.primary, plan.fallback):
        status, value = _attempt(problem, choice, accept)
        attempts.append((choice.name, status))
        if status == cp.OPTIMAL:
            return SolveReport(choice.name, status, tuple(attempts)), value
        if status == cp.OPTIMAL_INACCURATE and inaccurate is None:
            inaccurate = (choice.name, value)
        if choice is plan.primary:
            log.warning("%s: %s returned %s; retrying with %s", what, choice.name, status, plan.fallback.name)
    if inaccurate is not None:
        name, value = inaccurate
        log.warning("%s: taking the checked inaccurate answer of %s", what, name)
        return SolveReport(name, cp.OPTIMAL_INACCURATE, tuple(attempts)), value
    raise _failure(attempts, what)


def _attempt(problem: cp.Problem, choice: SolverChoice, accept) -> tuple[str, object]:
    try:
        problem.solve(solver=choice.solver, warm_start=True, canon_backend=CANON_BACKEND, **choice.options)
    except Exception as exc:
        log.warning("%s raised %s: %s", choice.name, type(exc).__name__, exc)
        return f"error ({type(exc).__name__}: {exc})", None
    status = problem.status
    if status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE) and accept is not None:
        try:
            return status, accept()
        except SolutionRejected as exc:
            return f"{status} but rejected ({exc})", None
    return status, None


def _failure(attempts: list[tuple[str, str]], what: Text) -> AdviceError:
    statuses = {status for _, status in attempts}
    if statuses <= _INFEASIBLE:
        return AdviceError(
            AdvisorErrorCode.INFEASIBLE,
            t(
                f"no portfolio meets all the constraints of {what.en} together; relax the weight "
                "bounds, the group limits or the targets",
                f"没有组合能同时满足{what.zh}的全部约束，请放宽权重上下限、分组限额或目标",
            ),
        )
    if statuses <= _UNBOUNDED:
        return AdviceError(
            AdvisorErrorCode.UNBOUNDED,
            t(
                f"{what.en} has no finite optimum; check the expected returns and the bounds",
                f"{what.zh}没有有限的最优解，请检查预期收益和上下限",
            ),
        )
    tried = "; ".join(f"{name} returned {status}" for name, status in attempts)
    tried_zh = "；".join(f"{name} 返回 {status}" for name, status in attempts)
    return AdviceError(
        AdvisorErrorCode.SOLVER_FAILED,
        t(
            f"the solvers could not solve {what.en} ({tried}); check the inputs for extreme or badly "
            "scaled values (returns and risks as fractions, e.g. 0.05 for 5%)",
            f"求解器无法求解{what.zh}（{tried_zh}）；请检查输入中是否有极端值或量纲不当的值"
            "（收益和风险以小数表示，例如 0.05 表示 5%）",
        ),
    )
