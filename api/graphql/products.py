"""The catalogue over GraphQL.

Queries: ``products`` (Relay connection; filters and sort), ``product(id)``,
``catalogueVersion``, ``productAuditLog`` (product managers and operators).
Mutations (product managers; anyone else gets ``FORBIDDEN``): ``createProduct``,
``updateProduct``, ``changeProductStatus``, ``approveProductStatusChange``, ``recordNav``,
``recordMoneyFundIncome``.

Who sees what: lists show ON_SALE products (product managers see every status). Products
for qualified investors only are shown to qualified investors and staff only: whether the
viewer is a qualified investor comes from the questionnaire's current profile
(``questionnaire.profiles.current_profile``), which must still be valid.

Ids and cursors from clients are checked before they reach the database (``core.ids``,
typed cursors of ``api.pagination``): an id that cannot exist is "no such product".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from sqlalchemy.orm import Session
from strawberry.types import Info

from api.errors import UserError, valid
from api.graphql.node import fetch, fetches
from api.graphql.product_types import (
    AssetClass,
    ChangeRequestStatus,
    IncomeFigureRequest,
    LiquidityKind,
    LossCover,
    Product,
    ProductAuditEntry,
    ProductBuilder,
    ProductChangeRequest,
    ProductKind,
    ProductSortBy,
    ProductStatus,
    RepaymentMethod,
)
from api.graphql.risk import RiskLevel
from api.ids import id_input, node_key
from api.mutations import run_mutation
from api.pagination import Connection, build_connection, counter, page_request
from api.scalars import MoneyAmount, NavValue
from core.errors import CommonErrorCode, DomainError, t
from core.risk import Qualification
from products import service
from products.errors import ProductsErrorCode
from products.kinds import ProductStatus as Status
from products.service import Actor, FeeTier, LoanTermsForm
from questionnaire import service as questionnaire_service
from users.roles import Role
from users.service import Viewer

__all__ = ["ProductsMutation", "ProductsQuery", "ProductsViewerFields"]

UNSET = strawberry.UNSET


def viewer_qualifications(*, session: Session, viewer: Viewer | None, clock) -> frozenset[Qualification]:
    """The qualified-investor tests the viewer passes now (nobody signed in passes any)."""
    return questionnaire_service.qualifications(
        session=session, user_id=None if viewer is None else viewer.id, clock=clock
    )


def _roles(viewer: Viewer | None) -> frozenset:
    return frozenset() if viewer is None else frozenset(viewer.roles)


def _product_id(value: strawberry.ID | int, field: str = "productId") -> int:
    """A product's key: an input's (``check_input`` decoded its global id) or an argument's."""
    if isinstance(value, int):
        return value
    return node_key(
        value,
        "Product",
        field=field,
        code=ProductsErrorCode.PRODUCT_NOT_FOUND,
        message=t("No such product.", "找不到这个产品。"),
    )


def _actor(viewer: Viewer) -> Actor:
    return Actor.user(viewer.id, viewer.email)


# --- inputs ------------------------------------------------------------------------------


@strawberry.input
class RedemptionFeeInput:
    min_holding_days: int
    rate: Decimal


@strawberry.input(description="ABS tranche terms; give what you have, a draft may be completed later.")
class AbsTermsInput:
    coupon_rate: Decimal | None = UNSET
    term_months: int | None = UNSET
    revolving_months: int | None = UNSET
    default_probability: Decimal | None = UNSET
    loss_given_default: Decimal | None = UNSET
    credit_enhancement: Decimal | None = UNSET
    detachment: Decimal | None = UNSET
    early_amortisation_trigger: Decimal | None = UNSET
    loan_count: int | None = UNSET
    asset_correlation: Decimal | None = UNSET


@strawberry.input(description="P2P product terms; give what you have, a draft may be completed later.")
class P2pTermsInput:
    annual_rate: Decimal | None = UNSET
    term_months: int | None = UNSET
    repayment_method: RepaymentMethod | None = UNSET
    default_probability: Decimal | None = UNSET
    recovery_rate: Decimal | None = UNSET
    loss_cover: LossCover | None = UNSET
    loss_cover_ratio: Decimal | None = UNSET
    early_exit: bool | None = UNSET
    loan_count: int | None = UNSET
    asset_correlation: Decimal | None = UNSET


@strawberry.input
class CreateProductInput:
    code: str
    name_zh: str
    name_en: str
    kind: ProductKind
    issuer: str
    risk_level: RiskLevel
    minimum_amount: MoneyAmount
    liquidity: LiquidityKind
    currency: str | None = None
    qualified_only: bool | None = strawberry.field(default=None, description="Default: true for ABS units.")
    asset_class: AssetClass | None = strawberry.field(
        default=None,
        description="FIXED_INCOME, MIXED, EQUITY or SECURITISATION (default by kind); sets the "
        "qualified-investor holding floor.",
    )
    subscription_fee_rate: Decimal | None = None
    management_fee_rate: Decimal | None = None
    redemption_fees: list[RedemptionFeeInput] | None = None
    lock_days: int | None = None
    maturity_date: date | None = None
    redemption_settlement_days: int | None = strawberry.field(
        default=None, description="Default 3 for equity funds, else 0."
    )
    fast_redemption_limit: MoneyAmount | None = strawberry.field(
        default=None, description="Money funds; default ROBO_FAST_REDEMPTION_DAILY_LIMIT."
    )
    registrar: str | None = strawberry.field(default=None, description="Funds: the registrar (登记机构).")
    switchable: bool | None = strawberry.field(
        default=None, description="Funds: allow switching (转换) within the issuer and registrar (default false)."
    )
    abs_terms: AbsTermsInput | None = None
    p2p_terms: P2pTermsInput | None = None


@strawberry.input(description="Only the fields given change; null clears an optional field.")
class UpdateProductInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    name_zh: str | None = UNSET
    name_en: str | None = UNSET
    issuer: str | None = UNSET
    risk_level: RiskLevel | None = UNSET
    minimum_amount: MoneyAmount | None = UNSET
    liquidity: LiquidityKind | None = UNSET
    currency: str | None = UNSET
    qualified_only: bool | None = UNSET
    asset_class: AssetClass | None = UNSET
    subscription_fee_rate: Decimal | None = UNSET
    management_fee_rate: Decimal | None = UNSET
    redemption_fees: list[RedemptionFeeInput] | None = UNSET
    lock_days: int | None = UNSET
    maturity_date: date | None = UNSET
    redemption_settlement_days: int | None = UNSET
    fast_redemption_limit: MoneyAmount | None = UNSET
    registrar: str | None = UNSET
    switchable: bool | None = UNSET
    abs_terms: AbsTermsInput | None = UNSET
    p2p_terms: P2pTermsInput | None = UNSET


@strawberry.input
class ChangeProductStatusInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    status: ProductStatus


@strawberry.input
class ApproveProductStatusChangeInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    terms_revision: int | None = strawberry.field(
        default=None, description="The terms revision you reviewed; refused (STALE_REVISION) if the terms changed."
    )


@strawberry.input
class RecordNavInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    date: date
    nav: NavValue


@strawberry.input
class RecordMoneyFundIncomeInput:
    product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    date: date
    income_per_10k_units: NavValue


# Input field -> domain column, for the common terms.
COMMON_INPUTS = {
    "name_zh": "name_zh",
    "name_en": "name_en",
    "issuer": "issuer",
    "risk_level": "risk_level",
    "minimum_amount": "minimum_amount",
    "liquidity": "liquidity",
    "currency": "currency",
    "qualified_only": "qualified_only",
    "asset_class": "asset_class",
    "subscription_fee_rate": "subscription_fee_rate",
    "management_fee_rate": "management_fee_rate",
    "redemption_fees": "redemption_fees",
    "lock_days": "lock_days",
    "maturity_date": "maturity_date",
    "redemption_settlement_days": "settlement_days",
    "fast_redemption_limit": "fast_redemption_limit",
    "registrar": "registrar",
    "switchable": "switchable",
}
LOAN_INPUTS = {"coupon_rate": "rate", "annual_rate": "rate"}


def _given(value) -> bool:
    return value is not UNSET


def _common_terms(input, *, with_unset: bool) -> dict:
    values = {}
    for name, column in COMMON_INPUTS.items():
        value = getattr(input, name)
        if not _given(value):
            continue
        if name == "redemption_fees" and value is not None:
            value = [FeeTier(item.min_holding_days, item.rate) for item in value]
        elif name == "redemption_fees" and with_unset:
            value = []
        values[column] = value
    return values


def _loan_terms(input) -> tuple[LoanTermsForm, dict] | None:
    given = [(name, getattr(input, name)) for name in ("abs_terms", "p2p_terms") if _given(getattr(input, name))]
    given = [(name, value) for name, value in given if value is not None]
    if not given:
        return None
    if len(given) > 1:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t("Give absTerms or p2pTerms, not both.", "absTerms 和 p2pTerms 只能填一个。"),
            "p2pTerms",
        )
    name, terms = given[0]
    form = LoanTermsForm.ABS if name == "abs_terms" else LoanTermsForm.P2P
    values = {}
    for field in terms.__dataclass_fields__:
        value = getattr(terms, field)
        if _given(value):
            values[LOAN_INPUTS.get(field, field)] = value
    return form, values


# --- payloads ----------------------------------------------------------------------------


@strawberry.type
class ProductPayload:
    product: Product | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CreateProductPayload(ProductPayload):
    pass


@strawberry.type
class UpdateProductPayload(ProductPayload):
    change_request: ProductChangeRequest | None = strawberry.field(
        default=None,
        description="For a product that has been on sale: the change waits here for a second product manager "
        "(the product is unchanged until then).",
    )


@strawberry.input
class ApproveProductChangeInput:
    change_request_id: strawberry.ID = id_input(
        "ProductChangeRequest", message=t("No such change request.", "找不到这条变更申请。")
    )


@strawberry.input
class RejectProductChangeInput:
    change_request_id: strawberry.ID = id_input(
        "ProductChangeRequest", message=t("No such change request.", "找不到这条变更申请。")
    )
    note: str | None = None


@strawberry.type
class ApproveProductChangePayload(ProductPayload):
    pass


@strawberry.type
class RejectProductChangePayload:
    change_request: ProductChangeRequest | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ChangeProductStatusPayload(ProductPayload):
    pass


@strawberry.type
class ApproveProductStatusChangePayload(ProductPayload):
    pass


@strawberry.type
class RecordNavPayload(ProductPayload):
    pass


@strawberry.type
class RecordMoneyFundIncomePayload(ProductPayload):
    income_request: IncomeFigureRequest | None = strawberry.field(
        default=None,
        description="A figure below 0 or above 3.0000: it waits here for a second member of staff (approveIncomeFigure).",
    )


def _manager_view(ctx, session, product) -> dict:
    """The product as stored (re-read, so it shows exactly what a later query will)."""
    session.flush()
    session.expire_all()
    reloaded = service.load_product(session=session, product_id=product.id)
    builder = ProductBuilder.load(session=session, today=ctx.clock.today(), staff=True, products=[reloaded])
    return {"product": builder.build(reloaded)}


# --- schema ------------------------------------------------------------------------------


@strawberry.type
class ProductsViewerFields:
    """The catalogue adds no fields to the signed-in user."""


@strawberry.type
class ProductsQuery:
    @strawberry.field(description="Products on sale (product managers: every status, or the one asked for).")
    def products(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        kind: ProductKind | None = None,
        max_risk_level: RiskLevel | None = None,
        liquidity: LiquidityKind | None = None,
        sort_by: ProductSortBy = service.SortBy.NAME,
        status: ProductStatus | None = None,
        search: Annotated[
            str | None,
            strawberry.argument(description="Text in the product's code or name (either language), any case."),
        ] = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Product]:
        ctx = info.context
        sort = service.SortBy(sort_by)
        request = page_request(
            first,
            after,
            last=last,
            before=before,
            max_page_size=ctx.settings.max_page_size,
            cursor=service.cursor_types(sort),
        )
        viewer = ctx.viewer_or_none()
        statuses = service.listed_statuses(_roles(viewer), None if status is None else Status(status))
        staff = service.is_staff(_roles(viewer))
        with ctx.db.read(replica=True) as session:
            passes = service.list_qualifications(
                _roles(viewer),
                viewer_qualifications(session=session, viewer=viewer, clock=ctx.clock) if not staff else frozenset(),
            )
            filters = service.ProductFilter(
                statuses=statuses,
                qualifications=passes,
                kind=kind,
                max_risk_level=max_risk_level,
                liquidity=liquidity,
                search=None if search is None else valid(search, "search").strip()[:100] or None,
            )
            rows = service.list_products(
                session=session,
                filters=filters,
                sort=sort,
                limit=request.limit + 1,
                after=request.boundary,
                backward=request.backward,
            )
            builder = ProductBuilder.load(session=session, today=ctx.clock.today(), staff=staff, products=rows)
        return build_connection(
            rows,
            request,
            key=lambda p: service.sort_key(p, sort),
            node=builder.build,
            count=counter(ctx.db, lambda s: service.count_products(session=s, filters=filters)),
        )

    @strawberry.field(description="One product, or null when it does not exist or is not shown to you.")
    async def product(self, info: Info, id: strawberry.ID) -> Product | None:
        return await fetch(info, id, "Product")

    @strawberry.field(
        description="Changes whenever a product goes on or off sale, or an on-sale product or its figures change."
    )
    def catalogue_version(self, info: Info) -> str:
        with info.context.db.read() as session:
            return service.catalogue_version(session=session)

    @strawberry.field(description="Product managers and operators: changes of terms, newest first (default: pending).")
    def product_change_requests(
        self,
        info: Info,
        status: ChangeRequestStatus | None = ChangeRequestStatus.PENDING,
        product_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ProductChangeRequest]:
        ctx = info.context
        ctx.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
        request = page_request(
            first, after, last=last, before=before, max_page_size=ctx.settings.max_page_size, cursor=(int,)
        )
        after_id = None if request.boundary is None else request.boundary[0]
        product_key = None if product_id is None else _product_id(product_id)
        wanted = None if status is None else service.ChangeStatus(status.value if hasattr(status, "value") else status)
        with ctx.db.read() as session:
            rows = service.change_requests(
                session=session,
                product_id=product_key,
                status=wanted,
                limit=request.limit + 1,
                after_id=after_id,
                backward=request.backward,
            )
        return build_connection(
            rows,
            request,
            key=lambda r: [r.id],
            node=ProductChangeRequest.of,
            count=counter(
                ctx.db,
                lambda s: service.count_change_requests(session=s, product_id=product_key, status=wanted),
            ),
        )

    @strawberry.field(description="Who changed what and when (product managers and operators), newest first.")
    def product_audit_log(
        self,
        info: Info,
        product_id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ProductAuditEntry]:
        ctx = info.context
        ctx.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
        request = page_request(
            first, after, last=last, before=before, max_page_size=ctx.settings.max_page_size, cursor=(int,)
        )
        after_id = None if request.boundary is None else request.boundary[0]
        with ctx.db.read() as session:
            product = service.get_product(session=session, product_id=_product_id(product_id))
            records = service.audit_entries(
                session=session,
                product_id=product.id,
                limit=request.limit + 1,
                after_id=after_id,
                backward=request.backward,
            )
        return build_connection(
            records,
            request,
            key=lambda r: [r.id],
            node=ProductAuditEntry.of,
            count=counter(ctx.db, lambda s: service.count_audit_entries(session=s, product_id=product.id)),
        )


# --- refetching by global id -----------------------------------------------------------------


@fetches("Product")
def _fetch_product(info: Info, key: int) -> Product | None:
    """A product as the viewer may see it (the catalogue's rules), else None."""
    ctx = info.context
    viewer = ctx.viewer_or_none()
    staff = service.is_staff(_roles(viewer))
    with ctx.db.read() as session:
        product = service.load_product(session=session, product_id=key)
        if product is None:
            return None
        passed = (
            viewer_qualifications(session=session, viewer=viewer, clock=ctx.clock)
            if product.qualified_only and not staff
            else frozenset()
        )
        if not service.may_see(product, roles=_roles(viewer), passed=passed):
            return None
        builder = ProductBuilder.load(session=session, today=ctx.clock.today(), staff=staff, products=[product])
    return builder.build(product)


@fetches("ProductChangeRequest")
def _fetch_change_request(info: Info, key: int) -> ProductChangeRequest | None:
    info.context.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
    with info.context.db.read() as session:
        rows = service.change_requests(session=session, request_id=key, limit=1)
    return ProductChangeRequest.of(rows[0]) if rows else None


@fetches("ProductAuditEntry")
def _fetch_audit_entry(info: Info, key: int) -> ProductAuditEntry | None:
    info.context.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
    with info.context.db.read() as session:
        records = service.audit_entries(session=session, product_id=None, entry_id=key, limit=1)
    return ProductAuditEntry.of(records[0]) if records else None


MANAGERS = (Role.PRODUCT_MANAGER,)


@strawberry.type
class ProductsMutation:
    @strawberry.mutation(description="Create a product as a DRAFT (product managers).")
    async def create_product(self, info: Info, input: CreateProductInput) -> CreateProductPayload:
        ctx = info.context

        def action(session, viewer):
            loan = _loan_terms(input)
            common = _common_terms(input, with_unset=False)
            common["code"] = input.code
            product = service.create_product(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                actor=_actor(viewer),
                kind=input.kind,
                common=common,
                loan=None if loan is None else loan[1],
                loan_form=None if loan is None else loan[0],
            )
            return _manager_view(ctx, session, product)

        return await run_mutation(info, CreateProductPayload, input, action, roles=MANAGERS)

    @strawberry.mutation(description="Change some terms of a product (product managers); audited.")
    async def update_product(self, info: Info, input: UpdateProductInput) -> UpdateProductPayload:
        ctx = info.context

        def action(session, viewer):
            product_id = _product_id(input.product_id)
            loan = _loan_terms(input)
            proposal = service.propose_change(
                session=session,
                clock=ctx.clock,
                actor=_actor(viewer),
                product_id=product_id,
                common=_common_terms(input, with_unset=True),
                loan=None if loan is None else loan[1],
                loan_form=None if loan is None else loan[0],
            )
            request = None if proposal.request is None else ProductChangeRequest.of(proposal.request)
            return {**_manager_view(ctx, session, proposal.product), "change_request": request}

        return await run_mutation(info, UpdateProductPayload, input, action, roles=MANAGERS)

    @strawberry.mutation(description="Four eyes: a second product manager applies a pending change of terms.")
    async def approve_product_change(self, info: Info, input: ApproveProductChangeInput) -> ApproveProductChangePayload:
        ctx = info.context

        def action(session, viewer):
            product = service.approve_change(
                session=session, clock=ctx.clock, actor=_actor(viewer), request_id=input.change_request_id
            )
            return _manager_view(ctx, session, product)

        return await run_mutation(info, ApproveProductChangePayload, input, action, roles=MANAGERS)

    @strawberry.mutation(description="Reject another product manager's change of terms (or withdraw your own).")
    async def reject_product_change(self, info: Info, input: RejectProductChangeInput) -> RejectProductChangePayload:
        ctx = info.context

        def action(session, viewer):
            found = service.reject_change(
                session=session,
                clock=ctx.clock,
                actor=_actor(viewer),
                request_id=input.change_request_id,
                note=input.note,
            )
            return {"change_request": ProductChangeRequest.of(found)}

        return await run_mutation(info, RejectProductChangePayload, input, action, roles=MANAGERS)

    @strawberry.mutation(
        description="Suspend, close, or ask to put on sale (then PENDING_APPROVAL until another product manager approves)."
    )
    async def change_product_status(self, info: Info, input: ChangeProductStatusInput) -> ChangeProductStatusPayload:
        ctx = info.context

        def action(session, viewer):
            product = service.change_status(
                session=session,
                clock=ctx.clock,
                actor=_actor(viewer),
                product_id=_product_id(input.product_id),
                status=input.status,
            )
            return _manager_view(ctx, session, product)

        return await run_mutation(info, ChangeProductStatusPayload, input, action, roles=MANAGERS)

    @strawberry.mutation(description="Four eyes: a second product manager puts a product waiting for approval on sale.")
    async def approve_product_status_change(
        self, info: Info, input: ApproveProductStatusChangeInput
    ) -> ApproveProductStatusChangePayload:
        ctx = info.context

        def action(session, viewer):
            product = service.approve_status_change(
                session=session,
                clock=ctx.clock,
                actor=_actor(viewer),
                product_id=_product_id(input.product_id),
                terms_revision=input.terms_revision,
            )
            return _manager_view(ctx, session, product)

        return await run_mutation(info, ApproveProductStatusChangePayload, input, action, roles=MANAGERS)

    @strawberry.mutation(description="Record an equity fund's NAV of a day (not after today); figures are recomputed.")
    async def record_nav(self, info: Info, input: RecordNavInput) -> RecordNavPayload:
        ctx = info.context

        def action(session, viewer):
            product = service.record_nav(
                session=session,
                clock=ctx.clock,
                actor=_actor(viewer),
                product_id=_product_id(input.product_id),
                day=input.date,
                nav=input.nav,
            )
            return _manager_view(ctx, session, product)

        return await run_mutation(info, RecordNavPayload, input, action, roles=MANAGERS)

    @strawberry.mutation(description="Record a money fund's income per 10,000 units of a day; figures are recomputed.")
    async def record_money_fund_income(
        self, info: Info, input: RecordMoneyFundIncomeInput
    ) -> RecordMoneyFundIncomePayload:
        ctx = info.context

        def action(session, viewer):
            product_id = _product_id(input.product_id)
            if service.needs_second_approval(input.income_per_10k_units):
                request = service.request_income_figure(
                    session=session,
                    clock=ctx.clock,
                    actor=_actor(viewer),
                    product_id=product_id,
                    day=input.date,
                    income_per_10k=input.income_per_10k_units,
                )
                product = service.get_product(session=session, product_id=product_id)
                return {**_manager_view(ctx, session, product), "income_request": IncomeFigureRequest.of(request)}
            product = service.record_income(
                session=session,
                clock=ctx.clock,
                actor=_actor(viewer),
                product_id=product_id,
                day=input.date,
                income_per_10k=input.income_per_10k_units,
            )
            return _manager_view(ctx, session, product)

        return await run_mutation(info, RecordMoneyFundIncomePayload, input, action, roles=MANAGERS)
