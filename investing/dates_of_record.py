"""Investing's stored dates of record that lie ahead, registered with
``tradingcalendar.records`` so that an import of the exchange's closures never closes one of
them (the trading calendar may not import investing). Imported by the package itself, so any
use of investing registers it.

- pending orders: their trade day and their confirmation day (stored when they were placed);
- confirmed redemptions whose cash is still in transit (``cash_settled_at IS NULL``): their
  cash day;
- distributions requested or approved but not paid: their record date, ex-date and pay date
  (each must be a trading day).

Money-fund income accrues on calendar days and lock-ups end on calendar days: neither moves
with a closure, so neither is listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from core.errors import t
from investing.dividends import DistributionStatus
from investing.kinds import OrderStatus
from investing.models import FundDistribution, FundOrder
from tradingcalendar.records import DateOfRecord, register

_UNPAID = (str(DistributionStatus.REQUESTED), str(DistributionStatus.APPROVED))


def _counted(
    session: Session, column: QueryableAttribute[date] | QueryableAttribute[date | None], *where: ColumnElement[bool]
) -> Iterator[tuple[date, int]]:
    rows = session.execute(select(column, func.count()).where(*where).group_by(column).order_by(column))
    for day, count in rows:
        if day is not None:  # every caller's condition excludes NULL already
            yield day, int(count)


def stored_dates_of_record(session: Session, after: date) -> list[DateOfRecord]:
    """The days after ``after`` that investing's stored records use as dates of record."""
    found: list[DateOfRecord] = []
    pending = FundOrder.status == str(OrderStatus.PENDING)
    for day, count in _counted(session, FundOrder.trade_day, pending, FundOrder.trade_day > after):
        found.append(
            DateOfRecord(day, t(f"the trade day of {count} pending order(s)", f"{count} 笔待确认订单的交易日"))
        )
    for day, count in _counted(session, FundOrder.confirm_day, pending, FundOrder.confirm_day > after):
        found.append(
            DateOfRecord(day, t(f"the confirmation day of {count} pending order(s)", f"{count} 笔待确认订单的确认日"))
        )
    in_transit = (
        FundOrder.status == str(OrderStatus.CONFIRMED),
        FundOrder.cash_settled_at.is_(None),
        FundOrder.cash_day > after,
    )
    for day, count in _counted(session, FundOrder.cash_day, *in_transit):
        found.append(
            DateOfRecord(
                day,
                t(
                    f"the cash day of {count} redemption(s) whose cash is in transit",
                    f"{count} 笔在途赎回款的到账日",
                ),
            )
        )
    unpaid = FundDistribution.status.in_(_UNPAID)
    for column, en, zh in (
        (FundDistribution.record_date, "record date", "权益登记日"),
        (FundDistribution.ex_date, "ex-date", "除息日"),
        (FundDistribution.pay_date, "pay date", "派息日"),
    ):
        for day, count in _counted(session, column, unpaid, column > after):
            found.append(
                DateOfRecord(day, t(f"the {en} of {count} unpaid distribution(s)", f"{count} 笔未派发分红的{zh}"))
            )
    return found


register(stored_dates_of_record)
