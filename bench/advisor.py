"""Advisor benchmarks; each section prints figures and ratios measured in the same run.

Section ``mean-risk``: ``MeanRisk`` against PyPortfolioOpt (a benchmark-only dependency, the
``bench`` extra) on the same problems and data at 50, 200 and 1,000 assets:
``efficient_risk`` (max return for a target volatility) and ``max_sharpe``. The data is a
seeded factor model estimated from simulated daily returns (8 factors, 1,000 days):
``S = B F B' + diag(d)``. PyPortfolioOpt gets the dense ``S`` (the only form it takes);
``MeanRisk`` gets the same ``S`` as a ``FactorCovariance`` (main figures) and, for
comparison, as the dense matrix. Timed per call, after a warm-up of both libraries:

- PyPortfolioOpt: ``EfficientFrontier(mu, S)`` plus the call, on every data set;
- ours cold: a new ``MeanRisk`` and its first ``fit`` (factorisation, compile, solve);
- ours warm: the same estimator refitted on the next data sets (same shape, new numbers);
- ours dense: a new ``MeanRisk`` fitted with the dense ``S``.

Ratios are PyPortfolioOpt's median time over ours (above 1: ours is faster); ``|d obj|`` is
the largest difference of the optimal objective (return for ``efficient_risk``, Sharpe ratio
for ``max_sharpe``, both evaluated on the same ``S``) over the data sets. Target: ours faster
at every size, ``|d obj| <= 1e-6``.

    .venv/bin/python bench/advisor.py                              # every section
    .venv/bin/python bench/advisor.py mean-risk --sizes 50 200 --refits 3

Section ``platform`` (the catalogue model) comes with the platform's optimizer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor import FactorCovariance, MeanRisk  # noqa: E402

RISK_FREE_RATE = 0.02
N_FACTORS = 8
N_DAYS = 1000


@dataclass(frozen=True)
class Market:
    expected_returns: np.ndarray
    factor_model: FactorCovariance
    covariance: np.ndarray


def generated_market(n_assets: int, seed: int) -> Market:
    """Simulate daily returns from a factor model, then estimate it back (OLS loadings,
    sample factor covariance, residual variances), annualised."""
    rng = np.random.default_rng(seed)
    loadings = rng.normal(0.0, 0.4, (n_assets, N_FACTORS))
    loadings[:, 0] = rng.uniform(0.5, 1.5, n_assets)  # the market
    factor_vol = np.r_[0.16, rng.uniform(0.03, 0.08, N_FACTORS - 1)] / np.sqrt(252)
    factors = rng.normal(size=(N_DAYS, N_FACTORS)) * factor_vol
    specific_vol = rng.uniform(0.1, 0.4, n_assets) / np.sqrt(252)
    daily = factors @ loadings.T + rng.normal(size=(N_DAYS, n_assets)) * specific_vol
    coef, *_ = np.linalg.lstsq(factors, daily, rcond=None)
    residuals = daily - factors @ coef
    model = FactorCovariance(
        loadings=coef.T,
        factor_covariance=np.cov(factors, rowvar=False) * 252,
        specific_variance=residuals.var(axis=0, ddof=N_FACTORS) * 252,
    )
    premia = np.r_[0.05, rng.normal(0.0, 0.01, N_FACTORS - 1)]
    mu = RISK_FREE_RATE + model.loadings @ premia + rng.normal(0.0, 0.02, n_assets)
    return Market(mu, model, model.dense())


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


# --- PyPortfolioOpt ------------------------------------------------------------------------


def pypfopt_weights(problem: str, market: Market, target: float) -> tuple[np.ndarray, str]:
    """PyPortfolioOpt's answer with its defaults; when its solver stops early (as Clarabel
    does on max_sharpe at 1,000 assets: iteration limit), retried with 1,000 iterations, and
    the note says so."""
    from pypfopt import EfficientFrontier
    from pypfopt.exceptions import OptimizationError

    def run(**options):
        frontier = EfficientFrontier(market.expected_returns, market.covariance, **options)
        if problem == "efficient_risk":
            frontier.efficient_risk(target)
        else:
            frontier.max_sharpe(risk_free_rate=RISK_FREE_RATE)
        return np.array(list(frontier.clean_weights(rounding=None).values()))

    try:
        return run(), ""
    except OptimizationError as error:
        note = f"default failed ({str(error).split(',')[-1].strip(' )')}), retried with max_iter=1000"
        return run(solver="CLARABEL", solver_options={"max_iter": 1000}), note


# --- one problem at one size ---------------------------------------------------------------


def objective(problem: str, market: Market, weights: np.ndarray) -> float:
    ret = float(market.expected_returns @ weights)
    if problem == "efficient_risk":
        return ret
    return (ret - RISK_FREE_RATE) / float(np.sqrt(weights @ market.covariance @ weights))


def our_model(problem: str) -> MeanRisk:
    if problem == "efficient_risk":
        return MeanRisk(objective="max_return")
    return MeanRisk(objective="max_sharpe", risk_free_rate=RISK_FREE_RATE)


def target_volatility(market: Market) -> float:
    """A third of the way from the minimum-volatility portfolio to the max-return one."""
    low = MeanRisk(objective="min_risk").fit(market.expected_returns, market.factor_model).risk_
    high = MeanRisk(objective="max_return").fit(market.expected_returns, market.factor_model).risk_
    return low + (high - low) / 3


def compare(problem: str, n_assets: int, refits: int, repeats: int) -> dict:
    """Time both libraries on ``refits + 1`` data sets of one size, interleaved call by call
    and repeated ``repeats`` times, so a busy machine slows both alike; medians reported."""
    markets = [generated_market(n_assets, seed) for seed in range(refits + 1)]
    targets = [target_volatility(m) if problem == "efficient_risk" else None for m in markets]

    def fresh(covariance_of, index: int) -> MeanRisk:
        model = our_model(problem).set_params(target_risk=targets[index])
        return model.fit(markets[index].expected_returns, covariance_of(markets[index]))

    model = our_model(problem)  # refitted on every data set: the warm estimator
    theirs, cold, warm, dense = [], [], [], []
    their_values, our_values, dense_values, notes = {}, {}, {}, set()
    for _ in range(repeats):
        for index, market in enumerate(markets):
            seconds, (weights, note) = timed(lambda: pypfopt_weights(problem, market, targets[index]))
            theirs.append(seconds)
            their_values[index] = objective(problem, market, weights)
            notes.update([note] if note else [])
            if index == 0:
                seconds, first = timed(lambda: fresh(lambda m: m.factor_model, 0))
                cold.append(seconds)
                our_values[0] = objective(problem, market, first.weights_)
                seconds, dense_fit = timed(lambda: fresh(lambda m: m.covariance, 0))
                dense.append(seconds)
                dense_values[0] = objective(problem, market, dense_fit.weights_)
            if index > 0 or not warm:
                model.set_params(target_risk=targets[index])
                seconds, _ = timed(lambda: model.fit(market.expected_returns, market.factor_model))
                if index > 0:  # the estimator's very first fit is a cold one
                    warm.append(seconds)
                    our_values[index] = objective(problem, market, model.weights_)
    assert model.compilations == 1, "a refit of the same shape must not compile again"
    return {
        "theirs": statistics.median(theirs),
        "cold": statistics.median(cold),
        "warm": statistics.median(warm) if warm else float("nan"),
        "dense": statistics.median(dense),
        "gap": max(abs(our_values[i] - their_values[i]) for i in our_values),
        "dense_gap": abs(dense_values[0] - their_values[0]),
        "notes": sorted(notes),
    }


def warm_up() -> None:
    """First calls pay one-time costs (lazy imports, caches) in both libraries."""
    market = generated_market(12, seed=99)
    target = target_volatility(market)
    for problem in ("efficient_risk", "max_sharpe"):
        pypfopt_weights(problem, market, target)
        for covariance in (market.factor_model, market.covariance):
            model = our_model(problem)
            if problem == "efficient_risk":
                model.set_params(target_risk=target)
            model.fit(market.expected_returns, covariance)


def mean_risk_section(sizes: list[int], refits: int, repeats: int) -> bool:
    import cvxpy

    print(f"== MeanRisk vs PyPortfolioOpt {version('pyportfolioopt')} "
          f"(cvxpy {cvxpy.__version__}, Clarabel {version('clarabel')}, HiGHS {version('highspy')})")
    print(f"   data: factor model ({N_FACTORS} factors) estimated from {N_DAYS} simulated days; "
          f"{refits + 1} data sets per size, each call timed {repeats} times interleaved, medians; "
          f"risk-free rate {RISK_FREE_RATE:.0%}; long-only, weights 0..1")
    warm_up()
    header = (f"{'problem':<15}{'assets':>7}{'pypfopt s':>11}{'ours cold':>11}{'ours warm':>11}"
              f"{'x cold':>8}{'x warm':>8}{'|d obj|':>10}{'dense s':>9}{'x dense':>8}{'|d obj|':>10}")
    print(header)
    ok = True
    for problem in ("efficient_risk", "max_sharpe"):
        for n_assets in sizes:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # cvxpy's "may be inaccurate"
                r = compare(problem, n_assets, refits, repeats)
            ok &= r["gap"] <= 1e-6 and r["theirs"] > r["warm"] and r["theirs"] > r["cold"]
            print(f"{problem:<15}{n_assets:>7}{r['theirs']:>11.4f}{r['cold']:>11.4f}{r['warm']:>11.4f}"
                  f"{r['theirs'] / r['cold']:>8.1f}{r['theirs'] / r['warm']:>8.1f}{r['gap']:>10.1e}"
                  f"{r['dense']:>9.4f}{r['theirs'] / r['dense']:>8.1f}{r['dense_gap']:>10.1e}")
            for note in r["notes"]:
                print(f"{'':<22}PyPortfolioOpt: {note}")
    print("   x = PyPortfolioOpt median time / ours; target: ours faster at every size "
          f"and |d obj| <= 1e-6 -> {'met' if ok else 'NOT met'}")
    return ok


SECTIONS = {"mean-risk": mean_risk_section}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sections", nargs="*", help=f"any of {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 1000])
    parser.add_argument("--refits", type=int, default=3, help="warm refits (data sets - 1)")
    parser.add_argument("--repeats", type=int, default=3, help="timings per call")
    args = parser.parse_args()
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    for name in args.sections or SECTIONS:
        SECTIONS[name](args.sizes, args.refits, args.repeats)


if __name__ == "__main__":
    main()
