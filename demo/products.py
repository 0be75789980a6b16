"""Demo catalogue (``robo seed-demo``; never in production): 3 money funds with a year of
daily income, 8 equity funds with 3 years of NAVs, 4 ABS tranches and 5 P2P products, all
labelled demo (``is_demo``, names ending in "(demo)") and put on sale through the real
four-eyes workflow: pm1@example.com asks, pm2@example.com approves, so the audit log shows it.

The generator is seeded (``DEMO_SEED``), so every run gives the same data, ending on the
clock's day:
- equity NAVs follow a geometric random walk on Shanghai trading days: normal daily log
  returns, rescaled so the history has exactly the fund's target yearly drift and
  volatility (so each fund lands in the intended PRIIPs class and risk level);
- money-fund income per 10,000 units follows a mean-reverting walk around the fund's level
  (daily persistence 0.97), with a little noise, rounded to 4 decimals;
- ABS and P2P terms are typical of the Chinese small-loan market (NOTES.md: senior tranches
  around 3.4-6.2%, subordinated 11%). Most risk levels are the ones the figures suggest; a
  few loan products are set one level more cautious, so the demo shows the manager's warning.
History goes in through the CSV importer's code path (``products.history``), in bulk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
from sqlalchemy.orm import Session

from core.calendar import CUT_OFF, TradingCalendar
from core.clock import Clock
from core.money import NAV_PLACES, format_decimal, round_half_even
from core.settings import Settings
from products import history, lifecycle, service
from products.audit import Actor
from products.kinds import LiquidityKind, LossCover, ProductKind, ProductStatus, RepaymentMethod
from products.qualified import AssetClass
from products.terms import FeeTier
from tradingcalendar.service import calendar as trading_calendar

DEMO_SEED = 20261126
EQUITY_YEARS = 3
D = Decimal

EQUITY_FEES = [FeeTier(0, D("0.015")), FeeTier(7, D("0.005")), FeeTier(365, D("0.0025")), FeeTier(730, D(0))]


@dataclass(frozen=True)
class DemoProduct:
    code: str
    kind: ProductKind
    name_zh: str
    name_en: str
    risk: str
    minimum: str
    liquidity: LiquidityKind
    issuer: str = "Demo Asset Management"
    subscription_fee: str = "0"
    management_fee: str = "0"
    fees: tuple[FeeTier, ...] = ()
    settlement_days: int | None = None
    lock_days: int | None = None
    maturity_months: int | None = None
    level: float = 0.0  # money fund: income per 10,000 units; equity: yearly drift
    volatility: float = 0.0  # equity: yearly volatility
    loan: dict = field(default_factory=dict)
    asset_class: AssetClass | None = None  # None: the kind's default


def _money(code, zh, en, level, minimum, liquidity=LiquidityKind.SAME_DAY) -> DemoProduct:
    return DemoProduct(
        code, ProductKind.MONEY_FUND, zh, en, "R1", minimum, liquidity, level=level, management_fee="0.003"
    )


DEMO_REGISTRAR = "China Securities Depository and Clearing (demo)"


def _equity(
    code, zh, en, risk, drift, vol, minimum="10", sub="0.012", mgmt="0.012", settle=3, asset_class=AssetClass.EQUITY
) -> DemoProduct:
    return DemoProduct(
        code,
        ProductKind.EQUITY_FUND,
        zh,
        en,
        risk,
        minimum,
        LiquidityKind.NEXT_DAY,
        subscription_fee=sub,
        management_fee=mgmt,
        fees=tuple(EQUITY_FEES),
        settlement_days=settle,
        level=drift,
        volatility=vol,
        asset_class=asset_class,
    )


def _abs(code, zh, en, risk, coupon, term, revolving, pd, lgd, ce, detach="1", trigger="0.08") -> DemoProduct:
    return DemoProduct(
        code,
        ProductKind.ABS_UNIT,
        zh,
        en,
        risk,
        "1000000",
        LiquidityKind.LOCKED,
        issuer="Demo Small-Loan Trust",
        management_fee="0.002",
        maturity_months=term,
        loan=dict(
            rate=D(coupon),
            term_months=term,
            revolving_months=revolving,
            default_probability=D(pd),
            loss_given_default=D(lgd),
            credit_enhancement=D(ce),
            detachment=D(detach),
            early_amortisation_trigger=D(trigger),
            loan_count=200_000,
        ),
    )


def _p2p(
    code, zh, en, risk, rate, term, method, pd, recovery, cover=LossCover.NONE, ratio="0", count=100, early_exit=False
) -> DemoProduct:
    return DemoProduct(
        code,
        ProductKind.P2P_LOAN,
        zh,
        en,
        risk,
        "1000",
        LiquidityKind.NEXT_DAY if early_exit else LiquidityKind.LOCKED,
        issuer="Demo Lending Marketplace",
        management_fee="0.008",
        lock_days=None if early_exit else round(term * 365 / 12),
        loan=dict(
            rate=D(rate),
            term_months=term,
            repayment_method=method,
            default_probability=D(pd),
            recovery_rate=D(recovery),
            loss_cover=cover,
            loss_cover_ratio=D(ratio),
            loan_count=count,
            early_exit=early_exit,
        ),
    )


CATALOGUE: tuple[DemoProduct, ...] = (
    _money("DEMO-MMF-BAL", "示范余额货币基金", "Balance Money Fund", 0.50, "0.01"),
    _money("DEMO-MMF-PLUS", "示范增利货币基金", "Plus Money Fund", 0.56, "1.00"),
    _money("DEMO-MMF-T1", "示范稳享货币基金", "Steady Money Fund (T+1)", 0.44, "1000.00", LiquidityKind.NEXT_DAY),
    _equity(
        "DEMO-BOND-S",
        "示范短债基金",
        "Short Bond Fund",
        "R2",
        0.032,
        0.022,
        sub="0.004",
        mgmt="0.003",
        settle=2,
        asset_class=AssetClass.FIXED_INCOME,
    ),
    _equity(
        "DEMO-BOND-C",
        "示范信用债基金",
        "Credit Bond Fund",
        "R2",
        0.042,
        0.035,
        sub="0.006",
        mgmt="0.006",
        settle=2,
        asset_class=AssetClass.FIXED_INCOME,
    ),
    _equity(
        "DEMO-BAL-CON",
        "示范稳健配置基金",
        "Conservative Balanced Fund",
        "R3",
        0.055,
        0.075,
        asset_class=AssetClass.MIXED,
    ),
    _equity(
        "DEMO-BAL-GRO", "示范均衡成长基金", "Balanced Growth Fund", "R3", 0.065, 0.095, asset_class=AssetClass.MIXED
    ),
    _equity("DEMO-IDX-300", "示范沪深300指数基金", "CSI 300 Index Fund", "R4", 0.07, 0.155, sub="0.010"),
    _equity("DEMO-IDX-500", "示范中证500指数基金", "CSI 500 Index Fund", "R4", 0.075, 0.175, sub="0.010"),
    _equity("DEMO-SEC-TECH", "示范科技创新基金", "Tech Innovation Fund", "R5", 0.09, 0.26, sub="0.015", mgmt="0.015"),
    _equity("DEMO-SEC-HLTH", "示范医药健康基金", "Healthcare Fund", "R5", 0.085, 0.29, sub="0.015", mgmt="0.015"),
    _abs(
        "DEMO-ABS-A1",
        "示范小贷资产支持计划A1级",
        "Small-Loan ABS Class A1",
        "R2",
        "0.0335",
        24,
        12,
        "0.02",
        "0.9",
        "0.15",
    ),
    _abs(
        "DEMO-ABS-SEN",
        "示范小贷资产支持计划优先级",
        "Small-Loan ABS Senior",
        "R2",
        "0.042",
        36,
        24,
        "0.01",
        "0.8",
        "0.10",
    ),
    _abs(
        "DEMO-ABS-MEZ",
        "示范小贷资产支持计划夹层级",
        "Small-Loan ABS Mezzanine",
        "R3",
        "0.058",
        36,
        24,
        "0.01",
        "0.8",
        "0.04",
        "0.10",
    ),
    _abs(
        "DEMO-ABS-SUB",
        "示范小贷资产支持计划次级",
        "Small-Loan ABS Subordinated",
        "R5",
        "0.11",
        36,
        24,
        "0.01",
        "0.8",
        "0",
        "0.10",
    ),
    _p2p(
        "DEMO-P2P-3M",
        "示范三月期散标",
        "3-Month Loan Plan",
        "R2",
        "0.06",
        3,
        RepaymentMethod.BULLET,
        "0.015",
        "0.4",
        LossCover.RISK_RESERVE,
        "0.03",
        200,
        early_exit=True,
    ),
    _p2p(
        "DEMO-P2P-6M",
        "示范六月期计划",
        "6-Month Loan Plan",
        "R2",
        "0.075",
        6,
        RepaymentMethod.BULLET,
        "0.03",
        "0.3",
        LossCover.RISK_RESERVE,
        "0.02",
    ),
    _p2p(
        "DEMO-P2P-12G",
        "示范一年期担保计划",
        "12-Month Guaranteed-Share Plan",
        "R2",
        "0.09",
        12,
        RepaymentMethod.EQUAL_INSTALMENTS,
        "0.05",
        "0.35",
        LossCover.GUARANTOR,
        "0.8",
        50,
    ),
    _p2p(
        "DEMO-P2P-24",
        "示范两年期等额计划",
        "24-Month Instalment Plan",
        "R3",
        "0.11",
        24,
        RepaymentMethod.EQUAL_INSTALMENTS,
        "0.08",
        "0.3",
        count=200,
    ),
    _p2p(
        "DEMO-P2P-36X",
        "示范三年期集中借款",
        "36-Month Concentrated Loan",
        "R4",
        "0.12",
        36,
        RepaymentMethod.BULLET,
        "0.04",
        "0.2",
        count=5,
    ),
)


def nav_days(known: TradingCalendar, now: datetime) -> list[date]:
    """The trading days of the demo's NAV history: about ``EQUITY_YEARS`` years up to the last
    trading day whose close (15:00) has passed at ``now`` (platform zone)."""
    today = now.date()
    last = today if known.is_trading_day(today) and now.time() >= CUT_OFF else known.previous_trading_day(today)
    return list(known.trading_days(today - timedelta(days=round(EQUITY_YEARS * 365.25) + 30), last))


def nav_history(rng: np.random.Generator, spec: DemoProduct, days: list[date]) -> list[tuple[date, Decimal]]:
    per_year = (len(days) - 1) / ((days[-1] - days[0]).days / 365.25)
    shocks = rng.standard_normal(len(days) - 1)
    shocks = (shocks - shocks.mean()) / shocks.std(ddof=1)
    log_returns = spec.level / per_year + shocks * spec.volatility / math.sqrt(per_year)
    navs = np.exp(np.concatenate(([0.0], np.cumsum(log_returns))))
    return [(day, round_half_even(Decimal(float(nav)), NAV_PLACES)) for day, nav in zip(days, navs)]


def income_history(rng: np.random.Generator, spec: DemoProduct, today: date) -> list[tuple[date, Decimal]]:
    days = [today - timedelta(days=offset) for offset in range(365, -1, -1)]
    value, points = spec.level, []
    for day in days:
        value = spec.level + 0.97 * (value - spec.level) + rng.normal(0.0, 0.012)
        points.append((day, round_half_even(Decimal(float(value)), NAV_PLACES)))
    return points


def _add_months(day: date, months: int) -> date:
    return day + timedelta(days=round(months * 365.25 / 12))


def seed(*, session: Session, clock: Clock, settings: Settings, seeded: dict) -> dict:
    """Create the demo catalogue on sale; returns the products by code."""
    users = seeded["users"]
    pm1, pm2 = users["pm1@example.com"], users["pm2@example.com"]
    asker, approver = Actor.user(pm1.id, pm1.email), Actor.user(pm2.id, pm2.email)
    rng = np.random.default_rng(DEMO_SEED)
    today = clock.today()
    equity_days = nav_days(trading_calendar(session), clock.local_now())
    rows: list[history.HistoryRow] = []
    products = {}
    for spec in CATALOGUE:
        common = dict(
            code=spec.code,
            name_zh=f"{spec.name_zh}（演示）",
            name_en=f"{spec.name_en} (demo)",
            issuer=spec.issuer,
            risk_level=spec.risk,
            minimum_amount=D(spec.minimum),
            subscription_fee_rate=D(spec.subscription_fee),
            management_fee_rate=D(spec.management_fee),
            redemption_fees=list(spec.fees),
            liquidity=spec.liquidity,
            settlement_days=spec.settlement_days,
            lock_days=spec.lock_days,
            is_demo=True,
            maturity_date=_add_months(today, spec.maturity_months) if spec.maturity_months else None,
            asset_class=spec.asset_class,
        )
        if not spec.kind.is_loan:  # the demo manager's funds can be switched into each other (转换)
            common.update(registrar=DEMO_REGISTRAR, switchable=True)
        product = service.create_product(
            session=session,
            clock=clock,
            settings=settings,
            actor=asker,
            kind=spec.kind,
            common=common,
            loan=spec.loan or None,
        )
        products[spec.code] = product
        if spec.kind is ProductKind.EQUITY_FUND:
            points = nav_history(rng, spec, equity_days)
        elif spec.kind is ProductKind.MONEY_FUND:
            points = income_history(rng, spec, today)
        else:
            continue
        rows.extend(
            history.HistoryRow(len(rows) + i + 1, spec.code, day.isoformat(), format_decimal(value, NAV_PLACES))
            for i, (day, value) in enumerate(points)
        )
    history.import_history(session=session, clock=clock, actor=asker, rows=rows)
    for product in products.values():
        lifecycle.change_status(
            session=session, clock=clock, actor=asker, product_id=product.id, status=ProductStatus.ON_SALE
        )
        lifecycle.approve_status_change(session=session, clock=clock, actor=approver, product_id=product.id)
    seed_staff_work(session=session, clock=clock, settings=settings, asker=asker, products=products)
    return products


def seed_staff_work(*, session: Session, clock: Clock, settings: Settings, asker: Actor, products: dict) -> None:
    """Something for the product managers' console: a draft not yet submitted, and a change of
    terms on a launched product waiting for the second product manager (pm1 asked, pm2 decides)."""
    from products import changes

    service.create_product(
        session=session,
        clock=clock,
        settings=settings,
        actor=asker,
        kind=ProductKind.EQUITY_FUND,
        common=dict(
            code="DEMO-DRAFT-ESG",
            name_zh="示范ESG精选基金（草稿）",
            name_en="ESG Select Fund (draft)",
            issuer="Demo Asset Management",
            risk_level="R3",
            minimum_amount=D("1000"),
            subscription_fee_rate=D("0.0015"),
            management_fee_rate=D("0.012"),
            redemption_fees=[FeeTier(0, D("0.015")), FeeTier(7, D("0.005"))],
            liquidity=LiquidityKind.NEXT_DAY,
            is_demo=True,
            asset_class=AssetClass.EQUITY,
        ),
    )
    launched = products.get("DEMO-BOND-S")
    if launched is not None:
        changes.propose(
            session=session,
            clock=clock,
            actor=asker,
            product_id=launched.id,
            common={"minimum_amount": D("500")},
        )
