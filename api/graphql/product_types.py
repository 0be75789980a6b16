"""GraphQL output types of the catalogue (``Product`` and its parts) and how they are built
from the stored product, its terms and its stored figures. Nothing here queries the
database except the history pages, which go through a per-request dataloader, and the chart
series (one statement each)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from api.errors import valid
from api.graphql.charts import ChartRange, SeriesMetric, SeriesPoint, points
from api.graphql.money import Money
from api.graphql.node import Node
from api.graphql.questionnaire import Suitability, suitability_of
from api.graphql.risk import RiskLevel
from api.ids import global_id, key_of, optional_global_id
from api.pagination import Connection, build_connection, counter, page_request
from api.scalars import NavValue
from core.calendar import TradingCalendar
from core.errors import CommonErrorCode, DomainError, t
from core.money import Money as MoneyValue
from core.money import exponent
from core.risk import RiskLevel as RiskLevelEnum
from products import kinds
from products import service as products_service
from products.models import Product as ProductModel
from products.service import IncomeRequestStatus, liquidity_of
from tradingcalendar.service import calendar as trading_calendar
from users.roles import STAFF_ROLES

ProductKind = strawberry.enum(kinds.ProductKind, name="ProductKind", description="What a product is.")
AssetClass = strawberry.enum(
    products_service.AssetClass,
    name="AssetClass",
    description="What a product invests in (资管新规 classes; ABS units are SECURITISATION).",
)
ProductStatus = strawberry.enum(
    kinds.ProductStatus,
    name="ProductStatus",
    description="Lifecycle: DRAFT -> (PENDING_APPROVAL) -> ON_SALE -> SUSPENDED -> ON_SALE / CLOSED.",
)
LiquidityKind = strawberry.enum(
    kinds.LiquidityKind,
    name="LiquidityKind",
    description="SAME_DAY (T+0), NEXT_DAY (confirmed the next trading day) or LOCKED (for N days or until maturity).",
)
RepaymentMethod = strawberry.enum(kinds.RepaymentMethod, name="RepaymentMethod")
LossCover = strawberry.enum(
    kinds.LossCover,
    name="LossCover",
    description="Who covers part of a P2P product's losses (the platform itself never guarantees principal).",
)
ProductSortBy = strawberry.enum(products_service.SortBy, name="ProductSortBy")

DEFAULT_FIGURES_AMOUNT = Decimal("10000")

if TYPE_CHECKING:
    from api.graphql.securitisation import AbsPool


@strawberry.type(description="The 10th to 90th percentile of the one-year return (fractions).")
class TypicalRange:
    low: Decimal
    high: Decimal


@strawberry.type(description="The one-year loss exceeded only 1 year in 20: as a fraction, and for the amount asked.")
class BadYearLoss:
    fraction: Decimal
    amount: Money


@strawberry.type(description="When the money can be back if the holder asks today.")
class Liquidity:
    kind: LiquidityKind
    available_after_days: int = strawberry.field(description="Calendar days until redemption cash arrives.")
    lock_days: int | None
    maturity_date: date | None
    redemption_settlement_days: int = strawberry.field(description="Trading days from confirmation to cash.")
    estimated: bool = strawberry.field(
        description="True when the days rest on weekdays beyond the trading calendar the exchange has published "
        "(an estimate: the exchange's holidays there are not known yet)."
    )


@strawberry.type(
    description="Plain figures for one year of holding, net of fees and expected default losses. "
    "Computed when the product's data changes, not per request."
)
class Figures:
    expected_annual_return: Decimal
    typical_range: TypicalRange
    bad_year_loss: BadYearLoss
    volatility: Decimal
    max_drawdown: Decimal | None = strawberry.field(
        description="Largest historical fall from a peak; null without history."
    )
    liquidity: Liquidity
    as_of: date
    suggested_risk_level: RiskLevel = strawberry.field(
        description="The level the figures suggest (PRIIPs volatility classes)."
    )
    probability_of_loss: Decimal | None = strawberry.field(
        description="The chance of losing money over a year (products on sale: from the scenarios plans use)."
    )
    one_in_100_loss: BadYearLoss | None = strawberry.field(
        description="The loss exceeded 1 year in 100, where the model has one (products on sale)."
    )
    model: str = strawberry.field(
        description="joint-scenarios-v1: the statistics of the very scenarios a plan is built from; otherwise "
        "the product's own model (not on sale, or too little data for the scenarios)."
    )


@strawberry.type
class RedemptionFee:
    min_holding_days: int
    rate: Decimal


@strawberry.type
class Fees:
    subscription_rate: Decimal
    management_rate: Decimal = strawberry.field(description="Yearly; already inside published NAVs and incomes.")
    redemption: list[RedemptionFee] = strawberry.field(description="Rate by minimum holding days, ascending.")


@strawberry.type(
    description="One tranche of a pool of small loans (fractions: 0.05 = 5%). Null while a draft misses them."
)
class AbsTerms:
    coupon_rate: Decimal | None
    term_months: int | None
    revolving_months: int | None
    default_probability: Decimal | None = strawberry.field(description="Yearly default probability of a pool loan.")
    loss_given_default: Decimal | None
    credit_enhancement: Decimal | None = strawberry.field(
        description="Share of pool losses absorbed by junior tranches."
    )
    detachment: Decimal | None
    early_amortisation_trigger: Decimal | None = strawberry.field(
        description="A yearly default rate above this ends the revolving period early."
    )
    loan_count: int | None
    asset_correlation: Decimal | None


@strawberry.type(description="A P2P loan product (simulated; fractions: 0.05 = 5%). Null while a draft misses them.")
class P2pTerms:
    annual_rate: Decimal | None
    term_months: int | None
    repayment_method: RepaymentMethod | None
    default_probability: Decimal | None
    recovery_rate: Decimal | None
    loss_cover: LossCover | None
    loss_cover_ratio: Decimal | None = strawberry.field(
        description="Guarantor: share of each loss covered. Risk reserve: its size as a share of principal."
    )
    early_exit: bool | None
    loan_count: int | None = strawberry.field(description="How many borrowers the money is spread over.")
    asset_correlation: Decimal | None


@strawberry.type
class NavPoint:
    date: date
    nav: NavValue


@strawberry.type
class IncomePoint:
    date: date
    income_per_10k_units: NavValue


@strawberry.type(description="Shown to staff when the figures suggest another risk level than the one set.")
class RiskLevelWarning:
    suggested_level: RiskLevel
    message: str


@strawberry.type
class PendingApproval:
    requested_by_id: strawberry.ID | None
    requested_at: datetime | None
    previous_status: ProductStatus


@strawberry.type
class AuditChange:
    field: str
    before: str | None
    after: str | None


@strawberry.type
class ProductAuditEntry(Node):
    at: datetime
    actor_id: strawberry.ID | None
    actor: str = strawberry.field(description="Email of the user, or the system actor (e.g. the command line).")
    action: str
    changes: list[AuditChange]

    @classmethod
    def of(cls, record: products_service.AuditRecord) -> ProductAuditEntry:
        return cls(
            id=global_id("ProductAuditEntry", record.id),
            at=record.at,
            actor_id=optional_global_id("User", record.actor_id),
            actor=record.actor,
            action=record.action,
            changes=[AuditChange(field=c.field, before=c.before, after=c.after) for c in record.changes],
        )


def _history_loader(kind: kinds.ProductKind):
    def factory(context) -> DataLoader:
        async def load(keys):
            def fetch():
                with context.db.read() as session:
                    pages = products_service.history_pages(session=session, kind=kind, keys=keys)
                return [pages[key] for key in keys]

            return await run_in_threadpool(fetch)

        return DataLoader(load_fn=load)

    return factory


def _history_connection(info: Info, product, kind: kinds.ProductKind, first, after, node, last=None, before=None):
    """A page of the product's history: at once (empty) for a product of another kind, else
    an awaitable that the request's dataloader fills, batched across the listed products."""
    request = page_request(
        first, after, last=last, before=before, max_page_size=info.context.settings.max_page_size, cursor=(date,)
    )
    if product.kind is not kind:
        return build_connection([], request, key=_day_key, node=node, count=lambda: 0)
    count = counter(
        info.context.db,
        lambda s: products_service.count_history(session=s, kind=kind, product_id=key_of(product.id)),
    )
    boundary = None if request.boundary is None else request.boundary[0]
    loader = info.context.loader(f"products.history.{kind.value}", _history_loader(kind))

    async def page():
        rows = await loader.load((key_of(product.id), request.limit + 1, boundary, request.backward))
        return build_connection(rows, request, key=_day_key, node=node, count=count)

    return page()


ApprovalStatus = strawberry.enum(
    IncomeRequestStatus,
    name="ApprovalStatus",
    description="A four-eyes request (an unusual income figure, a NAV correction): PENDING until a second member "
    "of staff APPROVED or REJECTED it, or its author WITHDREW it (WITHDRAWN).",
)
ChangeRequestStatus = strawberry.enum(products_service.ChangeStatus, name="ProductChangeRequestStatus")


@strawberry.type(description="One field of a change request: its value before and after, as text.")
class ProductFieldChange:
    field: str
    before: str | None
    after: str | None


@strawberry.type(
    description="A change of a launched product's terms, asked by one product manager; another "
    "approves or rejects it (four eyes), for exactly the terms revision it was asked on."
)
class ProductChangeRequest(Node):
    product_id: strawberry.ID
    base_terms_revision: int
    status: ChangeRequestStatus
    changes: list[ProductFieldChange]
    requested_by_id: strawberry.ID | None
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    note: str | None

    @classmethod
    def of(cls, found: products_service.ChangeRequestView) -> ProductChangeRequest:
        return cls(
            id=global_id("ProductChangeRequest", found.id),
            product_id=global_id("Product", found.product_id),
            base_terms_revision=found.base_terms_revision,
            status=found.status,
            changes=[ProductFieldChange(field=c.field, before=c.before, after=c.after) for c in found.changes],
            requested_by_id=optional_global_id("User", found.requested_by),
            requested_by=found.requested_by_label,
            requested_at=found.requested_at,
            decided_by=found.decided_by_label,
            decided_at=found.decided_at,
            note=found.note,
        )


@strawberry.type(
    description="A money fund's income figure outside the ordinary band (below 0 or above 3.0000 per "
    "10,000 units): recorded or corrected only when a second member of staff approves it."
)
class IncomeFigureRequest(Node):
    product_id: strawberry.ID
    date: date
    income_per_10k_units: NavValue
    correction: bool
    status: ApprovalStatus
    requested_by: str
    requested_at: datetime
    decided_at: datetime | None

    @classmethod
    def of(cls, row) -> IncomeFigureRequest:
        return cls(
            id=global_id("IncomeFigureRequest", row.id),
            product_id=global_id("Product", row.product_id),
            date=row.date,
            income_per_10k_units=row.income_per_10k,
            correction=row.correction,
            status=IncomeRequestStatus(row.status),
            requested_by=row.requested_by_label,
            requested_at=row.requested_at,
            decided_at=row.decided_at,
        )


@strawberry.type(description="A product of the catalogue. Kind-specific fields are null for other kinds.")
class Product(Node):
    code: str
    name_zh: str
    name_en: str
    kind: ProductKind
    issuer: str
    risk_level: RiskLevel
    currency: str
    minimum_amount: Money
    qualified_only: bool = strawberry.field(description="Listed, recommended and sold to qualified investors only.")

    @strawberry.field(
        description="May you buy it: the suitability check an order makes, with the warning to acknowledge "
        "(null when not signed in)."
    )
    def viewer_suitability(self, info: Info) -> Suitability | None:
        viewer = info.context.viewer_or_none()
        if viewer is None:
            return None
        return suitability_of(info, viewer, self.risk_level, self.qualified_only)

    asset_class: AssetClass = strawberry.field(description="Sets the holding floor for qualified investors.")
    registrar: str | None = strawberry.field(description="Funds: the registrar (登记机构) of its units.")
    switchable: bool = strawberry.field(
        description="Funds: can be switched (转换, `switchFund`) into another switchable fund of the same issuer "
        "and registrar."
    )
    status: ProductStatus
    is_demo: bool = strawberry.field(description="Demo data, not a real product.")
    fees: Fees
    liquidity: Liquidity
    fast_redemption_limit: Money | None = strawberry.field(description="Money funds: T+0 redemption per user per day.")
    seven_day_annualized_yield: Decimal | None = strawberry.field(
        description="Money funds: from the last 7 days' income."
    )
    income_per_10k_units: NavValue | None = strawberry.field(
        description="Money funds: the latest income per 10,000 units."
    )
    income_date: date | None
    latest_nav: NavValue | None = strawberry.field(description="Equity funds: the latest NAV (money funds: 1.0000).")
    latest_nav_date: date | None
    abs_terms: AbsTerms | None
    p2p_terms: P2pTerms | None
    risk_level_warning: RiskLevelWarning | None = strawberry.field(description="Staff only.")
    pending_approval: PendingApproval | None = strawberry.field(description="Staff only: a request to go on sale.")
    catalogue_revision: int = strawberry.field(description="Grows with every change of this product's data or figures.")
    terms_revision: int = strawberry.field(
        description="Grows with every change of the terms; approvals are for exactly one terms revision."
    )
    launched_at: datetime | None = strawberry.field(
        description="First time on sale: from then on a change of terms needs a second product manager."
    )
    _figures: strawberry.Private[object]

    @strawberry.field(
        description="A pool-backed ABS unit: the pool of the platform's own loans behind it, with its monthly "
        "servicer reports (null for other products)."
    )
    def abs_pool(self, info: Info) -> Annotated[AbsPool, strawberry.lazy("api.graphql.securitisation")] | None:
        from api.graphql.securitisation import pool_of_product

        return pool_of_product(info, key_of(self.id))

    @strawberry.field(description="Staff only: the change of terms waiting for a second product manager, if any.")
    def pending_change(self, info: strawberry.Info) -> ProductChangeRequest | None:
        viewer = info.context.viewer_or_none()
        if viewer is None or not (viewer.roles & STAFF_ROLES):
            return None
        with info.context.db.read() as session:
            found = products_service.pending_change_for(session=session, product_id=key_of(self.id))
        return None if found is None else ProductChangeRequest.of(found)

    @strawberry.field(
        description='The name in `locale` ("zh-CN" or "en"; default: the viewer\'s language, else zh-CN).'
    )
    def name(self, info: strawberry.Info, locale: str | None = None) -> str:
        if locale is None:
            viewer = info.context.viewer_or_none(strict=False)
            locale = viewer.locale if viewer is not None else "zh-CN"
        return self.name_en if locale == "en" else self.name_zh

    @strawberry.field(
        description='The plain figures; `amount` (default "10000"; null means the default) sizes the bad-year loss in money.'
    )
    def figures(self, amount: Decimal | None = DEFAULT_FIGURES_AMOUNT) -> Figures | None:
        amount = DEFAULT_FIGURES_AMOUNT if amount is None else valid(amount, "amount")
        places = exponent(self.currency)
        if amount < 0 or amount != amount.quantize(Decimal(1).scaleb(-places)):
            raise DomainError(
                CommonErrorCode.INVALID_AMOUNT,
                t(
                    f"Give an amount of 0 or more with at most {places} decimals.",
                    f"请填写不小于 0 的金额，最多 {places} 位小数。",
                ),
                "amount",
            )
        stored = self._figures
        if stored is None:
            return None
        loss = MoneyValue(amount * stored.bad_year_loss, self.currency).rounded()
        return Figures(
            expected_annual_return=stored.expected_annual_return,
            typical_range=TypicalRange(low=stored.typical_low, high=stored.typical_high),
            bad_year_loss=BadYearLoss(fraction=stored.bad_year_loss, amount=Money.of(loss)),
            volatility=stored.volatility,
            max_drawdown=stored.max_drawdown,
            liquidity=self.liquidity,
            as_of=stored.as_of,
            suggested_risk_level=RiskLevelEnum(stored.suggested_risk_level),
            probability_of_loss=stored.probability_of_loss,
            one_in_100_loss=None
            if stored.one_in_100_loss is None
            else BadYearLoss(
                fraction=stored.one_in_100_loss,
                amount=Money.of(MoneyValue(amount * stored.one_in_100_loss, self.currency).rounded()),
            ),
            model=stored.model,
        )

    @strawberry.field(description="Equity funds: NAVs, newest first (empty for other kinds).")
    def nav_history(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[NavPoint]:
        return _history_connection(
            info,
            self,
            kinds.ProductKind.EQUITY_FUND,
            first,
            after,
            lambda r: NavPoint(date=r[0], nav=r[1]),
            last,
            before,
        )

    @strawberry.field(description="Money funds: daily income per 10,000 units, newest first (empty for other kinds).")
    def income_history(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[IncomePoint]:
        return _history_connection(
            info,
            self,
            kinds.ProductKind.MONEY_FUND,
            first,
            after,
            lambda r: IncomePoint(date=r[0], income_per_10k_units=r[1]),
            last,
            before,
        )

    @strawberry.field(
        description="A chart of `metric` from `from` to `to` (both included; default: the year to today), at most "
        "`maxPoints` points (default 250, kept within 2..1000), peaks kept. Empty when the metric does not apply to "
        "this kind: NAV for equity funds, INCOME_PER_10K and SEVEN_DAY_YIELD for money funds (the 7-day yield of "
        "each day whose 7 days all have an income, as sevenDayAnnualizedYield is computed)."
    )
    def series(
        self,
        info: Info,
        metric: SeriesMetric,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        max_points: int | None = None,
    ) -> list[SeriesPoint]:
        span = ChartRange.of(from_, to, max_points, today=info.context.clock.today())
        with info.context.db.read(replica=True) as session:
            found = products_service.product_series(
                session=session,
                product_id=key_of(self.id),
                kind=kinds.ProductKind(self.kind),
                metric=metric,
                first_day=span.first_day,
                last_day=span.last_day,
                max_points=span.max_points,
            )
        return points(found)


def _day_key(row) -> list:
    return [row[0].isoformat()]


def _abs_terms(terms) -> AbsTerms:
    t = terms
    return AbsTerms(
        coupon_rate=t.rate,
        term_months=t.term_months,
        revolving_months=t.revolving_months,
        default_probability=t.default_probability,
        loss_given_default=t.loss_given_default,
        credit_enhancement=t.credit_enhancement,
        detachment=t.detachment,
        early_amortisation_trigger=t.early_amortisation_trigger,
        loan_count=t.loan_count,
        asset_correlation=t.asset_correlation,
    )


def _p2p_terms(terms) -> P2pTerms:
    t = terms
    return P2pTerms(
        annual_rate=t.rate,
        term_months=t.term_months,
        repayment_method=None if t.repayment_method is None else kinds.RepaymentMethod(t.repayment_method),
        default_probability=t.default_probability,
        recovery_rate=None if t.loss_given_default is None else 1 - t.loss_given_default,
        loss_cover=None if t.loss_cover is None else kinds.LossCover(t.loss_cover),
        loss_cover_ratio=t.loss_cover_ratio,
        early_exit=t.early_exit,
        loan_count=t.loan_count,
        asset_correlation=t.asset_correlation,
    )


class ProductBuilder:
    """Builds ``Product`` objects for one request: the liquidity of identical terms is
    computed once, and staff-only fields are filled for staff only."""

    def __init__(
        self,
        *,
        today: date,
        calendar: TradingCalendar,
        staff: bool,
        latest_navs: dict[int, list[tuple[date, Decimal]]] | None = None,
    ) -> None:
        self.today = today
        self.calendar = calendar
        self.staff = staff
        self.latest_navs = latest_navs or {}
        self._liquidity: dict[tuple, Liquidity] = {}

    @classmethod
    def load(cls, *, session, today: date, staff: bool, products) -> ProductBuilder:
        """A builder for ``products`` with what they share read at once: the trading calendar
        and the latest recorded NAV of each equity fund."""
        equity = [p.id for p in products if p.kind == kinds.ProductKind.EQUITY_FUND]
        return cls(
            today=today,
            calendar=trading_calendar(session),
            staff=staff,
            latest_navs=products_service.latest_navs(session=session, product_ids=equity, up_to=today),
        )

    def liquidity(self, product: ProductModel) -> Liquidity:
        key = (product.liquidity, product.lock_days, product.maturity_date, product.settlement_days)
        found = self._liquidity.get(key)
        if found is None:
            value = liquidity_of(
                kind=product.liquidity,
                lock_days=product.lock_days,
                maturity_date=product.maturity_date,
                settlement_days=product.settlement_days,
                today=self.today,
                calendar=self.calendar,
            )
            found = self._liquidity[key] = Liquidity(
                kind=value.kind,
                available_after_days=value.available_after_days,
                lock_days=value.lock_days,
                maturity_date=value.maturity_date,
                redemption_settlement_days=value.settlement_days,
                estimated=value.estimated,
            )
        return found

    def build(self, product: ProductModel) -> Product:
        kind = kinds.ProductKind(product.kind)
        stored = product.figures
        money_fund = kind is kinds.ProductKind.MONEY_FUND
        equity = kind is kinds.ProductKind.EQUITY_FUND
        warning = products_service.risk_warning(product) if self.staff else None
        pending = None
        if self.staff and product.status == kinds.ProductStatus.PENDING_APPROVAL:
            pending = PendingApproval(
                requested_by_id=optional_global_id("User", product.pending_requested_by),
                requested_at=product.pending_requested_at,
                previous_status=kinds.ProductStatus(product.pending_from),
            )
        latest = None if stored is None else stored.latest_value
        latest_day = None if stored is None else stored.latest_value_date
        recorded = self.latest_navs.get(product.id) if equity else None  # from the NAVs, not the figures
        return Product(
            id=global_id("Product", product.id),
            code=product.code,
            name_zh=product.name_zh,
            name_en=product.name_en,
            kind=kind,
            issuer=product.issuer,
            risk_level=RiskLevelEnum(product.risk_level),
            currency=product.currency,
            minimum_amount=Money.of(MoneyValue(product.minimum_amount, product.currency)),
            qualified_only=product.qualified_only,
            asset_class=products_service.AssetClass(product.asset_class),
            registrar=product.registrar,
            switchable=bool(product.switchable),
            status=kinds.ProductStatus(product.status),
            is_demo=product.is_demo,
            fees=Fees(
                subscription_rate=product.subscription_fee_rate,
                management_rate=product.management_fee_rate,
                redemption=[
                    RedemptionFee(min_holding_days=t.min_holding_days, rate=t.rate) for t in product.redemption_fees
                ],
            ),
            liquidity=self.liquidity(product),
            fast_redemption_limit=None
            if product.fast_redemption_limit is None
            else Money.of(MoneyValue(product.fast_redemption_limit, product.currency)),
            seven_day_annualized_yield=None if stored is None else stored.seven_day_yield,
            income_per_10k_units=latest if money_fund else None,
            income_date=latest_day if money_fund else None,
            latest_nav=recorded[0][1] if recorded else (kinds.MONEY_FUND_NAV if money_fund else None),
            latest_nav_date=recorded[0][0] if recorded else None,
            abs_terms=_abs_terms(product.loan_terms)
            if kind is kinds.ProductKind.ABS_UNIT and product.loan_terms
            else None,
            p2p_terms=_p2p_terms(product.loan_terms)
            if kind is kinds.ProductKind.P2P_LOAN and product.loan_terms
            else None,
            risk_level_warning=None
            if warning is None
            else RiskLevelWarning(suggested_level=warning.suggested, message=warning.message),
            pending_approval=pending,
            catalogue_revision=product.revision,
            terms_revision=product.terms_revision or 0,
            launched_at=product.launched_at,
            _figures=stored,
        )
