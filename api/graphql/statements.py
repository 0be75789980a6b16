"""Monthly statements over GraphQL: ``me { statement(month: "2026-11") { opening closing lines
incomeTotal feesTotal } }``; the same statement as CSV at ``GET /statements/<month>.csv``
(``api.app``). The statement itself is ``investing.statements``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from api.graphql.money import Money
from api.graphql.user_core import viewer_id_of
from api.graphql.wallet import TransactionKind
from api.ids import global_id
from api.scalars import NavValue
from investing import service as domain


@strawberry.type(description="A holding on a statement: units, the NAV of record and their value.")
class StatementHolding:
    product_id: strawberry.ID = strawberry.field(description="The product's global id.")
    product_name: str = strawberry.field(description="In the viewer's language.")
    units: Decimal
    nav: NavValue
    value: Money


@strawberry.type(
    description="One asset's balances at the start or the end of a statement's month: the wallet's cash, the "
    "money-fund balance and every holding (money funds included), valued at the NAV of record on `navDate`."
)
class StatementBalances:
    currency: str
    at: datetime = strawberry.field(description="The moment the balances are taken at (exclusive).")
    nav_date: date = strawberry.field(description="The day whose prices value the holdings.")
    cash: Money
    money_fund: Money
    holdings: list[StatementHolding]
    total: Money = strawberry.field(description="cash + the value of every holding.")

    @classmethod
    def of(cls, balances: domain.Balances, locale: str) -> StatementBalances:
        return cls(
            currency=balances.asset,
            at=balances.at,
            nav_date=balances.nav_day,
            cash=Money.of_minor(balances.cash, balances.asset),
            money_fund=Money.of_minor(balances.money_fund, balances.asset),
            holdings=[
                StatementHolding(
                    product_id=strawberry.ID(global_id("Product", h.product_id)),
                    product_name=h.name.in_(locale),
                    units=h.units,
                    nav=h.nav,
                    value=Money.of_amount(h.value, balances.asset),
                )
                for h in balances.holdings
            ],
            total=Money.of_amount(balances.total, balances.asset),
        )


@strawberry.type(
    description="A movement of the wallet's cash: `amount` signed (negative: out). A loan product's payment has a "
    "line per part (COUPON, PRINCIPAL, GUARANTOR_PAYMENT); a pool-backed ABS unit's loss is a WRITE_DOWN line: no "
    "cash (`amount` 0), the principal of the units written down in `writtenDown`."
)
class StatementLine:
    date: date = strawberry.field(description="The day, in the platform's time zone.")
    at: datetime
    kind: TransactionKind
    description: str = strawberry.field(description="In the viewer's language.")
    amount: Money
    fee: Money | None
    balance_after: Money
    written_down: Money | None = strawberry.field(
        description="A WRITE_DOWN line: the principal lost (units retired without payment); null on other lines."
    )


@strawberry.type(
    description="A month's statement (对账单): opening + the lines = closing cash; incomeTotal (money-fund income "
    "and coupons) and feesTotal (charged less given back) are the month's."
)
class Statement:
    month: str
    first_date: date
    last_date: date
    opening: list[StatementBalances]
    closing: list[StatementBalances]
    lines: list[StatementLine]
    income_total: Money
    fees_total: Money
    written_down_total: Money = strawberry.field(
        description="The month's WRITE_DOWN lines: principal of pool-backed ABS units lost (before any guarantor's "
        "payment, which is its own GUARANTOR_PAYMENT line)."
    )
    csv_path: str = strawberry.field(description="Where to download it as CSV (send the same Bearer token).")

    @classmethod
    def of(cls, found: domain.Statement, locale: str) -> Statement:
        return cls(
            month=found.month,
            first_date=found.first_day,
            last_date=found.last_day,
            opening=[StatementBalances.of(b, locale) for b in found.opening],
            closing=[StatementBalances.of(b, locale) for b in found.closing],
            lines=[
                StatementLine(
                    date=line.day,
                    at=line.at,
                    kind=line.kind,
                    description=line.description.in_(locale),
                    amount=Money.of_minor(line.amount),
                    fee=Money.of_minor(line.fee),
                    balance_after=Money.of_minor(line.balance_after),
                    written_down=Money.of_minor(line.written_down),
                )
                for line in found.lines
            ],
            income_total=Money.of_minor(found.income_total),
            fees_total=Money.of_minor(found.fees_total),
            written_down_total=Money.of_minor(found.written_down_total),
            csv_path=f"/statements/{found.month}.csv",
        )


@strawberry.type
class StatementViewerFields:
    """Fields this module adds to the signed-in User."""

    @strawberry.field(
        description="The statement of `month` (YYYY-MM, the platform's time zone); a month that has not begun is "
        "refused (INVALID_INPUT), one before you had anything has zeros and no lines. Null on other users."
    )
    def statement(self, info: Info, month: str) -> Statement | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return None
        ctx = info.context
        with ctx.db.read() as session:
            found = domain.statement(session, clock=ctx.clock, user_id=user_id, month=month)
        return Statement.of(found, ctx.locale)
