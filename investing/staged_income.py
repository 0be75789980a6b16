"""A money fund's income of a day in two phases, for a job engine that runs the first in
parallel (``jobs``); the result is the single-pass distribution's (``investing.income``) to the
fen.

1. ``stage_shares``, one call per range of holdings (by account id, ``holding_ranges``): each
   holding's units at the end of the day (the same date-of-record query as the single pass),
   its exact share truncated to the fen (``part``) and the remainder, written to
   ``money_fund_income_shares`` under the batch (the job run). Ranges are independent, so any
   number of workers can stage them at once, each in its own transaction.
2. ``book_staged``, once per fund and day, after every range is staged: the fund's leftover fen
   (the sum of the remainders, truncated) go one by one to the largest remainders (ties: the
   lower account id), and the one entry of the day is booked through ``ledger.bulk`` with the
   ``money_fund_incomes`` row, in one transaction under the fund's lock, after the same checks
   as the single pass (the day is over, is the fund's next, and waits for nothing).
   ``discard`` then drops the batch's rows.

A holding's units at the end of a day do not change afterwards (later moves are subtracted),
so ranges staged at different moments agree with one another. On a negative day the holdings
are locked in phase 2 and each takes at most what its balance holds then, as in the single pass.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, bindparam, delete, func, select, text
from sqlalchemy.orm import Session

from core.clock import Clock
from core.money import NAV_PLACES, to_scaled_int
from db.base import table_of
from db.session import is_sqlite
from investing import income
from investing.models import MoneyFundIncomeShare
from ledger import bulk
from ledger.accounts import lock_holders, system_account
from ledger.kinds import EntryKind, Purpose, fund_asset
from products.models import Product

SHARES = table_of(MoneyFundIncomeShare)


def holding_ranges(session: Session, *, product_id: int, rows_per_range: int) -> list[tuple[int, int]]:
    """The fund's holdings (units accounts) cut into ranges of account ids of about
    ``rows_per_range`` accounts each, covering them all: ``[(first_id, last_id), ...]``."""
    rows_per_range = max(1, rows_per_range)
    starts = (
        session.execute(
            text(
                "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM ledger_accounts "
                "WHERE user_id IS NOT NULL AND asset = :asset AND purpose = :purpose) AS numbered "
                "WHERE (n - 1) % :size = 0 ORDER BY id"
            ),
            {"asset": fund_asset(product_id), "purpose": str(Purpose.FUND_UNITS), "size": rows_per_range},
        )
        .scalars()
        .all()
    )
    if not starts:
        return []
    last = session.execute(
        text("SELECT MAX(id) FROM ledger_accounts WHERE user_id IS NOT NULL AND asset = :asset AND purpose = :purpose"),
        {"asset": fund_asset(product_id), "purpose": str(Purpose.FUND_UNITS)},
    ).scalar_one()
    ends = [start - 1 for start in starts[1:]] + [int(last)]
    return [(int(start), int(end)) for start, end in zip(starts, ends)]


def stage_shares(
    session: Session,
    *,
    batch_id: int,
    clock: Clock,
    product_id: int,
    day: date,
    income_per_10k: Decimal,
    first_id: int,
    last_id: int,
) -> int:
    """Phase 1 for the holdings with account ids ``first_id..last_id``: their shares of the
    day's income, staged under ``batch_id``. How many holdings (with units) were staged."""
    rate4 = to_scaled_int(income_per_10k, NAV_PLACES)
    if rate4 == 0:
        return 0
    params = income._share_params(
        product_id=product_id, day=day, rate4=rate4, cutoff=income.end_of(day, clock), reversed_entry_id=None
    )
    ctes = income._SHARES.format(
        greatest="MAX" if is_sqlite(session) else "GREATEST",
        holdings_range=" AND a.id BETWEEN :first AND :last",
        # the range's own postings only: the fund's later income is read per range, not whole per task
        postings_range="p.account_id BETWEEN :first AND :last AND ",
    )
    session.execute(
        text(
            f"WITH {ctes} INSERT INTO money_fund_income_shares (batch_id, account_id, user_id, part, remainder) "
            "SELECT :batch, account_id, user_id, exact / 100000000, exact % 100000000 FROM shares"
        ).bindparams(
            *income._SHARE_PARAMS,
            bindparam("first", type_=BigInteger),
            bindparam("last", type_=BigInteger),
            bindparam("batch", type_=BigInteger),
        ),
        {**params, "first": first_id, "last": last_id, "batch": batch_id},
    )
    # (SQLite reports no row count for an INSERT ... SELECT behind a WITH)
    return int(
        session.execute(
            select(func.count())
            .select_from(SHARES)
            .where(SHARES.c.batch_id == batch_id, SHARES.c.account_id.between(first_id, last_id))
        ).scalar_one()
    )


def staged_count(session: Session, *, batch_id: int) -> int:
    return int(
        session.execute(select(func.count()).select_from(SHARES).where(SHARES.c.batch_id == batch_id)).scalar_one()
    )


# Phase 2: the leftover fen of the fund to the largest remainders, from the staged shares.
_BOOK = """
totals AS (
    SELECT CAST(COALESCE(SUM(remainder), 0) AS BIGINT) / 100000000 AS leftover
    FROM money_fund_income_shares WHERE batch_id = :batch
),
bonus AS (
    SELECT account_id FROM money_fund_income_shares WHERE batch_id = :batch
    ORDER BY ABS(remainder) DESC, account_id
    LIMIT (SELECT ABS(leftover) FROM totals)
),
final AS (
    SELECT s.account_id AS account_id, s.user_id AS user_id,
           {greatest}(s.part + CASE WHEN b.account_id IS NULL THEN 0 ELSE :sign END, -{remaining}) AS amount
    FROM money_fund_income_shares s
    LEFT JOIN bonus b ON b.account_id = s.account_id
    {join_balance}
    WHERE s.batch_id = :batch
)
"""


def book_staged(
    session: Session, *, batch_id: int, clock: Clock, product: Product, day: date, income_per_10k: Decimal
) -> income.Distribution:
    """Phase 2: after the single pass's checks (under the fund's lock), hand out the leftover
    fen and book the day's one entry from the staged shares, and record the day."""
    income.check_next_day(session, clock=clock, product=product, day=day)
    distribution = book_shares(
        session, batch_id=batch_id, clock=clock, product_id=product.id, income_per_10k=income_per_10k
    )
    income.record(
        session, clock=clock, product_id=product.id, day=day, income_per_10k=income_per_10k, distribution=distribution
    )
    return distribution


def book_shares(
    session: Session, *, batch_id: int, clock: Clock, product_id: int, income_per_10k: Decimal
) -> income.Distribution:
    """The leftover fen of the staged batch to the largest remainders (ties: the lower account
    id) and the one entry through ``ledger.bulk``; no entry when the figure is zero."""
    rate4 = to_scaled_int(income_per_10k, NAV_PLACES)
    if rate4 == 0:
        return income.Distribution(None, 0, 0)
    now = clock.now()
    asset = fund_asset(product_id)
    negative = rate4 < 0
    if negative:  # each holding gives at most what it holds now
        lock_holders(session, asset=asset, purpose=Purpose.FUND_UNITS)
    if not is_sqlite(session):
        session.execute(text(f"SET LOCAL work_mem = '{income.PG_WORK_MEM}'"))
    counter = system_account(session, Purpose.INCOME, asset, now=now)
    ctes = _BOOK.format(
        greatest="MAX" if is_sqlite(session) else "GREATEST",
        remaining="a.balance" if negative else "0",
        join_balance="JOIN ledger_accounts a ON a.id = s.account_id" if negative else "",
    )
    booked = bulk.post_rows(
        session,
        kind=EntryKind.INCOME,
        at=now,
        ctes=ctes,
        rows="SELECT account_id, user_id, amount FROM final",
        binds=(bindparam("batch", type_=BigInteger), bindparam("sign", type_=BigInteger)),
        params={"batch": batch_id, "sign": -1 if negative else 1},
        counter_account_id=counter.id,
    )
    return income.Distribution(booked.entry_id, booked.count, booked.total)


def discard(session: Session, *, batch_id: int) -> int:
    """Drop a batch's staged shares (after phase 2, or to stage again)."""
    result = session.execute(delete(SHARES).where(SHARES.c.batch_id == batch_id))
    return int(result.rowcount)  # type: ignore[attr-defined]
