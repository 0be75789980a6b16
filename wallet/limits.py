"""Amount checks and payment limits.

``minor_units`` turns a requested ``Decimal`` into positive integer minor units or refuses
it. The per-transaction limit (``ROBO_PAYMENT_LIMIT_PER_TRANSACTION``) and the daily limit
(``ROBO_PAYMENT_LIMIT_DAILY``, per user and calendar day in the platform's zone) apply to
money leaving a user: payments (direct or guarantee) and withdrawals that did not fail.

Today's payments are kept on one row per user and asset (``DailyPaymentTotal``; a payment
adds itself with ``count_payment``), so the check reads one row instead of scanning the day's
history; withdrawals, few and able to fail later, are summed from the history. Both are read
and written only with the user's cash account locked, so two concurrent payments cannot both
slip under the limit. ``OUTGOING_TODAY_SQL`` and ``count_payment_sql`` are the same as SQL
fragments, for a statement that starts after the lock is taken (the payment's write statement).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Date, bindparam, text
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.money import MAX_INTEGER_DIGITS, DecimalFormatError, Money, exponent, to_scaled_int
from core.settings import Settings
from db.base import table_of
from ledger.kinds import TransactionKind, TransactionStatus
from ledger.models import WalletTransaction
from wallet.errors import WalletErrorCode
from wallet.kinds import OUTGOING_KINDS
from wallet.models import DailyPaymentTotal

# ``__table__`` is typed as any ``FromClause``; a mapped class's is always its ``Table``.
TRANSACTIONS = table_of(WalletTransaction)
PAID_TODAY = table_of(DailyPaymentTotal)
# Outgoing kinds counted on the day's payment total; the others (withdrawals) are summed.
PAYMENT_KINDS = (TransactionKind.PAYMENT_SENT, TransactionKind.ESCROW_HOLD)
SUMMED_KINDS = tuple(kind for kind in OUTGOING_KINDS if kind not in PAYMENT_KINDS)
MAX_MINOR_UNITS = 10 ** (MAX_INTEGER_DIGITS + 2)  # the largest amount the wire accepts, in fen


def minor_units(amount: object, *, currency: str = "CNY", field: str = "amount") -> int:
    """Positive minor units of ``amount`` (a Decimal with at most the currency's decimals)."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT,
            t('The amount must be a decimal string such as "12.34".', '金额须为小数字符串，例如 "12.34"。'),
            field,
        )
    places = exponent(currency)
    try:
        minor = to_scaled_int(amount, places)
    except DecimalFormatError:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT,
            t(f"The amount may have at most {places} decimal places.", f"金额最多保留 {places} 位小数。"),
            field,
        ) from None
    if minor <= 0:
        raise DomainError(
            CommonErrorCode.INVALID_AMOUNT, t("The amount must be more than zero.", "金额须大于零。"), field
        )
    if minor >= MAX_MINOR_UNITS:
        raise DomainError(CommonErrorCode.INVALID_AMOUNT, t("The amount is too large.", "金额过大。"), field)
    return minor


def _text(minor: int, currency: str) -> str:
    return Money.from_minor(minor, currency).display()


def check_per_transaction(amount: int, *, settings: Settings, currency: str = "CNY", field: str = "amount") -> None:
    limit = to_scaled_int(Decimal(settings.payment_limit_per_transaction), exponent(currency))
    if amount > limit:
        raise DomainError(
            WalletErrorCode.TRANSACTION_LIMIT_EXCEEDED,
            t(
                f"One payment or withdrawal may be at most {_text(limit, currency)}.",
                f"单笔付款或提现最多 {_text(limit, currency)}。",
            ),
            field,
        )


def start_of_day(clock: Clock) -> datetime:
    """Midnight of today in the platform's zone (an aware instant)."""
    local = clock.local_now()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


# Our own constants: safe to inline (and a partial index matches them).
def _kinds_sql(kinds: Sequence[str]) -> str:
    return f"= '{kinds[0]}'" if len(kinds) == 1 else "IN (" + ", ".join(f"'{kind}'" for kind in kinds) + ")"


# Money that left the user today (portable SQL). Bind ``outgoing_parameters``; the statement
# must start after the user's cash account is locked.
OUTGOING_TODAY_SQL = f"""
    SELECT coalesce((
        SELECT p.amount FROM {PAID_TODAY.name} AS p
        WHERE p.user_id = :outgoing_user_id AND p.asset = :outgoing_asset AND p.day = :outgoing_day
    ), 0) + (
        SELECT coalesce(sum(t.amount), 0) FROM {TRANSACTIONS.name} AS t
        WHERE t.user_id = :outgoing_user_id AND t.kind {_kinds_sql(SUMMED_KINDS)} AND t.created_at >= :outgoing_since
          AND t.asset = :outgoing_asset AND t.status <> '{TransactionStatus.FAILED}'
    ) AS total"""
_ADD_TO_TOTAL = f"""
    ON CONFLICT (user_id, asset) DO UPDATE SET day = excluded.day, amount = CASE
        WHEN {PAID_TODAY.name}.day = excluded.day THEN {PAID_TODAY.name}.amount + excluded.amount ELSE excluded.amount END"""
OUTGOING_BINDS = (
    bindparam("outgoing_user_id", type_=BigInteger),
    bindparam("outgoing_since", type_=TRANSACTIONS.c.created_at.type),
    bindparam("outgoing_day", type_=Date()),
)


def count_payment_sql(gate: str) -> str:
    """PostgreSQL statement (for a CTE) adding ``:counted_amount`` to the payer's total of the
    day when ``gate`` yields a row; bind ``outgoing_parameters``."""
    return f"""
    INSERT INTO {PAID_TODAY.name} (user_id, asset, day, amount)
    SELECT :outgoing_user_id, :outgoing_asset, :outgoing_day, :counted_amount FROM {gate}{_ADD_TO_TOTAL}"""


_OUTGOING_TODAY = text(OUTGOING_TODAY_SQL).bindparams(*OUTGOING_BINDS)
_COUNT_PAYMENT = text(
    f"""INSERT INTO {PAID_TODAY.name} (user_id, asset, day, amount)
    VALUES (:outgoing_user_id, :outgoing_asset, :outgoing_day, :counted_amount){_ADD_TO_TOTAL}"""
).bindparams(*(bind for bind in OUTGOING_BINDS if bind.key != "outgoing_since"))


def outgoing_parameters(*, user_id: int, asset: str, clock: Clock) -> dict[str, Any]:
    since = start_of_day(clock)
    return {"outgoing_user_id": user_id, "outgoing_asset": asset, "outgoing_since": since, "outgoing_day": since.date()}


def outgoing_today(session: Session, *, user_id: int, asset: str, clock: Clock) -> int:
    total = session.execute(
        _OUTGOING_TODAY, outgoing_parameters(user_id=user_id, asset=asset, clock=clock)
    ).scalar_one()
    return int(total)


def count_payment(session: Session, *, user_id: int, amount: int, asset: str, clock: Clock) -> None:
    """Add a payment (direct or guarantee) to the payer's total of the day. Call with the
    payer's cash account locked, in the transaction that makes the payment."""
    session.execute(
        _COUNT_PAYMENT, {**outgoing_parameters(user_id=user_id, asset=asset, clock=clock), "counted_amount": amount}
    )


def daily_limit(settings: Settings, currency: str = "CNY") -> int:
    """The daily limit in minor units."""
    return to_scaled_int(Decimal(settings.payment_limit_daily), exponent(currency))


def daily_limit_error(*, used: int, limit: int, currency: str = "CNY", field: str = "amount") -> DomainError:
    left = max(limit - used, 0)
    return DomainError(
        WalletErrorCode.DAILY_LIMIT_EXCEEDED,
        t(
            f"This would exceed your daily limit of {_text(limit, currency)}; {_text(left, currency)} is left today.",
            f"将超出每日限额 {_text(limit, currency)}，今日还可用 {_text(left, currency)}。",
        ),
        field,
    )


def check_daily(
    session: Session,
    *,
    user_id: int,
    amount: int,
    clock: Clock,
    settings: Settings,
    currency: str = "CNY",
    field: str = "amount",
) -> None:
    """Call with the user's account locked."""
    limit = daily_limit(settings, currency)
    used = outgoing_today(session, user_id=user_id, asset=currency, clock=clock)
    if used + amount > limit:
        raise daily_limit_error(used=used, limit=limit, currency=currency, field=field)
