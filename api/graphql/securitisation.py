"""ABS pools over GraphQL (issue 19).

Staff: ``absPools(first, after)``, ``absPool(id)``; mutations ``createAbsPool`` (operators and
product managers), ``closeAbsPool`` and ``runAbsPoolMonth`` (operators; the daily job is
``runDailyJob(job: RUN_ABS_POOLS)``). Investors: ``Product.absPool`` of a pool-backed unit, and
``absPool(id)`` of a pool whose units they hold: the monthly servicer report
(``report(month)``), with the loans whose repayments paid the month (``loans``), so a coupon
can be traced to the loans behind it. Rules live in ``securitisation``; this module parses,
authorises and shapes.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from api.errors import UserError
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.ids import global_id, id_input, node_key, optional_global_id
from api.mutations import run_mutation
from api.pagination import Connection, build_connection, counter, page_request
from api.scalars import MoneyAmount
from core.errors import DomainError, t
from investing import service as investing_service
from products.errors import ProductsErrorCode
from securitisation import service as abs_service
from securitisation.models import AbsPool as PoolRow
from securitisation.models import AbsRun
from users.roles import STAFF_ROLES, Role

money = Money.of_minor


@strawberry.type(description="An early-amortisation trigger as measured in the month.")
class AbsTrigger:
    name: str = strawberry.field(
        description="CUMULATIVE_DEFAULT_RATE, EXCESS_SPREAD_3M_AVERAGE (yearly rate) or NOT_ENOUGH_ELIGIBLE_LOANS (months in a row)."
    )
    value: str
    threshold: str
    breached: bool


@strawberry.type
class AbsTrancheBalance:
    name: str = strawberry.field(description="SENIOR, MEZZANINE or SUBORDINATED.")
    balance: Money


@strawberry.type(description="A tranche of a pool and what it has received.")
class AbsTranche:
    name: str
    original: Money
    balance: Money
    rate: Decimal | None = strawberry.field(description="Yearly coupon; null: the subordinated residual.")
    retained: bool = strawberry.field(description="Kept by the lender (held to maturity, not transferable).")
    product_id: strawberry.ID | None
    interest_paid: Money
    principal_paid: Money
    written_down: Money
    guaranteed: Money = strawberry.field(description="Senior losses the guarantor paid in cash.")


@strawberry.type
class AbsBucket:
    bucket: str = strawberry.field(description="CURRENT, 1-30, 31-60, 61-90 or 90+ days past due.")
    loans: int
    amount: Money


@strawberry.type(description="Money collected from the pool's loans in the month.")
class AbsCollections:
    interest: Money = strawberry.field(description="Interest and penalty interest of performing loans.")
    principal: Money
    recoveries: Money = strawberry.field(description="Anything from loans already recognised as defaulted.")
    total: Money


@strawberry.type
class AbsAmount:
    loans: int
    amount: Money


@strawberry.type(description="Where the month's interest went, in the waterfall's order (plus the principal side).")
class AbsWaterfall:
    carried_in: Money
    reserve_drawn: Money
    fees: Money
    senior_interest_due: Money
    senior_interest: Money = strawberry.field(description="Allocated to the senior tranche.")
    senior_interest_paid: Money = strawberry.field(description="Reached the holders (each share truncated to the fen).")
    mezzanine_interest: Money
    deficiency_cured: Money = strawberry.field(
        description="Excess spread moved to principal to cover the month's defaults."
    )
    reserve_topup: Money
    subordinated_interest: Money
    carried_out: Money = strawberry.field(description="The holders' truncation residue, kept in the pool's cash.")
    guarantor_paid: Money
    deficiency_after: Money = strawberry.field(description="Losses neither cured nor written down.")
    principal_available: Money
    principal_paid: list[AbsTrancheBalance]
    written_down: list[AbsTrancheBalance]
    unspent: Money


@strawberry.type(description="What one loan paid in the month (the coupon's source).")
class AbsLoanCollection:
    loan_id: strawberry.ID
    interest: Money
    principal: Money
    recovery: Money


@strawberry.type(description="The monthly servicer report; its numbers reconcile to the ledger (robo ledger verify).")
class AbsPoolReport:
    month: str
    period: int
    payment_date: date
    status: str = strawberry.field(description="The pool's status after the month.")
    pool_balance: Money = strawberry.field(description="Performing principal owned after the month.")
    pool_loans: int
    collections: AbsCollections
    defaults: AbsAmount
    delinquency_buckets: list[AbsBucket]
    purchases: AbsAmount
    tranche_balances: list[AbsTrancheBalance]
    reserve: Money
    triggers: list[AbsTrigger]
    waterfall: AbsWaterfall
    csv: str = strawberry.field(description="The same report as CSV (item,value; amounts in fen).")
    _pool_id: strawberry.Private[int]
    _window: strawberry.Private[tuple[int, int]]

    @strawberry.field(description="The loans whose repayments the month allocated, by loan id.")
    def loans(self, info: Info, first: int | None = None, after: str | None = None) -> Connection[AbsLoanCollection]:
        request = page_request(first, after, max_page_size=info.context.settings.max_page_size, cursor=(int,))
        offset = 0 if request.after is None else int(request.after[0])
        with info.context.db.read() as session:
            rows = abs_service.reports.loans_that_paid(
                session, pool_id=self._pool_id, window=self._window, limit=request.limit + 1, offset=offset
            )
        numbered = list(enumerate(rows, offset + 1))
        return build_connection(
            numbered,
            request,
            key=lambda pair: [pair[0]],
            node=lambda pair: AbsLoanCollection(
                loan_id=global_id("Loan", pair[1].loan_id),
                interest=money(pair[1].interest),  # type: ignore[arg-type]
                principal=money(pair[1].principal),  # type: ignore[arg-type]
                recovery=money(pair[1].recovery),  # type: ignore[arg-type]
            ),
            count=counter(
                info.context.db,
                lambda session: abs_service.reports.count_loans_that_paid(
                    session, pool_id=self._pool_id, window=self._window
                ),
            ),
        )

    @classmethod
    def of(cls, pool: PoolRow, run: AbsRun) -> AbsPoolReport:
        pairs = lambda values: [AbsTrancheBalance(name=k, balance=money(int(v))) for k, v in values.items()]  # type: ignore[arg-type]  # noqa: E731
        return cls(
            month=run.date.strftime("%Y-%m"),
            period=run.period,
            payment_date=run.date,
            status=run.status_after,
            pool_balance=money(run.pool_balance),  # type: ignore[arg-type]
            pool_loans=run.pool_loans,
            collections=AbsCollections(
                interest=money(run.interest_collected),  # type: ignore[arg-type]
                principal=money(run.principal_collected),  # type: ignore[arg-type]
                recoveries=money(run.recoveries),  # type: ignore[arg-type]
                total=money(run.interest_collected + run.principal_collected + run.recoveries),  # type: ignore[arg-type]
            ),
            defaults=AbsAmount(loans=run.defaults_count, amount=money(run.defaults)),  # type: ignore[arg-type]
            delinquency_buckets=[
                AbsBucket(bucket=d["bucket"], loans=d["loans"], amount=money(d["amount"]))  # type: ignore[arg-type]
                for d in run.delinquency
            ],
            purchases=AbsAmount(loans=run.purchases_count, amount=money(run.purchases)),  # type: ignore[arg-type]
            tranche_balances=pairs(run.tranche_balances),
            reserve=money(run.reserve),  # type: ignore[arg-type]
            triggers=[AbsTrigger(**tr) for tr in run.triggers],
            waterfall=AbsWaterfall(
                carried_in=money(run.carry_in),  # type: ignore[arg-type]
                reserve_drawn=money(run.reserve_draw),  # type: ignore[arg-type]
                fees=money(run.fees),  # type: ignore[arg-type]
                senior_interest_due=money(run.senior_interest_due),  # type: ignore[arg-type]
                senior_interest=money(run.senior_interest),  # type: ignore[arg-type]
                senior_interest_paid=money(run.senior_interest_paid + run.guarantor_interest),  # type: ignore[arg-type]
                mezzanine_interest=money(run.mezzanine_interest),  # type: ignore[arg-type]
                deficiency_cured=money(run.deficiency_cured),  # type: ignore[arg-type]
                reserve_topup=money(run.reserve_topup),  # type: ignore[arg-type]
                subordinated_interest=money(run.subordinated_interest),  # type: ignore[arg-type]
                carried_out=money(run.carry_out),  # type: ignore[arg-type]
                guarantor_paid=money(run.guarantor_paid),  # type: ignore[arg-type]
                deficiency_after=money(run.deficiency_after),  # type: ignore[arg-type]
                principal_available=money(run.principal_available),  # type: ignore[arg-type]
                principal_paid=pairs(run.principal_paid),
                written_down=pairs(run.written_down),
                unspent=money(run.unspent),  # type: ignore[arg-type]
            ),
            csv=abs_service.reports.csv_text(pool, run),
            _pool_id=pool.id,
            _window=(run.watermark_from, run.watermark_to),
        )


@strawberry.type(description="Eligibility criteria of the loans a pool buys.")
class AbsCriteria:
    min_grade: str
    min_remaining_months: int
    max_remaining_months: int
    max_borrower_share: Decimal


@strawberry.type
class AbsGuarantor:
    name: str
    share: Decimal = strawberry.field(description="Share of senior losses it pays.")
    net_assets: Money


@strawberry.type(description="An input of the default model behind the senior unit's figures and where it comes from.")
class AbsModelInput:
    name: str = strawberry.field(
        description="DEFAULT_PROBABILITY, LOSS_GIVEN_DEFAULT, ASSET_CORRELATION, LOAN_COUNT or CREDIT_ENHANCEMENT."
    )
    value: Decimal | None = strawberry.field(description="What the figures in force use.")
    source: str = strawberry.field(
        description="OBSERVED (estimated from the pool's own loans) or ASSUMED (the product's terms)."
    )
    estimate: Decimal | None = strawberry.field(
        description="The pool's own estimate so far (default probability and loss given default), observed or not."
    )


@strawberry.type(
    description="How much of the unit's plain figures comes from the pool's own loans: observed once the pool is "
    "12 months past its closing with 500 resolved loans (at a monthly run), assumed before; as of the last run."
)
class AbsFiguresBasis:
    observed: bool
    as_of: date | None = strawberry.field(description="The payment date of the run the figures in force date from.")
    months: int = strawberry.field(description="Whole months from the pool's closing to `asOf`.")
    resolved_loans: int = strawberry.field(description="Paid off or in default by `asOf`.")
    defaulted_loans: int
    default_probability: Decimal | None = strawberry.field(description="The pool's own estimate (see `inputs`).")
    loss_given_default: Decimal | None = strawberry.field(description="The pool's own estimate (see `inputs`).")
    prepayment: Decimal | None
    note: str = strawberry.field(description="In the viewer's language.")
    inputs: list[AbsModelInput]


@strawberry.type(description="An ABS pool of the platform's own small loans.")
class AbsPool(Node):
    name: str
    status: str = strawberry.field(description="OFFERING, REVOLVING, AMORTISING or FINISHED.")
    size: Money
    closing_date: date
    closed_on: date | None
    payment_day: int
    revolving_months: int
    amortising_from: int | None = strawberry.field(description="The first month that paid principal down.")
    trigger: str | None = strawberry.field(description="The early-amortisation trigger that fired, if any.")
    periods_run: int
    criteria: AbsCriteria
    tranches: list[AbsTranche]
    guarantor: AbsGuarantor | None
    senior_product_id: strawberry.ID | None
    months: list[str] = strawberry.field(description="Months with a report (YYYY-MM).")
    _key: strawberry.Private[int]

    @strawberry.field(description="The servicer report of a month (YYYY-MM), or null before it ran.")
    def report(self, info: Info, month: str) -> AbsPoolReport | None:
        with info.context.db.read() as session:
            pool = abs_service.get_pool(session, self._key)
            run = abs_service.run_of_month(session, self._key, month)
            return None if run is None else AbsPoolReport.of(pool, run)

    @strawberry.field(description="Observed vs assumed inputs of the default model behind the senior unit's figures.")
    def figures_basis(self, info: Info) -> AbsFiguresBasis:
        with info.context.db.read() as session:
            found, inputs = abs_service.figures.inputs_in_force(session, pool=abs_service.get_pool(session, self._key))
        return AbsFiguresBasis(
            observed=found.observed,
            as_of=found.as_of,
            months=found.months,
            resolved_loans=found.resolved_loans,
            defaulted_loans=found.defaulted_loans,
            default_probability=found.default_probability,
            loss_given_default=found.loss_given_default,
            prepayment=found.prepayment,
            note=found.note.in_(info.context.locale),
            inputs=[AbsModelInput(name=i.name, value=i.value, source=i.source, estimate=i.estimate) for i in inputs],
        )

    @classmethod
    def load(cls, session, pool: PoolRow) -> AbsPool:
        tranches = abs_service.tranches_of(session, pool.id)
        return cls(
            id=global_id("AbsPool", pool.id),
            name=pool.name,
            status=pool.status,
            size=money(pool.size),  # type: ignore[arg-type]
            closing_date=pool.closing_date,
            closed_on=pool.closed_on,
            payment_day=pool.payment_day,
            revolving_months=pool.revolving_months,
            amortising_from=pool.amortising_from,
            trigger=pool.trigger,
            periods_run=pool.periods_run,
            criteria=AbsCriteria(
                min_grade=pool.min_grade,
                min_remaining_months=pool.min_remaining_months,
                max_remaining_months=pool.max_remaining_months,
                max_borrower_share=pool.max_borrower_share,
            ),
            tranches=[
                AbsTranche(
                    name=tr.name,
                    original=money(tr.original),  # type: ignore[arg-type]
                    balance=money(tr.balance),  # type: ignore[arg-type]
                    rate=tr.rate,
                    retained=tr.product_id is None,
                    product_id=optional_global_id("Product", tr.product_id),
                    interest_paid=money(tr.interest_paid),  # type: ignore[arg-type]
                    principal_paid=money(tr.principal_paid),  # type: ignore[arg-type]
                    written_down=money(tr.written_down),  # type: ignore[arg-type]
                    guaranteed=money(tr.guaranteed),  # type: ignore[arg-type]
                )
                for tr in tranches
            ],
            guarantor=None
            if not pool.guarantor_name
            else AbsGuarantor(
                name=pool.guarantor_name,
                share=pool.guarantor_share,
                net_assets=money(pool.guarantor_net_assets),  # type: ignore[arg-type]
            ),
            senior_product_id=optional_global_id("Product", tranches[0].product_id if tranches else None),
            months=[run.date.strftime("%Y-%m") for run in abs_service.runs_of(session, pool.id)],
            _key=pool.id,
        )


def _may_see(session, viewer, pool_id: int) -> bool:
    """Staff, or a holder of the pool's senior units."""
    if STAFF_ROLES & set(viewer.roles):
        return True
    tranches = abs_service.tranches_of(session, pool_id)
    if not tranches or tranches[0].product_id is None:
        return False
    return any(h.user_id == viewer.id for h in investing_service.holders_of(session, product_id=tranches[0].product_id))


def load_pool(info: Info, pool_id: int) -> AbsPool | None:
    ctx = info.context
    viewer = ctx.require_viewer()
    with ctx.db.read() as session:
        try:
            pool = abs_service.get_pool(session, pool_id)
        except DomainError:
            return None
        if not _may_see(session, viewer, pool_id):
            return None
        return AbsPool.load(session, pool)


def pool_of_product(info: Info, product_id: int) -> AbsPool | None:
    """``Product.absPool``: anyone who may see the product sees its pool's terms and reports."""
    with info.context.db.read() as session:
        pool = abs_service.pool_of_product(session, product_id)
        return None if pool is None else AbsPool.load(session, pool)


def _pools(info: Info, first: int | None, after: str | None) -> Connection[AbsPool]:
    ctx = info.context
    ctx.require_role(*STAFF_ROLES)
    request = page_request(first, after, max_page_size=ctx.settings.max_page_size, cursor=(int,))
    key = None if request.after is None else int(request.after[0])
    with ctx.db.read() as session:
        rows = abs_service.pools_page(session, limit=request.limit + 1, after=key)
        pools = [AbsPool.load(session, row) for row in rows]
    return build_connection(
        pools,
        request,
        key=lambda pool: [pool._key],
        node=lambda pool: pool,
        count=counter(ctx.db, abs_service.count_pools),
    )


@strawberry.type
class SecuritisationQuery:
    @strawberry.field(description="Staff: the ABS pools, newest first.")
    async def abs_pools(self, info: Info, first: int | None = None, after: str | None = None) -> Connection[AbsPool]:
        return await run_in_threadpool(_pools, info, first, after)

    @strawberry.field(description="An ABS pool (staff, or a holder of its senior units), or null.")
    async def abs_pool(self, info: Info, id: strawberry.ID) -> AbsPool | None:
        try:
            key = node_key(id, "AbsPool", field="id")
        except Exception:
            return None
        return await run_in_threadpool(load_pool, info, key)


# --- mutations ------------------------------------------------------------------------------


@strawberry.input(description="A new pool; money in CNY, shares and rates as fractions (0.05 = 5%).")
class CreateAbsPoolInput:
    name: str
    size: MoneyAmount
    senior: MoneyAmount = strawberry.field(description="Sold to qualified investors through seniorProductId.")
    subordinated: MoneyAmount = strawberry.field(description="Kept by the lender: at least 5% of the size.")
    senior_product_id: strawberry.ID = id_input(
        "Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND, message=t("No such product.", "找不到这个产品。")
    )
    closing_date: date
    mezzanine: MoneyAmount | None = None
    mezzanine_rate: Decimal | None = None
    payment_day: int = 20
    revolving_months: int = 12
    min_grade: str = "C"
    min_remaining_months: int = 1
    max_remaining_months: int = 12
    max_borrower_share: Decimal = Decimal("0.01")
    servicing_fee_rate: Decimal = Decimal("0.005")
    reserve_rate: Decimal = Decimal("0.01")
    trigger_default_rate: Decimal = Decimal("0.05")
    trigger_excess_spread: Decimal = Decimal(0)
    trigger_unspent_share: Decimal = Decimal("0.2")
    guarantor_name: str | None = None
    guarantor_share: Decimal = Decimal(0)
    guarantor_net_assets: MoneyAmount | None = None


@strawberry.type
class CreateAbsPoolPayload:
    pool: AbsPool | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class AbsPoolDateInput:
    pool_id: strawberry.ID = id_input("AbsPool", message=t("No such pool.", "找不到该资产池。"))
    date: date


@strawberry.type
class CloseAbsPoolPayload:
    pool: AbsPool | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RunAbsPoolMonthPayload:
    pool: AbsPool | None = None
    report: AbsPoolReport | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SecuritisationMutation:
    @strawberry.mutation(description="Staff: create an ABS pool (its senior units are an ABS_UNIT product).")
    async def create_abs_pool(self, info: Info, input: CreateAbsPoolInput) -> CreateAbsPoolPayload:
        ctx = info.context

        def action(session, viewer):
            terms = abs_service.PoolTerms(
                name=input.name,
                size=Decimal(input.size),
                senior=Decimal(input.senior),
                subordinated=Decimal(input.subordinated),
                senior_product_id=int(input.senior_product_id),
                closing_date=input.closing_date,
                mezzanine=Decimal(input.mezzanine or 0),
                mezzanine_rate=input.mezzanine_rate,
                payment_day=input.payment_day,
                revolving_months=input.revolving_months,
                min_grade=input.min_grade,
                min_remaining_months=input.min_remaining_months,
                max_remaining_months=input.max_remaining_months,
                max_borrower_share=input.max_borrower_share,
                servicing_fee_rate=input.servicing_fee_rate,
                reserve_rate=input.reserve_rate,
                trigger_default_rate=input.trigger_default_rate,
                trigger_excess_spread=input.trigger_excess_spread,
                trigger_unspent_share=input.trigger_unspent_share,
                guarantor_name=input.guarantor_name,
                guarantor_share=input.guarantor_share,
                guarantor_net_assets=Decimal(input.guarantor_net_assets or 0),
            )
            pool = abs_service.create_pool(session=session, clock=ctx.clock, terms=terms, actor=viewer.email)
            return {"pool": AbsPool.load(session, pool)}

        return await run_mutation(
            info, CreateAbsPoolPayload, input, action, roles=(Role.OPERATOR, Role.PRODUCT_MANAGER)
        )

    @strawberry.mutation(description="Operators: close a pool (true sale of its loans) on its closing date or later.")
    async def close_abs_pool(self, info: Info, input: AbsPoolDateInput) -> CloseAbsPoolPayload:
        ctx = info.context

        def action(session, _viewer):
            pool = abs_service.close_pool(
                session=session, clock=ctx.clock, settings=ctx.settings, pool_id=int(input.pool_id), day=input.date
            )
            return {"pool": AbsPool.load(session, pool)}

        return await run_mutation(info, CloseAbsPoolPayload, input, action, roles=(Role.OPERATOR,))

    @strawberry.mutation(
        description="Operators: run a pool's month (its payment date); twice, out of order or in the future: refused."
    )
    async def run_abs_pool_month(self, info: Info, input: AbsPoolDateInput) -> RunAbsPoolMonthPayload:
        ctx = info.context

        def action(session, _viewer):
            run = abs_service.run_period(
                session=session, clock=ctx.clock, settings=ctx.settings, pool_id=int(input.pool_id), day=input.date
            )
            pool = abs_service.get_pool(session, int(input.pool_id))
            return {"pool": AbsPool.load(session, pool), "report": AbsPoolReport.of(pool, run)}

        return await run_mutation(info, RunAbsPoolMonthPayload, input, action, roles=(Role.OPERATOR,))


@fetches("AbsPool")
def _fetch_pool(info: Info, key: int) -> AbsPool | None:
    return load_pool(info, key)
