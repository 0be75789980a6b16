"""Account security over GraphQL: the signed-in devices (``me.sessions``, ``revokeSession``),
password reset and email verification through one-time links (``requestPasswordReset``,
``resetPassword``, ``requestEmailVerification``, ``verifyEmail``; the mails go to the outbox,
see ``robo mail outbox``), and the payment-password reset after re-verifying the identity
(``resetPaymentPassword``)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from api.errors import UserError
from api.graphql.node import Node, fetches
from api.graphql.user_core import viewer_id_of
from api.ids import global_id, node_key
from api.mutations import run_mutation, run_request
from users import service as users
from users.models import AuthSession
from wallet import service as wallet_service


@strawberry.type(description="A signed-in device: ended by revokeSession, logout or a password change or reset.")
class Session(Node):
    created_at: datetime = strawberry.field(description="When it signed in.")
    last_used_at: datetime = strawberry.field(description="The sign-in or its latest token refresh.")
    user_agent: str | None = strawberry.field(description="The app's User-Agent when it signed in.")
    ip_address: str | None = strawberry.field(description="The address it signed in from.")
    current: bool = strawberry.field(description="The session of this request's access token.")

    @classmethod
    def of(cls, row: AuthSession, *, current_id: int | None) -> Session:
        return cls(
            id=global_id("Session", row.id),
            created_at=row.created_at,
            last_used_at=row.last_used_at or row.created_at,
            user_agent=row.user_agent,
            ip_address=row.client_address,
            current=row.id == current_id,
        )


@strawberry.type
class AccountsViewerFields:
    """Fields this module adds to the signed-in User."""

    @strawberry.field(
        description="The signed-in devices, the most recently used first (only on the signed-in user; null elsewhere)."
    )
    def sessions(self, info: Info) -> list[Session] | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        if user_id is None:
            return None
        viewer = info.context.viewer_or_none(strict=False)
        current = None if viewer is None else viewer.session_id
        with info.context.db.read() as session:
            rows = users.live_sessions(session=session, user_id=user_id, clock=info.context.clock)
        return [Session.of(row, current_id=current) for row in rows]


@fetches("Session")
def _fetch_session(info: Info, key: int) -> Session | None:
    """Only the viewer's own live sessions."""
    viewer = info.context.viewer_or_none()
    if viewer is None:
        return None
    with info.context.db.read() as session:
        row = users.live_session(session=session, user_id=viewer.id, session_id=key, clock=info.context.clock)
    return None if row is None else Session.of(row, current_id=viewer.session_id)


@strawberry.type
class RevokeSessionPayload:
    session: Session | None = strawberry.field(default=None, description="The ended session.")
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RequestPasswordResetPayload:
    ok: bool = strawberry.field(
        default=False, description="True whether or not an account has this email (a mail goes only to an account)."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ResetPasswordPayload:
    ok: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RequestEmailVerificationPayload:
    ok: bool = False
    email_verified: bool | None = strawberry.field(default=None, description="Already verified: no mail is sent.")
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class VerifyEmailPayload:
    ok: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ResetPaymentPasswordPayload:
    ok: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RequestPasswordResetInput:
    email: str


@strawberry.input
class ResetPasswordInput:
    token: str = strawberry.field(description="The token of the link in the reset mail.")
    new_password: str


@strawberry.input
class VerifyEmailInput:
    token: str = strawberry.field(description="The token of the link in the verification mail.")


@strawberry.input
class ResetPaymentPasswordInput:
    id_number: str = strawberry.field(description="The verified identity's full 18-character number.")
    card_number: str = strawberry.field(description="The full number of a bank card bound to the account.")
    new_payment_password: str = strawberry.field(description="6 digits.")


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(
        description="End one of your signed-in devices (this one too: that signs out); its tokens stop working at "
        "once. NOT_FOUND for anything that is not a live session of yours."
    )
    async def revoke_session(self, info: Info, id: strawberry.ID) -> RevokeSessionPayload:
        ctx = info.context

        def action(session, viewer):
            key = node_key(id, "Session", field="id", message=users.SESSION_NOT_FOUND)
            row = users.revoke_session(session=session, user_id=viewer.id, session_id=key, clock=ctx.clock)
            return {"session": Session.of(row, current_id=viewer.session_id)}

        return await run_mutation(info, RevokeSessionPayload, None, action)

    @strawberry.mutation(
        description="Mail a one-time password-reset link to this email if an account has it; the answer is the same "
        "either way. Limited per email and per network (RATE_LIMITED)."
    )
    async def request_password_reset(self, info: Info, input: RequestPasswordResetInput) -> RequestPasswordResetPayload:
        ctx = info.context

        def action(session, _viewer):
            users.request_password_reset(
                session=session, email=input.email, clock=ctx.clock, settings=ctx.settings, address=ctx.client_address
            )
            return {"ok": True}

        return await run_mutation(info, RequestPasswordResetPayload, input, action, auth=False)

    @strawberry.mutation(
        description="Choose a new password with the token of a reset link (single use, expires after an hour); every "
        "device is signed out. Also verifies the email."
    )
    async def reset_password(self, info: Info, input: ResetPasswordInput) -> ResetPasswordPayload:
        ctx = info.context

        def call(_viewer):
            users.reset_password(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                token=input.token,
                new_password=input.new_password,
            )
            return {"ok": True}

        return await run_request(info, ResetPasswordPayload, input, call, auth=False)

    @strawberry.mutation(description="Mail a link that verifies your email (limited per hour: RATE_LIMITED).")
    async def request_email_verification(self, info: Info) -> RequestEmailVerificationPayload:
        ctx = info.context

        def action(session, viewer):
            user = users.request_email_verification(
                session=session, user_id=viewer.id, clock=ctx.clock, settings=ctx.settings
            )
            return {"ok": True, "email_verified": user.email_verified_at is not None}

        return await run_mutation(info, RequestEmailVerificationPayload, None, action)

    @strawberry.mutation(description="Verify the email with the token of a verification link (single use).")
    async def verify_email(self, info: Info, input: VerifyEmailInput) -> VerifyEmailPayload:
        ctx = info.context

        def action(session, _viewer):
            users.verify_email(session=session, token=input.token, clock=ctx.clock)
            return {"ok": True}

        return await run_mutation(info, VerifyEmailPayload, input, action, auth=False)

    @strawberry.mutation(
        description="Forgot the payment password: set a new one after re-verifying your identity (the verified "
        "identity number and a bound card's number). Limited per day; every attempt is recorded."
    )
    async def reset_payment_password(self, info: Info, input: ResetPaymentPasswordInput) -> ResetPaymentPasswordPayload:
        ctx = info.context

        def call(viewer):
            wallet_service.reset_payment_password(
                database=ctx.db,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                id_number=input.id_number,
                card_number=input.card_number,
                new_password=input.new_payment_password,
                client_address=ctx.client_address,
            )
            return {"ok": True}

        return await run_request(info, ResetPaymentPasswordPayload, input, call)
