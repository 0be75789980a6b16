"""Automatic investing over GraphQL (issue 17): goals, scheduled investment plans (定投) and
automatic rebalancing. Business rules live in ``advisor.goals``, ``advisor.investment_plans``
and ``advisor.auto_rebalance``; this module parses, authenticates and shapes.

Mutations: ``createGoal``, ``updateGoal``, ``closeGoal``, ``setAutomaticRebalancing``
(the user's authorisation, with the terms version), ``acceptGoalPlan`` / ``declineGoalPlan``
(the way out of review after a withdrawn product), ``createInvestmentPlan``,
``pauseInvestmentPlan``, ``resumeInvestmentPlan``, ``cancelInvestmentPlan``. On the signed-in
user: ``goals`` and ``investmentPlans`` (connections); ``node(id)`` refetches a ``Goal`` or an
``InvestmentPlan``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from advisor.models import AutomaticRebalance as RebalanceRow
from advisor.models import Goal as GoalRow
from advisor.models import InvestmentPlan as PlanRow
from advisor.service import (
    auto_rebalance,
    automation,
    goals,
    investment_plans,
    performance,
    schedules,
)
from advisor.service import recommendation as get_recommendation
from api.errors import UserError
from api.graphql.advisor import Recommendation, model_cache
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.graphql.performance import Performance, PerformancePeriod
from api.graphql.performance import resolve as resolve_performance
from api.graphql.risk import RiskCategory
from api.graphql.user_core import viewer_id_of
from api.ids import global_id, id_input, optional_global_id
from api.mutations import run_mutation, run_request, with_payment_password
from api.pagination import Connection, build_connection, page_request
from api.scalars import MoneyAmount
from core.risk import RiskCategory as RiskCategoryEnum

GoalKindEnum, GoalStatusEnum = goals.GoalKind, goals.GoalStatus
PlanSourceEnum, PlanStatusEnum, RunStatusEnum = (
    investment_plans.PlanSource,
    investment_plans.PlanStatus,
    investment_plans.RunStatus,
)
FrequencyEnum = schedules.Frequency
Period, goal_performance = performance.Period, performance.goal_performance

GoalKind = strawberry.enum(GoalKindEnum, name="GoalKind", description="What a goal saves for.")
GoalStatus = strawberry.enum(GoalStatusEnum, name="GoalStatus")
InvestmentFrequency = strawberry.enum(FrequencyEnum, name="InvestmentFrequency")
InvestmentSource = strawberry.enum(
    PlanSourceEnum, name="InvestmentSource", description="WALLET: the wallet's cash; MONEY_FUND: a fast redemption."
)
InvestmentPlanStatus = strawberry.enum(PlanStatusEnum, name="InvestmentPlanStatus")
InvestmentRunStatus = strawberry.enum(RunStatusEnum, name="InvestmentRunStatus")
RebalanceStatus = strawberry.enum(auto_rebalance.RebalanceStatus, name="AutomaticRebalanceStatus")


def _locale(info: Info) -> str:
    viewer = info.context.require_viewer()
    return viewer.locale


@strawberry.type
class GoalHolding:
    product_id: strawberry.ID
    units: Decimal
    value: Money
    pending: Money = strawberry.field(description="Subscriptions of the goal still waiting for their price.")


@strawberry.type
class GoalWeight:
    product_id: strawberry.ID
    weight: Decimal = strawberry.field(description="The plan's weight (before the glide path).")
    weight_today: Decimal = strawberry.field(description="Today's target weight, after the glide path.")


@strawberry.type
class ProjectionPoint:
    date: date
    p10: Money
    p50: Money
    p90: Money


@strawberry.type(description="The user's authorisation of automatic rebalancing (time and terms version).")
class RebalanceAuthorisation:
    authorised_at: datetime
    terms_version: str


@strawberry.type(description="One automatic rebalance of a goal.")
class AutomaticRebalance(Node):
    id: strawberry.ID
    day: date
    drift: Decimal
    status: RebalanceStatus  # type: ignore[valid-type]
    reason: str = strawberry.field(description="A short reason in the viewer's language.")
    sale_order_ids: list[strawberry.ID]
    buy_order_ids: list[strawberry.ID]

    @classmethod
    def of(cls, row: RebalanceRow, locale: str) -> AutomaticRebalance:
        return cls(
            id=global_id("AutomaticRebalance", row.id),
            day=row.day,
            drift=row.drift,
            status=auto_rebalance.RebalanceStatus(row.status),
            reason=row.reason_zh if locale.startswith("zh") else row.reason_en,
            sale_order_ids=[global_id("FundOrder", i) for i in row.sale_order_ids],
            buy_order_ids=[global_id("FundOrder", i) for i in row.buy_order_ids],
        )


@strawberry.type(description="What you save for, its plan, where it stands and where it is heading.")
class Goal(Node):
    id: strawberry.ID
    name: str
    kind: GoalKind  # type: ignore[valid-type]
    status: GoalStatus  # type: ignore[valid-type]
    target_amount: Money
    target_date: date
    initial_amount: Money
    monthly_contribution: Money
    risk_category: RiskCategory
    value: Money = strawberry.field(description="What the goal holds now at the latest prices.")
    progress: Decimal = strawberry.field(description="Value / target (at most 1).")
    probability_of_reaching_target: Decimal
    on_track: bool = strawberry.field(description="At least a 75% chance of reaching the target.")
    suggested_monthly_contribution: Money = strawberry.field(
        description="The least monthly contribution for a 90% chance."
    )
    summary: str = strawberry.field(description="On track or not, in plain words (the viewer's language).")
    holdings: list[GoalHolding]
    weights: list[GoalWeight]
    automatic_rebalancing: bool
    rebalance_authorisation: RebalanceAuthorisation | None
    needs_review: str | None = strawberry.field(
        description="Why nothing automatic happens until you look at the goal's new plan (a withdrawn product)."
    )
    rebalances: list[AutomaticRebalance] = strawberry.field(description="Automatic rebalances, newest first.")
    _row: strawberry.Private[GoalRow]
    _projection: strawberry.Private[object]
    _start: strawberry.Private[Decimal]

    @strawberry.field(description="Percentiles of the goal's value until its date (monthly steps, `points` of them).")
    def projection(self, info: Info, points: int = 12) -> list[ProjectionPoint]:
        points = max(1, min(points, 120))
        found = self._projection
        if points != 12:
            with info.context.db.read() as session:
                found = goals.projection_of(session, clock=info.context.clock, goal=self._row, points=points)
        return [
            ProjectionPoint(date=p.day, p10=Money.cny(p.p10), p50=Money.cny(p.p50), p90=Money.cny(p.p90))
            for p in found.points  # type: ignore[attr-defined]
        ]

    @strawberry.field(description="How the goal's money did over the period, against the plan's expected path.")
    async def performance(self, info: Info, period: PerformancePeriod) -> Performance:  # type: ignore[valid-type]
        return await resolve_performance(
            info,
            lambda session: goal_performance(session, clock=info.context.clock, goal=self._row, period=Period(period)),
        )

    @strawberry.field(
        description="The new plan made for a goal in review (a product of its plan was withdrawn), to accept "
        "(acceptGoalPlan) or decline (declineGoalPlan); null when there is none (it is made overnight; an "
        "emergency fund's new plan is its rule's: the money fund on sale that redeems fastest)."
    )
    def proposed_plan(self, info: Info) -> Recommendation | None:
        if self._row.proposed_recommendation_id is None:
            return None
        with info.context.db.read() as session:
            return Recommendation.of(
                get_recommendation(
                    session=session, user_id=self._row.user_id, recommendation_id=self._row.proposed_recommendation_id
                )
            )

    @strawberry.field(description="The recommendation the goal's weights came from (null for an emergency fund).")
    def plan(self, info: Info) -> Recommendation | None:
        if self._row.recommendation_id is None:
            return None
        with info.context.db.read() as session:
            return Recommendation.of(
                get_recommendation(
                    session=session, user_id=self._row.user_id, recommendation_id=self._row.recommendation_id
                )
            )

    @classmethod
    def of(cls, session, clock, row: GoalRow, locale: str) -> Goal:
        held = goals.holdings(session, clock=clock, goal=row)
        value = sum((h.value for h in held), Decimal(0))
        projection = goals.projection_of(session, clock=clock, goal=row)
        today_weights = goals.target_weights(session, row, clock.today())
        authorised = auto_rebalance.authorisation(session, row.id)
        rebalances = auto_rebalance.recent_rebalances(session, row.id)
        return cls(
            id=global_id("Goal", row.id),
            name=row.name,
            kind=GoalKindEnum(row.kind),
            status=GoalStatusEnum(row.status),
            target_amount=Money.cny(row.target_amount),
            target_date=row.target_date,
            initial_amount=Money.cny(row.initial_amount),
            monthly_contribution=Money.cny(row.monthly_contribution),
            risk_category=RiskCategoryEnum(row.risk_category),
            value=Money.cny(value),
            progress=goals.progress(held, row.target_amount),
            probability_of_reaching_target=projection.probability,
            on_track=projection.on_track,
            suggested_monthly_contribution=Money.cny(projection.suggested_monthly),
            summary=goals.summary(projection, row, locale),
            holdings=[
                GoalHolding(
                    product_id=global_id("Product", h.product_id),
                    units=h.units,
                    value=Money.cny(h.value),
                    pending=Money.cny(h.pending),
                )
                for h in held
            ],
            weights=[
                GoalWeight(
                    product_id=global_id("Product", w.product_id),
                    weight=w.weight,
                    weight_today=today_weights.get(w.product_id, Decimal(0)),
                )
                for w in row.weights
            ],
            automatic_rebalancing=authorised is not None,
            rebalance_authorisation=None
            if authorised is None
            else RebalanceAuthorisation(authorised_at=authorised.authorised_at, terms_version=authorised.terms_version),
            needs_review=row.review_reason,
            rebalances=[AutomaticRebalance.of(r, locale) for r in rebalances],
            _row=row,
            _projection=projection,
            _start=value,
        )


@strawberry.type(description="One scheduled instalment of a plan: placed, or skipped and why.")
class InvestmentPlanRun(Node):
    id: strawberry.ID
    scheduled_on: date = strawberry.field(description="The schedule's date.")
    run_on: date = strawberry.field(
        description="The trading day it ran on (the scheduled date or the next trading day)."
    )
    status: InvestmentRunStatus  # type: ignore[valid-type]
    amount: Money
    reason_code: str | None
    reason: str | None
    order_ids: list[strawberry.ID]


@strawberry.type(description="A scheduled investment plan (定投).")
class InvestmentPlan(Node):
    id: strawberry.ID
    goal_id: strawberry.ID | None
    product_id: strawberry.ID | None
    amount: Money
    frequency: InvestmentFrequency  # type: ignore[valid-type]
    day_of_week: int | None
    day_of_month: int | None
    source: InvestmentSource  # type: ignore[valid-type]
    status: InvestmentPlanStatus  # type: ignore[valid-type]
    paused_reason: str | None = strawberry.field(description="BY_USER, MISSED_THREE_RUNS or GOAL_PLAN_DECLINED.")
    misses_in_a_row: int
    next_scheduled_date: date | None
    next_run_date: date | None = strawberry.field(description="The trading day the next instalment runs on.")
    runs: list[InvestmentPlanRun] = strawberry.field(description="The latest instalments, newest first.")

    @classmethod
    def of(cls, session, row: PlanRow, locale: str) -> InvestmentPlan:
        upcoming = investment_plans.next_run(session, row)
        return cls(
            id=global_id("InvestmentPlan", row.id),
            goal_id=optional_global_id("Goal", row.goal_id),
            product_id=optional_global_id("Product", row.product_id),
            amount=Money.cny(row.amount),
            frequency=FrequencyEnum(row.frequency),
            day_of_week=row.day_of_week,
            day_of_month=row.day_of_month,
            source=PlanSourceEnum(row.source),
            status=PlanStatusEnum(row.status),
            paused_reason=row.paused_reason,
            misses_in_a_row=row.misses,
            next_scheduled_date=None if upcoming is None else upcoming[0],
            next_run_date=None if upcoming is None else upcoming[1],
            runs=[_run_view(run, locale) for run in investment_plans.runs_of(session, row.id, limit=24)],
        )


def _run_view(run, locale: str) -> InvestmentPlanRun:
    return InvestmentPlanRun(
        id=global_id("InvestmentPlanRun", run.id),
        scheduled_on=run.scheduled_on,
        run_on=run.run_on,
        status=RunStatusEnum(run.status),
        amount=Money.cny(run.amount),
        reason_code=run.reason_code,
        reason=run.reason_zh if locale.startswith("zh") else run.reason_en,
        order_ids=[global_id("FundOrder", i) for i in run.order_ids],
    )


# --- node fetchers ----------------------------------------------------------------------------


def _read_goal(info: Info, key: int) -> Goal:
    ctx = info.context
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        return Goal.of(session, ctx.clock, goals.get(session, user_id=viewer.id, goal_id=key), viewer.locale)


def _read_plan(info: Info, key: int) -> InvestmentPlan:
    ctx = info.context
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        return InvestmentPlan.of(session, investment_plans.get(session, user_id=viewer.id, plan_id=key), viewer.locale)


@fetches("Goal")
async def _fetch_goal(info: Info, key: int) -> Goal:
    return await run_in_threadpool(_read_goal, info, key)


@fetches("InvestmentPlan")
async def _fetch_plan(info: Info, key: int) -> InvestmentPlan:
    return await run_in_threadpool(_read_plan, info, key)


def _read_run(info: Info, key: int) -> InvestmentPlanRun:
    ctx = info.context
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        return _run_view(investment_plans.run_of(session, user_id=viewer.id, run_id=key), viewer.locale)


def _read_rebalance(info: Info, key: int) -> AutomaticRebalance:
    ctx = info.context
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        row = auto_rebalance.rebalance_of(session, user_id=viewer.id, rebalance_id=key)
        return AutomaticRebalance.of(row, viewer.locale)


@fetches("InvestmentPlanRun")
async def _fetch_run(info: Info, key: int) -> InvestmentPlanRun:
    return await run_in_threadpool(_read_run, info, key)


@fetches("AutomaticRebalance")
async def _fetch_rebalance(info: Info, key: int) -> AutomaticRebalance:
    return await run_in_threadpool(_read_rebalance, info, key)


# --- viewer fields ----------------------------------------------------------------------------


def _goal_connection(info: Info, user_id: int, first, after, include_closed: bool) -> Connection[Goal]:
    ctx = info.context
    request = page_request(first, after, max_page_size=ctx.settings.max_page_size, cursor=(int,))
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        rows = goals.user_goals(session, user_id=user_id, include_closed=include_closed)
        total = len(rows)
        start = request.after[0] if request.after else 0
        page = [r for r in rows if r.id > start][: request.limit + 1]
        nodes = {r.id: Goal.of(session, ctx.clock, r, viewer.locale) for r in page[: request.limit]}
    return build_connection(page, request, key=lambda r: [r.id], node=lambda r: nodes[r.id], count=lambda: total)


def _plan_connection(info: Info, user_id: int, first, after, status) -> Connection[InvestmentPlan]:
    ctx = info.context
    request = page_request(first, after, max_page_size=ctx.settings.max_page_size, cursor=(int,))
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        rows = investment_plans.user_plans(session, user_id=user_id, status=status)
        total = len(rows)
        start = request.after[0] if request.after else 0
        page = [r for r in rows if r.id > start][: request.limit + 1]
        nodes = {r.id: InvestmentPlan.of(session, r, viewer.locale) for r in page[: request.limit]}
    return build_connection(page, request, key=lambda r: [r.id], node=lambda r: nodes[r.id], count=lambda: total)


@strawberry.type
class AutomationViewerFields:
    """Fields this domain adds to the signed-in User."""

    @strawberry.field(description="Your goals, oldest first (closed ones with includeClosed).")
    async def goals(
        self, info: Info, first: int | None = None, after: str | None = None, include_closed: bool = False
    ) -> Connection[Goal] | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return None
        return await run_in_threadpool(_goal_connection, info, user_id, first, after, include_closed)

    @strawberry.field(description="Your scheduled investment plans (定投), oldest first.")
    async def investment_plans(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: InvestmentPlanStatus | None = None,  # type: ignore[valid-type]
    ) -> Connection[InvestmentPlan] | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return None
        return await run_in_threadpool(_plan_connection, info, user_id, first, after, status)


# --- mutations -----------------------------------------------------------------------------------


@strawberry.input
class CreateGoalInput:
    name: str
    kind: GoalKind  # type: ignore[valid-type]
    target_amount: MoneyAmount
    target_date: date
    initial_amount: MoneyAmount = strawberry.field(default=Decimal(0))
    monthly_contribution: MoneyAmount = strawberry.field(default=Decimal(0))
    risk_category: RiskCategory | None = strawberry.field(
        default=None, description="At most yours (default: yours); an emergency fund is held in money funds."
    )


@strawberry.type
class GoalPayload:
    goal: Goal | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateGoalInput:
    goal_id: strawberry.ID = id_input("Goal")
    name: str | None = None
    target_amount: MoneyAmount | None = None
    target_date: date | None = None
    monthly_contribution: MoneyAmount | None = None


@strawberry.input
class CloseGoalInput:
    goal_id: strawberry.ID = id_input("Goal")


@strawberry.input
class AcceptGoalPlanInput:
    goal_id: strawberry.ID = id_input("Goal")
    recommendation_id: strawberry.ID | None = id_input(
        "Recommendation",
        default=None,
        description="The new plan you were shown (goal.proposedPlan.id); not needed for an emergency fund.",
    )


@strawberry.input
class DeclineGoalPlanInput:
    goal_id: strawberry.ID = id_input("Goal")


@strawberry.input
class SetAutomaticRebalancingInput:
    goal_id: strawberry.ID = id_input("Goal")
    enabled: bool
    terms_version: str | None = strawberry.field(
        default=None, description=f"The version of the terms you agree to (now {auto_rebalance.TERMS_VERSION})."
    )


@strawberry.input
class CreateInvestmentPlanInput:
    goal_id: strawberry.ID | None = id_input("Goal", default=None)
    product_id: strawberry.ID | None = id_input("Product", default=None)
    amount: MoneyAmount
    frequency: InvestmentFrequency  # type: ignore[valid-type]
    day_of_week: int | None = strawberry.field(default=None, description="1 (Monday) to 7 (Sunday).")
    day_of_month: int | None = strawberry.field(default=None, description="1 to 28.")
    source: InvestmentSource = PlanSourceEnum.WALLET  # type: ignore[valid-type]
    payment_password: str | None = strawberry.field(default=None, description="Needed when you set one.")


@strawberry.input
class InvestmentPlanInput:
    plan_id: strawberry.ID = id_input("InvestmentPlan")


@strawberry.type
class InvestmentPlanPayload:
    investment_plan: InvestmentPlan | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AutomationMutation:
    @strawberry.mutation(description="A goal with its plan (from the optimizer for the goal's category and date).")
    async def create_goal(self, info: Info, input: CreateGoalInput) -> GoalPayload:
        ctx = info.context
        cache = model_cache(info)

        def call(viewer):
            goal_id = automation.create_goal(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                cache=cache,
                user_id=viewer.id,
                locale=viewer.locale,
                name=input.name,
                kind=GoalKindEnum(input.kind),
                target_amount=input.target_amount,
                target_date=input.target_date,
                initial_amount=input.initial_amount,
                monthly_contribution=input.monthly_contribution,
                risk_category=None if input.risk_category is None else RiskCategoryEnum(input.risk_category),
            )
            with ctx.db.read() as session:
                row = goals.get(session, user_id=viewer.id, goal_id=goal_id)
                return {"goal": Goal.of(session, ctx.clock, row, viewer.locale)}

        return await run_request(info, GoalPayload, input, call)

    @strawberry.mutation(
        description="Change a goal's name, target, date or monthly contribution; a new target, date or contribution "
        "gives the goal a new plan (its weights) for them."
    )
    async def update_goal(self, info: Info, input: UpdateGoalInput) -> GoalPayload:
        ctx = info.context
        cache = model_cache(info)

        def call(viewer):
            goal_id = automation.update_goal(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                cache=cache,
                user_id=viewer.id,
                locale=viewer.locale,
                goal_id=input.goal_id,
                name=input.name,
                target_amount=input.target_amount,
                target_date=input.target_date,
                monthly_contribution=input.monthly_contribution,
            )
            with ctx.db.read() as session:
                row = goals.get(session, user_id=viewer.id, goal_id=goal_id)
                return {"goal": Goal.of(session, ctx.clock, row, viewer.locale)}

        return await run_request(info, GoalPayload, input, call)

    @strawberry.mutation(
        description="Close a goal: its holdings return to the general pot, its plans stop, rebalancing turns off."
    )
    async def close_goal(self, info: Info, input: CloseGoalInput) -> GoalPayload:
        ctx = info.context

        def action(session, viewer):
            row = automation.close_goal(session=session, clock=ctx.clock, user_id=viewer.id, goal_id=input.goal_id)
            return {"goal": Goal.of(session, ctx.clock, row, viewer.locale)}

        return await run_mutation(info, GoalPayload, input, action)

    @strawberry.mutation(
        description="Authorise (agreeing to the terms version) or turn off the automatic rebalancing of a goal."
    )
    async def set_automatic_rebalancing(self, info: Info, input: SetAutomaticRebalancingInput) -> GoalPayload:
        ctx = info.context

        def action(session, viewer):
            row = auto_rebalance.set_automatic(
                session=session,
                clock=ctx.clock,
                user_id=viewer.id,
                goal_id=input.goal_id,
                enabled=input.enabled,
                terms_version=input.terms_version,
            )
            return {"goal": Goal.of(session, ctx.clock, row, viewer.locale)}

        return await run_mutation(info, GoalPayload, input, action)

    @strawberry.mutation(
        description="Take the new plan shown for a goal in review (a product of its plan was withdrawn): it becomes "
        "the goal's plan and the goal's plans and automatic rebalancing resume from the next night."
    )
    async def accept_goal_plan(self, info: Info, input: AcceptGoalPlanInput) -> GoalPayload:
        ctx = info.context

        def action(session, viewer):
            row = automation.accept_new_plan(
                session=session,
                clock=ctx.clock,
                user_id=viewer.id,
                goal_id=input.goal_id,
                recommendation_id=input.recommendation_id,
            )
            return {"goal": Goal.of(session, ctx.clock, row, viewer.locale)}

        return await run_mutation(info, GoalPayload, input, action)

    @strawberry.mutation(
        description="Decline the new plan of a goal in review and turn its automation off: the goal keeps its plan, "
        "its automatic rebalancing is turned off and its plans are paused (GOAL_PLAN_DECLINED)."
    )
    async def decline_goal_plan(self, info: Info, input: DeclineGoalPlanInput) -> GoalPayload:
        ctx = info.context

        def action(session, viewer):
            row = automation.decline_new_plan(
                session=session, clock=ctx.clock, user_id=viewer.id, goal_id=input.goal_id
            )
            return {"goal": Goal.of(session, ctx.clock, row, viewer.locale)}

        return await run_mutation(info, GoalPayload, input, action)

    @strawberry.mutation(description="A scheduled investment plan (定投) into a goal or a product.")
    async def create_investment_plan(self, info: Info, input: CreateInvestmentPlanInput) -> InvestmentPlanPayload:
        ctx = info.context

        def action(session, viewer):
            row = investment_plans.create(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                goal_id=input.goal_id,
                product_id=input.product_id,
                amount=input.amount,
                frequency=FrequencyEnum(input.frequency),
                day_of_week=input.day_of_week,
                day_of_month=input.day_of_month,
                source=PlanSourceEnum(input.source),
                payment_password_text=input.payment_password,
            )
            return {"investment_plan": InvestmentPlan.of(session, row, viewer.locale)}

        return await run_mutation(
            info, InvestmentPlanPayload, input, with_payment_password(ctx, InvestmentPlanPayload, action)
        )

    @strawberry.mutation(description="Pause a plan (no instalment runs until it is resumed).")
    async def pause_investment_plan(self, info: Info, input: InvestmentPlanInput) -> InvestmentPlanPayload:
        return await _change(info, input, investment_plans.pause)

    @strawberry.mutation(description="Resume a paused plan from its next scheduled date.")
    async def resume_investment_plan(self, info: Info, input: InvestmentPlanInput) -> InvestmentPlanPayload:
        return await _change(info, input, investment_plans.resume)

    @strawberry.mutation(description="Cancel a plan for good.")
    async def cancel_investment_plan(self, info: Info, input: InvestmentPlanInput) -> InvestmentPlanPayload:
        return await _change(info, input, investment_plans.cancel)


async def _change(info: Info, input: InvestmentPlanInput, change) -> InvestmentPlanPayload:
    ctx = info.context

    def action(session, viewer):
        row = change(session=session, clock=ctx.clock, user_id=viewer.id, plan_id=input.plan_id)
        session.flush()
        return {"investment_plan": InvestmentPlan.of(session, row, viewer.locale)}

    return await run_mutation(info, InvestmentPlanPayload, input, action)
