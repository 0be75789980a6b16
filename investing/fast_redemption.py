"""Fast (T+0) redemption of money funds: the cash is in the wallet at once, up to the
product's daily limit per user (``fast_redemption_limit``, by default
``ROBO_FAST_REDEMPTION_DAILY_LIMIT``, 10,000 CNY; CSRC/PBoC rule from 2018-06-01). A fast
redemption over what is left of today's limit (calendar day in the platform's zone) is refused
with ``FAST_REDEMPTION_LIMIT`` saying how much is left; the rest can be redeemed normally.

The limit can never exceed the regulatory ``REGULATORY_DAILY_LIMIT`` (¥10,000 per user, fund and
day), whatever the setting or the product says.

Paying from the money-fund balance (``pay(source=MONEY_FUND)``) is a fast redemption of the
amount plus the payment, in one transaction. It is not a cash-out, so it does not use up the
T+0 cap (the payment's own limits apply: per transaction and per day); ``payment_accounts``
names the accounts the payment must lock (together with its own, in id order) and
``redeem_for_payment`` takes the amount from the payer's money funds, largest holding first.

Entry (one, multi-asset): the units go from the holding back to the fund
(``FUND_UNITS -> FUND_ISSUER``) and the fund pays the cash (``FUND_ISSUER -> CASH``, the fee,
if the schedule has one, to ``FEES``). The order is ``CONFIRMED`` at once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError, t
from core.money import shown
from core.settings import Settings
from investing import lots, pricing
from investing.errors import InvestingErrorCode
from investing.kinds import OrderSide, OrderStatus
from investing.order_rows import INSERT_ORDER as _INSERT_ORDER
from investing.order_rows import ORDERS, check_qualified_remainder, check_unlocked, load_product
from ledger.accounts import ACCOUNTS, UserAccountKey, lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.errors import LedgerErrorCode
from ledger.history import Line, record
from ledger.kinds import CNY, FUND_ASSET_PREFIX, EntryKind, Purpose, TransactionKind, fund_asset
from products.kinds import LiquidityKind, ProductKind
from wallet import limits

if TYPE_CHECKING:
    from products.models import Product

PAR = pricing.PAR
REGULATORY_DAILY_LIMIT = Decimal("10000")  # CSRC/PBoC 2018: T+0 cash-out per user, fund and day


def is_fast(product: Product) -> bool:
    """Money funds redeemable the same day with a limit above zero."""
    return (
        ProductKind(product.kind) is ProductKind.MONEY_FUND
        and product.liquidity == LiquidityKind.SAME_DAY
        and product.fast_redemption_limit is not None
        and product.fast_redemption_limit > 0
    )


def check_available(product: Product) -> None:
    if not is_fast(product):
        raise DomainError(
            InvestingErrorCode.FAST_REDEMPTION_NOT_AVAILABLE,
            t(
                f"{product.name_en} has no fast (T+0) redemption; redeem it normally.",
                f"{product.name_zh}不支持快速赎回（T+0），请使用普通赎回。",
            ),
            "fast",
        )


def daily_limit(product: Product, settings: Settings) -> int:
    """Fen a user may fast-redeem from the fund a day: the product's limit (else the
    setting's), never above the regulatory ¥10,000."""
    limit = product.fast_redemption_limit
    if limit is None:
        limit = Decimal(settings.fast_redemption_daily_limit)
    return int(min(limit, REGULATORY_DAILY_LIMIT).scaleb(2))


def used_today(session: Session, *, user_id: int, product_id: int, clock: Clock) -> int:
    """Fen fast-redeemed today from this fund (call with the holding locked)."""
    total = session.execute(
        select(func.coalesce(func.sum(ORDERS.c.units), 0)).where(
            ORDERS.c.user_id == user_id,
            ORDERS.c.product_id == product_id,
            ORDERS.c.placed_at >= limits.start_of_day(clock),
            ORDERS.c.fast.is_(True),
            ORDERS.c.for_payment.is_(False),  # payments from the fund are not cash-outs
            ORDERS.c.status == str(OrderStatus.CONFIRMED),
        )
    ).scalar_one()
    return int(total)  # units of a money fund are worth 1.00


def left_today(session: Session, *, product: Product, user_id: int, clock: Clock, settings: Settings) -> int:
    return max(
        daily_limit(product, settings) - used_today(session, user_id=user_id, product_id=product.id, clock=clock), 0
    )


def redeem_fast(
    session: Session,
    *,
    clock: Clock,
    settings: Settings,
    product: Product,
    user_id: int,
    units: int,
    field: str,
    for_payment: bool = False,
) -> int:
    """Redeem ``units`` (hundredths = fen at 1.00) at once into the user's cash; the order id."""
    check_available(product)
    now = clock.now()
    asset = fund_asset(product.id)
    holding_key, cash_key = (user_id, Purpose.FUND_UNITS, asset), (user_id, Purpose.CASH, CNY)
    locked = lock_user_accounts(session, [holding_key, cash_key], now=now)
    holding, cash = locked[holding_key], locked[cash_key]
    if holding.balance < units:
        raise DomainError(
            InvestingErrorCode.INSUFFICIENT_UNITS,
            t(
                f"Your {product.name_en} balance is {shown(holding.balance)}.",
                f"您的{product.name_zh}余额为 {shown(holding.balance)}。",
            ),
            field,
        )
    today = clock.today()
    check_unlocked(
        session, product=product, user_id=user_id, units=units, holding=holding.balance, day=today, field=field
    )
    if not for_payment:  # payments from the money-fund balance: see the README (qualified investors)
        check_qualified_remainder(
            session, product=product, user_id=user_id, units=units, holding=holding.balance, field=field
        )
    limit = daily_limit(product, settings)
    left = max(limit - used_today(session, user_id=user_id, product_id=product.id, clock=clock), 0)
    if units > left and not for_payment:
        raise DomainError(
            InvestingErrorCode.FAST_REDEMPTION_LIMIT,
            t(
                f"Fast redemption of {product.name_en} is limited to {shown(limit)} a day; {shown(left)} is left today. "
                "Redeem the rest normally (cash on the next trading day).",
                f"{product.name_zh}快速赎回每日限额 {shown(limit)}，今日还可用 {shown(left)}。"
                "超出部分请使用普通赎回（下一交易日到账）。",
            ),
            field,
        )
    order_id = session.execute(
        _INSERT_ORDER,
        dict(
            user_id=user_id,
            product_id=product.id,
            side=str(OrderSide.REDEEM),
            status=str(OrderStatus.CONFIRMED),
            fast=True,
            for_payment=for_payment,
            amount=units if field == "amount" else None,
            units=units,
            nav=PAR,
            trade_day=today,
            confirm_day=today,
            cash_day=today,
            placed_at=now,
            confirmed_at=now,
            cash_settled_at=now,
        ),
    ).scalar_one()
    taken = lots.take(
        session, order_id=order_id, user_id=user_id, product=product, units=units, holding=holding.balance, day=today
    )
    gross = pricing.cash_for(units, PAR)
    fee = lots.redemption_fee(taken, units=units, price=PAR)
    issuer_units = system_account(session, Purpose.FUND_ISSUER, asset, now=now)
    issuer_cash = system_account(session, Purpose.FUND_ISSUER, CNY, now=now)
    postings = [Posting(holding.ref, -units), Posting(issuer_units, units), Posting(issuer_cash, -gross)]
    if gross - fee:
        postings.append(Posting(cash.ref, gross - fee))
    if fee:
        postings.append(Posting(system_account(session, Purpose.FEES, CNY, now=now), fee))
    entry = post_entry(session, kind=EntryKind.FAST_REDEMPTION, postings=postings, at=now, insufficient_field=field)
    session.execute(
        ORDERS.update()
        .where(ORDERS.c.id == order_id)
        .values(entry_id=entry.id, fee=fee, cash=gross - fee, cost_released=sum(t.cost for t in taken))
    )
    lines = [Line(user_id, TransactionKind.REDEMPTION, gross, CNY, entry.id, order_id=order_id)]
    if fee:
        lines.append(Line(user_id, TransactionKind.FEE, fee, CNY, entry.id, order_id=order_id))
    record(session, lines, at=now)
    return order_id


# --- paying from the money-fund balance -----------------------------------------------------


def _money_fund_holdings(session: Session, user_id: int) -> list[tuple[Product, int]]:
    """The user's fast-redeemable money funds with units, largest holding first."""
    rows = session.execute(
        select(ACCOUNTS.c.asset, ACCOUNTS.c.balance).where(
            and_(
                ACCOUNTS.c.user_id == user_id,
                ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
                ACCOUNTS.c.asset.like(f"{FUND_ASSET_PREFIX}%"),
                ACCOUNTS.c.balance > 0,
            )
        )
    ).all()
    found = []
    for asset, balance in rows:
        product = load_product(session, int(asset[len(FUND_ASSET_PREFIX) :]))
        if is_fast(product):
            found.append((product, balance))
    return sorted(found, key=lambda item: (-item[1], item[0].id))


def payment_accounts(session: Session, *, user_id: int) -> list[UserAccountKey]:
    """The money-fund accounts a payment from the money-fund balance may take from."""
    return [
        (user_id, Purpose.FUND_UNITS, fund_asset(product.id)) for product, _ in _money_fund_holdings(session, user_id)
    ]


def redeem_for_payment(
    session: Session, *, clock: Clock, settings: Settings, user_id: int, amount: int, now: datetime
) -> int:
    """Fast-redeem ``amount`` fen from the payer's money funds (largest first); the cash
    credited. Not a cash-out: the T+0 cap does not apply (the payment's limits do). Refuses
    when the balance is short."""
    holdings = _money_fund_holdings(session, user_id)
    plan, still = [], amount
    for product, balance in holdings:
        take = min(still, balance)
        if take > 0:
            plan.append((product, take))
            still -= take
        if still == 0:
            break
    if still > 0:
        held = sum(balance for _, balance in holdings)
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS,
            t(f"Your money-fund balance is {shown(held)}.", f"您的货币基金余额为 {shown(held)}。"),
            "amount",
        )
    credited = 0
    for product, take in plan:
        order_id = redeem_fast(
            session,
            clock=clock,
            settings=settings,
            product=product,
            user_id=user_id,
            units=take,
            field="amount",
            for_payment=True,
        )
        credited += session.execute(select(ORDERS.c.cash).where(ORDERS.c.id == order_id)).scalar_one()
    return credited
