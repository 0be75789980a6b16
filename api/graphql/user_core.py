"""The account fields of the ``User`` type (other domains add theirs, see ``viewer``), and
``viewer_id_of``: whether a ``User`` object is the signed-in user, for the fields that
resolve for the viewer only."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from api.graphql.node import Node
from api.ids import global_id, key_of
from users.models import User as UserModel
from users.roles import Role as RoleEnum
from users.service import Viewer

Role = strawberry.enum(RoleEnum, name="Role")


@strawberry.type
class UserCore(Node):
    email: str
    display_name: str
    locale: str = strawberry.field(description='"zh-CN" (default) or "en".')
    roles: list[Role]
    frozen: bool = strawberry.field(description="A frozen user can sign in and read, but cannot move money.")
    created_at: datetime
    email_verified: bool = strawberry.field(
        default=False, description="The owner opened a verification (or password-reset) link sent to this email."
    )
    # Set on the user of a sign-in payload (register, login, refreshToken): the token issued in
    # this very response makes them the viewer, although the request carried no token for them.
    token_issued: strawberry.Private[bool] = False

    @classmethod
    def fields_from_viewer(cls, viewer: Viewer) -> dict:
        return dict(
            id=global_id("User", viewer.id),
            email=viewer.email,
            display_name=viewer.display_name,
            locale=viewer.locale,
            roles=sorted(viewer.roles, key=lambda r: r.value),
            frozen=viewer.frozen,
            created_at=viewer.created_at,
            email_verified=viewer.email_verified,
        )

    @classmethod
    def fields_from_model(cls, user: UserModel) -> dict:
        return dict(
            id=global_id("User", user.id),
            email=user.email,
            display_name=user.display_name,
            locale=user.locale,
            roles=sorted(user.roles, key=lambda r: r.value),
            frozen=user.is_frozen,
            created_at=user.created_at,
            email_verified=user.email_verified_at is not None,
        )


def viewer_id_of(user: UserCore, info: Info) -> int | None:
    """The id of ``user`` when it is the signed-in user of this request (the bearer token's
    user, or the account a sign-in payload just issued a token for), else None: fields that
    only the user themselves may read resolve to null on anyone else, so they never turn a
    whole ``User`` into null."""
    user_id = key_of(user.id)
    if user.token_issued:
        return user_id
    viewer = info.context.viewer_or_none()
    return user_id if viewer is not None and viewer.id == user_id else None
