"""The platform's restricted master (see ``advisor.master`` for the problem) written straight
into HiGHS: no cvxpy canonicalisation per solve. The linear programme is loaded once; each
solve changes the costs and bounds in place, or reloads the model when coefficients changed,
and sets the last optimal basis, so the simplex starts from it. The weights' bounds are
column bounds (cvxpy made Parameter bounds into rows), which also shortens HiGHS's own
re-solve. Measured
(``bench/advisor.py platform``, 2,000 scenarios, alternating runs): a warm recommendation
took 4.4 ms instead of 13.6 ms through the cvxpy master at 50 products, 11.5 instead of 30.5
at 200.

    columns  w (``columns`` slots, slot 0 the artificial asset), alpha (free), u (``rows``, >= 0)
    minimise -mu'w + risk_aversion (alpha + rw'u)
    rows     r_i'w + alpha + u_i >= 0       one per scenario slot (their duals price columns)
             sum(w) = 1                      budget
             lower <= G w <= upper           money floor, illiquid and P2P shares
             alpha + rw'u <= tail_cap        the CVaR ceiling
    bounds   0 <= w <= upper

The solver wrapper's contract holds: a status other than optimal, or unusable values, is
logged and the same inputs go to the compiled cvxpy master (``RestrictedMaster``) with
Clarabel first and cvxpy's HiGHS second; only if both fail is an ``AdviceError`` raised. The
kept HiGHS model is dropped after a failure and loaded again on the next solve.
"""

from __future__ import annotations

import logging

import highspy
import numpy as np

from advisor.errors import AdviceError
from advisor.master import GROUPS, MasterInputs, MasterSolution, RestrictedMaster
from advisor.solving import CLARABEL, HIGHS, SolveReport, SolverPlan
from core.errors import t

log = logging.getLogger(__name__)

NAME = "HIGHS_DIRECT"
_INF = highspy.kHighsInf
_OPTIMAL = highspy.HighsModelStatus.kOptimal
_COLUMN_WISE = int(highspy.MatrixFormat.kColwise)
_MINIMISE = int(highspy.ObjSense.kMinimize)


class HighsMaster:
    """Same interface as ``RestrictedMaster``: ``columns``, ``rows`` and ``solve``. Serves
    one solve at a time (it keeps the HiGHS model and the last inputs)."""

    def __init__(self, columns: int, rows: int) -> None:
        self.columns = columns
        self.rows = rows
        self._highs: highspy.Highs | None = None
        self._loaded: _Numbers | None = None
        self._fallback: RestrictedMaster | None = None
        # Layout: columns [w (columns) | alpha | u (rows)]; rows [scenarios | budget | groups | tail].
        self._alpha = columns
        self._budget_row = rows
        self._group_rows = rows + 1
        self._tail_row = rows + 1 + len(GROUPS)
        self.n_cols = columns + 1 + rows
        self.n_rows = self._tail_row + 1
        self._continuous = np.zeros(self.n_cols, dtype=np.int32)

    def solve(self, inputs: MasterInputs) -> MasterSolution:
        what = f"the platform problem ({self.columns} products in the working set)"
        try:
            solution = self._solve_direct(inputs)
        except Exception as exc:
            self._drop()
            log.warning("%s: %s raised %s: %s; retrying with %s", what, NAME, type(exc).__name__, exc, CLARABEL.name)
            return self._second(inputs, f"error ({type(exc).__name__}: {exc})")
        if isinstance(solution, str):
            self._drop()
            log.warning("%s: %s returned %s; retrying with %s", what, NAME, solution, CLARABEL.name)
            return self._second(inputs, solution)
        return solution

    # -- HiGHS ----------------------------------------------------------------------------

    def _solve_direct(self, inputs: MasterInputs) -> MasterSolution | str:
        numbers = _Numbers.of(inputs, self)
        if self._highs is None or self._loaded is None:
            self._load(numbers)
        else:
            self._update(self._loaded, numbers)
        self._loaded = numbers
        highs = self._highs
        highs.run()
        status = highs.getModelStatus()
        if status != _OPTIMAL:
            return highs.modelStatusToString(status).lower()
        solution = highs.getSolution()
        values = np.asarray(solution.col_value, dtype=float)
        duals = np.asarray(solution.row_dual, dtype=float)
        if (
            len(values) != self.n_cols
            or len(duals) != self.n_rows
            or not (np.all(np.isfinite(values)) and np.all(np.isfinite(duals)))
        ):
            return "optimal without usable values"
        weights = values[: self.columns]
        alpha = float(values[self._alpha])
        excess = values[self._alpha + 1 :]
        # HiGHS: column reduced cost = cost - A'y. An entering column of the minimisation is
        # worth adding when cost - a'y < 0, i.e. mu + a'y > 0: in ``reduced_costs``' terms the
        # budget's multiplier is -y, the scenario rows' y, and a group row's y splits into
        # its lower (y > 0) and upper (y < 0) sides.
        group_duals = duals[self._group_rows : self._tail_row]
        return MasterSolution(
            weights=weights.copy(),
            alpha=alpha,
            cvar=alpha + float(numbers.row_weights @ excess),
            row_duals=np.maximum(duals[: self.rows], 0.0),
            budget_dual=-float(duals[self._budget_row]),
            group_lower_duals=np.maximum(group_duals, 0.0),
            group_upper_duals=np.maximum(-group_duals, 0.0),
            report=SolveReport(NAME, "optimal", ((NAME, "optimal"),)),
        )

    def _load(self, numbers: _Numbers) -> None:
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        # The numbers are fractions of order 0.01-1 (and the artificial asset's penalty of 10):
        # already well scaled, and re-solves without HiGHS's scaling were 13-23% faster.
        highs.setOptionValue("simplex_scale_strategy", 0)
        self._highs = highs
        self._pass(numbers)

    def _pass(self, numbers: _Numbers) -> None:
        """Load the whole model (numpy arrays straight to HiGHS; a ``HighsLp`` built field by
        field took milliseconds)."""
        columns, rows = self.columns, self.rows
        # Column-wise: w_j on every scenario row, the budget and the group rows; alpha on every
        # scenario row and the tail row; u_i on its scenario row and the tail row.
        w_block = np.vstack([numbers.returns, np.ones((1, columns)), numbers.groups])  # (rows + 4) x columns
        w_index = np.concatenate([np.arange(rows), [self._budget_row], np.arange(self._group_rows, self._tail_row)])
        alpha_start = columns * len(w_index)
        starts = np.concatenate([np.arange(columns + 1) * len(w_index), alpha_start + rows + 1 + 2 * np.arange(rows)])
        indices = np.concatenate(
            [
                np.tile(w_index, columns),
                np.arange(rows),
                [self._tail_row],
                np.column_stack([np.arange(rows), np.full(rows, self._tail_row)]).ravel(),
            ]
        )
        values = np.concatenate(
            [
                w_block.T.ravel(),
                np.ones(rows + 1),
                np.column_stack([np.ones(rows), numbers.row_weights]).ravel(),
            ]
        )
        status = self._highs.passModel(
            self.n_cols,
            self.n_rows,
            len(values),
            _COLUMN_WISE,
            _MINIMISE,
            0.0,
            numbers.cost,
            numbers.col_lower,
            numbers.col_upper,
            numbers.row_lower,
            numbers.row_upper,
            starts.astype(np.int32),
            indices.astype(np.int32),
            values,
            self._continuous,
        )
        if status == highspy.HighsStatus.kError:
            raise RuntimeError("HiGHS refused the model")

    def _update(self, old: _Numbers, new: _Numbers) -> None:
        """Change what differs from the loaded model, keeping the basis. New coefficients (a
        scenario or product entering a slot) reload the whole model and set the old basis:
        ``changeCoeff`` one by one was slower (p50 10% higher at 50 and 200 products)."""
        highs = self._highs
        if not (
            (new.returns is old.returns or np.array_equal(new.returns, old.returns))
            and np.array_equal(new.groups, old.groups)
            and np.array_equal(new.row_weights, old.row_weights)
        ):
            basis = highs.getBasis()
            self._pass(new)
            if basis.valid:
                highs.setBasis(basis)
            return
        if not np.array_equal(new.cost, old.cost):
            highs.changeColsCost(self.n_cols, np.arange(self.n_cols, dtype=np.int32), new.cost)
        if not np.array_equal(new.col_upper, old.col_upper):
            highs.changeColsBounds(
                self.columns,
                np.arange(self.columns, dtype=np.int32),
                new.col_lower[: self.columns],
                new.col_upper[: self.columns],
            )
        if not (np.array_equal(new.row_lower, old.row_lower) and np.array_equal(new.row_upper, old.row_upper)):
            rows = np.arange(self.rows, self.n_rows, dtype=np.int32)
            highs.changeRowsBounds(len(rows), rows, new.row_lower[self.rows :], new.row_upper[self.rows :])

    def _drop(self) -> None:
        self._highs = None
        self._loaded = None

    # -- the second solver ----------------------------------------------------------------

    def _second(self, inputs: MasterInputs, first_status: str) -> MasterSolution:
        if self._fallback is None:
            self._fallback = RestrictedMaster(self.columns, self.rows, plan=SolverPlan(CLARABEL, HIGHS))
        try:
            return self._fallback.solve(inputs, earlier=((NAME, first_status),))
        except AdviceError as error:
            raise AdviceError(
                error.code,
                t(f"{NAME} returned {first_status}; {error.text.en}", f"{NAME} 返回 {first_status}；{error.text.zh}"),
                error.field,
                constraint=error.constraint,
            ) from error


class _Numbers:
    """One solve's numbers in HiGHS's layout (kept to diff against the next solve's)."""

    __slots__ = ("col_lower", "col_upper", "cost", "groups", "returns", "row_lower", "row_upper", "row_weights")

    @classmethod
    def of(cls, inputs: MasterInputs, master: HighsMaster) -> _Numbers:
        numbers = cls()
        columns, rows = master.columns, master.rows
        numbers.returns = np.asarray(inputs.returns, dtype=float)
        numbers.groups = np.asarray(inputs.groups, dtype=float)
        numbers.row_weights = np.asarray(inputs.row_weights, dtype=float)
        aversion = float(inputs.risk_aversion)
        numbers.cost = np.concatenate(
            [-np.asarray(inputs.expected, dtype=float), [aversion], aversion * numbers.row_weights]
        )
        numbers.col_lower = np.concatenate([np.zeros(columns), [-_INF], np.zeros(rows)])
        numbers.col_upper = np.concatenate([np.asarray(inputs.upper, dtype=float), [_INF], np.full(rows, _INF)])
        numbers.row_lower = np.concatenate([np.zeros(rows), [1.0], inputs.group_lower, [-_INF]])
        numbers.row_upper = np.concatenate([np.full(rows, _INF), [1.0], inputs.group_upper, [float(inputs.tail_cap)]])
        return numbers
