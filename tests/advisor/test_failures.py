"""Failure is designed in: every refusal is an ``AdviceError`` whose code names what binds and
whose message says what to change, a failing solver is retried once with another, and a
failed fit leaves no answer behind."""

from __future__ import annotations

import logging

import cvxpy as cp
import numpy as np
import pytest

import advisor.compiled
from advisor import AdviceError, AdvisorErrorCode, FactorCovariance, Group, MeanRisk
from advisor.solving import CLARABEL, SolutionRejected, SolverChoice, SolverPlan, solve
from core.errors import DomainError

MU = np.array([0.04, 0.07, 0.10])
COV = np.diag([0.01, 0.04, 0.09])


def refusal(model: MeanRisk, **data) -> AdviceError:
    with pytest.raises(AdviceError) as caught:
        model.fit(**data)
    assert isinstance(caught.value, DomainError)
    assert not hasattr(model, "weights_")
    return caught.value


def test_minimum_weights_above_100_percent_are_named():
    error = refusal(MeanRisk(min_weights=[0.5, 0.4, 0.3]), expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.WEIGHT_BOUNDS_INFEASIBLE
    assert error.constraint == "min_weights"
    assert "120.0%" in error.message


def test_maximum_weights_below_100_percent_are_named():
    error = refusal(MeanRisk(max_weights=0.3), expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.WEIGHT_BOUNDS_INFEASIBLE
    assert error.constraint == "max_weights"
    assert "90.0%" in error.message


def test_a_group_floor_out_of_reach_of_the_weight_caps_names_the_group():
    model = MeanRisk(max_weights=[0.1, 0.1, 1.0], groups=[Group([0, 1], lower=0.3, name="P2P")])
    error = refusal(model, expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.GROUP_LIMITS_INFEASIBLE
    assert "P2P must hold at least 30.0%" in error.message and "at most 20.0%" in error.message


def test_group_limits_that_clash_only_together_are_found_after_the_solve():
    # each alone is fine; together assets 0 and 1 need 60% while asset 1 and 2 need 70%
    groups = [Group([0, 1], lower=0.6), Group([1, 2], lower=0.7), Group([1], upper=0.2)]
    error = refusal(MeanRisk(groups=groups), expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.GROUP_LIMITS_INFEASIBLE
    assert error.constraint == "groups"


@pytest.mark.parametrize("groups", [None, [Group([0, 1, 2], upper=1.0, name="all")]])
def test_an_unattainable_target_return_quotes_the_highest_attainable(groups):
    # with at most 50% per asset the best is 50% at 10% and 50% at 7%: 8.5%
    model = MeanRisk(target_return=0.12, max_weights=0.5, groups=groups)
    error = refusal(model, expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.TARGET_RETURN_UNATTAINABLE
    assert error.constraint == "target_return"
    assert error.message.startswith("target return 12.0% is above the highest attainable 8.5%")


def test_a_target_volatility_below_the_minimum_quotes_the_lowest_attainable():
    inverse = 1 / np.diag(COV)
    lowest = 1 / np.sqrt(inverse.sum())  # minimum volatility of uncorrelated assets
    error = refusal(MeanRisk(objective="max_return", target_risk=0.05), expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.TARGET_RISK_UNATTAINABLE
    assert f"target volatility 5.0% is below the lowest attainable {lowest:.1%}" in error.message


def test_targets_that_clash_say_what_the_return_needs():
    # 9.5% needs mostly the 30%-volatility asset; a 15% volatility ceiling cannot carry it
    model = MeanRisk(objective="max_return", target_return=0.095, target_risk=0.15)
    error = refusal(model, expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.TARGET_RISK_UNATTAINABLE
    assert "a return of at least 9.5% needs a volatility of at least" in error.message


def test_max_sharpe_without_any_excess_return_is_refused():
    error = refusal(MeanRisk(objective="max_sharpe", risk_free_rate=0.12), expected_returns=MU, covariance=COV)
    assert error.code == AdvisorErrorCode.NO_EXCESS_RETURN
    assert "risk-free rate of 12.0%" in error.message and "the best is 10.0%" in error.message


def test_return_per_unit_of_cvar_is_unbounded_when_a_portfolio_cannot_lose():
    scenarios = np.array([[0.01, -0.2], [0.02, 0.3], [0.03, 0.1], [0.015, -0.1]])
    model = MeanRisk(objective="max_sharpe", risk_measure="cvar", cvar_level=0.5)
    error = refusal(model, scenarios=scenarios)
    assert error.code == AdvisorErrorCode.UNBOUNDED
    assert "unbounded" in error.message


def test_the_sharpe_ratio_is_unbounded_when_a_riskless_mix_beats_the_risk_free_rate():
    # perfectly negatively correlated assets: half and half carries no risk and earns 6%
    cov = np.array([[0.04, -0.04], [-0.04, 0.04]])
    error = refusal(MeanRisk(objective="max_sharpe"), expected_returns=np.array([0.05, 0.07]), covariance=cov)
    assert error.code == AdvisorErrorCode.UNBOUNDED
    assert "no volatility" in error.message


@pytest.mark.parametrize(
    ("params", "data", "constraint"),
    [
        ({}, {"expected_returns": [0.1, np.nan, 0.2], "covariance": COV}, "expected_returns"),
        ({}, {"expected_returns": MU, "covariance": np.eye(2)}, "covariance"),
        ({}, {"expected_returns": MU, "covariance": COV + np.triu(np.ones((3, 3)), 1) * 0.01}, "covariance"),
        ({}, {"expected_returns": MU, "covariance": np.diag([0.01, -0.04, 0.09])}, "covariance"),
        ({}, {"expected_returns": MU, "covariance": FactorCovariance(np.ones((2, 1)))}, "covariance"),
        ({}, {"expected_returns": MU}, "covariance"),
        ({"risk_measure": "cvar"}, {"expected_returns": MU, "covariance": COV}, "scenarios"),
        ({"objective": "max_happiness"}, {"expected_returns": MU, "covariance": COV}, "objective"),
        ({"cvar_level": 1.0}, {"expected_returns": MU, "covariance": COV}, "cvar_level"),
        ({"min_weights": -0.1}, {"expected_returns": MU, "covariance": COV}, "min_weights"),
        ({"min_weights": 0.5, "max_weights": 0.4}, {"expected_returns": MU, "covariance": COV}, "max_weights"),
        ({"max_weights": [0.5, 0.5]}, {"expected_returns": MU, "covariance": COV}, "max_weights"),
        ({"groups": [([0, 5], 0.1, 0.2)]}, {"expected_returns": MU, "covariance": COV}, "groups"),
        ({"groups": [([0], 0.3, 0.2)]}, {"expected_returns": MU, "covariance": COV}, "groups"),
        ({"target_risk": -0.1}, {"expected_returns": MU, "covariance": COV}, "target_risk"),
        ({"risk_aversion": float("inf")}, {"expected_returns": MU, "covariance": COV}, "risk_aversion"),
    ],
)
def test_unusable_input_is_refused_naming_the_parameter(params, data, constraint):
    error = refusal(MeanRisk(**params), **data)
    assert error.code == AdvisorErrorCode.INVALID_OPTIMIZER_INPUT
    assert error.constraint == constraint


def test_enum_members_and_their_strings_are_the_same_request():
    from advisor import Objective, RiskMeasure

    by_enum = MeanRisk(objective=Objective.MAX_SHARPE, risk_measure=RiskMeasure.VARIANCE)
    by_text = MeanRisk(objective="max_sharpe", risk_measure="variance")
    for model in (by_enum, by_text):
        model.fit(expected_returns=MU, covariance=COV)
    assert by_enum.weights_ == pytest.approx(by_text.weights_)


def test_a_failing_solver_is_retried_once_with_the_second_and_logged(monkeypatch, caplog):
    # ECOS is not installed here, so the "primary" fails the way a crashed solver does
    broken = SolverPlan(SolverChoice("ECOS", cp.ECOS), CLARABEL)
    monkeypatch.setattr(advisor.compiled, "plan_for", lambda problem: broken)
    with caplog.at_level(logging.WARNING, logger="advisor.solving"):
        model = MeanRisk().fit(expected_returns=MU, covariance=COV)
    assert model.solver_ == "CLARABEL" and model.status_ == "optimal"
    assert model.weights_ == pytest.approx(1 / np.diag(COV) / (1 / np.diag(COV)).sum(), abs=1e-6)
    assert any("ECOS" in r.message and "retrying with CLARABEL" in r.message for r in caplog.records)


def test_when_both_solvers_fail_the_error_names_them_and_nothing_is_kept(monkeypatch):
    model = MeanRisk().fit(expected_returns=MU, covariance=COV)
    broken = SolverPlan(SolverChoice("ECOS", cp.ECOS), SolverChoice("GUROBI", cp.GUROBI))
    monkeypatch.setattr(advisor.compiled, "plan_for", lambda problem: broken)
    error = refusal(model.set_params(max_weights=0.9), expected_returns=MU * 2, covariance=COV * 2)
    assert error.code == AdvisorErrorCode.SOLVER_FAILED
    assert "ECOS returned error" in error.message and "GUROBI returned error" in error.message


def test_an_optimal_answer_that_fails_the_check_goes_to_the_second_solver():
    x = cp.Variable(2)
    problem = cp.Problem(cp.Minimize(cp.sum_squares(x - 1)), [cp.sum(x) == 1])
    calls = []

    def accept():
        calls.append(x.value.copy())
        if len(calls) == 1:
            raise SolutionRejected("pretend the first answer strays from the bounds")
        return x.value.copy()

    report, value = solve(problem, plan=SolverPlan(CLARABEL, SolverChoice("OSQP", cp.OSQP)), accept=accept)
    assert report.solver == "OSQP"
    assert report.attempts[0][1].startswith("optimal but rejected")
    assert value == pytest.approx([0.5, 0.5], abs=1e-4)
