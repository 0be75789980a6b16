"""Investing over GraphQL.

Viewer: ``me { portfolio { totalValue cash inTransit holdings { product units value costBasis
unrealizedGain yesterdayIncome cumulativeIncome } orders(first, after) } }``.
Mutations: ``subscribe``, ``redeem``, ``cancelOrder`` (customers); ``runDailyJob`` and
``correctMoneyFundIncome`` (operators); ``recordCreditEvent`` (product managers).

Products of holdings and orders come through one per-request dataloader (one batch of
statements for all of them, never one per row).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from advisor.service import performance as performance_module
from api.errors import UserError
from api.graphql.charts import ChartRange, SeriesPoint, points
from api.graphql.money import Money
from api.graphql.node import Node, fetch, fetches
from api.graphql.performance import Performance, PerformancePeriod
from api.graphql.performance import resolve as resolve_performance
from api.graphql.product_types import ApprovalStatus, IncomeFigureRequest, Product, ProductBuilder
from api.graphql.reads import wallet_of
from api.graphql.user_core import viewer_id_of
from api.ids import decode, global_id, id_input, optional_global_id
from api.mutations import run_mutation, run_request, with_payment_password
from api.pagination import Connection, build_connection, counter, page_request
from api.scalars import MoneyAmount, NavValue, UnitAmount
from core.errors import t
from core.money import UNITS_PLACES
from investing import service as investing_service
from investing.kinds import DailyJob as DailyJobEnum
from investing.kinds import OrderSide as OrderSideEnum
from investing.kinds import OrderStatus as OrderStatusEnum
from lending import service as lending_service
from products import service as products_service
from products.errors import ProductsErrorCode
from products.models import Product as ProductRow
from products.service import Actor, IncomeRequestStatus
from securitisation import service as abs_service
from users.roles import Role

OrderSide = strawberry.enum(OrderSideEnum, name="OrderSide")
OrderStatus = strawberry.enum(
    OrderStatusEnum,
    name="OrderStatus",
    description="PENDING (waiting for its trade day's price), CONFIRMED, CANCELLED (before the cut-off), FAILED.",
)
DailyJob = strawberry.enum(DailyJobEnum, name="DailyJob")
DailyJobResult = strawberry.enum(investing_service.JobResult, name="DailyJobResult")


def _units(hundredths: int | None) -> Decimal | None:
    return None if hundredths is None else Decimal(hundredths).scaleb(-UNITS_PLACES)


def _product_id(value: int) -> int:
    """An input's product id (a key: ``check_input`` decoded the global id)."""
    return investing_service.parse_order_id(
        value, field="productId", code=ProductsErrorCode.PRODUCT_NOT_FOUND, what=t("product", "产品")
    )


def _products_loader(context) -> DataLoader:
    async def load(keys):
        def fetch():
            with context.db.read() as session:
                found = products_service.load_products(session=session, product_ids=keys)
                builder = ProductBuilder.load(
                    session=session, today=context.clock.today(), staff=False, products=list(found.values())
                )
            return [builder.build(found[key]) for key in keys]

        return await run_in_threadpool(fetch)

    return DataLoader(load_fn=load)


def _product(info: Info, product_id: int):
    return info.context.loader("investing.products", _products_loader).load(product_id)


product_of = _product  # the product of a holding, an order or a wallet line, batched per request


# --- types ---------------------------------------------------------------------------------


@strawberry.type(description="A subscription or redemption of a product's units.")
class FundOrder(Node):
    side: OrderSide
    status: OrderStatus
    fast: bool = strawberry.field(description="A T+0 redemption of a money fund (paid at once).")
    amount: Money | None = strawberry.field(
        description="Subscription: the gross amount paid (the fee comes off it). Redemption by amount: the cash asked for."
    )
    fee: Money | None = strawberry.field(description="Subscription: at once. Redemption: on confirmation.")
    expected_units: Decimal | None = strawberry.field(
        description="Subscription: units the net amount buys at the latest known price (the trade day's price decides)."
    )
    units: Decimal | None = strawberry.field(
        description="Subscription: units credited on confirmation. Redemption: units sold."
    )
    nav: NavValue | None = strawberry.field(description="The trade day's price the order was confirmed at.")
    cash: Money | None = strawberry.field(description="Redemption: the net proceeds (after the fee).")
    trade_date: date = strawberry.field(
        description="The trade day T (after 15:00 or on a non-trading day: the next trading day)."
    )
    confirm_date: date | None
    cash_date: date | None = strawberry.field(description="Redemption: when the cash is (or was) in the wallet.")
    cancellable_until: datetime | None = strawberry.field(description="Pending orders: the trade day's 15:00 cut-off.")
    acknowledged_warning_id: str | None = strawberry.field(
        description="The suitability warning acknowledged for this order."
    )
    placed_at: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    product_id: strawberry.Private[int]

    @strawberry.field
    async def product(self, info: Info) -> Product:
        return await _product(info, self.product_id)

    @classmethod
    def of(cls, view: investing_service.OrderView, zone) -> FundOrder:
        return cls(
            id=global_id("FundOrder", view.id),
            side=view.side,
            status=view.status,
            fast=view.fast,
            amount=Money.of_minor(view.amount),
            fee=Money.of_minor(view.fee),
            expected_units=_units(view.expected_units),
            units=_units(view.units)
            if view.side is OrderSideEnum.REDEEM or view.status is OrderStatusEnum.CONFIRMED
            else None,
            nav=view.nav,
            cash=Money.of_minor(view.cash),
            trade_date=view.trade_day,
            confirm_date=view.confirm_day,
            cash_date=view.cash_day,
            cancellable_until=investing_service.cancellable_until(view, zone),
            acknowledged_warning_id=view.acknowledged_warning_id,
            placed_at=view.placed_at,
            confirmed_at=view.confirmed_at,
            cancelled_at=view.cancelled_at,
            product_id=view.product_id,
        )


@strawberry.type(description="A holding: units of one product, valued at the latest price.")
class Holding:
    units: Decimal
    value: Money
    cost_basis: Money = strawberry.field(
        description="What the units held cost (fees included); reinvested income costs nothing."
    )
    unrealized_gain: Money = strawberry.field(description="value - costBasis.")
    yesterday_income: Money = strawberry.field(
        description="Money funds: yesterday's income; loans: yesterday's coupons; equity funds: the last NAV day's change."
    )
    cumulative_income: Money = strawberry.field(
        description="Earned since the first order: value + cash received - cash paid in."
    )
    product_id: strawberry.Private[int]
    user_id: strawberry.Private[int] = 0

    @strawberry.field
    async def product(self, info: Info) -> Product:
        return await _product(info, self.product_id)

    @strawberry.field(description="Equity funds: how distributions are taken (CASH unless you chose REINVEST).")
    def dividend_choice(self, info: Info) -> str | None:
        from investing.service import dividends
        from products.kinds import ProductKind as Kind

        with info.context.db.read() as session:
            product = session.get(ProductRow, self.product_id)
            if product is None or product.kind != Kind.EQUITY_FUND:
                return None
            return str(dividends.dividend_choice(session, user_id=self.user_id, product_id=self.product_id))

    @strawberry.field(description="How this holding did over the period.")
    async def performance(self, info: Info, period: PerformancePeriod) -> Performance:  # type: ignore[valid-type]
        return await resolve_performance(
            info,
            lambda session: performance_module.performance(
                session,
                clock=info.context.clock,
                user_id=self.user_id,
                period=performance_module.Period(period),
                product_ids={self.product_id},
            ),
        )


@strawberry.type(description="The signed-in user's portfolio. totalValue = cash + holdings + inTransit.")
class Portfolio:
    user_id: strawberry.Private[int]
    view: strawberry.Private[investing_service.PortfolioView | None] = None

    def _view(self, info: Info) -> investing_service.PortfolioView:
        if self.view is None:
            ctx, user_id = info.context, self.user_id
            wallet = wallet_of(ctx, user_id)
            with ctx.db.read() as session:
                self.view = investing_service.portfolio_of(
                    session=session, user_id=user_id, clock=ctx.clock, wallet=wallet
                )
        return self.view

    @strawberry.field(description="How the portfolio's investments did over the period (the wallet's cash aside).")
    async def performance(self, info: Info, period: PerformancePeriod) -> Performance:  # type: ignore[valid-type]
        return await resolve_performance(
            info,
            lambda session: performance_module.performance(
                session, clock=info.context.clock, user_id=self.user_id, period=performance_module.Period(period)
            ),
        )

    @strawberry.field
    def total_value(self, info: Info) -> Money:
        return Money.of_amount(self._view(info).total_value)

    @strawberry.field(description="The wallet's balance (available + held in escrow).")
    def cash(self, info: Info) -> Money:
        return Money.of_amount(self._view(info).cash)

    @strawberry.field(
        description="Pending subscriptions, pending redemptions at the latest price, redemption cash on its way."
    )
    def in_transit(self, info: Info) -> Money:
        return Money.of_amount(self._view(info).in_transit)

    @strawberry.field(description="What every holding earned (or lost) yesterday, together.")
    def yesterday_income(self, info: Info) -> Money:
        return Money.of_amount(self._view(info).yesterday_income)

    @strawberry.field(description="What every holding has earned since it was bought, together.")
    def cumulative_income(self, info: Info) -> Money:
        return Money.of_amount(self._view(info).cumulative_income)

    @strawberry.field(description="The money-fund holdings' value (redeems at once, within the daily limit).")
    def money_fund_balance(self, info: Info) -> Money:
        return Money.of_amount(self._view(info).money_fund_balance)

    @strawberry.field(description="Orders waiting for their trade day's price (newest first, at most 50).")
    def pending_orders(self, info: Info) -> list[FundOrder]:
        with info.context.db.read() as session:
            views = investing_service.pending_orders(session, user_id=self.user_id, limit=50)
        zone = info.context.clock.zone
        return [FundOrder.of(view, zone) for view in views]

    @strawberry.field(
        description="A chart of totalValue at the end of each day from `from` to `to` (both included; default: the "
        "year to today; it starts with the first money moved), at most `maxPoints` points (default 250, kept within "
        "2..1000), peaks kept. Holdings count at their price of record that day."
    )
    def value_series(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        max_points: int | None = None,
    ) -> list[SeriesPoint]:
        clock = info.context.clock
        span = ChartRange.of(from_, to, max_points, today=clock.today())
        with info.context.db.read() as session:
            found = investing_service.value_series(
                session=session,
                user_id=self.user_id,
                first_day=span.first_day,
                last_day=span.last_day,
                zone=clock.zone,
                max_points=span.max_points,
            )
        return points(found)

    @strawberry.field(
        description="A chart of the income credited for each day (money-fund income and loan coupons, by the day "
        "they were earned) from `from` to `to` (default: the year to yesterday; it ends yesterday at the latest, "
        "a day's income being credited after it ends), at most `maxPoints` points (default 250, within 2..1000)."
    )
    def income_series(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        max_points: int | None = None,
    ) -> list[SeriesPoint]:
        clock = info.context.clock
        span = ChartRange.of(from_, to, max_points, today=clock.today()).until(clock.today() - timedelta(days=1))
        with info.context.db.read() as session:
            found = investing_service.income_series(
                session=session,
                user_id=self.user_id,
                first_day=span.first_day,
                last_day=span.last_day,
                zone=clock.zone,
                max_points=span.max_points,
            )
        return points(found)

    @strawberry.field
    def holdings(self, info: Info) -> list[Holding]:
        return [
            Holding(
                units=h.units,
                value=Money.of_amount(h.value),
                cost_basis=Money.of_amount(h.cost_basis),
                unrealized_gain=Money.of_amount(h.unrealized_gain),
                yesterday_income=Money.of_amount(h.yesterday_income),
                cumulative_income=Money.of_amount(h.cumulative_income),
                product_id=h.product_id,
                user_id=self.user_id,
            )
            for h in self._view(info).holdings
        ]

    @strawberry.field(description="Orders (or only those in `status`, of `productId`), newest first.")
    def orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: OrderStatus | None = None,
        product_id: strawberry.ID | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[FundOrder]:
        request = page_request(
            first, after, last=last, before=before, max_page_size=info.context.settings.max_page_size, cursor=(int,)
        )
        after_id = None if request.boundary is None else request.boundary[0]
        decoded = None if product_id is None else decode(product_id)
        if product_id is not None and (decoded is None or decoded[0] != "Product"):
            return build_connection([], request, key=lambda view: [view.id], node=lambda view: view, count=lambda: 0)
        product_key = None if decoded is None else decoded[1]
        wanted = None if status is None else OrderStatusEnum(status)
        with info.context.db.read() as session:
            views = investing_service.orders_page(
                session,
                user_id=self.user_id,
                limit=request.limit + 1,
                after_id=after_id,
                status=wanted,
                product_id=product_key,
                backward=request.backward,
            )
        zone = info.context.clock.zone
        return build_connection(
            views,
            request,
            key=lambda view: [view.id],
            node=lambda view: FundOrder.of(view, zone),
            count=counter(
                info.context.db,
                lambda s: investing_service.count_orders(
                    s, user_id=self.user_id, status=wanted, product_id=product_key
                ),
            ),
        )


@strawberry.type
class DailyJobProductRun:
    product_id: strawberry.ID | None
    code: str
    result: DailyJobResult
    items: int = strawberry.field(
        description="Orders confirmed or settled, holdings paid, payments made or escrows released."
    )
    amount: Money | None = strawberry.field(description="Income distributed (signed) or loan cash paid.")
    message: str


@strawberry.type
class DailyJobReport:
    job: DailyJob
    date: date
    runs: list[DailyJobProductRun]

    @classmethod
    def of(cls, report: investing_service.JobReport) -> DailyJobReport:
        return cls(
            job=report.job,
            date=report.day,
            runs=[
                DailyJobProductRun(
                    product_id=optional_global_id("Product", run.product_id),
                    code=run.code,
                    result=run.result,
                    items=run.items,
                    amount=Money.of_minor(run.amount),
                    message=run.message,
                )
                for run in report.runs
            ],
        )


def collection_report(collected: lending_service.CollectionReport) -> investing_service.JobReport:
    """The loan collection of a day as a daily-job report (one run: the loan book)."""
    result = investing_service.JobResult.DONE if collected.loans else investing_service.JobResult.NOTHING
    run = investing_service.ProductRun(
        None,
        "loans",
        result,
        collected.loans,
        collected.collected,
        message=f"{collected.loans} loan(s) with something due, {collected.advanced} with nothing due",
    )
    return investing_service.JobReport(DailyJobEnum.COLLECT_LOANS, collected.day, (run,))


@strawberry.type(description="A money fund's income of a day as distributed.")
class MoneyFundIncomeDay:
    product_id: strawberry.ID
    date: date
    income_per_10k_units: NavValue
    holders: int
    total: Money


@strawberry.type
class CreditEvent:
    product_id: strawberry.ID
    date: date
    defaulted_fraction: Decimal


# --- inputs and payloads -------------------------------------------------------------------


@strawberry.input
class SubscribeInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    amount: MoneyAmount = strawberry.field(description="Gross: the subscription fee comes off it.")
    idempotency_key: str = strawberry.field(description="Your unique key for this order; a retry does not buy twice.")
    acknowledged_warning_id: str | None = strawberry.field(
        default=None, description="The id of the suitability warning you acknowledged (above your category)."
    )
    payment_password: str | None = None


@strawberry.input(description="Give exactly one of units and amount (amount: money funds).")
class RedeemInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    idempotency_key: str
    units: UnitAmount | None = None
    amount: MoneyAmount | None = None
    fast: bool = strawberry.field(default=False, description="Money funds: cash at once, within the daily limit.")
    payment_password: str | None = None


@strawberry.input
class CancelOrderInput:
    order_id: strawberry.ID = id_input("FundOrder", message=t("No such order.", "找不到这笔订单。"))


@strawberry.input
class RunDailyJobInput:
    job: DailyJob
    date: date


@strawberry.input
class CorrectMoneyFundIncomeInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    date: date
    income_per_10k_units: NavValue


@strawberry.input
class RecordCreditEventInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    date: date
    defaulted_fraction: Decimal = strawberry.field(description='The share of the pool that defaulted, e.g. "0.02".')


@strawberry.type
class OrderPayloadFields:
    order: FundOrder | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SubscribePayload(OrderPayloadFields):
    pass


@strawberry.type
class RedeemPayload(OrderPayloadFields):
    pass


@strawberry.type
class CancelOrderPayload(OrderPayloadFields):
    pass


@strawberry.type
class RunDailyJobPayload:
    report: DailyJobReport | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CorrectMoneyFundIncomePayload:
    income: MoneyFundIncomeDay | None = None
    income_request: IncomeFigureRequest | None = strawberry.field(
        default=None,
        description="A corrected figure below 0 or above 3.0000: it waits here for a second member of staff.",
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(
    description="A correction of a recorded NAV: asked by one product manager, applied (and the "
    "orders confirmed at it re-priced) when another approves it."
)
class NavCorrection(Node):
    product_id: strawberry.ID
    date: date
    old_nav: NavValue
    new_nav: NavValue
    status: ApprovalStatus
    requested_by: str
    requested_at: datetime
    decided_at: datetime | None

    @classmethod
    def of(cls, row) -> NavCorrection:
        return cls(
            id=global_id("NavCorrection", row.id),
            product_id=global_id("Product", row.product_id),
            date=row.date,
            old_nav=row.old_nav,
            new_nav=row.new_nav,
            status=IncomeRequestStatus(row.status),
            requested_by=row.requested_by_label,
            requested_at=row.requested_at,
            decided_at=row.decided_at,
        )


@strawberry.type(description="What re-pricing the orders at a corrected NAV did (nothing is taken from holders).")
class Repricing:
    orders: int
    units_issued: Decimal = strawberry.field(description="Units the fund issued to holders who got too few.")
    cash_paid: Money = strawberry.field(description="Cash the fund paid to holders who got too little.")


@strawberry.input
class CorrectNavInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    date: date
    nav: NavValue


@strawberry.input
class DecideNavCorrectionInput:
    correction_id: strawberry.ID = id_input(
        "NavCorrection", message=t("No such NAV correction.", "找不到这条净值更正。")
    )


@strawberry.type
class CorrectNavPayload:
    nav_correction: NavCorrection | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ApproveNavCorrectionPayload:
    nav_correction: NavCorrection | None = None
    repricing: Repricing | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RejectNavCorrectionPayload:
    nav_correction: NavCorrection | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class DecideIncomeFigureInput:
    request_id: strawberry.ID = id_input(
        "IncomeFigureRequest", message=t("No such income request.", "找不到这条收益审批申请。")
    )


@strawberry.type
class ApproveIncomeFigurePayload:
    income_request: IncomeFigureRequest | None = None
    income: MoneyFundIncomeDay | None = strawberry.field(default=None, description="A correction: its distribution.")
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RejectIncomeFigurePayload:
    income_request: IncomeFigureRequest | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RecordCreditEventPayload:
    credit_event: CreditEvent | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _order_fields(ctx, session, order_id: int, user_id: int) -> dict:
    return {"order": FundOrder.of(investing_service.order_view(session, order_id, user_id=user_id), ctx.clock.zone)}


# --- root fields ---------------------------------------------------------------------------


@strawberry.type
class InvestingViewerFields:
    """Fields this domain adds to the signed-in User."""

    @strawberry.field(description="The portfolio (only on the signed-in user; null elsewhere).")
    def portfolio(self, info: Info) -> Portfolio | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        return None if user_id is None else Portfolio(user_id=user_id)


# --- refetching by global id -----------------------------------------------------------------


@fetches("FundOrder")
def _fetch_order(info: Info, key: int) -> FundOrder:
    viewer = info.context.require_viewer()
    with info.context.db.read() as session:
        view = investing_service.order_view(session, key, user_id=viewer.id)
    return FundOrder.of(view, info.context.clock.zone)


@fetches("NavCorrection")
def _fetch_nav_correction(info: Info, key: int) -> NavCorrection | None:
    info.context.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
    with info.context.db.read() as session:
        row = products_service.nav_correction(session=session, correction_id=key)
        return None if row is None else NavCorrection.of(row)


@fetches("IncomeFigureRequest")
def _fetch_income_request(info: Info, key: int) -> IncomeFigureRequest | None:
    info.context.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
    with info.context.db.read() as session:
        row = products_service.income_request(session=session, request_id=key)
        return None if row is None else IncomeFigureRequest.of(row)


@strawberry.type
class InvestingQuery:
    @strawberry.field(description="Staff: NAV corrections waiting for a second approval (or in another status).")
    def nav_corrections(
        self, info: Info, status: ApprovalStatus | None = IncomeRequestStatus.PENDING, first: int = 50
    ) -> list[NavCorrection]:
        ctx = info.context
        ctx.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
        with ctx.db.read() as session:
            rows = products_service.nav_corrections(
                session=session, status=status, limit=max(1, min(first, ctx.settings.max_page_size))
            )
        return [NavCorrection.of(row) for row in rows]

    @strawberry.field(
        description="Staff: income figures waiting for a second approval (or in another status), newest first."
    )
    def income_figure_requests(
        self, info: Info, status: ApprovalStatus | None = IncomeRequestStatus.PENDING, first: int = 50
    ) -> list[IncomeFigureRequest]:
        ctx = info.context
        ctx.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
        with ctx.db.read() as session:
            rows = products_service.income_requests(
                session=session, status=status, limit=max(1, min(first, ctx.settings.max_page_size))
            )
        return [IncomeFigureRequest.of(row) for row in rows]

    @strawberry.field(description="One of your orders; null for anybody else's.")
    async def fund_order(self, info: Info, id: strawberry.ID) -> FundOrder | None:
        info.context.require_viewer()
        return await fetch(info, id, "FundOrder")


@strawberry.type
class InvestingMutation:
    @strawberry.mutation(
        description="Buy a product: the gross amount leaves the wallet at once; units are credited on T+1."
    )
    async def subscribe(self, info: Info, input: SubscribeInput) -> SubscribePayload:
        ctx = info.context

        def action(session, viewer):
            result = investing_service.subscribe(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                product_id=_product_id(input.product_id),
                amount=input.amount,
                acknowledged_warning_id=input.acknowledged_warning_id,
                idempotency=input.idempotency_key,
                payment_password_text=input.payment_password,
            )
            return _order_fields(ctx, session, result.order_id, viewer.id)

        return await run_mutation(info, SubscribePayload, input, with_payment_password(ctx, SubscribePayload, action))

    @strawberry.mutation(description="Sell units (exactly one of units and amount); fast: money funds pay at once.")
    async def redeem(self, info: Info, input: RedeemInput) -> RedeemPayload:
        ctx = info.context

        def action(session, viewer):
            result = investing_service.redeem(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                product_id=_product_id(input.product_id),
                units=input.units,
                amount=input.amount,
                fast=input.fast,
                idempotency=input.idempotency_key,
                payment_password_text=input.payment_password,
            )
            return _order_fields(ctx, session, result.order_id, viewer.id)

        return await run_mutation(info, RedeemPayload, input, with_payment_password(ctx, RedeemPayload, action))

    @strawberry.mutation(description="Cancel a pending order before its trade day's 15:00 cut-off.")
    async def cancel_order(self, info: Info, input: CancelOrderInput) -> CancelOrderPayload:
        ctx = info.context

        def action(session, viewer):
            order_id = investing_service.cancel_order(
                session=session, clock=ctx.clock, user_id=viewer.id, order_id=input.order_id
            )
            return _order_fields(ctx, session, order_id, viewer.id)

        return await run_mutation(info, CancelOrderPayload, input, action)

    @strawberry.mutation(description="Operators: run a daily job for a date (each product in its own transaction).")
    async def run_daily_job(self, info: Info, input: RunDailyJobInput) -> RunDailyJobPayload:
        ctx = info.context

        def call(_viewer):
            job = DailyJobEnum(input.job)
            if job is DailyJobEnum.COLLECT_LOANS:  # lending's job, reported in the same shape
                report = collection_report(
                    lending_service.collect(database=ctx.db, clock=ctx.clock, settings=ctx.settings, day=input.date)
                )
            elif job is DailyJobEnum.RUN_ABS_POOLS:  # securitisation's job: closings and monthly waterfalls
                report = abs_service.run_pools(database=ctx.db, clock=ctx.clock, settings=ctx.settings, day=input.date)
            else:
                report = investing_service.run_daily_job(database=ctx.db, clock=ctx.clock, job=job, day=input.date)
            return RunDailyJobPayload(report=DailyJobReport.of(report))

        return await run_request(info, RunDailyJobPayload, input, call, roles=(Role.OPERATOR,))

    @strawberry.mutation(
        description="Operators: correct a money fund's income of a day; a distributed day is reversed and redistributed (audited)."
    )
    async def correct_money_fund_income(
        self, info: Info, input: CorrectMoneyFundIncomeInput
    ) -> CorrectMoneyFundIncomePayload:
        ctx = info.context

        def action(session, viewer):
            product_id = _product_id(input.product_id)
            actor = Actor.user(viewer.id, viewer.email)
            if products_service.needs_second_approval(input.income_per_10k_units):
                request = products_service.request_income_figure(
                    session=session,
                    clock=ctx.clock,
                    actor=actor,
                    product_id=product_id,
                    day=input.date,
                    income_per_10k=input.income_per_10k_units,
                    correction=True,
                )
                return {"income_request": IncomeFigureRequest.of(request)}
            result = investing_service.correct_money_fund_income(
                session=session,
                clock=ctx.clock,
                actor=actor,
                product_id=product_id,
                day=input.date,
                income_per_10k=input.income_per_10k_units,
            )
            return {
                "income": MoneyFundIncomeDay(
                    product_id=global_id("Product", product_id),
                    date=input.date,
                    income_per_10k_units=input.income_per_10k_units,
                    holders=result.holders,
                    total=Money.of_minor(result.total),
                )
            }

        return await run_mutation(info, CorrectMoneyFundIncomePayload, input, action, roles=(Role.OPERATOR,))

    @strawberry.mutation(description="Product managers: ask to correct a recorded NAV (another must approve it).")
    async def correct_nav(self, info: Info, input: CorrectNavInput) -> CorrectNavPayload:
        ctx = info.context

        def action(session, viewer):
            row = products_service.request_nav_correction(
                session=session,
                clock=ctx.clock,
                actor=Actor.user(viewer.id, viewer.email),
                product_id=_product_id(input.product_id),
                day=input.date,
                nav=input.nav,
            )
            return {"nav_correction": NavCorrection.of(row)}

        return await run_mutation(info, CorrectNavPayload, input, action, roles=(Role.PRODUCT_MANAGER,))

    @strawberry.mutation(
        description="Four eyes: apply another product manager's NAV correction; the orders "
        "confirmed at it are re-priced (holders paid too little are made whole)."
    )
    async def approve_nav_correction(self, info: Info, input: DecideNavCorrectionInput) -> ApproveNavCorrectionPayload:
        ctx = info.context

        def action(session, viewer):
            row, outcome = investing_service.approve_nav_correction(
                session=session,
                clock=ctx.clock,
                actor=Actor.user(viewer.id, viewer.email),
                correction_id=input.correction_id,
            )
            return {
                "nav_correction": NavCorrection.of(row),
                "repricing": Repricing(
                    orders=outcome.orders,
                    units_issued=_units(outcome.units_issued),
                    cash_paid=Money.of_minor(outcome.cash_paid),
                ),
            }

        return await run_mutation(info, ApproveNavCorrectionPayload, input, action, roles=(Role.PRODUCT_MANAGER,))

    @strawberry.mutation(description="Reject another's NAV correction (or withdraw your own).")
    async def reject_nav_correction(self, info: Info, input: DecideNavCorrectionInput) -> RejectNavCorrectionPayload:
        ctx = info.context

        def action(session, viewer):
            row = products_service.reject_nav_correction(
                session=session,
                clock=ctx.clock,
                actor=Actor.user(viewer.id, viewer.email),
                correction_id=input.correction_id,
            )
            return {"nav_correction": NavCorrection.of(row)}

        return await run_mutation(info, RejectNavCorrectionPayload, input, action, roles=(Role.PRODUCT_MANAGER,))

    @strawberry.mutation(
        description="Four eyes: approve another's income figure below 0 or above 3.0000 per 10,000 "
        "units (it is recorded, or the day corrected and redistributed)."
    )
    async def approve_income_figure(self, info: Info, input: DecideIncomeFigureInput) -> ApproveIncomeFigurePayload:
        ctx = info.context

        def action(session, viewer):
            request, distribution = investing_service.approve_income_figure(
                session=session,
                clock=ctx.clock,
                actor=Actor.user(viewer.id, viewer.email),
                request_id=input.request_id,
            )
            day = (
                None
                if distribution is None
                else MoneyFundIncomeDay(
                    product_id=global_id("Product", request.product_id),
                    date=request.date,
                    income_per_10k_units=request.income_per_10k,
                    holders=distribution.holders,
                    total=Money.of_minor(distribution.total),
                )
            )
            return {"income_request": IncomeFigureRequest.of(request), "income": day}

        return await run_mutation(
            info, ApproveIncomeFigurePayload, input, action, roles=(Role.PRODUCT_MANAGER, Role.OPERATOR)
        )

    @strawberry.mutation(description="Reject another's income figure request (or withdraw your own).")
    async def reject_income_figure(self, info: Info, input: DecideIncomeFigureInput) -> RejectIncomeFigurePayload:
        ctx = info.context

        def action(session, viewer):
            request = products_service.reject_income_request(
                session=session,
                clock=ctx.clock,
                actor=Actor.user(viewer.id, viewer.email),
                request_id=input.request_id,
            )
            return {"income_request": IncomeFigureRequest.of(request)}

        return await run_mutation(
            info, RejectIncomeFigurePayload, input, action, roles=(Role.PRODUCT_MANAGER, Role.OPERATOR)
        )

    @strawberry.mutation(
        description="Product managers: record that a share of a loan product's pool defaulted on a day."
    )
    async def record_credit_event(self, info: Info, input: RecordCreditEventInput) -> RecordCreditEventPayload:
        ctx = info.context

        def action(session, viewer):
            event = products_service.record_credit_event(
                session=session,
                clock=ctx.clock,
                actor=Actor.user(viewer.id, viewer.email),
                product_id=_product_id(input.product_id),
                day=input.date,
                defaulted_fraction=input.defaulted_fraction,
            )
            return {
                "credit_event": CreditEvent(
                    product_id=global_id("Product", event.product_id),
                    date=event.day,
                    defaulted_fraction=event.defaulted_fraction,
                )
            }

        return await run_mutation(info, RecordCreditEventPayload, input, action, roles=(Role.PRODUCT_MANAGER,))
