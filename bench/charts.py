"""Five-year charts on a scratch SQLite database: ``products.series.product_series`` (the NAV of
an equity fund and the 7-day yield of a money fund, 5 years each) and the portfolio's
``value_series``/``income_series`` for a customer with 5 years of daily money-fund income and
a trade every week, each downsampled to 250 points; against a trivial baseline measured in
the same run (one ``SELECT`` of the same history rows into Python, nothing computed).

History is bulk-inserted (the ledger's tables directly: one income entry a day and a
subscription entry a week, balancing against a system account), so the figures time reading
and computing the charts, not the daily jobs.

    .venv/bin/python bench/charts.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 26)
YEARS = 5


def _timed(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from sqlalchemy import insert, select

    import migrations
    from core.clock import ManualClock
    from db.session import Database
    from investing import series as portfolio_series
    from investing.models import MoneyFundIncome
    from ledger.accounts import ACCOUNTS
    from ledger.entries import ENTRIES, POSTINGS
    from ledger.kinds import CNY, EntryKind, Purpose, fund_asset
    from products import service as products
    from products.audit import Actor
    from products.kinds import ProductKind
    from products.models import IncomePoint, NavPoint
    from products.series import Metric, product_series
    from tests.conftest import test_settings
    from tests.products.conftest import common_terms
    from users import service as users

    path = Path(tempfile.mkdtemp(prefix="robo-charts-")) / "charts.db"
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    database = Database(url)
    clock = ManualClock(datetime(2026, 11, 26, 20, 0, tzinfo=SHANGHAI))
    settings = test_settings(database_url=url)
    first = TODAY - timedelta(days=365 * YEARS)
    days = [first + timedelta(days=i) for i in range((TODAY - first).days + 1)]
    try:
        with database.write() as session:
            actor = Actor.system("bench")
            ids = {}
            for kind, code in ((ProductKind.EQUITY_FUND, "B-EQ"), (ProductKind.MONEY_FUND, "B-MMF")):
                ids[kind] = products.create_product(
                    session=session,
                    clock=clock,
                    settings=settings,
                    actor=actor,
                    kind=kind,
                    common=common_terms(kind, code),
                ).id
            equity, mmf = ids[ProductKind.EQUITY_FUND], ids[ProductKind.MONEY_FUND]
            session.execute(
                insert(NavPoint),
                [
                    {"product_id": equity, "date": day, "nav": Decimal(10000 + (i * 7919) % 900).scaleb(-4)}
                    for i, day in enumerate(days)
                    if day.weekday() < 5
                ],
            )
            rates = {day: Decimal(4000 + (i * 104729) % 3000).scaleb(-4) for i, day in enumerate(days)}
            session.execute(
                insert(IncomePoint), [{"product_id": mmf, "date": d, "income_per_10k": r} for d, r in rates.items()]
            )
            user = users.create_user(
                session=session,
                email="chart@example.com",
                password="correct-horse-battery",
                clock=clock,
                settings=settings,
            )
            at = clock.now()
            account = {}
            for owner, purpose, asset in (
                (user.id, Purpose.CASH, CNY),
                (user.id, Purpose.FUND_UNITS, fund_asset(mmf)),
                (user.id, Purpose.FUND_UNITS, fund_asset(equity)),
                (None, Purpose.INCOME, fund_asset(mmf)),
                (None, Purpose.FUND_ISSUER, fund_asset(equity)),
                (None, Purpose.BANK_CLEARING, CNY),
            ):
                account[(purpose, asset)] = session.execute(
                    insert(ACCOUNTS).returning(ACCOUNTS.c.id),
                    dict(
                        user_id=owner,
                        purpose=str(purpose),
                        asset=asset,
                        shard=0,
                        balance=None if owner is None else 0,
                        created_at=at,
                    ),
                ).scalar_one()
            units = 5_000_000  # 50,000.00 units of the money fund
            postings = []
            for i, day in enumerate(days):
                moment = datetime(day.year, day.month, day.day, 9, tzinfo=SHANGHAI)
                kind = EntryKind.INCOME
                entry = session.execute(
                    insert(ENTRIES).returning(ENTRIES.c.id), dict(kind=str(kind), created_at=moment)
                ).scalar_one()
                earned = int(units * rates[day] / 10_000)
                units += earned
                postings += [
                    dict(entry_id=entry, account_id=account[(Purpose.FUND_UNITS, fund_asset(mmf))], amount=earned),
                    dict(entry_id=entry, account_id=account[(Purpose.INCOME, fund_asset(mmf))], amount=-earned),
                ]
                session.execute(
                    insert(MoneyFundIncome),
                    dict(
                        product_id=mmf,
                        day=day - timedelta(days=1),
                        income_per_10k=rates[day],
                        total=earned,
                        holders=1,
                        entry_id=entry,
                        created_at=moment,
                    ),
                )
                if i % 7 == 0:  # a weekly purchase of equity units and a deposit
                    entry = session.execute(
                        insert(ENTRIES).returning(ENTRIES.c.id), dict(kind=str(EntryKind.DEPOSIT), created_at=moment)
                    ).scalar_one()
                    postings += [
                        dict(
                            entry_id=entry, account_id=account[(Purpose.FUND_UNITS, fund_asset(equity))], amount=10_000
                        ),
                        dict(
                            entry_id=entry,
                            account_id=account[(Purpose.FUND_ISSUER, fund_asset(equity))],
                            amount=-10_000,
                        ),
                        dict(entry_id=entry, account_id=account[(Purpose.CASH, CNY)], amount=50_000),
                        dict(entry_id=entry, account_id=account[(Purpose.BANK_CLEARING, CNY)], amount=-50_000),
                    ]
            session.execute(insert(POSTINGS), postings)
            user_id = user.id
        print(f"{len(days)} days, {len(postings)} postings of the customer's history")

        def product_chart(metric: Metric, product_id: int, kind: ProductKind):
            def run():
                with database.read() as session:
                    found = product_series(
                        session=session,
                        product_id=product_id,
                        kind=kind,
                        metric=metric,
                        first_day=first,
                        last_day=TODAY,
                        max_points=250,
                    )
                assert len(found) == 250

            return run

        def portfolio_chart(chart):
            def run():
                with database.read() as session:
                    found = chart(
                        session=session, user_id=user_id, first_day=first, last_day=TODAY, zone=SHANGHAI, max_points=250
                    )
                assert len(found) == 250

            return run

        def baseline_rows(table, column, product_id):
            def run():
                with database.read() as session:
                    session.execute(select(table.date, column).where(table.product_id == product_id)).all()

            return run

        def baseline_postings():
            with database.read() as session:
                session.execute(
                    select(POSTINGS.c.account_id, ENTRIES.c.created_at, POSTINGS.c.amount)
                    .join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id)
                    .where(
                        POSTINGS.c.account_id.in_(
                            [
                                account[(Purpose.CASH, CNY)],
                                account[(Purpose.FUND_UNITS, fund_asset(mmf))],
                                account[(Purpose.FUND_UNITS, fund_asset(equity))],
                            ]
                        )
                    )
                ).all()

        cases = [
            (
                "product NAV, 5 years",
                product_chart(Metric.NAV, equity, ProductKind.EQUITY_FUND),
                baseline_rows(NavPoint, NavPoint.nav, equity),
            ),
            (
                "product 7-day yield, 5 years",
                product_chart(Metric.SEVEN_DAY_YIELD, mmf, ProductKind.MONEY_FUND),
                baseline_rows(IncomePoint, IncomePoint.income_per_10k, mmf),
            ),
            ("portfolio value, 5 years", portfolio_chart(portfolio_series.value_series), baseline_postings),
            ("portfolio income, 5 years", portfolio_chart(portfolio_series.income_series), baseline_postings),
        ]
        for name, run, baseline in cases:
            chart_time, base_time = _timed(args.repeat, run), _timed(args.repeat, baseline)
            print(
                f"{name:32} {chart_time * 1000:8.1f} ms   baseline (select the rows) {base_time * 1000:6.1f} ms"
                f"   ratio {chart_time / base_time:5.1f}x"
            )
    finally:
        database.dispose()
        path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
