"""Distributions (dividends) of equity funds: recorded by one product manager, approved by a
second, paid on the pay date to the holders at the record date.

- **Entitlement** (dates of record, never when a job ran): a holder's units at the end of the
  record date = units of subscriptions confirmed on or before it (their confirmation day) -
  units of redemptions whose trade day is on or before it + units reinvested from earlier
  distributions paid on or before it. Units bought later or sold earlier are not entitled.
- **Amount** = entitled units x amount per unit, truncated to the fen; the residue of the
  truncation stays with the fund.
- **Choice** per holding (``set_dividend_choice``): CASH (the fund contract's default) or
  REINVEST: units = amount / the ex-date NAV, truncated to a hundredth of a unit, with no fee;
  the fen too few for a hundredth of a unit are paid in cash. Reinvested units are outside any
  lot: they carry no redemption fee.
- **Paying** (``pay_distributions``, the job, for a day D): every approved distribution whose pay
  date is D or earlier and that is not paid yet, one transaction each, the distribution's row
  locked and marked PAID in it, so a run repeated, late or concurrent pays once. The cash comes
  from the fund's side of the ledger (``FUND_ISSUER``); a paid amount is a ``DIVIDEND`` line
  of the wallet's history; reinvested units are a ``DISTRIBUTION`` entry into the holding.
- The ex-date NAV is the one the manager records for that day (after the distribution).
  Performance counts each holder's amount as receivable from the ex-date to the pay date, so a
  distribution never looks like a loss (``investing.series.holding_days``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.money import UNITS_PLACES, truncate
from db.session import Database, lock_rows
from investing.errors import InvestingErrorCode
from investing.kinds import OrderSide, OrderStatus
from investing.models import DistributionPayment, DividendChoice, FundDistribution, FundOrder
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, fund_asset
from products import service as products
from products.errors import ProductsErrorCode
from products.kinds import ProductKind
from products.models import NavPoint
from tradingcalendar.service import calendar as trading_calendar


class DistributionStatus(StrEnum):
    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    PAID = "PAID"


class DividendChoiceKind(StrEnum):
    CASH = "CASH"
    REINVEST = "REINVEST"


def _invalid(en: str, zh: str, field: str) -> DomainError:
    return DomainError(InvestingErrorCode.INVALID_DISTRIBUTION, t(en, zh), field)


def request_distribution(
    *,
    session: Session,
    clock: Clock,
    actor_id: int,
    product_id: int,
    record_date: date,
    ex_date: date,
    pay_date: date,
    amount_per_unit: Decimal,
) -> FundDistribution:
    """A product manager records a distribution; a second one approves it."""
    product = products.get_product(session=session, product_id=product_id)
    if product.kind != ProductKind.EQUITY_FUND:
        raise DomainError(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t("Only equity funds distribute dividends.", "只有股票型基金可以分红。"),
            "productId",
        )
    if (
        not amount_per_unit.is_finite()
        or amount_per_unit <= 0
        or amount_per_unit != amount_per_unit.quantize(Decimal("0.0001"))
    ):
        raise _invalid(
            "The amount per unit is above zero with at most 4 decimals.",
            "每份分红金额须大于零，最多 4 位小数。",
            "amountPerUnit",
        )
    if not record_date <= ex_date <= pay_date:
        raise _invalid(
            "The dates go record date, ex-date, pay date, in that order.",
            "日期须依次为权益登记日、除息日、派息日。",
            "exDate",
        )
    if record_date < clock.today():
        raise _invalid("The record date cannot be in the past.", "权益登记日不能早于今天。", "recordDate")
    known = trading_calendar(session)
    for field, day in (("recordDate", record_date), ("exDate", ex_date), ("payDate", pay_date)):
        if not known.is_trading_day(day):  # beyond the calendar: CALENDAR_NOT_PUBLISHED
            raise DomainError(
                ProductsErrorCode.NOT_A_TRADING_DAY,
                t(f"{day.isoformat()} is not a trading day.", f"{day.isoformat()} 不是交易日。"),
                field,
            )
    row = FundDistribution(
        product_id=product.id,
        record_date=record_date,
        ex_date=ex_date,
        pay_date=pay_date,
        amount_per_unit=amount_per_unit,
        status=DistributionStatus.REQUESTED.value,
        requested_by=actor_id,
        requested_at=clock.now(),
    )
    session.add(row)
    session.flush()
    return row


def distribution(session: Session, distribution_id: int) -> FundDistribution:
    row = session.get(FundDistribution, distribution_id)
    if row is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such distribution.", "找不到这次分红。"), "id")
    return row


def _pending(session: Session, distribution_id: int) -> FundDistribution:
    row: FundDistribution | None = session.scalars(
        lock_rows(session, select(FundDistribution).where(FundDistribution.id == distribution_id))
    ).first()
    if row is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such distribution.", "找不到这次分红。"), "distributionId")
    if row.status != DistributionStatus.REQUESTED:
        raise DomainError(
            InvestingErrorCode.DISTRIBUTION_NOT_PENDING,
            t(f"This distribution is already {row.status.lower()}.", "这次分红已处理。"),
            "distributionId",
        )
    return row


def decide_distribution(
    *, session: Session, clock: Clock, actor_id: int, distribution_id: int, approve: bool
) -> FundDistribution:
    """A second product manager approves (or rejects) a recorded distribution."""
    row = _pending(session, distribution_id)
    if row.requested_by == actor_id:
        raise DomainError(
            ProductsErrorCode.SAME_APPROVER,
            t("A second product manager must approve this distribution.", "须由另一位产品经理审批这次分红。"),
            "distributionId",
        )
    row.status = (DistributionStatus.APPROVED if approve else DistributionStatus.REJECTED).value
    row.approved_by, row.decided_at = actor_id, clock.now()
    session.flush()
    found: FundDistribution = row
    return found


def set_dividend_choice(
    *, session: Session, clock: Clock, user_id: int, product_id: int, choice: DividendChoiceKind
) -> DividendChoiceKind:
    """The holder's choice for a fund's future distributions (setting it again changes nothing)."""
    product = products.get_product(session=session, product_id=product_id)
    if product.kind != ProductKind.EQUITY_FUND:
        raise DomainError(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t("Only equity funds distribute dividends.", "只有股票型基金可以分红。"),
            "productId",
        )
    row = session.get(DividendChoice, (user_id, product_id))
    if row is None:
        session.add(DividendChoice(user_id=user_id, product_id=product_id, choice=choice.value, updated_at=clock.now()))
    elif row.choice != choice:
        row.choice, row.updated_at = choice.value, clock.now()
    session.flush()
    return choice


def dividend_choice(session: Session, *, user_id: int, product_id: int) -> DividendChoiceKind:
    row = session.get(DividendChoice, (user_id, product_id))
    return DividendChoiceKind.CASH if row is None else DividendChoiceKind(row.choice)


def holding_dividend_choice(session: Session, *, user_id: int, product_id: int) -> DividendChoiceKind | None:
    """How a holding takes distributions: None for products that never distribute (only equity
    funds do), else the holder's choice (CASH unless they chose REINVEST)."""
    product = products.get_product(session=session, product_id=product_id)
    if ProductKind(product.kind) is not ProductKind.EQUITY_FUND:
        return None
    return dividend_choice(session, user_id=user_id, product_id=product_id)


def entitled_units(session: Session, *, product_id: int, record_date: date) -> dict[int, int]:
    """Hundredths of a unit each holder held at the end of ``record_date`` (module docstring)."""
    units: dict[int, int] = defaultdict(int)
    bought = (
        select(FundOrder.user_id, func.sum(FundOrder.units))
        .where(
            FundOrder.product_id == product_id,
            FundOrder.side == str(OrderSide.SUBSCRIBE),
            FundOrder.status == str(OrderStatus.CONFIRMED),
            FundOrder.confirm_day <= record_date,
        )
        .group_by(FundOrder.user_id)
    )
    sold = (
        select(FundOrder.user_id, func.sum(FundOrder.units))
        .where(
            FundOrder.product_id == product_id,
            FundOrder.side == str(OrderSide.REDEEM),
            FundOrder.status.in_([str(OrderStatus.PENDING), str(OrderStatus.CONFIRMED)]),
            FundOrder.trade_day <= record_date,
        )
        .group_by(FundOrder.user_id)
    )
    reinvested = (
        select(DistributionPayment.user_id, func.sum(DistributionPayment.units))
        .join(FundDistribution, FundDistribution.id == DistributionPayment.distribution_id)
        .where(DistributionPayment.product_id == product_id, FundDistribution.pay_date <= record_date)
        .group_by(DistributionPayment.user_id)
    )
    for user_id, total in session.execute(bought):
        units[user_id] += int(total or 0)
    for user_id, total in session.execute(sold):
        units[user_id] -= int(total or 0)
    for user_id, total in session.execute(reinvested):
        units[user_id] += int(total or 0)
    return {user_id: held for user_id, held in sorted(units.items()) if held > 0}


def _ex_nav(session: Session, row: FundDistribution) -> Decimal | None:
    nav: Decimal | None = session.scalar(
        select(NavPoint.nav).where(NavPoint.product_id == row.product_id, NavPoint.date == row.ex_date)
    )
    return nav


@dataclass(frozen=True, slots=True)
class DistributionRun:
    distributions: int
    holders: int
    cash: int
    reinvested: int


def pay_distribution(session: Session, *, clock: Clock, distribution_id: int) -> tuple[int, int, int]:
    """Pay one approved distribution (row locked; nothing if it is paid already): (holders, cash, reinvested)."""
    row = session.scalars(
        lock_rows(session, select(FundDistribution).where(FundDistribution.id == distribution_id))
    ).one()
    if row.status != DistributionStatus.APPROVED:
        return (0, 0, 0)
    nav = _ex_nav(session, row)
    now = clock.now()
    holders = entitled_units(session, product_id=row.product_id, record_date=row.record_date)
    wants_units = any(
        dividend_choice(session, user_id=u, product_id=row.product_id) is DividendChoiceKind.REINVEST for u in holders
    )
    if wants_units and (nav is None or nav <= 0):
        return (0, 0, 0)  # reinvestment waits for the ex-date NAV: a later run pays
    asset = fund_asset(row.product_id)
    total_cash = total_reinvested = 0
    for user_id, units in holders.items():
        amount = int(truncate(Decimal(units).scaleb(-UNITS_PLACES) * row.amount_per_unit, 2).scaleb(2))
        if amount <= 0:
            continue
        choice = dividend_choice(session, user_id=user_id, product_id=row.product_id)
        bought = 0
        spent = 0
        if choice is DividendChoiceKind.REINVEST and nav is not None:
            bought = int(truncate(Decimal(amount).scaleb(-2) / nav, UNITS_PLACES).scaleb(UNITS_PLACES))
            spent = int((Decimal(bought).scaleb(-UNITS_PLACES) * nav).quantize(Decimal("0.01")).scaleb(2))
        spent = min(spent, amount)
        cash = amount - spent
        cash_key, units_key = (user_id, Purpose.CASH, CNY), (user_id, Purpose.FUND_UNITS, asset)
        locked = lock_user_accounts(session, [cash_key, units_key], now=now)
        postings = []
        if cash:
            postings += [
                Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -cash),
                Posting(locked[cash_key].ref, cash),
            ]
        if bought:
            postings += [
                Posting(system_account(session, Purpose.FUND_ISSUER, asset, now=now), -bought),
                Posting(locked[units_key].ref, bought),
            ]
        entry_id = post_entry(session, kind=EntryKind.DISTRIBUTION, postings=postings, at=now).id
        if cash:
            record(session, [Line(user_id, TransactionKind.DIVIDEND, cash, CNY, entry_id)], at=now)
        session.add(
            DistributionPayment(
                distribution_id=row.id,
                user_id=user_id,
                product_id=row.product_id,
                units_entitled=units,
                amount=amount,
                choice=choice.value,
                cash=cash,
                units=bought,
                entry_id=entry_id,
                paid_at=now,
            )
        )
        total_cash += cash
        total_reinvested += spent
    row.status = DistributionStatus.PAID.value
    row.ex_nav, row.total_cash, row.total_reinvested = nav, total_cash, total_reinvested
    row.holders, row.paid_at = len(holders), now
    session.flush()
    return (len(holders), total_cash, total_reinvested)


def pay_distributions(*, database: Database, clock: Clock, day: date) -> DistributionRun:
    """Pay every approved distribution whose pay date is ``day`` or earlier (the job)."""
    if day > clock.today():
        raise DomainError(
            InvestingErrorCode.INVALID_JOB_DATE,
            t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来的日期。"),
            "date",
        )
    with database.read() as session:
        due = list(
            session.scalars(
                select(FundDistribution.id)
                .where(FundDistribution.status == str(DistributionStatus.APPROVED), FundDistribution.pay_date <= day)
                .order_by(FundDistribution.id)
            )
        )
    count = holders = cash = reinvested = 0
    for distribution_id in due:
        with database.write() as session:
            h, c, r = pay_distribution(session, clock=clock, distribution_id=distribution_id)
        count += 1 if h else 0
        holders, cash, reinvested = holders + h, cash + c, reinvested + r
    return DistributionRun(count, holders, cash, reinvested)
