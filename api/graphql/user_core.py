"""The account fields of the ``User`` type (other domains add theirs, see ``viewer``)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from users.auth import Viewer
from users.models import User as UserModel
from users.roles import Role as RoleEnum

Role = strawberry.enum(RoleEnum, name="Role")


@strawberry.type
class UserCore:
    id: strawberry.ID
    email: str
    display_name: str
    locale: str = strawberry.field(description='"zh-CN" (default) or "en".')
    roles: list[Role]
    frozen: bool = strawberry.field(description="A frozen user can sign in and read, but cannot move money.")
    created_at: datetime

    @classmethod
    def fields_from_viewer(cls, viewer: Viewer) -> dict:
        return dict(
            id=strawberry.ID(str(viewer.id)),
            email=viewer.email,
            display_name=viewer.display_name,
            locale=viewer.locale,
            roles=sorted(viewer.roles, key=lambda r: r.value),
            frozen=viewer.frozen,
            created_at=viewer.created_at,
        )

    @classmethod
    def fields_from_model(cls, user: UserModel) -> dict:
        return dict(
            id=strawberry.ID(str(user.id)),
            email=user.email,
            display_name=user.display_name,
            locale=user.locale,
            roles=sorted(user.roles, key=lambda r: r.value),
            frozen=user.is_frozen,
            created_at=user.created_at,
        )
