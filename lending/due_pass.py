"""The set-based due-date pass of the daily collection: the common case of a collection day,
a current loan whose instalment falls due that day and whose borrower's wallet holds enough
to pay it in full, done for thousands of loans in a handful of statements instead of ~10
statements of Python per loan.

A loan qualifies for ``day`` when, after its row is locked (``FOR UPDATE``, in id order, the
conditions checked again on the locked row, so a concurrent or earlier run that did the day
is skipped):

- it is the lender's (a sold loan's collections are its pool's), ``CURRENT``, and collected
  up to the day before (``last_collected_on = day - 1``);
- nothing is overdue (no open instalment due before ``day``), so no penalty accrues and no
  days past due count; exactly its instalment due on ``day`` is owed;
- no other loan of the borrower still waits for this day's collection (their order in one
  wallet is the per-loan path's to keep);
- the wallet holds the whole instalment both now and at the end of ``day`` (the same dates of
  record as ``service._cash_at_end_of``: later postings are not the day's money, collections
  of the day or before booked late count as of their day).

For these, the per-loan path's outcome is known without Python per loan: the instalment is
paid from the wallet (interest, then principal; no penalty), the loan stays ``CURRENT`` or,
its last instalment paid, is ``PAID_OFF``. The pass books exactly that: one ledger entry for
all of them through ``ledger.bulk.post_rows`` (each borrower's cash out, each loan's
receivable shard credited with its principal, the lender's interest income with the total
interest), the wallet history lines, the repayments, the collection days, the instalments and
the loans, each in one statement. Every other loan (a partial payment, the money fund, sales,
penalties, default, write-off, a pool's loan, a late run of several days) goes through
``service.collect_day`` as before. The borrowers' cash accounts are locked in id order, as
every movement locks them, before anything is read of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Date, String, bindparam, text
from sqlalchemy.orm import Session

from db.session import is_sqlite
from db.types import UTCDateTime
from ledger import bulk
from ledger.accounts import system_account
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, TransactionStatus

STAGE = "loan_collect_rows"
BATCH = 2000  # loans per transaction of the pass
OPEN = "('CURRENT', 'OVERDUE', 'DEFAULTED', 'WRITTEN_OFF')"


@dataclass(frozen=True, slots=True)
class Pass:
    loans: int  # loans whose day was done here
    collected: int  # fen
    entry_id: int | None


def _end_of(day: date, zone: str) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), ZoneInfo(zone))


def _ids(session: Session, column: str) -> str:
    if is_sqlite(session):
        return f"{column} IN (SELECT CAST(value AS INTEGER) FROM json_each(:ids))"
    return f"{column} = ANY(CAST(:ids AS BIGINT[]))"


def _ids_param(session: Session, ids: list[int]) -> Any:
    return json.dumps(ids) if is_sqlite(session) else ids


def _qualifies() -> str:
    """Conditions on ``loans l`` (and its instalments) for the set-based pass of ``:day``."""
    return f"""
    l.owner = 'LENDER' AND l.status = 'CURRENT' AND l.last_collected_on = :prev
    AND EXISTS (SELECT 1 FROM loan_instalments d WHERE d.loan_id = l.id AND d.status = 'DUE'
                AND d.due_date = :day)
    AND NOT EXISTS (SELECT 1 FROM loan_instalments o WHERE o.loan_id = l.id AND o.status = 'DUE'
                    AND o.due_date < :day)
    AND NOT EXISTS (SELECT 1 FROM loans m WHERE m.borrower_id = l.borrower_id AND m.id <> l.id
                    AND m.status IN {OPEN} AND m.last_collected_on < :day)"""


def candidates(session: Session, *, day: date, after: int, limit: int) -> list[int]:
    """Loans after id ``after`` that may qualify for ``day``, in id order (unlocked;
    ``collect_in_full`` checks them again)."""
    rows = session.execute(
        text(f"SELECT l.id FROM loans l WHERE l.id > :after AND {_qualifies()} ORDER BY l.id LIMIT :limit").bindparams(
            bindparam("day", type_=Date), bindparam("prev", type_=Date), bindparam("after", type_=BigInteger)
        ),
        {"day": day, "prev": day - timedelta(days=1), "after": after, "limit": limit},
    )
    return [int(r[0]) for r in rows]


def _stage(session: Session) -> None:
    sqlite = is_sqlite(session)
    session.execute(text(f"DROP TABLE IF EXISTS {'temp' if sqlite else 'pg_temp'}.{STAGE}"))
    session.execute(
        text(
            f"CREATE TEMPORARY TABLE {STAGE} (loan_id BIGINT, borrower_id BIGINT, instalment_id BIGINT, "
            f"cash_account BIGINT, receivable BIGINT, principal BIGINT, interest BIGINT)"
            + ("" if sqlite else " ON COMMIT DROP")
        )
    )


_TYPES: dict[str, Any] = {"day": Date, "entry": BigInteger, "now": UTCDateTime(), "kind": String, "status": String}


def _run(session: Session, statement: str, values: dict[str, Any]) -> None:
    """``statement`` with the ``values`` it names, typed (dates and times as the columns store them)."""
    names = [name for name in values if f":{name}" in statement]
    binds = [bindparam(name, type_=_TYPES[name]) for name in names if name in _TYPES]
    session.execute(text(statement).bindparams(*binds), {name: values[name] for name in names})


def _drop(session: Session) -> None:
    session.execute(text(f"DROP TABLE IF EXISTS {'temp' if is_sqlite(session) else 'pg_temp'}.{STAGE}"))


def collect_in_full(session: Session, *, day: date, now: datetime, zone: str, loan_ids: list[int]) -> Pass:
    """Collect ``day`` set-based for those of ``loan_ids`` that qualify (see the module);
    the rest are left untouched for the per-loan path."""
    if not loan_ids:
        return Pass(0, 0, None)
    sqlite = is_sqlite(session)
    lock = "" if sqlite else " FOR UPDATE"
    dates = (bindparam("day", type_=Date), bindparam("prev", type_=Date))
    params: dict[str, Any] = {"day": day, "prev": day - timedelta(days=1)}
    # 1. the loans, in id order, the conditions checked on the locked rows
    locked = [
        int(r[0])
        for r in session.execute(
            text(
                f"SELECT l.id FROM loans l WHERE {_ids(session, 'l.id')} AND l.owner = 'LENDER' "
                f"AND l.status = 'CURRENT' AND l.last_collected_on = :prev ORDER BY l.id{lock}"
            ).bindparams(dates[1]),
            {"prev": params["prev"], "ids": _ids_param(session, loan_ids)},
        )
    ]
    if not locked:
        return Pass(0, 0, None)
    ids = _ids_param(session, locked)
    # 2. their borrowers' wallets, in id order (as every movement locks them)
    session.execute(
        text(
            f"SELECT a.id FROM ledger_accounts a WHERE a.user_id IN (SELECT l.borrower_id FROM loans l "
            f"WHERE {_ids(session, 'l.id')}) AND a.purpose = :cash AND a.asset = :cny ORDER BY a.id{lock}"
        ),
        {"ids": ids, "cash": str(Purpose.CASH), "cny": CNY},
    ).all()
    # 3. what each qualifying loan pays: its instalment due today, in full from the wallet
    _stage(session)
    owed = "(i.principal - i.paid_principal) + (i.interest - i.paid_interest)"
    session.execute(
        text(f"""
INSERT INTO {STAGE} (loan_id, borrower_id, instalment_id, cash_account, receivable, principal, interest)
SELECT l.id, l.borrower_id, i.id, a.id, r.id, i.principal - i.paid_principal, i.interest - i.paid_interest
FROM loans l
JOIN loan_instalments i ON i.loan_id = l.id AND i.status = 'DUE' AND i.due_date = :day
JOIN ledger_accounts a ON a.user_id = l.borrower_id AND a.purpose = :cash AND a.asset = :cny
JOIN ledger_accounts r ON r.user_id IS NULL AND r.purpose = :receivable AND r.asset = :cny AND r.shard = l.id
WHERE {_ids(session, "l.id")} AND {_qualifies()}
  AND i.penalty = i.paid_penalty AND {owed} > 0 AND {owed} <= a.balance
  AND {owed} <= a.balance
      - COALESCE((SELECT SUM(p.amount) FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                  WHERE p.account_id = a.id AND e.created_at >= :end), 0)
      - COALESCE((SELECT SUM(rp.amount) FROM loan_repayments rp JOIN loans lb ON lb.id = rp.loan_id
                  WHERE lb.borrower_id = l.borrower_id AND rp.day <= :day AND rp.source IN ('WALLET', 'SALES')
                  AND rp.created_at >= :end), 0)
""").bindparams(*dates, bindparam("end", type_=UTCDateTime())),
        {
            **params,
            "ids": ids,
            "cash": str(Purpose.CASH),
            "cny": CNY,
            "receivable": str(Purpose.LOANS_RECEIVABLE),
            "end": _end_of(day, zone),
        },
    )
    count, interest, total = session.execute(
        text(f"SELECT COUNT(*), COALESCE(SUM(interest), 0), COALESCE(SUM(principal + interest), 0) FROM {STAGE}")
    ).one()
    if not int(count) or not int(interest):  # nothing, or no interest to balance on: the per-loan path
        _drop(session)
        return Pass(0, 0, None)
    # 4. one ledger entry: each wallet out, each receivable in, the lender's interest in
    income = system_account(session, Purpose.INTEREST_INCOME, CNY, now=now)
    booked = bulk.post_rows(
        session,
        kind=EntryKind.LOAN_REPAYMENT,
        at=now,
        ctes=f"staged AS (SELECT * FROM {STAGE})",
        rows=(
            "SELECT cash_account AS account_id, borrower_id AS user_id, -(principal + interest) AS amount FROM staged "
            "UNION ALL SELECT receivable, CAST(NULL AS BIGINT), principal FROM staged"
        ),
        binds=(),
        params={},
        counter_account_id=income.id,
    )
    entry = booked.entry_id
    values = {
        "day": day,
        "entry": entry,
        "now": now,
        "kind": str(TransactionKind.LOAN_REPAYMENT),
        "status": str(TransactionStatus.COMPLETED),
        "cny": CNY,
    }
    for statement in (
        # 5. the wallet history, the repayments and the collection days
        f"INSERT INTO wallet_transactions (user_id, kind, status, asset, amount, entry_id, created_at, updated_at) "
        f"SELECT borrower_id, :kind, :status, :cny, principal + interest, :entry, :now, :now FROM {STAGE} "
        f"ORDER BY loan_id",
        f"INSERT INTO loan_repayments (loan_id, user_id, source, day, amount, principal, interest, penalty, "
        f"recovery, pool_id, entry_id, created_at) SELECT loan_id, borrower_id, 'WALLET', :day, "
        f"principal + interest, principal, interest, 0, 0, NULL, :entry, :now FROM {STAGE} ORDER BY loan_id",
        f"INSERT INTO loan_collection_days (loan_id, day, collected, created_at) "
        f"SELECT loan_id, :day, principal + interest, :now FROM {STAGE}",
        # 6. the instalments paid, the loans moved on (paid off with their last instalment)
        f"UPDATE loan_instalments SET paid_principal = principal, paid_interest = interest, status = 'PAID', "
        f"paid_on = :day WHERE id IN (SELECT instalment_id FROM {STAGE})",
        f"UPDATE loans SET principal_outstanding = principal_outstanding - "
        f"(SELECT s.principal FROM {STAGE} s WHERE s.loan_id = loans.id), last_collected_on = :day, "
        f"updated_at = :now WHERE id IN (SELECT loan_id FROM {STAGE})",
        f"UPDATE loans SET status = 'PAID_OFF', closed_on = :day WHERE id IN (SELECT loan_id FROM {STAGE}) "
        f"AND principal_outstanding = 0 AND NOT EXISTS (SELECT 1 FROM loan_instalments i "
        f"WHERE i.loan_id = loans.id AND i.status <> 'PAID')",
    ):
        _run(session, statement, values)
    _drop(session)
    return Pass(int(count), int(total), entry)
