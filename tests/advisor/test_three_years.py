"""The proof of automatic investing (issue 17): three years, 2026-11-26 to 2029-11-26, on the
manual clock with the 2027-2029 closures imported, seeded NAV and money-fund income paths that
the product managers record day by day, and the platform's own daily jobs run each day in
order (confirmation, money-fund income, then the nightly automation: distributions due,
scheduled plans, automatic rebalancing, notifications). On SQLite and PostgreSQL.

One customer saves into two goals with monthly plans (定投) and has authorised automatic
rebalancing of both; she also holds a dividend fund directly and reinvests its quarterly
distributions. A second customer holds the same fund for cash and switches (转换) half of it
into a sister fund. A market fall drifts the goals beyond the band; one instalment finds the
wallet short; late in the third year a product of a goal's plan is withdrawn.

Checked: ``ledger.verify`` at the end of every day; every instalment ran exactly once on
the run day of an independently computed schedule; no rebalance sold units still locked; each
distribution paid what the record date's units give (truncated to the fen); and each
customer's time-weighted and money-weighted returns since the start equal an independent
computation from the values and flows this test recorded at the end of every day (rates to
1e-8, money to the fen).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

import pytest
from sqlalchemy import select

from advisor import auto_rebalance, investment_plans
from advisor.automation import create_goal
from advisor.goals import GoalKind
from advisor.model_cache import ModelCache
from advisor.models import AutomaticRebalance, Goal, GoalOrder, InvestmentPlanRun
from advisor.performance import Period, performance
from advisor.schedules import Frequency
from core.risk import RiskCategory
from investing import dividends, jobs, orders, switching
from investing.kinds import DailyJob
from investing.models import DistributionPayment, FundLot, FundOrder, FundOrderLot
from ledger.accounts import user_balance
from ledger.kinds import CNY, Purpose, fund_asset
from ledger.verify import verify
from notifications import service as notifications_service
from notifications.models import Notification
from products import history
from products.kinds import LiquidityKind, ProductKind, ProductStatus
from tests.calendars import import_through_2029, with_2029
from tests.conftest import SHANGHAI
from tests.investing.conftest import assess, at
from tests.products.conftest import income_points
from wallet import cash

D = Decimal
FEN = D("0.01")
START, END = date(2026, 11, 26), date(2029, 11, 26)
FALL = date(2028, 3, 13)  # ten trading days from here: equity funds lose about a third
SWITCH_DAY = date(2028, 7, 3)
WITHDRAWN_ON = date(2029, 9, 28)  # VALUE goes off sale
MISSED = date(2027, 9, 20)  # the home goal's instalment of this date finds the wallet short
REASSESS = (date(2027, 10, 11), date(2028, 9, 11), date(2029, 8, 13))  # assessments last 12 months
SALARY = D("8000.00")
PLAN_GENERAL, PLAN_HOME = (5, D("5000.00")), (20, D("3000.00"))
PER_UNIT = D("0.0200")  # the dividend fund's quarterly distribution
REGISTRAR = "China Securities Depository"

# Seeded daily returns of each equity fund: (mean, volatility); the fall hits all but the bond fund.
PATHS = {
    "GROWTH": (0.0005, 0.012),
    "VALUE": (0.0006, 0.010),
    "BOND": (0.0003, 0.002),
    "DIV": (0.0003, 0.008),
    "DIV2": (0.0003, 0.010),
}


def calendar_days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


@dataclass
class Day:
    """What this test saw of one customer's holdings at the end of a day (fen)."""

    value: int
    inflow: int
    outflow: int


@dataclass
class Record:
    days: dict[date, Day] = field(default_factory=dict)
    units: dict[date, dict[int, int]] = field(default_factory=dict)  # end of day, hundredths


class ThreeYears:
    def __init__(self, db, clock, settings, catalogue, staff, investor) -> None:
        self.db, self.clock, self.settings = db, clock, settings
        self.catalogue, self.staff, self.investor = catalogue, staff, investor
        self.rng = random.Random(20261126)
        self.closed = set(with_2029().closures)
        self.navs: dict[int, dict[date, Decimal]] = {}  # product -> trading day -> NAV (this test's path)
        self.records: dict[int, Record] = {}
        self.distributions: list[dict] = []  # record, ex, pay dates and the id
        self.entitled: dict[tuple[int, int], int] = {}  # (distribution index, user) -> fen
        self.seconds = defaultdict(float)
        self.verified = 0

    # --- the calendar this test believes in -------------------------------------------------
    def is_open(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closed

    def on_or_after(self, day: date) -> date:
        while not self.is_open(day):
            day += timedelta(days=1)
        return day

    def next_open(self, day: date) -> date:
        return self.on_or_after(day + timedelta(days=1))

    # --- setting up ---------------------------------------------------------------------------
    def set_up(self) -> None:
        self.clock.set(at(START, 7, 0))
        import_through_2029(self.db, self.clock)
        history_end = START - timedelta(days=1)
        history_days = [d for d in calendar_days(history_end - timedelta(days=420), history_end) if self.is_open(d)]
        self.ids: dict[str, int] = {}
        self.walk: dict[str, random.Random] = {}
        for n, (code, (mean, vol)) in enumerate(PATHS.items()):
            rng = random.Random(1000 + n)
            nav, points = 1.0, []
            for day in history_days:
                nav *= 1 + rng.gauss(mean, vol)
                points.append((day, D(f"{nav:.4f}")))
            terms = dict(registrar=REGISTRAR, switchable=True)
            if code == "BOND":  # a minimum-holding-period bond fund: each lot is locked 90 days
                terms.update(risk_level="R2", liquidity=LiquidityKind.LOCKED, lock_days=90)
            elif code in ("DIV", "DIV2"):  # above the goals' category: held directly only
                terms.update(risk_level="R4")
            self.ids[code] = self.catalogue.on_sale(
                ProductKind.EQUITY_FUND, f"P-{code}", history_points=points, **terms
            )
            self.navs[self.ids[code]] = dict(points)
            self.walk[code] = rng
        self.ids["MMF"] = self.catalogue.on_sale(
            ProductKind.MONEY_FUND, "P-MMF", history_points=income_points(30, end=history_end)
        )
        self.mmf = self.ids["MMF"]
        self.income_recorded = history_end
        self.saver = self.investor("C4", deposit="20000")
        self.holder = self.investor("C4", deposit="60000")
        cache = ModelCache()
        self.goals = {}
        for name, kind, target, by, monthly in (
            ("General", GoalKind.GENERAL, "400000", date(2037, 1, 1), PLAN_GENERAL[1]),
            ("Home", GoalKind.HOME, "250000", date(2035, 6, 1), PLAN_HOME[1]),
        ):
            self.goals[name] = create_goal(
                database=self.db,
                clock=self.clock,
                settings=self.settings,
                cache=cache,
                user_id=self.saver.id,
                locale="en",
                name=name,
                kind=kind,
                target_amount=D(target),
                target_date=by,
                initial_amount=D(0),
                monthly_contribution=monthly,
                risk_category=RiskCategory.C3,
            )
        with self.db.write() as session:
            self.plans = {}
            for name, (day_of_month, amount) in (("General", PLAN_GENERAL), ("Home", PLAN_HOME)):
                self.plans[name] = investment_plans.create(
                    session=session,
                    clock=self.clock,
                    settings=self.settings,
                    user_id=self.saver.id,
                    goal_id=self.goals[name],
                    product_id=None,
                    amount=amount,
                    frequency=Frequency.MONTHLY,
                    day_of_week=None,
                    day_of_month=day_of_month,
                    source=investment_plans.PlanSource.WALLET,
                    payment_password_text=None,
                ).id
                auto_rebalance.set_automatic(
                    session=session,
                    clock=self.clock,
                    user_id=self.saver.id,
                    goal_id=self.goals[name],
                    enabled=True,
                    terms_version=auto_rebalance.TERMS_VERSION,
                )
            dividends.set_dividend_choice(
                session=session,
                clock=self.clock,
                user_id=self.saver.id,
                product_id=self.ids["DIV"],
                choice=dividends.DividendChoiceKind.REINVEST,
            )
        with self.db.read() as session:
            self.weights = {
                name: {w.product_id: w.weight for w in session.get(Goal, goal_id).weights}
                for name, goal_id in self.goals.items()
            }
        # The scenario needs: equity in both goals (the fall drifts them), the locked bond fund and
        # VALUE (withdrawn later) in a goal's plan, and the dividend funds in none.
        every = set(self.weights["General"]) | set(self.weights["Home"])
        assert self.ids["GROWTH"] in every and self.ids["BOND"] in every and self.ids["VALUE"] in every, self.weights
        assert not {self.ids["DIV"], self.ids["DIV2"]} & every, self.weights
        self.records = {self.saver.id: Record(), self.holder.id: Record()}
        self._plan_distributions()

    def _plan_distributions(self) -> None:
        """Quarterly: the record date is the first trading day from the 15th of Mar/Jun/Sep/Dec,
        the ex-date the next trading day, paid two trading days after that."""
        year, month = 2026, 12
        while date(year, month, 15) < END - timedelta(days=20):
            record = self.on_or_after(date(year, month, 15))
            ex = self.next_open(record)
            self.distributions.append(
                {
                    "record": record,
                    "ex": ex,
                    "pay": self.next_open(self.next_open(ex)),
                    "announce": record - timedelta(7),
                }
            )
            year, month = (year + 1, 3) if month == 12 else (year, month + 3)

    # --- one day --------------------------------------------------------------------------------
    def run(self) -> None:
        self.set_up()
        for day in calendar_days(START, END):
            started = time.perf_counter()
            self._morning(day)
            self.seconds["jobs"] += time.perf_counter() - started
            started = time.perf_counter()
            self._customers(day)
            self.seconds["customers"] += time.perf_counter() - started
            started = time.perf_counter()
            self.clock.set(at(day, 9, 30))
            report = notifications_service.run_automation(
                database=self.db, clock=self.clock, settings=self.settings, day=day
            )
            assert report.rebalancing.failed == 0, (day, report)
            self.seconds["automation"] += time.perf_counter() - started
            started = time.perf_counter()
            if self.is_open(day):
                self.clock.set(at(day, 16, 0))
                self._record_navs(day)
            self.seconds["navs"] += time.perf_counter() - started
            started = time.perf_counter()
            self.clock.set(at(day, 23, 59))
            for user in (self.saver, self.holder):
                self._observe(user.id, day)
            self.seconds["observe"] += time.perf_counter() - started
            started = time.perf_counter()
            with self.db.read() as session:  # every day (about 60 ms a day at the end of the three years)
                problems = verify(session)
            assert problems == [], (day, problems)
            self.verified += 1
            self.seconds["verify"] += time.perf_counter() - started

    def _morning(self, day: date) -> None:
        self.clock.set(at(day, 8, 0))
        while self.income_recorded < day - timedelta(days=1):  # yesterday's income, as the manager records it
            self.income_recorded += timedelta(days=1)
            rate = D(self.rng.randint(3000, 7000)).scaleb(-4)
            self.catalogue.record_income(self.mmf, self.income_recorded, str(rate))
        if self.is_open(day):
            self.clock.set(at(day, 8, 15))
            report = jobs.run_daily_job(database=self.db, clock=self.clock, job=DailyJob.CONFIRM_ORDERS, day=day)
            assert all(run.result not in (jobs.Result.REFUSED, jobs.Result.WAITING) for run in report.runs), report
        self.clock.set(at(day, 8, 30))
        report = jobs.run_daily_job(
            database=self.db, clock=self.clock, job=DailyJob.ACCRUE_INCOME, day=day - timedelta(days=1)
        )
        assert all(run.result not in (jobs.Result.REFUSED, jobs.Result.WAITING) for run in report.runs), report

    def _record_navs(self, day: date) -> None:
        """The day's NAVs of the seeded paths (the fall; the distribution on the ex-date), recorded
        by the product manager after the close, the day's funds in one go."""
        recorded = {}
        for code, (mean, vol) in PATHS.items():
            product_id = self.ids[code]
            previous = self.navs[product_id][max(d for d in self.navs[product_id] if d < day)]
            move = self.walk[code].gauss(mean, vol)
            if code != "BOND" and day >= FALL and len([d for d in self.navs[product_id] if d >= FALL]) < 10:
                move = -0.04
            nav = D(float(previous) * (1 + move)).quantize(D("0.0001"), ROUND_HALF_EVEN)
            if code == "DIV" and any(d["ex"] == day for d in self.distributions):
                nav -= PER_UNIT
            recorded[product_id] = max(nav, D("0.1000"))
        with self.db.write() as session:
            for product_id, nav in recorded.items():
                history.record_nav(
                    session=session, clock=self.clock, actor=self.catalogue.pm1, product_id=product_id, day=day, nav=nav
                )
        for product_id, nav in recorded.items():
            self.navs[product_id][day] = nav

    # --- what the customers (and the product managers) do ----------------------------------------
    def _customers(self, day: date) -> None:
        self.clock.set(at(day, 9, 0))
        saver, holder = self.saver, self.holder
        if day == START:
            self._subscribe(saver, "DIV", "10000.00", "saver-div")
            self._subscribe(holder, "DIV", "30000.00", "holder-div")
            self._subscribe(holder, "MMF", "10000.00", "holder-mmf")
        if day.day == 1:  # the saver's monthly salary
            self._deposit(saver, SALARY, f"salary-{day}")
        if day == MISSED:  # she spent it: the home goal's instalment of today finds the wallet short
            with self.db.read() as session:
                held = D(user_balance(session, user_id=saver.id, purpose=Purpose.CASH, asset=CNY)).scaleb(-2)
            if held > D("1000.00"):
                with self.db.write() as session:
                    cash.withdraw(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=saver.id,
                        amount=held - D("1000.00"),
                        idempotency_key="spent",
                    )
        if day in REASSESS:
            assess(self.db, self.clock, saver.id, "C4")
            assess(self.db, self.clock, holder.id, "C4")
        for row in self.distributions:
            if day == row["announce"]:
                with self.db.write() as session:
                    made = dividends.request_distribution(
                        session=session,
                        clock=self.clock,
                        actor_id=self.staff["pm1"].id,
                        product_id=self.ids["DIV"],
                        record_date=row["record"],
                        ex_date=row["ex"],
                        pay_date=row["pay"],
                        amount_per_unit=PER_UNIT,
                    )
                    dividends.decide_distribution(
                        session=session,
                        clock=self.clock,
                        actor_id=self.staff["pm2"].id,
                        distribution_id=made.id,
                        approve=True,
                    )
                    row["id"] = made.id
        if day == SWITCH_DAY:
            with self.db.read() as session:
                held = user_balance(
                    session, user_id=holder.id, purpose=Purpose.FUND_UNITS, asset=fund_asset(self.ids["DIV"])
                )
            with self.db.write() as session:
                self.switch_order = switching.switch_fund(
                    session=session,
                    clock=self.clock,
                    settings=self.settings,
                    user_id=holder.id,
                    from_product_id=self.ids["DIV"],
                    to_product_id=self.ids["DIV2"],
                    units=D(held // 2).scaleb(-2),
                    idempotency="switch",
                ).order_id
        if day == WITHDRAWN_ON:
            self.catalogue.set_status(self.ids["VALUE"], ProductStatus.SUSPENDED)

    def _deposit(self, user, amount: Decimal, key: str) -> None:
        with self.db.write() as session:
            cash.deposit(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user.id,
                amount=amount,
                idempotency_key=key,
            )

    def _subscribe(self, user, code: str, amount: str, key: str) -> None:
        with self.db.write() as session:
            orders.subscribe(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=user.id,
                product_id=self.ids[code],
                amount=D(amount),
                idempotency=key,
            )

    # --- what this test sees at the end of each day ------------------------------------------
    def price(self, product_id: int, day: date) -> Decimal:
        if product_id == self.mmf:
            return D(1)
        navs = self.navs[product_id]
        return navs[max(d for d in navs if d <= day)]

    def _observe(self, user_id: int, day: date) -> None:
        """The customer's holdings at the end of ``day``: units in the ledger and in redemptions
        waiting for their price at this test's NAV of the day, subscriptions waiting for theirs,
        distributions between the ex-date and the pay date; and the day's flows: subscriptions
        placed, redemption proceeds confirmed (fast ones when placed), dividends paid in cash.
        A switch is no flow (the money stays in the portfolio)."""
        with self.db.read() as session:
            units = {
                pid: user_balance(session, user_id=user_id, purpose=Purpose.FUND_UNITS, asset=fund_asset(pid))
                for pid in self.ids.values()
            }
            rows = session.scalars(select(FundOrder).where(FundOrder.user_id == user_id)).all()
            paid = {
                p.distribution_id: p
                for p in session.scalars(select(DistributionPayment).where(DistributionPayment.user_id == user_id))
            }
        record = self.records[user_id]
        record.units[day] = units

        def local(moment) -> date | None:
            return None if moment is None else moment.astimezone(SHANGHAI).date()

        redeeming: dict[int, int] = defaultdict(int)
        value = inflow = outflow = 0
        for order in rows:
            assert order.status != "FAILED" and order.cancelled_at is None, order
            if order.side == "SUBSCRIBE":
                if order.status == "PENDING":
                    value += order.amount
                if local(order.placed_at) == day and order.switch_of is None:
                    inflow += order.amount
                continue
            if order.status == "PENDING":
                redeeming[order.product_id] += order.units
            if order.switch_to_product_id is not None:
                continue
            if local(order.placed_at if order.fast else order.confirmed_at) == day:
                outflow += order.cash
        for pid, held in list(units.items()) + [((pid, "redeeming"), held) for pid, held in redeeming.items()]:
            product_id = pid if isinstance(pid, int) else pid[0]
            if held:
                value += int(
                    (D(held).scaleb(-2) * self.price(product_id, day)).quantize(FEN, ROUND_HALF_EVEN).scaleb(2)
                )
        for index, row in enumerate(self.distributions):
            if "id" not in row:
                continue
            if day == row["record"]:  # what the units held tonight will be paid (truncated to the fen)
                amount = (D(units[self.ids["DIV"]]).scaleb(-2) * PER_UNIT).quantize(FEN, ROUND_DOWN)
                self.entitled[(index, user_id)] = int(amount.scaleb(2))
            entitled = self.entitled.get((index, user_id), 0)
            if row["ex"] <= day < row["pay"]:
                value += entitled
            if day == row["pay"] and entitled:
                payment = paid[row["id"]]
                assert payment.amount == entitled, (row, payment.amount, entitled)
                if user_id == self.saver.id:  # reinvested at the ex-date NAV; the fen it cannot buy in cash
                    nav = self.navs[self.ids["DIV"]][row["ex"]]
                    bought = (D(entitled).scaleb(-2) / nav).quantize(FEN, ROUND_DOWN)
                    assert payment.units == int(bought.scaleb(2)), (row, payment.units, bought)
                    outflow += entitled - int((bought * nav).quantize(FEN, ROUND_HALF_EVEN).scaleb(2))
                else:
                    assert payment.units == 0 and payment.cash == entitled
                    outflow += entitled
        record.days[day] = Day(value, inflow, outflow)


# --- independent returns ------------------------------------------------------------------------


def independent_twr(days: list[Day]) -> Decimal:
    """Daily linking, money in at the start of its day, money out at its end; annualised over a
    period of a year or more."""
    growth, previous = D(1), 0
    for d in days:
        base = previous + d.inflow
        if base > 0:
            growth *= D(d.value + d.outflow) / D(base)
        previous = d.value
    n = len(days)
    return D(repr((float(growth)) ** (365 / n) - 1)) if n >= 365 else growth - 1


def independent_xirr(flows: list[tuple[date, int]]) -> float:
    """The annual rate where the flows' present value is zero, by bisection."""
    first = min(d for d, _ in flows)

    def npv(x: float) -> float:
        return sum(c / (1 + x) ** ((d - first).days / 365) for d, c in flows)

    low, high = -0.9999, 10.0
    assert npv(low) * npv(high) < 0
    for _ in range(200):
        mid = (low + high) / 2
        if npv(low) * npv(mid) <= 0:
            high = mid
        else:
            low = mid
    return (low + high) / 2


@pytest.mark.slow
@pytest.mark.timeout(2400)  # about 10 minutes per database on a 2-core machine: 1,097 days of jobs
def test_three_years_of_automatic_investing(db, clock, settings, catalogue, staff, investor):
    began = time.perf_counter()
    sim = ThreeYears(db, clock, settings, catalogue, staff, investor)
    sim.run()
    saver, holder = sim.saver, sim.holder
    ids = sim.ids

    # Every day the ledger verified.
    assert sim.verified == (END - START).days + 1 == 1097

    # Every instalment ran exactly once, on the run day of an independent schedule.
    with db.read() as session:
        runs = session.scalars(select(InvestmentPlanRun).order_by(InvestmentPlanRun.id)).all()
        goal_orders = {o.order_id: o.goal_id for o in session.scalars(select(GoalOrder))}
        all_orders = {o.id: o for o in session.scalars(select(FundOrder))}
        rebalances = session.scalars(select(AutomaticRebalance).order_by(AutomaticRebalance.id)).all()
        sold_lots = session.execute(
            select(FundOrderLot.order_id, FundLot.locked_until, FundLot.product_id).join(
                FundLot, FundLot.id == FundOrderLot.lot_id
            )
        ).all()
        goals = {g.id: g for g in session.scalars(select(Goal))}
        lots = session.scalars(select(FundLot).where(FundLot.user_id == saver.id)).all()
        told = session.execute(
            select(Notification.kind, Notification.due_on).where(Notification.user_id == saver.id)
        ).all()
    withdrawn_goals = {gid for gid, g in goals.items() if ids["VALUE"] in sim.weights[g.name]}
    for name, (day_of_month, amount) in (("General", PLAN_GENERAL), ("Home", PLAN_HOME)):
        expected = []
        month = date(START.year, START.month, 1)
        while True:
            scheduled = month.replace(day=day_of_month)
            if scheduled >= START and sim.on_or_after(scheduled) <= END:
                expected.append((scheduled, sim.on_or_after(scheduled)))
            elif scheduled > END:
                break
            month = (month + timedelta(days=32)).replace(day=1)
        mine = [r for r in runs if r.plan_id == sim.plans[name]]
        assert [(r.scheduled_on, r.run_on) for r in mine] == expected, name
        goal_id = sim.goals[name]
        for run in mine:
            if name == "Home" and run.scheduled_on == MISSED:
                assert (run.status, run.reason_code, run.order_ids) == ("SKIPPED", "INSUFFICIENT_FUNDS", [])
            elif goal_id in withdrawn_goals and run.run_on > WITHDRAWN_ON:
                assert (run.status, run.reason_code, run.order_ids) == ("SKIPPED", "GOAL_NEEDS_REVIEW", []), run
            else:
                assert run.status == "INVESTED", run
                placed = [all_orders[i] for i in run.order_ids]
                assert sum(o.amount for o in placed) == int(amount.scaleb(2))
                assert all(goal_orders[o.id] == goal_id and o.trade_day == run.run_on for o in placed)
        plan_orders = {i for r in mine for i in r.order_ids}
        assert len(plan_orders) == sum(len(r.order_ids) for r in mine)  # no order counted twice
    assert ("INVESTMENT_PLAN_SKIPPED", MISSED) in told

    # Automatic rebalancing: the fall drifted the goals beyond the band and they rebalanced
    # without ever selling a locked unit; nothing automatic for a goal in review.
    after_fall = [r for r in rebalances if FALL <= r.day <= FALL + timedelta(days=30)]
    assert after_fall and all(r.drift > settings.rebalance_band for r in after_fall)
    assert all(r.status == "DONE" for r in rebalances), [(r.day, r.status, r.reason_en) for r in rebalances]
    sales = {i: r for r in rebalances for i in r.sale_order_ids}
    for order_id, locked_until, product_id in sold_lots:
        if order_id in sales:
            sale = all_orders[order_id]
            assert locked_until is None or locked_until <= sale.trade_day, (sale.id, product_id, locked_until)
    # ... and there were locked units to leave alone: the bond fund's lots of the last 90 days
    bond_lots = [(lot.acquired_on, lot.locked_until) for lot in lots if lot.product_id == ids["BOND"]]
    assert all(lot[1] is not None for lot in bond_lots)
    for r in after_fall:
        assert any(acquired <= r.day < until for acquired, until in bond_lots), r.day
    assert any(all_orders[i].product_id == ids["BOND"] for r in after_fall for i in r.sale_order_ids)
    for gid in withdrawn_goals:
        assert goals[gid].review_reason == "PRODUCT_WITHDRAWN:P-VALUE"
        assert not [r for r in rebalances if r.goal_id == gid and r.day >= WITHDRAWN_ON]
        assert not [
            o
            for o in all_orders.values()
            if goal_orders.get(o.id) == gid and o.placed_at.astimezone(SHANGHAI).date() >= WITHDRAWN_ON
        ]
    assert withdrawn_goals and any(kind == "GOAL_NEEDS_REVIEW" for kind, _ in told)

    # Dividends: every distribution paid both holders (checked day by day in ``_observe``).
    assert len(sim.distributions) == 12
    assert all((i, saver.id) in sim.entitled and (i, holder.id) in sim.entitled for i in range(12))
    switch = all_orders[sim.switch_order]
    assert switch.status == "CONFIRMED" and any(o.switch_of == switch.id for o in all_orders.values())

    # Performance since the start against this test's own records.
    clock.set(at(END, 23, 59))
    for user in (saver, holder):
        record = sim.records[user.id]
        first = min(o.placed_at for o in all_orders.values() if o.user_id == user.id).astimezone(SHANGHAI).date()
        days = [record.days[d] for d in calendar_days(first, END)]
        with db.read() as session:
            found = performance(session, clock=clock, user_id=user.id, period=Period.SINCE_START)
        money_in = sum(d.inflow for d in days)
        money_out = sum(d.outflow for d in days)
        closing = days[-1].value
        assert found.first_day == first and found.last_day == END and found.annualised
        assert found.opening_value == 0 and found.closing_value == D(closing).scaleb(-2)
        assert (found.money_in, found.money_out) == (D(money_in).scaleb(-2), D(money_out).scaleb(-2))
        assert found.profit == D(closing - money_in + money_out).scaleb(-2)
        twr = independent_twr(days)
        assert abs(found.time_weighted_return - twr) <= D("0.00000001"), (user.id, found.time_weighted_return, twr)
        flows = [(d, record.days[d].outflow - record.days[d].inflow) for d in calendar_days(first, END)]
        flows = [(d, c) for d, c in flows if c] + [(END, closing)]
        x = independent_xirr(flows)
        assert abs(float(found.money_weighted_return) - x) <= 1e-8, (user.id, found.money_weighted_return, x)
    print(
        f"\nthree years on {db.engine.dialect.name}: {time.perf_counter() - began:.0f} s "
        + ", ".join(f"{k} {v:.0f} s" for k, v in sim.seconds.items())
        + f"; {len(runs)} instalments, {len(rebalances)} rebalances, {len(all_orders)} orders"
    )
