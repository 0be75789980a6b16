"""Securitisation as the API, the CLI and the jobs call it: ``create_pool``, ``close_pool``,
``run_period`` (one month, strict: a month run twice, out of order or in the future is
refused), ``run_pools`` (the daily job: collections first, then every pool's closing and
months due, in order, each in its own transaction), the reports and the listings.

Ledger entries of a month (one ``ABS_WATERFALL`` entry for the pool and the lender, one
``LOAN_PAYMENT`` entry for the senior holders through ``investing``), in this ledger's
credit-positive convention (the pool's cash is the sum of its accounts):

    recoveries reclassified      ABS_POOL_RECOVERIES -r, ABS_POOL_INTEREST +r
    principal of recognised      ABS_POOL_LOSSES -p, ABS_POOL_INTEREST +p
      defaulted loans
    reserve drawn                ABS_POOL_RESERVE -d, ABS_POOL_INTEREST +d
    fees                         ABS_POOL_INTEREST -f, FEES +f
    senior interest              ABS_POOL_INTEREST -i, holders' CASH +i (truncated; residue stays)
    mezzanine interest           ABS_POOL_INTEREST -m, LENDER_ABS_INCOME[mezz] +m
    deficiency cured             ABS_POOL_INTEREST -c, ABS_POOL_LOSSES +c
    reserve top-up               ABS_POOL_RESERVE +v, ABS_POOL_INTEREST -v
    subordinated (the rest)      ABS_POOL_INTEREST -s, LENDER_ABS_INCOME[sub] +s
    loss written down            ABS_TRANCHE[t] -w, ABS_POOL_LOSSES +w (a retained tranche also:
                                 LENDER_ABS_RETAINED[t] +w, LENDER_ABS_INCOME[t] -w; senior
                                 holders' units retired, the guarantor's share paid in cash from
                                 ABS_GUARANTOR)
    principal paid down          ABS_TRANCHE[t] -z, holders' CASH +z / LENDER_ABS_RETAINED[t] +z
    revolving purchase           lending's sale entry (``lending.sales.sell_to_pool``)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.actor import Actor
from core.clock import Clock
from core.errors import DomainError, t
from core.settings import Settings
from db.session import Database
from investing import service as investing
from ledger.accounts import AccountRef, system_account
from ledger.entries import Posting, post_entry
from ledger.kinds import CNY, EntryKind, Purpose
from lending import sales
from lending import service as lending
from products import service as products
from products.kinds import ProductStatus
from securitisation import figures, purchases, reports, waterfall
from securitisation.books import balance, principal_cash
from securitisation.errors import SecuritisationErrorCode
from securitisation.models import AbsPool, AbsRun, AbsTranche
from securitisation.pools import (
    AMORTISING,
    FINISHED,
    MEZZANINE,
    OFFERING,
    REVOLVING,
    SENIOR,
    SUBORDINATED,
    PoolTerms,
    create_pool,
    get_pool,
    payment_date,
    tranches_of,
)

__all__ = [
    "AMORTISING",
    "FINISHED",
    "MEZZANINE",
    "OFFERING",
    "REVOLVING",
    "SENIOR",
    "SUBORDINATED",
    "PoolTerms",
    "close_pool",
    "create_pool",
    "figures",
    "get_pool",
    "reports",
    "run_period",
    "run_pools",
]

TRIGGER_DEFAULTS = "CUMULATIVE_DEFAULT_RATE"
TRIGGER_SPREAD = "EXCESS_SPREAD_3M_AVERAGE"
TRIGGER_UNSPENT = "NOT_ENOUGH_ELIGIBLE_LOANS"


def _error(code: SecuritisationErrorCode, en: str, zh: str, field: str | None = "date") -> DomainError:
    return DomainError(code, t(en, zh), field)


def _account(session: Session, purpose: Purpose, shard: int, now) -> AccountRef:
    return system_account(session, purpose, CNY, now=now, shard=shard)


# --- closing ---------------------------------------------------------------------------------


def abs_outstanding(session: Session) -> int:
    """The senior units the lender has sold through its pools and not yet repaid."""
    return int(
        session.execute(
            select(func.coalesce(func.sum(AbsTranche.balance), 0)).where(AbsTranche.name == SENIOR)
        ).scalar_one()
    )


def close_pool(*, session: Session, clock: Clock, settings: Settings, pool_id: int, day: date) -> AbsPool:
    """Close the pool on ``day`` (its closing date or later): the senior tranche is the units
    placed (confirmed subscriptions of its product, no more than planned), the lender keeps the
    mezzanine and subordinated tranches, and the pool buys eligible loans at par for the total
    (true sale); what finds no loan waits in the pool's cash. The product stops selling."""
    pool = get_pool(session, pool_id, lock=True)
    if pool.status != OFFERING:
        raise _error(
            SecuritisationErrorCode.ABS_POOL_NOT_ACTIVE, "The pool has already closed.", "资产池已封包。", "id"
        )
    if day < pool.closing_date:
        raise _error(
            SecuritisationErrorCode.ABS_NOT_YET_CLOSING,
            f"The pool closes on {pool.closing_date.isoformat()}.",
            f"资产池于 {pool.closing_date.isoformat()} 封包。",
        )
    tranches = tranches_of(session, pool.id)
    senior = tranches[0]
    product_id = int(senior.product_id or 0)
    placed = investing.units_outstanding(session, product_id=product_id)
    if placed <= 0 or placed > senior.size:
        raise _error(
            SecuritisationErrorCode.ABS_SENIOR_NOT_PLACED,
            f"Senior units placed: {Decimal(placed).scaleb(-2)}; the tranche needs some and at most {Decimal(senior.size).scaleb(-2)}.",
            f"已售优先级份额 {Decimal(placed).scaleb(-2)}，须大于零且不超过 {Decimal(senior.size).scaleb(-2)}。",
            "id",
        )
    position = lending.figures(session)
    ceiling = int(Decimal(max(position.net_assets, 0)) * settings.lender_abs_multiple)
    if abs_outstanding(session) + placed > ceiling:
        raise _error(
            SecuritisationErrorCode.ABS_LENDER_LIMIT,
            f"The lender's ABS outstanding would exceed {settings.lender_abs_multiple}x its net assets.",
            f"放款方的资产证券化余额将超过其净资产的 {settings.lender_abs_multiple} 倍。",
            "id",
        )
    retained = list(tranches[1:])
    total = placed + sum(tr.size for tr in retained)
    now = clock.now()
    sale = purchases.buy(session, pool=pool, period=0, day=day, budget=total, now=now)
    if sale.loans == 0:
        raise _error(
            SecuritisationErrorCode.ABS_NO_ELIGIBLE_LOANS,
            "No loan meets the pool's criteria on the closing day.",
            "封包日没有符合入池标准的贷款。",
            "id",
        )
    postings = [
        Posting(system_account(session, Purpose.FUND_ISSUER, CNY, now=now), -placed),
        Posting(_account(session, Purpose.ABS_TRANCHE, senior.id, now), placed),
    ]
    for tr in retained:
        postings.append(Posting(_account(session, Purpose.LENDER_ABS_RETAINED, tr.id, now), -tr.size))
        postings.append(Posting(_account(session, Purpose.ABS_TRANCHE, tr.id, now), tr.size))
    post_entry(session, kind=EntryKind.ABS_POOL_SALE, postings=postings, at=now)
    if pool.guarantor_share > 0 and pool.guarantor_net_assets > 0:
        post_entry(
            session,
            kind=EntryKind.ABS_GUARANTOR_FUNDING,
            postings=[
                Posting(system_account(session, Purpose.BANK_CLEARING, CNY, now=now), -pool.guarantor_net_assets),
                Posting(_account(session, Purpose.ABS_GUARANTOR, pool.id, now), pool.guarantor_net_assets),
            ],
            at=now,
        )
    senior.original = senior.balance = placed
    for tr in retained:
        tr.original = tr.balance = tr.size
    pool.closed_on = day
    pool.last_run_date = day
    if pool.revolving_months > 0:
        pool.status = REVOLVING
    else:
        pool.status, pool.amortising_from = AMORTISING, 1
    product = products.load_product(session=session, product_id=product_id)
    if product is not None and product.status == ProductStatus.ON_SALE:
        products.change_status(
            session=session,
            clock=clock,
            actor=Actor.system("securitisation: pool closed"),
            product_id=product_id,
            status=ProductStatus.SUSPENDED,
        )
    session.flush()
    return pool


# --- a month ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Month:
    pool: AbsPool
    period: int
    start: date
    day: date


def _check_month(session: Session, clock: Clock, pool: AbsPool, day: date) -> _Month:
    if pool.status not in (REVOLVING, AMORTISING):
        raise _error(
            SecuritisationErrorCode.ABS_POOL_NOT_ACTIVE,
            f"The pool is {pool.status}: nothing to run.",
            f"资产池状态为 {pool.status}，无需运行。",
            "id",
        )
    period = pool.periods_run + 1
    due = payment_date(pool, period)
    if day != due:
        ran = session.execute(select(AbsRun.id).where(AbsRun.pool_id == pool.id, AbsRun.date == day)).first()
        if ran is not None or day <= (pool.last_run_date or pool.closing_date):
            raise _error(
                SecuritisationErrorCode.ABS_PERIOD_ALREADY_RUN,
                f"The month of {day.isoformat()} has already been run (next: {due.isoformat()}).",
                f"{day.isoformat()} 的月度兑付已运行（下一期：{due.isoformat()}）。",
            )
        raise _error(
            SecuritisationErrorCode.ABS_PERIOD_OUT_OF_ORDER,
            f"The next month to run is {due.isoformat()}; months run in order.",
            f"下一期应运行的是 {due.isoformat()}；须按顺序逐月运行。",
        )
    if day > clock.today():
        raise _error(
            SecuritisationErrorCode.ABS_PERIOD_IN_FUTURE,
            f"{day.isoformat()} is in the future.",
            f"{day.isoformat()} 是未来的日期。",
        )
    if sales.uncollected_before(session, pool_id=pool.id, day=day):
        raise _error(
            SecuritisationErrorCode.ABS_COLLECTIONS_PENDING,
            f"Run the loans' collection for {day.isoformat()} first (robo loans collect).",
            f"请先运行 {day.isoformat()} 的贷款收款（robo loans collect）。",
        )
    return _Month(pool, period, payment_date(pool, period - 1), day)


def _holder_weights(session: Session, product_id: int) -> list:
    return investing.holders_of(session, product_id=product_id)


def run_period(*, session: Session, clock: Clock, settings: Settings, pool_id: int, day: date) -> AbsRun:
    """Run the pool's month whose payment date is ``day`` (the next one due). The pool row is
    locked and the run is unique per period: run twice, even concurrently, it books once."""
    pool = get_pool(session, pool_id, lock=True)
    month = _check_month(session, clock, pool, day)
    return _run(session, clock, month)


def _run(session: Session, clock: Clock, month: _Month) -> AbsRun:
    pool, period, start, day = month.pool, month.period, month.start, month.day
    now = clock.now()
    tranches = tranches_of(session, pool.id)
    senior = tranches[0]
    mezz = next((tr for tr in tranches if tr.name == MEZZANINE), None)
    sub = tranches[-1]
    seen = pool.last_run_date
    col = sales.collections(session, pool_id=pool.id, after_id=pool.watermark, through_id=None, recognised_through=seen)
    interest_bal = balance(session, Purpose.ABS_POOL_INTEREST, pool.id)
    recoveries_bal = balance(session, Purpose.ABS_POOL_RECOVERIES, pool.id)
    reserve = balance(session, Purpose.ABS_POOL_RESERVE, pool.id)
    pcash = principal_cash(session, pool, tranches) - col.recovered_principal
    recovered = col.recovered_principal + col.recovered_other
    carry_in = interest_bal - col.interest - (col.recovered_other - col.recoveries)
    available = carry_in + col.interest + recovered
    defaults_count, defaults = sales.defaults(session, pool_id=pool.id, after=seen, through=day)
    live = sum(tr.balance for tr in tranches)
    fees = waterfall.accrual(live, pool.servicing_fee_rate, start, day)
    senior_due = waterfall.accrual(senior.balance, senior.rate or Decimal(0), start, day) + senior.interest_shortfall
    mezz_due = (
        0
        if mezz is None
        else waterfall.accrual(mezz.balance, mezz.rate or Decimal(0), start, day) + mezz.interest_shortfall
    )
    target = int(Decimal(senior.original) * pool.reserve_rate) if senior.balance or (mezz and mezz.balance) else 0
    alloc = waterfall.allocate_interest(
        waterfall.InterestDue(available, reserve, target, fees, senior_due, mezz_due, pool.deficiency + defaults)
    )
    release = 0
    if target == 0 and reserve - alloc.reserve_draw > 0:  # senior and mezzanine repaid: the reserve goes to the lender
        release = reserve - alloc.reserve_draw
    pool_postings: list[Posting] = []
    interest_acct = _account(session, Purpose.ABS_POOL_INTEREST, pool.id, now)
    losses_acct = _account(session, Purpose.ABS_POOL_LOSSES, pool.id, now)
    reserve_acct = _account(session, Purpose.ABS_POOL_RESERVE, pool.id, now)

    def move(source: AccountRef, target_acct: AccountRef, amount: int) -> None:
        if amount:
            pool_postings.extend((Posting(source, -amount), Posting(target_acct, amount)))

    move(_account(session, Purpose.ABS_POOL_RECOVERIES, pool.id, now), interest_acct, recoveries_bal)
    move(losses_acct, interest_acct, col.recovered_principal)
    move(reserve_acct, interest_acct, alloc.reserve_draw + release)
    move(interest_acct, system_account(session, Purpose.FEES, CNY, now=now), alloc.fees)
    if mezz is not None:
        move(interest_acct, _account(session, Purpose.LENDER_ABS_INCOME, mezz.id, now), alloc.mezzanine)
    move(interest_acct, losses_acct, alloc.cured)
    move(interest_acct, reserve_acct, alloc.reserve_topup)
    move(interest_acct, _account(session, Purpose.LENDER_ABS_INCOME, sub.id, now), alloc.subordinated + release)

    # the senior holders' interest (pro rata, truncated) and the guarantor's share of a shortfall
    holders = _holder_weights(session, int(senior.product_id or 0))
    weights = [int(h.units_left) for h in holders]
    coupons = investing.pro_rata(alloc.senior, weights)
    senior_paid = sum(coupons)
    shortfall = senior_due - alloc.senior
    guaranteed_interest = [0 for _ in holders]
    if shortfall and pool.guarantor_share > 0:
        guaranteed_interest = investing.pro_rata(waterfall.guarantee(shortfall, pool.guarantor_share), weights)
    senior.interest_shortfall = shortfall - sum(guaranteed_interest)
    senior.interest_paid += senior_paid + sum(guaranteed_interest)
    if mezz is not None:
        mezz.interest_shortfall = mezz_due - alloc.mezzanine
        mezz.interest_paid += alloc.mezzanine
    sub.interest_paid += alloc.subordinated + release
    carry_out = alloc.senior - senior_paid

    # losses not cured: subordinated first
    uncured = pool.deficiency + defaults - alloc.cured
    cuts = waterfall.write_down(uncured, [tr.balance for tr in tranches])
    written: dict[str, int] = {}
    senior_cut = investing.pro_rata(cuts[0], weights)
    senior_guaranteed = [0 for _ in holders]
    if sum(senior_cut) and pool.guarantor_share > 0:
        senior_guaranteed = investing.pro_rata(waterfall.guarantee(sum(senior_cut), pool.guarantor_share), weights)
    for tr, cut in zip(tranches, cuts):
        applied = sum(senior_cut) if tr is senior else cut
        if not applied:
            continue
        written[tr.name] = applied
        tr.balance -= applied
        tr.written_down += applied
        if tr is not senior:
            pool_postings.extend(
                (
                    Posting(_account(session, Purpose.ABS_TRANCHE, tr.id, now), -applied),
                    Posting(losses_acct, applied),
                    Posting(_account(session, Purpose.LENDER_ABS_RETAINED, tr.id, now), applied),
                    Posting(_account(session, Purpose.LENDER_ABS_INCOME, tr.id, now), -applied),
                )
            )
    guarantor_paid = sum(guaranteed_interest) + sum(senior_guaranteed)
    senior.guaranteed += sum(senior_guaranteed)
    deficiency_after = uncured - sum(written.values())

    # triggers that look at the month (defaults, excess spread)
    previous = list(
        session.execute(
            select(AbsRun).where(AbsRun.pool_id == pool.id).order_by(AbsRun.period.desc()).limit(2)
        ).scalars()
    )
    cumulative = defaults + sum(
        int(v)
        for v in session.execute(
            select(func.coalesce(func.sum(AbsRun.defaults), 0)).where(AbsRun.pool_id == pool.id)
        ).scalars()
    )
    default_rate = Decimal(cumulative) / pool.bought if pool.bought else Decimal(0)
    spread_fen = col.interest + recovered - fees - senior_due - mezz_due - defaults
    spreads = [_spread_of(r) for r in previous] + [_rate(spread_fen, live, start, day)]
    spread_avg = sum(spreads, Decimal(0)) / len(spreads)
    breached_defaults = default_rate > pool.trigger_default_rate
    breached_spread = len(spreads) >= 3 and spread_avg < pool.trigger_excess_spread
    if pool.status == REVOLVING:
        if breached_defaults or breached_spread:
            pool.status, pool.amortising_from = AMORTISING, period
            pool.trigger = TRIGGER_DEFAULTS if breached_defaults else TRIGGER_SPREAD
        elif period > pool.revolving_months:
            pool.status, pool.amortising_from = AMORTISING, period

    # principal: revolving purchase, or sequential pay-down
    available_principal = pcash + alloc.cured
    paid_principal: dict[str, int] = {}
    senior_principal = [0 for _ in holders]
    bought = purchases.buy(
        session,
        pool=pool,
        period=period,
        day=day,
        budget=available_principal if pool.status == REVOLVING else 0,
        now=now,
    )
    unspent = available_principal - bought.amount
    if pool.status == REVOLVING:
        short = Decimal(unspent) > pool.trigger_unspent_share * max(live, 1)
        pool.unspent_streak = pool.unspent_streak + 1 if short else 0
        if pool.unspent_streak >= 2:
            pool.status, pool.amortising_from, pool.trigger = AMORTISING, period + 1, TRIGGER_UNSPENT
    else:
        plan = waterfall.pay_down(available_principal, [tr.balance for tr in tranches])
        for tr, amount in zip(tranches, plan):
            if tr is senior:  # pro rata of the units left after any write-down
                senior_principal = investing.pro_rata(amount, [w - c for w, c in zip(weights, senior_cut)])
                amount = sum(senior_principal)
            elif amount:
                pool_postings.extend(
                    (
                        Posting(_account(session, Purpose.ABS_TRANCHE, tr.id, now), -amount),
                        Posting(_account(session, Purpose.LENDER_ABS_RETAINED, tr.id, now), amount),
                    )
                )
            if amount:
                paid_principal[tr.name] = amount
                tr.balance -= amount
                tr.principal_paid += amount
        unspent = available_principal - sum(paid_principal.values())
    entry_id = (
        post_entry(session, kind=EntryKind.ABS_WATERFALL, postings=pool_postings, at=now).id if pool_postings else None
    )

    # the senior holders' entry
    shares = []
    for index, holder in enumerate(holders):
        guaranteed = senior_guaranteed[index]
        shares.append(
            investing.HolderShare(
                lot_id=holder.id,
                user_id=holder.user_id,
                order_id=holder.order_id,
                units=int(holder.units_left),
                interest=coupons[index] + guaranteed_interest[index],
                principal=senior_principal[index],
                guaranteed=guaranteed,
                written_down=senior_cut[index] - guaranteed,
            )
        )
    senior_tranche = _account(session, Purpose.ABS_TRANCHE, senior.id, now)
    funding = [
        Posting(interest_acct, -senior_paid),
        Posting(senior_tranche, -(sum(senior_principal) + sum(senior_cut))),
        Posting(losses_acct, sum(senior_cut)),
    ]
    if guarantor_paid:
        funding.append(Posting(_account(session, Purpose.ABS_GUARANTOR, pool.id, now), -guarantor_paid))
    holder_entry = investing.pay_pool_holders(
        session,
        clock=clock,
        product_id=int(senior.product_id or 0),
        period=period,
        due_day=day,
        shares=[s for s in shares if s.interest or s.principal or s.guaranteed or s.written_down] or [],
        funding=[p for p in funding if p.amount],
    )
    if all(tr.balance == 0 for tr in tranches):
        pool.status = FINISHED
    after = sales.owned(session, pool_id=pool.id, recognised_through=day)
    reserve_after = reserve - alloc.reserve_draw - release + alloc.reserve_topup
    triggers = [
        dict(
            name=TRIGGER_DEFAULTS,
            value=str(_q(default_rate)),
            threshold=str(pool.trigger_default_rate),
            breached=breached_defaults,
        ),
        dict(
            name=TRIGGER_SPREAD,
            value=str(_q(spread_avg)),
            threshold=str(pool.trigger_excess_spread),
            breached=breached_spread,
        ),
        dict(
            name=TRIGGER_UNSPENT,
            value=str(pool.unspent_streak),
            threshold="2",
            breached=pool.trigger == TRIGGER_UNSPENT,
        ),
    ]
    run = AbsRun(
        pool_id=pool.id,
        period=period,
        start_date=start,
        date=day,
        watermark_from=pool.watermark,
        watermark_to=col.through_id,
        interest_collected=col.interest,
        principal_collected=col.principal,
        recoveries=recovered,
        carry_in=carry_in,
        reserve_draw=alloc.reserve_draw + release,
        fees=alloc.fees,
        senior_interest_due=senior_due,
        senior_interest=alloc.senior,
        senior_interest_paid=senior_paid,
        mezzanine_interest=alloc.mezzanine,
        deficiency_cured=alloc.cured,
        reserve_topup=alloc.reserve_topup,
        subordinated_interest=alloc.subordinated + release,
        carry_out=carry_out,
        defaults_count=defaults_count,
        defaults=defaults,
        written_down=written,
        guarantor_paid=guarantor_paid,
        guarantor_interest=sum(guaranteed_interest),
        deficiency_after=deficiency_after,
        principal_available=available_principal,
        purchases_count=bought.loans,
        purchases=bought.amount,
        principal_paid=paid_principal,
        unspent=unspent,
        pool_balance=after.performing,
        pool_loans=after.performing_loans,
        reserve=reserve_after,
        tranche_balances={tr.name: tr.balance for tr in tranches},
        delinquency=[
            dict(bucket=b, loans=n, amount=a) for b, n, a in sales.delinquency(session, pool_id=pool.id, day=day)
        ],
        triggers=triggers,
        status_after=pool.status,
        entry_id=entry_id,
        holder_entry_id=holder_entry,
        ran_at=now,
    )
    session.add(run)
    pool.periods_run = period
    pool.last_run_date = day
    pool.watermark = col.through_id
    pool.deficiency = deficiency_after
    session.flush()
    figures.refresh(session, clock=clock, pool=pool, senior=senior, day=day)
    return run


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.000001"))


def _rate(spread: int, balance_: int, start: date, end: date) -> Decimal:
    """A month's excess spread as a yearly rate of the tranches' balance."""
    days = max(1, (end - start).days)
    return Decimal(spread) / max(balance_, 1) * 365 / days


def _spread_of(run: AbsRun) -> Decimal:
    spread = (
        run.interest_collected
        + run.recoveries
        - run.fees
        - run.senior_interest_due
        - run.mezzanine_interest
        - run.defaults
    )
    return _rate(spread, sum(int(v) for v in run.tranche_balances.values()) or 1, run.start_date, run.date)


# --- the daily job ---------------------------------------------------------------------------


def active_pool_ids(session: Session) -> list[int]:
    return list(
        session.execute(
            select(AbsPool.id).where(AbsPool.status.in_((OFFERING, REVOLVING, AMORTISING))).order_by(AbsPool.id)
        ).scalars()
    )


def run_pools(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    day: date,
    progress: Callable[[int, int, str], None] | None = None,
) -> investing.JobReport:
    """``robo abs run --date D`` / ``runDailyJob(job: RUN_ABS_POOLS)``: the loans' collection
    up to ``D`` first (up to yesterday when ``D`` is today: a month whose payment date is today
    waits for tomorrow), then each pool (its own transactions): closing once its closing date has
    come, then every month whose payment date is on or before ``D`` and not run yet, in order.
    Run late it catches up; run twice it does nothing more (dates of record)."""
    from investing.kinds import DailyJob

    if day > clock.today():
        raise _error(
            SecuritisationErrorCode.ABS_PERIOD_IN_FUTURE,
            f"{day.isoformat()} is in the future.",
            f"{day.isoformat()} 是未来的日期。",
        )
    # A day's loan collection runs once the day is over: run on its payment date itself, a
    # month waits for the next day (the scheduler runs yesterday's pools).
    collected_through = min(day, clock.today() - timedelta(days=1))
    lending.collect(database=database, clock=clock, settings=settings, day=collected_through)
    with database.read() as session:
        pool_ids = active_pool_ids(session)
    runs = []
    for index, pool_id in enumerate(pool_ids, 1):
        done, amount, message, result, waiting = 0, 0, "", investing.JobResult.NOTHING, False
        try:
            with database.read() as session:
                pool = get_pool(session, pool_id)
                status, closing = pool.status, pool.closing_date
            if status == OFFERING and closing <= day:
                with database.write() as session:
                    close_pool(session=session, clock=clock, settings=settings, pool_id=pool_id, day=day)
                done += 1
                message = "closed; "
            while True:
                with database.write() as session:
                    pool = get_pool(session, pool_id, lock=True)
                    if pool.status not in (REVOLVING, AMORTISING):
                        break
                    due = payment_date(pool, pool.periods_run + 1)
                    if due > collected_through:
                        if due <= day:
                            waiting = True
                            message += f"month of {due.isoformat()} waits for that day's collection (tomorrow); "
                        break
                    run = _run(session, clock, _check_month(session, clock, pool, due))
                    amount += run.senior_interest_paid + sum(int(v) for v in run.principal_paid.values())
                    done += 1
                    message += f"month {run.period} ({due.isoformat()}); "
            result = (
                investing.JobResult.WAITING
                if waiting
                else investing.JobResult.DONE
                if done
                else investing.JobResult.NOTHING
            )
        except DomainError as error:
            result, message = investing.JobResult.REFUSED, message + str(error.text.in_("en"))
        runs.append(investing.ProductRun(None, f"pool-{pool_id}", result, done, amount, message.strip("; ")))
        if progress is not None:
            progress(index, len(pool_ids), f"pool-{pool_id}")
    return investing.JobReport(DailyJob.RUN_ABS_POOLS, day, tuple(runs))


# --- reading ---------------------------------------------------------------------------------


def pools_page(session: Session, *, limit: int, after: int | None) -> list[AbsPool]:
    query = select(AbsPool).order_by(AbsPool.id.desc()).limit(limit)
    if after is not None:
        query = query.where(AbsPool.id < after)
    return list(session.execute(query).scalars())


def count_pools(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AbsPool)).scalar_one())


def pool_of_product(session: Session, product_id: int) -> AbsPool | None:
    tranche = session.execute(
        select(AbsTranche).where(AbsTranche.product_id == product_id, AbsTranche.name == SENIOR)
    ).scalar_one_or_none()
    return None if tranche is None else session.get(AbsPool, tranche.pool_id)


def runs_of(session: Session, pool_id: int) -> list[AbsRun]:
    return list(session.execute(select(AbsRun).where(AbsRun.pool_id == pool_id).order_by(AbsRun.period)).scalars())


def run_of_month(session: Session, pool_id: int, month: str) -> AbsRun | None:
    """The run whose payment date falls in ``month`` (``YYYY-MM``)."""
    for run in runs_of(session, pool_id):
        if run.date.strftime("%Y-%m") == month:
            return run
    return None
