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

Section ``platform``: the platform model over synthetic catalogues (``advisor.synthetic``) of
50, 200 and 1,000 products. Scenario generation (once per catalogue version) is timed on its
own. Then, per recommendation (``advisor.advice.advise``: eligibility, the solves with their
relaxations, figures and explanation) for seeded random user profiles and requests:

- cold: the first request after a catalogue change (a new ``PlatformModel``: load the
  master into HiGHS and solve), repeated on fresh models;
- warm: the following requests on the same model (loaded, with its basis and working set).

p50/p95 against the targets (warm p50 <= 5 / 25 / 150 ms, cold p50 <= 50 / 100 / 600 ms),
with the ratio to the target. Then a seeded run of 10,000 random profiles (``--profiles``) on
the 200-product catalogue: each gets a recommendation or an ``AdviceError`` (counted by code
and binding constraint); any other exception is counted and printed.

    .venv/bin/python bench/advisor.py platform --sizes 50 200 --profiles 2000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor import FactorCovariance, MeanRisk

RISK_FREE_RATE = 0.02
TODAY = date(2026, 11, 26)
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
            seconds, (weights, note) = timed(
                lambda market=market, index=index: pypfopt_weights(problem, market, targets[index])
            )
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
                seconds, _ = timed(lambda market=market: model.fit(market.expected_returns, market.factor_model))
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

    print(
        f"== MeanRisk vs PyPortfolioOpt {version('pyportfolioopt')} "
        f"(cvxpy {cvxpy.__version__}, Clarabel {version('clarabel')}, HiGHS {version('highspy')})"
    )
    print(
        f"   data: factor model ({N_FACTORS} factors) estimated from {N_DAYS} simulated days; "
        f"{refits + 1} data sets per size, each call timed {repeats} times interleaved, medians; "
        f"risk-free rate {RISK_FREE_RATE:.0%}; long-only, weights 0..1"
    )
    warm_up()
    header = (
        f"{'problem':<15}{'assets':>7}{'pypfopt s':>11}{'ours cold':>11}{'ours warm':>11}"
        f"{'x cold':>8}{'x warm':>8}{'|d obj|':>10}{'dense s':>9}{'x dense':>8}{'|d obj|':>10}"
    )
    print(header)
    ok = True
    for problem in ("efficient_risk", "max_sharpe"):
        for n_assets in sizes:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # cvxpy's "may be inaccurate"
                r = compare(problem, n_assets, refits, repeats)
            ok &= r["gap"] <= 1e-6 and r["theirs"] > r["warm"] and r["theirs"] > r["cold"]
            print(
                f"{problem:<15}{n_assets:>7}{r['theirs']:>11.4f}{r['cold']:>11.4f}{r['warm']:>11.4f}"
                f"{r['theirs'] / r['cold']:>8.1f}{r['theirs'] / r['warm']:>8.1f}{r['gap']:>10.1e}"
                f"{r['dense']:>9.4f}{r['theirs'] / r['dense']:>8.1f}{r['dense_gap']:>10.1e}"
            )
            for note in r["notes"]:
                print(f"{'':<22}PyPortfolioOpt: {note}")
    print(
        "   x = PyPortfolioOpt median time / ours; target: ours faster at every size "
        f"and |d obj| <= 1e-6 -> {'met' if ok else 'NOT met'}"
    )
    return ok


# --- the platform model ---------------------------------------------------------------------

PLATFORM_TARGETS = {50: (0.005, 0.050), 200: (0.025, 0.100), 1000: (0.150, 0.600)}  # warm p50, cold p50


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def _advise(model, profile, request):
    from advisor.advice import advise

    return advise(model=model, profile=profile, request=request, today=TODAY, locale="en", currency="CNY")


def _timed_advice(model, profile, request) -> tuple[float, str]:
    from core.errors import DomainError

    start = time.perf_counter()
    try:
        _advise(model, profile, request)
        outcome = "ok"
    except DomainError as error:
        outcome = str(error.code)
    return time.perf_counter() - start, outcome


def platform_latency(n_products: int, users: int, colds: int) -> dict:
    from advisor import synthetic
    from advisor.platform import PlatformData, PlatformModel
    from products.joint_scenarios import generate

    products = synthetic.catalogue(n_products, seed=n_products, today=TODAY)
    generation, scenarios = timed(lambda: generate(products))
    data = PlatformData.build(f"synthetic-{n_products}", scenarios)
    rng = np.random.default_rng(n_products)
    people = [(synthetic.random_profile(rng, i), synthetic.random_request(rng)) for i in range(users + colds)]
    cold = [_timed_advice(PlatformModel(data), *people[users + i])[0] for i in range(colds)]
    model = PlatformModel(data)
    for profile, request in people[users - 20 : users]:  # warm-up: compile per category, fill the working sets
        _timed_advice(model, profile, request)
    warm, outcomes = [], {}
    for profile, request in people[:users]:
        seconds, outcome = _timed_advice(model, profile, request)
        warm.append(seconds)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return {"generation": generation, "cold": cold, "warm": warm, "outcomes": outcomes}


def profiles_run(n_products: int, count: int) -> bool:
    from advisor import synthetic
    from advisor.errors import AdviceError
    from advisor.platform import PlatformData, PlatformModel
    from core.errors import DomainError
    from products.joint_scenarios import generate

    model = PlatformModel(PlatformData.build("profiles", generate(synthetic.catalogue(n_products, 1, today=TODAY))))
    rng = np.random.default_rng(10_000)
    codes: dict[str, int] = {}
    others: list[str] = []
    relaxed: dict[str, int] = {}
    recommended = 0
    start = time.perf_counter()
    for i in range(count):
        profile, request = synthetic.random_profile(rng, i), synthetic.random_request(rng)
        try:
            advice = _advise(model, profile, request)
            recommended += 1
            for relaxation in advice.relaxations:
                relaxed[relaxation.code] = relaxed.get(relaxation.code, 0) + 1
        except AdviceError as error:
            key = f"{error.code} ({error.constraint or error.field or '-'})"
            codes[key] = codes.get(key, 0) + 1
        except DomainError as error:  # a refused input (e.g. an amount below a fen), named by its field
            key = f"{error.code} ({error.field})"
            codes[key] = codes.get(key, 0) + 1
        except Exception as error:
            others.append(f"{type(error).__name__}: {error}")
    seconds = time.perf_counter() - start
    print(
        f"   {count:,} random profiles on {n_products} products in {seconds:.0f} s: {recommended:,} recommendations, "
        f"{sum(codes.values()):,} refusals with a code, {len(others)} other exceptions"
    )
    for key, number in sorted(codes.items(), key=lambda item: -item[1]):
        print(f"{'':<6}{number:>7,}  refused: {key}")
    for key, number in sorted(relaxed.items(), key=lambda item: -item[1]):
        print(f"{'':<6}{number:>7,}  recommended after relaxing: {key}")
    for message in others[:10]:
        print(f"{'':<6}OTHER  {message}")
    return not others


def platform_section(
    sizes: list[int],
    refits: int,
    repeats: int,
    *,
    users: int = 100,
    colds: int = 5,
    profiles: int = 10_000,
    profiles_products: int = 200,
) -> bool:
    print(
        f"== Platform model: per-recommendation latency, {users} warm and {colds} cold requests per size "
        "(random profiles and requests, seeded)"
    )
    print(
        f"{'products':>9}{'scen. s':>9}{'warm p50':>10}{'warm p95':>10}{'target':>8}{'x':>6}"
        f"{'cold p50':>10}{'cold p95':>10}{'target':>8}{'x':>6}   outcomes"
    )
    ok = True
    for n_products in sizes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            r = platform_latency(n_products, users, colds)
        warm_p50, warm_p95 = np.quantile(r["warm"], [0.5, 0.95])
        cold_p50, cold_p95 = np.quantile(r["cold"], [0.5, 0.95])
        warm_target, cold_target = PLATFORM_TARGETS.get(n_products, (float("nan"), float("nan")))
        ok &= warm_p50 <= warm_target and cold_p50 <= cold_target
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(r["outcomes"].items(), key=lambda item: -item[1]))
        print(
            f"{n_products:>9}{r['generation']:>9.2f}{_ms(warm_p50):>10}{_ms(warm_p95):>10}{_ms(warm_target):>8}"
            f"{warm_p50 / warm_target:>6.1f}{_ms(cold_p50):>10}{_ms(cold_p95):>10}{_ms(cold_target):>8}"
            f"{cold_p50 / cold_target:>6.1f}   {outcomes}"
        )
    print(
        "   ms; x = measured p50 / target (<= 1 meets it); scenario generation (once per catalogue version) "
        f"is not in the latencies -> targets {'met' if ok else 'NOT met'}"
    )
    if profiles:
        ok &= profiles_run(profiles_products, profiles)
    return ok


SECTIONS = {"mean-risk": mean_risk_section, "platform": platform_section}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sections", nargs="*", help=f"any of {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 1000])
    parser.add_argument("--refits", type=int, default=3, help="warm refits (data sets - 1)")
    parser.add_argument("--repeats", type=int, default=3, help="timings per call")
    parser.add_argument("--users", type=int, default=100, help="platform: warm requests per size")
    parser.add_argument("--colds", type=int, default=5, help="platform: cold requests per size")
    parser.add_argument("--profiles", type=int, default=10_000, help="platform: random profiles (0: skip)")
    parser.add_argument("--profiles-products", type=int, default=200, help="platform: catalogue size of that run")
    args = parser.parse_args()
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    for name in args.sections or SECTIONS:
        if name == "platform":
            platform_section(
                args.sizes,
                args.refits,
                args.repeats,
                users=args.users,
                colds=args.colds,
                profiles=args.profiles,
                profiles_products=args.profiles_products,
            )
        else:
            SECTIONS[name](args.sizes, args.refits, args.repeats)


if __name__ == "__main__":
    main()
