"""The pool's choice of loans to buy (``lending.sales.loans_for_sale``) on a small book of
several borrowers, some with loans the pool already holds: the query written to plan well
whatever the statistics say chooses exactly what the query it replaced chose (kept here
verbatim) and what the rules say (a plain Python reading of them): eligibility (owner, status,
principal, no open instalment past due, grade, remaining term), the cap per borrower counting
the pool's current holdings, the budget as a running sum, oldest first."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import BigInteger, bindparam, text

from lending import sales
from lending.schedule import add_months

DAY = date(2026, 9, 10)
BORROWERS = 7
GRADES = "ABCDE"

# The candidate query as it was before (issue 19's first version): the reference.
BEFORE = """
WITH candidates AS (
    SELECT l.id, l.borrower_id, l.principal_outstanding AS amount FROM loans l
    WHERE l.owner = 'LENDER' AND l.status = 'CURRENT' AND l.principal_outstanding > 0
    AND NOT EXISTS (SELECT 1 FROM loan_instalments i WHERE i.loan_id = l.id AND i.status = 'DUE'
    AND i.due_date < :day)
    AND l.grade <= :grade AND l.maturity_date >= :earliest AND l.maturity_date <= :latest
), held AS (
    SELECT borrower_id, SUM(principal_outstanding) AS held FROM loans
    WHERE owner = 'POOL' AND pool_id = :pool AND status NOT IN ('WRITTEN_OFF', 'PAID_OFF')
    GROUP BY borrower_id
), capped AS (
    SELECT c.id, c.amount,
        COALESCE(h.held, 0) + SUM(c.amount) OVER (PARTITION BY c.borrower_id ORDER BY c.id) AS exposure
    FROM candidates c LEFT JOIN held h ON h.borrower_id = c.borrower_id
), fitting AS (
    SELECT id, amount, SUM(amount) OVER (ORDER BY id) AS running FROM capped WHERE exposure <= :cap
)
SELECT id, amount FROM fitting WHERE running <= :budget ORDER BY id
"""


def _book(db) -> list[dict]:
    """60 loans of 7 borrowers: the lender's and two pools', of every status and grade, some
    with an instalment past due, some paid, some falling due later."""
    rng = random.Random(19)
    loans, instalments = [], []
    for n in range(1, 61):
        borrower = 1 + rng.randrange(BORROWERS)
        owner, pool = rng.choice([("LENDER", None)] * 5 + [("POOL", 1)] * 2 + [("POOL", 2)])
        status = rng.choice(["CURRENT"] * 12 + ["OVERDUE", "DEFAULTED", "PAID_OFF", "WRITTEN_OFF"])
        outstanding = rng.choice([0] + [rng.randrange(1, 5000) * 100 for _ in range(9)])
        maturity = add_months(DAY, rng.randrange(-1, 15)) + timedelta(days=rng.randrange(-3, 4))
        loans.append(
            dict(
                id=n,
                borrower=borrower,
                owner=owner,
                pool=pool,
                status=status,
                grade=rng.choice(GRADES),
                outstanding=outstanding,
                maturity=maturity,
            )
        )
        for seq in (1, 2):
            due = DAY + timedelta(days=rng.randrange(-40, 40))
            late = due < DAY and rng.random() < 0.1  # a few instalments left unpaid past their date
            instalments.append(dict(loan=n, seq=seq, due=due, status="DUE" if due >= DAY or late else "PAID"))
    with db.write() as session:
        for b in range(1, BORROWERS + 1):
            session.execute(
                text(
                    "INSERT INTO users (id, email, password_hash, display_name, locale, roles, created_at, updated_at) "
                    "VALUES (:id, :email, 'x', 'B', 'zh-CN', 'CUSTOMER', :now, :now)"
                ),
                dict(id=b, email=f"b{b}@example.com", now=DAY),
            )
        for x in loans:
            session.execute(
                text(
                    "INSERT INTO loan_applications (id, user_id, amount, term_months, repayment, status, reasons, "
                    "created_at) VALUES (:id, :b, 100000, 12, 'EQUAL_PAYMENTS', 'APPROVED', '[]', :now)"
                ),
                dict(id=x["id"], b=x["borrower"], now=DAY),
            )
            session.execute(
                text(
                    "INSERT INTO loans (id, borrower_id, application_id, owner, pool_id, grade, model_version, "
                    "principal, annual_rate, penalty_rate, apr, term_months, repayment, start_date, maturity_date, "
                    "status, principal_outstanding, provision, written_off, recovered, max_days_past_due, "
                    "early_repayments, last_collected_on, created_at, updated_at) VALUES (:id, :b, :id, :owner, "
                    ":pool, :grade, 'test', 500000, 120000, 180000, 120000, 12, 'EQUAL_PAYMENTS', :start, "
                    ":maturity, :status, :outstanding, 0, 0, 0, 0, 0, :start, :now, :now)"
                ).bindparams(bindparam("pool", type_=BigInteger)),
                dict(
                    id=x["id"],
                    b=x["borrower"],
                    owner=x["owner"],
                    pool=x["pool"],
                    grade=x["grade"],
                    start=DAY - timedelta(days=90),
                    maturity=x["maturity"],
                    status=x["status"],
                    outstanding=x["outstanding"],
                    now=DAY,
                ),
            )
        for i in instalments:
            session.execute(
                text(
                    "INSERT INTO loan_instalments (loan_id, seq, due_date, principal, interest, penalty, "
                    "paid_principal, paid_interest, paid_penalty, status) "
                    "VALUES (:loan, :seq, :due, 100, 10, 0, 0, 0, 0, :status)"
                ),
                i,
            )
    for x in loans:
        x["overdue"] = {i["due"] for i in instalments if i["loan"] == x["id"] and i["status"] == "DUE"}
    return loans


def _by_the_rules(loans, *, day, criteria, pool_id, budget) -> list[tuple[int, int]]:
    earliest = add_months(day, criteria.min_remaining_months)
    latest = add_months(day, criteria.max_remaining_months)
    exposure = dict.fromkeys(range(1, BORROWERS + 1), 0)
    for x in loans:
        if x["owner"] == "POOL" and x["pool"] == pool_id and x["status"] not in ("WRITTEN_OFF", "PAID_OFF"):
            exposure[x["borrower"]] += x["outstanding"]
    chosen, running = [], 0
    for x in sorted(loans, key=lambda x: x["id"]):
        if not (
            x["owner"] == "LENDER"
            and x["status"] == "CURRENT"
            and x["outstanding"] > 0
            and not any(due < day for due in x["overdue"])
            and x["grade"] <= criteria.min_grade
            and earliest <= x["maturity"] <= latest
        ):
            continue
        exposure[x["borrower"]] += x["outstanding"]  # counted even when over the cap, as before
        if exposure[x["borrower"]] > criteria.borrower_cap:
            continue
        running += x["outstanding"]
        if running <= budget:
            chosen.append((x["id"], x["outstanding"]))
    return chosen


@pytest.fixture
def loans(db):
    return _book(db)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    shift=st.integers(-20, 20),
    grade=st.sampled_from(GRADES),
    months=st.tuples(st.integers(0, 6), st.integers(0, 14)),
    cap=st.sampled_from([0, 1000_00, 3000_00, 6000_00, 10_000_00, 10**12]),
    budget=st.sampled_from([0, 2500_00, 10_000_00, 30_000_00, 10**12]),
    pool_id=st.sampled_from([1, 2, 3]),
)
def test_the_choice_is_the_one_before_and_the_rules(db, loans, shift, grade, months, cap, budget, pool_id):
    day = DAY + timedelta(days=shift)
    criteria = sales.Criteria(grade, months[0], max(months), cap)
    kwargs = dict(day=day, criteria=criteria, pool_id=pool_id, budget=budget)
    with db.read() as session:
        chosen = sales.loans_for_sale(session, **kwargs)
        before = [
            (int(r.id), int(r.amount))
            for r in session.execute(
                text(BEFORE).bindparams(
                    bindparam("pool", type_=BigInteger),
                    bindparam("cap", type_=BigInteger),
                    bindparam("budget", type_=BigInteger),
                ),
                dict(
                    day=day,
                    grade=grade,
                    earliest=add_months(day, criteria.min_remaining_months),
                    latest=add_months(day, criteria.max_remaining_months),
                    pool=pool_id,
                    cap=cap,
                    budget=budget,
                ),
            )
        ]
        limited = sales.loans_for_sale(session, **kwargs, limit=2)
    assert chosen == before == _by_the_rules(loans, **kwargs)
    assert limited == chosen[:2]


def test_the_book_exercises_the_cap_and_the_holdings(db, loans):
    """The book is not trivial: with a cap of ¥6,000 some of a borrower's loans are chosen and
    a later one is refused for the cap, and the pool's holdings change the choice."""
    criteria = sales.Criteria("E", 0, 14, 6000_00)
    with db.read() as session:
        capped = sales.loans_for_sale(session, day=DAY, criteria=criteria, pool_id=3, budget=10**12)
        uncapped = sales.loans_for_sale(
            session, day=DAY, criteria=sales.Criteria("E", 0, 14, 10**12), pool_id=3, budget=10**12
        )
        held = sales.loans_for_sale(session, day=DAY, criteria=criteria, pool_id=1, budget=10**12)
    assert capped and len(capped) < len(uncapped)
    assert held != capped
