"""Accounts over GraphQL: ``me``, ``register``, ``login``, ``refreshToken``, ``logout``,
``changePassword``, ``updateProfile``, and the operators' ``setUserRoles``, ``freezeUser``
and ``unfreezeUser``."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from functools import partial

from starlette.concurrency import run_in_threadpool

from api.errors import UserError, check_input
from api.graphql.user_core import Role
from api.graphql.viewer import User
from api.mutations import run_mutation, run_sync
from core.errors import DomainError
from users import auth, passwords, service
from users.models import DEFAULT_LOCALE
from users.roles import Role as RoleValue
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
class UserAccount:
    id: strawberry.ID
    email: str
    display_name: str
    roles: list[Role]
    frozen: bool

    @classmethod
    def of(cls, user) -> "UserAccount":
        return cls(
            id=strawberry.ID(str(user.id)),
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

        def action(session, _viewer, password_hash):
            user = service.create_user(
                session=session,
                email=input.email,
                password=input.password,
                password_hash=password_hash,
                display_name=input.display_name,
                locale=input.locale or DEFAULT_LOCALE,
                clock=ctx.clock,
                settings=ctx.settings,
                registered_from=ctx.client_address,
            )
            tokens = auth.start_session(
                session=session, user=user, clock=ctx.clock, settings=ctx.settings, client_address=ctx.client_address
            )
            return RegisterPayload.signed_in(user, tokens)

        def _registrations_used_up() -> bool:  # no hash for a request the hourly limit refuses
            with ctx.db.read() as session:
                return service.registrations_used_up(session=session, address=ctx.client_address, clock=ctx.clock,
                                                     settings=ctx.settings)

        def hash_then_create() -> RegisterPayload:
            # Hash before the write transaction opens (argon2 is slow by design).
            password_hash = None
            if isinstance(input.password, str) and passwords.meets_policy(input.password) and not _registrations_used_up():
                password_hash = passwords.hash_password(input.password, settings=ctx.settings)
            return run_sync(ctx, RegisterPayload, input, partial(action, password_hash=password_hash), auth=False)

        return await run_in_threadpool(hash_then_create)

    @strawberry.mutation(description="Sign in with email and password.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        ctx = info.context

        def sign_in() -> LoginPayload:
            # Read, verify the password outside any transaction, then record the outcome.
            try:
                check_input(input)
            except DomainError as error:
                return LoginPayload(user_errors=[UserError.from_domain(error)])
            with ctx.db.read() as session:
                attempt = auth.begin_login(
                    session=session, email=input.email, client_address=ctx.client_address, clock=ctx.clock
                )
            if attempt.refusal is not None:
                return LoginPayload(user_errors=[UserError.from_domain(attempt.refusal)])
            password_ok = auth.password_matches(attempt, input.password, settings=ctx.settings)

            def action(session, _viewer):
                outcome = auth.finish_login(
                    session=session,
                    attempt=attempt,
                    password=input.password,
                    password_ok=password_ok,
                    clock=ctx.clock,
                    settings=ctx.settings,
                )
                if outcome.error is not None:
                    # Returned, not raised: the failure count must be committed.
                    return LoginPayload(user_errors=[UserError.from_domain(outcome.error)])
                return LoginPayload(**LoginPayload.signed_in(outcome.user, outcome.tokens),
                                    failed_attempts_since_last_sign_in=outcome.failed_attempts)

            return run_sync(ctx, LoginPayload, input, action, auth=False)

        return await run_in_threadpool(sign_in)

    @strawberry.mutation(description="Exchange a refresh token for a new access and refresh token.")
    async def refresh_token(self, info: Info, input: RefreshTokenInput) -> RefreshTokenPayload:
        ctx = info.context

        def action(session, _viewer):
            outcome = auth.refresh(
                session=session, refresh_token=input.refresh_token, clock=ctx.clock, settings=ctx.settings
            )
            if outcome.error is not None:
                # Returned, not raised: a replay revokes the session and that must be committed.
                return RefreshTokenPayload(user_errors=[UserError.from_domain(outcome.error)])
            return RefreshTokenPayload.signed_in(outcome.user, outcome.tokens)

        return await run_mutation(info, RefreshTokenPayload, input, action, auth=False)

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

        def change() -> ChangePasswordPayload:
            # Read, verify the current password outside any transaction, then record the outcome.
            try:
                check_input(input)
                viewer = ctx.require_viewer()
                with ctx.db.read() as session:
                    attempt = service.begin_password_change(
                        session=session, user_id=viewer.id, client_address=ctx.client_address, clock=ctx.clock
                    )
            except DomainError as error:
                return ChangePasswordPayload(user_errors=UserError.all_from(error))
            if attempt.refusal is not None:
                return ChangePasswordPayload(user_errors=[UserError.from_domain(attempt.refusal)])
            current_ok = passwords.verify_password(attempt.password_hash, input.current_password, settings=ctx.settings)
            new_hash = None
            if current_ok and passwords.meets_policy(input.new_password, email=attempt.email,
                                                     display_name=attempt.display_name):
                new_hash = passwords.hash_password(input.new_password, settings=ctx.settings)

            def action(session, viewer):
                outcome = service.finish_password_change(
                    session=session, attempt=attempt, current_ok=current_ok, current_password=input.current_password,
                    new_password=input.new_password, new_hash=new_hash, keep_session_id=viewer.session_id,
                    clock=ctx.clock, settings=ctx.settings,
                )
                if outcome.error is not None:  # returned, not raised: the failure count is committed
                    return ChangePasswordPayload(user_errors=[UserError.from_domain(outcome.error)])
                return {"user": User.from_model(outcome.user)}

            return run_sync(ctx, ChangePasswordPayload, input, action)

        return await run_in_threadpool(change)

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
