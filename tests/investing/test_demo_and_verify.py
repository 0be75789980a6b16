"""The demo customers own suitable portfolios with weeks of income history, and ``robo ledger
verify`` holds with orders, income and loan payments in the ledger (and notices when fund
settlement and the orders disagree)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update
from typer.testing import CliRunner

from api.cli import app as cli
from core.risk import RiskCategory, RiskLevel
from core.settings import get_settings
from demo.seed import seed_all
from investing.kinds import DailyJob, OrderStatus
from investing.models import FundOrder
from investing.portfolio import portfolio_of
from ledger.accounts import ACCOUNTS
from ledger.entries import ENTRIES, POSTINGS
from ledger.kinds import EntryKind, fund_asset
from ledger.verify import verify
from products.service import get_product
from questionnaire.profiles import current_profile
from tests.investing.conftest import D

CUSTOMERS = ("alice", "bob", "carol", "dave", "erin")


def test_the_demo_customers_own_suitable_portfolios_with_weeks_of_income(db, clock, settings):
    with db.write() as session:
        seeded = seed_all(session=session, clock=clock, settings=settings)
    with db.read() as session:
        assert verify(session) == []
        for name in CUSTOMERS:
            user = seeded["users"][f"{name}@example.com"]
            view = portfolio_of(session=session, user_id=user.id, clock=clock)
            category = current_profile(session=session, user_id=user.id, clock=clock).risk_category
            assert len(view.holdings) >= 2 and view.cash > 0
            for holding in view.holdings:
                product = get_product(session=session, product_id=holding.product_id)
                assert RiskLevel(product.risk_level).rank <= RiskCategory(category).rank, (name, product.code)
                if product.kind == "MONEY_FUND":
                    days = session.execute(
                        select(func.count())
                        .select_from(
                            POSTINGS.join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id).join(
                                ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id
                            )
                        )
                        .where(
                            ACCOUNTS.c.user_id == user.id,
                            ACCOUNTS.c.asset == fund_asset(product.id),
                            ENTRIES.c.kind == str(EntryKind.INCOME),
                        )
                    ).scalar_one()
                    assert days >= 30, (name, product.code, days)
                    assert holding.cumulative_income > 0 and holding.yesterday_income > 0
        pending = session.get(FundOrder, seeded["investing"]["pending"])
        assert pending.status == OrderStatus.PENDING


def test_ledger_verify_holds_with_orders_income_and_loans_and_notices_a_mismatch(
    db, funds, investor, desk, catalogue, monkeypatch
):
    user = investor("C3")
    desk.subscribe(user, funds.mmf, "3000.00")
    desk.subscribe(user, funds.equity, "2024.00")
    desk.subscribe(user, funds.p2p, "1000.00")
    desk.on(date(2026, 11, 27), 9)
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 27))
    desk.on(date(2026, 11, 27), 10)
    desk.redeem(user, funds.equity, units="100.00")  # confirmed Monday, cash 3 days later
    desk.on(date(2026, 11, 30), 9)
    catalogue.record_nav(funds.equity, date(2026, 11, 27), "1.0100")
    catalogue.record_income(funds.mmf, date(2026, 11, 27), "0.7000")
    desk.run(DailyJob.CONFIRM_ORDERS, date(2026, 11, 30))
    desk.run(DailyJob.ACCRUE_INCOME, date(2026, 11, 27))
    desk.on(date(2026, 11, 30), 10)
    desk.redeem(user, funds.mmf, units="100.00")  # pending units in settlement
    desk.subscribe(user, funds.mmf, "500.00")  # pending cash in settlement
    desk.on(date(2027, 2, 27), 9)
    desk.run(DailyJob.PROCESS_LOANS, date(2027, 2, 27))

    monkeypatch.setenv("ROBO_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("ROBO_ENV", "test")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["ledger", "verify"])
        assert result.exit_code == 0 and "Ledger OK" in result.output, result.output
        with db.write() as session:
            session.execute(
                update(FundOrder.__table__)
                .where(FundOrder.status == str(OrderStatus.PENDING), FundOrder.side == "SUBSCRIBE")
                .values(amount=50001)
            )
        result = CliRunner().invoke(cli, ["ledger", "verify"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert "fund settlement in CNY" in result.output and D(desk.cash(user)) > 0
