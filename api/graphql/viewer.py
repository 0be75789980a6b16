"""The ``User`` type: account fields plus the fields each domain adds for the signed-in
user (risk profile, wallet, portfolio, ...). Domain fields resolve for the viewer only."""

from __future__ import annotations

import strawberry

from api.graphql.accounts import AccountsViewerFields
from api.graphql.advisor import AdvisorViewerFields
from api.graphql.automation import AutomationViewerFields
from api.graphql.investing import InvestingViewerFields
from api.graphql.lending import LendingViewerFields
from api.graphql.notifications import NotificationsViewerFields
from api.graphql.products import ProductsViewerFields
from api.graphql.questionnaire import QuestionnaireViewerFields
from api.graphql.statements import StatementViewerFields
from api.graphql.user_core import UserCore
from api.graphql.wallet import WalletViewerFields
from users.models import User as UserModel
from users.service import Viewer


@strawberry.type(name="User")
class User(
    LendingViewerFields,
    InvestingViewerFields,
    AutomationViewerFields,
    NotificationsViewerFields,
    StatementViewerFields,
    AdvisorViewerFields,
    WalletViewerFields,
    ProductsViewerFields,
    QuestionnaireViewerFields,
    AccountsViewerFields,
    UserCore,
):
    @classmethod
    def from_viewer(cls, viewer: Viewer) -> User:
        return cls(**cls.fields_from_viewer(viewer))

    @classmethod
    def from_model(cls, user: UserModel, *, token_issued: bool = False) -> User:
        """``token_issued``: a token for this user is issued in this response (sign-in payloads)."""
        return cls(**cls.fields_from_model(user), token_issued=token_issued)
