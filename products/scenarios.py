"""What the optimizer needs of every product on sale, without GraphQL: identity, risk
level and who may buy it, minimum amount, liquidity, fees, the stored figures, and the data
behind them: the daily NAV series of equity funds, the daily income series of money funds,
and the loan-loss model parameters of ABS units and P2P products (``LoanParameters``; the
model itself is documented in ``products.loan_model``). Loaded in a fixed number of
statements (products, terms, figures, then one per history table)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core import qualified as floors
from core.clock import Clock
from core.risk import Qualification, RiskLevel
from products import qualified
from products.figures import loan_parameters, tiers_of
from products.kinds import ProductKind, ProductStatus
from products.liquidity import Liquidity, liquidity_of
from products.loan_model import LoanParameters
from products.models import IncomePoint, NavPoint, Product
from products.terms import FeeTier
from tradingcalendar.service import calendar as trading_calendar


@dataclass(frozen=True, slots=True)
class Fees:
    subscription_rate: Decimal
    redemption_schedule: tuple[FeeTier, ...]  # rate by minimum holding days, ascending
    management_rate: Decimal  # yearly; already inside published NAVs and incomes


@dataclass(frozen=True, slots=True)
class FigureSummary:
    """The stored one-year figures (fractions)."""

    expected_annual_return: Decimal
    typical_low: Decimal
    typical_high: Decimal
    bad_year_loss: Decimal
    volatility: Decimal
    max_drawdown: Decimal | None
    as_of: date


@dataclass(frozen=True, slots=True)
class Series:
    """A daily series, ascending: NAVs (trading days) or incomes per 10,000 units (calendar days)."""

    dates: tuple[date, ...]
    values: tuple[Decimal, ...]

    def as_array(self) -> np.ndarray:
        return np.array([float(value) for value in self.values])


@dataclass(frozen=True, slots=True)
class ScenarioInput:
    product_id: int
    code: str
    kind: ProductKind
    risk_level: RiskLevel
    qualified_only: bool
    currency: str
    minimum_amount: Decimal
    liquidity: Liquidity
    fees: Fees
    figures: FigureSummary | None
    nav_series: Series | None = None  # equity funds
    income_series: Series | None = None  # money funds
    loan_model: LoanParameters | None = None  # ABS units and P2P products
    fast_redemption_limit: Decimal | None = None  # money funds: T+0 redemption per user per day
    name_zh: str = ""
    name_en: str = ""


def _series(session: Session, model, column, product_ids: list[int]) -> dict[int, Series]:
    if not product_ids:
        return {}
    rows = session.execute(
        select(model.product_id, model.date, column)
        .where(model.product_id.in_(product_ids))
        .order_by(model.product_id, model.date)
    ).all()
    grouped: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for product_id, day, value in rows:
        grouped[product_id][0].append(day)
        grouped[product_id][1].append(value)
    return {pid: Series(tuple(days), tuple(values)) for pid, (days, values) in grouped.items()}


def effective_minimum(product: Product) -> Decimal:
    """The least a first order may be: the product's minimum, and for a product for qualified
    investors also the regulatory floor (``core.qualified``)."""
    need = qualified.requirement(product.kind, product.qualified_only)
    if need is Qualification.PRIVATE_FUND:
        return max(product.minimum_amount, floors.ABS_MIN_SUBSCRIPTION)
    if need is Qualification.ASSET_MANAGEMENT:
        return max(product.minimum_amount, floors.holding_floor(product.asset_class))
    return product.minimum_amount


def scenario_inputs(*, session: Session, clock: Clock) -> list[ScenarioInput]:
    """Every ON_SALE product, ordered by id (see the module docstring)."""
    products = session.scalars(
        select(Product)
        .where(Product.status == ProductStatus.ON_SALE.value)
        .options(selectinload(Product.redemption_fees), selectinload(Product.loan_terms), selectinload(Product.figures))
        .order_by(Product.id)
    ).all()
    equity = [p.id for p in products if p.kind == ProductKind.EQUITY_FUND]
    money = [p.id for p in products if p.kind == ProductKind.MONEY_FUND]
    navs = _series(session, NavPoint, NavPoint.nav, equity)
    incomes = _series(session, IncomePoint, IncomePoint.income_per_10k, money)
    today = clock.today()
    known = trading_calendar(session)
    inputs = []
    for product in products:
        kind = ProductKind(product.kind)
        stored = product.figures
        inputs.append(
            ScenarioInput(
                product_id=product.id,
                code=product.code,
                kind=kind,
                risk_level=RiskLevel(product.risk_level),
                qualified_only=product.qualified_only,
                currency=product.currency,
                minimum_amount=effective_minimum(product),
                liquidity=liquidity_of(
                    kind=product.liquidity,
                    lock_days=product.lock_days,
                    maturity_date=product.maturity_date,
                    settlement_days=product.settlement_days,
                    today=today,
                    calendar=known,
                ),
                fees=Fees(product.subscription_fee_rate, tuple(tiers_of(product)), product.management_fee_rate),
                figures=None
                if stored is None
                else FigureSummary(
                    stored.expected_annual_return,
                    stored.typical_low,
                    stored.typical_high,
                    stored.bad_year_loss,
                    stored.volatility,
                    stored.max_drawdown,
                    stored.as_of,
                ),
                nav_series=navs.get(product.id) if kind is ProductKind.EQUITY_FUND else None,
                income_series=incomes.get(product.id) if kind is ProductKind.MONEY_FUND else None,
                loan_model=loan_parameters(product) if kind.is_loan else None,
                fast_redemption_limit=product.fast_redemption_limit,
                name_zh=product.name_zh,
                name_en=product.name_en,
            )
        )
    return inputs
