"""Credit features from the platform's own data, per user, over the twelve calendar months
before the scoring date (the month of the date itself is not complete, so it is left out),
as the platform knew them at the end of the scoring date (dates of record): scoring a past
date, or running the nightly job late, reads the same inputs, and nothing that happened after
the date changes them.

Sales are guarantee payments received as the payee, bucketed by the month the buyer paid in
the platform's zone: released ones (by the end of the date) count as sales, refunded ones as
refunds; a payment counts as disputed in the month it was disputed, whatever the operator
decided later (released or refunded). Around them: distinct buyers, growth (last three
months against the three before) and volatility (coefficient of variation) of monthly sales,
account age, identity verified and a card bound by the end of the date, the money-fund
balance at the end of the date, payments made as a buyer in the same twelve months, and what
``register_source`` adds (lending's repayment behaviour as of the date: worst days past due,
early repayments). Never: sex, ethnicity, religion, place of birth or age (the identity
number's birth date is not read).

``frame_from_months`` is the one formula: the database path here and the simulation
(``credit.simulation``) both go through it, so the model is fitted on what it will score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, Date, String, and_, cast, column, func, literal, or_, select, table, union_all
from sqlalchemy.orm import Session

from db.base import table_of
from ledger.models import JournalEntry, LedgerAccount, Posting
from products.models import Product
from users.models import User
from wallet.models import BankCard, Payment, WalletProfile

MONTHS = 12
P = table_of(Payment)
U = table_of(User)
W = table_of(WalletProfile)
C = table_of(BankCard)
A = table_of(LedgerAccount)
E = table_of(JournalEntry)
PO = table_of(Posting)
PR = table_of(Product)
# The money fund's income of a day (investing's table, read only: credit does not import investing).
I = table(  # noqa: E741
    "money_fund_incomes",
    column("day", Date),
    column("entry_id", BigInteger),
    column("reversal_entry_id", BigInteger),
)
FEATURES = (
    "avg_monthly_sales",
    "active_months",
    "distinct_buyers",
    "sales_growth",
    "sales_volatility",
    "refund_rate",
    "dispute_rate",
    "account_age_months",
    "identity_verified",
    "card_bound",
    "money_fund_balance",
    "buyer_payments",
    "max_days_past_due",
    "early_repayments",
)

# Sources of more features by user id, registered by the packages above (lending): each
# answers as of the date it is given (what was known at the end of that day), like ``compute``.
Source = Callable[[Session, list[int], date], dict[int, dict[str, float]]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> Source:
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def frame_from_months(
    *,
    sales: np.ndarray,
    orders: np.ndarray,
    refunds: np.ndarray,
    disputes: np.ndarray,
    buyers: np.ndarray,
    age_months: np.ndarray,
    verified: np.ndarray,
    card: np.ndarray,
    money_fund: np.ndarray,
    buyer_payments: np.ndarray,
    max_dpd: np.ndarray,
    early_repayments: np.ndarray,
    index: Iterable[Any] | None = None,
) -> pd.DataFrame:
    """The features of users whose months are the rows of ``sales`` etc. (oldest month first)."""
    sales = np.asarray(sales, dtype=float).reshape(-1, MONTHS)
    mean = sales.mean(axis=1)
    std = sales.std(axis=1)
    last3, prev3 = sales[:, -3:].sum(axis=1), sales[:, -6:-3].sum(axis=1)
    total_orders = np.asarray(orders, dtype=float).sum(axis=1)
    safe_orders = np.maximum(total_orders, 1)
    frame = pd.DataFrame(
        {
            "avg_monthly_sales": np.round(mean, 2),
            "active_months": (sales > 0).sum(axis=1).astype(float),
            "distinct_buyers": np.asarray(buyers, dtype=float),
            "sales_growth": np.clip(np.where(prev3 > 0, (last3 - prev3) / np.maximum(prev3, 1), 0.0), -1, 5),
            "sales_volatility": np.where(mean > 0, std / np.maximum(mean, 1e-9), 0.0),
            "refund_rate": np.asarray(refunds, dtype=float).sum(axis=1) / safe_orders,
            "dispute_rate": np.asarray(disputes, dtype=float).sum(axis=1) / safe_orders,
            "account_age_months": np.asarray(age_months, dtype=float),
            "identity_verified": np.asarray(verified, dtype=float),
            "card_bound": np.asarray(card, dtype=float),
            "money_fund_balance": np.round(np.asarray(money_fund, dtype=float), 2),
            "buyer_payments": np.asarray(buyer_payments, dtype=float),
            "max_days_past_due": np.asarray(max_dpd, dtype=float),
            "early_repayments": np.asarray(early_repayments, dtype=float),
        },
        columns=list(FEATURES),
    )
    if index is not None:
        frame.index = pd.Index(list(index), name="user_id")
    return frame


def window(as_of: date) -> tuple[date, date]:
    """First day of the oldest month and first day of the month of ``as_of`` (exclusive)."""
    end = as_of.replace(day=1)
    start_year, start_month = end.year - 1, end.month
    return date(start_year, start_month, 1), end


def end_of(day: date, zone: str) -> datetime:
    """The instant ``day`` ends in the platform's zone (midnight after it): what happened
    before it is what the platform knew on ``day``."""
    return datetime.combine(day + timedelta(days=1), time(), ZoneInfo(zone))


def _month_index(day: date, start: date) -> int:
    return (day.year - start.year) * 12 + day.month - start.month


def _months(column: pd.Series, start: date, zone: str) -> np.ndarray:
    """Months since ``start`` of instants in the platform's zone (-1 for missing ones)."""
    local = pd.to_datetime(column, utc=True).dt.tz_convert(zone)
    months = (local.dt.year - start.year) * 12 + local.dt.month - start.month
    return months.fillna(-1).astype(int).to_numpy()


def _before(column: pd.Series, instant: datetime) -> np.ndarray:
    """Whether each instant is before ``instant`` (missing ones: no)."""
    return (pd.to_datetime(column, utc=True) < pd.Timestamp(instant).tz_convert("UTC")).fillna(False).to_numpy(bool)


def compute(session: Session, *, as_of: date, zone: str, user_ids: list[int] | None = None) -> pd.DataFrame:
    """The features of ``user_ids`` (None: every user who received a guarantee payment in
    the window) as the platform knew them at the end of ``as_of`` (dates of record): what
    happened later, and what a late run finds that did not yet exist on ``as_of``, never
    counts. Set-based reads, bucketed in pandas.

    A guarantee payment counts where the buyer paid in the window (an order, a buyer), as a
    sale once it was released by the end of ``as_of``, as a refund once it was refunded by
    then (a refunded dispute too), and as a dispute in the month it was disputed (``disputed_at``
    stays when the operator settles it: a dispute released or refunded later still counts)."""
    start, end = window(as_of)
    start_at = datetime.combine(start, time(), ZoneInfo(zone))
    end_at = datetime.combine(end, time(), ZoneInfo(zone))
    cutoff = end_of(as_of, zone)
    in_window = lambda column: and_(column >= start_at, column < end_at)  # noqa: E731
    statement = select(
        P.c.payee_id, P.c.payer_id, P.c.amount, P.c.status, P.c.created_at, P.c.finished_at, P.c.disputed_at
    ).where(P.c.guarantee.is_(True), or_(in_window(P.c.created_at), in_window(P.c.disputed_at)))
    if user_ids is not None:
        statement = statement.where(P.c.payee_id.in_(user_ids))
    rows = session.execute(statement).all()
    payments = pd.DataFrame(
        rows, columns=["payee_id", "payer_id", "amount", "status", "created_at", "finished_at", "disputed_at"]
    )
    ids = sorted(set(user_ids) if user_ids is not None else set(payments["payee_id"].astype(int)))
    n = len(ids)
    position = {user_id: i for i, user_id in enumerate(ids)}
    sales = np.zeros((n, MONTHS))
    orders = np.zeros((n, MONTHS))
    refunds = np.zeros((n, MONTHS))
    disputes = np.zeros((n, MONTHS))
    buyers = np.zeros(n)
    if not payments.empty and n:
        payments["row"] = payments["payee_id"].map(position)
        payments = payments[payments["row"].notna()]
        rows_ = payments["row"].astype(int).to_numpy()
        months_ = _months(payments["created_at"], start, zone)
        paid_in = (months_ >= 0) & (months_ < MONTHS)
        finished = _before(payments["finished_at"], cutoff)
        released = paid_in & finished & (payments["status"] == "RELEASED").to_numpy()
        refunded = paid_in & finished & (payments["status"] == "REFUNDED").to_numpy()
        np.add.at(sales, (rows_[released], months_[released]), payments["amount"].to_numpy()[released] / 100.0)
        np.add.at(orders, (rows_[paid_in], months_[paid_in]), 1)
        np.add.at(refunds, (rows_[refunded], months_[refunded]), 1)
        disputed_months = _months(payments["disputed_at"], start, zone)
        disputed = (disputed_months >= 0) & (disputed_months < MONTHS)
        np.add.at(disputes, (rows_[disputed], disputed_months[disputed]), 1)
        distinct = payments[paid_in].groupby("row")["payer_id"].nunique()
        buyers[distinct.index.astype(int)] = distinct.to_numpy()
    facts = _user_facts(session, ids, as_of=as_of, zone=zone)
    extra: dict[int, dict[str, float]] = {}
    for source in _SOURCES:
        for user_id, values in source(session, ids, as_of).items():
            extra.setdefault(user_id, {}).update(values)
    column = lambda name, default=0.0: np.array([facts.get(u, {}).get(name, default) for u in ids], dtype=float)  # noqa: E731
    extra_column = lambda name: np.array([extra.get(u, {}).get(name, 0.0) for u in ids], dtype=float)  # noqa: E731
    return frame_from_months(
        sales=sales,
        orders=orders,
        refunds=refunds,
        disputes=disputes,
        buyers=buyers,
        age_months=column("age_months"),
        verified=column("verified"),
        card=column("card"),
        money_fund=column("money_fund"),
        buyer_payments=column("buyer_payments"),
        max_dpd=extra_column("max_days_past_due"),
        early_repayments=extra_column("early_repayments"),
        index=ids,
    )


def _user_facts(session: Session, ids: list[int], *, as_of: date, zone: str) -> dict[int, dict[str, float]]:
    """Per user, at the end of ``as_of``: account age, identity verified and card bound by
    then, the money-fund balance then, and payments made as a buyer in the window."""
    if not ids:
        return {}
    cutoff = end_of(as_of, zone)
    facts: dict[int, dict[str, float]] = {u: {} for u in ids}
    for user_id, created_at in session.execute(select(U.c.id, U.c.created_at).where(U.c.id.in_(ids))):
        opened = created_at.astimezone(ZoneInfo(zone)).date()
        facts[user_id]["age_months"] = float(max(0, _month_index(as_of, opened)))
    for (user_id,) in session.execute(
        select(W.c.user_id).where(W.c.identity_verified_at < cutoff, W.c.user_id.in_(ids))
    ):
        facts[user_id]["verified"] = 1.0
    for (user_id,) in session.execute(
        select(C.c.user_id).where(C.c.bound_at < cutoff, C.c.user_id.in_(ids)).distinct()
    ):
        facts[user_id]["card"] = 1.0
    for user_id, balance in _money_fund_units(session, ids, as_of=as_of, cutoff=cutoff).items():
        facts[user_id]["money_fund"] = float(balance) / 100.0
    start, end = window(as_of)
    for user_id, count in session.execute(
        select(P.c.payer_id, func.count())
        .where(
            P.c.payer_id.in_(ids),
            P.c.created_at >= datetime.combine(start, time(), ZoneInfo(zone)),
            P.c.created_at < datetime.combine(end, time(), ZoneInfo(zone)),
        )
        .group_by(P.c.payer_id)
    ):
        facts[user_id]["buyer_payments"] = float(count)
    return facts


def _money_fund_units(session: Session, ids: list[int], *, as_of: date, cutoff: datetime) -> dict[int, int]:
    """Money-fund units (hundredths) each user held at the end of ``as_of``: the balance now
    less what entries booked after ``cutoff`` moved, except the fund's income of days before
    ``as_of`` (and its corrections), which counts for its day however late it was booked.
    Income of ``as_of`` and later is booked after the day is over, so it never counts."""
    fund_accounts = (
        select(A.c.id, A.c.user_id, A.c.balance)
        .join(PR, A.c.asset == literal("FUND:") + cast(PR.c.id, String(20)))
        .where(PR.c.kind == "MONEY_FUND", A.c.purpose == "FUND_UNITS", A.c.user_id.in_(ids))
    )
    accounts = {
        account_id: (int(user_id), int(balance or 0)) for account_id, user_id, balance in session.execute(fund_accounts)
    }
    if not accounts:
        return {}
    earlier_income = union_all(
        select(I.c.entry_id).where(I.c.day < as_of, I.c.entry_id.is_not(None)),
        select(I.c.reversal_entry_id).where(I.c.day < as_of, I.c.reversal_entry_id.is_not(None)),
    )
    later = session.execute(
        select(PO.c.account_id, func.sum(PO.c.amount))
        .join(E, E.c.id == PO.c.entry_id)
        .where(PO.c.account_id.in_(list(accounts)), E.c.created_at >= cutoff, PO.c.entry_id.not_in(earlier_income))
        .group_by(PO.c.account_id)
    ).all()
    moved = {int(account_id): int(amount or 0) for account_id, amount in later}
    units: dict[int, int] = {}
    for account_id, (user_id, balance) in accounts.items():
        units[user_id] = units.get(user_id, 0) + balance - moved.get(account_id, 0)
    return units
