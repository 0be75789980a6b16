"""The trading calendar over GraphQL.

Query ``tradingCalendar`` (anyone: the exchange's closures are public): how far the
platform's calendar reaches, its closures in a range, whether a day is a trading day, and,
for operators, the import log. Mutation ``importTradingCalendar`` (operators): the
exchange's holiday notice as ``date,name`` CSV text, all lines or none, one ``userErrors``
entry per bad line (field ``csv``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.graphql.node import Node, fetches
from api.ids import global_id
from api.mutations import run_mutation
from core.actor import Actor
from core.calendar import TradingCalendar as KnownCalendar
from core.errors import CommonErrorCode, DomainError, t
from tradingcalendar import service
from users.roles import Role

MAX_RANGE_DAYS = 3_700  # about ten years of closures per request


@strawberry.type(description="A weekday on which the exchange is closed (weekends are always closed).")
class TradingClosure:
    date: date
    name: str


@strawberry.type(description="One operator's import of the exchange's holiday notice (audit).")
class TradingCalendarImport(Node):
    imported_at: datetime
    actor: str
    source: str
    closures: list[TradingClosure]
    known_through_before: date
    known_through_after: date

    @classmethod
    def of(cls, r) -> TradingCalendarImport:
        return cls(
            id=global_id("TradingCalendarImport", r.id),
            imported_at=r.imported_at,
            actor=r.actor,
            source=r.source,
            closures=[TradingClosure(date=c.day, name=c.name) for c in r.closures],
            known_through_before=r.known_through_before,
            known_through_after=r.known_through_after,
        )


@fetches("TradingCalendarImport")
def _fetch_import(info: Info, key: int) -> TradingCalendarImport | None:
    ctx = info.context
    ctx.require_role(Role.OPERATOR)
    with ctx.db.read() as session:
        records = service.imports(session=session, limit=1, import_id=key)
    return TradingCalendarImport.of(records[0]) if records else None


@strawberry.type(
    description="The Shanghai exchange's trading days as the platform knows them. Orders, "
    "confirmations and settlements on days after knownThrough are refused with "
    "CALENDAR_NOT_PUBLISHED until operators import the exchange's notice."
)
class TradingCalendar:
    known_from: date
    known_through: date = strawberry.field(description="The last day the calendar knows.")
    days_left: int = strawberry.field(description="Calendar days after today that the calendar knows.")
    needs_import: bool = strawberry.field(
        description=f"Fewer than {service.MIN_DAYS_KNOWN} days are known: operators should import the next year."
    )
    known: strawberry.Private[KnownCalendar]

    @strawberry.field(description="Weekday closures between two days (inclusive), in date order.")
    def closures(
        self, info: Info, from_: Annotated[date, strawberry.argument(name="from")], to: date | None = None
    ) -> list[TradingClosure]:
        last = to if to is not None else from_ + timedelta(days=366)
        if last < from_:
            raise DomainError(CommonErrorCode.INVALID_INPUT, t("`to` is before `from`.", "`to` 早于 `from`。"), "to")
        if (last - from_).days > MAX_RANGE_DAYS:
            raise DomainError(
                CommonErrorCode.INVALID_INPUT,
                t(f"Ask for at most {MAX_RANGE_DAYS} days at a time.", f"一次最多查询 {MAX_RANGE_DAYS} 天。"),
                "to",
            )
        return [TradingClosure(date=c.day, name=c.name) for c in self.known.closures_between(from_, last)]

    @strawberry.field(description="Whether the exchange trades on a day; null when the calendar does not know it.")
    def is_trading_day(self, date: date) -> bool | None:
        return self.known.is_trading_day(date) if self.known.knows(date) else None

    @strawberry.field(description="Operators: the latest imports, newest first (null for anyone else).")
    def imports(self, info: Info, first: int = 20) -> list[TradingCalendarImport] | None:
        ctx = info.context
        viewer = ctx.viewer_or_none()
        if viewer is None or Role.OPERATOR not in viewer.roles:
            return None
        with ctx.db.read() as session:
            records = service.imports(session=session, limit=max(1, min(first, ctx.settings.max_page_size)))
        return [TradingCalendarImport.of(r) for r in records]

    @classmethod
    def of(cls, status: service.CalendarStatus, known: KnownCalendar) -> TradingCalendar:
        return cls(
            known_from=status.known_from,
            known_through=status.known_through,
            days_left=status.days_left,
            needs_import=not status.enough,
            known=known,
        )


@strawberry.input
class ImportTradingCalendarInput:
    csv: str = strawberry.field(
        description="The notice as CSV: header date,name; one weekday closure a line (YYYY-MM-DD, name)."
    )
    source: str | None = strawberry.field(default=None, description="Where it came from (the notice's title or URL).")


@strawberry.type
class ImportTradingCalendarPayload:
    calendar: TradingCalendar | None = None
    imported: int | None = strawberry.field(default=None, description="Closures added.")
    user_errors: list[UserError] = strawberry.field(default_factory=list)


def _calendar(ctx, session) -> TradingCalendar:
    return TradingCalendar.of(service.status(session=session, clock=ctx.clock), service.calendar(session))


@strawberry.type
class CalendarQuery:
    @strawberry.field(description="The exchange's trading calendar as the platform knows it.")
    def trading_calendar(self, info: Info) -> TradingCalendar:
        ctx = info.context
        with ctx.db.read() as session:
            return _calendar(ctx, session)


@strawberry.type
class CalendarMutation:
    @strawberry.mutation(description="Operators: import the exchange's holiday notice (all lines or none; audited).")
    async def import_trading_calendar(
        self, info: Info, input: ImportTradingCalendarInput
    ) -> ImportTradingCalendarPayload:
        ctx = info.context

        def action(session, viewer):
            summary = service.import_closures(
                session=session,
                clock=ctx.clock,
                actor=Actor.user(viewer.id, viewer.email),
                rows=service.parse_csv(input.csv),
                source=(input.source or "importTradingCalendar").strip(),
            )
            return {"calendar": _calendar(ctx, session), "imported": summary.loaded}

        return await run_mutation(info, ImportTradingCalendarPayload, input, action, roles=(Role.OPERATOR,))
