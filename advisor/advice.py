"""One recommendation, computed without the database: the request completed from the profile
(``eligibility``), solved with documented relaxations (``relaxation``), and turned into
allocations and plain figures (``figures``) with an explanation in the user's locale.

Allocations add up exactly: amounts in fen by largest remainder of the optimal weights,
displayed weights (6 decimals) by largest remainder of those amounts, so both add up to the
amount and to 1 exactly. Fractions are rounded half-even to 6 decimals, money to the fen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from advisor import figures, texts
from advisor.eligibility import AdviceRequest, Terms, eligibility, resolve
from advisor.platform import Optimum, PlatformModel
from advisor.relaxation import Relaxation, solve_request
from core.calendar import TradingCalendar
from core.money import RATE_PLACES, Money, largest_remainder, round_half_even
from products.scenarios import ScenarioInput
from questionnaire.profiles import RiskProfile

WEIGHT_UNITS = 10**RATE_PLACES


def fraction(value: float) -> Decimal:
    return round_half_even(Decimal(repr(float(value))), RATE_PLACES)


@dataclass(frozen=True)
class Allocation:
    product: ScenarioInput
    weight: Decimal
    amount: Money


@dataclass(frozen=True)
class PlainFigures:
    expected_annual_return: Decimal
    typical_low: Decimal
    typical_high: Decimal
    bad_year_loss: Decimal
    bad_year_loss_amount: Money
    probability_of_loss: Decimal
    tail_loss: Decimal
    same_day_available: Money
    earliest_full_withdrawal: date
    goal_probability: Decimal | None
    earliest_full_withdrawal_estimated: bool = False
    one_in_100_loss: Decimal = Decimal(0)  # of the same scenarios, as a product page shows it
    one_in_100_loss_amount: Money | None = None


@dataclass(frozen=True, eq=False)
class Advice:
    request: AdviceRequest
    terms: Terms
    catalogue_version: str
    allocations: list[Allocation]
    figures: PlainFigures
    relaxations: list[Relaxation]
    optimum: Optimum
    assumptions: dict
    explanation: str
    locale: str


def allocations_of(products: tuple[ScenarioInput, ...], minor_amounts: list[int], currency: str) -> list[Allocation]:
    """The held products with their amounts and weights (both adding up exactly)."""
    held = [j for j, minor in enumerate(minor_amounts) if minor > 0]
    units = largest_remainder([Decimal(minor_amounts[j]) for j in held], WEIGHT_UNITS)
    return [
        Allocation(products[j], Decimal(unit).scaleb(-RATE_PLACES), Money.from_minor(minor_amounts[j], currency))
        for j, unit in zip(held, units)
    ]


def plain_figures(
    model: PlatformModel,
    weights: np.ndarray,
    allocations: list[Allocation],
    *,
    amount: Money,
    today: date,
    calendar: TradingCalendar,
    horizon_months: int,
    goal: Money | None,
) -> PlainFigures:
    held = weights > 0
    portfolio = model.data.returns[:, held] @ weights[held]
    scenario = figures.scenario_figures(portfolio)
    liquidity = figures.liquidity_figures(
        [(a.product, a.amount) for a in allocations], today=today, calendar=calendar, currency=amount.currency
    )
    bad_year = fraction(scenario.bad_year_loss)
    rare = fraction(scenario.one_in_100_loss)
    goal_probability = None
    if goal is not None:
        goal_probability = fraction(
            figures.goal_probability(portfolio, horizon_months=horizon_months, amount=amount, goal=goal)
        )
    return PlainFigures(
        expected_annual_return=fraction(scenario.expected_annual_return),
        typical_low=fraction(scenario.typical_low),
        typical_high=fraction(scenario.typical_high),
        bad_year_loss=bad_year,
        bad_year_loss_amount=Money(amount.amount * bad_year, amount.currency).rounded(),
        probability_of_loss=fraction(scenario.probability_of_loss),
        tail_loss=fraction(scenario.tail_loss),
        same_day_available=liquidity.same_day_available,
        earliest_full_withdrawal=liquidity.earliest_full_withdrawal,
        goal_probability=goal_probability,
        earliest_full_withdrawal_estimated=liquidity.estimated,
        one_in_100_loss=rare,
        one_in_100_loss_amount=Money(amount.amount * rare, amount.currency).rounded(),
    )


def explain(figures_: PlainFigures, terms: Terms, relaxations: list[Relaxation], locale: str) -> str:
    return texts.of(locale).explanation(
        expected=figures_.expected_annual_return,
        low=figures_.typical_low,
        high=figures_.typical_high,
        bad_year_loss=figures_.bad_year_loss_amount,
        amount=terms.amount,
        same_day=figures_.same_day_available,
        full_withdrawal=figures_.earliest_full_withdrawal,
        goal=terms.goal_amount,
        goal_probability=figures_.goal_probability,
        horizon_months=terms.horizon_months,
        relaxations=[relaxation.message for relaxation in relaxations],
    )


def advise(
    *,
    model: PlatformModel,
    profile: RiskProfile,
    request: AdviceRequest,
    today: date,
    calendar: TradingCalendar,
    locale: str,
    currency: str,
) -> Advice:
    """The recommendation for ``request``; raises ``DomainError`` (``AdviceError`` for what
    blocks the advice) naming the input or the binding constraint."""
    terms = resolve(request, profile, currency=currency)
    data = model.data
    eligible = eligibility(
        products=data.scenarios.products,
        money=data.money,
        available_after_days=model.available_after_days(today, calendar),
        terms=terms,
        locale=locale,
    )
    solved = solve_request(model, terms, eligible, locale=locale)
    allocations = allocations_of(data.scenarios.products, solved.minor_amounts, currency)
    plain = plain_figures(
        model,
        solved.weights,
        allocations,
        amount=terms.amount,
        today=today,
        calendar=calendar,
        horizon_months=terms.horizon_months,
        goal=terms.goal_amount,
    )
    assumptions = {
        **data.scenarios.assumptions(),
        "limits": terms.limits.as_dict(),
        "horizonPaths": figures.HORIZON_PATHS,
        "horizonSeed": figures.HORIZON_SEED,
        "optimiserRounds": solved.optimum.rounds,
    }
    return Advice(
        request=request,
        terms=terms,
        catalogue_version=model.version,
        allocations=allocations,
        figures=plain,
        relaxations=solved.relaxations,
        optimum=solved.optimum,
        assumptions=assumptions,
        explanation=explain(plain, terms, solved.relaxations, locale),
        locale=locale,
    )
