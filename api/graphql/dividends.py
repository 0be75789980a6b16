"""Fund distributions (dividends) over GraphQL: ``recordDistribution`` (a product manager),
``approveDistribution`` / ``rejectDistribution`` (a second one), ``setDividendChoice`` (a
holder: CASH or REINVEST per fund). Rules: ``investing.dividends``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from api.errors import UserError
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.ids import global_id, id_input
from api.mutations import run_mutation
from api.scalars import NavValue
from investing.models import FundDistribution as DistributionRow
from investing.service import dividends
from products.errors import ProductsErrorCode
from users.roles import Role

DividendChoice = strawberry.enum(
    dividends.DividendChoiceKind, name="DividendChoice", description="CASH (the fund contract's default) or REINVEST."
)
DistributionStatus = strawberry.enum(dividends.DistributionStatus, name="DistributionStatus")


@strawberry.type(description="A distribution (dividend) of an equity fund.")
class FundDistribution(Node):
    id: strawberry.ID
    product_id: strawberry.ID
    record_date: date
    ex_date: date
    pay_date: date
    amount_per_unit: Decimal
    status: DistributionStatus  # type: ignore[valid-type]
    requested_at: datetime
    decided_at: datetime | None
    paid_at: datetime | None
    holders: int | None
    total_cash: Money | None
    total_reinvested: Money | None

    @classmethod
    def of(cls, row: DistributionRow) -> FundDistribution:
        return cls(
            id=global_id("FundDistribution", row.id),
            product_id=global_id("Product", row.product_id),
            record_date=row.record_date,
            ex_date=row.ex_date,
            pay_date=row.pay_date,
            amount_per_unit=row.amount_per_unit,
            status=dividends.DistributionStatus(row.status),
            requested_at=row.requested_at,
            decided_at=row.decided_at,
            paid_at=row.paid_at,
            holders=row.holders,
            total_cash=Money.of_minor(row.total_cash),
            total_reinvested=Money.of_minor(row.total_reinvested),
        )


@fetches("FundDistribution")
async def _fetch(info: Info, key: int) -> FundDistribution:
    ctx = info.context

    def read() -> FundDistribution:
        ctx.require_role(Role.PRODUCT_MANAGER, Role.OPERATOR)
        with ctx.db.read() as session:
            return FundDistribution.of(dividends.distribution(session, key))

    return await run_in_threadpool(read)


@strawberry.input
class RecordDistributionInput:
    product_id: strawberry.ID = id_input("Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND)
    record_date: date
    ex_date: date
    pay_date: date
    amount_per_unit: NavValue = strawberry.field(description="CNY per unit, up to 4 decimals.")


@strawberry.input
class DecideDistributionInput:
    distribution_id: strawberry.ID = id_input("FundDistribution")


@strawberry.type
class DistributionPayload:
    distribution: FundDistribution | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class SetDividendChoiceInput:
    product_id: strawberry.ID = id_input("Product", code=ProductsErrorCode.PRODUCT_NOT_FOUND)
    choice: DividendChoice  # type: ignore[valid-type]


@strawberry.type
class SetDividendChoicePayload:
    choice: DividendChoice | None = None  # type: ignore[valid-type]
    user_errors: list[UserError] = strawberry.field(default_factory=list)


MANAGERS = (Role.PRODUCT_MANAGER,)


@strawberry.type
class DividendsMutation:
    @strawberry.mutation(description="Record an equity fund's distribution; a second product manager approves it.")
    async def record_distribution(self, info: Info, input: RecordDistributionInput) -> DistributionPayload:
        ctx = info.context

        def action(session, viewer):
            row = dividends.request_distribution(
                session=session,
                clock=ctx.clock,
                actor_id=viewer.id,
                product_id=input.product_id,
                record_date=input.record_date,
                ex_date=input.ex_date,
                pay_date=input.pay_date,
                amount_per_unit=input.amount_per_unit,
            )
            return {"distribution": FundDistribution.of(row)}

        return await run_mutation(info, DistributionPayload, input, action, roles=MANAGERS)

    @strawberry.mutation(description="Approve a distribution recorded by another product manager.")
    async def approve_distribution(self, info: Info, input: DecideDistributionInput) -> DistributionPayload:
        return await _decide(info, input, approve=True)

    @strawberry.mutation(description="Reject a distribution recorded by another product manager.")
    async def reject_distribution(self, info: Info, input: DecideDistributionInput) -> DistributionPayload:
        return await _decide(info, input, approve=False)

    @strawberry.mutation(description="Take a fund's future distributions in cash or reinvested (no fee).")
    async def set_dividend_choice(self, info: Info, input: SetDividendChoiceInput) -> SetDividendChoicePayload:
        ctx = info.context

        def action(session, viewer):
            choice = dividends.set_dividend_choice(
                session=session,
                clock=ctx.clock,
                user_id=viewer.id,
                product_id=input.product_id,
                choice=dividends.DividendChoiceKind(input.choice),
            )
            return {"choice": choice}

        return await run_mutation(info, SetDividendChoicePayload, input, action)


async def _decide(info: Info, input: DecideDistributionInput, *, approve: bool) -> DistributionPayload:
    ctx = info.context

    def action(session, viewer):
        row = dividends.decide_distribution(
            session=session, clock=ctx.clock, actor_id=viewer.id, distribution_id=input.distribution_id, approve=approve
        )
        return {"distribution": FundDistribution.of(row)}

    return await run_mutation(info, DistributionPayload, input, action, roles=MANAGERS)
