"""Plain figures for every product, computed when its data changes and stored, so requests
only read them.

Which model (each documented in its module):
- equity funds: ``products.history_model`` from the NAV history;
- money funds: ``products.history_model`` from the income history, plus the 7-day annualised
  yield of ``products.yields``;
- ABS units and P2P products: the Monte Carlo default model of ``products.loan_model``.

Products on sale then get the figures of their column of the joint scenarios
(``products.joint_scenarios``), the very numbers the advisor optimises over: a page and a plan
holding only that product show the same figures (``scenario_statistics``, one definition for
both). Every change to an on-sale product's data marks it (``mark_changed``; an equity fund
marks every equity fund, since they share the market factor), and the marked products' joint
figures are recomputed once, just before the transaction commits.

The models compute in floats (numpy); every figure is then rounded half-even to an exact
6-place ``Decimal`` fraction here, once. Money amounts derived from the figures (the
bad-year loss of a given amount) are computed in ``Decimal`` from those fractions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import Text, t
from core.money import RATE_PLACES, round_half_even
from core.risk import RiskLevel
from products import history_model, loan_model, risk_levels, yields
from products.estimates import Estimate
from products.kinds import LossCover, ProductKind, ProductStatus, RepaymentMethod
from products.models import IncomePoint, NavPoint, Product, ProductFigures
from products.terms import LOAN_COLUMNS, FeeTier, missing_loan_terms, redemption_rate

MIN_NAV_POINTS = 20  # enough for a preliminary figure on a draft
ON_SALE_NAV_POINTS = 200  # about a year of trading days
ON_SALE_NAV_SPAN_DAYS = 365
MODEL_NAMES = {
    ProductKind.EQUITY_FUND: "nav-history-lognormal-v1",
    ProductKind.MONEY_FUND: "income-history-v1",
    ProductKind.ABS_UNIT: "loan-default-monte-carlo-v1",
    ProductKind.P2P_LOAN: "loan-default-monte-carlo-v1",
}

Series = list[tuple[date, Decimal]]


def fraction(value: float) -> Decimal:
    """A model's float rounded half-even to an exact 6-place fraction."""
    return round_half_even(Decimal(float(value)), RATE_PLACES)


def tiers_of(product: Product) -> list[FeeTier]:
    return [FeeTier(tier.min_holding_days, tier.rate) for tier in product.redemption_fees]


def loan_parameters(product: Product) -> loan_model.LoanParameters | None:
    """The default model's parameters, or None while loan terms are missing."""
    kind = ProductKind(product.kind)
    terms = product.loan_terms
    if not kind.is_loan or terms is None or missing_loan_terms(kind, _loan_dict(terms)):
        return None
    cover = LossCover(terms.loss_cover or LossCover.NONE)
    ratio = terms.loss_cover_ratio or Decimal(0)
    if kind is ProductKind.ABS_UNIT:
        attachment, detachment, guarantor = terms.credit_enhancement, terms.detachment or Decimal(1), Decimal(0)
        amortising, revolving = True, terms.revolving_months or 0
    else:
        attachment = ratio if cover is LossCover.RISK_RESERVE else Decimal(0)
        guarantor = ratio if cover is LossCover.GUARANTOR else Decimal(0)
        detachment, revolving = Decimal(1), 0
        amortising = RepaymentMethod(terms.repayment_method) is RepaymentMethod.EQUAL_INSTALMENTS
    return loan_model.LoanParameters(
        rate=terms.rate,
        term_months=terms.term_months,
        revolving_months=revolving,
        amortising=amortising,
        default_probability=terms.default_probability,
        loss_given_default=terms.loss_given_default,
        attachment=attachment,
        detachment=detachment,
        guarantor_share=guarantor,
        early_amortisation_trigger=terms.early_amortisation_trigger if kind is ProductKind.ABS_UNIT else None,
        loan_count=terms.loan_count or 1,
        asset_correlation=terms.asset_correlation or Decimal(0),
        management_fee=product.management_fee_rate,
        subscription_fee=product.subscription_fee_rate,
        early_exit=bool(terms.early_exit),
    )


def _loan_dict(terms) -> dict:
    return {column: getattr(terms, column) for column in LOAN_COLUMNS}


def estimate(product: Product, *, navs: Series | None = None, incomes: Series | None = None) -> Estimate | None:
    """The one-year estimate of ``product`` from its data, or None when there is too little."""
    kind = ProductKind(product.kind)
    entry = float(product.subscription_fee_rate)
    exit_ = float(redemption_rate(tiers_of(product), 365))
    if kind is ProductKind.EQUITY_FUND:
        if navs is None or len(navs) < MIN_NAV_POINTS:
            return None
        return history_model.nav_estimate(
            [day for day, _ in navs], np.array([float(v) for _, v in navs]), entry_fee=entry, exit_fee=exit_
        )
    if kind is ProductKind.MONEY_FUND:
        if incomes is None or len(incomes) < yields.DAYS:
            return None
        window = incomes[-365:]  # the past year
        return history_model.income_estimate(np.array([float(v) for _, v in window]), entry_fee=entry, exit_fee=exit_)
    params = loan_parameters(product)
    return None if params is None else loan_model.loan_estimate(params)


def store(
    *, session: Session, clock: Clock, product: Product, navs: Series | None = None, incomes: Series | None = None
) -> ProductFigures | None:
    """Compute and store the figures of ``product`` from the given series (ascending);
    removes stale figures when the data no longer supports any. Bumps the revision."""
    kind = ProductKind(product.kind)
    result = estimate(product, navs=navs, incomes=incomes)
    product.revision = (product.revision or 0) + 1
    if result is None:
        if product.figures is not None:
            session.execute(delete(ProductFigures).where(ProductFigures.product_id == product.id))
            session.expire(product, ["figures"])
        return None
    latest: tuple[date, Decimal] | None = None
    seven_day = None
    if kind is ProductKind.EQUITY_FUND:
        latest = navs[-1]
    elif kind is ProductKind.MONEY_FUND:
        latest = incomes[-1]
        window = yields.last_seven_days(incomes)
        seven_day = None if window is None else yields.seven_day_annualized_yield(window)
    row = product.figures
    if row is None:
        row = ProductFigures(product_id=product.id)
        product.figures = row
    row.as_of = latest[0] if latest else clock.today()
    row.model = MODEL_NAMES[kind]
    row.expected_annual_return = fraction(result.expected_return)
    row.typical_low = fraction(result.low)
    row.typical_high = fraction(result.high)
    row.bad_year_loss = fraction(result.bad_year_loss)
    row.volatility = fraction(result.volatility)
    row.max_drawdown = None if result.max_drawdown is None else fraction(result.max_drawdown)
    row.suggested_risk_level = risk_levels.suggested_level(kind, result.var_equivalent_volatility).value
    row.seven_day_yield = seven_day
    row.latest_value = latest[1] if latest else None
    row.latest_value_date = latest[0] if latest else None
    row.computed_at = clock.now()
    return row


# --- one set of figures: the joint scenarios ------------------------------------------------

JOINT_MODEL = "joint-scenarios-v1"
BAD_YEAR = 0.05
ONE_IN_100 = 0.01
TYPICAL = (0.10, 0.90)
TAIL = 0.95


@dataclass(frozen=True)
class ScenarioStatistics:
    """The plain figures of one-year scenario returns (equally likely), one definition for the
    product pages and the advisor's plans."""

    expected_annual_return: float  # the mean
    typical_low: float  # 10th percentile
    typical_high: float  # 90th percentile
    bad_year_loss: float  # minus the 5th percentile (0 when even that year gains)
    one_in_100_loss: float  # minus the 1st percentile (0 when it gains)
    probability_of_loss: float  # share of scenarios that lose
    tail_loss: float  # average loss of the worst 5% (CVaR 95%), 0 when they gain
    volatility: float


def scenario_statistics(returns: np.ndarray) -> ScenarioStatistics:
    returns = np.asarray(returns, dtype=float)
    low, high, bad, rare = np.quantile(returns, [*TYPICAL, BAD_YEAR, ONE_IN_100], method="inverted_cdf")
    worst = np.sort(returns)[: max(1, math.ceil(len(returns) * (1 - TAIL)))]
    return ScenarioStatistics(
        expected_annual_return=float(np.mean(returns)),
        typical_low=float(low),
        typical_high=float(high),
        bad_year_loss=max(0.0, -float(bad)),
        one_in_100_loss=max(0.0, -float(rare)),
        probability_of_loss=float(np.mean(returns < 0)),
        tail_loss=max(0.0, -float(np.mean(worst))),
        volatility=float(np.std(returns)),
    )


CHANGED = "robo.joint_figures"  # session.info key of the products marked (``joint_figures``)


def mark_changed(session: Session, clock: Clock, product: Product) -> None:
    """Note that an on-sale product's data (or whether it is on sale) changed: its joint
    figures, and for an equity fund those of every equity fund, are recomputed at commit."""
    pending = session.info.setdefault(CHANGED, {"clock": clock, "ids": set(), "equity": False})
    pending["ids"].add(product.id)
    pending["equity"] |= ProductKind(product.kind) is ProductKind.EQUITY_FUND


def nav_series(session: Session, product_id: int) -> Series:
    rows = session.execute(
        select(NavPoint.date, NavPoint.nav).where(NavPoint.product_id == product_id).order_by(NavPoint.date)
    ).all()
    return [(row.date, row.nav) for row in rows]


def income_series(session: Session, product_id: int) -> Series:
    rows = session.execute(
        select(IncomePoint.date, IncomePoint.income_per_10k)
        .where(IncomePoint.product_id == product_id)
        .order_by(IncomePoint.date)
    ).all()
    return [(row.date, row.income_per_10k) for row in rows]


def refresh(*, session: Session, clock: Clock, product: Product) -> ProductFigures | None:
    """Reload the product's history and store fresh figures (the joint ones, for a product on
    sale, at commit)."""
    kind = ProductKind(product.kind)
    if product.status == ProductStatus.ON_SALE:
        mark_changed(session, clock, product)
    session.flush()
    navs = nav_series(session, product.id) if kind is ProductKind.EQUITY_FUND else None
    incomes = income_series(session, product.id) if kind is ProductKind.MONEY_FUND else None
    return store(session=session, clock=clock, product=product, navs=navs, incomes=incomes)


def missing_data(*, session: Session, product: Product) -> Text | None:
    """Why the product may not go on sale yet, or None when its figures have what they need."""
    kind = ProductKind(product.kind)
    if kind is ProductKind.EQUITY_FUND:
        count, first, last = session.execute(
            select(func.count(), func.min(NavPoint.date), func.max(NavPoint.date)).where(
                NavPoint.product_id == product.id
            )
        ).one()
        if count < ON_SALE_NAV_POINTS or first is None or (last - first) < timedelta(days=ON_SALE_NAV_SPAN_DAYS):
            return t(
                f"An equity fund needs at least a year of NAV history ({ON_SALE_NAV_POINTS}+ NAVs over "
                f"{ON_SALE_NAV_SPAN_DAYS}+ days); it has {count}.",
                f"权益基金需要至少一年的净值历史（{ON_SALE_NAV_SPAN_DAYS} 天以上、{ON_SALE_NAV_POINTS} 个以上净值），"
                f"目前只有 {count} 个。",
            )
    elif kind is ProductKind.MONEY_FUND:
        if product.figures is None or product.figures.seven_day_yield is None:
            return t(
                "A money fund needs the income of 7 consecutive days up to its latest income.",
                "货币基金需要截至最新收益日连续 7 天的收益数据。",
            )
    else:
        missing = missing_loan_terms(kind, None if product.loan_terms is None else _loan_dict(product.loan_terms))
        if missing:
            return Text(
                "Complete the loan terms first: " + ", ".join(missing) + ".",
                "请先完善借款条款：" + "、".join(missing) + "。",
            )
    if product.figures is None:
        return t("The product has no figures yet.", "该产品尚无指标数据。")
    return None


def risk_warning(product: Product) -> risk_levels.RiskLevelWarning | None:
    figures = product.figures
    suggested = None if figures is None else RiskLevel(figures.suggested_risk_level)
    return risk_levels.warning_for(RiskLevel(product.risk_level), suggested)
