"""Live updates over GraphQL subscriptions (``graphql-transport-ws`` at ``/graphql``):
``walletEvents(after)`` and ``portfolioEvents(after)``.

The access token goes in the ``connection_init`` payload (``{"Authorization": "Bearer
<token>"}``); a missing, invalid or expired one closes the socket with 4401
(``api.app``). Each subscription first replays, from the ledger's outbox, the viewer's
events after ``after`` (the id of the last event the client saw), then follows new ones as
this process's ``EventHub`` reads them; an event is never sent twice on one subscription.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

import strawberry
from starlette.concurrency import run_in_threadpool
from strawberry.types import Info

from api.events import Shape, hub_of
from api.graphql.investing import FundOrder
from api.graphql.money import Money
from api.graphql.node import Node, fetches
from api.graphql.wallet import Payment
from api.ids import decode, global_id
from investing import service as investing_service
from ledger import service as ledger_service
from wallet import service as wallet_service

WalletEventKind = strawberry.enum(wallet_service.WalletEventKind, name="WalletEventKind")
PortfolioEventKind = strawberry.enum(investing_service.PortfolioEventKind, name="PortfolioEventKind")
REMEMBERED = 10_000  # ids a subscription remembers having sent


@strawberry.type(description="A reference to a wallet history line (refetch it with node(id)).")
class EventTransaction:
    id: strawberry.ID


@strawberry.type(description="A reference to a product (refetch it with product(id) or node(id)).")
class EventProduct:
    id: strawberry.ID


@strawberry.type(description="Money moved in or out of your wallet.")
class WalletEvent(Node):
    event_id: strawberry.Private[int]  # the outbox event's
    kind: WalletEventKind
    occurred_at: datetime
    payment: Payment | None = strawberry.field(description="The payment as it is now (its state then is `kind`).")
    transaction: EventTransaction | None

    @classmethod
    def of(cls, event: wallet_service.WalletEvent, payments: dict[int, Payment]) -> WalletEvent:
        return cls(
            id=global_id("WalletEvent", event.id),
            event_id=event.id,
            kind=event.kind,
            occurred_at=event.occurred_at,
            payment=None if event.payment_id is None else payments[event.payment_id],
            transaction=None
            if event.transaction_id is None
            else EventTransaction(id=global_id("WalletTransaction", event.transaction_id)),
        )


@strawberry.type(description="Something happened to your investments.")
class PortfolioEvent(Node):
    event_id: strawberry.Private[int]
    kind: PortfolioEventKind
    occurred_at: datetime
    order: FundOrder | None = strawberry.field(description="The order as it is now.")
    product: EventProduct | None
    amount: Money | None = strawberry.field(description="Income credited (may be negative), coupon or cash paid.")

    @classmethod
    def of(cls, event: investing_service.PortfolioEvent, orders: dict[int, FundOrder]) -> PortfolioEvent:
        return cls(
            id=global_id("PortfolioEvent", event.id),
            event_id=event.id,
            kind=event.kind,
            occurred_at=event.occurred_at,
            order=None if event.order_id is None else orders[event.order_id],
            product=None if event.product_id is None else EventProduct(id=global_id("Product", event.product_id)),
            amount=None if event.amount is None else Money.of_amount(event.amount),
        )


# --- reading -----------------------------------------------------------------------------------


def _wallet(session, user_id: int, events: list[Any], zone: Any) -> list[WalletEvent]:
    found = wallet_service.wallet_events(session, user_id=user_id, events=events)
    ids = sorted({event.payment_id for event in found if event.payment_id is not None})
    payments = {i: Payment.of(wallet_service.payment_for(session, i, viewer_id=user_id)) for i in ids}
    return [WalletEvent.of(event, payments) for event in found]


def _portfolio(session, user_id: int, events: list[Any], zone: Any) -> list[PortfolioEvent]:
    found = investing_service.portfolio_events(session, user_id=user_id, events=events)
    ids = sorted({event.order_id for event in found if event.order_id is not None})
    orders = {i: FundOrder.of(investing_service.order_view(session, i, user_id=user_id), zone) for i in ids}
    return [PortfolioEvent.of(event, orders) for event in found]


def _missed(info: Info, user_id: int, after_id: int, shape: Shape) -> tuple[list[Any], int]:
    """The user's events after ``after_id`` from the outbox (one batch), and where it ended."""
    with info.context.db.read() as session:
        events, scanned = ledger_service.events_for_user(session, user_id=user_id, after_id=after_id)
        return shape(session, user_id, events, info.context.clock.zone), scanned


async def _follow(info: Info, after: strawberry.ID | None, kind: str, shape: Shape) -> AsyncGenerator[Any, None]:
    ctx = info.context
    viewer = ctx.require_viewer()
    hub = hub_of(ctx.services)
    await hub.start_from_now()
    queue = hub.listen(viewer.id, shape)  # before the replay: nothing committed meanwhile is missed
    sent: dict[int, None] = {}

    def fresh(items: list[Any]) -> list[Any]:
        new = [item for item in items if item.event_id not in sent]
        for item in new:
            sent[item.event_id] = None
        while len(sent) > REMEMBERED:
            del sent[next(iter(sent))]
        return new

    try:
        decoded = None if after is None else decode(after)
        if decoded is not None and decoded[0] == kind:
            position = decoded[1]
            while True:
                items, scanned = await run_in_threadpool(_missed, info, viewer.id, position, shape)
                for item in fresh(items):
                    yield item
                if scanned == position:
                    break
                position = scanned
        while True:
            batch = list(await queue.get())  # shaped by the hub, once for all this user's devices
            while not queue.empty():
                batch.extend(queue.get_nowait())
            for item in fresh(batch):
                yield item
    finally:
        hub.unlisten(viewer.id, queue, shape)


@strawberry.type(name="Subscription")
class EventsSubscription:
    @strawberry.subscription(
        description="Your wallet's events as they happen; with `after` (the last event id you saw), first "
        "the ones you missed."
    )
    async def wallet_events(self, info: Info, after: strawberry.ID | None = None) -> AsyncGenerator[WalletEvent, None]:
        async for item in _follow(info, after, "WalletEvent", _wallet):
            yield item

    @strawberry.subscription(
        description="Your portfolio's events as they happen; with `after` (the last event id you saw), first "
        "the ones you missed."
    )
    async def portfolio_events(
        self, info: Info, after: strawberry.ID | None = None
    ) -> AsyncGenerator[PortfolioEvent, None]:
        async for item in _follow(info, after, "PortfolioEvent", _portfolio):
            yield item


# --- refetching by global id -----------------------------------------------------------------


def _one(info: Info, key: int, shape: Shape) -> Any:
    viewer = info.context.require_viewer()
    items, _ = _missed(info, viewer.id, key - 1, shape)
    return next((item for item in items if item.event_id == key), None)


@fetches("WalletEvent")
def _fetch_wallet_event(info: Info, key: int) -> WalletEvent | None:
    return _one(info, key, _wallet)


@fetches("PortfolioEvent")
def _fetch_portfolio_event(info: Info, key: int) -> PortfolioEvent | None:
    return _one(info, key, _portfolio)
