"""Buying loans: at closing (the true sale of the first pool, paid with the senior units'
subscriptions and the lender's retained tranches) and every revolving month (collected
principal buys new eligible loans at par). The choice and the sale are set-based
(``lending.sales``: one query picks the loans within the budget and the cap per borrower, one
statement changes their owner, one entry moves their receivables); the purchase rows are one
bulk insert.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.base import table_of
from lending import sales
from securitisation.models import AbsPool, AbsPurchase
from securitisation.pools import criteria_of

PURCHASES = table_of(AbsPurchase)


def buy(session: Session, *, pool: AbsPool, period: int, day: date, budget: int, now: datetime) -> sales.Sale:
    """Buy the eligible loans that fit in ``budget`` fen on ``day`` (oldest first)."""
    if budget <= 0:
        return sales.Sale(0, 0, None)
    chosen = sales.loans_for_sale(session, day=day, criteria=criteria_of(pool), pool_id=pool.id, budget=budget)
    if not chosen:
        return sales.Sale(0, 0, None)
    sale = sales.sell_to_pool(session, pool_id=pool.id, loan_ids=[loan_id for loan_id, _ in chosen], day=day, now=now)
    session.execute(
        insert(PURCHASES),
        [dict(loan_id=loan_id, pool_id=pool.id, period=period, amount=amount) for loan_id, amount in chosen],
    )
    pool.bought += sale.amount
    return sale
