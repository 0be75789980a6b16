"""Figures of ABS units and P2P products from a Monte Carlo default model (never from a
guessed volatility).

Model and assumptions
---------------------
- **Time.** The holding runs over the product's term in equal steps of at most one year
  (``ceil(term / 12 months)`` steps). A term shorter than a year is taken as rolled over at
  the same terms for the rest of the year (one one-year step).
- **Defaults with a common factor** (Vasicek one-factor model). Each step draws one
  economy-wide factor ``Z ~ N(0, 1)``. Given ``Z`` every loan defaults independently with
  ``p(Z) = Phi((Phi^-1(p_step) - sqrt(rho) Z) / sqrt(1 - rho))``, where
  ``p_step = 1 - (1 - PD)^step_years`` comes from the yearly default probability ``PD`` and
  ``rho`` is the asset correlation. The share of the pool's ``N`` loans that default is a
  binomial draw, made by inversion of one uniform per step so that a higher PD never gives
  fewer defaults in the same scenario (common random numbers).
- **Pool balance.** ABS: the pool stays fully invested during the revolving period
  (collections buy new loans), then amortises in a straight line to the end of the term. If
  a step's default rate exceeds the early-amortisation trigger during the revolving period,
  amortisation starts at the end of that step. P2P: a bullet loan stays outstanding until
  maturity; equal instalments are approximated by straight-line amortisation. The loss of a
  step is ``LGD x default rate x average balance`` (a fraction of the original pool).
- **Who bears the loss.** The investor's cumulative loss is
  ``clip((L - A) / (D - A), 0, 1)`` of their principal for cumulative pool loss ``L``, with
  ``A`` the credit enhancement (junior tranches, ABS) or the risk reserve (P2P, a share of
  principal that absorbs losses first) and ``D`` the detachment (1 unless the tranche has a
  more senior one above it). A third-party guarantor pays ``g`` of every investor loss. The
  platform itself guarantees nothing. The guarantor is assumed to pay. Excess spread (the
  pool's interest above the coupons) is not counted as a further cushion: conservative.
- **Return of a step**, per unit still invested and per year: the rate less the yearly
  management fee, less the subscription fee spread over the term (at least one year), less
  the step's new investor loss divided by the average balance outstanding. Principal repaid
  goes back to the investor; written-down principal is assumed to keep earning the coupon
  until the end of its step (a small simplification).
- **Figures.** Every scenario-step is a year of holding, weighted by the money still invested
  in it (a nearly repaid pool counts little): the expected return is the weighted mean, the
  typical range the 10th-90th weighted percentile, the bad year the 5th and the volatility
  the weighted standard deviation. There is no price history, so no drawdown.
- **Reproducible.** A fixed seed and a fixed number of scenarios: the same terms always give
  the same figures, and comparing two sets of terms compares like with like.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from scipy.stats import binom, norm

from products.estimates import Estimate

SCENARIOS = 20_000
SEED = 20_180_427  # fixed: figures are reproducible


@dataclass(frozen=True, slots=True)
class LoanParameters:
    """The loan-loss model of one product (exact inputs as stored).

    ``attachment`` is the ABS credit enhancement or the P2P risk reserve; ``detachment`` is 1
    unless a more senior tranche sits above; ``guarantor_share`` the share of each investor
    loss a third-party guarantor covers. ``amortising`` is True for straight-line
    amortisation after ``revolving_months`` (ABS, P2P equal instalments), False for a bullet.
    """

    rate: Decimal
    term_months: int
    revolving_months: int
    amortising: bool
    default_probability: Decimal
    loss_given_default: Decimal
    attachment: Decimal
    detachment: Decimal
    guarantor_share: Decimal
    early_amortisation_trigger: Decimal | None
    loan_count: int
    asset_correlation: Decimal
    management_fee: Decimal
    subscription_fee: Decimal
    early_exit: bool


def _integrated_balance(t: np.ndarray, start: np.ndarray, length: float) -> np.ndarray:
    """Integral from 0 to ``t`` of a balance that is 1 until ``start`` and then falls in a
    straight line to 0 over ``length`` years (a step down at ``start`` when length is 0)."""
    flat = np.minimum(t, start)
    if length <= 0:
        return flat
    v = np.clip((t - start) / length, 0.0, 1.0)
    return flat + length * (v - v * v / 2.0)


def step_layout(params: LoanParameters) -> tuple[int, float]:
    """The number of yearly steps a holding runs over and their length in years."""
    term = params.term_months / 12.0
    if term <= 1.0:
        return 1, 1.0
    steps = math.ceil(term - 1e-9)
    return steps, term / steps


def step_paths(params: LoanParameters, factors: np.ndarray, uniforms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Yearly return and average balance invested of every step of every scenario
    (``scenarios x steps`` arrays), given each step's economy-wide factor ``Z`` and one
    uniform per step for the number of defaults (``factors`` and ``uniforms`` of shape
    ``scenarios x step_layout(params)[0]``). ``simulate_step_returns`` draws them itself; a
    caller with its own economy (the advisor's joint scenarios) passes factors tied to it."""
    scenarios, steps = factors.shape
    term = params.term_months / 12.0
    rolled_over = term <= 1.0
    _, step_years = step_layout(params)
    pd = float(params.default_probability)
    lgd = float(params.loss_given_default)
    rho = float(params.asset_correlation)
    attach, detach = float(params.attachment), float(params.detachment)
    guarantor = float(params.guarantor_share)
    trigger = None if params.early_amortisation_trigger is None else float(params.early_amortisation_trigger)
    n = max(int(params.loan_count), 1)

    if rolled_over:
        amort_start = np.full(scenarios, np.inf)  # constant exposure for the year
        amort_length = 0.0
    elif params.amortising:
        amort_start = np.full(scenarios, min(params.revolving_months / 12.0, term))
        amort_length = term - amort_start[0]
    else:
        amort_start = np.full(scenarios, term)
        amort_length = 0.0

    p_step = 1.0 - (1.0 - pd) ** step_years
    with np.errstate(divide="ignore", invalid="ignore"):
        threshold = norm.ppf(p_step)
        conditional = norm.cdf((threshold - math.sqrt(rho) * factors) / math.sqrt(1.0 - rho))
    conditional = np.nan_to_num(conditional, nan=p_step)
    default_rates = binom.ppf(uniforms, n, conditional) / n

    yearly_income = float(params.rate) - float(params.management_fee) - float(params.subscription_fee) / max(term, 1.0)
    cumulative_pool_loss = np.zeros(scenarios)
    investor_loss_before = np.zeros(scenarios)
    returns, invested = np.empty((scenarios, steps)), np.empty((scenarios, steps))
    for k in range(steps):
        a, b = k * step_years, (k + 1) * step_years
        if trigger is not None and not rolled_over and params.amortising:
            revolving = b <= amort_start + 1e-12
            tripped = revolving & (default_rates[:, k] > trigger)
            amort_start = np.where(tripped, b, amort_start)
        balance = (
            _integrated_balance(np.full(scenarios, b), amort_start, amort_length)
            - _integrated_balance(np.full(scenarios, a), amort_start, amort_length)
        ) / (b - a)
        cumulative_pool_loss += lgd * default_rates[:, k] * balance * (b - a) / step_years
        investor_loss = np.clip((cumulative_pool_loss - attach) / (detach - attach), 0.0, 1.0) * (1.0 - guarantor)
        new_loss = investor_loss - investor_loss_before
        investor_loss_before = investor_loss
        live = balance > 1e-9
        step_return = yearly_income - np.divide(new_loss, balance, out=np.zeros(scenarios), where=live) / step_years
        returns[:, k] = np.maximum(step_return, -1.0)
        invested[:, k] = balance
    return returns, invested


def simulate_step_returns(
    params: LoanParameters, *, scenarios: int = SCENARIOS, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Yearly returns of every scenario-step in which money is still invested, and the
    average balance invested in each (the weights), as flat arrays."""
    steps, _ = step_layout(params)
    rng = np.random.default_rng(seed)
    factors = rng.standard_normal((scenarios, steps))
    uniforms = rng.random((scenarios, steps))
    returns, invested = step_paths(params, factors, uniforms)
    flat_returns, flat_balances = returns.T.ravel(), invested.T.ravel()  # step by step
    live = flat_balances > 1e-9
    return flat_returns[live], flat_balances[live]


def loan_estimate(params: LoanParameters, *, scenarios: int = SCENARIOS, seed: int = SEED) -> Estimate:
    """One-year figures of the product (see the module docstring)."""
    yearly, balances = simulate_step_returns(params, scenarios=scenarios, seed=seed)
    p025, p05, p10, p50, p90 = np.quantile(
        yearly, [0.025, 0.05, 0.10, 0.50, 0.90], weights=balances, method="inverted_cdf"
    )
    mean = float(np.average(yearly, weights=balances))
    log_low, log_mid = math.log1p(max(p025, -0.999999)), math.log1p(max(p50, -0.999999))
    return Estimate(
        expected_return=mean,
        low=float(p10),
        high=float(p90),
        bad_year_return=float(p05),
        volatility=math.sqrt(float(np.average((yearly - mean) ** 2, weights=balances))),
        var_equivalent_volatility=max(0.0, (log_mid - log_low) / 1.959963984540054),
        max_drawdown=None,
    )
