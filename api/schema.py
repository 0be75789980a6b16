"""The GraphQL schema, assembled from the per-domain modules, with the hardening of
``api.extensions`` and the decimal scalars of ``api.scalars``."""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig

from api.extensions import build_extensions
from api.graphql.accounts import AccountsMutation
from api.graphql.advisor import AdvisorMutation, AdvisorQuery
from api.graphql.automation import AutomationMutation
from api.graphql.calendar import CalendarMutation, CalendarQuery
from api.graphql.clock import ClockMutation, ClockQuery
from api.graphql.dividends import DividendsMutation
from api.graphql.events import EventsSubscription
from api.graphql.investing import InvestingMutation, InvestingQuery
from api.graphql.jobs import JobsMutation, JobsQuery
from api.graphql.lending import LendingMutation, LendingQuery
from api.graphql.node import NodeQuery
from api.graphql.notifications import NotificationsMutation
from api.graphql.products import ProductsMutation, ProductsQuery
from api.graphql.questionnaire import QuestionnaireMutation, QuestionnaireQuery
from api.graphql.securitisation import SecuritisationMutation, SecuritisationQuery
from api.graphql.staff import StaffMutation, StaffQuery
from api.graphql.users import UsersMutation, UsersQuery
from api.graphql.wallet import WalletMutation, WalletQuery
from api.scalars import SCALAR_MAP
from core.settings import Settings


@strawberry.type
class Query(
    NodeQuery,
    SecuritisationQuery,
    LendingQuery,
    InvestingQuery,
    JobsQuery,
    AdvisorQuery,
    WalletQuery,
    ProductsQuery,
    QuestionnaireQuery,
    CalendarQuery,
    UsersQuery,
    StaffQuery,
    ClockQuery,
):
    pass


@strawberry.type
class Mutation(
    SecuritisationMutation,
    LendingMutation,
    InvestingMutation,
    JobsMutation,
    NotificationsMutation,
    AdvisorMutation,
    AutomationMutation,
    DividendsMutation,
    WalletMutation,
    ProductsMutation,
    QuestionnaireMutation,
    CalendarMutation,
    AccountsMutation,
    ClockMutation,
    UsersMutation,
    StaffMutation,
):
    pass


class Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Client errors are answered, not logged; ``ErrorMasking`` logs unexpected ones."""


def build_schema(settings: Settings, *, sort: bool = False) -> strawberry.Schema:
    """The served schema. ``sort`` orders types and fields by name for a stable SDL; only for
    printing: graphql-core's sorting rebuilds enum types without strawberry's serializer, so
    a sorted schema cannot answer with plain ``Enum`` members."""
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=EventsSubscription,
        extensions=build_extensions(settings),
        config=StrawberryConfig(
            scalar_map=SCALAR_MAP,
            disable_field_suggestions=settings.is_production,
            sort_schema=sort,
        ),
    )


def schema_sdl() -> str:
    """The schema as committed in ``schema.graphql`` (independent of the environment)."""
    return build_schema(Settings(env="test"), sort=True).as_str() + "\n"
