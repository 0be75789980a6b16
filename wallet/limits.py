"""Amount checks and payment limits.

``minor_units`` turns a requested ``Decimal`` into positive integer minor units or refuses
it. The per-transaction limit (``ROBO_PAYMENT_LIMIT_PER_TRANSACTION``) and the daily limit
(``ROBO_PAYMENT_LIMIT_DAILY``, per user and calendar day in the platform's zone) apply to
money leaving a user: payments (direct or guarantee) and withdrawals that did not fail.
The daily sum is read after the payer's account is locked, so two concurrent payments
cannot both slip under the limit.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import BigInteger, bindparam, func, select
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


_OUTGOING_SINCE = select(func.coalesce(func.sum(TRANSACTIONS.c.amount), 0)).where(
    TRANSACTIONS.c.user_id == bindparam("user_id", type_=BigInteger),
    TRANSACTIONS.c.created_at >= bindparam("since", type_=TRANSACTIONS.c.created_at.type),
    TRANSACTIONS.c.kind.in_([str(kind) for kind in OUTGOING_KINDS]),
    TRANSACTIONS.c.status != str(TransactionStatus.FAILED),
    TRANSACTIONS.c.asset == bindparam("asset"),
)


def outgoing_today(session: Session, *, user_id: int, asset: str, clock: Clock) -> int:
    total = session.execute(
        _OUTGOING_SINCE, {"user_id": user_id, "since": start_of_day(clock), "asset": asset}
    ).scalar_one()
    return int(total)


def check_daily(
    session: Session, *, user_id: int, amount: int, clock: Clock, settings, currency: str = "CNY", field: str = "amount"
) -> None:
    """Call with the user's account locked."""
    limit = to_scaled_int(Decimal(settings.payment_limit_daily), exponent(currency))
    used = outgoing_today(session, user_id=user_id, asset=currency, clock=clock)
    if used + amount > limit:
        left = max(limit - used, 0)
        raise DomainError(
            WalletErrorCode.DAILY_LIMIT_EXCEEDED,
            f"This would exceed your daily limit of {_text(limit, currency)}; {_text(left, currency)} is left today.",
            field,
        )
