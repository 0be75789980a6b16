"""Synthetic catalogues for benchmarks and tests: ``catalogue(n, seed, today)`` gives ``n``
products on sale as the optimiser sees them (``products.scenarios.ScenarioInput``), without
a database: money funds with a year of income, equity funds with three years of NAVs driven
by a common market (so they are correlated, as real funds are), ABS tranches and P2P
products with the catalogue's loan terms. Seeded: the same arguments give the same catalogue.

Mix: 10% money funds, 55% equity funds, 15% ABS units, 20% P2P products; risk levels, fees,
minimums, lock-ups and qualified-only flags vary as they do on a real platform.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from core.calendar import weekday_calendar
from core.money import round_half_even
from core.risk import RiskLevel
from products.kinds import LiquidityKind, ProductKind
from products.liquidity import liquidity_of
from products.loan_model import LoanParameters
from products.scenarios import Fees, ScenarioInput, Series
from products.terms import FeeTier

D = Decimal
EQUITY_FEES = (FeeTier(0, D("0.015")), FeeTier(7, D("0.005")), FeeTier(365, D("0.0025")), FeeTier(730, D(0)))
HISTORY_DAYS = 3 * 365
WEEKDAYS = weekday_calendar(date(1990, 1, 1), date(2199, 12, 31))  # synthetic markets trade every weekday


def _weekdays(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _decimals(values: np.ndarray, places: int) -> tuple[Decimal, ...]:
    return tuple(round_half_even(D(repr(float(v))), places) for v in values)


def catalogue(n: int, seed: int, *, today: date) -> list[ScenarioInput]:
    rng = np.random.default_rng(seed)
    kinds = rng.choice(
        [ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND, ProductKind.ABS_UNIT, ProductKind.P2P_LOAN],
        size=n,
        p=[0.10, 0.55, 0.15, 0.20],
    )
    kinds[0] = ProductKind.MONEY_FUND  # every catalogue has at least one money fund
    trading = _weekdays(today - timedelta(days=HISTORY_DAYS), today)
    market = rng.normal(0.0003, 0.012, len(trading) - 1)
    calendar_days = [today - timedelta(days=k) for k in range(364, -1, -1)]
    products = []
    for index, kind in enumerate(kinds):
        product_id = index + 1
        make = {
            ProductKind.MONEY_FUND: _money_fund,
            ProductKind.EQUITY_FUND: _equity_fund,
            ProductKind.ABS_UNIT: _abs_unit,
            ProductKind.P2P_LOAN: _p2p,
        }[kind]
        products.append(make(rng, product_id, today=today, trading=trading, market=market, days=calendar_days))
    return products


def _input(
    product_id: int,
    kind: ProductKind,
    level: str,
    *,
    minimum: str,
    liquidity,
    today: date,
    fees: Fees,
    qualified: bool = False,
    **data,
) -> ScenarioInput:
    terms = liquidity_of(today=today, calendar=WEEKDAYS, **liquidity)
    return ScenarioInput(
        product_id=product_id,
        code=f"SYN-{kind.value[:3]}-{product_id}",
        kind=kind,
        risk_level=RiskLevel(level),
        qualified_only=qualified,
        currency="CNY",
        minimum_amount=D(minimum),
        liquidity=terms,
        fees=fees,
        figures=None,
        name_zh=f"合成产品{product_id}",
        name_en=f"Synthetic product {product_id}",
        **data,
    )


def _money_fund(rng, product_id, *, today, days, **_) -> ScenarioInput:
    level = rng.uniform(0.35, 0.65)
    value, points = level, []
    for _day in days:
        value = level + 0.97 * (value - level) + rng.normal(0.0, 0.012)
        points.append(value)
    same_day = rng.random() < 0.8
    return _input(
        product_id,
        ProductKind.MONEY_FUND,
        "R1",
        minimum=str(rng.choice(["0.01", "1.00", "1000.00"])),
        liquidity=dict(
            kind=LiquidityKind.SAME_DAY if same_day else LiquidityKind.NEXT_DAY,
            lock_days=None,
            maturity_date=None,
            settlement_days=0,
        ),
        today=today,
        fees=Fees(D(0), (), D("0.003")),
        income_series=Series(tuple(days), _decimals(np.array(points), 4)),
        fast_redemption_limit=D("10000") if same_day else None,
    )


def _equity_fund(rng, product_id, *, today, trading, market, **_) -> ScenarioInput:
    beta = rng.uniform(0.05, 1.6)
    idio = rng.uniform(0.001, 0.012)
    drift = rng.uniform(-0.0001, 0.0005)
    returns = drift + beta * market + rng.normal(0.0, idio, len(market))
    navs = np.exp(np.concatenate(([0.0], np.cumsum(returns))))
    vol = float(np.std(returns) * np.sqrt(250))
    level = "R2" if vol < 0.05 else "R3" if vol < 0.12 else "R4" if vol < 0.2 else "R5"
    subscription = D(str(rng.choice(["0.004", "0.008", "0.012", "0.015"])))
    return _input(
        product_id,
        ProductKind.EQUITY_FUND,
        level,
        minimum=str(rng.choice(["10", "100", "1000"])),
        liquidity=dict(
            kind=LiquidityKind.NEXT_DAY, lock_days=None, maturity_date=None, settlement_days=int(rng.integers(1, 4))
        ),
        today=today,
        fees=Fees(subscription, EQUITY_FEES, D("0.012")),
        nav_series=Series(tuple(trading), _decimals(navs, 4)),
    )


def _loan(
    rng,
    *,
    rate,
    term,
    revolving,
    amortising,
    pd,
    lgd,
    attachment,
    detachment=1.0,
    guarantor=0.0,
    trigger=None,
    count=10_000,
    rho=0.15,
    early_exit=False,
) -> LoanParameters:
    return LoanParameters(
        rate=D(f"{rate:.4f}"),
        term_months=term,
        revolving_months=revolving,
        amortising=amortising,
        default_probability=D(f"{pd:.4f}"),
        loss_given_default=D(f"{lgd:.4f}"),
        attachment=D(f"{attachment:.4f}"),
        detachment=D(f"{detachment:.4f}"),
        guarantor_share=D(f"{guarantor:.4f}"),
        early_amortisation_trigger=None if trigger is None else D(f"{trigger:.4f}"),
        loan_count=count,
        asset_correlation=D(f"{rho:.2f}"),
        management_fee=D("0.002"),
        subscription_fee=D(0),
        early_exit=early_exit,
    )


def _abs_unit(rng, product_id, *, today, **_) -> ScenarioInput:
    term = int(rng.choice([12, 24, 36]))
    attachment = float(rng.choice([0.0, 0.04, 0.10, 0.15]))
    level = {0.0: "R5", 0.04: "R3", 0.10: "R2", 0.15: "R2"}[attachment]
    loan = _loan(
        rng,
        rate=0.03 + (0.08 if attachment == 0 else 0.02 / (1 + attachment * 10)),
        term=term,
        revolving=term // 2,
        amortising=True,
        pd=rng.uniform(0.005, 0.03),
        lgd=rng.uniform(0.6, 0.9),
        attachment=attachment,
        detachment=0.10 if attachment == 0.04 else 1.0,
        trigger=0.08,
        count=100_000,
    )
    return _input(
        product_id,
        ProductKind.ABS_UNIT,
        level,
        minimum="100000",
        liquidity=dict(
            kind=LiquidityKind.LOCKED,
            lock_days=None,
            maturity_date=today + timedelta(days=term * 30),
            settlement_days=0,
        ),
        today=today,
        fees=Fees(D(0), (), D("0.002")),
        qualified=bool(rng.random() < 0.85),
        loan_model=loan,
    )


def _p2p(rng, product_id, *, today, **_) -> ScenarioInput:
    term = int(rng.choice([3, 6, 12, 24, 36]))
    pd = rng.uniform(0.01, 0.08)
    early_exit = bool(term <= 6 and rng.random() < 0.3)
    guarantor = float(rng.choice([0.0, 0.0, 0.5, 0.8]))
    loan = _loan(
        rng,
        rate=0.05 + pd * 0.8 + term / 600,
        term=term,
        revolving=0,
        amortising=bool(rng.random() < 0.5),
        pd=pd,
        lgd=rng.uniform(0.5, 0.8),
        attachment=float(rng.choice([0.0, 0.02, 0.03])),
        guarantor=guarantor,
        count=int(rng.choice([5, 50, 200])),
        rho=0.10,
        early_exit=early_exit,
    )
    level = "R2" if guarantor >= 0.5 else "R3" if pd < 0.05 else "R4"
    liquidity = (
        dict(kind=LiquidityKind.NEXT_DAY, lock_days=None, maturity_date=None, settlement_days=0)
        if early_exit
        else dict(kind=LiquidityKind.LOCKED, lock_days=round(term * 365 / 12), maturity_date=None, settlement_days=0)
    )
    return _input(
        product_id,
        ProductKind.P2P_LOAN,
        level,
        minimum="1000",
        liquidity=liquidity,
        today=today,
        fees=Fees(D(0), (), D("0.008")),
        loan_model=loan,
    )


def random_profile(rng: np.random.Generator, user_id: int):
    """A user's risk profile as the questionnaire would give it: any category, sometimes the
    lowest category, elderly, a qualified investor, or (2%) without a valid assessment."""
    from core.risk import RiskCategory
    from questionnaire.profiles import ProfileStatus, RiskProfile
    from questionnaire.scoring import RiskFlag

    if rng.random() < 0.02:
        return RiskProfile(user_id=user_id, status=ProfileStatus(rng.choice(["MISSING", "EXPIRED"])))
    category = RiskCategory.from_rank(int(rng.integers(1, 6)))
    return RiskProfile(
        user_id=user_id,
        status=ProfileStatus.CURRENT,
        assessment_id=user_id,
        risk_category=category,
        lowest_category=category is RiskCategory.C1 and rng.random() < 0.3,
        flags=frozenset({RiskFlag.ELDERLY}) if rng.random() < 0.1 else frozenset(),
        qualified_investor=bool(category.rank >= 3 and rng.random() < 0.3),
        horizon_months=int(rng.choice([3, 6, 12, 24, 36, 60, 120])),
        liquidity_need=D(int(rng.choice([0, 5_000, 20_000, 100_000]))),
    )


def random_request(rng: np.random.Generator):
    """A request as users send them: amounts from ¥10 to ¥50 million, sometimes a horizon, a
    liquidity need or a goal of their own."""
    from advisor.eligibility import AdviceRequest

    amount = round_half_even(D(repr(float(10 ** rng.uniform(1, 7.7)))), 2)
    return AdviceRequest(
        amount=amount,
        horizon_months=int(rng.integers(1, 121)) if rng.random() < 0.3 else None,
        liquidity_need=round_half_even(amount * D(repr(float(rng.uniform(0, 1.5)))), 2) if rng.random() < 0.3 else None,
        goal_amount=round_half_even(amount * D(repr(float(rng.uniform(1.0, 2.0)))), 2) if rng.random() < 0.3 else None,
    )
