"""Accounts over GraphQL: ``me``, ``register``, ``login``, ``refreshToken``, ``logout``,
``changePassword``, ``updateProfile``, and the operators' ``setUserRoles``, ``freezeUser``
and ``unfreezeUser``."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.graphql.node import Node, fetches
from api.graphql.user_core import Role
from api.graphql.viewer import User
from api.ids import global_id
from api.mutations import run_mutation, run_request
from users import service
from users.models import DEFAULT_LOCALE
from users.roles import Role as RoleValue
from users.service import TokenPair


@strawberry.type
class AuthFields:
    user: User | None = None
    token: str | None = strawberry.field(
        default=None, description="Access token: send as 'Authorization: Bearer <token>'."
    )
    token_expires_at: datetime | None = None
    refresh_token: str | None = strawberry.field(default=None, description="Single use: exchange it with refreshToken.")
    refresh_token_expires_at: datetime | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def signed_in(cls, user, tokens: TokenPair) -> dict:
        return dict(
            user=User.from_model(user, token_issued=True),
            token=tokens.access_token,
            token_expires_at=tokens.access_expires_at,
            refresh_token=tokens.refresh_token,
            refresh_token_expires_at=tokens.refresh_expires_at,
        )


@strawberry.type
class RegisterPayload(AuthFields):
    pass


@strawberry.type
class LoginPayload(AuthFields):
    failed_attempts_since_last_sign_in: int | None = strawberry.field(
        default=None,
        description="Failed sign-ins to this account (from any address) since its last sign-in: if these were "
        "not you, change your password.",
    )


@strawberry.type
class RefreshTokenPayload(AuthFields):
    pass


@strawberry.type
class LogoutPayload:
    ok: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ChangePasswordPayload:
    user: User | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateProfilePayload:
    user: User | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="An account as operators see it.")
class UserAccount(Node):
    email: str
    display_name: str
    roles: list[Role]
    frozen: bool

    @classmethod
    def of(cls, user) -> UserAccount:
        return cls(
            id=global_id("UserAccount", user.id),
            email=user.email,
            display_name=user.display_name,
            roles=sorted(user.roles, key=lambda r: r.value),
            frozen=user.is_frozen,
        )


@strawberry.type
class SetUserRolesPayload:
    user: UserAccount | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class FreezeUserPayload:
    user: UserAccount | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UnfreezeUserPayload:
    user: UserAccount | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class SetUserRolesInput:
    email: str
    roles: list[Role] = strawberry.field(description="The user's new roles (replacing the old ones).")


@strawberry.input
class FreezeUserInput:
    email: str


@strawberry.input
class UnfreezeUserInput:
    email: str


@strawberry.input
class RegisterInput:
    email: str
    password: str
    display_name: str | None = None
    locale: str | None = None


@strawberry.input
class LoginInput:
    email: str
    password: str


@strawberry.input
class RefreshTokenInput:
    refresh_token: str


@strawberry.input
class LogoutInput:
    client_mutation_id: str | None = None


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str


@strawberry.input
class UpdateProfileInput:
    display_name: str | None = None
    locale: str | None = strawberry.field(default=None, description='"zh-CN" or "en".')


@fetches("User")
def _fetch_user(info: Info, key: int) -> User | None:
    """Only the signed-in user themselves."""
    viewer = info.context.viewer_or_none()
    return User.from_viewer(viewer) if viewer is not None and viewer.id == key else None


@fetches("UserAccount")
def _fetch_account(info: Info, key: int) -> UserAccount:
    ctx = info.context
    ctx.require_role(RoleValue.OPERATOR)
    with ctx.db.read() as session:
        return UserAccount.of(service.get_user(session=session, user_id=key))


@strawberry.type
class UsersQuery:
    @strawberry.field(description="The signed-in user, or null without a token.")
    def me(self, info: Info) -> User | None:
        viewer = info.context.viewer_or_none()
        return None if viewer is None else User.from_viewer(viewer)


@strawberry.type
class UsersMutation:
    @strawberry.mutation(description="Create a customer account and sign in.")
    async def register(self, info: Info, input: RegisterInput) -> RegisterPayload:
        ctx = info.context

        def call(_viewer):
            signed_in = service.register(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                email=input.email,
                password=input.password,
                display_name=input.display_name,
                locale=input.locale or DEFAULT_LOCALE,
                address=ctx.client_address,
                user_agent=ctx.user_agent,
                device_id=ctx.device_id,
            )
            return RegisterPayload.signed_in(signed_in.user, signed_in.tokens)

        return await run_request(info, RegisterPayload, input, call, auth=False)

    @strawberry.mutation(description="Sign in with email and password.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        ctx = info.context

        def call(_viewer):
            signed_in = service.log_in(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                email=input.email,
                password=input.password,
                address=ctx.client_address,
                user_agent=ctx.user_agent,
                device_id=ctx.device_id,
            )
            return LoginPayload(
                **LoginPayload.signed_in(signed_in.user, signed_in.tokens),
                failed_attempts_since_last_sign_in=signed_in.failed_attempts,
            )

        return await run_request(info, LoginPayload, input, call, auth=False)

    @strawberry.mutation(description="Exchange a refresh token for a new access and refresh token.")
    async def refresh_token(self, info: Info, input: RefreshTokenInput) -> RefreshTokenPayload:
        ctx = info.context

        def call(_viewer):
            signed_in = service.refresh_session(
                database=ctx.db, clock=ctx.clock, settings=ctx.settings, refresh_token=input.refresh_token
            )
            return RefreshTokenPayload.signed_in(signed_in.user, signed_in.tokens)

        return await run_request(info, RefreshTokenPayload, input, call, auth=False)

    @strawberry.mutation(description="Sign out: revokes this session's access and refresh tokens.")
    async def logout(self, info: Info, input: LogoutInput | None = None) -> LogoutPayload:
        ctx = info.context

        def action(session, viewer):
            service.logout(session=session, session_id=viewer.session_id, clock=ctx.clock)
            return {"ok": True}

        return await run_mutation(info, LogoutPayload, input, action)

    @strawberry.mutation(description="Change the password; other devices are signed out.")
    async def change_password(self, info: Info, input: ChangePasswordInput) -> ChangePasswordPayload:
        ctx = info.context

        def call(viewer):
            user = service.change_password_request(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                current_password=input.current_password,
                new_password=input.new_password,
                keep_session_id=viewer.session_id,
                address=ctx.client_address,
                device_id=ctx.device_id,
            )
            return {"user": User.from_model(user)}

        return await run_request(info, ChangePasswordPayload, input, call)

    @strawberry.mutation(description="Change the display name or the language.")
    async def update_profile(self, info: Info, input: UpdateProfileInput) -> UpdateProfilePayload:
        ctx = info.context

        def action(session, viewer):
            user = service.update_profile(
                session=session,
                user_id=viewer.id,
                display_name=input.display_name,
                locale=input.locale,
                clock=ctx.clock,
            )
            return {"user": User.from_model(user)}

        return await run_mutation(info, UpdateProfilePayload, input, action)

    @strawberry.mutation(description="Operators only: replace a user's roles (not one's own).")
    async def set_user_roles(self, info: Info, input: SetUserRolesInput) -> SetUserRolesPayload:
        ctx = info.context

        def action(session, viewer):
            user = service.set_roles(
                session=session,
                email=input.email,
                roles={RoleValue(role) for role in input.roles},
                clock=ctx.clock,
                by_user_id=viewer.id,
            )
            return {"user": UserAccount.of(user)}

        return await run_mutation(info, SetUserRolesPayload, input, action, roles=(RoleValue.OPERATOR,))

    @strawberry.mutation(description="Operators only: freeze an account (it can sign in and read, not move money).")
    async def freeze_user(self, info: Info, input: FreezeUserInput) -> FreezeUserPayload:
        ctx = info.context

        def action(session, _viewer):
            user = service.set_frozen(session=session, email=input.email, frozen=True, clock=ctx.clock)
            return {"user": UserAccount.of(user)}

        return await run_mutation(info, FreezeUserPayload, input, action, roles=(RoleValue.OPERATOR,))

    @strawberry.mutation(description="Operators only: lift a freeze.")
    async def unfreeze_user(self, info: Info, input: UnfreezeUserInput) -> UnfreezeUserPayload:
        ctx = info.context

        def action(session, _viewer):
            user = service.set_frozen(session=session, email=input.email, frozen=False, clock=ctx.clock)
            return {"user": UserAccount.of(user)}

        return await run_mutation(info, UnfreezeUserPayload, input, action, roles=(RoleValue.OPERATOR,))
