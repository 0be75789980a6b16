"""Access tokens (short-lived HS256 JWT carrying the user and sign-in session ids) and
refresh tokens (random, stored hashed, single use). Expiry is checked against the injected
clock, never against the machine's time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from core.errors import DomainError, t
from core.settings import Settings
from users.errors import UserErrorCode

ALGORITHM = "HS256"
ACCESS = "access"


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: int
    session_id: int
    expires_at: int  # unix seconds


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


def issue_access_token(*, user_id: int, session_id: int, now: datetime, settings: Settings) -> tuple[str, datetime]:
    expires = now + timedelta(seconds=settings.access_token_ttl_seconds)
    claims = {
        "sub": str(user_id),
        "sid": session_id,
        "typ": ACCESS,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
    }
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM), expires


def decode_access_token(token: str, *, now: datetime, settings: Settings) -> AccessClaims:
    """Verify signature and claims; raise ``INVALID_TOKEN`` or ``TOKEN_EXPIRED``."""
    try:
        claims = jwt.decode(
            token,
            settings.secret_key,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "verify_iat": False, "require": ["sub", "sid", "exp"]},
        )
    except jwt.PyJWTError:
        raise DomainError(UserErrorCode.INVALID_TOKEN, t("The access token is not valid.", "访问令牌无效。")) from None
    try:
        claims_ok = claims.get("typ") == ACCESS
        result = AccessClaims(int(claims["sub"]), int(claims["sid"]), int(claims["exp"]))
    except (TypeError, ValueError):
        claims_ok = False
    if not claims_ok:
        raise DomainError(UserErrorCode.INVALID_TOKEN, t("The access token is not valid.", "访问令牌无效。"))
    if now.timestamp() >= result.expires_at:
        raise DomainError(
            UserErrorCode.TOKEN_EXPIRED,
            t("The access token has expired; refresh it or sign in again.", "访问令牌已过期，请刷新或重新登录。"),
        )
    return result


def new_refresh_token() -> tuple[str, str]:
    """A fresh refresh token and the hash we store."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def successor_refresh_token(previous: str, *, settings: Settings) -> tuple[str, str]:
    """The refresh token that replaces ``previous`` (and its hash): derived from it with the
    secret key, so a retry of the same refresh within the grace window gets the same one
    without the platform ever storing a token."""
    digest = hmac.new(settings.secret_key.encode(), b"refresh:" + previous.encode(), hashlib.sha256).digest()
    token = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
