"""Fund orders: subscribing, redeeming and cancelling (the user's side; the daily job confirms
them, see ``investing.confirmation``). Prices and fees: ``investing.pricing``; lots: ``investing.lots``.

Ledger entries (assets: ``CNY`` and the product's units ``FUND:<id>``):

- subscribe: the gross cash leaves the wallet at once into fund settlement
  (``CASH -> FUND_SETTLEMENT``); history: ``SUBSCRIPTION`` (net) and ``FEE``.
- redeem: the units leave the holding at once into fund settlement
  (``FUND_UNITS -> FUND_SETTLEMENT``); the cash comes on confirmation (money funds) or the
  product's settlement days later. ``fast=True`` (money funds): cash at once, see
  ``investing.fast_redemption``.
- cancel (before the trade day's 15:00 cut-off): the cash or the units go back.

``subscribe`` and ``redeem`` are what plan execution calls (the advisor): keyword-only, usable
several times inside one write transaction, refusing with a ``DomainError`` (code and
field). With ``idempotency`` (a key) a retry returns the first order; without it, the caller
makes the whole transaction idempotent itself. The payment password, when the user set one,
is checked unless the caller says it already did (``payment_password_checked``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import BigInteger, Row, bindparam, func, select, update
from sqlalchemy.orm import Session

from core import ids
from core import qualified as floors
from core.calendar import cut_off_of
from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, Text, t
from core.money import UNITS_PLACES, DecimalFormatError, shown, to_scaled_int
from core.risk import Qualification, RiskLevel
from core.settings import Settings
from db import keyset
from db.counting import count_rows
from db.session import lock_rows
from investing import cash_guards, fast_redemption, lots, pricing
from investing.errors import InvestingErrorCode
from investing.kinds import OrderSide, OrderStatus
from investing.order_rows import (
    ASSET_CLASS_ZH,
    ORDERS,
    check_qualified_remainder,
    check_unlocked,
    load_product,
    units_text,
)
from investing.order_rows import INSERT_ORDER as _INSERT_ORDER
from ledger import idempotency as idempotency_keys
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.errors import LedgerErrorCode
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, fund_asset
from products import qualified
from products import service as products
from products.kinds import ProductStatus
from questionnaire import profiles, suitability
from tradingcalendar.service import calendar as trading_calendar
from users import service as users
from wallet import identity, limits, payment_password

if TYPE_CHECKING:
    from products.models import Product
    from users.models import User

MAX_UNITS = 10**17  # hundredths of a unit; as large as the wire accepts for amounts


@dataclass(frozen=True, slots=True)
class OrderResult:
    """The order a request placed (or, for a replay, placed earlier)."""

    order_id: int
    replayed: bool = False


# --- input checks --------------------------------------------------------------------------


_ORDER = t("order", "订单")


def parse_id(value: object, *, field: str, code: StrEnum = CommonErrorCode.NOT_FOUND, what: Text = _ORDER) -> int:
    """A client's id of an order (or of ``what``: a noun in both languages such as
    ``t("product", "产品")``), or NOT_FOUND (``core.ids.parse_id``)."""
    return ids.parse_id(value, field=field, code=code, message=t(f"No such {what.en}.", f"{what.zh}不存在。"))


def parse_units(value: object, *, field: str = "units") -> int:
    """Positive hundredths of a unit from a ``Decimal`` with at most 2 decimals."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t('Give the units as a decimal string such as "100.25".', '请以小数字符串填写份额，例如 "100.25"。'),
            field,
        )
    try:
        units = to_scaled_int(value, UNITS_PLACES)
    except DecimalFormatError:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT, t("Units have at most 2 decimal places.", "份额最多保留 2 位小数。"), field
        ) from None
    if units <= 0:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT, t("The number of units must be more than zero.", "份额须大于零。"), field
        )
    if units >= MAX_UNITS:
        raise DomainError(CommonErrorCode.INVALID_INPUT, t("The number of units is too large.", "份额过大。"), field)
    return units


# Why a product cannot be bought, in English and in Chinese (anything else: not on sale yet).
_NOT_ON_SALE: dict[ProductStatus, tuple[str, str]] = {
    ProductStatus.CLOSED: ("closed", "已关闭"),
    ProductStatus.SUSPENDED: ("suspended", "已暂停申购"),
}


def _require_on_sale(product: Product) -> None:
    if product.status != ProductStatus.ON_SALE:
        state, state_zh = _NOT_ON_SALE.get(ProductStatus(product.status), ("not on sale yet", "尚未开售"))
        raise DomainError(
            InvestingErrorCode.PRODUCT_NOT_ON_SALE,
            t(
                f"{product.name_en} is {state}: it cannot be bought now.",
                f"{product.name_zh}{state_zh}，暂时无法购买。",
            ),
            "productId",
        )


def suitable_warning(
    session: Session, *, clock: Clock, user: User, product: Product, acknowledged_warning_id: str | None
) -> str | None:
    """Pass the suitability rules (``questionnaire.suitability``) or refuse; returns the id of
    the warning the user acknowledged when one was needed (stored with the order)."""
    profile = profiles.current_profile(session=session, user_id=user.id, clock=clock)
    try:
        result = suitability.verify_acknowledgement(
            profile=profile,
            product_risk_level=RiskLevel(product.risk_level),
            qualified_investors_only=qualified.requirement(product.kind, product.qualified_only),
            acknowledged_warning_id=acknowledged_warning_id,
            locale=user.locale,
            age=identity.verified_age(session, user.id, today=clock.today()),  # at this order, not at assessment
        )
    except DomainError as error:
        if error.field is None:
            error.field = "productId"
        raise
    return None if result.warning is None else result.warning.id


def check_qualified_limits(session: Session, *, product: Product, user_id: int, minor: int) -> None:
    """The regulatory floors of products for qualified investors (``core.qualified``): an
    ABS unit takes at least ¥1,000,000 a subscription and at most 200 holders; another
    qualified-only product needs a holding of at least its asset class's floor after the order."""
    need = qualified.requirement(product.kind, product.qualified_only)
    amount = Decimal(minor).scaleb(-2)
    if need is Qualification.PRIVATE_FUND:
        if amount < floors.ABS_MIN_SUBSCRIPTION:
            raise DomainError(
                InvestingErrorCode.AMOUNT_BELOW_MINIMUM,
                t(
                    f"An ABS unit is a private placement: at least {shown(int(floors.ABS_MIN_SUBSCRIPTION) * 100)} "
                    "a subscription.",
                    f"ABS 份额属于私募产品：单笔申购至少 {shown(int(floors.ABS_MIN_SUBSCRIPTION) * 100)}。",
                ),
                "amount",
            )
        products.get_product(session=session, product_id=product.id, lock=True)  # one new holder at a time
        holders = _holders(session, product.id)
        if user_id not in holders and len(holders) >= floors.ABS_MAX_HOLDERS:
            raise DomainError(
                InvestingErrorCode.TOO_MANY_HOLDERS,
                t(
                    f"{product.name_en} already has {floors.ABS_MAX_HOLDERS} holders, the most a private "
                    "placement may have.",
                    f"{product.name_zh}已有 {floors.ABS_MAX_HOLDERS} 名持有人，已达私募产品的人数上限。",
                ),
                "productId",
            )
    elif need is Qualification.ASSET_MANAGEMENT:
        floor = floors.holding_floor(product.asset_class)
        held = _holding_value(session, product, user_id)
        if held + amount < floor:
            asset_class = floors.AssetClass(product.asset_class)
            raise DomainError(
                InvestingErrorCode.BELOW_QUALIFIED_HOLDING,
                t(
                    f"A qualified investor holds at least {shown(int(floor) * 100)} of a "
                    f"{asset_class.value.replace('_', ' ').lower()} product "
                    f"(资管新规 Art. 5); after this order you would hold {shown(int((held + amount) * 100))}.",
                    f"合格投资者须持有至少 {shown(int(floor) * 100)} 的{ASSET_CLASS_ZH[asset_class]}产品"
                    f"（资管新规第五条）；本次下单后您将持有 {shown(int((held + amount) * 100))}。",
                ),
                "amount",
            )


def _holders(session: Session, product_id: int) -> set[int]:
    """Users holding units of the product or waiting for a subscription to it."""
    from ledger.accounts import ACCOUNTS

    units = select(ACCOUNTS.c.user_id).where(
        ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
        ACCOUNTS.c.asset == fund_asset(product_id),
        ACCOUNTS.c.balance > 0,
    )
    pending = select(ORDERS.c.user_id).where(
        ORDERS.c.product_id == product_id, ORDERS.c.status == str(OrderStatus.PENDING)
    )
    return set(session.execute(units.union(pending)).scalars())


def _holding_value(session: Session, product: Product, user_id: int) -> Decimal:
    """What the user holds of a product now (units at the latest price) and waits to buy."""
    from ledger.accounts import user_balance

    units = user_balance(session, user_id=user_id, purpose=Purpose.FUND_UNITS, asset=fund_asset(product.id))
    price = pricing.latest_price(product) or pricing.PAR
    pending = session.execute(
        select(func.coalesce(func.sum(ORDERS.c.amount), 0)).where(
            ORDERS.c.product_id == product.id,
            ORDERS.c.user_id == user_id,
            ORDERS.c.side == str(OrderSide.SUBSCRIBE),
            ORDERS.c.status == str(OrderStatus.PENDING),
        )
    ).scalar_one()
    return Decimal(units).scaleb(-UNITS_PLACES) * price + Decimal(pending).scaleb(-2)


def _prepare(
    session: Session, *, clock: Clock, settings: Settings, user_id: int, password: str | None, checked: bool
) -> tuple[User, identity.PaymentProfileRow]:
    """The gates every order passes: the user may move money, has a verified identity and,
    unless the caller checked it, gave the right payment password."""
    user = users.ensure_can_move_money(session=session, user_id=user_id)
    profile = identity.require_verified(identity.payment_profile(session, user_id))
    if not checked:
        payment_password.check(profile=profile, password=password, user_id=user_id, clock=clock, settings=settings)
    return user, profile


# --- subscribing ---------------------------------------------------------------------------


def subscribe(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    product_id: int,
    amount: Decimal,
    acknowledged_warning_id: str | None = None,
    idempotency: str | None = None,
    payment_password_text: str | None = None,
    payment_password_checked: bool = False,
) -> OrderResult:
    """Buy ``amount`` CNY (gross: the fee comes off it) of a product on sale."""
    minor = limits.minor_units(amount)
    product = load_product(session, product_id)
    now = clock.now()
    claim = None
    if idempotency is not None:  # a retry returns its order even if the product changed since
        claim = idempotency_keys.claim(
            session,
            user_id=user_id,
            key=idempotency,
            operation="subscribe",
            parameters={"product": product.id, "amount": minor, "warning": acknowledged_warning_id},
            now=now,
        )
        if claim.is_replay:
            return OrderResult(cast(int, claim.replay_of), replayed=True)  # is_replay: replay_of is set
    _require_on_sale(product)
    trade_day, confirm_day = dates_of_new_order(session, clock=clock)
    if Decimal(minor).scaleb(-2) < product.minimum_amount:
        raise DomainError(
            InvestingErrorCode.AMOUNT_BELOW_MINIMUM,
            t(
                f"The minimum for {product.name_en} is {shown(int(product.minimum_amount.scaleb(2)))}.",
                f"{product.name_zh}起购金额为 {shown(int(product.minimum_amount.scaleb(2)))}。",
            ),
            "amount",
        )
    user, profile = _prepare(
        session,
        clock=clock,
        settings=settings,
        user_id=user_id,
        password=payment_password_text,
        checked=payment_password_checked,
    )
    warning_id = suitable_warning(
        session, clock=clock, user=user, product=product, acknowledged_warning_id=acknowledged_warning_id
    )
    check_qualified_limits(session, product=product, user_id=user_id, minor=minor)
    key = (user_id, Purpose.CASH, CNY)
    cash = lock_user_accounts(session, [key], now=now)[key]
    if cash.balance < minor:
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS,
            t(
                f"Your wallet has {shown(cash.balance)}; this order needs {shown(minor)}.",
                f"您的余额为 {shown(cash.balance)}，本次申购需 {shown(minor)}。",
            ),
            "amount",
        )
    cash_guards.check(session, user_id=user_id, balance=cash.balance, amount=minor)
    net, fee = pricing.subscription_split(minor, product.subscription_fee_rate)
    price = pricing.latest_price(product)
    settlement = system_account(session, Purpose.FUND_SETTLEMENT, CNY, now=now)
    entry = post_entry(
        session, kind=EntryKind.SUBSCRIPTION, postings=[Posting(cash.ref, -minor), Posting(settlement, minor)], at=now
    )
    order_id = session.execute(
        _INSERT_ORDER,
        dict(
            user_id=user_id,
            product_id=product.id,
            side=str(OrderSide.SUBSCRIBE),
            status=str(OrderStatus.PENDING),
            fast=False,
            for_payment=False,
            amount=minor,
            fee=fee,
            expected_units=None if price is None else pricing.units_for(net, price),
            trade_day=trade_day,
            confirm_day=confirm_day,
            acknowledged_warning_id=warning_id,
            entry_id=entry.id,
            placed_at=now,
        ),
    ).scalar_one()
    lines = [Line(user_id, TransactionKind.SUBSCRIPTION, net, CNY, entry.id, order_id=order_id)]
    if fee:
        lines.append(Line(user_id, TransactionKind.FEE, fee, CNY, entry.id, order_id=order_id))
    record(session, lines, at=now)
    payment_password.reset_failures(session, profile)
    if claim is not None:
        idempotency_keys.complete(session, claim, result_id=order_id)
    return OrderResult(order_id)


def dates_of_new_order(session: Session, *, clock: Clock, settlement_days: int | None = None) -> tuple[date, date]:
    """The dates of record of an order placed now: its trade day T and its confirmation day
    (the trading day after T), once the calendar is known to hold them and, for a redemption,
    its cash day (``settlement_days`` trading days after the confirmation).
    ``CALENDAR_NOT_PUBLISHED`` otherwise: an order is never given a date the exchange has not
    published. These dates follow from the contract, not from when a job runs: a confirmation
    run made late still confirms on the confirmation day."""
    known = trading_calendar(session)
    trade_day = known.trade_day_for(clock.local_now())
    confirm_day = known.next_trading_day(trade_day)
    if settlement_days:
        known.add_trading_days(confirm_day, settlement_days)
    return trade_day, confirm_day


# --- redeeming -----------------------------------------------------------------------------


def requested_units(product: Product, *, units: Decimal | None, amount: Decimal | None) -> tuple[int, str]:
    """Hundredths of a unit asked for, and the input field they came from: exactly one of
    ``units`` and ``amount``; an amount only where a unit is always worth 1.00 (money funds)."""
    if (units is None) == (amount is None):
        raise DomainError(
            InvestingErrorCode.UNITS_OR_AMOUNT,
            t("Give exactly one of units and amount.", "份额和金额须且只能填写一项。"),
            "units",
        )
    if units is not None:
        return parse_units(units), "units"
    if not pricing.has_fixed_price(product):
        raise DomainError(
            InvestingErrorCode.UNITS_OR_AMOUNT,
            t(
                f"Redeem {product.name_en} by units: its price for the trade day is not known yet.",
                f"请按份额赎回{product.name_zh}：该交易日的净值尚未公布。",
            ),
            "amount",
        )
    return limits.minor_units(amount), "amount"


def redeem(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    product_id: int,
    units: Decimal | None = None,
    amount: Decimal | None = None,
    fast: bool = False,
    idempotency: str | None = None,
    payment_password_text: str | None = None,
    payment_password_checked: bool = False,
) -> OrderResult:
    """Sell units of a holding (exactly one of ``units`` and ``amount``). Normal redemptions
    are priced at the trade day's price and confirmed the next trading day; ``fast`` (money
    funds) pays at once within the daily fast-redemption limit."""
    product = load_product(session, product_id)
    wanted, field = requested_units(product, units=units, amount=amount)
    now = clock.now()
    claim = None
    if idempotency is not None:  # a retry returns its order even if the product changed since
        claim = idempotency_keys.claim(
            session,
            user_id=user_id,
            key=idempotency,
            operation="redeem",
            parameters={"product": product.id, "units": wanted, "by": field, "fast": bool(fast)},
            now=now,
        )
        if claim.is_replay:
            return OrderResult(cast(int, claim.replay_of), replayed=True)  # is_replay: replay_of is set
    if fast:
        fast_redemption.check_available(product)
    _, profile = _prepare(
        session,
        clock=clock,
        settings=settings,
        user_id=user_id,
        password=payment_password_text,
        checked=payment_password_checked,
    )
    if fast:
        order_id = fast_redemption.redeem_fast(
            session, clock=clock, settings=settings, product=product, user_id=user_id, units=wanted, field=field
        )
    else:
        order_id = place_redemption(
            session,
            clock=clock,
            product=product,
            user_id=user_id,
            units=wanted,
            field=field,
            by_amount=field == "amount",
        )
    payment_password.reset_failures(session, profile)
    if claim is not None:
        idempotency_keys.complete(session, claim, result_id=order_id)
    return OrderResult(order_id)


def place_redemption(
    session: Session,
    *,
    clock: Clock,
    product: Product,
    user_id: int,
    units: int,
    field: str,
    by_amount: bool = False,
    switch_to_product_id: int | None = None,
) -> int:
    """A normal (not fast) redemption of ``units``: they leave the holding into fund settlement
    at once, taken from the oldest lots; the order is priced at its trade day's NAV and
    confirmed on the next trading day. ``switch_to_product_id``: the redemption side of a switch
    (``investing.switching``), whose proceeds buy that fund instead of coming to the wallet."""
    now = clock.now()
    asset = fund_asset(product.id)
    holding_key = (user_id, Purpose.FUND_UNITS, asset)
    trade_day, confirm_day = dates_of_new_order(session, clock=clock, settlement_days=product.settlement_days)
    holding = lock_user_accounts(session, [holding_key], now=now)[holding_key]
    if holding.balance < units:
        raise DomainError(
            InvestingErrorCode.INSUFFICIENT_UNITS,
            t(
                f"You hold {units_text(holding.balance)} units of {product.name_en}.",
                f"您持有{product.name_zh} {units_text(holding.balance)} 份。",
            ),
            field,
        )
    check_unlocked(
        session, product=product, user_id=user_id, units=units, holding=holding.balance, day=trade_day, field=field
    )
    check_qualified_remainder(
        session, product=product, user_id=user_id, units=units, holding=holding.balance, field=field
    )
    settlement = system_account(session, Purpose.FUND_SETTLEMENT, asset, now=now)
    entry = post_entry(
        session,
        kind=EntryKind.REDEMPTION,
        postings=[Posting(holding.ref, -units), Posting(settlement, units)],
        at=now,
        insufficient_field=field,
    )
    order_id: int = session.execute(
        _INSERT_ORDER,
        dict(
            user_id=user_id,
            product_id=product.id,
            side=str(OrderSide.REDEEM),
            status=str(OrderStatus.PENDING),
            fast=False,
            for_payment=False,
            amount=units if by_amount else None,
            units=units,
            trade_day=trade_day,
            confirm_day=confirm_day,
            entry_id=entry.id,
            placed_at=now,
            switch_to_product_id=switch_to_product_id,
        ),
    ).scalar_one()
    taken = lots.take(
        session,
        order_id=order_id,
        user_id=user_id,
        product=product,
        units=units,
        holding=holding.balance,
        day=trade_day,
    )
    session.execute(update(ORDERS).where(ORDERS.c.id == order_id).values(cost_released=sum(t.cost for t in taken)))
    return order_id


# --- cancelling ----------------------------------------------------------------------------


def lock_order(session: Session, order_id: int) -> Row[Any]:
    row = session.execute(lock_rows(session, select(ORDERS).where(ORDERS.c.id == order_id))).one_or_none()
    if row is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such order.", "订单不存在。"), "orderId")
    return row


def cancel_deadline(trade_day: date, zone: tzinfo) -> datetime:
    """Until when an order can be cancelled: its trade day's 15:00 cut-off."""
    return cut_off_of(trade_day, zone)


def cancellable_until(view: OrderView, zone: tzinfo) -> datetime | None:
    """A pending order's cancel deadline (None once it is no longer pending)."""
    return cancel_deadline(view.trade_day, zone) if view.status is OrderStatus.PENDING else None


# An order's status as ``cancel_order`` names it in Chinese (the English: the status in lower case).
_ORDER_STATUS_ZH: dict[OrderStatus, str] = {
    OrderStatus.PENDING: "待确认",
    OrderStatus.CONFIRMED: "已确认",
    OrderStatus.CANCELLED: "已撤单",
    OrderStatus.FAILED: "已失败",
}


def cancel_order(*, session: Session, clock: Clock, user_id: int, order_id: object) -> int:
    """Cancel one's own pending order before its trade day's 15:00 cut-off: the cash (a
    subscription) or the units (a redemption) go back. Cancelling again changes nothing."""
    order = lock_order(session, parse_id(order_id, field="orderId"))
    if order.user_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such order.", "订单不存在。"), "orderId")
    order_key: int = order.id
    if order.status == OrderStatus.CANCELLED:
        return order_key
    if order.status != OrderStatus.PENDING:
        raise DomainError(
            InvestingErrorCode.ORDER_NOT_CANCELLABLE,
            t(
                f"This order is {order.status.lower()}; it can no longer be cancelled.",
                f"该订单{_ORDER_STATUS_ZH[OrderStatus(order.status)]}，无法再撤单。",
            ),
            "orderId",
        )
    now = clock.now()
    if now >= cancel_deadline(order.trade_day, clock.zone):
        raise DomainError(
            InvestingErrorCode.CUT_OFF_PASSED,
            t(
                f"Orders can be cancelled until 15:00 on their trade day ({order.trade_day.isoformat()}); that has passed.",
                f"订单仅可在交易日（{order.trade_day.isoformat()}）15:00 前撤单，现已超过撤单时间。",
            ),
            "orderId",
        )
    give_back(session, order, kind=EntryKind.SUBSCRIPTION_REFUND, now=now)
    session.execute(
        update(ORDERS).where(ORDERS.c.id == order.id).values(status=str(OrderStatus.CANCELLED), cancelled_at=now)
    )
    return order_key


def give_back(session: Session, order: Row[Any], *, kind: EntryKind, now: datetime) -> int:
    """Return a pending order's cash (subscription) or units (redemption) to the user."""
    if order.side == OrderSide.SUBSCRIBE:
        key = (order.user_id, Purpose.CASH, CNY)
        cash = lock_user_accounts(session, [key], now=now)[key]
        settlement = system_account(session, Purpose.FUND_SETTLEMENT, CNY, now=now)
        entry = post_entry(
            session,
            kind=kind,
            postings=[Posting(settlement, -order.amount), Posting(cash.ref, order.amount)],
            at=now,
            reverses_entry_id=order.entry_id,
        )
        record(
            session,
            [Line(order.user_id, TransactionKind.SUBSCRIPTION_REFUND, order.amount, CNY, entry.id, order_id=order.id)],
            at=now,
        )
        return entry.id
    asset = fund_asset(order.product_id)
    key = (order.user_id, Purpose.FUND_UNITS, asset)
    holding = lock_user_accounts(session, [key], now=now)[key]
    settlement = system_account(session, Purpose.FUND_SETTLEMENT, asset, now=now)
    entry = post_entry(
        session,
        kind=EntryKind.REDEMPTION_CANCELLATION,
        postings=[Posting(settlement, -order.units), Posting(holding.ref, order.units)],
        at=now,
        reverses_entry_id=order.entry_id,
    )
    lots.give_back(session, order.id)
    return entry.id


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderView:
    """An order as its owner sees it (minor units; see ``FundOrder``)."""

    id: int
    user_id: int
    product_id: int
    side: OrderSide
    status: OrderStatus
    fast: bool
    amount: int | None
    fee: int | None
    units: int | None
    expected_units: int | None
    nav: Decimal | None
    cash: int | None
    trade_day: date
    confirm_day: date | None
    cash_day: date | None
    acknowledged_warning_id: str | None
    placed_at: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    cash_settled_at: datetime | None
    for_payment: bool = False  # a fast redemption that paid a payment from the money-fund balance
    switch_to_product_id: int | None = None  # a switch's redemption: the fund its proceeds buy
    switch_of: int | None = None  # a switch's subscription: the redemption it came from


def _view(row: Row[Any]) -> OrderView:
    return OrderView(
        id=row.id,
        user_id=row.user_id,
        product_id=row.product_id,
        side=OrderSide(row.side),
        status=OrderStatus(row.status),
        fast=row.fast,
        amount=row.amount,
        fee=row.fee,
        units=row.units,
        expected_units=row.expected_units,
        nav=row.nav,
        cash=row.cash,
        trade_day=row.trade_day,
        confirm_day=row.confirm_day,
        cash_day=row.cash_day,
        acknowledged_warning_id=row.acknowledged_warning_id,
        placed_at=row.placed_at,
        confirmed_at=row.confirmed_at,
        cancelled_at=row.cancelled_at,
        cash_settled_at=row.cash_settled_at,
        for_payment=bool(row.for_payment),
        switch_to_product_id=row.switch_to_product_id,
        switch_of=row.switch_of,
    )


view_of = _view  # a ``fund_orders`` row as its owner sees it (for readers that load rows in a batch)

_ONE = select(ORDERS).where(ORDERS.c.id == bindparam("id", type_=BigInteger))


def order_view(session: Session, order_id: int, *, user_id: int | None = None) -> OrderView:
    """An order (NOT_FOUND for another user's, exactly as for one that does not exist)."""
    row = session.execute(_ONE, {"id": order_id}).one_or_none()
    if row is None or (user_id is not None and row.user_id != user_id):
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such order.", "订单不存在。"), "orderId")
    return _view(row)


def switched_into(session: Session, *, order_id: int, user_id: int) -> OrderView | None:
    """The order that bought the target fund of a confirmed switch's redemption ``order_id``."""
    row = session.execute(
        select(ORDERS).where(ORDERS.c.switch_of == order_id, ORDERS.c.user_id == user_id)
    ).one_or_none()
    return None if row is None else _view(row)


def pending_orders(session: Session, *, user_id: int, limit: int) -> list[OrderView]:
    """The user's orders still waiting for their price, newest first."""
    statement = select(ORDERS).where(ORDERS.c.user_id == user_id, ORDERS.c.status == str(OrderStatus.PENDING))
    return [_view(row) for row in session.execute(statement.order_by(ORDERS.c.id.desc()).limit(limit))]


def _order_conditions(user_id: int, status: OrderStatus | None, product_id: int | None) -> list[Any]:
    conditions: list[Any] = [ORDERS.c.user_id == user_id]
    if status is not None:
        conditions.append(ORDERS.c.status == str(status))
    if product_id is not None:
        conditions.append(ORDERS.c.product_id == product_id)
    return conditions


def count_orders(
    session: Session, *, user_id: int, status: OrderStatus | None = None, product_id: int | None = None
) -> int:
    """How many orders the user has placed (in ``status``, of ``product_id``)."""
    return count_rows(session, select(ORDERS.c.id).where(*_order_conditions(user_id, status, product_id)))


def orders_page(
    session: Session,
    *,
    user_id: int,
    limit: int,
    after_id: int | None,
    status: OrderStatus | None = None,
    product_id: int | None = None,
    backward: bool = False,
) -> list[OrderView]:
    """The user's orders (in ``status``, of ``product_id``), newest first (``backward``: those
    before ``after_id``, oldest first; see ``db.keyset``)."""
    statement = select(ORDERS).where(*_order_conditions(user_id, status, product_id))
    key = None if after_id is None else [after_id]
    statement = keyset.page(statement, [ORDERS.c.id], descending=[True], key=key, backward=backward, limit=limit)
    return [_view(row) for row in session.execute(statement)]
