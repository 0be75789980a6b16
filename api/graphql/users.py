"""Accounts over GraphQL: ``me``, ``register``, ``login``, ``refreshToken``, ``logout``,
``changePassword``, ``updateProfile``."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.graphql.viewer import User
from api.mutations import run_mutation
from users import auth, service
from users.tokens import TokenPair


@strawberry.type
class AuthFields:
    user: User | None = None
    token: str | None = strawberry.field(default=None, description="Access token: send as 'Authorization: Bearer <token>'.")
    token_expires_at: datetime | None = None
    refresh_token: str | None = strawberry.field(default=None, description="Single use: exchange it with refreshToken.")
    refresh_token_expires_at: datetime | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def signed_in(cls, user, tokens: TokenPair) -> dict:
        return dict(
            user=User.from_model(user),
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
    pass


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

        def action(session, _viewer):
            user = service.create_user(
                session=session,
                email=input.email,
                password=input.password,
                display_name=input.display_name,
                locale=input.locale or "zh-CN",
                clock=ctx.clock,
                settings=ctx.settings,
            )
            tokens = auth.start_session(
                session=session, user=user, clock=ctx.clock, settings=ctx.settings, client_address=ctx.client_address
            )
            return RegisterPayload.signed_in(user, tokens)

        return await run_mutation(info, RegisterPayload, input, action, auth=False)

    @strawberry.mutation(description="Sign in with email and password.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        ctx = info.context

        def action(session, _viewer):
            outcome = auth.login(
                session=session,
                email=input.email,
                password=input.password,
                client_address=ctx.client_address,
                clock=ctx.clock,
                settings=ctx.settings,
            )
            if outcome.error is not None:
                # Returned, not raised: the failure count must be committed.
                return LoginPayload(user_errors=[UserError.from_domain(outcome.error)])
            return LoginPayload.signed_in(outcome.user, outcome.tokens)

        return await run_mutation(info, LoginPayload, input, action, auth=False)

    @strawberry.mutation(description="Exchange a refresh token for a new access and refresh token.")
    async def refresh_token(self, info: Info, input: RefreshTokenInput) -> RefreshTokenPayload:
        ctx = info.context

        def action(session, _viewer):
            user, tokens = auth.refresh(
                session=session, refresh_token=input.refresh_token, clock=ctx.clock, settings=ctx.settings
            )
            return RefreshTokenPayload.signed_in(user, tokens)

        # A replayed token revokes its session: that must be committed too.
        def committed_action(session, viewer):
            from core.errors import DomainError

            try:
                return action(session, viewer)
            except DomainError as error:
                return RefreshTokenPayload(user_errors=[UserError.from_domain(error)])

        return await run_mutation(info, RefreshTokenPayload, input, committed_action, auth=False)

    @strawberry.mutation(description="Sign out: revokes this session's access and refresh tokens.")
    async def logout(self, info: Info, input: LogoutInput | None = None) -> LogoutPayload:
        ctx = info.context

        def action(session, viewer):
            auth.logout(session=session, session_id=viewer.session_id, clock=ctx.clock)
            return {"ok": True}

        return await run_mutation(info, LogoutPayload, input, action)

    @strawberry.mutation(description="Change the password; other devices are signed out.")
    async def change_password(self, info: Info, input: ChangePasswordInput) -> ChangePasswordPayload:
        ctx = info.context

        def action(session, viewer):
            user = service.change_password(
                session=session,
                user_id=viewer.id,
                current_password=input.current_password,
                new_password=input.new_password,
                keep_session_id=viewer.session_id,
                clock=ctx.clock,
                settings=ctx.settings,
            )
            return {"user": User.from_model(user)}

        return await run_mutation(info, ChangePasswordPayload, input, action)

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
