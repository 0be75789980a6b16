"""No N+1: related lookups go through per-request dataloaders (``Context.loader``), so a
list of N items costs one batched lookup, and nothing is shared between requests."""

import asyncio

import strawberry
from strawberry.dataloader import DataLoader

from api.context import Context, Services
from core.clock import ManualClock
from tests.conftest import DEFAULT_NOW
from tests.conftest import test_settings as make_settings

batches: list[list[int]] = []


async def load_owners(ids: list[int]) -> list[str]:
    batches.append(list(ids))
    return [f"owner-{i % 3}" for i in ids]


def owners(context: Context) -> DataLoader:
    return DataLoader(load_fn=load_owners)


@strawberry.type
class Item:
    id: int

    @strawberry.field
    async def owner(self, info: strawberry.Info) -> str:
        return await info.context.loader("owners", owners).load(self.id)


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [Item(id=i) for i in range(25)]


def test_a_list_of_items_loads_its_owners_in_one_batch_per_request():
    schema = strawberry.Schema(query=Query)
    services = Services(db=None, settings=make_settings(), clock=ManualClock(DEFAULT_NOW))
    batches.clear()

    first = asyncio.run(schema.execute("{ items { id owner } }", context_value=Context(services)))
    second = asyncio.run(schema.execute("{ items { owner } }", context_value=Context(services)))

    assert first.errors is None and second.errors is None
    assert [item["owner"] for item in first.data["items"]] == [f"owner-{i % 3}" for i in range(25)]
    assert batches == [list(range(25)), list(range(25))]  # one batch each; no cache across requests


def test_the_same_loader_is_reused_within_a_request():
    context = Context(Services(db=None, settings=make_settings(), clock=ManualClock(DEFAULT_NOW)))
    assert context.loader("owners", owners) is context.loader("owners", owners)
