"""Automatic investing through GraphQL and the nightly job, on SQLite and PostgreSQL: goals
and their plans, scheduled plans (定投) that buy each instalment exactly once however the job
is run, three misses pause a plan, every automatic order re-checks suitability, automatic
rebalancing only with a recorded authorisation, and the notifications of all of it."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from advisor.models import AutomaticRebalance, InvestmentPlan, InvestmentPlanRun, RebalanceAuthorisation
from core.clock import ManualClock
from investing.kinds import DailyJob
from investing.models import FundOrder
from notifications import service as notifications_service
from notifications.models import Notification
from products.audit import Actor
from products.kinds import ProductStatus
from tests.calendars import CLOSURES_2027, with_2027
from tests.ids import db_key, product_gid
from tests.investing.conftest import assess, at
from tradingcalendar import service as trading_calendar

GOAL_FIELDS = """id name kind status targetAmount { amount } riskCategory value { amount } progress
  probabilityOfReachingTarget onTrack suggestedMonthlyContribution { amount } summary
  projection(points: 6) { date p10 { amount } p50 { amount } p90 { amount } }
  weights { productId weight weightToday } holdings { productId units value { amount } }
  automaticRebalancing rebalanceAuthorisation { authorisedAt termsVersion } needsReview
  rebalances { day drift status reason saleOrderIds buyOrderIds } plan { id }"""
CREATE_GOAL = f"""mutation($i: CreateGoalInput!) {{ createGoal(input: $i) {{ goal {{ {GOAL_FIELDS} }}
  userErrors {{ code field message }} }} }}"""
PLAN_FIELDS = """id goalId productId amount { amount } frequency dayOfWeek dayOfMonth source status pausedReason
  missesInARow nextScheduledDate nextRunDate runs { scheduledOn runOn status reasonCode reason orderIds }"""
CREATE_PLAN = f"""mutation($i: CreateInvestmentPlanInput!) {{ createInvestmentPlan(input: $i) {{
  investmentPlan {{ {PLAN_FIELDS} }} userErrors {{ code field message }} }} }}"""
SET_AUTO = """mutation($i: SetAutomaticRebalancingInput!) { setAutomaticRebalancing(input: $i) {
  goal { id automaticRebalancing rebalanceAuthorisation { authorisedAt termsVersion } } userErrors { code field message } } }"""
CHANGE = """mutation($i: InvestmentPlanInput!) {{ {name}(input: $i) {{ investmentPlan {{ id status pausedReason }}
  userErrors {{ code field message }} }} }}"""
MY_PLANS = f"""{{ me {{ investmentPlans(first: 10) {{ totalCount nodes {{ {PLAN_FIELDS} }} }}
  goals {{ totalCount nodes {{ id name value {{ amount }} }} }} }} }}"""
NODE = """query($id: ID!) { node(id: $id) { id ... on Goal { name } ... on InvestmentPlan { status } } }"""


def run_night(db, clock, settings, day=None):
    return notifications_service.run_automation(database=db, clock=clock, settings=settings, day=day or clock.today())


def import_2027(db, clock):
    with db.write() as session:
        trading_calendar.import_closures(
            session=session,
            clock=clock,
            actor=Actor.system("tests"),
            rows=trading_calendar.parse_csv(CLOSURES_2027),
            source="closures-2027.csv",
        )


def test_a_goal_has_a_plan_a_projection_and_its_category_is_at_most_the_users(db, gql, clock, funds, investor):
    user = investor("C3", deposit="50000", locale="zh-CN")
    client = gql.as_user(user.email)
    too_risky = client.data(
        CREATE_GOAL,
        {
            "i": {
                "name": "退休",
                "kind": "RETIREMENT",
                "targetAmount": "300000",
                "targetDate": "2046-01-01",
                "riskCategory": "C5",
            }
        },
    )["createGoal"]
    assert [(e["code"], e["field"]) for e in too_risky["userErrors"]] == [("GOAL_CATEGORY_TOO_HIGH", "riskCategory")]
    bad = client.data(
        CREATE_GOAL, {"i": {"name": " ", "kind": "GENERAL", "targetAmount": "1000", "targetDate": "2020-01-01"}}
    )["createGoal"]
    assert bad["userErrors"][0]["code"] == "INVALID_GOAL"
    answer = client.data(
        CREATE_GOAL,
        {
            "i": {
                "name": "买房",
                "kind": "HOME",
                "targetAmount": "300000",
                "targetDate": "2031-11-01",
                "initialAmount": "20000",
                "monthlyContribution": "2000",
                "riskCategory": "C3",
            }
        },
    )["createGoal"]
    assert answer["userErrors"] == []
    goal = answer["goal"]
    assert goal["riskCategory"] == "C3" and goal["plan"] is not None
    assert sum(Decimal(w["weight"]) for w in goal["weights"]) == 1
    assert len(goal["projection"]) == 6 and goal["projection"][-1]["date"] == "2031-11-01"
    assert "概率" in goal["summary"]  # the customer reads Chinese
    assert client.data(NODE, {"id": goal["id"]})["node"] == {"id": goal["id"], "name": "买房"}
    stranger = gql.as_user(investor("C3").email)
    assert stranger.data(NODE, {"id": goal["id"]})["node"] is None

    emergency = client.data(
        CREATE_GOAL,
        {"i": {"name": "应急", "kind": "EMERGENCY_FUND", "targetAmount": "30000", "targetDate": "2027-12-01"}},
    )["createGoal"]["goal"]
    assert [w["productId"] for w in emergency["weights"]] == [product_gid(funds.mmf)]
    assert emergency["plan"] is None


def test_monthly_plans_across_a_year_run_each_instalment_once_on_its_trading_day(
    db, gql, clock, settings, funds, investor, desk
):
    """A simulated year of a monthly 定投 (the 8th: the Spring Festival and May Day move it) and a
    weekly one, the job run at random hours, sometimes twice, sometimes days late, against an
    independent reference of the run days; a second user runs out of money and is paused."""
    import_2027(db, clock)
    known = with_2027()
    closed = set(known.closures)
    user = investor("C3", deposit="40000")
    poor = investor("C3", deposit="2500")
    client, poor_client = gql.as_user(user.email), gql.as_user(poor.email)
    monthly = client.data(
        CREATE_PLAN,
        {"i": {"productId": product_gid(funds.mmf), "amount": "1000.00", "frequency": "MONTHLY", "dayOfMonth": 8}},
    )["createInvestmentPlan"]
    assert monthly["userErrors"] == []
    weekly = client.data(
        CREATE_PLAN,
        {"i": {"productId": product_gid(funds.mmf), "amount": "100.00", "frequency": "WEEKLY", "dayOfWeek": 5}},
    )["createInvestmentPlan"]["investmentPlan"]
    poor_plan = poor_client.data(
        CREATE_PLAN,
        {"i": {"productId": product_gid(funds.mmf), "amount": "1000.00", "frequency": "MONTHLY", "dayOfMonth": 1}},
    )["createInvestmentPlan"]["investmentPlan"]
    invalid = client.data(
        CREATE_PLAN,
        {"i": {"productId": product_gid(funds.mmf), "amount": "1.00", "frequency": "MONTHLY", "dayOfMonth": 31}},
    )["createInvestmentPlan"]["userErrors"]
    assert [(e["code"], e["field"]) for e in invalid] == [("INVALID_SCHEDULE", "dayOfMonth")]

    start = clock.today()  # 2026-11-26
    last = date(2027, 11, 26)
    rng = random.Random(17)
    day = start
    while day <= last:
        if rng.random() < 0.25:  # the job did not run that day: a later run catches up
            day += timedelta(days=1)
            continue
        clock.set(at(day, rng.choice([8, 9, 10, 14])))
        run_night(db, clock, settings)
        if rng.random() < 0.2:
            run_night(db, clock, settings)  # twice
        day += timedelta(days=1)
    clock.set(at(last, 14))
    run_night(db, clock, settings)

    def reference_run_day(d: date) -> date:
        while d.weekday() >= 5 or d in closed:
            d += timedelta(days=1)
        return d

    expected_monthly = []
    y, m = 2026, 12
    while date(y, m, 8) <= last:
        if reference_run_day(date(y, m, 8)) <= last:
            expected_monthly.append((date(y, m, 8), reference_run_day(date(y, m, 8))))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    fridays = [start + timedelta(days=1 + i * 7) for i in range(60)]  # 2026-11-27 is a Friday
    expected_weekly = [(f, reference_run_day(f)) for f in fridays if f <= last and reference_run_day(f) <= last]
    with db.read() as session:

        def runs(plan):
            return [
                (r.scheduled_on, r.run_on, r.status)
                for r in session.scalars(
                    select(InvestmentPlanRun)
                    .where(InvestmentPlanRun.plan_id == db_key(plan["id"]))
                    .order_by(InvestmentPlanRun.scheduled_on)
                )
            ]

        assert runs(monthly["investmentPlan"]) == [(s, r, "INVESTED") for s, r in expected_monthly]
        assert runs(weekly) == [(s, r, "INVESTED") for s, r in expected_weekly]
        assert (date(2027, 2, 8), date(2027, 2, 15), "INVESTED") in runs(monthly["investmentPlan"])
        orders = session.scalars(select(FundOrder).where(FundOrder.user_id == user.id)).all()
        assert len(orders) == len(expected_monthly) + len(expected_weekly)  # each instalment once
        poor_runs = runs(poor_plan)
    spent = 1000 * len(expected_monthly) + 100 * len(expected_weekly)
    assert desk.cash(user) == Decimal(40000 - spent)
    client, poor_client = gql.as_user(user.email), gql.as_user(poor.email)  # a year later: sign in again
    # the poor user: two instalments, then three misses in a row pause the plan
    assert [s for _, _, s in poor_runs] == ["INVESTED", "INVESTED", "SKIPPED", "SKIPPED", "SKIPPED"]
    plans = poor_client.data(MY_PLANS)["me"]["investmentPlans"]["nodes"]
    assert plans[0]["status"] == "PAUSED" and plans[0]["pausedReason"] == "MISSED_THREE_RUNS"
    assert plans[0]["runs"][0]["reasonCode"] == "INSUFFICIENT_FUNDS"
    with db.read() as session:
        kinds = [k for (k,) in session.execute(select(Notification.kind).where(Notification.user_id == poor.id)).all()]
    assert kinds.count("INVESTMENT_PLAN_SKIPPED") == 3 and kinds.count("INVESTMENT_PLAN_PAUSED") == 1
    assert kinds.count("INVESTMENT_PLAN_RUN") == 2
    assert desk.problems() == []
    mine = client.data(MY_PLANS)["me"]["investmentPlans"]
    assert mine["totalCount"] == 2 and mine["nodes"][0]["nextRunDate"] is not None


def test_plan_changes_and_an_expired_assessment_skips_like_a_manual_order(db, gql, clock, settings, funds, investor):
    user = investor("C3", deposit="20000")
    client = gql.as_user(user.email)
    today = clock.today()
    plan = client.data(
        CREATE_PLAN,
        {
            "i": {
                "productId": product_gid(funds.equity),
                "amount": "500.00",
                "frequency": "MONTHLY",
                "dayOfMonth": today.day,
            }
        },
    )["createInvestmentPlan"]["investmentPlan"]
    paused = client.data(CHANGE.format(name="pauseInvestmentPlan"), {"i": {"planId": plan["id"]}})[
        "pauseInvestmentPlan"
    ]
    assert paused["investmentPlan"]["status"] == "PAUSED" and paused["investmentPlan"]["pausedReason"] == "BY_USER"
    assert run_night(db, clock, settings).plans.plans == 0  # a paused plan does not run
    resumed = client.data(CHANGE.format(name="resumeInvestmentPlan"), {"i": {"planId": plan["id"]}})
    assert resumed["resumeInvestmentPlan"]["investmentPlan"]["status"] == "ACTIVE"
    assess(db, clock, user.id, "lowest")  # now accepts no loss: an R3 fund is refused, as by hand
    report = run_night(db, clock, settings)
    assert report.plans.skipped == 1 and report.plans.invested == 0
    runs = client.data(MY_PLANS)["me"]["investmentPlans"]["nodes"][0]["runs"]
    assert runs[0]["reasonCode"] == "SUITABILITY_FORBIDDEN" and runs[0]["orderIds"] == []
    cancelled = client.data(CHANGE.format(name="cancelInvestmentPlan"), {"i": {"planId": plan["id"]}})
    assert cancelled["cancelInvestmentPlan"]["investmentPlan"]["status"] == "CANCELLED"
    again = client.data(CHANGE.format(name="resumeInvestmentPlan"), {"i": {"planId": plan["id"]}})
    assert [e["code"] for e in again["resumeInvestmentPlan"]["userErrors"]] == ["PLAN_CANCELLED"]
    stranger = gql.as_user(investor("C3").email)
    refused = stranger.data(CHANGE.format(name="pauseInvestmentPlan"), {"i": {"planId": plan["id"]}})
    assert [(e["code"], e["field"]) for e in refused["pauseInvestmentPlan"]["userErrors"]] == [("NOT_FOUND", "planId")]


def test_a_goal_rebalances_automatically_only_once_authorised(
    db, gql, clock, settings, funds, catalogue, investor, desk
):
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    goal = client.data(
        CREATE_GOAL,
        {
            "i": {
                "name": "General",
                "kind": "GENERAL",
                "targetAmount": "200000",
                "targetDate": "2036-01-01",
                "initialAmount": "50000",
                "monthlyContribution": "1000",
            }
        },
    )["createGoal"]["goal"]
    assert goal["automaticRebalancing"] is False
    today = clock.today()
    plan = client.data(
        CREATE_PLAN,
        {"i": {"goalId": goal["id"], "amount": "50000.00", "frequency": "MONTHLY", "dayOfMonth": today.day}},
    )["createInvestmentPlan"]
    assert plan["userErrors"] == []
    report = run_night(db, clock, settings)
    assert report.plans.invested == 1
    with db.read() as session:
        placed = session.scalars(select(FundOrder).where(FundOrder.user_id == user.id)).all()
    assert sum(o.amount for o in placed) == 50000_00 and len(placed) == len(goal["weights"])
    confirm_day = with_2027().next_trading_day(today)
    desk.on(confirm_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, confirm_day)

    equity = [w["productId"] for w in goal["weights"] if db_key(w["productId"]) in (funds.equity, funds.risky)]
    assert equity, goal["weights"]
    catalogue.record_nav(db_key(equity[0]), confirm_day, "2.5000")  # the fund more than doubles: drift
    desk.on(confirm_day, 20)
    assert run_night(db, clock, settings).rebalancing.goals == 0  # not authorised: nothing happens
    client = gql.as_user(user.email)
    wrong = client.data(SET_AUTO, {"i": {"goalId": goal["id"], "enabled": True, "termsVersion": "2020-01"}})
    assert [e["code"] for e in wrong["setAutomaticRebalancing"]["userErrors"]] == ["TERMS_VERSION_OUTDATED"]
    on = client.data(SET_AUTO, {"i": {"goalId": goal["id"], "enabled": True, "termsVersion": "2026-12"}})
    authorised = on["setAutomaticRebalancing"]["goal"]
    assert authorised["automaticRebalancing"] is True
    assert authorised["rebalanceAuthorisation"]["termsVersion"] == "2026-12"
    assert authorised["rebalanceAuthorisation"]["authorisedAt"].startswith(str(confirm_day))
    report = run_night(db, clock, settings)
    assert report.rebalancing.goals == 1
    again = run_night(db, clock, settings)  # the same night again: nothing more
    with db.read() as session:
        rows = session.scalars(select(AutomaticRebalance)).all()
        assert len(rows) == 1
        row = rows[0]
        assert row.drift > Decimal("0.03") and row.sale_order_ids
        sales = session.scalars(select(FundOrder).where(FundOrder.id.in_(row.sale_order_ids))).all()
    assert again.rebalancing.rebalanced == 0
    assert all(o.side == "REDEEM" for o in sales)
    assert any(o.product_id == db_key(equity[0]) for o in sales)
    goal_now = client.data(
        NODE.replace("... on Goal { name }", "... on Goal { rebalances { status reason } }"), {"id": goal["id"]}
    )
    assert goal_now["node"]["rebalances"][0]["reason"].startswith("“General” had drifted")
    with db.read() as session:
        told = session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.kind == "AUTOMATIC_REBALANCE")
        )
    assert told == 1
    perf = client.data(
        NODE.replace(
            "... on Goal { name }",
            "... on Goal { performance(period: SINCE_START) { timeWeightedReturn moneyWeightedReturn profit { amount } "
            "fees { amount } moneyIn { amount } expectedPath { date value { amount } } } }",
        ),
        {"id": goal["id"]},
    )["node"]["performance"]
    assert perf["moneyIn"]["amount"] == "50000.00" and Decimal(perf["fees"]["amount"]) > 0
    assert perf["expectedPath"]
    whole = client.data(
        "{ me { portfolio { performance(period: YTD) { timeWeightedReturn profit { amount } } "
        "holdings { performance(period: ONE_MONTH) { timeWeightedReturn } } } } }"
    )["me"]["portfolio"]
    assert whole["performance"]["timeWeightedReturn"] is not None and whole["holdings"]
    off = client.data(SET_AUTO, {"i": {"goalId": goal["id"], "enabled": False}})
    assert off["setAutomaticRebalancing"]["goal"]["automaticRebalancing"] is False
    with db.read() as session:
        kept = session.scalars(select(RebalanceAuthorisation)).all()
    assert len(kept) == 1 and kept[0].revoked_at is not None  # kept for ever
    assert desk.problems() == []


def test_a_withdrawn_product_stops_automation_until_reviewed(db, gql, clock, settings, funds, catalogue, investor):
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    goal = client.data(
        CREATE_GOAL,
        {
            "i": {
                "name": "G",
                "kind": "GENERAL",
                "targetAmount": "200000",
                "targetDate": "2036-01-01",
                "initialAmount": "50000",
            }
        },
    )["createGoal"]["goal"]
    client.data(SET_AUTO, {"i": {"goalId": goal["id"], "enabled": True, "termsVersion": "2026-12"}})
    plan = client.data(
        CREATE_PLAN,
        {
            "i": {
                "goalId": goal["id"],
                "amount": "5000.00",
                "frequency": "WEEKLY",
                "dayOfWeek": clock.today().isoweekday(),
            }
        },
    )["createInvestmentPlan"]["investmentPlan"]
    catalogue.set_status(db_key(goal["weights"][0]["productId"]), ProductStatus.SUSPENDED)
    report = run_night(db, clock, settings)
    assert report.plans.skipped == 1  # the off-sale product is refused like a manual order
    assert report.rebalancing.rebalanced == 0
    node = client.data(NODE.replace("... on Goal { name }", "... on Goal { needsReview }"), {"id": goal["id"]})
    assert node["node"]["needsReview"].startswith("PRODUCT_WITHDRAWN")
    runs = client.data(MY_PLANS)["me"]["investmentPlans"]["nodes"][0]["runs"]
    assert runs[0]["status"] == "SKIPPED" and plan["id"]
    with db.read() as session:
        kinds = [k for (k,) in session.execute(select(Notification.kind).where(Notification.user_id == user.id))]
    assert "GOAL_NEEDS_REVIEW" in kinds


def test_closing_a_goal_cancels_its_plans(db, gql, clock, settings, funds, investor):
    user = investor("C3", deposit="10000")
    client = gql.as_user(user.email)
    goal = client.data(
        CREATE_GOAL, {"i": {"name": "E", "kind": "EMERGENCY_FUND", "targetAmount": "30000", "targetDate": "2027-12-01"}}
    )["createGoal"]["goal"]
    client.data(CREATE_PLAN, {"i": {"goalId": goal["id"], "amount": "100.00", "frequency": "MONTHLY", "dayOfMonth": 1}})
    closed = client.data(
        """mutation($i: CloseGoalInput!) { closeGoal(input: $i) { goal { status } userErrors { code } } }""",
        {"i": {"goalId": goal["id"]}},
    )["closeGoal"]
    assert closed["goal"]["status"] == "CLOSED"
    assert client.data(MY_PLANS)["me"]["investmentPlans"]["nodes"][0]["status"] == "CANCELLED"
    refused = client.data(
        CREATE_PLAN, {"i": {"goalId": goal["id"], "amount": "100.00", "frequency": "MONTHLY", "dayOfMonth": 1}}
    )["createInvestmentPlan"]["userErrors"]
    assert [e["code"] for e in refused] == ["GOAL_CLOSED"]
    _ = ManualClock


UPDATE_GOAL = f"""mutation($i: UpdateGoalInput!) {{ updateGoal(input: $i) {{ goal {{ {GOAL_FIELDS} }}
  userErrors {{ code field message }} }} }}"""


def test_a_new_date_or_target_gives_the_goal_a_new_plan_and_a_new_name_does_not(db, gql, clock, funds, investor):
    user = investor("C3", deposit="50000")
    client = gql.as_user(user.email)
    goal = client.data(
        CREATE_GOAL,
        {"i": {"name": "Car", "kind": "GENERAL", "targetAmount": "80000", "targetDate": "2031-06-01"}},
    )["createGoal"]["goal"]
    renamed = client.data(UPDATE_GOAL, {"i": {"goalId": goal["id"], "name": "New car"}})["updateGoal"]
    assert renamed["userErrors"] == [] and renamed["goal"]["name"] == "New car"
    assert renamed["goal"]["plan"]["id"] == goal["plan"]["id"]
    assert renamed["goal"]["weights"] == goal["weights"]
    # Two months left: nothing locked for 90 days (the P2P product) may be in the plan any more.
    soon = (clock.today() + timedelta(days=61)).isoformat()
    moved = client.data(UPDATE_GOAL, {"i": {"goalId": goal["id"], "targetDate": soon}})["updateGoal"]
    assert moved["userErrors"] == []
    assert moved["goal"]["plan"]["id"] != goal["plan"]["id"]
    assert product_gid(funds.p2p) not in {w["productId"] for w in moved["goal"]["weights"]}
    assert sum(Decimal(w["weight"]) for w in moved["goal"]["weights"]) == 1
    refused = client.data(UPDATE_GOAL, {"i": {"goalId": goal["id"], "targetDate": "2020-01-01"}})["updateGoal"]
    assert refused["goal"] is None and [e["field"] for e in refused["userErrors"]] == ["targetDate"]


def test_a_plan_run_tonight_is_not_read_again_until_its_next_instalment(db, gql, clock, settings, funds, investor):
    """The job reads only plans due by its day (``next_run_on``): once an instalment ran, the
    plan's next run day moves on, so the same night again (or the next one) reads no plan."""
    user = investor("C3", deposit="10000")
    client = gql.as_user(user.email)
    today = clock.today()
    client.data(
        CREATE_PLAN,
        {
            "i": {
                "productId": product_gid(funds.mmf),
                "amount": "100.00",
                "frequency": "WEEKLY",
                "dayOfWeek": today.isoweekday(),
            }
        },
    )
    first = run_night(db, clock, settings)
    assert (first.plans.plans, first.plans.invested) == (1, 1)
    with db.read() as session:
        plan = session.scalars(select(InvestmentPlan)).one()
        assert plan.next_run_on == with_2027().trading_day_on_or_after(today + timedelta(days=7))
    again = run_night(db, clock, settings)
    assert (again.plans.plans, again.plans.invested) == (0, 0)
    week = today + timedelta(days=7)
    clock.set(at(with_2027().trading_day_on_or_after(week), 9, 30))
    later = run_night(db, clock, settings)
    assert (later.plans.plans, later.plans.invested) == (1, 1)


def test_the_nightly_drift_check_visits_exactly_the_goals_beyond_the_band(
    db, gql, clock, settings, funds, catalogue, investor, desk
):
    """The set-based check (``goals_to_visit``) values every goal as ``goals.holdings`` does
    and sends to the per-goal rebalance only a goal beyond the band: a goal all in one money
    fund never drifts; a goal whose equity fund more than doubled does, once; a goal waiting
    for a price or in review is left alone."""
    from advisor import auto_rebalance
    from advisor import goals as goals_
    from advisor.models import Goal

    user = investor("C3", deposit="200000")
    client = gql.as_user(user.email)
    made = {}
    for name, kind in (("Drifts", "GENERAL"), ("Steady", "EMERGENCY_FUND")):
        goal = client.data(
            CREATE_GOAL,
            {
                "i": {
                    "name": name,
                    "kind": kind,
                    "targetAmount": "200000",
                    "targetDate": "2036-01-01",
                    "initialAmount": "50000",
                }
            },
        )["createGoal"]["goal"]
        client.data(SET_AUTO, {"i": {"goalId": goal["id"], "enabled": True, "termsVersion": "2026-12"}})
        today = clock.today()
        client.data(
            CREATE_PLAN,
            {"i": {"goalId": goal["id"], "amount": "50000.00", "frequency": "MONTHLY", "dayOfMonth": today.day}},
        )
        made[name] = (goal, db_key(goal["id"]))
    assert run_night(db, clock, settings).plans.invested == 2
    ids = sorted(gid for _, gid in made.values())

    def visit(day):
        with db.read() as session:
            return auto_rebalance.goals_to_visit(session, clock=clock, settings=settings, goal_ids=ids, day=day)

    assert visit(clock.today()) == []  # both wait for their prices
    confirm_day = with_2027().next_trading_day(clock.today())
    desk.on(confirm_day, 9)
    desk.run(DailyJob.CONFIRM_ORDERS, confirm_day)
    drifts = made["Drifts"][0]
    equity = [w["productId"] for w in drifts["weights"] if db_key(w["productId"]) in (funds.equity, funds.risky)]
    desk.on(confirm_day, 20)
    assert visit(confirm_day) == []  # confirmed at their prices: nothing drifted
    catalogue.record_nav(db_key(equity[0]), confirm_day, "2.5000")
    with db.read() as session:
        goals = session.scalars(select(Goal).where(Goal.id.in_(ids)).order_by(Goal.id)).all()
        values = goals_.values_of(session, clock=clock, goals=list(goals))
        for goal in goals:  # the same values as the goal's holdings, to the fen
            assert values[goal.id] == {h.product_id: h.value for h in goals_.holdings(session, clock=clock, goal=goal)}
    assert visit(confirm_day) == [made["Drifts"][1]]
    for reason in ("PRODUCT_WITHDRAWN:TEST", None):  # in review: left alone
        with db.write() as session:
            session.get(Goal, made["Drifts"][1]).review_reason = reason
        assert visit(confirm_day) == ([] if reason else [made["Drifts"][1]])
    report = run_night(db, clock, settings)
    assert report.rebalancing.goals == 2
    assert report.rebalancing.rebalanced + report.rebalancing.awaiting_cash == 1
    # rebalanced today: the same night again visits it only to see whether its sales' cash came
    assert visit(confirm_day) == ([made["Drifts"][1]] if report.rebalancing.awaiting_cash else [])


ACCEPT = f"""mutation($i: AcceptGoalPlanInput!) {{ acceptGoalPlan(input: $i) {{ goal {{ {GOAL_FIELDS} proposedPlan {{ id }} }}
  userErrors {{ code field message }} }} }}"""
DECLINE = f"""mutation($i: DeclineGoalPlanInput!) {{ declineGoalPlan(input: $i) {{ goal {{ {GOAL_FIELDS} }}
  userErrors {{ code field message }} }} }}"""
REVIEW = """query($id: ID!) { node(id: $id) { ... on Goal { needsReview automaticRebalancing
  weights { productId } proposedPlan { id allocations { product { id } } } } } }"""


def test_a_goal_in_review_gets_a_new_plan_to_accept_or_decline_and_the_night_resumes(
    db, gql, clock, settings, funds, catalogue, investor
):
    """A product of two goals' plan is withdrawn: the night puts both in review and makes a new
    plan for each, shown before anything is applied. One user accepts it (the goal's plan
    becomes the new one and its next instalment is bought in it); the other declines it
    (automation off: rebalancing revoked, the plan paused, the review over)."""
    user = investor("C3", deposit="100000")
    client = gql.as_user(user.email)
    today = clock.today()
    made = []
    for name in ("Accepts", "Declines"):
        goal = client.data(
            CREATE_GOAL,
            {
                "i": {
                    "name": name,
                    "kind": "GENERAL",
                    "targetAmount": "200000",
                    "targetDate": "2036-01-01",
                    "initialAmount": "20000",
                }
            },
        )["createGoal"]["goal"]
        client.data(SET_AUTO, {"i": {"goalId": goal["id"], "enabled": True, "termsVersion": "2026-12"}})
        plan = client.data(
            CREATE_PLAN,
            {"i": {"goalId": goal["id"], "amount": "1000.00", "frequency": "WEEKLY", "dayOfWeek": today.isoweekday()}},
        )["createInvestmentPlan"]["investmentPlan"]
        made.append((goal, plan))
    (accepts, accepts_plan), (declines, declines_plan) = made
    early = client.data(ACCEPT, {"i": {"goalId": accepts["id"], "recommendationId": accepts["plan"]["id"]}})
    assert [e["code"] for e in early["acceptGoalPlan"]["userErrors"]] == ["NO_PLAN_TO_REVIEW"]
    withdrawn = accepts["weights"][0]["productId"]
    catalogue.set_status(db_key(withdrawn), ProductStatus.SUSPENDED)
    report = run_night(db, clock, settings)
    assert report.plans.skipped == 2 and report.new_plans == 2
    shown = {}
    for goal, _ in made:
        node = client.data(REVIEW, {"id": goal["id"]})["node"]
        assert node["needsReview"].startswith("PRODUCT_WITHDRAWN") and node["proposedPlan"] is not None
        assert withdrawn in {w["productId"] for w in node["weights"]}  # nothing applied yet
        assert withdrawn not in {a["product"]["id"] for a in node["proposedPlan"]["allocations"]}
        shown[goal["id"]] = node["proposedPlan"]
    assert run_night(db, clock, settings).new_plans == 0  # made once

    stale = client.data(ACCEPT, {"i": {"goalId": accepts["id"], "recommendationId": accepts["plan"]["id"]}})
    assert [e["code"] for e in stale["acceptGoalPlan"]["userErrors"]] == ["PLAN_CHANGED"]
    stranger = gql.as_user(investor("C3").email)
    theirs = stranger.data(ACCEPT, {"i": {"goalId": accepts["id"], "recommendationId": shown[accepts["id"]]["id"]}})
    assert [e["code"] for e in theirs["acceptGoalPlan"]["userErrors"]] == ["NOT_FOUND"]
    taken = client.data(ACCEPT, {"i": {"goalId": accepts["id"], "recommendationId": shown[accepts["id"]]["id"]}})
    assert taken["acceptGoalPlan"]["userErrors"] == []
    goal = taken["acceptGoalPlan"]["goal"]
    assert goal["needsReview"] is None and goal["proposedPlan"] is None and goal["automaticRebalancing"] is True
    assert goal["plan"]["id"] == shown[accepts["id"]]["id"]
    assert {w["productId"] for w in goal["weights"]} == {
        a["product"]["id"] for a in shown[accepts["id"]]["allocations"]
    }

    declined = client.data(DECLINE, {"i": {"goalId": declines["id"]}})["declineGoalPlan"]
    assert declined["userErrors"] == []
    assert declined["goal"]["needsReview"] is None and declined["goal"]["automaticRebalancing"] is False
    again = client.data(DECLINE, {"i": {"goalId": declines["id"]}})["declineGoalPlan"]
    assert [e["code"] for e in again["userErrors"]] == ["NO_PLAN_TO_REVIEW"]
    plans = {p["id"]: p for p in client.data(MY_PLANS)["me"]["investmentPlans"]["nodes"]}
    assert (plans[declines_plan["id"]]["status"], plans[declines_plan["id"]]["pausedReason"]) == (
        "PAUSED",
        "GOAL_PLAN_DECLINED",
    )
    assert plans[accepts_plan["id"]]["status"] == "ACTIVE"

    # The next week's night: the accepted goal's instalment is bought in its new plan.
    next_week = with_2027().trading_day_on_or_after(today + timedelta(days=7))
    clock.set(at(next_week, 9, 30))
    report = run_night(db, clock, settings)
    assert (report.plans.invested, report.plans.skipped) == (1, 0)
    client = gql.as_user(user.email)  # a week later: signed in again
    runs = {p["id"]: p["runs"] for p in client.data(MY_PLANS)["me"]["investmentPlans"]["nodes"]}
    assert runs[accepts_plan["id"]][0]["status"] == "INVESTED"
    with db.read() as session:
        bought = session.scalars(
            select(FundOrder.product_id).where(FundOrder.user_id == user.id, FundOrder.trade_day == next_week)
        ).all()
    assert bought and db_key(withdrawn) not in bought
