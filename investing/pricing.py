"""Forward pricing of orders: the price of a trade day, and the fee and rounding rules.

- An order belongs to trade day T (``core.calendar.trade_day_for``: before the 15:00 cut-off
  on a Shanghai trading day that day, else the next trading day) and is priced at T's price,
  known after T's close, and confirmed on T+1.
- Price of T: money funds 1.0000 (NAV held at 1.00); equity funds the NAV recorded for T
  (None until the product manager records it: the order waits); loan products (ABS units,
  P2P) par 1.0000 less the share the defaults recorded so far take
  (``products.credit_events.loss_fraction``), half-even to 4 places.
- Subscription fee (the front-end fee on the net amount, as Chinese funds charge it): net =
  amount / (1 + rate), half-even to the fen; fee = amount - net. Units = net / price,
  rounded down to 2 decimals (the residue stays with the fund).
- Redemption: proceeds = units x price, half-even to the fen; the fee of each lot's units =
  units x price x the rate of their holding period, half-even.

Every quantity crosses this module as ledger minor units (fen, hundredths of a unit).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from core.money import NAV_PLACES, UNITS_PLACES, major, round_half_even, truncate
from products import credit_events, prices
from products.kinds import MONEY_FUND_NAV, ProductKind

if TYPE_CHECKING:
    from products.models import Product

PAR = MONEY_FUND_NAV  # 1.0000


def has_fixed_price(product: Product) -> bool:
    """Money funds (always 1.00): their amounts and units are the same number."""
    return ProductKind(product.kind) is ProductKind.MONEY_FUND


def unit_price(*, session: Session, product: Product, day: date) -> Decimal | None:
    """The price of ``day`` (see the module docstring); None while an equity NAV is missing."""
    kind = ProductKind(product.kind)
    if kind is ProductKind.MONEY_FUND:
        return PAR
    if kind is ProductKind.EQUITY_FUND:
        return prices.nav_on(session=session, product_id=product.id, day=day)
    events = credit_events.events_of(session=session, product_ids=[product.id])[product.id]
    loss = credit_events.loss_fraction(product=product, events=events, day=day)
    return round_half_even(PAR * (1 - loss), NAV_PLACES)


def latest_price(product: Product) -> Decimal | None:
    """The latest known price, for estimates (equity: the latest NAV recorded; others: par)."""
    kind = ProductKind(product.kind)
    if kind is ProductKind.EQUITY_FUND:
        figures = product.figures
        return None if figures is None else figures.latest_value
    return PAR


def _minor(value: Decimal) -> int:
    return int(value.scaleb(2))


def subscription_split(amount: int, fee_rate: Decimal) -> tuple[int, int]:
    """(net, fee) in fen of a gross subscription ``amount``."""
    net = _minor(round_half_even(major(amount) / (1 + fee_rate), 2))
    return net, amount - net


def units_for(net: int, price: Decimal) -> int:
    """Hundredths of a unit that ``net`` fen buy at ``price``, rounded down."""
    return _minor(truncate(major(net) / price, UNITS_PLACES))


def cash_for(units: int, price: Decimal) -> int:
    """Fen that ``units`` (hundredths) are worth at ``price``, half-even."""
    return _minor(round_half_even(Decimal(units).scaleb(-UNITS_PLACES) * price, 2))


def fee_for(units: int, price: Decimal, rate: Decimal) -> int:
    """The redemption fee in fen of ``units`` at ``price`` and fee ``rate``, half-even."""
    if rate == 0:
        return 0
    return _minor(round_half_even(Decimal(units).scaleb(-UNITS_PLACES) * price * rate, 2))
