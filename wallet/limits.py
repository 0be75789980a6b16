"""Amount checks and payment limits.

``minor_units`` turns a requested ``Decimal`` into positive integer minor units or refuses
it. The per-transaction limit (``ROBO_PAYMENT_LIMIT_PER_TRANSACTION``) and the daily limit
(``ROBO_PAYMENT_LIMIT_DAILY``, per user and calendar day in the platform's zone) apply to
money leaving a user: payments (direct or guarantee) and withdrawals that did not fail.
The daily sum is read after the payer's account is locked, so two concurrent payments
cannot both slip under the limit. ``OUTGOING_TODAY_SQL`` is that sum as a SQL fragment, for a
statement that must run after the lock is taken (the payment's write statement gates on it).
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import BigInteger, bindparam, text
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError
from core.money import MAX_INTEGER_DIGITS, DecimalFormatError, Money, exponent, to_scaled_int
from wallet.errors import WalletErrorCode
from wallet.kinds import OUTGOING_KINDS, TransactionStatus
from wallet.models import WalletTransaction

TRANSACTIONS = WalletTransaction.__table__
MAX_MINOR_UNITS = 10 ** (MAX_INTEGER_DIGITS + 2)  # the largest amount the wire accepts, in fen


def minor_units(amount: object, *, currency: str = "CNY", field: str = "amount") -> int:
    """Positive minor units of ``amount`` (a Decimal with at most the currency's decimals)."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise DomainError(CommonErrorCode.INVALID_AMOUNT, 'The amount must be a decimal string such as "12.34".', field)
    places = exponent(currency)
    try:
        minor = to_scaled_int(amount, places)
    except DecimalFormatError:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT, f"The amount may have at most {places} decimal places.", field
        ) from None
    if minor <= 0:
        raise DomainError(CommonErrorCode.INVALID_AMOUNT, "The amount must be more than zero.", field)
    if minor >= MAX_MINOR_UNITS:
        raise DomainError(CommonErrorCode.INVALID_AMOUNT, "The amount is too large.", field)
    return minor


def _text(minor: int, currency: str) -> str:
    return Money.from_minor(minor, currency).display()


def check_per_transaction(amount: int, *, settings, currency: str = "CNY", field: str = "amount") -> None:
    limit = to_scaled_int(Decimal(settings.payment_limit_per_transaction), exponent(currency))
    if amount > limit:
        raise DomainError(
            WalletErrorCode.TRANSACTION_LIMIT_EXCEEDED,
            f"One payment or withdrawal may be at most {_text(limit, currency)}.",
            field,
        )


def start_of_day(clock: Clock) -> datetime:
    """Midnight of today in the platform's zone (an aware instant)."""
    local = clock.local_now()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


# Money that left the user today (portable SQL; the kinds are our own constants). Bind
# ``outgoing_parameters``; the statement must start after the user's account is locked.
OUTGOING_TODAY_SQL = f"""
    SELECT coalesce(sum(t.amount), 0) AS total FROM {TRANSACTIONS.name} AS t
    WHERE t.user_id = :outgoing_user_id AND t.asset = :outgoing_asset AND t.created_at >= :outgoing_since
      AND t.kind IN ({", ".join(f"'{kind}'" for kind in OUTGOING_KINDS)})
      AND t.status <> '{TransactionStatus.FAILED}'"""
OUTGOING_BINDS = (
    bindparam("outgoing_user_id", type_=BigInteger),
    bindparam("outgoing_since", type_=TRANSACTIONS.c.created_at.type),
)
_OUTGOING_TODAY = text(OUTGOING_TODAY_SQL).bindparams(*OUTGOING_BINDS)


def outgoing_parameters(*, user_id: int, asset: str, clock: Clock) -> dict:
    return {"outgoing_user_id": user_id, "outgoing_asset": asset, "outgoing_since": start_of_day(clock)}


def outgoing_today(session: Session, *, user_id: int, asset: str, clock: Clock) -> int:
    total = session.execute(_OUTGOING_TODAY, outgoing_parameters(user_id=user_id, asset=asset, clock=clock)).scalar_one()
    return int(total)


def daily_limit(settings, currency: str = "CNY") -> int:
    """The daily limit in minor units."""
    return to_scaled_int(Decimal(settings.payment_limit_daily), exponent(currency))


def daily_limit_error(*, used: int, limit: int, currency: str = "CNY", field: str = "amount") -> DomainError:
    left = max(limit - used, 0)
    return DomainError(
        WalletErrorCode.DAILY_LIMIT_EXCEEDED,
        f"This would exceed your daily limit of {_text(limit, currency)}; {_text(left, currency)} is left today.",
        field,
    )


def check_daily(
    session: Session, *, user_id: int, amount: int, clock: Clock, settings, currency: str = "CNY", field: str = "amount"
) -> None:
    """Call with the user's account locked."""
    limit = daily_limit(settings, currency)
    used = outgoing_today(session, user_id=user_id, asset=currency, clock=clock)
    if used + amount > limit:
        raise daily_limit_error(used=used, limit=limit, currency=currency, field=field)
