"""Credit features from the platform's own data, per user, over the twelve calendar months
before the scoring date (the month of the date itself is not complete, so it is left out).

Sales are guarantee payments received as the payee, bucketed by the month the buyer paid in
the platform's zone: released ones count as sales, refunded and disputed ones as refunds and
disputes. Around them: distinct buyers, growth (last three months against the three before)
and volatility (coefficient of variation) of monthly sales, account age, verified identity,
a bound card, the money-fund balance, payments made as a buyer, and what ``register_source``
adds (lending's repayment behaviour: worst days past due, early repayments). Never: sex,
ethnicity, religion, place of birth or age (the identity number's birth date is not read).

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
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from db.base import table_of
from users.models import User
from wallet.models import Payment

MONTHS = 12
P = table_of(Payment)
U = table_of(User)
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

# Sources of more features by user id, registered by the packages above (lending).
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


def _month_index(day: date, start: date) -> int:
    return (day.year - start.year) * 12 + day.month - start.month


def compute(session: Session, *, as_of: date, zone: str, user_ids: list[int] | None = None) -> pd.DataFrame:
    """The features of ``user_ids`` (None: every user who received a guarantee payment in
    the window) as of ``as_of``, indexed by user id. Set-based reads, bucketed in pandas."""
    tz = ZoneInfo(zone)
    start, end = window(as_of)
    start_at = datetime.combine(start, time(), tz)
    end_at = datetime.combine(end, time(), tz)
    statement = select(P.c.payee_id, P.c.payer_id, P.c.amount, P.c.status, P.c.created_at).where(
        P.c.guarantee.is_(True), P.c.created_at >= start_at, P.c.created_at < end_at
    )
    if user_ids is not None:
        statement = statement.where(P.c.payee_id.in_(user_ids))
    rows = session.execute(statement).all()
    payments = pd.DataFrame(rows, columns=["payee_id", "payer_id", "amount", "status", "created_at"])
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
        local = pd.to_datetime(payments["created_at"], utc=True).dt.tz_convert(zone)
        payments["month"] = (local.dt.year - start.year) * 12 + local.dt.month - start.month
        payments = payments[(payments["month"] >= 0) & (payments["month"] < MONTHS) & payments["row"].notna()]
        rows_, months_ = payments["row"].astype(int).to_numpy(), payments["month"].astype(int).to_numpy()
        released = (payments["status"] == "RELEASED").to_numpy()
        np.add.at(sales, (rows_[released], months_[released]), payments["amount"].to_numpy()[released] / 100.0)
        np.add.at(orders, (rows_, months_), 1)
        np.add.at(refunds, (rows_, months_), (payments["status"] == "REFUNDED").to_numpy().astype(float))
        np.add.at(disputes, (rows_, months_), (payments["status"] == "DISPUTED").to_numpy().astype(float))
        distinct = payments.groupby("row")["payer_id"].nunique()
        buyers[distinct.index.astype(int)] = distinct.to_numpy()
    facts = _user_facts(session, ids, as_of=as_of, end_at=datetime.combine(as_of + timedelta(days=1), time(), tz))
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


def _user_facts(session: Session, ids: list[int], *, as_of: date, end_at: datetime) -> dict[int, dict[str, float]]:
    """Account age, identity, card, money-fund balance and payments as a buyer, per user."""
    if not ids:
        return {}
    facts: dict[int, dict[str, float]] = {u: {} for u in ids}
    id_list = ",".join(str(int(u)) for u in ids)  # integers only: safe to inline
    for user_id, created_at in session.execute(select(U.c.id, U.c.created_at).where(U.c.id.in_(ids))):
        facts[user_id]["age_months"] = float(max(0, _month_index(as_of, created_at.date())))
    for (user_id,) in session.execute(
        text(f"SELECT user_id FROM wallet_profiles WHERE identity_verified_at IS NOT NULL AND user_id IN ({id_list})")
    ):
        facts[user_id]["verified"] = 1.0
    for (user_id,) in session.execute(text(f"SELECT DISTINCT user_id FROM bank_cards WHERE user_id IN ({id_list})")):
        facts[user_id]["card"] = 1.0
    for user_id, balance in session.execute(
        text(
            "SELECT a.user_id, SUM(a.balance) FROM ledger_accounts a JOIN products p "
            "ON a.asset = 'FUND:' || CAST(p.id AS VARCHAR(20)) "
            f"WHERE p.kind = 'MONEY_FUND' AND a.purpose = 'FUND_UNITS' AND a.user_id IN ({id_list}) GROUP BY a.user_id"
        )
    ):
        facts[user_id]["money_fund"] = float(balance or 0) / 100.0
    start, _ = window(as_of)
    for user_id, count in session.execute(
        select(P.c.payer_id, func.count())
        .where(
            P.c.payer_id.in_(ids),
            P.c.created_at >= datetime.combine(start, time(), end_at.tzinfo),
            P.c.created_at < end_at,
        )
        .group_by(P.c.payer_id)
    ):
        facts[user_id]["buyer_payments"] = float(count)
    return facts
