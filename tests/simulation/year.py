"""A simulated year of operations (``tests/investing/test_simulated_year.py``, and
``bench/year.py`` at 10,000 users): seeded random users subscribe to and redeem (fast and
normal) a money fund, pay each other from it, buy a P2P loan product and cancel orders, at any
hour of any calendar day, across a year end with the next year's closures imported; the
product manager records each day's income (sometimes a day late); the confirmation, income
and loan jobs run each morning, sometimes late (a day skipped) or twice. Every day is checked
against ``tests.simulation.reference`` (which shares no code with the service): each order's
trade and confirmation day, each holder's income to the fen, every cash and unit balance, no
holding below zero, ``robo ledger verify`` clean, the product pages against the advisor's
scenarios and a one-product plan (how often is the plan's choice: the suite's year checks all of
them every day; ``bench/year.py`` at 10,000 users spaces the page, plan and ledger checks).

Everything goes through the domain services, each step in its own transaction, as the API, CLI
and jobs call them.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count
from pathlib import Path

from sqlalchemy import func, select

from advisor import recommendations
from advisor.eligibility import AdviceRequest
from advisor.model_cache import ModelCache
from core.actor import Actor
from core.errors import DomainError
from core.settings import Settings
from db.session import Database
from demo.questionnaire import DEMO_ANSWERS, answer_inputs
from investing import fund_payments, jobs, orders
from investing.kinds import DailyJob, OrderStatus
from investing.models import FundLot, FundOrder, MoneyFundIncome
from ledger.accounts import ACCOUNTS
from ledger.entries import POSTINGS
from ledger.kinds import CNY, Purpose, fund_asset
from ledger.verify import verify
from products import history
from products.figures import scenario_statistics
from products.kinds import ProductKind
from products.models import ProductFigures
from questionnaire import service as questionnaire_service
from questionnaire.registry import registry
from tests.investing.conftest import CATEGORY_OF, Catalogue, at
from tests.products.conftest import income_points, loan_terms
from tests.simulation.reference import Calendar, Order, Reference
from tests.wallet.conftest import card_number, id_number
from tradingcalendar import service as trading_calendar
from users import service as users_service
from users.roles import Role
from wallet import cash, identity

CLOSURES_FILE = Path(__file__).resolve().parents[1] / "data" / "closures-2027.csv"
PASSWORD = "correct-horse-battery"
P2P_RATE, P2P_MONTHS = Decimal("0.073"), 3
DONE = {jobs.Result.DONE, jobs.Result.NOTHING}
REPEATED = {jobs.Result.ALREADY_DONE, jobs.Result.NOTHING}


@dataclass(frozen=True)
class YearPlan:
    users: int = 40
    days: int = 365
    start: date = date(2026, 12, 1)
    seed: int = 2027
    actions_per_day: float = 5.0
    late: float = 0.08  # chance a job's morning run is skipped (it runs a day late)
    twice: float = 0.08  # chance a job runs a second time
    income_late: float = 0.04  # chance yesterday's income is recorded a day late
    figures_every: int = 7  # days between checks of the product pages against the scenarios
    plan_every: int = 30  # days between one-product plans
    verify_every: int = 1  # days between full ledger verifications
    batch: int = 200  # users set up per transaction


@dataclass
class Summary:
    days: int = 0
    users: int = 0
    orders: int = 0
    refusals: int = 0
    payments: int = 0
    cancellations: int = 0
    distributions: int = 0
    holder_days: int = 0
    loan_payments: int = 0
    late_runs: int = 0
    repeated_runs: int = 0
    figure_checks: int = 0
    plans: int = 0
    seconds: dict[str, float] = field(
        default_factory=lambda: {"setup": 0.0, "jobs": 0.0, "actions": 0.0, "checks": 0.0}
    )


class SimulatedYear:
    def __init__(self, db: Database, clock, settings: Settings, plan: YearPlan = YearPlan(), progress=None) -> None:
        self.db, self.clock, self.settings, self.plan = db, clock, settings, plan
        self.rng = random.Random(plan.seed)
        self.progress = progress
        self.summary = Summary(days=plan.days, users=plan.users)
        self.keys = count(1)
        closures = {
            date.fromisoformat(line.split(",")[0]) for line in CLOSURES_FILE.read_text().splitlines()[1:] if line
        }
        self.calendar = Calendar(closures)
        self.reference = Reference(self.calendar, p2p_rate_ppm=int(P2P_RATE * 10**6), p2p_months=P2P_MONTHS)
        self.cache = ModelCache()
        self.accounts: dict[int, int] = {}  # user -> money-fund unit account id
        self.confirm_owed = False
        self.loans_owed = False
        self.next_income_day = plan.start
        self.recorded_through = plan.start - timedelta(days=1)

    # --- setting up -----------------------------------------------------------------------
    def set_up(self) -> None:
        started = time.perf_counter()
        plan = self.plan
        self.clock.set(at(plan.start, 7, 0))
        with self.db.write() as session:
            trading_calendar.import_closures(
                session=session,
                clock=self.clock,
                actor=Actor.system("simulated year"),
                rows=trading_calendar.parse_csv(CLOSURES_FILE.read_text(encoding="utf-8")),
                source=CLOSURES_FILE.name,
            )
        with self.db.read() as session:  # the reference's calendar is the platform's
            known = trading_calendar.calendar(session)
            last = min(plan.start + timedelta(days=plan.days + 20), known.known_through)
            day = plan.start
            while day <= last:
                assert known.is_trading_day(day) == self.calendar.is_open(day), day
                day += timedelta(days=1)
        with self.db.write() as session:
            staff = {
                name: users_service.create_user(
                    session=session,
                    email=f"sim-{name}@example.com",
                    password=PASSWORD,
                    clock=self.clock,
                    settings=self.settings,
                    roles={Role.PRODUCT_MANAGER},
                )
                for name in ("pm1", "pm2")
            }
        shelf = Catalogue(self.db, self.clock, self.settings, staff)
        self.manager = shelf.pm1
        self.mmf = shelf.on_sale(
            ProductKind.MONEY_FUND, "SIM-MMF", history_points=income_points(30, end=plan.start - timedelta(days=1))
        )
        self.p2p = shelf.on_sale(
            ProductKind.P2P_LOAN,
            "SIM-P2P",
            risk_level="R3",
            lock_days=90,
            loan=loan_terms(ProductKind.P2P_LOAN, term_months=P2P_MONTHS, rate=P2P_RATE),
        )
        self.users = self._customers(plan.users, "C3")
        self.planner = self._customers(1, "C1", prefix="planner", deposit=False)[0]
        self.summary.seconds["setup"] += time.perf_counter() - started

    def _customers(self, number: int, category: str, *, prefix: str = "sim", deposit: bool = True) -> list[int]:
        made = []
        questionnaire = registry().offered
        answers = answer_inputs(questionnaire, DEMO_ANSWERS[CATEGORY_OF[category]])
        for first in range(0, number, self.plan.batch):
            with self.db.write() as session:
                for n in range(first, min(number, first + self.plan.batch)):
                    user = users_service.create_user(
                        session=session,
                        email=f"{prefix}{n}@example.com",
                        password=PASSWORD,
                        clock=self.clock,
                        settings=self.settings,
                    )
                    identity.verify_identity(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=user.id,
                        real_name=f"Sim {n}",
                        id_number=id_number(),
                    )
                    identity.bind_bank_card(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=user.id,
                        card_number=card_number(),
                        holder_name=f"Sim {n}",
                        bank_name="ICBC",
                    )
                    if deposit:
                        fen = self.rng.randint(50_000, 300_000) * 100
                        cash.deposit(
                            session=session,
                            clock=self.clock,
                            settings=self.settings,
                            user_id=user.id,
                            amount=Decimal(fen).scaleb(-2),
                            idempotency_key=f"setup-{user.id}",
                        )
                        self.reference.deposit(user.id, fen)
                    questionnaire_service.submit_assessment(
                        session=session,
                        clock=self.clock,
                        user_id=user.id,
                        questionnaire_id=questionnaire.id,
                        answers=answers,
                    )
                    made.append(user.id)
        return made

    def _reassess(self, category: str, users: list[int]) -> None:
        """The yearly review of the risk assessment (an assessment lasts 12 months)."""
        questionnaire = registry().offered
        answers = answer_inputs(questionnaire, DEMO_ANSWERS[CATEGORY_OF[category]])
        for first in range(0, len(users), self.plan.batch):
            with self.db.write() as session:
                for user_id in users[first : first + self.plan.batch]:
                    questionnaire_service.submit_assessment(
                        session=session,
                        clock=self.clock,
                        user_id=user_id,
                        questionnaire_id=questionnaire.id,
                        answers=answers,
                    )

    # --- the year -------------------------------------------------------------------------
    def run(self) -> Summary:
        self.set_up()
        for index in range(self.plan.days):
            day = self.plan.start + timedelta(days=index)
            if index == 300:
                self.clock.set(at(day, 7, 0))
                self._reassess("C3", self.users)
                self._reassess("C1", [self.planner])
            self._morning(day)
            self._daytime(day)
            self._evening(day, index)
            if self.progress is not None:
                self.progress(index + 1, self.plan.days)
        return self.summary

    def _timed(self, phase: str, started: float) -> None:
        self.summary.seconds[phase] += time.perf_counter() - started

    def _morning(self, day: date) -> None:
        started = time.perf_counter()
        self.clock.set(at(day, 8, 0))
        self._record_income(day)
        self.clock.set(at(day, 8, 15))
        self._confirm(day)
        self.clock.set(at(day, 8, 30))
        self._income(day)
        self.clock.set(at(day, 8, 45))
        self._loans(day)
        self._timed("jobs", started)

    def _late(self) -> bool:
        late = self.rng.random() < self.plan.late
        self.summary.late_runs += late
        return late

    def _twice(self) -> bool:
        twice = self.rng.random() < self.plan.twice
        self.summary.repeated_runs += twice
        return twice

    def _run(self, job: DailyJob, day: date, product_id: int) -> jobs.Result:
        report = jobs.run_daily_job(database=self.db, clock=self.clock, job=job, day=day)
        runs = [run for run in report.runs if run.product_id == product_id]
        assert all(run.result is not jobs.Result.REFUSED for run in report.runs), report
        return runs[0].result if runs else jobs.Result.NOTHING

    def _record_income(self, day: date) -> None:
        """Yesterday's income (and any day recorded late), as the product manager does."""
        while self.recorded_through < day - timedelta(days=1):
            target = self.recorded_through + timedelta(days=1)
            if target == day - timedelta(days=1) and self.rng.random() < self.plan.income_late:
                return  # recorded tomorrow
            rate = self.rng.randint(2000, 9000)  # per 10,000 units, in 1/10,000: 0.2000..0.9000
            with self.db.write() as session:
                history.record_income(
                    session=session,
                    clock=self.clock,
                    actor=self.manager,
                    product_id=self.mmf,
                    day=target,
                    income_per_10k=Decimal(rate).scaleb(-4),
                )
            self.reference.rates[target] = rate
            self.recorded_through = target

    def _confirm(self, day: date) -> None:
        if not (self.calendar.is_open(day) or self.confirm_owed):
            return
        if self._late():
            self.confirm_owed = True
            return
        self.confirm_owed = False
        jobs.run_daily_job(database=self.db, clock=self.clock, job=DailyJob.CONFIRM_ORDERS, day=day)
        confirmed = self.reference.confirm_run(day)
        self._check_confirmed(confirmed)
        if self._twice():
            before = self._balances()
            jobs.run_daily_job(database=self.db, clock=self.clock, job=DailyJob.CONFIRM_ORDERS, day=day)
            assert self._balances() == before, f"a second confirmation run of {day} changed balances"

    def _income(self, day: date) -> None:
        if self._late():
            return
        while self.next_income_day < day:
            target = self.next_income_day
            result = self._run(DailyJob.ACCRUE_INCOME, target, self.mmf)
            expected = self.reference.can_distribute(target)
            if result is jobs.Result.WAITING:
                assert not expected, f"the income of {target} waits though the reference can distribute it"
                return
            assert result in DONE and expected, (target, result)
            self._check_distribution(target)
            if self._twice():
                assert self._run(DailyJob.ACCRUE_INCOME, target, self.mmf) in REPEATED
            self.next_income_day = target + timedelta(days=1)

    def _loans(self, day: date) -> None:
        if self._late():
            return
        report = jobs.run_daily_job(database=self.db, clock=self.clock, job=DailyJob.PROCESS_LOANS, day=day)
        assert all(run.result is not jobs.Result.REFUSED for run in report.runs), report
        self.summary.loan_payments += self.reference.loans_run(day)
        if self._twice():
            before = self._balances()
            jobs.run_daily_job(database=self.db, clock=self.clock, job=DailyJob.PROCESS_LOANS, day=day)
            assert self._balances() == before, f"a second loan run of {day} changed balances"

    # --- what users do --------------------------------------------------------------------
    def _daytime(self, day: date) -> None:
        started = time.perf_counter()
        expected = self.plan.actions_per_day
        actions = sum(1 for _ in range(int(expected * 2)) if self.rng.random() < 0.5)
        minutes = sorted(self.rng.randint(9 * 60, 23 * 60 + 58) for _ in range(actions))
        for minute in minutes:
            self.clock.set(at(day, minute // 60, minute % 60))
            self._act(self.rng.choice(self.users), datetime(day.year, day.month, day.day, minute // 60, minute % 60))
        self._timed("actions", started)

    def _key(self) -> str:
        return f"sim-{next(self.keys)}"

    def _act(self, user: int, now: datetime) -> None:
        holder = self.reference.holders[user]
        roll = self.rng.random()
        if roll < 0.30 and holder.cash >= 10_000:
            self._subscribe(user, "mmf", self.rng.randint(10_000, min(holder.cash, 5_000_000)), now)
        elif roll < 0.45 and holder.units >= 100:
            self._redeem(user, self.rng.randint(100, holder.units), now)
        elif roll < 0.60 and holder.units >= 100:
            self._fast(user, now)
        elif roll < 0.72 and holder.units >= 100:
            self._pay_from_fund(user, now)
        elif roll < 0.82 and holder.cash >= 100_000:
            self._subscribe(user, "p2p", self.rng.randint(100_000, min(holder.cash, 1_000_000)), now)
        elif roll < 0.90:
            self._cancel(user, now)
        else:
            fen = self.rng.randint(1_000, 50_000) * 100
            with self.db.write() as session:
                cash.deposit(
                    session=session,
                    clock=self.clock,
                    settings=self.settings,
                    user_id=user,
                    amount=Decimal(fen).scaleb(-2),
                    idempotency_key=self._key(),
                )
            self.reference.deposit(user, fen)

    def _subscribe(self, user: int, product: str, fen: int, now: datetime) -> None:
        with self.db.write() as session:
            order_id = orders.subscribe(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user,
                product_id=self.mmf if product == "mmf" else self.p2p,
                amount=Decimal(fen).scaleb(-2),
                idempotency=self._key(),
            ).order_id
        self._placed(Order(order_id, user, product, "SUBSCRIBE", fen, now, None, None))

    def _redeem(self, user: int, units: int, now: datetime) -> None:
        with self.db.write() as session:
            order_id = orders.redeem(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user,
                product_id=self.mmf,
                units=Decimal(units).scaleb(-2),
                idempotency=self._key(),
            ).order_id
        self._placed(Order(order_id, user, "mmf", "REDEEM", units, now, None, None))

    def _placed(self, order: Order) -> None:
        self.reference.place(order)
        self.summary.orders += 1
        with self.db.read() as session:
            row = session.execute(
                select(FundOrder.trade_day, FundOrder.confirm_day, FundOrder.status).where(FundOrder.id == order.id)
            ).one()
        assert (row.trade_day, row.confirm_day, row.status) == (order.trade_day, order.confirm_day, "PENDING"), (
            f"order {order.id} placed {order.placed}: {row} != {order.trade_day}, {order.confirm_day}"
        )

    def _fast(self, user: int, now: datetime) -> None:
        holder = self.reference.holders[user]
        left = self.reference.fast_left(user, now.date())
        if left <= 0 or self.rng.random() < 0.1:  # now and then, more than is left today
            wanted = min(holder.units, left + self.rng.randint(1, 100_000))
            if wanted > left:
                self._refused(
                    lambda session: orders.redeem(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=user,
                        product_id=self.mmf,
                        units=Decimal(wanted).scaleb(-2),
                        fast=True,
                        idempotency=self._key(),
                    ),
                    "FAST_REDEMPTION_LIMIT",
                )
                return
        fen = self.rng.randint(1, min(holder.units, left))
        with self.db.write() as session:
            order_id = orders.redeem(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user,
                product_id=self.mmf,
                units=Decimal(fen).scaleb(-2),
                fast=True,
                idempotency=self._key(),
            ).order_id
        self.reference.orders[order_id] = Order(
            order_id, user, "mmf", "REDEEM", fen, now, None, None, fast=True, status="CONFIRMED"
        )
        self.reference.fast_out(user, fen, now, payment=False)
        self.summary.orders += 1

    def _pay_from_fund(self, user: int, now: datetime) -> None:
        payee = self.rng.choice([other for other in self.users if other != user])
        fen = self.rng.randint(1, min(self.reference.holders[user].units, 2_000_000))
        with self.db.write() as session:
            fund_payments.pay(
                session=session,
                clock=self.clock,
                settings=self.settings,
                payer_id=user,
                payee=str(payee),
                amount=Decimal(fen).scaleb(-2),
                idempotency_key=self._key(),
                source="MONEY_FUND",
            )
        self.reference.fast_out(user, fen, now, payment=True)
        self.reference.pay(user, payee, fen)
        self.summary.payments += 1

    def _cancel(self, user: int, now: datetime) -> None:
        """Cancel a pending order of the user's (or, if none, of anybody's) before its cut-off."""
        pending = [o for o in self.reference.pending.values() if self.reference.cancellable(o, now)]
        if not pending:
            return
        order = self.rng.choice([o for o in pending if o.user == user] or pending)
        with self.db.write() as session:
            orders.cancel_order(session=session, clock=self.clock, user_id=order.user, order_id=order.id)
        self.reference.cancel(order)
        self.summary.cancellations += 1

    def _refused(self, call, code: str) -> None:
        try:
            with self.db.write() as session:
                call(session)
        except DomainError as error:
            assert error.code == code, error
            self.summary.refusals += 1
            return
        raise AssertionError(f"expected {code}")

    # --- checks ---------------------------------------------------------------------------
    def _evening(self, day: date, index: int) -> None:
        started = time.perf_counter()
        self.clock.set(at(day, 23, 59))
        self._check_balances(day)
        if index % self.plan.verify_every == 0 or index == self.plan.days - 1:
            with self.db.read() as session:
                problems = verify(session)
            assert problems == [], (day, problems)
        if index % self.plan.figures_every == 0:
            self._check_figures(day)
        if index % self.plan.plan_every == 0:
            self._check_plan(day)
        self._timed("checks", started)

    def _balances(self) -> dict:
        with self.db.read() as session:
            rows = session.execute(
                select(ACCOUNTS.c.user_id, ACCOUNTS.c.purpose, ACCOUNTS.c.asset, ACCOUNTS.c.balance).where(
                    ACCOUNTS.c.user_id.is_not(None)
                )
            ).all()
        return {(row.user_id, row.purpose, row.asset): row.balance for row in rows}

    def _check_balances(self, day: date) -> None:
        balances = self._balances()
        mmf, p2p = fund_asset(self.mmf), fund_asset(self.p2p)
        below = {key: value for key, value in balances.items() if key[1] == Purpose.FUND_UNITS and value < 0}
        assert not below, f"{day}: holdings below zero {below}"
        for user in self.users:
            holder = self.reference.holders[user]
            shown = (
                balances.get((user, str(Purpose.CASH), CNY), 0),
                balances.get((user, str(Purpose.FUND_UNITS), mmf), 0),
                balances.get((user, str(Purpose.FUND_UNITS), p2p), 0),
            )
            assert shown == (holder.cash, holder.units, holder.p2p_units), (
                f"{day}: user {user} has (cash, units, P2P units) {shown}, the reference "
                f"{(holder.cash, holder.units, holder.p2p_units)}"
            )

    def _check_confirmed(self, confirmed: list[Order]) -> None:
        if not confirmed:
            return
        ids = [order.id for order in confirmed]
        with self.db.read() as session:
            status = dict(session.execute(select(FundOrder.id, FundOrder.status).where(FundOrder.id.in_(ids))).all())
            acquired = dict(
                session.execute(select(FundLot.order_id, FundLot.acquired_on).where(FundLot.order_id.in_(ids))).all()
            )
        for order in confirmed:
            assert status[order.id] == OrderStatus.CONFIRMED, (order, status[order.id])
            if order.side == "SUBSCRIBE":  # held from the date of record, whenever the job ran
                assert acquired[order.id] == order.confirm_day, (order, acquired[order.id])

    def _unit_accounts(self) -> dict[int, int]:
        with self.db.read() as session:
            rows = session.execute(
                select(ACCOUNTS.c.user_id, ACCOUNTS.c.id).where(
                    ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
                    ACCOUNTS.c.asset == fund_asset(self.mmf),
                    ACCOUNTS.c.user_id.is_not(None),
                )
            ).all()
        return dict(rows)

    def _check_distribution(self, day: date) -> None:
        if any(user not in self.accounts for user, units in self.reference.earning.items() if units) or any(
            user not in self.accounts for moves in self.reference.earning_moves.values() for user in moves
        ):
            self.accounts = self._unit_accounts()
        expected, total = self.reference.distribute(day, self.accounts)
        with self.db.read() as session:
            row = session.execute(
                select(MoneyFundIncome.total, MoneyFundIncome.entry_id).where(
                    MoneyFundIncome.product_id == self.mmf,
                    MoneyFundIncome.day == day,
                    MoneyFundIncome.superseded_at.is_(None),
                )
            ).one_or_none()
            if row is None:  # before the fund had holders the job has nothing to do
                assert (expected, total) == ({}, 0), (day, expected)
                return
            shares = (
                {}
                if row.entry_id is None
                else dict(
                    session.execute(
                        select(ACCOUNTS.c.user_id, POSTINGS.c.amount)
                        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
                        .where(POSTINGS.c.entry_id == row.entry_id, ACCOUNTS.c.user_id.is_not(None))
                    ).all()
                )
            )
        assert row.total == total, f"{day}: the fund distributed {row.total} fen, the reference {total}"
        wrong = {user: (shares.get(user, 0), fen) for user, fen in expected.items() if shares.get(user, 0) != fen}
        wrong.update({user: (fen, 0) for user, fen in shares.items() if user not in expected and fen})
        assert not wrong, f"{day}: (paid, reference) income by user {wrong}"
        self.summary.distributions += 1
        self.summary.holder_days += len(expected)

    def _check_figures(self, day: date) -> None:
        """Each product page shows its column of the advisor's scenarios."""
        with self.db.read() as session:
            model = self.cache.model(session=session, clock=self.clock)
            stored = {row.product_id: row for row in session.scalars(select(ProductFigures))}
        for j, product in enumerate(model.data.scenarios.products):
            stats = scenario_statistics(model.data.returns[:, j])
            page = stored[product.product_id]
            for name in (
                "expected_annual_return",
                "typical_low",
                "typical_high",
                "bad_year_loss",
                "probability_of_loss",
                "one_in_100_loss",
            ):
                shown, modelled = getattr(page, name), getattr(stats, name)
                assert abs(float(shown) - modelled) <= 1e-6, (day, product.code, name, shown, modelled)
        self.summary.figure_checks += 1

    def _check_plan(self, day: date) -> None:
        """A C1 customer's plan holds the money fund only, with the money fund page's figures."""
        self.clock.set(at(day, 23, 59))
        with self.db.read() as session:
            advice = recommendations.compute(
                session=session,
                clock=self.clock,
                settings=self.settings,
                cache=self.cache,
                user_id=self.planner,
                locale="en",
                request=AdviceRequest(amount=Decimal("10000"), liquidity_need=Decimal(0)),
            )
            page = session.get(ProductFigures, self.mmf)
        assert [a.product.product_id for a in advice.allocations] == [self.mmf], advice.allocations
        plan = advice.figures
        for name in ("expected_annual_return", "typical_low", "typical_high", "bad_year_loss", "probability_of_loss"):
            assert abs(getattr(plan, name) - getattr(page, name)) <= Decimal("0.000001"), (day, name, plan, page)
        self.summary.plans += 1


def count_rows(db: Database, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))
