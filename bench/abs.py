"""Benchmark of the ABS pool's monthly run on PostgreSQL (issue 19): a pool of ``--loans`` small
loans (default 100,000 of ¥1,000, 12 monthly instalments) over ``--months`` monthly runs
(default 24), with ``--new`` new lender loans a month (default 10,000) for the revolving
purchases. Prints the time of each monthly run (``run_pools``: the collection job's check, the
waterfall, the holders' payments, the revolving purchase) and of each purchase on its own, and
checks the reconciliation exactly: ``robo ledger verify`` clean at the end (and every 6 months),
the holders' coupons equal to the waterfall's senior interest to the fen.

The loan book is bulk-inserted and the borrowers' instalments are paid set-based in SQL each
month (a stand-in for the collection job, which ``bench/credit.py`` measures); the pool itself
goes through the real services. ``--write`` adds the figures to docs/benchmarks.md.

    .venv/bin/python bench/abs.py                         # the full run (several minutes)
    .venv/bin/python bench/abs.py --loans 5000 --new 500 --months 6   # a quick one
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
ZONE = ZoneInfo("Asia/Shanghai")
START = date(2026, 6, 1)  # a Monday the seeded calendar knows (the senior units are sold then)
SECTION = "## ABS pools (`bench/abs.py`, issue 19)"
LOAN = 1000_00  # fen
RATE = Decimal("0.12")


def scratch(admin) -> str:
    name = f"robo_bench_abs_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return name


def book_loans(c, count: int, start: date, owner_first_id: int | None = None) -> None:
    """``count`` borrowers with ¥1,000 12-month equal-payment loans drawn on ``start`` (rows,
    receivable accounts, the drawdown entry), each borrower with cash for every instalment."""
    from lending.schedule import build

    plan = build(principal=LOAN, annual_rate=RATE, term_months=12, repayment="EQUAL_PAYMENTS", start=start)
    first = c.execute(text("SELECT COALESCE(MAX(id), 0) FROM users")).scalar_one() + 1
    c.execute(
        text(
            "INSERT INTO users (id, email, password_hash, display_name, locale, roles, created_at, updated_at) "
            "SELECT g, 'b' || g || '@bench.example', 'x', 'B' || g, 'zh-CN', 'CUSTOMER', now(), now() "
            "FROM generate_series(CAST(:a AS BIGINT), CAST(:b AS BIGINT)) AS g"
        ),
        {"a": first, "b": first + count - 1},
    )
    c.execute(text("SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users))"))
    c.execute(
        text(
            "INSERT INTO loan_applications (id, user_id, amount, term_months, repayment, status, reasons, created_at) "
            "SELECT g, g, :p, 12, 'EQUAL_PAYMENTS', 'APPROVED', '[]', now() FROM generate_series(CAST(:a AS BIGINT), CAST(:b AS BIGINT)) AS g"
        ),
        {"a": first, "b": first + count - 1, "p": LOAN},
    )
    c.execute(
        text(
            "INSERT INTO loans (id, borrower_id, application_id, owner, grade, model_version, principal, annual_rate, "
            "penalty_rate, apr, term_months, repayment, start_date, maturity_date, status, principal_outstanding, "
            "provision, written_off, recovered, max_days_past_due, early_repayments, last_collected_on, created_at, updated_at) "
            "SELECT g, g, g, 'LENDER', 'B', 'bench', :p, 120000, 180000, 120000, 12, 'EQUAL_PAYMENTS', :start, :maturity, "
            "'CURRENT', :p, 0, 0, 0, 0, 0, :start, now(), now() FROM generate_series(CAST(:a AS BIGINT), CAST(:b AS BIGINT)) AS g"
        ),
        {"a": first, "b": first + count - 1, "p": LOAN, "start": start, "maturity": plan[-1].due_date},
    )
    for i in plan:
        c.execute(
            text(
                "INSERT INTO loan_instalments (loan_id, seq, due_date, principal, interest, penalty, paid_principal, "
                "paid_interest, paid_penalty, status) SELECT g, :seq, :due, :p, :i, 0, 0, 0, 0, 'DUE' "
                "FROM generate_series(CAST(:a AS BIGINT), CAST(:b AS BIGINT)) AS g"
            ),
            {"a": first, "b": first + count - 1, "seq": i.seq, "due": i.due_date, "p": i.principal, "i": i.interest},
        )
    total = sum(i.principal + i.interest for i in plan)
    c.execute(
        text(
            "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
            "SELECT g, 'CASH', 'CNY', 0, :t, now() FROM generate_series(CAST(:a AS BIGINT), CAST(:b AS BIGINT)) AS g"
        ),
        {"a": first, "b": first + count - 1, "t": total},
    )
    c.execute(
        text(
            "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
            "SELECT NULL, 'LOANS_RECEIVABLE', 'CNY', g, NULL, now() FROM generate_series(CAST(:a AS BIGINT), CAST(:b AS BIGINT)) AS g"
        ),
        {"a": first, "b": first + count - 1},
    )
    entry = c.execute(
        text("INSERT INTO journal_entries (kind, created_at) VALUES ('LOAN_DRAWDOWN', now()) RETURNING id")
    ).scalar_one()
    # the drawdown (principal) and the takings that will pay the interest, both into the wallet
    c.execute(
        text(
            "INSERT INTO postings (entry_id, account_id, amount) "
            "SELECT :e, a.id, :t FROM ledger_accounts a WHERE a.purpose = 'CASH' AND a.user_id BETWEEN :a AND :b "
            "UNION ALL SELECT :e, a.id, -:p FROM ledger_accounts a WHERE a.purpose = 'LOANS_RECEIVABLE' "
            "AND a.user_id IS NULL AND a.shard BETWEEN :a AND :b "
            "UNION ALL SELECT :e, (SELECT id FROM ledger_accounts WHERE purpose = 'BANK_CLEARING' AND user_id IS NULL "
            "AND shard = 0), -(:t - :p) * (:b - :a + 1)"
        ),
        {"e": entry, "a": first, "b": first + count - 1, "t": total, "p": LOAN},
    )


def pay_instalments(c, after: date, through: date) -> None:
    """Every instalment due in ``(after, through]`` paid from the borrower's wallet, set-based,
    booked as the collection job books it (to the lender or to the owning pool)."""
    c.execute(text("DROP TABLE IF EXISTS due"))
    c.execute(
        text(
            "CREATE TEMP TABLE due AS SELECT i.id AS iid, i.loan_id, l.borrower_id, l.owner, l.pool_id, "
            "i.principal - i.paid_principal AS p, i.interest - i.paid_interest AS n, i.due_date FROM loan_instalments i "
            "JOIN loans l ON l.id = i.loan_id WHERE i.status = 'DUE' AND i.due_date > :a AND i.due_date <= :b "
            "AND l.status = 'CURRENT'"
        ),
        {"a": after, "b": through},
    )
    if not c.execute(text("SELECT COUNT(*) FROM due")).scalar_one():
        c.execute(text("UPDATE loans SET last_collected_on = :b WHERE last_collected_on < :b"), {"b": through})
        return
    c.execute(
        text(
            "UPDATE loan_instalments SET paid_principal = principal, paid_interest = interest, status = 'PAID', "
            "paid_on = d.due_date FROM due d WHERE loan_instalments.id = d.iid"
        )
    )
    c.execute(
        text(
            "UPDATE loans SET principal_outstanding = loans.principal_outstanding - s.p, "
            "status = CASE WHEN loans.principal_outstanding = s.p THEN 'PAID_OFF' ELSE loans.status END, "
            "closed_on = CASE WHEN loans.principal_outstanding = s.p THEN :b ELSE NULL END "
            "FROM (SELECT loan_id, SUM(p) AS p FROM due GROUP BY loan_id) s WHERE loans.id = s.loan_id"
        ),
        {"b": through},
    )
    c.execute(text("UPDATE loans SET last_collected_on = :b WHERE last_collected_on < :b"), {"b": through})
    entry = c.execute(
        text("INSERT INTO journal_entries (kind, created_at) VALUES ('LOAN_REPAYMENT', now()) RETURNING id")
    ).scalar_one()
    c.execute(
        text(
            "INSERT INTO loan_repayments (loan_id, user_id, source, day, amount, principal, interest, penalty, recovery, "
            "pool_id, entry_id, created_at) SELECT loan_id, borrower_id, 'WALLET', due_date, p + n, p, n, 0, 0, "
            "CASE WHEN owner = 'POOL' THEN pool_id END, :e, now() FROM due ORDER BY loan_id"
        ),
        {"e": entry},
    )
    for purpose in ("ABS_POOL_LOANS", "ABS_POOL_INTEREST", "INTEREST_INCOME"):
        c.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "SELECT DISTINCT NULL::bigint, :purpose, 'CNY', CASE WHEN :purpose = 'INTEREST_INCOME' THEN 0 ELSE pool_id END, "
                "NULL::bigint, now() FROM due WHERE (:purpose = 'INTEREST_INCOME') = (owner = 'LENDER') "
                "ON CONFLICT DO NOTHING"
            ),
            {"purpose": purpose},
        )
    c.execute(
        text(
            "INSERT INTO postings (entry_id, account_id, amount) "
            "SELECT :e, a.id, -(d.p + d.n) FROM due d JOIN ledger_accounts a ON a.user_id = d.borrower_id AND a.purpose = 'CASH' "
            "UNION ALL SELECT :e, a.id, d.p FROM due d JOIN ledger_accounts a ON a.user_id IS NULL "
            "AND a.purpose = 'LOANS_RECEIVABLE' AND a.shard = d.loan_id WHERE d.owner = 'LENDER' "
            "UNION ALL SELECT :e, a.id, s.n FROM (SELECT SUM(n) AS n FROM due WHERE owner = 'LENDER' HAVING SUM(n) > 0) s "
            "JOIN ledger_accounts a ON a.user_id IS NULL AND a.purpose = 'INTEREST_INCOME' AND a.shard = 0 "
            "UNION ALL SELECT :e, a.id, s.p FROM (SELECT pool_id, SUM(p) AS p FROM due WHERE owner = 'POOL' GROUP BY pool_id) s "
            "JOIN ledger_accounts a ON a.user_id IS NULL AND a.purpose = 'ABS_POOL_LOANS' AND a.shard = s.pool_id "
            "UNION ALL SELECT :e, a.id, s.n FROM (SELECT pool_id, SUM(n) AS n FROM due WHERE owner = 'POOL' GROUP BY pool_id) s "
            "JOIN ledger_accounts a ON a.user_id IS NULL AND a.purpose = 'ABS_POOL_INTEREST' AND a.shard = s.pool_id"
        ),
        {"e": entry},
    )
    c.execute(
        text(
            "UPDATE ledger_accounts a SET balance = a.balance - s.t FROM (SELECT borrower_id, SUM(p + n) AS t FROM due "
            "GROUP BY borrower_id) s WHERE a.user_id = s.borrower_id AND a.purpose = 'CASH'"
        )
    )


def holders(session, clock, settings, count: int) -> list[int]:
    from demo.questionnaire import DEMO_ANSWERS, answer_inputs
    from lending.simulation import verified_person
    from questionnaire import service as questionnaire_service
    from questionnaire.registry import registry

    ids = []
    questionnaire = registry().offered
    for n in range(count):
        user_id = verified_person(
            session, clock, settings, email=f"holder{n}@bench.example", n=800_000 + n, tag="Holder"
        )
        questionnaire_service.submit_assessment(
            session=session,
            clock=clock,
            user_id=user_id,
            questionnaire_id=questionnaire.id,
            answers=answer_inputs(questionnaire, DEMO_ANSWERS["erin@example.com"]),
        )
        ids.append(user_id)
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loans", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=10_000, help="new lender loans a month (revolving purchases)")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--holders", type=int, default=10)
    parser.add_argument("--write", action="store_true", help="add the figures to docs/benchmarks.md")
    parser.add_argument(
        "--explain",
        action="count",
        default=0,
        help="EXPLAIN ANALYZE the candidate query each purchase (twice: the plan)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database (its name is printed)")
    args = parser.parse_args()

    import migrations
    from core.clock import ManualClock
    from core.settings import Settings
    from db.session import Database
    from investing import service as investing
    from investing.kinds import DailyJob
    from investing.models import LoanPayment
    from ledger.verify import verify
    from lending import schedule
    from lending import service as lending
    from products import lifecycle
    from products import service as products
    from products.audit import Actor
    from products.kinds import LiquidityKind, ProductKind, ProductStatus
    from securitisation import purchases
    from securitisation import service as abs_service
    from securitisation.models import AbsRun
    from users import service as users_service
    from users.roles import Role
    from wallet import cash

    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = scratch(admin)
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    lines: list[str] = []
    try:
        migrations.upgrade(url)
        db = Database(url)
        settings = Settings(env="test", database_url=url, lender_abs_multiple=Decimal(100))
        clock = ManualClock(datetime.combine(START, datetime.min.time(), ZONE).replace(hour=9))
        began = time.perf_counter()
        with db.write() as session:
            lending.fund(
                session=session,
                clock=clock,
                settings=settings,
                kind="CAPITAL",
                amount=Decimal(args.loans * 2000),
                actor="bench",
            )
            pm = [
                users_service.create_user(
                    session=session,
                    email=f"pm{i}@bench.example",
                    password="bench-password-1",
                    roles={Role.PRODUCT_MANAGER},
                    clock=clock,
                    settings=settings,
                    locale="en",
                )
                for i in (1, 2)
            ]
        with db.engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                    "VALUES (NULL, 'BANK_CLEARING', 'CNY', 0, NULL, now()) ON CONFLICT DO NOTHING"
                )
            )
            book_loans(c, args.loans, START - timedelta(days=1))
            c.execute(text("ANALYZE"))
        pool_size = args.loans * LOAN
        senior = (pool_size * 9 // 10) // (args.holders * 100) * (args.holders * 100)
        each = Decimal(senior // args.holders).scaleb(-2)
        with db.write() as session:
            asker, approver = Actor.user(pm[0].id, pm[0].email), Actor.user(pm[1].id, pm[1].email)
            product = products.create_product(
                session=session,
                clock=clock,
                settings=settings,
                actor=asker,
                kind=ProductKind.ABS_UNIT,
                common=dict(
                    code="BENCH-POOL-SEN",
                    name_zh="基准资产池优先级",
                    name_en="Bench pool senior",
                    issuer="Bench",
                    risk_level="R3",
                    minimum_amount=Decimal("1000000"),
                    subscription_fee_rate=Decimal(0),
                    management_fee_rate=Decimal(0),
                    redemption_fees=[],
                    liquidity=LiquidityKind.LOCKED,
                    settlement_days=None,
                    lock_days=None,
                    is_demo=True,
                    maturity_date=schedule.add_months(START, 36),
                ),
                loan=dict(
                    rate=Decimal("0.045"),
                    term_months=36,
                    revolving_months=12,
                    default_probability=Decimal("0.02"),
                    loss_given_default=Decimal("0.8"),
                    credit_enhancement=Decimal("0.1"),
                    loan_count=args.loans,
                ),
            )
            lifecycle.change_status(
                session=session, clock=clock, actor=asker, product_id=product.id, status=ProductStatus.ON_SALE
            )
            lifecycle.approve_status_change(session=session, clock=clock, actor=approver, product_id=product.id)
            pool = abs_service.create_pool(
                session=session,
                clock=clock,
                terms=abs_service.PoolTerms(
                    name="Bench pool",
                    size=Decimal(pool_size).scaleb(-2),
                    senior=Decimal(senior).scaleb(-2),
                    subordinated=Decimal(pool_size - senior).scaleb(-2),
                    senior_product_id=product.id,
                    closing_date=START + timedelta(days=3),
                    payment_day=START.day + 2,
                    revolving_months=12,
                    max_borrower_share=Decimal("0.01"),
                    trigger_unspent_share=Decimal("0.5"),
                ),
                actor="bench",
            )
            pool_id, product_id = pool.id, product.id
            holder_ids = holders(session, clock, settings, args.holders)
            for n, user_id in enumerate(holder_ids):
                left = each
                k = 0
                while left > 0:
                    part = min(left, Decimal("1000000"))
                    cash.deposit(
                        session=session,
                        clock=clock,
                        settings=settings,
                        user_id=user_id,
                        amount=part,
                        idempotency_key=f"h{n}-{k}",
                    )
                    left -= part
                    k += 1
                investing.subscribe(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user_id,
                    product_id=product_id,
                    amount=each,
                    idempotency=f"sub-{n}",
                )
        confirm = START + timedelta(days=1)
        clock.set(datetime.combine(confirm, datetime.min.time(), ZONE).replace(hour=9))
        investing.run_daily_job(database=db, clock=clock, job=DailyJob.CONFIRM_ORDERS, day=confirm)
        setup = time.perf_counter() - began

        timings: list[tuple[float, int]] = []
        original = purchases.buy

        def timed(*a, **k):
            t0 = time.perf_counter()
            sale = original(*a, **k)
            if sale.loans:
                timings.append((time.perf_counter() - t0, sale.loans))
            return sale

        purchases.buy = timed  # type: ignore[assignment]
        analyse_times: list[float] = []
        if args.explain:
            from lending import sales

            choose = sales.loans_for_sale

            def explained(session, **k):
                statement, params = sales.for_sale_statement(session, **k)
                plan = [r[0] for r in session.execute(text("EXPLAIN (ANALYZE) " + statement.text), params)]
                print("  candidate query: " + " / ".join(x.strip() for x in plan[-2:]), flush=True)
                if args.explain > 1:
                    print("\n".join("    " + x for x in plan), flush=True)
                return choose(session, **k)

            sales.loans_for_sale = explained  # type: ignore[assignment]
        closing = START + timedelta(days=3)
        clock.set(datetime.combine(closing, datetime.min.time(), ZONE).replace(hour=22))
        t0 = time.perf_counter()
        abs_service.run_pools(database=db, clock=clock, settings=settings, day=closing)
        close_time = time.perf_counter() - t0
        months: list[tuple[int, float, int, str]] = []
        verifies: list[tuple[int, float]] = []
        previous = closing
        problems_seen: list[str] = []
        for month in range(1, args.months + 1):
            with db.read() as session:
                due = abs_service.payment_date(abs_service.get_pool(session, pool_id), month)
            with db.engine.begin() as c:  # the month's new loans and the borrowers' instalments
                if args.new:
                    book_loans(c, args.new, due - timedelta(days=2))
                pay_instalments(c, previous, due)
            with db.engine.begin() as c:
                # the whole database analysed every month, as autovacuum would after a bulk change
                # (loan_instalments, the loans and the ledger's tables included): the monthly run's
                # queries must plan well whatever the statistics say
                t0 = time.perf_counter()
                c.execute(text("ANALYZE"))
                analyse_times.append(time.perf_counter() - t0)
            # the month runs once its payment date's collection is done: 00:30 the next day
            clock.set(datetime.combine(due + timedelta(days=1), datetime.min.time(), ZONE).replace(minute=30))
            t0 = time.perf_counter()
            abs_service.run_pools(database=db, clock=clock, settings=settings, day=due)
            took = time.perf_counter() - t0
            with db.read() as session:
                run = session.execute(
                    select(AbsRun).where(AbsRun.pool_id == pool_id, AbsRun.period == month)
                ).scalar_one()
                months.append((month, took, run.purchases_count, run.status_after))
                print(
                    f"month {month:2d} {due}: {took:6.2f} s, {run.purchases_count:,} loans bought, status {run.status_after}",
                    flush=True,
                )
            if month % 6 == 0 or month == args.months:
                t0 = time.perf_counter()
                with db.read() as session:
                    found = verify(session)
                problems_seen += found
                verifies.append((month, time.perf_counter() - t0))
                print(
                    f"  ledger verify after month {month}: {verifies[-1][1]:.1f} s, {len(found)} problem(s)", flush=True
                )
            previous = due
        with db.read() as session:
            coupons = int(
                session.execute(
                    select(func.coalesce(func.sum(LoanPayment.interest), 0)).where(LoanPayment.product_id == product_id)
                ).scalar_one()
            )
            senior_paid = int(
                session.execute(
                    select(func.coalesce(func.sum(AbsRun.senior_interest_paid + AbsRun.guarantor_interest), 0)).where(
                        AbsRun.pool_id == pool_id
                    )
                ).scalar_one()
            )
            owned = int(session.execute(text("SELECT COUNT(*) FROM loans WHERE owner = 'POOL'")).scalar_one())
        runs = [t for _, t, _, _ in months]
        purchases_10k = [(t, n) for t, n in timings if n >= 1000]
        exact = coupons == senior_paid and not problems_seen
        lines.append(SECTION)
        lines.append("")
        lines.append(
            f"PostgreSQL, {args.loans:,} loans of ¥1,000 at closing, {args.new:,} new lender loans a month, "
            f"{args.months} monthly runs, {args.holders} senior holders (`{' '.join(sys.argv[1:]) or 'defaults'}`); "
            f"set-up (bulk-inserted book, holders, subscriptions) {setup:.0f} s."
        )
        lines.append("")
        lines.append(
            f"- closing (true sale of {timings[0][1]:,} loans and the tranches issued): **{close_time:.1f} s**"
            if timings
            else f"- closing: {close_time:.1f} s"
        )
        lines.append(
            f"- monthly run (`run_pools`: collections check, waterfall, holders' payments, revolving purchase): "
            f"median **{sorted(runs)[len(runs) // 2]:.1f} s**, max {max(runs):.1f} s (target: under 30 s)"
        )
        if purchases_10k:
            per = sorted(t / n * 10_000 for t, n in purchases_10k)
            lines.append(
                f"- revolving purchase: {len(purchases_10k)} purchases of {min(n for _, n in purchases_10k):,}-"
                f"{max(n for _, n in purchases_10k):,} loans, median **{per[len(per) // 2]:.2f} s per 10,000 loans** "
                f"(selection with window functions and no join after the candidates, one ownership UPDATE, one ledger entry)"
            )
        if analyse_times:
            lines.append(
                f"- a full database `ANALYZE` before every monthly run (as autovacuum would, every table "
                f"included): median {sorted(analyse_times)[len(analyse_times) // 2]:.1f} s, not counted in the run"
            )
        lines.append(
            "- `ledger verify` (the whole ledger, the pool's invariants included): "
            + ", ".join(f"{s:.0f} s after month {m}" for m, s in verifies)
        )
        lines.append(
            f"- reconciliation: holders' coupons {coupons:,} fen = senior interest paid {senior_paid:,} fen; "
            f"`ledger verify` {'clean' if not problems_seen else problems_seen[:3]} every 6 months; "
            f"{owned:,} loans owned by the pool at the end. {'Exact.' if exact else 'NOT EXACT.'}"
        )
        lines.append("")
        lines.append(
            f"Each monthly run (seconds; loans bought by the revolving purchase; the pool's status after the run; "
            f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):"
        )
        lines.append("")
        lines.append("| month | seconds | loans bought | status after |")
        lines.append("| ---: | ---: | ---: | --- |")
        lines += [f"| {m} | {t:.1f} | {n:,} | {st} |" for m, t, n, st in months]
        lines.append("")
        print("\n".join(lines))
        if args.write:
            path = ROOT / "docs" / "benchmarks.md"
            content = path.read_text(encoding="utf-8")
            if SECTION in content:
                head, _, rest = content.partition(SECTION)
                tail = rest.split("\n## ", 1)
                # a marker line just before the next section (``<!-- issue 20 -->``) belongs to that section
                marker = [x for x in tail[0].rstrip("\n").splitlines()[-1:] if x.startswith("<!--")]
                content = head + "\n".join(lines + marker) + ("\n## " + tail[1] if len(tail) > 1 else "")
            else:
                content = content.rstrip("\n") + "\n\n" + "\n".join(lines)
            path.write_text(content, encoding="utf-8")
        db.dispose()
        return 0 if exact else 1
    finally:
        if args.keep:
            print(f"kept the database {name}")
        else:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    raise SystemExit(main())
