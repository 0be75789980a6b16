"""Fund switching (基金转换): selling units of one fund to buy another of the same manager, in
one order, without the cash passing through the wallet.

- Who may switch: both funds allow switching (``Product.switchable``), have the same issuer
  (the fund manager) and the same registrar (登记机构); the target is on sale and suitable for
  the user (the same suitability and qualified-investor checks as a subscription); the units
  switched are free (not locked up).
- Placing (``switch_fund``): the units leave the holding at once, exactly like a normal
  redemption (``orders.place_redemption``), on an order that names the target fund; until the
  trade day's 15:00 it can be cancelled like any order (the units come back).
- Pricing: both sides at the trade day T's NAV (forward pricing), confirmed on T+1 with the
  source order. Proceeds = units x source NAV (half-even to the fen) less the source's
  redemption fee by holding period; the switch fee is the difference of the subscription
  fees, ``max(0, target rate - source rate)``, charged on the proceeds as a front-end fee
  (``pricing.subscription_split``); the rest buys target units at the target's NAV of T,
  rounded down. The target's units start a new lot on the confirmation day (its cost: the
  amount switched in), so lock-ups, redemption fees and money-fund income count from then.
- Confirmation (``confirm``, called by ``investing.confirmation``) waits while either NAV of T
  is missing. If the target was closed meanwhile, or the proceeds are too small for 0.01 units,
  the order is confirmed as a plain redemption and the cash comes to the wallet.
- Ledger: one entry, ``SWITCH_CONFIRMATION``: source units back to the fund, the fees to
  ``FEES`` (paid out of the fund's cash), target units from the fund to the holding. History:
  one ``SWITCH`` line (the gross proceeds) with its fees folded into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Row, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from investing import lots, pricing
from investing.errors import InvestingErrorCode
from investing.kinds import OrderSide, OrderStatus
from investing.order_rows import INSERT_ORDER, ORDERS, load_product
from investing.orders import (
    OrderResult,
    _prepare,
    _require_on_sale,
    check_qualified_limits,
    place_redemption,
    requested_units,
    suitable_warning,
)
from ledger import idempotency as idempotency_keys
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, fund_asset
from products.kinds import ProductStatus
from wallet import payment_password

if TYPE_CHECKING:
    from products.models import Product


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def check_switchable(source: Product, target: Product) -> None:
    """Refuse (``SWITCH_NOT_ALLOWED``, on ``toProductId``) a switch the funds do not allow."""
    if source.id == target.id:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t("Choose another fund to switch into.", "请选择另一只基金进行转换。"),
            "toProductId",
        )
    if not source.switchable:
        raise DomainError(
            InvestingErrorCode.SWITCH_NOT_ALLOWED,
            t(f"{source.name_en} does not allow switching.", f"{source.name_zh}不支持转换。"),
            "fromProductId",
        )
    if not target.switchable:
        raise DomainError(
            InvestingErrorCode.SWITCH_NOT_ALLOWED,
            t(f"{target.name_en} does not allow switching.", f"{target.name_zh}不支持转换。"),
            "toProductId",
        )
    if not _same(source.issuer, target.issuer) or not _same(source.registrar, target.registrar):
        raise DomainError(
            InvestingErrorCode.SWITCH_NOT_ALLOWED,
            t(
                f"{source.name_en} can only be switched into funds of the same manager and registrar; "
                f"{target.name_en} is not one.",
                f"{source.name_zh}只能转换为同一基金管理人、同一登记机构的基金，{target.name_zh}不符合。",
            ),
            "toProductId",
        )


def _on_field(error: DomainError, field: str) -> DomainError:
    if error.field in (None, "productId", "amount"):
        error.field = field
    return error


def switch_fund(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    from_product_id: int,
    to_product_id: int,
    units: Decimal | None = None,
    amount: Decimal | None = None,
    acknowledged_warning_id: str | None = None,
    idempotency: str | None = None,
    payment_password_text: str | None = None,
    payment_password_checked: bool = False,
) -> OrderResult:
    """Switch ``units`` of one fund (or, for a money fund, ``amount`` of it) into another; the
    order returned is the switch's redemption (``switch_to_product_id`` names the target)."""
    source = load_product(session, from_product_id)
    target = load_product(session, to_product_id)
    wanted, field = requested_units(source, units=units, amount=amount)
    claim = None
    if idempotency is not None:
        claim = idempotency_keys.claim(
            session,
            user_id=user_id,
            key=idempotency,
            operation="switch",
            parameters={
                "from": source.id,
                "to": target.id,
                "units": wanted,
                "by": field,
                "warning": acknowledged_warning_id,
            },
            now=clock.now(),
        )
        if claim.is_replay:
            return OrderResult(cast(int, claim.replay_of), replayed=True)
    check_switchable(source, target)
    try:
        _require_on_sale(target)
    except DomainError as error:
        raise _on_field(error, "toProductId") from None
    user, profile = _prepare(
        session,
        clock=clock,
        settings=settings,
        user_id=user_id,
        password=payment_password_text,
        checked=payment_password_checked,
    )
    try:
        warning_id = suitable_warning(
            session, clock=clock, user=user, product=target, acknowledged_warning_id=acknowledged_warning_id
        )
    except DomainError as error:
        raise _on_field(error, "toProductId") from None
    price = pricing.latest_price(source)
    if price is not None:  # the trade day's price decides; the latest one sizes the checks
        estimate = pricing.cash_for(wanted, price)
        if Decimal(estimate).scaleb(-2) < target.minimum_amount:
            raise DomainError(
                InvestingErrorCode.AMOUNT_BELOW_MINIMUM,
                t(
                    f"The minimum for {target.name_en} is {target.minimum_amount:,.2f}; these units are worth "
                    f"about {Decimal(estimate).scaleb(-2):,.2f}.",
                    f"{target.name_zh}起购金额为 {target.minimum_amount:,.2f}，这些份额约值 "
                    f"{Decimal(estimate).scaleb(-2):,.2f}。",
                ),
                field,
            )
        try:
            check_qualified_limits(session, product=target, user_id=user_id, minor=estimate)
        except DomainError as error:
            raise _on_field(error, field) from None
    order_id = place_redemption(
        session,
        clock=clock,
        product=source,
        user_id=user_id,
        units=wanted,
        field=field,
        by_amount=field == "amount",
        switch_to_product_id=target.id,
    )
    if warning_id is not None:
        session.execute(update(ORDERS).where(ORDERS.c.id == order_id).values(acknowledged_warning_id=warning_id))
    payment_password.reset_failures(session, profile)
    if claim is not None:
        idempotency_keys.complete(session, claim, result_id=order_id)
    return OrderResult(order_id)


# --- confirming ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SwitchAmounts:
    """A switch's figures in fen and hundredths of a unit."""

    gross: int  # units x source NAV
    redemption_fee: int
    switch_fee: int
    invested: int  # what buys the target: gross - redemption fee - switch fee
    units: int  # target units bought

    @property
    def proceeds(self) -> int:
        """What left the source fund: gross less its redemption fee."""
        return self.gross - self.redemption_fee


def amounts(
    *, units: int, source_price: Decimal, target_price: Decimal, redemption_fee: int, fee_difference: Decimal
) -> SwitchAmounts:
    """The switch's figures (see the module docstring); ``fee_difference`` is the target's
    subscription rate less the source's (a negative difference charges nothing)."""
    gross = pricing.cash_for(units, source_price)
    proceeds = gross - redemption_fee
    invested, switch_fee = pricing.subscription_split(proceeds, max(Decimal(0), fee_difference))
    return SwitchAmounts(gross, redemption_fee, switch_fee, invested, pricing.units_for(invested, target_price))


def target_of(session: Session, order: Row[Any]) -> Product | None:
    """The fund a switch's redemption buys (None for a plain redemption)."""
    if order.switch_to_product_id is None:
        return None
    return load_product(session, order.switch_to_product_id)


def can_switch(target: Product, figures: SwitchAmounts) -> bool:
    """Whether a priced switch buys its target: not closed meanwhile, at least 0.01 units."""
    return target.status != ProductStatus.CLOSED and figures.units > 0 and figures.invested > 0


def confirm(
    session: Session,
    *,
    clock: Clock,
    source: Product,
    target: Product,
    order: Row[Any],
    prices: tuple[Decimal, Decimal],
    figures: SwitchAmounts,
    day: date,
) -> int:
    """Book a priced switch (its order already claimed) at ``prices`` (the source's and the
    target's NAV of the trade day); the target's order id."""
    now = clock.now()
    source_asset, target_asset = fund_asset(source.id), fund_asset(target.id)
    key = (order.user_id, Purpose.FUND_UNITS, target_asset)
    holding = lock_user_accounts(session, [key], now=now)[key]
    fees = figures.redemption_fee + figures.switch_fee
    postings = [
        Posting(system_account(session, Purpose.FUND_SETTLEMENT, source_asset, now=now), -order.units),
        Posting(system_account(session, Purpose.FUND_ISSUER, source_asset, now=now), order.units),
        Posting(system_account(session, Purpose.FUND_ISSUER, target_asset, now=now), -figures.units),
        Posting(holding.ref, figures.units),
    ]
    if fees:
        postings += [
            Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -fees),
            Posting(system_account(session, Purpose.FEES, CNY, now=now), fees),
        ]
    entry = post_entry(session, kind=EntryKind.SWITCH_CONFIRMATION, postings=postings, at=now)
    session.execute(
        update(ORDERS)
        .where(ORDERS.c.id == order.id)
        .values(
            nav=prices[0],
            fee=figures.redemption_fee,
            cash=figures.proceeds,
            cash_day=day,
            cash_settled_at=now,
        )
    )
    bought: int = session.execute(
        INSERT_ORDER,
        dict(
            user_id=order.user_id,
            product_id=target.id,
            side=str(OrderSide.SUBSCRIBE),
            status=str(OrderStatus.CONFIRMED),
            fast=False,
            for_payment=False,
            amount=figures.proceeds,
            fee=figures.switch_fee,
            units=figures.units,
            nav=prices[1],
            trade_day=order.trade_day,
            confirm_day=day,
            acknowledged_warning_id=order.acknowledged_warning_id,
            entry_id=entry.id,
            placed_at=now,
            confirmed_at=now,
            switch_of=order.id,
        ),
    ).scalar_one()
    lots.add(
        session,
        product=target,
        user_id=order.user_id,
        order_id=bought,
        day=day,
        units=figures.units,
        cost=figures.proceeds,
    )
    lines = [Line(order.user_id, TransactionKind.SWITCH, figures.gross, CNY, entry.id, order_id=order.id)]
    if fees:
        lines.append(Line(order.user_id, TransactionKind.FEE, fees, CNY, entry.id, order_id=order.id))
    record(session, lines, at=now)
    return bought
