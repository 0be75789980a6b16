"""The signed-in devices of a user (``me.sessions``) and ending one (``revokeSession``).

A session is live while it is not revoked and its latest refresh token has not expired.
Revoking one ends its refresh tokens and its access tokens at once: every request's viewer
lookup joins the live session (``auth.VIEWER_QUERY``), so a revoked session's access token is
refused at its next use, not when it expires."""

from __future__ import annotations

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from users.models import AuthSession, RefreshToken

NOT_FOUND_MESSAGE = t("No such session.", "找不到这个登录设备。")


def _live(user_id: int, now):
    unexpired = exists().where(RefreshToken.session_id == AuthSession.id, RefreshToken.expires_at > now)
    return select(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None), unexpired)


def live_sessions(*, session: Session, user_id: int, clock: Clock) -> list[AuthSession]:
    """The user's live sessions, the most recently used first."""
    statement = _live(user_id, clock.now()).order_by(
        AuthSession.last_used_at.desc().nulls_last(), AuthSession.id.desc()
    )
    return list(session.scalars(statement))


def live_session(*, session: Session, user_id: int, session_id: int, clock: Clock) -> AuthSession | None:
    """The user's live session ``session_id``, or None (someone else's, ended, or none)."""
    return session.scalar(_live(user_id, clock.now()).where(AuthSession.id == session_id))


def revoke_session(*, session: Session, user_id: int, session_id: int, clock: Clock) -> AuthSession:
    """End one of the user's sessions (the current one too: that is signing out). Another
    user's session, an ended one and none at all get the same ``NOT_FOUND``."""
    found = live_session(session=session, user_id=user_id, session_id=session_id, clock=clock)
    if found is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE, "id")
    now = clock.now()
    session.execute(
        update(AuthSession)
        .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    found.revoked_at = now
    return found
