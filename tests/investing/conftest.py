"""Investing test helpers: a small catalogue on sale (money funds, an equity fund, loan
products), investors of each risk category with verified wallets and cash, and shortcuts for
orders, the daily jobs and ledger checks."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from demo.questionnaire import DEMO_ANSWERS, answer_inputs
from investing import income, jobs, orders
from investing.kinds import DailyJob
from investing.models import DailyJobRun, FundLot, FundOrder, LoanPayment, MoneyFundIncome
from ledger.accounts import ACCOUNTS, user_balance
from ledger.entries import ENTRIES, POSTINGS
from ledger.history import TRANSACTIONS
from ledger.kinds import CNY, Purpose, fund_asset
from products import history, lifecycle, service
from products.audit import Actor
from products.kinds import LiquidityKind, ProductKind, ProductStatus
from questionnaire import service as questionnaire_service
from questionnaire.registry import registry
from tests.conftest import SHANGHAI
from tests.ids import product_gid
from tests.products.conftest import common_terms, income_points, loan_terms, nav_points
from tests.wallet.conftest import card_number, id_number, ledger_problems
from users.roles import Role
from wallet import cash, identity

D = Decimal
CATEGORY_OF = {
    "C1": "alice@example.com",
    "C2": "bob@example.com",
    "C3": "carol@example.com",
    "C4": "dave@example.com",
    "C5": "erin@example.com",
}
_counter = itertools.count(1)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@dataclass
class Funds:
    """Ids of the test catalogue's products."""

    mmf: int  # money fund, T+0 with the default 10,000 limit
    mmf_t1: int  # money fund without fast redemption (NEXT_DAY)
    equity: int  # equity fund R3, NAV history, fee schedule, 3 settlement days
    risky: int  # equity fund R5
    p2p: int  # P2P R2, locked 90 days, bullet, 3 months
    abs_unit: int  # ABS R2, qualified investors only, until a maturity date


class Catalogue:
    def __init__(self, db, clock, settings, staff) -> None:
        self.db, self.clock, self.settings = db, clock, settings
        self.pm1 = Actor.user(staff["pm1"].id, staff["pm1"].email)
        self.pm2 = Actor.user(staff["pm2"].id, staff["pm2"].email)

    def on_sale(self, kind: ProductKind, code: str, *, loan: dict | None = None, history_points=None, **common) -> int:
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
            product_id = product.id
        if history_points:
            rows = [history.HistoryRow(i + 1, code, d.isoformat(), str(v)) for i, (d, v) in enumerate(history_points)]
            with self.db.write() as session:  # as loaded after the last day's close
                history.import_history(
                    session=session, clock=self._after_close(history_points[-1][0]), actor=self.pm1, rows=rows
                )
        with self.db.write() as session:
            lifecycle.change_status(
                session=session, clock=self.clock, actor=self.pm1, product_id=product_id, status=ProductStatus.ON_SALE
            )
            lifecycle.approve_status_change(session=session, clock=self.clock, actor=self.pm2, product_id=product_id)
        return product_id

    def record_nav(self, product_id: int, day: date, nav: str) -> None:
        """Record ``day``'s NAV as the manager does once that day's 15:00 close has passed
        (at the clock's time, or at 15:30 that day when the clock is earlier)."""
        clock = self._after_close(day)
        with self.db.write() as session:
            history.record_nav(session=session, clock=clock, actor=self.pm1, product_id=product_id, day=day, nav=D(nav))

    def _after_close(self, day: date):
        """The test clock, or one at 15:30 of ``day`` when the clock is earlier: a NAV is known
        once its day's close has passed."""
        from core.clock import ManualClock

        close = at(day, 15, 30)
        return self.clock if self.clock.now() >= close else ManualClock(close)

    def record_income(self, product_id: int, day: date, value: str) -> None:
        """Record a day's income; an unusual figure is asked by pm1 and approved by pm2."""
        with self.db.write() as session:
            if history.needs_second_approval(D(value)):
                request = history.request_income_figure(
                    session=session,
                    clock=self.clock,
                    actor=self.pm1,
                    product_id=product_id,
                    day=day,
                    income_per_10k=D(value),
                )
                income.approve_income_figure(session=session, clock=self.clock, actor=self.pm2, request_id=request.id)
                return
            history.record_income(
                session=session,
                clock=self.clock,
                actor=self.pm1,
                product_id=product_id,
                day=day,
                income_per_10k=D(value),
            )

    def set_status(self, product_id: int, status: ProductStatus) -> None:
        with self.db.write() as session:
            lifecycle.change_status(
                session=session, clock=self.clock, actor=self.pm1, product_id=product_id, status=status
            )


@pytest.fixture
def staff(make_user):
    return {
        "pm1": make_user("pm1@example.com", roles={Role.PRODUCT_MANAGER}),
        "pm2": make_user("pm2@example.com", roles={Role.PRODUCT_MANAGER}),
        "ops": make_user("ops@example.com", roles={Role.OPERATOR}),
    }


@pytest.fixture
def catalogue(db, clock, settings, staff) -> Catalogue:
    return Catalogue(db, clock, settings, staff)


@pytest.fixture
def funds(catalogue, clock) -> Funds:
    today = clock.today()
    return Funds(
        mmf=catalogue.on_sale(ProductKind.MONEY_FUND, "T-MMF", history_points=income_points(10, end=today)),
        mmf_t1=catalogue.on_sale(
            ProductKind.MONEY_FUND,
            "T-MMF-T1",
            liquidity=LiquidityKind.NEXT_DAY,
            history_points=income_points(10, end=today),
        ),
        equity=catalogue.on_sale(ProductKind.EQUITY_FUND, "T-EQ", history_points=nav_points(400, end=today)),
        risky=catalogue.on_sale(
            ProductKind.EQUITY_FUND, "T-EQ-R5", risk_level="R5", history_points=nav_points(400, end=today)
        ),
        p2p=catalogue.on_sale(
            ProductKind.P2P_LOAN,
            "T-P2P",
            risk_level="R2",
            lock_days=90,
            loan=loan_terms(ProductKind.P2P_LOAN, term_months=3, rate=D("0.073")),
        ),
        abs_unit=catalogue.on_sale(
            ProductKind.ABS_UNIT, "T-ABS", lock_days=None, maturity_date=today + timedelta(days=365)
        ),
    )


def assess(db, clock, user_id: int, category: str | None) -> None:
    """Give the user the demo answers of ``category`` (C1..C5), ``"lowest"`` (accepts no
    loss), or leave them unassessed (None)."""
    if category is None:
        return
    answers = dict(DEMO_ANSWERS[CATEGORY_OF["C2" if category == "lowest" else category]])
    if category == "lowest":
        answers["w_max_loss"] = "no_loss"
    questionnaire = registry().offered
    with db.write() as session:
        questionnaire_service.submit_assessment(
            session=session,
            clock=clock,
            user_id=user_id,
            questionnaire_id=questionnaire.id,
            answers=answer_inputs(questionnaire, answers),
        )


@pytest.fixture
def investor(db, make_user, settings, clock):
    """``investor(category="C3", deposit="100000")``: a verified customer with cash and a risk
    profile (password ``correct-horse-battery``)."""

    def make(category: str | None = "C3", *, deposit: str = "100000", email: str | None = None, locale: str = "en"):
        n = next(_counter)
        user = make_user(email or f"investor{n}@example.com", locale=locale)
        name = f"Investor {n}"
        with db.write() as session:
            identity.verify_identity(
                session=session, clock=clock, settings=settings, user_id=user.id, real_name=name, id_number=id_number()
            )
            identity.bind_bank_card(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user.id,
                card_number=card_number(),
                holder_name=name,
                bank_name="ICBC",
            )
            if D(deposit) > 0:
                cash.deposit(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user.id,
                    amount=D(deposit),
                    idempotency_key=f"setup-{n}",
                )
        assess(db, clock, user.id, category)
        return user

    return make


class Desk:
    """Orders and jobs through the domain services, each in its own transaction."""

    def __init__(self, db, clock, settings) -> None:
        self.db, self.clock, self.settings = db, clock, settings

    def subscribe(self, user, product_id: int, amount: str, **kwargs) -> int:
        with self.db.write() as session:
            return orders.subscribe(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user.id,
                product_id=product_id,
                amount=D(amount),
                **kwargs,
            ).order_id

    def redeem(self, user, product_id: int, *, units: str | None = None, amount: str | None = None, **kwargs) -> int:
        with self.db.write() as session:
            return orders.redeem(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user.id,
                product_id=product_id,
                units=None if units is None else D(units),
                amount=None if amount is None else D(amount),
                **kwargs,
            ).order_id

    def cancel(self, user, order_id: int) -> int:
        with self.db.write() as session:
            return orders.cancel_order(session=session, clock=self.clock, user_id=user.id, order_id=order_id)

    def run(self, job: DailyJob, day: date) -> jobs.JobReport:
        return jobs.run_daily_job(database=self.db, clock=self.clock, job=job, day=day)

    def on(self, day: date, hour: int = 9, minute: int = 0) -> None:
        """Move the clock to ``day`` at ``hour:minute`` Shanghai time."""
        self.clock.set(at(day, hour, minute))

    def order(self, order_id: int):
        with self.db.read() as session:
            return orders.order_view(session, order_id)

    def cash(self, user) -> Decimal:
        with self.db.read() as session:
            return Decimal(user_balance(session, user_id=user.id, purpose=Purpose.CASH, asset=CNY)).scaleb(-2)

    def units(self, user, product_id: int) -> Decimal:
        with self.db.read() as session:
            return Decimal(
                user_balance(session, user_id=user.id, purpose=Purpose.FUND_UNITS, asset=fund_asset(product_id))
            ).scaleb(-2)

    def orders_of(self, user) -> list:
        with self.db.read() as session:
            return session.execute(select(FundOrder.__table__).where(FundOrder.user_id == user.id)).all()

    def problems(self) -> list[str]:
        return ledger_problems(self.db)


@pytest.fixture
def desk(db, clock, settings) -> Desk:
    return Desk(db, clock, settings)


def snapshot(db) -> dict:
    """Every table orders and jobs write, and every balance: equal snapshots mean nothing changed."""
    with db.read() as session:
        counts = {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (
                ENTRIES,
                POSTINGS,
                TRANSACTIONS,
                DailyJobRun.__table__,
                MoneyFundIncome.__table__,
                LoanPayment.__table__,
                FundLot.__table__,
                FundOrder.__table__,
            )
        }
        balances = dict(session.execute(select(ACCOUNTS.c.id, ACCOUNTS.c.balance)).all())
        statuses = dict(session.execute(select(FundOrder.id, FundOrder.status)).all())
    return {"counts": counts, "balances": balances, "statuses": statuses}


JOURNEY_DAY = date(2026, 11, 28)


@pytest.fixture
def journey(gql, funds, investor, desk, catalogue, clock):
    """Two customers: the owner bought two funds, earned a day of income, paid the other and
    asked for a recommendation."""
    owner, other = investor("C3"), investor("C3", email="other@example.com")
    client = gql.as_user(owner.email)
    for key, product in (("a", funds.mmf), ("b", funds.equity)):
        placed = client.data(
            "mutation($i: SubscribeInput!) { subscribe(input: $i) { userErrors { code } } }",
            {"i": {"productId": product_gid(product), "amount": "5000.00", "idempotencyKey": key}},
        )
        assert placed["subscribe"]["userErrors"] == []
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    desk.on(JOURNEY_DAY, 9)
    catalogue.record_income(funds.mmf, date(2026, 11, 27), "0.5000")
    desk.run(DailyJob.ACCRUE_INCOME, date(2026, 11, 27))
    clock.set(at(JOURNEY_DAY, 10))
    client = gql.as_user(owner.email)
    paid = client.data(
        "mutation($i: PayInput!) { pay(input: $i) { payment { id payee { id } } userErrors { code } } }",
        {"i": {"payee": other.email, "amount": "10.00", "idempotencyKey": "p"}},
    )["pay"]
    assert paid["userErrors"] == []
    plan = client.data(
        "mutation($i: RequestRecommendationInput!) { requestRecommendation(input: $i) { recommendation { id } } }",
        {"i": {"amount": "50000.00", "liquidityNeed": "0"}},
    )["requestRecommendation"]["recommendation"]
    return client, gql.as_user(other.email), paid, plan
