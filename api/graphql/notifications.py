"""Notifications: ``me.notifications(first, after, unreadOnly)``, ``me.unreadNotificationCount``
and ``markNotificationsRead(ids)``.

Reading first copies any new ledger events into notifications (``notifications.service.
catch_up``: one cheap read when there are none), so a payment's notification is there as soon as
the payment committed. Titles and bodies are in the viewer's language (``Context.locale``).
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from api.errors import UserError
from api.graphql.investing import FundOrder
from api.graphql.money import Money
from api.graphql.node import Node, fetch, fetches
from api.graphql.product_types import Product
from api.graphql.user_core import viewer_id_of
from api.graphql.wallet import Payment
from api.ids import decode, global_id
from api.mutations import run_mutation
from api.pagination import Connection, build_connection, counter, page_request
from notifications import service as notifications_service

NotificationKind = strawberry.enum(
    notifications_service.NotificationKind,
    name="NotificationKind",
    description="What a notification is about: a wallet or portfolio event (the names of `walletEvents` and "
    "`portfolioEvents`), or a reminder (ESCROW_AUTO_CONFIRM_TOMORROW, RISK_ASSESSMENT_EXPIRING, PLAN_DRIFTED).",
)


@strawberry.type(description="Something you are told about: what happened to your money, or a reminder.")
class Notification(Node):
    view: strawberry.Private[notifications_service.NotificationView]
    kind: NotificationKind
    occurred_at: datetime = strawberry.field(
        description="When it happened (an event) or its date of record (a reminder: e.g. the day before a held "
        "payment releases), whenever it was found."
    )
    read: bool
    reminder: bool = strawberry.field(description="A reminder of something coming, not an event.")
    due_on: date | None = strawberry.field(
        description="A reminder's deadline: the release date, the expiry date, or the day the drift was seen."
    )
    amount: Money | None = strawberry.field(description="The amount it is about (CNY), if any.")

    @classmethod
    def of(cls, view: notifications_service.NotificationView) -> Notification:
        return cls(
            id=global_id("Notification", view.id),
            view=view,
            kind=view.kind,
            occurred_at=view.occurred_at,
            read=view.read,
            reminder=view.reminder,
            due_on=view.due_on,
            amount=Money.of_minor(view.amount),
        )

    @strawberry.field(description="A short title in your language.")
    def title(self, info: Info) -> str:
        return self.view.title(info.context.locale)

    @strawberry.field(description="One or two sentences in your language.")
    def body(self, info: Info) -> str:
        return self.view.body(info.context.locale)

    @strawberry.field(description="The payment it is about, as it is now.")
    async def payment(self, info: Info) -> Payment | None:
        key = self.view.payment_id
        return None if key is None else await fetch(info, global_id("Payment", key), "Payment")

    @strawberry.field(description="The order it is about, as it is now.")
    async def order(self, info: Info) -> FundOrder | None:
        key = self.view.order_id
        return None if key is None else await fetch(info, global_id("FundOrder", key), "FundOrder")

    @strawberry.field(description="The product it is about.")
    async def product(self, info: Info) -> Product | None:
        key = self.view.product_id
        return None if key is None else await fetch(info, global_id("Product", key), "Product")


def _catch_up(info: Info) -> None:
    notifications_service.catch_up(info.context.db, info.context.clock)


def _connection(
    info: Info, user_id: int, first: int | None, after: str | None, unread_only: bool
) -> Connection[Notification]:
    ctx = info.context
    request = page_request(first, after, max_page_size=ctx.settings.max_page_size, cursor=(datetime, int))
    key = None if request.after is None else (request.after[0], request.after[1])
    _catch_up(info)
    with ctx.db.read() as session:
        views = notifications_service.page(
            session=session, user_id=user_id, unread_only=unread_only, limit=request.limit + 1, after=key
        )
    return build_connection(
        views,
        request,
        key=lambda view: [view.occurred_at.isoformat(), view.id],
        node=Notification.of,
        count=counter(
            ctx.db,
            lambda s: notifications_service.count(session=s, user_id=user_id, unread_only=unread_only),
        ),
    )


def _unread(info: Info, user_id: int) -> int:
    _catch_up(info)
    with info.context.db.read() as session:
        return notifications_service.unread_count(session=session, user_id=user_id)


@strawberry.type
class NotificationsViewerFields:
    """Fields this domain adds to the signed-in User."""

    @strawberry.field(
        description="Your notifications, newest first: your wallet's and portfolio's events and reminders "
        "(only on the signed-in user; null elsewhere)."
    )
    async def notifications(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        unread_only: bool = False,
    ) -> Connection[Notification] | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return None
        return await run_in_threadpool(_connection, info, user_id, first, after, unread_only)

    @strawberry.field(description="How many of your notifications are unread (the home screen's badge).")
    async def unread_notification_count(self, info: Info) -> int:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return 0
        return await run_in_threadpool(_unread, info, user_id)


@strawberry.type
class MarkNotificationsReadPayload:
    notifications: list[Notification] | None = strawberry.field(
        default=None, description="Those of the ids that are your notifications, now read, newest first."
    )
    unread_count: int | None = strawberry.field(default=None, description="How many are still unread.")
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(
        description="Mark notifications read. Ids that are not your notifications are ignored; marking again "
        f"changes nothing. At most {notifications_service.MAX_MARK} ids."
    )
    async def mark_notifications_read(self, info: Info, ids: list[strawberry.ID]) -> MarkNotificationsReadPayload:
        ctx = info.context
        # An id of anything else names no notification (0: no row has it), and says nothing.
        keys = [key if kind == "Notification" else 0 for kind, key in (decode(each) or ("", 0) for each in ids)]

        def action(session, viewer):
            views = notifications_service.mark_read(session=session, clock=ctx.clock, user_id=viewer.id, ids=keys)
            unread = notifications_service.unread_count(session=session, user_id=viewer.id)
            return {"notifications": [Notification.of(view) for view in views], "unread_count": unread}

        return await run_mutation(info, MarkNotificationsReadPayload, None, action)


# --- refetching by global id -----------------------------------------------------------------


@fetches("Notification")
def _fetch_notification(info: Info, key: int) -> Notification | None:
    viewer = info.context.require_viewer()
    with info.context.db.read() as session:
        view = notifications_service.notification(session=session, user_id=viewer.id, notification_id=key)
    return None if view is None else Notification.of(view)
