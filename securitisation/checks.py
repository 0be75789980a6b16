"""The pools' part of ``robo ledger verify`` (per pool, set-based queries):

1. the pool's receivables (ABS_POOL_LOANS) equal the principal outstanding of the loans it
   owns (not written off), and each loan has exactly one owner (``lending.sales``);
2. each tranche's ledger account equals its balance; the lender's retained tranches equal its
   LENDER_ABS_RETAINED; the senior balance equals the units its holders hold;
3. the tranches sum to the pool's assets minus the losses not yet absorbed: performing loans
   plus the principal-side cash, less the principal-deficiency ledger;
4. each month's waterfall allocated exactly what was collected (interest side: carried in +
   collected + recoveries + reserve drawn = fees + senior + mezzanine + cured + reserve +
   subordinated; the senior's residue carried to the next month), and the interest, recoveries
   and reserve accounts hold exactly what the months since the last one left and collected.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from investing import service as investing
from ledger.kinds import Purpose
from ledger.verify import MAX_EXAMPLES, register
from lending import sales
from securitisation.books import balance, principal_cash
from securitisation.models import AbsPool, AbsRun, AbsTranche

_balance = balance


def run_problems(run: AbsRun, previous_carry: int) -> list[str]:
    problems = []
    came_in = run.carry_in + run.interest_collected + run.recoveries + run.reserve_draw
    went_out = (
        run.fees
        + run.senior_interest
        + run.mezzanine_interest
        + run.deficiency_cured
        + run.reserve_topup
        + run.subordinated_interest
    )
    if came_in != went_out:
        problems.append(f"pool {run.pool_id} month {run.period}: {came_in} came in, {went_out} allocated")
    if run.carry_out != run.senior_interest - run.senior_interest_paid or run.carry_out < 0:
        problems.append(
            f"pool {run.pool_id} month {run.period}: residue {run.carry_out} is not what the holders were not paid"
        )
    if run.carry_in != previous_carry:
        problems.append(
            f"pool {run.pool_id} month {run.period}: carried in {run.carry_in}, the month before left {previous_carry}"
        )
    spent = run.purchases + sum(int(v) for v in run.principal_paid.values()) + run.unspent
    if spent != run.principal_available:
        problems.append(
            f"pool {run.pool_id} month {run.period}: principal {run.principal_available} available, {spent} accounted"
        )
    return problems


@register
def abs_pools(session: Session) -> list[str]:
    problems: list[str] = sales.ownership_problems(session, limit=MAX_EXAMPLES)
    for pool in session.execute(select(AbsPool).where(AbsPool.closed_on.is_not(None)).order_by(AbsPool.id)).scalars():
        tranches = list(
            session.execute(
                select(AbsTranche).where(AbsTranche.pool_id == pool.id).order_by(AbsTranche.seniority)
            ).scalars()
        )
        owned = sales.owned(session, pool_id=pool.id, recognised_through=pool.last_run_date)
        receivable = -_balance(session, Purpose.ABS_POOL_LOANS, pool.id)
        if receivable != owned.outstanding:
            problems.append(f"pool {pool.id}: receivables {receivable}, loans owned outstanding {owned.outstanding}")
        for tr in tranches:
            ledger = _balance(session, Purpose.ABS_TRANCHE, tr.id)
            if ledger != tr.balance:
                problems.append(f"pool {pool.id} {tr.name}: ledger {ledger}, tranche balance {tr.balance}")
            if tr.product_id is None:
                retained = -_balance(session, Purpose.LENDER_ABS_RETAINED, tr.id)
                if retained != tr.balance:
                    problems.append(
                        f"pool {pool.id} {tr.name}: the lender holds {retained}, the tranche is {tr.balance}"
                    )
            else:
                units = investing.units_outstanding(session, product_id=tr.product_id)
                if units != tr.balance:
                    problems.append(
                        f"pool {pool.id} {tr.name}: holders hold {units} units, the tranche is {tr.balance}"
                    )
        pending = sales.collections(
            session, pool_id=pool.id, after_id=pool.watermark, through_id=None, recognised_through=pool.last_run_date
        )
        assets = owned.performing + principal_cash(session, pool, tranches) - pending.recovered_principal
        total = sum(tr.balance for tr in tranches)
        if total - pool.deficiency != assets:
            problems.append(
                f"pool {pool.id}: tranches {total} less the deficiency {pool.deficiency} differ from its assets {assets}"
            )
        runs = list(session.execute(select(AbsRun).where(AbsRun.pool_id == pool.id).order_by(AbsRun.period)).scalars())
        carry = 0
        for run in runs:
            problems += run_problems(run, carry)
            carry = run.carry_out
        interest = _balance(session, Purpose.ABS_POOL_INTEREST, pool.id)
        expected = carry + pending.interest + pending.recovered_other - pending.recoveries
        if interest != expected:
            problems.append(
                f"pool {pool.id}: interest account {interest}, collected since the last month and left {expected}"
            )
        recoveries = _balance(session, Purpose.ABS_POOL_RECOVERIES, pool.id)
        if recoveries != pending.recoveries:
            problems.append(
                f"pool {pool.id}: recoveries account {recoveries}, recovered since the last month {pending.recoveries}"
            )
        reserve = _balance(session, Purpose.ABS_POOL_RESERVE, pool.id)
        if reserve != (runs[-1].reserve if runs else 0):
            problems.append(
                f"pool {pool.id}: reserve {reserve}, the last report says {runs[-1].reserve if runs else 0}"
            )
        if len(problems) >= MAX_EXAMPLES:
            break
    return problems
