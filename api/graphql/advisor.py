"""The advisor over GraphQL.

Mutation ``requestRecommendation(input: {amount, horizonMonths, liquidityNeed, goalAmount})``
computes a recommendation for the signed-in user (the solve runs in a worker thread and
outside the write transaction, which only stores the result); ``investInPlan(input:
{recommendationId, idempotencyKey})`` places all its orders at once or none. Queries
``recommendation(id)`` (the owner's stored recommendation exactly as given; anyone else gets
NOT_FOUND), ``efficientFrontier(points)`` (for the viewer's category) and ``rebalancePlan``
(drift from the latest invested plan; above 3% a stored REBALANCE recommendation) also
resolve in a worker thread, never on the event loop. The platform models live in the app's services
(``services.extras["advisor.models"]``), one per catalogue version.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from advisor import service as advisor_service
from advisor.models import Recommendation as RecommendationRow
from advisor.models import RecommendationKind as KindEnum
from advisor.service import AdviceRequest, Frontier, ModelCache, efficient_frontier
from advisor.service import FrontierPoint as FrontierPointValue
from advisor.service import RelaxationCode as RelaxationCodeEnum
from api.errors import UserError
from api.graphql.investing import OrderSide
from api.graphql.money import Money
from api.graphql.node import Node, fetch, fetches
from api.graphql.product_types import BadYearLoss, ProductKind, TypicalRange
from api.graphql.risk import RiskCategory, RiskLevel
from api.ids import global_id, id_input, optional_global_id
from api.mutations import run_mutation, run_request, with_payment_password
from api.scalars import MoneyAmount
from core.errors import t
from core.money import Money as MoneyValue
from core.risk import RiskCategory as RiskCategoryEnum
from core.risk import RiskLevel as RiskLevelEnum
from investing.kinds import OrderSide as OrderSideEnum
from products.kinds import ProductKind as ProductKindEnum
from questionnaire.service import current_profile
from tradingcalendar.service import calendar as trading_calendar

RecommendationKind = strawberry.enum(
    KindEnum,
    name="RecommendationKind",
    description="RECOMMENDATION: a plan for new money; REBALANCE: the orders that bring holdings back to a plan.",
)
CACHE_KEY = "advisor.models"


def model_cache(info: Info) -> ModelCache:
    extras = info.context.services.extras
    cache = extras.get(CACHE_KEY)
    if cache is None:
        cache = extras.setdefault(CACHE_KEY, ModelCache())
    return cache


@strawberry.type(description="A product as it was shown in the recommendation.")
class RecommendedProduct:
    id: strawberry.ID = strawberry.field(
        description="The product's global id (refetch it with product(id) or node(id))."
    )
    code: str
    name: str = strawberry.field(description="In the recommendation's language.")
    name_zh: str
    name_en: str
    kind: ProductKind
    risk_level: RiskLevel


@strawberry.type
class Allocation:
    product: RecommendedProduct
    weight: Decimal = strawberry.field(description="Share of the amount (fraction); the weights add up to exactly 1.")
    percent: Decimal = strawberry.field(description="The weight in percent, one decimal; they add up to exactly 100.")
    amount: Money = strawberry.field(description="The allocations add up to exactly the amount.")


RelaxationCode = strawberry.enum(
    RelaxationCodeEnum,
    name="RelaxationCode",
    description="How a constraint that could not be met as asked was relaxed (in the order they are tried).",
)


@strawberry.type(description="A constraint that could not be met as asked and how it was relaxed.")
class Relaxation:
    code: RelaxationCode
    message: str
    products: list[str] = strawberry.field(description="Codes of the products concerned, if any.")


@strawberry.type(description="What a recommendation rests on, stored with it so it can be reproduced.")
class Assumptions:
    scenario_count: int
    seed: int
    tail_loss_limit: Decimal = strawberry.field(
        description="The category's ceiling on the average loss of the worst year in 20."
    )
    illiquid_share_limit: Decimal
    p2p_share_limit: Decimal
    product_share_limit: Decimal
    text: str = strawberry.field(description="Every assumption as JSON.")


@strawberry.type(description="An order of a rebalancing plan.")
class PlanOrder:
    product_id: strawberry.ID
    product_code: str
    side: OrderSide
    amount: Money | None
    units: Decimal | None
    fast: bool
    note: str
    order_id: strawberry.ID | None = strawberry.field(description="The wallet order once the plan is invested in.")


@strawberry.type(description="Plain figures of the holdings before a rebalance.")
class FiguresBefore:
    expected_annual_return: Decimal
    typical_range: TypicalRange
    bad_year_loss: BadYearLoss
    probability_of_loss: Decimal


@strawberry.type(description="A recommendation exactly as it was given (stored with its inputs and assumptions).")
class Recommendation(Node):
    kind: RecommendationKind
    risk_category: RiskCategory
    amount: Money
    horizon_months: int
    liquidity_need: Money
    goal_amount: Money | None
    allocations: list[Allocation]
    expected_annual_return: Decimal = strawberry.field(description="Net of fees and expected losses (0.041 = 4.1%).")
    typical_range: TypicalRange
    bad_year_loss: BadYearLoss
    probability_of_loss: Decimal
    one_in_100_loss: BadYearLoss | None = strawberry.field(
        description="The loss exceeded 1 year in 100, of the same scenarios as a product page's "
        "(a plan holding one product shows that product's); null on plans made before it was kept."
    )
    tail_loss: Decimal = strawberry.field(description="Average loss of the worst year in 20 (CVaR 95%).")
    same_day_available: Money
    earliest_full_withdrawal: date
    earliest_full_withdrawal_estimated: bool = strawberry.field(
        description="True when the earliest full withdrawal rests on weekdays beyond the trading calendar the "
        "exchange has published (an estimate, not a promise)."
    )
    goal_probability: Decimal | None
    explanation: str
    catalogue_version: str
    created_at: datetime
    relaxations: list[Relaxation]
    assumptions: Assumptions
    solver: str
    solver_status: str
    invested_at: datetime | None
    based_on_id: strawberry.ID | None = strawberry.field(
        description="REBALANCE: the plan it brings the holdings back to."
    )
    drift: Decimal | None = strawberry.field(description="REBALANCE: sum of |actual - target| / 2 before rebalancing.")
    figures_before: FiguresBefore | None
    orders: list[PlanOrder] = strawberry.field(description="REBALANCE: the redemptions and subscriptions to place.")

    @classmethod
    def of(cls, row: RecommendationRow) -> Recommendation:
        currency = row.currency

        def money(value: Decimal | None) -> Money | None:
            return None if value is None else Money.of(MoneyValue(value, currency))

        limits = advisor_service.stored_limits(row)
        shown = advisor_service.shown_percents(row)
        return cls(
            id=global_id("Recommendation", row.id),
            kind=KindEnum(row.kind),
            risk_category=RiskCategoryEnum(row.risk_category),
            amount=money(row.amount),
            horizon_months=row.horizon_months,
            liquidity_need=money(row.liquidity_need),
            goal_amount=money(row.goal_amount),
            allocations=[
                Allocation(
                    product=RecommendedProduct(
                        id=global_id("Product", a.product_id),
                        code=a.product_code,
                        name=a.name_en if row.locale == "en" else a.name_zh,
                        name_zh=a.name_zh,
                        name_en=a.name_en,
                        kind=ProductKindEnum(a.kind),
                        risk_level=RiskLevelEnum(a.risk_level),
                    ),
                    weight=a.weight,
                    percent=percent,
                    amount=money(a.amount),
                )
                for a, percent in zip(row.allocations, shown)
            ],
            expected_annual_return=row.expected_annual_return,
            typical_range=TypicalRange(low=row.typical_low, high=row.typical_high),
            bad_year_loss=BadYearLoss(fraction=row.bad_year_loss, amount=money(row.bad_year_loss_amount)),
            probability_of_loss=row.probability_of_loss,
            one_in_100_loss=None
            if row.one_in_100_loss is None or row.one_in_100_loss_amount is None
            else BadYearLoss(
                fraction=row.one_in_100_loss,
                amount=Money.of(MoneyValue(row.one_in_100_loss_amount, currency)),
            ),
            tail_loss=row.tail_loss,
            same_day_available=money(row.same_day_available),
            earliest_full_withdrawal=row.earliest_full_withdrawal,
            earliest_full_withdrawal_estimated=row.earliest_full_withdrawal_estimated,
            goal_probability=row.goal_probability,
            explanation=row.explanation,
            catalogue_version=row.catalogue_version,
            created_at=row.created_at,
            relaxations=[
                Relaxation(code=RelaxationCodeEnum(r["code"]), message=r["message"], products=r.get("products", []))
                for r in row.relaxations
            ],
            assumptions=Assumptions(
                scenario_count=row.assumptions.get("scenarioCount", 0),
                seed=row.assumptions.get("seed", 0),
                tail_loss_limit=limits["tailLoss"],
                illiquid_share_limit=limits["illiquidShare"],
                p2p_share_limit=limits["p2pShare"],
                product_share_limit=limits["productShare"],
                text=json.dumps(row.assumptions, sort_keys=True, ensure_ascii=False),
            ),
            solver=row.solver,
            solver_status=row.solver_status,
            invested_at=row.invested_at,
            based_on_id=optional_global_id("Recommendation", row.based_on_id),
            drift=row.drift,
            figures_before=_figures_before(row.figures_before, currency),
            orders=[
                PlanOrder(
                    product_id=global_id("Product", o.product_id),
                    product_code=o.product_code,
                    side=OrderSideEnum(o.side),
                    amount=money(o.amount),
                    units=o.units,
                    fast=o.fast,
                    note=o.note,
                    order_id=optional_global_id("FundOrder", o.order_id),
                )
                for o in row.orders
            ],
        )


def _figures_before(stored: dict | None, currency: str) -> FiguresBefore | None:
    if not stored:
        return None
    return FiguresBefore(
        expected_annual_return=Decimal(stored["expectedAnnualReturn"]),
        typical_range=TypicalRange(low=Decimal(stored["typicalLow"]), high=Decimal(stored["typicalHigh"])),
        bad_year_loss=BadYearLoss(
            fraction=Decimal(stored["badYearLoss"]),
            amount=Money.of(MoneyValue(Decimal(stored["badYearLossAmount"]), currency)),
        ),
        probability_of_loss=Decimal(stored["probabilityOfLoss"]),
    )


@strawberry.type
class FrontierPoint:
    expected_annual_return: Decimal
    bad_year_loss: Decimal = strawberry.field(description="The one-year loss exceeded 1 year in 20 (fraction).")
    tail_loss: Decimal = strawberry.field(
        description="Average loss of the worst year in 20 (what the category limits)."
    )
    within_category_limit: bool

    @classmethod
    def of(cls, point: FrontierPointValue) -> FrontierPoint:
        return cls(
            expected_annual_return=point.expected_annual_return,
            bad_year_loss=point.bad_year_loss,
            tail_loss=point.tail_loss,
            within_category_limit=point.within_category_limit,
        )


@strawberry.type(description="Expected return against bad-year loss for the viewer's category, least risky first.")
class EfficientFrontier:
    risk_category: RiskCategory
    catalogue_version: str
    points: list[FrontierPoint]
    category_limit: FrontierPoint = strawberry.field(
        description="The best portfolio at the category's tail-loss ceiling."
    )
    tail_loss_limit: Decimal

    @classmethod
    def of(cls, frontier: Frontier) -> EfficientFrontier:
        return cls(
            risk_category=frontier.risk_category,
            catalogue_version=frontier.catalogue_version,
            points=[FrontierPoint.of(point) for point in frontier.points],
            category_limit=FrontierPoint.of(frontier.limit),
            tail_loss_limit=frontier.tail_loss_limit,
        )


@strawberry.input
class RequestRecommendationInput:
    amount: MoneyAmount
    horizon_months: int | None = strawberry.field(default=None, description="Default: your assessment's horizon.")
    liquidity_need: MoneyAmount | None = strawberry.field(
        default=None, description="What you may need within a year; default: your assessment's answer."
    )
    goal_amount: MoneyAmount | None = strawberry.field(default=None, description="A target for the horizon (optional).")


@strawberry.type
class RequestRecommendationPayload:
    recommendation: Recommendation | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class InvestInPlanInput:
    recommendation_id: strawberry.ID = id_input(
        "Recommendation", message=t("No such recommendation.", "找不到这份配置建议。")
    )
    idempotency_key: str = strawberry.field(
        description="A retry with the same key returns the first result; never pays twice."
    )
    payment_password: str | None = strawberry.field(default=None, description="Needed when you set one.")


@strawberry.type
class InvestInPlanPayload:
    recommendation: Recommendation | None = strawberry.field(
        default=None, description="The invested plan; its orders carry the wallet orders placed."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Your holdings compared with your latest invested plan.")
class RebalanceCheck:
    on_track: bool = strawberry.field(description="Drift up to 3%, or orders still being confirmed.")
    pending: bool = strawberry.field(description="The plan's orders are still being confirmed.")
    drift: Decimal | None = strawberry.field(description="Sum of |actual - target| / 2 over the plan's products.")
    plan: Recommendation
    rebalance: Recommendation | None = strawberry.field(
        description="Above 3%: a stored REBALANCE recommendation; invest in it with investInPlan."
    )
    message: str

    @classmethod
    def of(cls, result) -> RebalanceCheck:
        return cls(
            on_track=result.on_track,
            pending=result.pending,
            drift=result.drift,
            plan=Recommendation.of(result.plan),
            rebalance=None if result.rebalance is None else Recommendation.of(result.rebalance),
            message=result.message,
        )


@strawberry.type
class CreateRebalancePlanPayload:
    check: RebalanceCheck | None = strawberry.field(
        default=None, description="The comparison; above 3% drift its rebalance is the plan just stored."
    )
    recommendation: Recommendation | None = strawberry.field(
        default=None, description="The stored REBALANCE recommendation (null when the portfolio is on track)."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AdvisorViewerFields:
    """Fields this domain adds to the signed-in User."""


@fetches("Recommendation")
async def _fetch_recommendation(info: Info, key: int) -> Recommendation:
    ctx = info.context

    def read() -> Recommendation:
        viewer = ctx.require_viewer()
        with ctx.db.read() as session:
            return Recommendation.of(
                advisor_service.recommendation(session=session, user_id=viewer.id, recommendation_id=key)
            )

    return await run_in_threadpool(read)


@strawberry.type
class AdvisorQuery:
    @strawberry.field(description="One of your recommendations, exactly as it was given; null for anybody else's.")
    async def recommendation(self, info: Info, id: strawberry.ID) -> Recommendation | None:
        info.context.require_viewer()
        return await fetch(info, id, "Recommendation")

    @strawberry.field(description="Expected return against bad-year loss for your category (for a chart).")
    async def efficient_frontier(self, info: Info, points: int = 12) -> EfficientFrontier:
        ctx = info.context
        cache = model_cache(info)

        def compute() -> EfficientFrontier:
            viewer = ctx.require_viewer()
            with ctx.db.read() as session:
                profile = current_profile(session=session, user_id=viewer.id, clock=ctx.clock)
                model = cache.model(session=session, clock=ctx.clock)
                known = trading_calendar(session)
            frontier = efficient_frontier(
                model=model,
                profile=profile,
                points=points,
                today=ctx.clock.today(),
                calendar=known,
                locale=viewer.locale,
                currency=ctx.settings.currency,
            )
            return EfficientFrontier.of(frontier)

        return await run_in_threadpool(compute)

    @strawberry.field(
        description="Is your portfolio still on your plan? Reads only: above 3% drift, "
        "createRebalancePlan stores the orders that bring it back."
    )
    async def rebalance_plan(self, info: Info) -> RebalanceCheck:
        ctx = info.context
        cache = model_cache(info)

        def compute() -> RebalanceCheck:
            viewer = ctx.require_viewer()
            with ctx.db.read() as session:
                return RebalanceCheck.of(
                    advisor_service.check_rebalance(
                        session=session,
                        clock=ctx.clock,
                        settings=ctx.settings,
                        cache=cache,
                        user_id=viewer.id,
                        locale=viewer.locale,
                    )
                )

        return await run_in_threadpool(compute)


@strawberry.type
class AdvisorMutation:
    @strawberry.mutation(description="A recommendation for an amount: allocations and plain figures, stored.")
    async def request_recommendation(
        self, info: Info, input: RequestRecommendationInput
    ) -> RequestRecommendationPayload:
        ctx = info.context
        cache = model_cache(info)

        def call(viewer):
            request = AdviceRequest(
                amount=input.amount,
                horizon_months=input.horizon_months,
                liquidity_need=input.liquidity_need,
                goal_amount=input.goal_amount,
            )
            row = advisor_service.recommend(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                cache=cache,
                user_id=viewer.id,
                locale=viewer.locale,
                request=request,
            )
            return {"recommendation": Recommendation.of(row)}

        return await run_request(info, RequestRecommendationPayload, input, call)

    @strawberry.mutation(
        description="Above 3% drift from your invested plan: store a REBALANCE recommendation "
        "with the orders that bring it back (invest in it with investInPlan)."
    )
    async def create_rebalance_plan(self, info: Info) -> CreateRebalancePlanPayload:
        ctx = info.context
        cache = model_cache(info)

        def action(session, viewer):
            result = advisor_service.check_rebalance(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                cache=cache,
                user_id=viewer.id,
                locale=viewer.locale,
                store=True,
            )
            check = RebalanceCheck.of(result)
            return {"check": check, "recommendation": check.rebalance}

        return await run_mutation(info, CreateRebalancePlanPayload, None, action)

    @strawberry.mutation(description="Place every order of a stored recommendation at once: all or nothing.")
    async def invest_in_plan(self, info: Info, input: InvestInPlanInput) -> InvestInPlanPayload:
        ctx = info.context

        def action(session, viewer):
            recommendation_id = input.recommendation_id  # a key: check_input decoded the global id
            row = advisor_service.invest_in_plan(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                recommendation_id=recommendation_id,
                idempotency_key=input.idempotency_key,
                payment_password=input.payment_password,
            )
            return {"recommendation": Recommendation.of(row)}

        return await run_mutation(
            info, InvestInPlanPayload, input, with_payment_password(ctx, InvestInPlanPayload, action)
        )
