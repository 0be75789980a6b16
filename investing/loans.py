"""Loan products (ABS units, P2P) pay their holders: ``robo loans process --date D`` pays every
coupon and principal instalment due on or before D that is not paid yet (one product per
transaction), into the holders' wallets (history: ``COUPON``, ``PRINCIPAL``; a pool-backed
unit's losses also ``WRITE_DOWN`` and ``GUARANTOR_PAYMENT``, see ``pay_pool_holders``).

Each lot (one confirmed subscription; a unit is 1.00 of principal) has its own schedule from
its confirmation day to the product's maturity date (or, without one, the term in months):

- P2P ``BULLET``: one payment at the end, interest for the whole term and all the principal;
- P2P ``EQUAL_INSTALMENTS``: monthly, interest on what is outstanding and the principal in
  equal instalments;
- ABS units: monthly coupons; the principal in equal instalments once the pool amortises, up
  to the product's maturity. The revolving period belongs to the product: it runs from the
  product's first day on sale, so a unit bought after it ends amortises at once; while the
  pool revolves, repaid principal buys new loans and holders get interest only. The early-
  amortisation trigger ends the revolving period early exactly as the figures model assumes
  (``amortisation_start``).

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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.money import truncate
from db.base import table_of
from investing import lots
from investing.models import LoanPayment
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, fund_asset
from products import credit_events
from products.credit_events import Events
from products.figures import loan_parameters
from products.kinds import ProductKind, RepaymentMethod
from products.loan_model import step_layout
from products.models import LoanTerms, Product

LOTS = lots.LOTS
# ``__table__`` is typed FromClause on the declarative base; a mapped class's table is a Table.
PAYMENTS = table_of(LoanPayment)
DAYS_PER_YEAR = 365


@dataclass(frozen=True, slots=True)
class Period:
    number: int
    start: date
    due: date
    repays_principal: bool


def _terms(product: Product) -> LoanTerms:
    """The loan terms of a product the caller knows has them (``process`` and
    ``accrued_on_exit`` return early otherwise)."""
    return cast(LoanTerms, product.loan_terms)


def add_months(day: date, count: int) -> date:
    """The same day ``count`` months later (the 31st becomes the month's last day)."""
    index = day.month - 1 + count
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def product_start(product: Product, zone: tzinfo) -> date | None:
    """The day the product started (its first day on sale, in the platform's zone)."""
    return None if product.launched_at is None else product.launched_at.astimezone(zone).date()


def abs_end(product: Product, start: date) -> date:
    """An ABS unit's maturity: its maturity date, or its term from the product's start."""
    return product.maturity_date or add_months(start, _terms(product).term_months or 1)


def amortisation_start(product: Product, *, start: date, events: Sequence[tuple[date, Decimal]]) -> date:
    """The day an ABS pool's principal starts coming back: the end of the revolving period
    (months from the product's start, the same for every holder), or earlier when the early-
    amortisation trigger fires exactly as in the figures model (``products.loan_model``): the
    term is cut into ``step_layout`` steps, and a step that ends within the revolving period
    and whose recorded default rate (the credit events of that step) exceeds the trigger
    starts amortisation at its end."""
    terms = _terms(product)
    revolving_end = add_months(start, terms.revolving_months or 0)
    trigger = terms.early_amortisation_trigger
    if trigger is None:
        return revolving_end
    end = abs_end(product, start)
    params = loan_parameters(product)
    steps = 1 if params is None else step_layout(params)[0]
    step_days = (end - start).days / steps
    for k in range(steps):
        window_start = start + timedelta(days=round(k * step_days))
        window_end = start + timedelta(days=round((k + 1) * step_days))
        if window_end > revolving_end:
            break
        rate = sum((fraction for day, fraction in events if window_start <= day < window_end), Decimal(0))
        if rate > trigger:
            return window_end
    return revolving_end


def schedule(
    product: Product,
    start: date,
    *,
    product_start: date | None = None,
    events: Sequence[tuple[date, Decimal]] = (),
) -> list[Period]:
    """The payment periods of a lot confirmed on ``start`` (see the module docstring). An ABS
    lot runs to the product's maturity (from ``product_start``, the product's first day on
    sale) and repays principal in the periods due after the pool's ``amortisation_start``."""
    terms = _terms(product)
    kind = ProductKind(product.kind)
    if kind is ProductKind.ABS_UNIT:
        began = product_start or start
        end = abs_end(product, began)
        amortises_from = amortisation_start(product, start=began, events=events)
    else:
        end = product.maturity_date or add_months(start, terms.term_months or 1)
        amortises_from = start
    if end <= start:
        end = start + timedelta(days=1)
    if kind is ProductKind.P2P_LOAN and terms.repayment_method != RepaymentMethod.EQUAL_INSTALMENTS:
        return [Period(1, start, end, True)]
    dues, count = [], 1
    while add_months(start, count) < end:
        dues.append(add_months(start, count))
        count += 1
    dues.append(end)
    periods = [
        Period(number, dues[number - 2] if number > 1 else start, due, due > amortises_from)
        for number, due in enumerate(dues, 1)
    ]
    if not any(period.repays_principal for period in periods):
        last = periods[-1]
        periods[-1] = Period(last.number, last.start, last.due, True)
    return periods


@dataclass
class LoanOutcome:
    payments: int = 0
    cash: int = 0  # fen paid into wallets
    loss: int = 0  # fen written off by defaults


def due_product_ids(session: Session) -> list[int]:
    """Loan products with lots that still hold units."""
    loan_kinds = [str(kind) for kind in ProductKind if kind.is_loan]
    return sorted(
        session.execute(
            select(LOTS.c.product_id)
            .distinct()
            .join(Product, Product.id == LOTS.c.product_id)
            .where(LOTS.c.units_left > 0, Product.kind.in_(loan_kinds), Product.abs_pool_id.is_(None))
        ).scalars()
    )


def process(session: Session, *, clock: Clock, product: Product, day: date) -> LoanOutcome:
    """Pay everything of ``product`` due on or before ``day`` and not paid yet."""
    outcome = LoanOutcome()
    if product.loan_terms is None or product.loan_terms.rate is None or product.abs_pool_id is not None:
        return outcome  # a pool-backed ABS unit is paid by its pool's waterfall (``pay_pool_holders``)
    events = credit_events.events_of(session=session, product_ids=[product.id])[product.id]
    open_lots = session.execute(
        select(LOTS).where(LOTS.c.product_id == product.id, LOTS.c.units_left > 0).order_by(LOTS.c.id)
    ).all()
    began = product_start(product, clock.zone)
    for lot in open_lots:
        plan = schedule(product, lot.acquired_on, product_start=began, events=events)
        periods = [p for p in plan if p.number > lot.paid_periods and p.due <= day]
        outstanding, cost = lot.units_left, lot.cost_left
        for period in periods:
            if outstanding <= 0:
                break
            left = sum(1 for p in plan if p.number >= period.number and p.repays_principal)
            paid, lost, retired = _pay(
                session,
                clock=clock,
                product=product,
                lot=lot,
                period=period,
                outstanding=outstanding,
                events=events,
                periods_left=left,
            )
            released = lots.share_of_cost(cost, outstanding, retired) if retired else 0
            outstanding -= retired
            cost -= released
            session.execute(
                update(LOTS)
                .where(LOTS.c.id == lot.id)
                .values(units_left=outstanding, cost_left=cost, paid_periods=period.number)
            )
            outcome.payments += 1
            outcome.cash += paid
            outcome.loss += lost
    return outcome


def accrued_on_exit(
    session: Session, *, clock: Clock, product: Product, taken: list[lots.Taken], day: date
) -> list[int]:
    """Early exit (terms with ``early_exit``): the interest each part of a redemption has
    accrued since its lot's last payment period began, up to ``day``, on the units it takes
    (outstanding x rate x days / 365, truncated to the fen; as the coupons count it)."""
    rate = product.loan_terms.rate if product.loan_terms is not None else None
    if not rate:
        return [0 for _ in taken]
    events = credit_events.events_of(session=session, product_ids=[product.id])[product.id]
    began = product_start(product, clock.zone)
    found = {
        row.id: row
        for row in session.execute(
            select(LOTS).where(LOTS.c.id.in_([t.lot_id for t in taken if t.lot_id is not None]))
        ).all()
    }
    accrued = []
    for part in taken:
        lot = found.get(part.lot_id)
        if lot is None:
            accrued.append(0)
            continue
        plan = schedule(product, lot.acquired_on, product_start=began, events=events)
        current = next((p for p in plan if p.number > lot.paid_periods), None)
        since = lot.acquired_on if current is None else current.start
        accrued.append(_fen(Decimal(part.units) * rate * max((day - since).days, 0) / DAYS_PER_YEAR))
    return accrued


def _fen(value: Decimal) -> int:
    return int(truncate(value, 0))


def _pay(
    session: Session,
    *,
    clock: Clock,
    product: Product,
    lot: Row[Any],
    period: Period,
    outstanding: int,
    events: Events,
    periods_left: int,
) -> tuple[int, int, int]:
    """Pay one period of one lot; (cash paid, loss, units retired)."""
    now = clock.now()
    rate = cast(Decimal, _terms(product).rate)  # not None: ``process`` pays only products with a rate
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
        postings += [
            Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -(interest_paid + principal_paid)),
            Posting(locked[cash_key].ref, interest_paid + principal_paid),
        ]
    if principal:
        postings += [
            Posting(locked[units_key].ref, -principal),
            Posting(system_account(session, Purpose.FUND_ISSUER, asset, now=now), principal),
        ]
    entry_id = post_entry(session, kind=EntryKind.LOAN_PAYMENT, postings=postings, at=now).id if postings else None
    session.execute(
        insert(PAYMENTS),
        dict(
            lot_id=lot.id,
            user_id=lot.user_id,
            product_id=product.id,
            period=period.number,
            due_day=period.due,
            interest=interest_paid,
            principal=principal_paid,
            principal_units=principal,
            loss=lost,
            entry_id=entry_id,
            paid_at=now,
        ),
    )
    lines = []
    if interest_paid:
        lines.append(Line(lot.user_id, TransactionKind.COUPON, interest_paid, CNY, entry_id, order_id=lot.order_id))
    if principal_paid:
        lines.append(Line(lot.user_id, TransactionKind.PRINCIPAL, principal_paid, CNY, entry_id, order_id=lot.order_id))
    if lines:
        record(session, lines, at=now)
    return interest_paid + principal_paid, lost, principal


# --- pool-backed ABS units ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HolderShare:
    """One lot's part of a tranche payment (fen; a unit is 1.00 of principal)."""

    lot_id: int
    user_id: int
    order_id: int
    units: int  # units the lot held before the payment
    interest: int
    principal: int  # cash for principal: units retired and paid
    guaranteed: int  # cash from the guarantor for units written down
    written_down: int  # units retired without cash


def holders_of(session: Session, *, product_id: int) -> list[Any]:
    """The lots still holding units of ``product_id`` (id, user, order, units), in id order."""
    return list(
        session.execute(
            select(LOTS.c.id, LOTS.c.user_id, LOTS.c.order_id, LOTS.c.units_left, LOTS.c.cost_left)
            .where(LOTS.c.product_id == product_id, LOTS.c.units_left > 0)
            .order_by(LOTS.c.id)
        ).all()
    )


def units_outstanding(session: Session, *, product_id: int) -> int:
    return int(sum(row.units_left for row in holders_of(session, product_id=product_id)))


def pro_rata(amount: int, weights: Sequence[int]) -> list[int]:
    """``amount`` split in proportion to ``weights``, each share truncated to the fen (the
    residue is not handed out: it stays with the payer)."""
    total = sum(weights)
    if total <= 0 or amount <= 0:
        return [0 for _ in weights]
    return [amount * w // total for w in weights]


def pay_pool_holders(
    session: Session,
    *,
    clock: Clock,
    product_id: int,
    period: int,
    due_day: date,
    shares: Sequence[HolderShare],
    funding: Sequence[Posting],
) -> int | None:
    """Pay a pool-backed ABS unit's holders one period of its waterfall in one entry: interest
    and principal (and any guarantor cash) into their wallets, the units retired (paid or
    written down) back to the fund, with ``funding`` the pool's (and guarantor's) side. Each
    lot gets a ``loan_payments`` row (interest, principal, units retired, loss) and history lines,
    one per part so the holder's history and statement say which is which: ``COUPON`` (interest,
    the guarantor's share of an interest shortfall included), ``PRINCIPAL`` (units paid down by
    the pool), ``WRITE_DOWN`` (units retired by a loss: the tranche's ``written_down``, no cash)
    and ``GUARANTOR_PAYMENT`` (the guarantor's cash for its share of that loss: the tranche's
    ``guaranteed``). The entry's id (None: nothing to pay)."""
    now = clock.now()
    asset = fund_asset(product_id)
    keys = sorted(
        {(s.user_id, Purpose.CASH, CNY) for s in shares} | {(s.user_id, Purpose.FUND_UNITS, asset) for s in shares}
    )
    locked = lock_user_accounts(session, keys, now=now)
    postings = list(funding)
    retired_total = 0
    for share in shares:
        cash = share.interest + share.principal + share.guaranteed
        if cash:
            postings.append(Posting(locked[(share.user_id, Purpose.CASH, CNY)].ref, cash))
        retired = share.principal + share.guaranteed + share.written_down
        if retired:
            postings.append(Posting(locked[(share.user_id, Purpose.FUND_UNITS, asset)].ref, -retired))
            retired_total += retired
    if retired_total:
        postings.append(Posting(system_account(session, Purpose.FUND_ISSUER, asset, now=now), retired_total))
    if not any(p.amount for p in postings):
        return None
    entry_id = post_entry(session, kind=EntryKind.LOAN_PAYMENT, postings=[p for p in postings if p.amount], at=now).id
    lines = []
    by_lot = {row.id: row for row in holders_of(session, product_id=product_id)}
    for share in shares:
        retired = share.principal + share.guaranteed + share.written_down
        lot = by_lot.get(share.lot_id)
        if retired and lot is not None:
            released = lots.share_of_cost(lot.cost_left, lot.units_left, retired)
            session.execute(
                update(LOTS)
                .where(LOTS.c.id == share.lot_id)
                .values(units_left=LOTS.c.units_left - retired, cost_left=LOTS.c.cost_left - released)
            )
        session.execute(update(LOTS).where(LOTS.c.id == share.lot_id).values(paid_periods=period))
        session.execute(
            insert(PAYMENTS),
            dict(
                lot_id=share.lot_id,
                user_id=share.user_id,
                product_id=product_id,
                period=period,
                due_day=due_day,
                interest=share.interest,
                principal=share.principal + share.guaranteed,
                principal_units=retired,
                loss=share.written_down,
                entry_id=entry_id,
                paid_at=now,
            ),
        )
        for kind, amount in (
            (TransactionKind.COUPON, share.interest),
            (TransactionKind.PRINCIPAL, share.principal),
            (TransactionKind.WRITE_DOWN, share.guaranteed + share.written_down),
            (TransactionKind.GUARANTOR_PAYMENT, share.guaranteed),
        ):
            if amount:
                lines.append(Line(share.user_id, kind, amount, CNY, entry_id, order_id=share.order_id))
    if lines:
        record(session, lines, at=now)
    return entry_id
