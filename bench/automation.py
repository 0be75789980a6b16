"""The nightly automation (issue 17) on PostgreSQL: scheduled plans (定投) and automatic
rebalancing for ``--goals`` goals, against bare manual subscriptions
(``investing.orders.subscribe``, one transaction each) measured in the same run.

A scratch database is created (and dropped at the end) and migrated; two money funds (R1: no
risk assessment needed) are created through the product services. One customer is made
through the real services (user, identity, bank card) and the rest are bulk-copied from it
in SQL (the bench's own shortcut, so 100,000 goals seed in a minute): each owner has ¥10,000
in the wallet, a goal half in each fund holding ¥10,000 of confirmed units (one ledger entry
per asset balances them), a monthly plan of ¥100 into the goal, and automatic rebalancing
authorised. ``--due`` is the share of plans whose instalment falls on the run day (the others
run the next day); one goal in 100 of the others holds 60/40 (drift 10%, beyond the 3% band).
Then, in the same run:

1. the baseline: one manual subscription of ¥100 by each of ``min(goals, 2000)`` customers,
   one write transaction each;
2. the night (``notifications.service.run_automation``: distributions due, every due plan's
   instalment with its idempotent order and run row, every authorised goal's drift checked,
   the drifted ones rebalanced, the notifications), ``--workers`` processes splitting it by id
   (``shard=(k, n)``);
3. the same night again (each instalment and rebalance happens once: nothing to do).

With ``--code PATH`` the night runs the code of another checkout (e.g. ``/work/main``) against
the same kind of database, for a before/after comparison (the schema is this checkout's).

It prints the times, goals per second, the ratio to the baseline, and the extrapolation to
100,000 goals (the issue's target: under 60 s), and checks that every due plan ran exactly
once and every drifted goal was rebalanced once.

    .venv/bin/python bench/automation.py                             # 2,000 goals, 2 workers
    .venv/bin/python bench/automation.py --goals 100000 --due 0.05
    .venv/bin/python bench/automation.py --goals 2000 --code /work/main   # the code before
"""

from __future__ import annotations

import argparse
import multiprocessing
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

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

ADMIN_URL = os.environ.get("ROBO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 26)  # a Thursday, a trading day
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=SHANGHAI)  # before the 15:00 cut-off


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--goals", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--due", type=float, default=1.0, help="share of the plans due on the night (0..1)")
    parser.add_argument("--code", default=None, help="run the night with the code of this checkout")
    args = parser.parse_args()
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"robo_bench_auto_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"PostgreSQL not usable at {make_url(ADMIN_URL).render_as_string(hide_password=True)}: {error}")
        return 0
    url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        return run(url, args.goals, args.workers, args.due, args.code)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _settings(url: str):
    from tests.conftest import test_settings

    return test_settings().model_copy(update={"database_url": url})


SEED_TABLES = ("users", "wallet_profiles", "bank_cards", "ledger_accounts", "goals", "investment_plans")


def _fund(session, clock, settings, pms, code: str) -> int:
    from products import history, lifecycle, service
    from products.audit import Actor
    from products.kinds import LiquidityKind, ProductKind, ProductStatus
    from tests.products.conftest import common_terms, income_points

    actor = Actor.user(pms[0].id, pms[0].email)
    product = service.create_product(
        session=session,
        clock=clock,
        settings=settings,
        actor=actor,
        kind=ProductKind.MONEY_FUND,
        common=common_terms(ProductKind.MONEY_FUND, code, liquidity=LiquidityKind.SAME_DAY),
        loan=None,
    )
    rows = [
        history.HistoryRow(i + 1, code, d.isoformat(), str(v))
        for i, (d, v) in enumerate(income_points(10, end=DAY - timedelta(days=1)))
    ]
    history.import_history(session=session, clock=clock, actor=actor, rows=rows)
    lifecycle.change_status(
        session=session, clock=clock, actor=actor, product_id=product.id, status=ProductStatus.ON_SALE
    )
    lifecycle.approve_status_change(
        session=session, clock=clock, actor=Actor.user(pms[1].id, pms[1].email), product_id=product.id
    )
    return product.id


def seed(url: str, goals: int, baseline: int, due: float) -> dict:
    """The funds, one customer through the services, and the bulk copies (module docstring)."""
    import migrations
    from advisor import auto_rebalance
    from core.clock import ManualClock
    from db.session import Database
    from demo.wallet import luhn_complete
    from ledger.accounts import system_account
    from ledger.kinds import CNY, Purpose, fund_asset
    from users import service as users
    from users.roles import Role
    from wallet import identity

    migrations.upgrade(url)
    settings = _settings(url)
    clock = ManualClock(NOW - timedelta(days=1))
    database = Database(url)
    with database.write() as session:
        pms = [
            users.create_user(
                session=session,
                email=f"pm{i}@example.com",
                password="bench-password-2026",
                clock=clock,
                settings=settings,
                roles={Role.PRODUCT_MANAGER},
            )
            for i in (1, 2)
        ]
        funds = [_fund(session, clock, settings, pms, code) for code in ("BENCH-MMF", "BENCH-MMF2")]
    with database.write() as session:
        template = users.create_user(
            session=session,
            email="template@example.com",
            password="bench-password-2026",
            clock=clock,
            settings=settings,
        )
        identity.verify_identity(
            session=session,
            clock=clock,
            settings=settings,
            user_id=template.id,
            real_name="Bench Template",
            id_number=(lambda body: body + identity.id_check_character(body))("11010519800101001"),
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=template.id,
            card_number=luhn_complete("622202020011223344"),
            holder_name="Bench Template",
            bank_name="ICBC",
        )
        now = clock.now()
        counters = {
            "cash": system_account(session, Purpose.BANK_CLEARING, CNY, now=now).id,
            "a_acc": system_account(session, Purpose.FUND_ISSUER, fund_asset(funds[0]), now=now).id,
            "b_acc": system_account(session, Purpose.FUND_ISSUER, fund_asset(funds[1]), now=now).id,
        }
        template_id = template.id
    total = goals + baseline
    due_goals = round(goals * due)
    params = dict(
        t=template_id,
        total=total,
        goals=goals,
        due=due_goals,
        now=now,
        a=fund_asset(funds[0]),
        b=fund_asset(funds[1]),
        fa=funds[0],
        fb=funds[1],
        day=DAY,
        bought=DAY - timedelta(days=7),
        confirmed=DAY - timedelta(days=6),
        terms=auto_rebalance.TERMS_VERSION,
        **counters,
    )
    statements = [
        """INSERT INTO users (email, password_hash, display_name, locale, roles, created_at, updated_at,
             email_verified_at)
           SELECT 'auto' || g || '@example.com', t.password_hash, 'Bench ' || g, t.locale, t.roles, t.created_at,
             t.updated_at, t.email_verified_at
           FROM users t CROSS JOIN generate_series(0, :total - 1) g WHERE t.id = :t ORDER BY g""",
        """CREATE TEMP TABLE seed ON COMMIT DROP AS
           SELECT id AS user_id, substring(email FROM 5 FOR position('@' IN email) - 5)::int AS n FROM users
           WHERE email LIKE 'auto%@example.com'""",
        """INSERT INTO wallet_profiles (user_id, real_name, id_number_masked, id_fingerprint, birth_date,
             identity_verified_at, payment_password_hash, payment_password_set_at, payment_password_failures,
             payment_password_blocked_until)
           SELECT s.user_id, t.real_name, t.id_number_masked, md5('bench' || s.n), t.birth_date,
             t.identity_verified_at, t.payment_password_hash, t.payment_password_set_at, 0, NULL
           FROM seed s CROSS JOIN wallet_profiles t WHERE t.user_id = :t""",
        """INSERT INTO bank_cards (user_id, fingerprint, last4, holder_name, bank_name, bound_at)
           SELECT s.user_id, t.fingerprint, t.last4, t.holder_name, t.bank_name, t.bound_at
           FROM seed s CROSS JOIN bank_cards t WHERE t.user_id = :t""",
        # ¥10,000 in every wallet; the goal owners' units: 50/50, one in 100 of the goals not due 60/40
        """CREATE TEMP TABLE seed_balances ON COMMIT DROP AS
           SELECT s.user_id, s.n, v.purpose, v.asset, v.units FROM seed s CROSS JOIN LATERAL (VALUES
             ('CASH', 'CNY', 1000000::bigint),
             ('FUND_UNITS', CAST(:a AS varchar), CASE WHEN s.n >= :due AND s.n % 100 = 99 THEN 600000 ELSE 500000 END),
             ('FUND_UNITS', CAST(:b AS varchar), CASE WHEN s.n >= :due AND s.n % 100 = 99 THEN 400000 ELSE 500000 END)
           ) AS v(purpose, asset, units) WHERE v.purpose = 'CASH' OR s.n < :goals""",
        """INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at)
           SELECT user_id, purpose, asset, 0, units, :now FROM seed_balances""",
        """INSERT INTO journal_entries (kind, created_at) VALUES ('BENCH_SEED', :now)""",
        """INSERT INTO postings (entry_id, account_id, amount)
           SELECT (SELECT max(id) FROM journal_entries), a.id, b.units FROM seed_balances b
           JOIN ledger_accounts a ON a.user_id = b.user_id AND a.purpose = b.purpose AND a.asset = b.asset
           UNION ALL
           SELECT (SELECT max(id) FROM journal_entries), CASE b.asset WHEN 'CNY' THEN :cash WHEN :a THEN :a_acc
             ELSE :b_acc END, -sum(b.units) FROM seed_balances b GROUP BY b.asset""",
        """INSERT INTO goals (user_id, name, kind, target_amount, target_date, initial_amount, monthly_contribution,
             risk_category, status, expected_annual_return, volatility, created_at, updated_at)
           SELECT user_id, 'Bench', 'GENERAL', 10000000, DATE '2036-01-01', 0, 10000, 'C1', 'ACTIVE',
             :ret, :vol, :now, :now FROM seed WHERE n < :goals ORDER BY n""",
        """INSERT INTO goal_weights (goal_id, product_id, weight)
           SELECT g.id, p.product_id, :half FROM goals g CROSS JOIN (VALUES (:fa), (:fb)) AS p(product_id)
           WHERE g.name = 'Bench'""",
        """INSERT INTO fund_orders (user_id, product_id, side, status, fast, for_payment, amount, fee, units, nav,
             trade_day, confirm_day, placed_at, confirmed_at)
           SELECT b.user_id, CASE b.asset WHEN :a THEN :fa ELSE :fb END, 'SUBSCRIBE', 'CONFIRMED', false, false,
             b.units, 0, b.units, 1, :bought, :confirmed, :now, :now
           FROM seed_balances b WHERE b.purpose = 'FUND_UNITS'""",
        """INSERT INTO goal_orders (order_id, goal_id, created_at)
           SELECT o.id, g.id, :now FROM fund_orders o JOIN goals g ON g.user_id = o.user_id WHERE g.name = 'Bench'""",
        """INSERT INTO investment_plans (user_id, goal_id, amount, frequency, day_of_month, source, status, starts_on,
             misses, next_run_on, created_at, updated_at)
           SELECT s.user_id, g.id, 10000, 'MONTHLY', CASE WHEN s.n < :due THEN 26 ELSE 27 END, 'WALLET', 'ACTIVE',
             :bought, 0, CASE WHEN s.n < :due THEN :day ELSE :day + 1 END, :now, :now
           FROM seed s JOIN goals g ON g.user_id = s.user_id WHERE g.name = 'Bench'""",
        """INSERT INTO rebalance_authorisations (goal_id, user_id, terms_version, authorised_at)
           SELECT id, user_id, :terms, :now FROM goals WHERE name = 'Bench'""",
    ]
    params.update(ret=20_000, vol=1_000, half=500_000)  # Fraction columns hold millionths
    with database.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), {k: v for k, v in params.items() if f":{k}" in statement})
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))
    with database.read() as session:
        owners = session.execute(text("SELECT count(*) FROM goals WHERE name = 'Bench'")).scalar_one()
        customers = list(
            session.execute(
                text(
                    "SELECT u.id FROM users u WHERE u.email LIKE 'auto%@example.com' AND NOT EXISTS "
                    "(SELECT 1 FROM goals g WHERE g.user_id = u.id) ORDER BY u.id"
                )
            ).scalars()
        )
    database.dispose()
    assert owners == goals and len(customers) == baseline, (owners, len(customers))
    drifted = sum(1 for n in range(due_goals, goals) if n % 100 == 99)
    return {"fund": funds[0], "baseline": customers, "due": due_goals, "drifted": drifted}


def _night(url: str, shard: tuple[int, int], code: str | None, times) -> None:
    if code is not None:  # another checkout's code (the bench itself imported nothing of the app)
        sys.path.insert(0, code)
    from core.clock import ManualClock
    from db.session import Database
    from notifications import service as notifications_service

    started = time.time()  # after the imports: the job's own time
    database = Database(url)
    notifications_service.run_automation(
        database=database, clock=ManualClock(NOW), settings=_settings(url), day=DAY, shard=shard
    )
    database.dispose()
    times.put((started, time.time()))


def night(url: str, workers: int, code: str | None = None) -> tuple[float, float]:
    """(the job's time: from the first worker's start after its imports to the last one's end,
    the wall time with the processes' start-up and imports)."""
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    times = context.Queue()
    processes = [context.Process(target=_night, args=(url, (k, workers), code, times)) for k in range(workers)]
    for process in processes:
        process.start()
    spans = [times.get() for _ in processes]
    for process in processes:
        process.join()
        assert process.exitcode == 0
    return max(end for _, end in spans) - min(start for start, _ in spans), time.perf_counter() - started


def run(url: str, goals: int, workers: int, due: float, code: str | None) -> int:
    from core.clock import ManualClock
    from db.session import Database
    from investing import orders

    baseline = min(goals, 2000)
    print(f"seeding {goals:,} goals and {baseline:,} baseline customers ...", flush=True)
    started = time.perf_counter()
    seeded = seed(url, goals, baseline, due)
    print(f"  seeded in {time.perf_counter() - started:.1f} s")
    settings = _settings(url)
    database = Database(url)
    clock = ManualClock(NOW)
    started = time.perf_counter()
    for user_id in seeded["baseline"]:
        with database.write() as session:
            orders.subscribe(
                session=session,
                clock=clock,
                settings=settings,
                user_id=user_id,
                product_id=seeded["fund"],
                amount=Decimal(100),
                payment_password_checked=True,
            )
    bare = time.perf_counter() - started
    first, first_wall = night(url, workers, code)
    again, again_wall = night(url, workers, code)
    with database.read() as session:
        runs = session.execute(text("SELECT count(*), count(DISTINCT plan_id) FROM investment_plan_runs")).one()
        placed = session.execute(
            text(
                "SELECT count(*) FROM fund_orders o JOIN goal_orders g ON g.order_id = o.id WHERE o.status = 'PENDING'"
            )
        ).scalar_one()
        rebalanced = session.execute(text("SELECT count(*), count(DISTINCT goal_id) FROM automatic_rebalances")).one()
    database.dispose()
    assert runs[0] == runs[1] == seeded["due"], (runs, seeded["due"])
    assert rebalanced[0] == rebalanced[1] == seeded["drifted"], (rebalanced, seeded["drifted"])
    which = f" with the code of {code}" if code else ""
    print(f"baseline: {baseline:,} manual subscriptions, one transaction each: {bare:.1f} s ({baseline / bare:,.0f}/s)")
    print(
        f"night{which} ({workers} worker(s)): {goals:,} goals checked, {seeded['due']:,} instalments placed, "
        f"{seeded['drifted']:,} goals rebalanced: {first:.1f} s ({goals / first:,.0f} goals/s; "
        f"{first_wall:.1f} s with the workers' start-up)"
    )
    print(f"the same night again (nothing to do): {again:.1f} s ({again_wall:.1f} s with the start-up)")
    print(f"every due plan ran exactly once: {runs[0]:,} runs, {placed:,} orders waiting for their price")
    print(f"every drifted goal rebalanced once: {rebalanced[0]:,}")
    per_instalment = max(first - again, 0.0) / seeded["due"] if seeded["due"] else 0.0
    check = again * 100_000 / goals
    print(
        f"extrapolated to 100,000 goals: {check:.0f} s to check them all, plus {per_instalment * 1000:.1f} ms "
        f"per instalment placed and goal rebalanced (all 100,000 due: ~{check + per_instalment * 100_000:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
