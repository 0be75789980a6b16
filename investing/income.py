"""Money-fund daily income, distributed with set-based SQL (no row-by-row Python), on SQLite
and PostgreSQL alike.

For a fund and a calendar day D with income r per 10,000 units (4 decimals, may be
negative), each holding's exact share is units x r / 10,000; in integers (units in
hundredths, r in 1/10,000) that is ``units * r4 / 10^8`` fen. Each holding gets its share
truncated towards zero; the fund's total is the sum of all exact shares truncated; the fen
left over go one by one to the largest remainders (ties: the lower account id), ranked with a
window function, so the incomes add up exactly to the fund's total. A negative day is
distributed the same way with negative incomes. Income is reinvested as units (NAV 1.00):
the holding's ``FUND_UNITS`` account is credited and the fund's ``INCOME`` account (same
asset) debited, one journal entry per (fund, day), posted through ``ledger.bulk`` (the
ledger's set-based posting API: postings from one ``INSERT ... SELECT`` over the shares this
module computes, balances changed in one statement); this module writes no postings itself.

Who earns D's income: the units held at the end of D, i.e. today's balance less what changed
after D ended: subscriptions confirmed after D (income starts on the confirmation day),
redemptions placed after D ended (and cancellations of them), and income of days from D on.
A normal (not fast) redemption earns up to and including the day before its confirmation day
(Friday's redemption earns the weekend): its units count for D while D is before that day,
though they left the holding when it was placed. Fast redemptions and payments from the fund
stop earning at once.
Holdings with no units get nothing. A holding never goes below zero units: on a negative day a
holding already redeemed since gets at most its remaining units taken (the fund's entry then
books what was actually taken); on such a day (and for a correction) the fund's holdings are
locked first, so a redemption committing meanwhile cannot take them below zero.

A correction (``correct``) reverses the day's entry with a reversing entry and distributes
the corrected figure in the same transaction; balances and the users' history change by the
difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, Boolean, Date, Row, String, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from core.actor import Actor
from core.clock import Clock
from core.errors import DomainError, t
from core.money import NAV_PLACES, to_scaled_int
from db.base import table_of
from db.session import is_sqlite
from db.types import UTCDateTime
from investing.errors import InvestingErrorCode
from investing.kinds import OrderSide, OrderStatus
from investing.models import MoneyFundIncome
from ledger import bulk
from ledger.accounts import lock_holders, system_account
from ledger.kinds import EntryKind, Purpose, fund_asset
from products import history
from products import service as products

if TYPE_CHECKING:
    from products.models import IncomeFigureRequest, Product

# ``__table__`` is typed FromClause on the declarative base; a mapped class's table is a Table.
INCOMES = table_of(MoneyFundIncome)
SCALE = 10**8  # hundredths of a unit x income per 10,000 units in 1/10,000 -> fen
PG_WORK_MEM = "256MB"  # per sort, for this transaction only
ADVISORY_LOCK_CLASS = 0x494E43  # "INC": one income job or correction per fund at a time (PostgreSQL)


@dataclass(frozen=True, slots=True)
class Distribution:
    """What a distribution booked: the entry (None when nothing was due), how many holdings
    got something and their total (fen, signed)."""

    entry_id: int | None
    holders: int
    total: int


def end_of(day: date, clock: Clock) -> datetime:
    """The instant day ``day`` ends in the platform's zone (midnight after it)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=clock.zone)


# The units each holding held at the end of :day, and its share of the day's income.
_SHARES = """
moves AS (
    SELECT user_id, CAST(SUM(later) AS BIGINT) AS later FROM (
        SELECT o.user_id AS user_id, o.units AS later FROM fund_orders o
        WHERE o.product_id = :product AND o.confirm_day > :day AND o.side = :subscribe AND o.status = :confirmed
        UNION ALL
        SELECT o.user_id, -o.units FROM fund_orders o
        WHERE o.product_id = :product AND o.placed_at >= :cutoff AND o.side = :redeem
        UNION ALL
        SELECT o.user_id, o.units FROM fund_orders o
        WHERE o.product_id = :product AND o.cancelled_at >= :cutoff AND o.side = :redeem
        UNION ALL
        SELECT o.user_id, -o.units FROM fund_orders o
        WHERE o.product_id = :product AND o.side = :redeem AND o.fast = :no AND o.placed_at < :cutoff
          AND o.confirm_day > :day AND (o.cancelled_at IS NULL OR o.cancelled_at >= :cutoff)
    ) AS changes
    GROUP BY user_id
),
later_income AS (
    SELECT p.account_id AS account_id, CAST(SUM(p.amount) AS BIGINT) AS amount
    FROM postings p
    WHERE {postings_range}p.entry_id IN (
        SELECT m.entry_id FROM money_fund_incomes m
        WHERE m.product_id = :product AND m.day >= :day AND m.entry_id IS NOT NULL
        UNION ALL
        SELECT m.reversal_entry_id FROM money_fund_incomes m
        WHERE m.product_id = :product AND m.day >= :day AND m.reversal_entry_id IS NOT NULL)
    GROUP BY p.account_id
),
reversed AS (
    SELECT p.account_id AS account_id, p.amount AS amount FROM postings p WHERE p.entry_id = :reversed
),
holdings AS (
    SELECT a.id AS account_id, a.user_id AS user_id,
           a.balance - COALESCE(r.amount, 0) AS remaining,
           a.balance - COALESCE(m.later, 0) - COALESCE(i.amount, 0) AS units
    FROM ledger_accounts a
    LEFT JOIN moves m ON m.user_id = a.user_id
    LEFT JOIN later_income i ON i.account_id = a.id
    LEFT JOIN reversed r ON r.account_id = a.id
    WHERE a.user_id IS NOT NULL AND a.asset = :asset AND a.purpose = :holding_purpose{holdings_range}
),
shares AS (
    SELECT account_id, user_id, remaining, units * :rate AS exact FROM holdings WHERE units > 0
),
ranked AS (
    SELECT account_id, user_id, remaining, exact, exact / 100000000 AS part,
           ROW_NUMBER() OVER (ORDER BY ABS(exact % 100000000) DESC, account_id) AS place
    FROM shares
),
totals AS (
    -- trunc(SUM(exact) / 10^8) - SUM(part), from the remainders alone (all of one sign): the
    -- fund's SUM(exact) may exceed 64 bits (a big fund on an extreme day); theirs never does.
    SELECT CAST(SUM(exact - part * 100000000) AS BIGINT) / 100000000 AS leftover FROM ranked
),
final AS (
    SELECT account_id, user_id,
           {greatest}(part + CASE WHEN place <= ABS(leftover) THEN :sign ELSE 0 END, -remaining) AS amount
    FROM ranked CROSS JOIN totals
)
"""

_SHARE_PARAMS = (
    bindparam("day", type_=Date),
    bindparam("cutoff", type_=UTCDateTime()),
    bindparam("product", type_=BigInteger),
    bindparam("reversed", type_=BigInteger),
    bindparam("rate", type_=BigInteger),
    bindparam("sign", type_=BigInteger),
    bindparam("asset", type_=String),
    bindparam("no", type_=Boolean),
)


def _share_params(
    *, product_id: int, day: date, rate4: int, cutoff: datetime, reversed_entry_id: int | None
) -> dict[str, Any]:
    return dict(
        subscribe=str(OrderSide.SUBSCRIBE),
        redeem=str(OrderSide.REDEEM),
        confirmed=str(OrderStatus.CONFIRMED),
        day=day,
        cutoff=cutoff,
        product=product_id,
        reversed=reversed_entry_id or 0,
        rate=rate4,
        sign=1 if rate4 > 0 else -1,
        asset=fund_asset(product_id),
        holding_purpose=str(Purpose.FUND_UNITS),
        no=False,
    )


def distribute(
    session: Session,
    *,
    clock: Clock,
    product_id: int,
    day: date,
    income_per_10k: Decimal,
    reversed_entry_id: int | None = None,
) -> tuple[Distribution, int | None]:
    """Book the income of ``day`` at ``income_per_10k`` (and reverse ``reversed_entry_id``,
    the day's earlier distribution, when correcting) through ``ledger.bulk``: one entry whose
    postings are the holders' shares. Returns the new distribution and the reversing entry's id."""
    rate4 = to_scaled_int(income_per_10k, NAV_PLACES)
    now = clock.now()
    if rate4 == 0 and reversed_entry_id is None:
        return Distribution(None, 0, 0), None
    income_account = system_account(session, Purpose.INCOME, fund_asset(product_id), now=now)
    params = _share_params(
        product_id=product_id, day=day, rate4=rate4, cutoff=end_of(day, clock), reversed_entry_id=reversed_entry_id
    )
    if rate4 < 0 or reversed_entry_id is not None:
        lock_holders(session, asset=fund_asset(product_id), purpose=Purpose.FUND_UNITS)
    if not is_sqlite(session):  # room for the two sorts of a big fund (by remainder, by account) in memory
        session.execute(text(f"SET LOCAL work_mem = '{PG_WORK_MEM}'"))
    rows = (
        "SELECT account_id, user_id, amount FROM final"
        if rate4 != 0
        else "SELECT account_id, user_id, amount FROM final WHERE 1 = 0"
    )
    booked = bulk.post_rows(
        session,
        kind=EntryKind.INCOME,
        at=now,
        ctes=_SHARES.format(greatest="MAX" if is_sqlite(session) else "GREATEST", holdings_range="", postings_range=""),
        rows=rows,
        binds=_SHARE_PARAMS,
        params=params,
        counter_account_id=income_account.id,
        reverses_entry_id=reversed_entry_id,
        reversal_kind=EntryKind.INCOME_REVERSAL,
    )
    return Distribution(booked.entry_id, booked.count, booked.total), booked.reversal_id


def lock_fund(session: Session, product_id: int) -> None:
    """One income job or correction per fund at a time (PostgreSQL advisory transaction lock;
    SQLite's write transaction already serialises)."""
    if not is_sqlite(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:c, :p)"), {"c": ADVISORY_LOCK_CLASS, "p": int(product_id)})


def current(session: Session, *, product_id: int, day: date) -> Row[Any] | None:
    """The day's distribution in force (not superseded), or None."""
    return session.execute(
        select(INCOMES).where(
            INCOMES.c.product_id == product_id, INCOMES.c.day == day, INCOMES.c.superseded_at.is_(None)
        )
    ).one_or_none()


def last_accrued_day(session: Session, *, product_id: int) -> date | None:
    return session.execute(
        select(INCOMES.c.day)
        .where(INCOMES.c.product_id == product_id, INCOMES.c.superseded_at.is_(None))
        .order_by(INCOMES.c.day.desc())
        .limit(1)
    ).scalar_one_or_none()


def first_missing_day(session: Session, *, product_id: int, day: date) -> date | None:
    """The first day between the fund's last distributed day and ``day`` that is not
    distributed yet (None when ``day`` is next, or nothing was distributed before). Days go
    in order: distributing a later day first would leave that day's income undistributable."""
    latest = last_accrued_day(session, product_id=product_id)
    if latest is not None and latest < day - timedelta(days=1):
        return latest + timedelta(days=1)
    return None


def check_next_day(session: Session, *, clock: Clock, product: Product, day: date) -> None:
    """Refuse unless ``day`` is over and is the fund's next day to distribute; takes the fund's
    lock (one income job or correction per fund at a time) for the caller's transaction."""
    if day >= clock.today():
        raise DomainError(
            InvestingErrorCode.INVALID_JOB_DATE,
            t("A day's income is distributed once the day is over.", "当日收益须在当日结束后才能发放。"),
            "date",
        )
    lock_fund(session, product.id)
    latest = last_accrued_day(session, product_id=product.id)
    if latest is not None and latest > day:
        raise DomainError(
            InvestingErrorCode.INVALID_JOB_DATE,
            t(
                f"{product.code}: income is distributed day by day and {latest.isoformat()} is already done; "
                "correct a past day with correctMoneyFundIncome.",
                f"{product.code}：收益按日逐日发放，{latest.isoformat()} 已发放；"
                "如需更正过往日期，请使用 correctMoneyFundIncome。",
            ),
            "date",
        )
    missing = first_missing_day(session, product_id=product.id, day=day)
    if missing is not None:
        raise DomainError(
            InvestingErrorCode.INVALID_JOB_DATE,
            t(
                f"{product.code}: the income of {missing.isoformat()} is not distributed yet; days are distributed "
                "in order, so distribute it first.",
                f"{product.code}：{missing.isoformat()} 的收益尚未发放；收益须按日期顺序发放，请先发放该日收益。",
            ),
            "date",
        )


def accrue(session: Session, *, clock: Clock, product: Product, day: date, income_per_10k: Decimal) -> Distribution:
    """Distribute the fund's income of ``day`` (once the day is over; days in order, none
    skipped)."""
    check_next_day(session, clock=clock, product=product, day=day)
    distribution, _ = distribute(session, clock=clock, product_id=product.id, day=day, income_per_10k=income_per_10k)
    record(
        session, clock=clock, product_id=product.id, day=day, income_per_10k=income_per_10k, distribution=distribution
    )
    return distribution


def record(
    session: Session, *, clock: Clock, product_id: int, day: date, income_per_10k: Decimal, distribution: Distribution
) -> None:
    """The day's distribution as booked (``money_fund_incomes``)."""
    session.execute(
        insert(INCOMES),
        dict(
            product_id=product_id,
            day=day,
            income_per_10k=income_per_10k,
            total=distribution.total,
            holders=distribution.holders,
            entry_id=distribution.entry_id,
            created_at=clock.now(),
        ),
    )


def correct(
    session: Session, *, clock: Clock, product: Product, day: date, income_per_10k: Decimal, operator_id: int | None
) -> Distribution:
    """Reverse the distribution of ``day`` and distribute ``income_per_10k`` instead."""
    lock_fund(session, product.id)
    earlier = current(session, product_id=product.id, day=day)
    if earlier is None:
        raise DomainError(
            InvestingErrorCode.INCOME_NOT_DISTRIBUTED,
            t(
                f"{product.code}: the income of {day.isoformat()} has not been distributed yet.",
                f"{product.code}：{day.isoformat()} 的收益尚未发放。",
            ),
            "date",
        )
    now = clock.now()
    distribution, reversal_id = distribute(
        session,
        clock=clock,
        product_id=product.id,
        day=day,
        income_per_10k=income_per_10k,
        reversed_entry_id=earlier.entry_id,
    )
    session.execute(
        update(INCOMES).where(INCOMES.c.id == earlier.id).values(superseded_at=now, reversal_entry_id=reversal_id)
    )
    session.execute(
        insert(INCOMES),
        dict(
            product_id=product.id,
            day=day,
            income_per_10k=income_per_10k,
            total=distribution.total,
            holders=distribution.holders,
            entry_id=distribution.entry_id,
            corrected_by=operator_id,
            created_at=now,
        ),
    )
    return distribution


def correct_money_fund_income(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product_id: int,
    day: date,
    income_per_10k: Decimal,
    approved_by: Actor | None = None,
) -> Distribution:
    """An operator corrects a money fund's income of ``day``: the recorded figure changes
    (``products.history.correct_income``, audited with the operator and both values) and,
    when the day was already distributed, its entry is reversed and the corrected figure
    distributed, all in the caller's transaction. A day not distributed yet only gets the
    corrected figure (the income job will use it)."""
    previous = history.correct_income(
        session=session,
        clock=clock,
        actor=actor,
        product_id=product_id,
        day=day,
        income_per_10k=income_per_10k,
        approved_by=approved_by,
    )
    earlier = current(session, product_id=product_id, day=day)
    if earlier is None:
        return Distribution(None, 0, 0)
    if previous == income_per_10k and earlier.income_per_10k == income_per_10k:
        return Distribution(earlier.entry_id, earlier.holders, earlier.total)
    product = products.get_product(session=session, product_id=product_id)
    return correct(session, clock=clock, product=product, day=day, income_per_10k=income_per_10k, operator_id=actor.id)


def approve_income_figure(
    *, session: Session, clock: Clock, actor: Actor, request_id: object
) -> tuple[IncomeFigureRequest, Distribution | None]:
    """A second member of staff approves an income figure outside the ordinary band
    (``products.history.request_income_figure``): it is recorded, or the recorded day
    corrected (and redistributed if it was distributed), in this transaction. Returns the
    request and, for a correction, the distribution."""
    request = history.take_income_request(session=session, clock=clock, actor=actor, request_id=request_id)
    requester = Actor(request.requested_by, request.requested_by_label)
    if request.correction:
        distribution = correct_money_fund_income(
            session=session,
            clock=clock,
            actor=requester,
            product_id=request.product_id,
            day=request.date,
            income_per_10k=request.income_per_10k,
            approved_by=actor,
        )
        return request, distribution
    history.record_income(
        session=session,
        clock=clock,
        actor=requester,
        product_id=request.product_id,
        day=request.date,
        income_per_10k=request.income_per_10k,
        approved_by=actor,
    )
    return request, None
