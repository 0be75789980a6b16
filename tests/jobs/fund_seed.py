"""A money fund with many holdings, created with set-based SQL (PostgreSQL), for the job
engine's tests and ``bench/income.py``: users, a units account each (random balances, about 3%
empty), one seed entry so balances equal their postings, and the day's income figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import text


def create_fund(db, *, clock, settings, code: str = "BENCH-MMF") -> int:
    from products import service
    from products.audit import Actor
    from products.kinds import LiquidityKind, ProductKind

    with db.write() as session:
        product = service.create_product(
            session=session,
            clock=clock,
            settings=settings,
            actor=Actor.system("bench"),
            kind=ProductKind.MONEY_FUND,
            common=dict(
                code=code,
                name_zh="基准货币基金",
                name_en="Bench Money Fund",
                issuer="Bench",
                risk_level="R1",
                minimum_amount=Decimal("0.01"),
                liquidity=LiquidityKind.SAME_DAY,
            ),
        )
        return product.id


def seed_holdings(db, *, product_id: int, asset: str, holdings: int, day: date, rate: Decimal) -> None:
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (email, password_hash, display_name, locale, roles, created_at, updated_at) "
                "SELECT 'holder' || g || '@bench.example', 'x', 'Holder ' || g, 'zh-CN', 'CUSTOMER', now(), now() "
                "FROM generate_series(1, :n) AS g"
            ),
            {"n": holdings},
        )
        # About 3% hold nothing; the others between 0.01 and 200,000.00 units.
        connection.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "SELECT id, 'FUND_UNITS', :asset, 0, "
                "CASE WHEN random() < 0.03 THEN 0 ELSE 1 + floor(random() * 20000000)::bigint END, now() FROM users "
                "WHERE email LIKE 'holder%@bench.example'"
            ),
            {"asset": asset},
        )
        connection.execute(
            text(
                "INSERT INTO ledger_accounts (user_id, purpose, asset, shard, balance, created_at) "
                "VALUES (NULL, 'FUND_ISSUER', :asset, 0, NULL, now())"
            ),
            {"asset": asset},
        )
        entry = connection.execute(
            text("INSERT INTO journal_entries (kind, created_at) VALUES ('BENCH_SEED', now()) RETURNING id")
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO postings (entry_id, account_id, amount) "
                "SELECT :entry, id, balance FROM ledger_accounts WHERE user_id IS NOT NULL AND asset = :asset AND balance > 0 "
                "UNION ALL SELECT :entry, (SELECT id FROM ledger_accounts WHERE user_id IS NULL AND asset = :asset), "
                "-(SELECT SUM(balance) FROM ledger_accounts WHERE user_id IS NOT NULL AND asset = :asset)"
            ),
            {"entry": entry, "asset": asset},
        )
        connection.execute(
            text("INSERT INTO product_incomes (product_id, date, income_per_10k) VALUES (:p, :d, :r)"),
            {"p": product_id, "d": day, "r": int(rate.scaleb(4))},
        )


def vacuum(db) -> None:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def totals(db, asset: str) -> dict:
    with db.engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT COALESCE(SUM(balance), 0), COUNT(*) FILTER (WHERE balance > 0) FROM ledger_accounts "
                "WHERE user_id IS NOT NULL AND asset = :asset"
            ),
            {"asset": asset},
        ).one()
    return {"units": int(row[0]), "holders": int(row[1])}


def checks(db, asset: str, rate: Decimal) -> dict:
    """The income entries' user postings of the fund: their sum, count, the largest distance
    from an exact share (1/10^8 fen) and how many holdings without units were paid."""
    rate4 = int(rate.scaleb(4))
    with db.engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT COALESCE(SUM(p.amount), 0), COUNT(*), "
                "COALESCE(MAX(ABS(p.amount * 100000000 - (a.balance - p.amount) * :rate)), 0), "
                "COUNT(*) FILTER (WHERE a.balance - p.amount = 0), COUNT(DISTINCT p.entry_id) "
                "FROM postings p JOIN ledger_accounts a ON a.id = p.account_id "
                "JOIN money_fund_incomes m ON m.entry_id = p.entry_id "
                "WHERE a.user_id IS NOT NULL AND a.asset = :asset"
            ),
            {"asset": asset, "rate": rate4},
        ).one()
    return {
        "sum": int(row[0]),
        "paid": int(row[1]),
        "max_off": int(row[2]),
        "zero_paid": int(row[3]),
        "entries": int(row[4]),
    }
