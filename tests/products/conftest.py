"""Fixtures of the catalogue tests: two product managers (four eyes), an operator, a
customer, GraphQL clients signed in as each, and small factories for products and history."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from products import history, lifecycle, service
from products.audit import Actor
from products.kinds import LiquidityKind, ProductKind, ProductStatus
from products.terms import FeeTier
from tests import calendars
from users.roles import Role

D = Decimal
EQUITY_FEES = [FeeTier(0, D("0.015")), FeeTier(7, D("0.005")), FeeTier(730, D("0"))]


@pytest.fixture
def staff(make_user):
    """The staff users by name."""
    return {
        "pm1": make_user("pm1@example.com", roles={Role.PRODUCT_MANAGER}),
        "pm2": make_user("pm2@example.com", roles={Role.PRODUCT_MANAGER}),
        "ops": make_user("ops@example.com", roles={Role.OPERATOR}),
        "customer": make_user("customer@example.com"),
    }


@pytest.fixture
def as_pm1(gql, staff):
    return gql.as_user("pm1@example.com")


@pytest.fixture
def as_pm2(gql, staff):
    return gql.as_user("pm2@example.com")


@pytest.fixture
def as_customer(gql, staff):
    return gql.as_user("customer@example.com")


@pytest.fixture
def as_ops(gql, staff):
    return gql.as_user("ops@example.com")


def common_terms(kind: ProductKind, code: str, **overrides) -> dict:
    """Valid common terms for a product of ``kind``."""
    terms = {
        ProductKind.MONEY_FUND: dict(risk_level="R1", liquidity=LiquidityKind.SAME_DAY, minimum_amount=D("0.01")),
        ProductKind.EQUITY_FUND: dict(
            risk_level="R3",
            liquidity=LiquidityKind.NEXT_DAY,
            minimum_amount=D("10"),
            subscription_fee_rate=D("0.012"),
            redemption_fees=list(EQUITY_FEES),
        ),
        ProductKind.ABS_UNIT: dict(
            risk_level="R2", liquidity=LiquidityKind.LOCKED, lock_days=720, minimum_amount=D("1000000")
        ),
        ProductKind.P2P_LOAN: dict(
            risk_level="R3",
            liquidity=LiquidityKind.LOCKED,
            lock_days=365,
            minimum_amount=D("1000"),
            management_fee_rate=D("0.01"),
        ),
    }[kind]
    terms.update(code=code, name_zh=f"产品 {code}", name_en=f"Product {code}", issuer="Test Issuer")
    terms.update(overrides)
    return terms


def loan_terms(kind: ProductKind, **overrides) -> dict:
    if kind is ProductKind.ABS_UNIT:
        terms = dict(
            rate=D("0.045"),
            term_months=24,
            revolving_months=12,
            default_probability=D("0.02"),
            loss_given_default=D("0.8"),
            credit_enhancement=D("0.1"),
            loan_count=500,
        )
    else:
        terms = dict(
            rate=D("0.09"),
            term_months=12,
            repayment_method="BULLET",
            default_probability=D("0.03"),
            recovery_rate=D("0.4"),
            loan_count=50,
        )
    terms.update(overrides)
    return terms


def nav_points(days: int, *, end: date, start_nav: float = 1.0, step: float = 0.0004) -> list[tuple[date, Decimal]]:
    """NAVs of the trading days (seeded calendar) over ``days`` calendar days ending on
    ``end``, zig-zagging upwards."""
    points, nav = [], start_nav
    for i, day in enumerate(calendars.trading_days(end - timedelta(days=days), end)):
        nav *= 1 + (step if i % 3 else -step / 2)
        points.append((day, Decimal(f"{nav:.4f}")))
    return points


def income_points(days: int, *, end: date, value: str = "0.5000") -> list[tuple[date, Decimal]]:
    return [(end - timedelta(days=days - 1 - i), Decimal(value)) for i in range(days)]


class Catalogue:
    """Creates products straight through the domain services (committed)."""

    def __init__(self, db, clock, settings, staff) -> None:
        self.db, self.clock, self.settings = db, clock, settings
        self.pm1 = Actor.user(staff["pm1"].id, staff["pm1"].email)
        self.pm2 = Actor.user(staff["pm2"].id, staff["pm2"].email)
        self.count = 0

    def create(self, kind: ProductKind, *, code: str | None = None, loan: dict | None = None, **common) -> int:
        self.count += 1
        code = code or f"T{kind.value[:3]}{self.count:04d}"
        with self.db.write() as session:
            product = service.create_product(
                session=session,
                clock=self.clock,
                settings=self.settings,
                actor=self.pm1,
                kind=kind,
                common=common_terms(kind, code, **common),
                loan=(loan if loan is not None else loan_terms(kind)) if kind.is_loan else None,
            )
            return product.id

    def load_history(self, code: str, points: list[tuple[date, Decimal]]) -> None:
        rows = [history.HistoryRow(i + 1, code, d.isoformat(), str(v)) for i, (d, v) in enumerate(points)]
        with self.db.write() as session:
            history.import_history(session=session, clock=self.clock, actor=self.pm1, rows=rows)

    def code_of(self, product_id: int) -> str:
        with self.db.read() as session:
            return service.get_product(session=session, product_id=product_id).code

    def ready(self, kind: ProductKind, **kwargs) -> int:
        """A product with the data it needs to go on sale (still a DRAFT)."""
        product_id = self.create(kind, **kwargs)
        today = self.clock.today()
        if kind is ProductKind.EQUITY_FUND:
            self.load_history(self.code_of(product_id), nav_points(400, end=today - timedelta(days=1)))
        elif kind is ProductKind.MONEY_FUND:
            self.load_history(self.code_of(product_id), income_points(10, end=today))
        return product_id

    def on_sale(self, kind: ProductKind, **kwargs) -> int:
        product_id = self.ready(kind, **kwargs)
        with self.db.write() as session:
            lifecycle.change_status(
                session=session, clock=self.clock, actor=self.pm1, product_id=product_id, status=ProductStatus.ON_SALE
            )
            lifecycle.approve_status_change(session=session, clock=self.clock, actor=self.pm2, product_id=product_id)
        return product_id


@pytest.fixture
def catalogue(db, clock, settings, staff) -> Catalogue:
    return Catalogue(db, clock, settings, staff)
