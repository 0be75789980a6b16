"""Loans as a buyer sees them: selling loans to an ABS pool by true sale, and what the loans a
pool owns did (collections, defaults, delinquency). Securitisation calls these; lending never
knows what a pool does with them.

A loan has exactly one owner: the lender (``owner = LENDER``) or one pool (``owner = POOL``
with ``pool_id``). ``sell_to_pool`` moves a set of loans in one statement and one ledger entry
(each loan's shard of LOANS_RECEIVABLE credited with its principal outstanding, the pool's
ABS_POOL_LOANS debited with their total, through ``ledger.bulk.post_system_rows``); from then
on the loans' collections are booked to the pool's accounts (``service._book_payment``).
Set-based throughout: a purchase of 10,000 loans is a handful of statements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, text
from sqlalchemy.orm import Session

from core.errors import CommonErrorCode, DomainError, t
from db.session import is_sqlite
from ledger.accounts import system_account
from ledger.bulk import post_system_rows
from ledger.kinds import CNY, EntryKind, Purpose
from lending.errors import LendingErrorCode
from lending.schedule import add_months


@dataclass(frozen=True, slots=True)
class Criteria:
    """What a buyer accepts: grades up to ``min_grade`` (A best), no days past due, a
    remaining term within the bounds (months), and at most ``borrower_cap`` fen of one
    borrower in the pool."""

    min_grade: str
    min_remaining_months: int
    max_remaining_months: int
    borrower_cap: int


@dataclass(frozen=True, slots=True)
class Sale:
    loans: int
    amount: int  # fen, at par (principal outstanding)
    entry_id: int | None


def _ids_source(session: Session) -> str:
    """A subquery of the bound id list ``:ids`` (an array on PostgreSQL, JSON on SQLite)."""
    if is_sqlite(session):
        return "SELECT CAST(value AS INTEGER) AS id FROM json_each(:ids)"
    return "SELECT unnest(CAST(:ids AS BIGINT[])) AS id"


def _ids_param(session: Session, ids: list[int]) -> Any:
    return json.dumps(ids) if is_sqlite(session) else ids


def _eligible_where() -> str:
    return (
        "l.owner = 'LENDER' AND l.status = 'CURRENT' AND l.principal_outstanding > 0 "
        "AND NOT EXISTS (SELECT 1 FROM loan_instalments i WHERE i.loan_id = l.id AND i.status = 'DUE' "
        "AND i.due_date < :day)"
    )


def for_sale_statement(
    session: Session, *, day: date, criteria: Criteria, pool_id: int, budget: int, limit: int | None = None
) -> tuple[Any, dict[str, Any]]:
    """The statement and parameters of ``loans_for_sale`` (``bench/abs.py`` EXPLAINs it).

    Written so that its plan cannot go bad whatever the statistics say (a plan that joined
    the candidates to the pool's holdings per borrower, estimated at one row, ran over five
    minutes on a 50,000-loan book once everything was ANALYZEd): there is no join after the
    candidates are found. The pool's current holdings and the candidates go into one list
    (``UNION ALL``), and the exposure per borrower is a running sum over that list, holdings
    first, then candidates by id: each step is a scan, a sort or a window, linear in the rows
    whatever the planner estimates. The only join is the candidates' ``NOT EXISTS`` against
    the loan's open instalments, which ``ix_loan_instalments_loan_open`` (loan_id, due_date
    WHERE status = 'DUE') answers with one index probe per loan, or a hash of the open ones."""
    earliest = add_months(day, criteria.min_remaining_months)
    latest = add_months(day, criteria.max_remaining_months)
    statement = text(f"""
WITH candidates AS MATERIALIZED (
    SELECT l.id, l.borrower_id, l.principal_outstanding AS amount FROM loans l
    WHERE {_eligible_where()} AND l.grade <= :grade AND l.maturity_date >= :earliest AND l.maturity_date <= :latest
), exposures AS (
    SELECT id, amount, candidate,
        SUM(amount) OVER (PARTITION BY borrower_id ORDER BY candidate, id) AS exposure
    FROM (
        SELECT id, borrower_id, principal_outstanding AS amount, 0 AS candidate FROM loans
        WHERE owner = 'POOL' AND pool_id = :pool AND status NOT IN ('WRITTEN_OFF', 'PAID_OFF')
        UNION ALL
        SELECT id, borrower_id, amount, 1 AS candidate FROM candidates
    ) AS book
), fitting AS (
    SELECT id, amount, SUM(amount) OVER (ORDER BY id) AS running FROM exposures
    WHERE candidate = 1 AND exposure <= :cap
)
SELECT id, amount FROM fitting WHERE running <= :budget ORDER BY id {"" if limit is None else "LIMIT :limit"}
""").bindparams(
        bindparam("pool", type_=BigInteger), bindparam("cap", type_=BigInteger), bindparam("budget", type_=BigInteger)
    )
    params: dict[str, Any] = dict(
        day=day,
        grade=criteria.min_grade,
        earliest=earliest,
        latest=latest,
        pool=pool_id,
        cap=criteria.borrower_cap,
        budget=budget,
    )
    if limit is not None:
        params["limit"] = limit
    return statement, params


def loans_for_sale(
    session: Session, *, day: date, criteria: Criteria, pool_id: int, budget: int, limit: int | None = None
) -> list[tuple[int, int]]:
    """(loan id, principal outstanding) of the lender's loans meeting ``criteria`` on ``day``,
    oldest first, as many as fit in ``budget`` fen (a running sum) and within the cap per
    borrower (counting what the pool already holds of that borrower). One query."""
    statement, params = for_sale_statement(
        session, day=day, criteria=criteria, pool_id=pool_id, budget=budget, limit=limit
    )
    return [(int(r.id), int(r.amount)) for r in session.execute(statement, params)]


def count_eligible(session: Session, *, day: date, criteria: Criteria) -> int:
    """How many of the lender's loans meet ``criteria`` on ``day`` (before caps and budget)."""
    return int(
        session.execute(
            text(
                f"SELECT COUNT(*) FROM loans l WHERE {_eligible_where()} AND l.grade <= :grade "
                "AND l.maturity_date >= :earliest AND l.maturity_date <= :latest"
            ),
            dict(
                day=day,
                grade=criteria.min_grade,
                earliest=add_months(day, criteria.min_remaining_months),
                latest=add_months(day, criteria.max_remaining_months),
            ),
        ).scalar_one()
    )


def _not_for_sale(session: Session, ids: list[int], day: date) -> DomainError | None:
    """The first reason one of ``ids`` cannot be sold on ``day``, or None."""
    source = _ids_source(session)
    rows = session.execute(
        text(
            f"SELECT x.id, l.id AS found, l.owner, l.status, "
            f"EXISTS (SELECT 1 FROM loan_instalments i WHERE i.loan_id = l.id AND i.status = 'DUE' "
            f"AND i.due_date < :day) AS due "
            f"FROM ({source}) AS x LEFT JOIN loans l ON l.id = x.id ORDER BY x.id"
        ),
        {"ids": _ids_param(session, ids), "day": day},
    ).all()
    if len({r.id for r in rows}) != len(rows):
        return DomainError(
            LendingErrorCode.LOAN_ALREADY_SOLD, t("A loan appears twice in the sale.", "同一笔贷款在出售中出现两次。")
        )
    for r in rows:
        if r.found is None:
            return DomainError(CommonErrorCode.NOT_FOUND, t(f"No loan {r.id}.", f"找不到贷款 {r.id}。"), "loanIds")
        if r.owner != "LENDER":
            return DomainError(
                LendingErrorCode.LOAN_ALREADY_SOLD,
                t(f"Loan {r.id} has already been sold to a pool.", f"贷款 {r.id} 已出售给资产池。"),
                "loanIds",
            )
        if r.status != "CURRENT" or r.due:
            return DomainError(
                LendingErrorCode.LOAN_NOT_ELIGIBLE,
                t(
                    f"Loan {r.id} is past due or not current ({r.status}); only current loans are sold.",
                    f"贷款 {r.id} 已逾期或状态异常（{r.status}），只能出售正常贷款。",
                ),
                "loanIds",
            )
    return None


def sell_to_pool(session: Session, *, pool_id: int, loan_ids: list[int], day: date, now: datetime) -> Sale:
    """True sale of ``loan_ids`` to pool ``pool_id`` at par on ``day``: the loans change owner
    and their receivables move to the pool in one entry. A loan already sold, past due, not
    current or named twice refuses the whole sale (nothing booked)."""
    if not loan_ids:
        return Sale(0, 0, None)
    ids = sorted(loan_ids)
    param = _ids_param(session, ids)
    source = _ids_source(session)
    if not is_sqlite(session):  # lock the loans (in id order) against collections and other buyers
        session.execute(
            text(f"SELECT id FROM loans WHERE id IN ({source}) ORDER BY id FOR UPDATE"), {"ids": param}
        ).all()
    problem = _not_for_sale(session, ids, day)
    if problem is not None:
        raise problem
    pool_loans = system_account(session, Purpose.ABS_POOL_LOANS, CNY, now=now, shard=pool_id)
    for loan_id in ids[:1]:  # make sure the receivable accounts exist (they do since drawdown)
        system_account(session, Purpose.LOANS_RECEIVABLE, CNY, now=now, shard=loan_id)
    booked = post_system_rows(
        session,
        kind=EntryKind.ABS_POOL_SALE,
        at=now,
        rows=(
            f"SELECT a.id AS account_id, l.principal_outstanding AS amount FROM loans l "
            f"JOIN ledger_accounts a ON a.user_id IS NULL AND a.purpose = 'LOANS_RECEIVABLE' "
            f"AND a.asset = 'CNY' AND a.shard = l.id WHERE l.id IN ({source})"
        ),
        params={"ids": param},
        counter_account_id=pool_loans.id,
    )
    updated = session.execute(
        text(
            f"UPDATE loans SET owner = 'POOL', pool_id = :pool, updated_at = :now "
            f"WHERE id IN ({source}) AND owner = 'LENDER'"
        ).bindparams(bindparam("pool", type_=BigInteger)),
        {"ids": param, "pool": pool_id, "now": now},
    ).rowcount
    if updated != len(ids) or booked.count != len(ids):
        raise DomainError(
            LendingErrorCode.LOAN_ALREADY_SOLD, t("Some loans were sold meanwhile.", "部分贷款已被同时出售。")
        )
    return Sale(len(ids), booked.total, booked.entry_id)


# --- what a pool's loans did ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Collections:
    """Money collected for a pool's loans in a window of repayments (ids after ``after_id``
    up to ``through_id``): from loans still performing when the window opened (interest and
    penalties; principal) and from loans the pool had already recognised as defaulted
    (``recovered``: principal repaid later, plus recoveries after write-off)."""

    interest: int
    principal: int
    recovered_principal: int
    recovered_other: int  # interest, penalties and recoveries on recognised loans
    recoveries: int  # of which: after write-off (on ABS_POOL_RECOVERIES)
    through_id: int

    @property
    def total(self) -> int:
        return self.interest + self.principal + self.recovered_principal + self.recovered_other


def collections(
    session: Session, *, pool_id: int, after_id: int, through_id: int | None, recognised_through: date | None
) -> Collections:
    """Sum the pool's repayments with ``after_id < id <= through_id`` (None: every one so far;
    ``through_id`` of the result is the last one counted). Loans with ``defaulted_on`` up to
    ``recognised_through`` count as recovered."""
    bound = "" if through_id is None else "AND r.id <= :through"
    recognised = "FALSE" if recognised_through is None else "(l.defaulted_on IS NOT NULL AND l.defaulted_on <= :seen)"
    row = session.execute(
        text(f"""
SELECT
  COALESCE(SUM(CASE WHEN {recognised} OR r.recovery > 0 THEN 0 ELSE r.interest + r.penalty END), 0) AS interest,
  COALESCE(SUM(CASE WHEN {recognised} OR r.recovery > 0 THEN 0 ELSE r.principal END), 0) AS principal,
  COALESCE(SUM(CASE WHEN r.recovery = 0 AND {recognised} THEN r.principal ELSE 0 END), 0) AS rec_principal,
  COALESCE(SUM(CASE WHEN r.recovery > 0 THEN r.recovery
                    WHEN {recognised} THEN r.interest + r.penalty ELSE 0 END), 0) AS rec_other,
  COALESCE(SUM(r.recovery), 0) AS recoveries,
  COALESCE(MAX(r.id), :after) AS last_id
FROM loan_repayments r JOIN loans l ON l.id = r.loan_id
WHERE r.pool_id = :pool AND r.id > :after {bound}
""").bindparams(bindparam("pool", type_=BigInteger), bindparam("after", type_=BigInteger)),
        {"pool": pool_id, "after": after_id, "through": through_id, "seen": recognised_through},
    ).one()
    return Collections(
        int(row.interest),
        int(row.principal),
        int(row.rec_principal),
        int(row.rec_other),
        int(row.recoveries),
        int(row.last_id),
    )


def last_repayment_id(session: Session, *, pool_id: int) -> int:
    return int(
        session.execute(
            text("SELECT COALESCE(MAX(id), 0) FROM loan_repayments WHERE pool_id = :pool").bindparams(
                bindparam("pool", type_=BigInteger)
            ),
            {"pool": pool_id},
        ).scalar_one()
    )


def collections_by_loan(
    session: Session, *, pool_id: int, after_id: int, through_id: int, limit: int, offset: int = 0
) -> list[tuple[int, int, int, int]]:
    """(loan id, interest and penalties, principal, recoveries) per loan in the window."""
    rows = session.execute(
        text(
            "SELECT loan_id, SUM(interest + penalty) AS interest, SUM(principal) AS principal, "
            "SUM(recovery) AS recovery FROM loan_repayments WHERE pool_id = :pool AND id > :after AND id <= :through "
            "GROUP BY loan_id ORDER BY loan_id LIMIT :limit OFFSET :offset"
        ).bindparams(bindparam("pool", type_=BigInteger)),
        {"pool": pool_id, "after": after_id, "through": through_id, "limit": limit, "offset": offset},
    )
    return [(int(r.loan_id), int(r.interest), int(r.principal), int(r.recovery)) for r in rows]


@dataclass(frozen=True, slots=True)
class Owned:
    loans: int
    outstanding: int  # principal of every owned loan not written off (the receivable)
    performing: int  # of which: not defaulted by ``recognised_through``
    performing_loans: int


def owned(session: Session, *, pool_id: int, recognised_through: date | None) -> Owned:
    recognised = "FALSE" if recognised_through is None else "(defaulted_on IS NOT NULL AND defaulted_on <= :seen)"
    row = session.execute(
        text(
            f"SELECT COUNT(*) AS n, COALESCE(SUM(principal_outstanding), 0) AS outstanding, "
            f"COALESCE(SUM(CASE WHEN {recognised} THEN 0 ELSE principal_outstanding END), 0) AS performing, "
            f"COALESCE(SUM(CASE WHEN {recognised} OR principal_outstanding = 0 THEN 0 ELSE 1 END), 0) AS live "
            f"FROM loans WHERE owner = 'POOL' AND pool_id = :pool AND status <> 'WRITTEN_OFF'"
        ).bindparams(bindparam("pool", type_=BigInteger)),
        {"pool": pool_id, "seen": recognised_through},
    ).one()
    return Owned(int(row.n), int(row.outstanding), int(row.performing), int(row.live))


def defaults(session: Session, *, pool_id: int, after: date | None, through: date) -> tuple[int, int]:
    """(loans, principal outstanding now) of the pool's loans that went into default (90 days
    past due) in ``(after, through]``."""
    lower = "" if after is None else "AND defaulted_on > :after"
    row = session.execute(
        text(
            f"SELECT COUNT(*) AS n, COALESCE(SUM(principal_outstanding), 0) AS amount FROM loans "
            f"WHERE owner = 'POOL' AND pool_id = :pool AND defaulted_on IS NOT NULL AND defaulted_on <= :through {lower}"
        ).bindparams(bindparam("pool", type_=BigInteger)),
        {"pool": pool_id, "after": after, "through": through},
    ).one()
    return int(row.n), int(row.amount)


def uncollected_before(session: Session, *, pool_id: int, day: date) -> int:
    """How many of the pool's open loans the collection job has not reached ``day`` for."""
    return int(
        session.execute(
            text(
                "SELECT COUNT(*) FROM loans WHERE owner = 'POOL' AND pool_id = :pool "
                "AND status IN ('CURRENT', 'OVERDUE', 'DEFAULTED', 'WRITTEN_OFF') AND last_collected_on < :day"
            ).bindparams(bindparam("pool", type_=BigInteger)),
            {"pool": pool_id, "day": day},
        ).scalar_one()
    )


BUCKETS = ("CURRENT", "1-30", "31-60", "61-90", "90+")


def delinquency(session: Session, *, pool_id: int, day: date) -> list[tuple[str, int, int]]:
    """(bucket, loans, principal outstanding) of the pool's open loans on ``day``, by days past
    due of their oldest unpaid instalment (defaulted and written-off loans: 90+)."""
    rows = session.execute(
        text("""
WITH oldest AS (
    SELECT i.loan_id, MIN(i.due_date) AS due FROM loan_instalments i JOIN loans l ON l.id = i.loan_id
    WHERE l.owner = 'POOL' AND l.pool_id = :pool AND i.status = 'DUE' AND i.due_date < :day GROUP BY i.loan_id
)
SELECT l.status, l.principal_outstanding, o.due FROM loans l LEFT JOIN oldest o ON o.loan_id = l.id
WHERE l.owner = 'POOL' AND l.pool_id = :pool AND l.status IN ('CURRENT', 'OVERDUE', 'DEFAULTED')
""").bindparams(bindparam("pool", type_=BigInteger)),
        {"pool": pool_id, "day": day},
    ).all()
    counts = {b: [0, 0] for b in BUCKETS}
    for status, amount, due in rows:  # the pool's open loans (bucketing in Python: a report, not a job)
        dpd = 0 if due is None else (day - (due if isinstance(due, date) else date.fromisoformat(str(due)))).days
        bucket = (
            "90+"
            if status == "DEFAULTED" or dpd > 90
            else "CURRENT"
            if dpd == 0
            else "1-30"
            if dpd <= 30
            else "31-60"
            if dpd <= 60
            else "61-90"
        )
        counts[bucket][0] += 1
        counts[bucket][1] += int(amount)
    return [(b, v[0], v[1]) for b, v in counts.items()]


@dataclass(frozen=True, slots=True)
class Resolved:
    """The pool's loans that have run their course, for the default model's inputs."""

    loans: int
    paid_off: int
    defaulted: int
    defaulted_principal: int
    recovered: int  # repaid after default, and recoveries
    prepaid: int  # loans repaid early at least once
    first_start: date | None


def resolved(session: Session, *, pool_id: int, as_of: date) -> Resolved:
    """The pool's loans resolved by the end of ``as_of`` (a date of record: a month's figures
    count the same loans however late they are read): paid off (``closed_on``) or in default
    (``defaulted_on``) on or before it, with what was recovered after default up to it."""
    params = {"pool": pool_id, "day": as_of}
    pool = bindparam("pool", type_=BigInteger)
    row = session.execute(
        text(
            "SELECT COUNT(*) AS n, "
            "COALESCE(SUM(CASE WHEN defaulted_on IS NULL OR defaulted_on > :day THEN 1 ELSE 0 END), 0) AS paid, "
            "COALESCE(SUM(CASE WHEN defaulted_on <= :day THEN 1 ELSE 0 END), 0) AS bad, "
            "COALESCE(SUM(CASE WHEN early_repayments > 0 THEN 1 ELSE 0 END), 0) AS prepaid, "
            "MIN(start_date) AS first FROM loans WHERE owner = 'POOL' AND pool_id = :pool "
            "AND ((status = 'PAID_OFF' AND closed_on <= :day) OR defaulted_on <= :day)"
        ).bindparams(pool),
        params,
    ).one()
    money = session.execute(
        text(
            "SELECT COALESCE(SUM(CASE WHEN r.day > l.defaulted_on AND r.day <= :day THEN r.amount ELSE 0 END), 0) "
            "AS recovered, COALESCE(SUM(CASE WHEN r.day <= l.defaulted_on THEN r.principal ELSE 0 END), 0) AS before "
            "FROM loans l LEFT JOIN loan_repayments r ON r.loan_id = l.id "
            "WHERE l.owner = 'POOL' AND l.pool_id = :pool AND l.defaulted_on <= :day"
        ).bindparams(pool),
        params,
    ).one()
    principal = int(
        session.execute(
            text(
                "SELECT COALESCE(SUM(principal), 0) FROM loans WHERE owner = 'POOL' AND pool_id = :pool "
                "AND defaulted_on <= :day"
            ).bindparams(pool),
            params,
        ).scalar_one()
    )
    first = row.first
    if first is not None and not isinstance(first, date):
        first = date.fromisoformat(str(first))
    return Resolved(
        int(row.n),
        int(row.paid),
        int(row.bad),
        principal - int(money.before),
        int(money.recovered),
        int(row.prepaid),
        first,
    )


def ownership_problems(session: Session, *, limit: int) -> list[str]:
    """Each loan has exactly one owner: LENDER without a pool, or POOL with one, and a sold
    loan's lender receivable is empty (it moved to the pool)."""
    problems = [
        f"loan {r.id}: owner {r.owner} with pool {r.pool_id}"
        for r in session.execute(
            text(
                "SELECT id, owner, pool_id FROM loans WHERE NOT ((owner = 'LENDER' AND pool_id IS NULL) "
                "OR (owner = 'POOL' AND pool_id IS NOT NULL)) LIMIT :limit"
            ),
            {"limit": limit},
        )
    ]
    problems += [
        f"loan {r.id} belongs to pool {r.pool_id} but the lender's receivable still holds {-r.balance}"
        for r in session.execute(
            text(
                "SELECT l.id, l.pool_id, SUM(p.amount) AS balance FROM loans l "
                "JOIN ledger_accounts a ON a.user_id IS NULL AND a.purpose = 'LOANS_RECEIVABLE' AND a.asset = 'CNY' "
                "AND a.shard = l.id JOIN postings p ON p.account_id = a.id WHERE l.owner = 'POOL' "
                "GROUP BY l.id, l.pool_id HAVING SUM(p.amount) <> 0 LIMIT :limit"
            ),
            {"limit": limit},
        )
    ]
    return problems


def count_loans_paid(session: Session, *, pool_id: int, after_id: int, through_id: int) -> int:
    """How many loans have repayments in the window."""
    return int(
        session.execute(
            text(
                "SELECT COUNT(DISTINCT loan_id) FROM loan_repayments WHERE pool_id = :pool AND id > :after AND id <= :through"
            ).bindparams(bindparam("pool", type_=BigInteger)),
            {"pool": pool_id, "after": after_id, "through": through_id},
        ).scalar_one()
    )
