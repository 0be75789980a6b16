"""The platform's settable clock over GraphQL: ``platformDate`` reads it (anyone: apps default
their dates to the platform's day, not the device's), and ``setClock`` (operators, ``ROBO_ENV``
dev or test only) moves it for every server process and worker (``ledger.clock``)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.mutations import run_mutation
from ledger import service as platform
from users.roles import Role


@strawberry.input
class SetClockInput:
    at: datetime = strawberry.field(
        description="The new platform time, with its zone (2027-01-04T09:00:00+08:00); it runs on from there."
    )


@strawberry.type
class SetClockPayload:
    now: datetime | None = strawberry.field(default=None, description="The platform's time after the change.")
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ClockQuery:
    @strawberry.field(
        description="Today on the platform's clock, in the platform's time zone: the day statements, orders and "
        "daily jobs go by. It differs from the device's date when the clock was set (setClock) or the device "
        "is in another time zone."
    )
    def platform_date(self, info: Info) -> date:
        return info.context.clock.today()


@strawberry.type
class ClockMutation:
    @strawberry.mutation(
        description="Operators, when ROBO_ENV is dev or test (CLOCK_NOT_SETTABLE in production): move the platform's "
        "clock for every process. Not before the ledger's latest entry (CLOCK_BEFORE_LEDGER)."
    )
    async def set_clock(self, info: Info, input: SetClockInput) -> SetClockPayload:
        ctx = info.context

        def action(session, viewer):
            at = platform.set_clock(
                session=session, clock=ctx.clock, settings=ctx.settings, at=input.at, set_by=f"user {viewer.id}"
            )
            return {"now": at.astimezone(ctx.clock.zone)}

        return await run_mutation(info, SetClockPayload, input, action, roles=(Role.OPERATOR,))
