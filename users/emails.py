"""Email addresses as the platform keeps them."""

from __future__ import annotations

from core.errors import DomainError, t
from users.errors import UserErrorCode


def normalize_email(email: str, *, field: str = "email") -> str:
    """Syntax check and normalisation (lower case); no DNS lookups."""
    from email_validator import EmailNotValidError, validate_email

    if not isinstance(email, str) or len(email) > 254:
        raise DomainError(
            UserErrorCode.INVALID_EMAIL, t("Enter a valid email address.", "请输入有效的邮箱地址。"), field
        )
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise DomainError(
            UserErrorCode.INVALID_EMAIL, t("Enter a valid email address.", "请输入有效的邮箱地址。"), field
        ) from None
    return result.normalized.lower()
