"""Collections from the money-fund balance (SQLite and PostgreSQL): on a due date with too
little wallet cash, a borrower who allowed it (``moneyFundAutopay``) pays the rest from the
money fund by a fast redemption for payment; one who did not goes overdue and keeps the units.
The fast redemption and the repayment are one transaction: the ledger verifies after it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from investing import jobs, orders
from investing.kinds import DailyJob, OrderSide, OrderStatus
from investing.models import FundOrder
from ledger.accounts import user_balance
from ledger.kinds import Purpose, fund_asset
from tests.investing.conftest import catalogue, funds, staff  # noqa: F401 - fixtures
from tests.lending.conftest import D

TODAY, FRI, DUE = date(2026, 11, 26), date(2026, 11, 27), date(2026, 12, 26)


def test_a_due_instalment_is_paid_from_the_money_fund_only_with_the_borrowers_leave(desk, funds):
    desk.fund()
    desk.model()
    allowed, refused = desk.merchant(autopay=True), desk.merchant(autopay=False)
    desk.score()
    loans = {m.id: desk.apply(m, "20000.00", term=3).loan_id for m in (allowed, refused)}
    for merchant in (allowed, refused):  # savings in the money fund; the loan money is spent
        desk.deposit(merchant, "20000.00")
        with desk.db.write() as session:
            orders.subscribe(
                session=session,
                clock=desk.clock,
                settings=desk.settings,
                user_id=merchant.id,
                product_id=funds.mmf,
                amount=D("20000.00"),
            )
        desk.spend_all(merchant)
    desk.at(FRI, 9)
    jobs.run_daily_job(database=desk.db, clock=desk.clock, job=DailyJob.CONFIRM_ORDERS, day=FRI)
    assert desk.cash(allowed) == desk.cash(refused) == 0

    def units(user) -> int:
        with desk.db.read() as session:
            return user_balance(session, user_id=user.id, purpose=Purpose.FUND_UNITS, asset=fund_asset(funds.mmf))

    held = units(allowed)
    desk.collect_daily(FRI, DUE)

    first = desk.instalments(loans[allowed.id])[0]
    owed = first.principal + first.interest
    assert (first.status, first.paid_on) == ("PAID", DUE)
    assert [r.source for r in desk.repayments(loans[allowed.id])] == ["MONEY_FUND"]
    assert units(allowed) == held - owed  # units of 1.00 each, redeemed at once for the payment
    assert desk.cash(allowed) == 0
    with desk.db.read() as session:
        redemption = session.execute(
            select(FundOrder).where(FundOrder.user_id == allowed.id, FundOrder.side == str(OrderSide.REDEEM))
        ).scalar_one()
    assert (redemption.status, redemption.fast, redemption.for_payment, redemption.units) == (
        str(OrderStatus.CONFIRMED),
        True,
        True,
        owed,
    )

    desk.collect_daily(DUE + timedelta(days=1), DUE + timedelta(days=3))
    assert desk.loan(loans[refused.id]).status == "OVERDUE"
    assert desk.repayments(loans[refused.id]) == []
    assert units(refused) == held  # never touched without the borrower's leave
    assert desk.problems() == []
