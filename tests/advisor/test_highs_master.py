"""The restricted master written straight into HiGHS gives what the cvxpy master gives (the
optimum and the multipliers that price entering products), re-solve after re-solve on one
kept model, and hands a failed solve to the second solver, logged."""

from __future__ import annotations

import logging
from dataclasses import replace

import cvxpy as cp
import numpy as np
import pytest
from hypothesis import given, settings

import advisor.highs_master
from advisor import AdvisorErrorCode
from advisor.errors import AdviceError
from advisor.highs_master import NAME, HighsMaster
from advisor.master import ARTIFICIAL_PENALTY, MasterInputs, RestrictedMaster
from advisor.solving import SolverChoice
from tests.advisor.markets import seeds

COLUMNS, ROWS = 12, 30


def random_inputs(rng: np.random.Generator) -> MasterInputs:
    returns = rng.normal(0.03, 0.1, (ROWS, COLUMNS))
    returns[:, 0] = 0.0  # the artificial asset
    returns[rng.integers(0, ROWS, 4)] = 0.0  # empty scenario slots ...
    weights = np.where(returns.any(axis=1), 1 / (0.05 * 200), 0.0)  # ... weigh nothing
    expected = rng.normal(0.03, 0.02, COLUMNS)
    expected[0] = -ARTIFICIAL_PENALTY
    upper = np.where(rng.random(COLUMNS) < 0.8, rng.choice([0.3, 1.0]), 0.0)
    upper[:2] = 1.0
    groups = (rng.random((3, COLUMNS)) < 0.3).astype(float)
    groups[:, 0] = [1.0, 0.0, 0.0]
    return MasterInputs(
        returns=returns,
        row_weights=weights,
        expected=expected,
        upper=upper,
        groups=groups,
        group_lower=np.array([rng.uniform(0, 0.6), -1.0, -1.0]),
        group_upper=np.array([2.0, rng.uniform(0, 0.5), rng.uniform(0, 0.3)]),
        tail_cap=float(rng.choice([0.01, 0.05, 0.2])),
        risk_aversion=float(rng.choice([1e-4, 0.05, 1.0])),
    )


def objective(inputs: MasterInputs, solution) -> float:
    return float(inputs.expected @ solution.weights) - inputs.risk_aversion * solution.cvar


@settings(max_examples=10, deadline=None)
@given(seeds)
def test_re_solves_in_highs_match_the_cvxpy_master_and_price_products_alike(seed):
    rng = np.random.default_rng(seed)
    direct, reference = HighsMaster(COLUMNS, ROWS), RestrictedMaster(COLUMNS, ROWS)
    inputs = random_inputs(rng)
    for turn in range(6):  # one kept model: new scenarios and products (reloaded), or new limits only (in place)
        fresh = random_inputs(rng)
        inputs = (
            fresh
            if turn % 2 == 0
            else replace(fresh, returns=inputs.returns, row_weights=inputs.row_weights, groups=inputs.groups)
        )
        ours, theirs = direct.solve(inputs), reference.solve(inputs)
        assert ours.report.solver == NAME
        assert objective(inputs, ours) == pytest.approx(objective(inputs, theirs), abs=1e-9)
        assert ours.cvar == pytest.approx(theirs.cvar, abs=1e-7) or inputs.risk_aversion < 1e-3
        assert abs(ours.weights.sum() - 1.0) <= 1e-9
        assert np.all(ours.weights >= -1e-9) and np.all(ours.weights <= inputs.upper + 1e-9)
        # The multipliers price products as an optimal dual must (whichever one a degenerate
        # optimum gives): no gain from more of a product held below its cap, no gain from less
        # of one held above zero; so no product outside the working set is added wrongly.
        gains = ours.reduced_costs(inputs.expected, inputs.returns, inputs.groups, duals_of=np.arange(ROWS))
        weights = ours.weights
        assert np.all(gains[weights < inputs.upper - 1e-7] <= 1e-7)
        assert np.all(gains[weights > 1e-7] >= -1e-7)


def test_a_failed_highs_solve_goes_to_the_second_solver_logged(monkeypatch, caplog):
    inputs = random_inputs(np.random.default_rng(7))
    expected = RestrictedMaster(COLUMNS, ROWS).solve(inputs)
    master = HighsMaster(COLUMNS, ROWS)
    monkeypatch.setattr(HighsMaster, "_solve_direct", lambda self, inputs: "time limit reached")
    with caplog.at_level(logging.WARNING, logger="advisor.highs_master"):
        solution = master.solve(inputs)
    assert solution.report.solver == "CLARABEL"
    assert solution.report.attempts[0] == (NAME, "time limit reached")
    assert objective(inputs, solution) == pytest.approx(objective(inputs, expected), abs=1e-7)
    assert any("retrying with CLARABEL" in record.message for record in caplog.records)
    monkeypatch.undo()  # HiGHS answers again: a fresh model, the same optimum
    assert master.solve(inputs).report.solver == NAME


def test_when_every_solver_fails_the_error_names_them(monkeypatch):
    inputs = random_inputs(np.random.default_rng(8))
    master = HighsMaster(COLUMNS, ROWS)

    def crash(self, inputs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(HighsMaster, "_solve_direct", crash)
    # neither is installed here, so both fail the way a crashed solver does
    monkeypatch.setattr(advisor.highs_master, "CLARABEL", SolverChoice("ECOS", cp.ECOS))
    monkeypatch.setattr(advisor.highs_master, "HIGHS", SolverChoice("GUROBI", cp.GUROBI))
    with pytest.raises(AdviceError) as raised:
        master.solve(inputs)
    assert raised.value.code == AdvisorErrorCode.SOLVER_FAILED
    message = raised.value.message
    assert f"{NAME} returned error (RuntimeError" in message
    assert "ECOS returned error" in message and "GUROBI returned error" in message
