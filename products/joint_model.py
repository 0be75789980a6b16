"""The one-year return models of each product kind, driven by one shared economy.

Model and assumptions (fractions per year; every return is net of fees and expected losses)
--------------------------------------------------------------------------------------------
- **Economy.** Each scenario draws the equity market factor ``Z ~ N(0, 1)``, an interest-rate
  factor ``Q ~ N(0, 1)`` (independent of ``Z``) and whether the P2P platform fails that year.
  Every product also has its own random stream, seeded by (seed, product id), so adding a
  product changes the others' scenarios only through what it adds to the equity market's
  estimate (an equity fund does; a money fund or a loan product does not).
- **Equity funds** (one-factor model from the NAV history). Daily log returns of every fund;
  the market is their cross-sectional average per day. Each fund's beta and residual
  volatility come from a regression on it, annualised with the fund's own number of NAVs per
  year ``P``. The yearly log return is ``mu + b Z + a e`` with ``b = beta sqrt(P) sd(market)``,
  ``a = sqrt(P) sd(residual)``, ``e ~ N(0, 1)``. The mean is shrunk (normal prior, posterior
  mean): the sample mean ``P mean(r)`` has variance ``sigma^2 / years``; the prior is a
  Sharpe ratio of ``SHARPE_PRIOR`` over ``RISK_FREE`` (log mean ``ln(1 + rf + 0.25 sigma) -
  sigma^2 / 2``) with spread ``PRIOR_SPREAD``, so three years of a volatile fund move the
  estimate little and a steady bond fund's history counts. Published NAVs are net of the
  management fee; the subscription fee is paid on entry and the redemption fee for one year
  of holding on exit: ``(1 + R) (1 - redemption) / (1 + subscription) - 1``.
- **Money funds** (from the 7-day annualised yield, the one return convention of their pages).
  The 7-day annualised yield of the latest 7 days of income per 10,000 units
  (``products.yields``) plus ``s Q``, where ``s`` is the spread of the 7-day yield over the
  recorded history (every 7-day window of it, up to the last year): rates move together for
  every money fund. ``Q`` is standardised over the scenarios (mean exactly 0, spread exactly
  1), so the scenarios' mean return is the 7-day yield net of fees. Never below -100%: a fund
  that lost heavily of late loses at most the money put in.
- **ABS units and P2P products** (the catalogue's default model, ``products.loan_model``, with
  the economy's factor). A year of holding is one step of the product's term, drawn in
  proportion to the money still invested in each step (as the product's own figures weight
  them); that step's default factor is the scenario's ``Z`` (one-factor copula: default waves
  come with equity drawdowns), the other steps draw their own. Loss given default, tranche
  attachment, risk reserve, guarantor and fees are the model's.
- **P2P platform failure** (stress). The marketplace behind every P2P product fails in a year
  with probability ``PLATFORM_FAILURE_PROBABILITY``, more likely when ``Z`` is low (the same
  one-factor form, correlation ``PLATFORM_FAILURE_CORRELATION``). Then every P2P product loses
  ``PLATFORM_FAILURE_LOSS`` of its principal, less what a third-party guarantor covers (a risk
  reserve held by the platform is lost with it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from products.estimates import MAX_ANNUAL_RETURN
from products.kinds import ProductKind
from products.loan_model import step_layout, step_paths
from products.scenarios import ScenarioInput
from products.terms import redemption_rate

RISK_FREE = 0.015  # the prior's base rate for equity-fund means
SHARPE_PRIOR = 0.25  # prior excess return per unit of volatility
PRIOR_SPREAD = 0.03  # prior standard deviation of the yearly mean
MIN_EQUITY_RETURNS = 60  # daily returns needed to model an equity fund
YIELD_DAYS = 7  # money funds: the 7-day annualised yield
ONE_YEAR_DAYS = 365
PLATFORM_FAILURE_PROBABILITY = 0.01
PLATFORM_FAILURE_CORRELATION = 0.3
PLATFORM_FAILURE_LOSS = 0.5
PILOT_SCENARIOS = 200  # loans: scenarios that measure the money invested per step


@dataclass(frozen=True, eq=False)
class Economy:
    """The shared draws of one scenario set."""

    market: np.ndarray  # Z per scenario
    rates: np.ndarray  # Q per scenario
    platform_failed: np.ndarray  # bool per scenario
    seed: int

    @classmethod
    def draw(cls, count: int, seed: int) -> Economy:
        rng = np.random.default_rng([seed, 0])
        market = rng.standard_normal(count)
        rates = rng.standard_normal(count)
        if count > 1:  # moment-matched: a money fund's mean return is exactly its yield
            rates = (rates - rates.mean()) / rates.std()
        rho = PLATFORM_FAILURE_CORRELATION
        threshold = norm.ppf(PLATFORM_FAILURE_PROBABILITY)
        conditional = norm.cdf((threshold - math.sqrt(rho) * market) / math.sqrt(1.0 - rho))
        failed = rng.random(count) < conditional
        return cls(market, rates, failed, seed)

    @property
    def count(self) -> int:
        return len(self.market)

    def stream(self, product_id: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, 1, product_id])


class NoModel(Exception):
    """A product whose data does not support a scenario model; the message says why."""


def _entry_exit(product: ScenarioInput, gross: np.ndarray) -> np.ndarray:
    """One year's gross return after the subscription fee (entry) and the redemption fee of
    one year of holding (exit)."""
    subscription = float(product.fees.subscription_rate)
    redemption = float(redemption_rate(list(product.fees.redemption_schedule), ONE_YEAR_DAYS))
    return (1.0 + gross) * (1.0 - redemption) / (1.0 + subscription) - 1.0


# --- equity funds ------------------------------------------------------------------------


@dataclass(frozen=True)
class EquityFit:
    mean_log: float  # shrunk yearly log mean
    systematic: float  # b: yearly log-return loading on Z
    specific: float  # a: yearly residual volatility


def _log_returns(product: ScenarioInput) -> tuple[np.ndarray, np.ndarray, float]:
    """Daily log returns, their dates (ordinal days) and the years they span."""
    series = product.nav_series
    if series is None or len(series.values) < 2:
        raise NoModel("no NAV history")
    navs = series.as_array()
    if np.any(navs <= 0):
        raise NoModel("a NAV of zero or less")
    returns = np.diff(np.log(navs))
    if len(returns) < MIN_EQUITY_RETURNS:
        raise NoModel(f"only {len(returns)} daily returns (at least {MIN_EQUITY_RETURNS} needed)")
    days = np.array([day.toordinal() for day in series.dates[1:]])
    years = (series.dates[-1] - series.dates[0]).days / 365.25
    return returns, days, years


def fit_equity_funds(
    funds: list[ScenarioInput], market_funds: list[ScenarioInput] | None = None
) -> tuple[dict[int, EquityFit], dict[int, str]]:
    """The one-factor fit of every equity fund (by product id), and why others have none. The
    market is the cross-sectional average of ``market_funds`` (default: ``funds``): a fund
    not on sale is fitted against the market of those on sale without moving it."""
    histories, missing = {}, {}
    for fund in funds:
        try:
            histories[fund.product_id] = _log_returns(fund)
        except NoModel as reason:
            missing[fund.product_id] = str(reason)
    if not histories:
        return {}, missing
    market_histories = {}
    for fund in market_funds if market_funds is not None else funds:
        if fund.product_id in histories:
            market_histories[fund.product_id] = histories[fund.product_id]
        else:
            try:
                market_histories[fund.product_id] = _log_returns(fund)
            except NoModel:
                continue
    if not market_histories:
        market_histories = histories
    all_days = np.unique(
        np.concatenate([days for _, days, _ in list(market_histories.values()) + list(histories.values())])
    )
    totals = np.zeros(len(all_days))
    counts = np.zeros(len(all_days))
    for returns, days, _ in market_histories.values():
        index = np.searchsorted(all_days, days)
        np.add.at(totals, index, returns)
        np.add.at(counts, index, 1.0)
    market = np.divide(totals, counts, out=np.zeros(len(all_days)), where=counts > 0)
    fits = {}
    for product_id, (returns, days, years) in histories.items():
        m = market[np.searchsorted(all_days, days)]
        per_year = len(returns) / max(years, 1e-9)
        m_var = float(np.var(m))
        beta = float(np.cov(returns, m, bias=True)[0, 1] / m_var) if m_var > 0 else 0.0
        residual = returns - beta * m
        sigma = math.sqrt(per_year * float(np.var(returns)))
        sample_mean = per_year * float(np.mean(returns))
        prior_mean = math.log1p(RISK_FREE + SHARPE_PRIOR * sigma) - sigma**2 / 2
        sample_variance = sigma**2 / max(years, 1e-9)
        trust = PRIOR_SPREAD**2 / (PRIOR_SPREAD**2 + sample_variance)
        fits[product_id] = EquityFit(
            mean_log=trust * sample_mean + (1.0 - trust) * prior_mean,
            systematic=beta * math.sqrt(per_year * m_var),
            specific=math.sqrt(per_year * float(np.var(residual))),
        )
    return fits, missing


def equity_returns(product: ScenarioInput, fit: EquityFit, economy: Economy) -> np.ndarray:
    noise = economy.stream(product.product_id).standard_normal(economy.count)
    log_return = fit.mean_log + fit.systematic * economy.market + fit.specific * noise
    return _entry_exit(product, np.expm1(log_return))


# --- money funds -------------------------------------------------------------------------


def seven_day_yields(incomes: np.ndarray) -> np.ndarray:
    """The 7-day annualised yield of every 7-day window of a daily income series (per 10,000
    units), as ``products.yields`` computes it: ``prod(1 + R / 10,000) ^ (365 / 7) - 1``, at most
    +1,000% a year."""
    if len(incomes) < YIELD_DAYS:
        return np.zeros(0)
    logs = np.log1p(np.maximum(incomes / 10_000.0, -1.0 + 1e-12))
    sums = np.convolve(logs, np.ones(YIELD_DAYS), mode="valid")
    with np.errstate(over="ignore"):
        return np.minimum(np.expm1(np.minimum(sums * 365.0 / YIELD_DAYS, 700.0)), MAX_ANNUAL_RETURN)


def money_fund_returns(product: ScenarioInput, economy: Economy) -> np.ndarray:
    series = product.income_series
    if series is None or not series.values:
        figures = product.figures
        if figures is None:
            raise NoModel("no income history and no figures")
        return np.full(economy.count, float(figures.expected_annual_return))
    incomes = series.as_array()[-(ONE_YEAR_DAYS + YIELD_DAYS) :]
    yields_ = seven_day_yields(incomes)
    if len(yields_) == 0:
        raise NoModel(f"fewer than {YIELD_DAYS} days of income")
    recent = float(yields_[-1])
    spread = float(np.std(yields_)) if len(yields_) >= 2 else 0.0
    return _entry_exit(product, np.maximum(recent + spread * economy.rates, -1.0))


# --- ABS units and P2P products ----------------------------------------------------------


def loan_returns(product: ScenarioInput, economy: Economy) -> np.ndarray:
    params = product.loan_model
    if params is None:
        raise NoModel("no loan terms")
    steps, _ = step_layout(params)
    rng = economy.stream(product.product_id)
    count = economy.count
    uniforms = rng.random((count, steps))
    pilot = min(count, PILOT_SCENARIOS)  # the money invested per step, for drawing the steps
    _, pilot_balances = step_paths(params, rng.standard_normal((pilot, steps)), uniforms[:pilot])
    weights = pilot_balances.mean(axis=0)
    step = rng.choice(steps, size=count, p=weights / weights.sum()) if steps > 1 else np.zeros(count, dtype=int)
    factors = rng.standard_normal((count, steps))
    rows = np.arange(count)
    factors[rows, step] = economy.market
    returns, _ = step_paths(params, factors, uniforms)
    yearly = returns[rows, step]
    if product.kind is ProductKind.P2P_LOAN:
        loss = PLATFORM_FAILURE_LOSS * (1.0 - float(params.guarantor_share))
        yearly = np.where(economy.platform_failed, -loss, yearly)
    redemption = float(redemption_rate(list(product.fees.redemption_schedule), ONE_YEAR_DAYS))
    return (1.0 + yearly) * (1.0 - redemption) - 1.0


ASSUMPTIONS = {
    "equityModel": "one-factor (cross-sectional market), shrunk mean",
    "riskFreeRate": RISK_FREE,
    "sharpePrior": SHARPE_PRIOR,
    "priorSpread": PRIOR_SPREAD,
    "minEquityReturns": MIN_EQUITY_RETURNS,
    "moneyFundModel": "7-day annualised yield (compounded, as its page shows) + spread of its history x rates factor",
    "loanModel": "products.loan_model with the market factor (one-factor copula)",
    "platformFailureProbability": PLATFORM_FAILURE_PROBABILITY,
    "platformFailureCorrelation": PLATFORM_FAILURE_CORRELATION,
    "platformFailureLoss": PLATFORM_FAILURE_LOSS,
}
