"""Loan products (ABS units, P2P) pay their holders: ``robo loans process --date D`` pays every
coupon and principal instalment due on or before D that is not paid yet (one product per
transaction), into the holders' wallets (history: ``COUPON``, ``PRINCIPAL``).

Each lot (one confirmed subscription; a unit is 1.00 of principal) has its own schedule from
its confirmation day to the product's maturity date (or, without one, the term in months):

- P2P ``BULLET``: one payment at the end, interest for the whole term and all the principal;
- P2P ``EQUAL_INSTALMENTS``: monthly, interest on what is outstanding and the principal in
  equal instalments;
- ABS units: monthly coupons; the principal in equal instalments after the revolving period
  (while the pool revolves, repaid principal buys new loans and holders get interest only).

Interest of a period = outstanding x rate x days / 365, truncated to the fen. Defaults
recorded by the product manager (``products.credit_events``) reduce each payment due on or
after them by the loss they cause (``loss_fraction``: the loss given default, the ABS
tranche's attachment and detachment, a P2P guarantor or risk reserve); the principal the
payment covers is retired in full, the part lost is written off (``loan_payments.loss``).
Entry per payment: the fund pays the cash (``FUND_ISSUER -> CASH``) and takes back the units
retired (``FUND_UNITS -> FUND_ISSUER``). ``paid_periods`` on the lot makes a re-run pay
nothing twice.
"""

from __future__ import annotations

import calendar as months
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.money import truncate
from products import credit_events
from products import service as products
from products.kinds import ProductKind, RepaymentMethod
from wallet import lots
from wallet.accounts import lock_user_accounts, system_account
from wallet.history import Line, record
from wallet.kinds import CNY, EntryKind, Purpose, TransactionKind, fund_asset
from wallet.ledger import Posting, post_entry
from wallet.models import LoanPayment

if TYPE_CHECKING:
    from products.models import Product

LOTS = lots.LOTS
PAYMENTS = LoanPayment.__table__
DAYS_PER_YEAR = 365


@dataclass(frozen=True, slots=True)
class Period:
    number: int
    start: date
    due: date
    repays_principal: bool


def add_months(day: date, count: int) -> date:
    """The same day ``count`` months later (the 31st becomes the month's last day)."""
    index = day.month - 1 + count
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def schedule(product: Product, start: date) -> list[Period]:
    """The payment periods of a lot confirmed on ``start`` (see the module docstring)."""
    terms = product.loan_terms
    end = product.maturity_date or add_months(start, terms.term_months or 1)
    if end <= start:
        end = start + timedelta(days=1)
    kind = ProductKind(product.kind)
    if kind is ProductKind.P2P_LOAN and terms.repayment_method != RepaymentMethod.EQUAL_INSTALMENTS:
        return [Period(1, start, end, True)]
    revolving = (terms.revolving_months or 0) if kind is ProductKind.ABS_UNIT else 0
    dues, count = [], 1
    while add_months(start, count) < end:
        dues.append(add_months(start, count))
        count += 1
    dues.append(end)
    periods = [
        Period(number, dues[number - 2] if number > 1 else start, due, number > revolving)
        for number, due in enumerate(dues, 1)
    ]
    if not any(period.repays_principal for period in periods):
        last = periods[-1]
        periods[-1] = Period(last.number, last.start, last.due, True)
    return periods


@dataclass
class LoanOutcome:
    payments: int = 0
    cash: int = 0   # fen paid into wallets
    loss: int = 0   # fen written off by defaults


def due_product_ids(session: Session) -> list[int]:
    """Loan products with lots that still hold units."""
    ids = session.execute(select(LOTS.c.product_id).distinct().where(LOTS.c.units_left > 0)).scalars().all()
    return sorted(
        product_id for product_id in ids
        if ProductKind(products.get_product(session=session, product_id=product_id).kind).is_loan
    )


def process(session: Session, *, clock: Clock, product: Product, day: date) -> LoanOutcome:
    """Pay everything of ``product`` due on or before ``day`` and not paid yet."""
    outcome = LoanOutcome()
    if product.loan_terms is None or product.loan_terms.rate is None:
        return outcome
    events = credit_events.events_of(session=session, product_ids=[product.id])[product.id]
    open_lots = session.execute(
        select(LOTS).where(LOTS.c.product_id == product.id, LOTS.c.units_left > 0).order_by(LOTS.c.id)
    ).all()
    for lot in open_lots:
        periods = [p for p in schedule(product, lot.acquired_on) if p.number > lot.paid_periods and p.due <= day]
        outstanding, cost = lot.units_left, lot.cost_left
        for period in periods:
            if outstanding <= 0:
                break
            paid, lost, retired = _pay(session, clock=clock, product=product, lot=lot, period=period,
                                       outstanding=outstanding, events=events, periods_left=_left(product, lot, period))
            released = lots.share_of_cost(cost, outstanding, retired) if retired else 0
            outstanding -= retired
            cost -= released
            session.execute(
                update(LOTS).where(LOTS.c.id == lot.id)
                .values(units_left=outstanding, cost_left=cost, paid_periods=period.number)
            )
            outcome.payments += 1
            outcome.cash += paid
            outcome.loss += lost
    return outcome


def _left(product: Product, lot, period: Period) -> int:
    """Principal-repaying periods from ``period`` to the end."""
    return sum(1 for p in schedule(product, lot.acquired_on) if p.number >= period.number and p.repays_principal)


def _fen(value: Decimal) -> int:
    return int(truncate(value, 0))


def _pay(session: Session, *, clock: Clock, product: Product, lot, period: Period, outstanding: int, events,
         periods_left: int) -> tuple[int, int, int]:
    """Pay one period of one lot; (cash paid, loss, units retired)."""
    now = clock.now()
    rate = product.loan_terms.rate
    interest = _fen(Decimal(outstanding) * rate * (period.due - period.start).days / DAYS_PER_YEAR)
    principal = 0
    if period.repays_principal:
        principal = outstanding if periods_left <= 1 else _fen(Decimal(outstanding) / periods_left)
    keep = 1 - credit_events.loss_fraction(product=product, events=events, day=period.due)
    interest_paid, principal_paid = _fen(interest * keep), _fen(principal * keep)
    lost = interest + principal - interest_paid - principal_paid
    asset = fund_asset(product.id)
    cash_key, units_key = (lot.user_id, Purpose.CASH, CNY), (lot.user_id, Purpose.FUND_UNITS, asset)
    locked = lock_user_accounts(session, [cash_key, units_key], now=now)  # both at once, in id order
    postings = []
    if interest_paid + principal_paid:
        postings += [Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -(interest_paid + principal_paid)),
                     Posting(locked[cash_key].ref, interest_paid + principal_paid)]
    if principal:
        postings += [Posting(locked[units_key].ref, -principal),
                     Posting(system_account(session, Purpose.FUND_ISSUER, asset, now=now), principal)]
    entry_id = post_entry(session, kind=EntryKind.LOAN_PAYMENT, postings=postings, at=now).id if postings else None
    session.execute(
        insert(PAYMENTS),
        dict(lot_id=lot.id, user_id=lot.user_id, product_id=product.id, period=period.number, due_day=period.due,
             interest=interest_paid, principal=principal_paid, principal_units=principal, loss=lost,
             entry_id=entry_id, paid_at=now),
    )
    lines = []
    if interest_paid:
        lines.append(Line(lot.user_id, TransactionKind.COUPON, interest_paid, CNY, entry_id))
    if principal_paid:
        lines.append(Line(lot.user_id, TransactionKind.PRINCIPAL, principal_paid, CNY, entry_id))
    if lines:
        record(session, lines, at=now)
    return interest_paid + principal_paid, lost, principal
