"""The monthly servicer report of a pool, for investors and staff: pool balance, collections,
defaults, delinquency buckets, purchases, tranche balances, the reserve and the triggers; every
number is the month's run row (which ``checks`` reconciles to the ledger), and a CSV of the same.
The loans that paid a month are listed from lending's repayments in the month's window, so a
holder's coupon can be traced to the loans it came from."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lending import sales
from securitisation.models import AbsPool, AbsRun


@dataclass(frozen=True, slots=True)
class LoanCollection:
    loan_id: int
    interest: int
    principal: int
    recovery: int


def loans_that_paid(
    session: Session, *, pool_id: int, window: tuple[int, int], limit: int, offset: int = 0
) -> list[LoanCollection]:
    """The loans whose repayments a month allocated (``window``: the run's repayment ids,
    ``watermark_from`` to ``watermark_to``): interest and penalties, principal, recoveries."""
    return [
        LoanCollection(*row)
        for row in sales.collections_by_loan(
            session, pool_id=pool_id, after_id=window[0], through_id=window[1], limit=limit, offset=offset
        )
    ]


def count_loans_that_paid(session: Session, *, pool_id: int, window: tuple[int, int]) -> int:
    return sales.count_loans_paid(session, pool_id=pool_id, after_id=window[0], through_id=window[1])


def rows(pool: AbsPool, run: AbsRun) -> list[tuple[str, str]]:
    """The report as (item, value) rows, amounts in fen."""
    out = [
        ("pool", str(pool.id)),
        ("name", pool.name),
        ("month", run.date.strftime("%Y-%m")),
        ("period", str(run.period)),
        ("payment_date", run.date.isoformat()),
        ("pool_balance", str(run.pool_balance)),
        ("pool_loans", str(run.pool_loans)),
        ("collections_interest", str(run.interest_collected)),
        ("collections_principal", str(run.principal_collected)),
        ("collections_recoveries", str(run.recoveries)),
        ("defaults_loans", str(run.defaults_count)),
        ("defaults_principal", str(run.defaults)),
        ("purchases_loans", str(run.purchases_count)),
        ("purchases_principal", str(run.purchases)),
        ("fees", str(run.fees)),
        ("senior_interest_allocated", str(run.senior_interest)),
        ("senior_interest_paid", str(run.senior_interest_paid)),
        ("mezzanine_interest", str(run.mezzanine_interest)),
        ("deficiency_cured", str(run.deficiency_cured)),
        ("reserve_topup", str(run.reserve_topup)),
        ("subordinated_interest", str(run.subordinated_interest)),
        ("guarantor_paid", str(run.guarantor_paid)),
        ("reserve", str(run.reserve)),
        ("unspent_principal", str(run.unspent)),
        ("status", run.status_after),
    ]
    out += [(f"delinquency_{d['bucket']}", f"{d['loans']}/{d['amount']}") for d in run.delinquency]
    out += [(f"tranche_{name}", str(balance)) for name, balance in run.tranche_balances.items()]
    out += [(f"principal_paid_{name}", str(amount)) for name, amount in run.principal_paid.items()]
    out += [(f"written_down_{name}", str(amount)) for name, amount in run.written_down.items()]
    out += [
        (f"trigger_{tr['name']}", f"{tr['value']} (threshold {tr['threshold']}){' BREACHED' if tr['breached'] else ''}")
        for tr in run.triggers
    ]
    return out


def csv_text(pool: AbsPool, run: AbsRun) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("item", "value"))
    writer.writerows(rows(pool, run))
    return buffer.getvalue()
