"""Advisor: portfolio optimisation and advice.

The optimizer: ``MeanRisk``, a catalogue-independent mean-risk optimizer on cvxpy (variance or
CVaR; min risk, max return, max utility, max Sharpe; bounds and group limits), compiled once
and re-solved (``compiled``, ``pieces``), one solver wrapper (``solving``, ``warm_highs``),
diagnosis of infeasible requests (``diagnosis``), weights hygiene and percentages that add
up to 100 (``weights``), and ``AdviceError`` with ``AdvisorErrorCode`` (``errors``).

The platform: joint one-year scenarios per catalogue version (``products.joint_scenarios``,
``products.joint_model``), the category limits (``limits``), the platform problem loaded once
into HiGHS and solved exactly by row and column generation from a pool (``highs_master``,
with the cvxpy ``master`` as its second solver, ``platform``),
cached per catalogue version (``model_cache``); a request checked against the profile
(``eligibility``), relaxed in a documented order (``relaxation``), turned into allocations,
plain figures and an explanation (``advice``, ``figures``, ``texts``), stored exactly as
given (``recommendations``, ``models``); the efficient frontier (``frontier``); investing in
a plan and rebalancing it (``plans``, ``rebalancing``); synthetic catalogues for benchmarks and tests (``synthetic``).

Why two optimizers: ``MeanRisk`` is the general estimator (expected returns and a covariance
or scenarios in, weights out) for one problem at a time; the platform solves the same CVaR
linear programme over the whole catalogue's scenarios, loaded once per catalogue version and
warm-started across users by row and column generation, which a per-request fit cannot do
without rebuilding and reloading the whole problem each time. They are kept honest against
each other on shared problems (``tests/advisor/test_platform_exact.py``).

The entry points for the API and the CLI are in ``service``.

``from advisor import MeanRisk`` loads cvxpy (about 0.9 s) on first use only, so importing
the package (e.g. for ``advisor.errors``) stays cheap.
"""

from __future__ import annotations

from importlib import import_module

_LAZY = {
    "MeanRisk": "advisor.mean_risk",
    "Objective": "advisor.inputs",
    "RiskMeasure": "advisor.inputs",
    "Group": "advisor.inputs",
    "FactorCovariance": "advisor.risk_models",
    "portfolio_cvar": "advisor.risk_models",
    "percentages": "advisor.weights",
    "clean_weights": "advisor.weights",
    "AdviceError": "advisor.errors",
    "AdvisorErrorCode": "advisor.errors",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
