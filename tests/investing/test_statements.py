"""Monthly statements: opening + lines = closing cash, income and fees as the ledger has them,
one month's closing is the next one's opening, and the CSV download for the token's owner."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from core.errors import DomainError
from investing import statements
from investing.kinds import DailyJob
from investing.models import FundOrder
from ledger.accounts import ACCOUNTS, user_balance
from ledger.entries import ENTRIES, POSTINGS
from ledger.kinds import CNY, EntryKind, Purpose

D = Decimal
STATEMENT = """query($m: String!) { me { statement(month: $m) {
  month opening { cash { amount } moneyFund { amount } holdings { productId units nav value { amount } } total { amount } }
  closing { cash { amount } moneyFund { amount } holdings { productId units nav value { amount } } }
  lines { date kind description amount { amount } fee { amount } balanceAfter { amount } }
  incomeTotal { amount } feesTotal { amount } csvPath } } }"""


def _income_postings(db, user_id: int) -> int:
    with db.read() as session:
        return int(
            session.execute(
                select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
                .select_from(POSTINGS.join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id).join(ENTRIES))
                .where(
                    ACCOUNTS.c.user_id == user_id,
                    ENTRIES.c.kind.in_([str(EntryKind.INCOME), str(EntryKind.INCOME_REVERSAL)]),
                )
            ).scalar_one()
        )


def test_the_months_statement_reconciles_to_the_ledger(journey, db, desk, funds):
    owner, *_ = journey
    me = owner.data("{ me { id } wallet { available { amount } } }")
    found = owner.data(STATEMENT, {"m": "2026-11"})["me"]["statement"]
    opening, closing = found["opening"][0], found["closing"][0]
    amounts = [D(line["amount"]["amount"]) for line in found["lines"]]
    assert D(opening["cash"]["amount"]) + sum(amounts) == D(closing["cash"]["amount"])
    assert closing["cash"]["amount"] == me["wallet"]["available"]["amount"]  # the month is still running
    running = D(opening["cash"]["amount"])
    for line, amount in zip(found["lines"], amounts):
        running += amount
        assert D(line["balanceAfter"]["amount"]) == running
    # the journey: a deposit, two subscriptions (the equity one with its fee), a payment
    assert [line["kind"] for line in found["lines"]] == ["DEPOSIT", "SUBSCRIPTION", "SUBSCRIPTION", "PAYMENT_SENT"]
    assert all(line["date"].startswith("2026-11-") for line in found["lines"])
    owner_id = int(desk.orders_of_user_id(owner)) if hasattr(desk, "orders_of_user_id") else None
    with db.read() as session:
        fees = session.execute(select(func.sum(FundOrder.fee))).scalar_one()
        user_id = session.execute(select(FundOrder.user_id)).scalars().first()
    assert owner_id is None
    assert D(found["feesTotal"]["amount"]) == D(fees).scaleb(-2) > 0
    assert D(found["incomeTotal"]["amount"]) == D(_income_postings(db, user_id)).scaleb(-2) > 0
    held = {h["productId"] for h in closing["holdings"]}
    assert len(held) == 2 and D(closing["moneyFund"]["amount"]) > D("5000") - D("0.01")
    assert opening["cash"]["amount"] == "0.00" and opening["holdings"] == []  # nothing before November
    assert found["csvPath"] == "/statements/2026-11.csv"


def test_a_month_not_begun_is_refused_and_one_before_the_user_is_empty(journey):
    owner, *_ = journey
    body = owner.execute(STATEMENT, {"m": "2026-12"})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT" and "not begun" in body["errors"][0]["message"]
    assert owner.execute(STATEMENT, {"m": "2026-13"})["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    old = owner.data(STATEMENT, {"m": "2020-01"})["me"]["statement"]
    assert (
        old["lines"] == [] and old["closing"][0]["cash"]["amount"] == "0.00" and old["incomeTotal"]["amount"] == "0.00"
    )


def test_the_csv_download_needs_the_token_and_speaks_the_viewers_language(journey, http):
    owner, *_ = journey
    assert http.get("/statements/2026-11.csv").status_code == 401
    assert http.get("/statements/2026-11.csv", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    auth = {"Authorization": f"Bearer {owner.token}"}
    assert http.get("/statements/2026-13.csv", headers=auth).status_code == 400
    assert http.get("/statements/2027-01.csv", headers=auth).status_code == 400
    english = http.get("/statements/2026-11.csv", headers=auth)
    assert english.status_code == 200 and english.headers["content-type"].startswith("text/csv")
    assert english.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    assert "Top-up from bank card" in english.content.decode("utf-8-sig")
    owner.data('mutation { updateProfile(input: {locale: "zh-CN"}) { userErrors { code } } }')
    chinese = http.get("/statements/2026-11.csv", headers=auth).content.decode("utf-8-sig")
    assert "银行卡充值" in chinese and "申购" in chinese and "日期" in chinese
    graphql = owner.data(STATEMENT, {"m": "2026-11"})["me"]["statement"]["lines"]
    assert graphql[0]["description"] == "银行卡充值"


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["deposit", "subscribe_mmf", "subscribe_equity", "fast_redeem", "pay_from_fund", "pay", "withdraw", "day"]
        ),
        st.integers(min_value=1, max_value=3000),
    ),
    min_size=1,
    max_size=12,
)


@hypothesis_settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_statements_reconcile_over_random_journeys(actions, db, clock, settings, investor, desk, funds, catalogue):
    """Whatever a customer did across November and December, each month's opening cash plus its
    lines is its closing cash, the closing is the next month's opening, the income is the
    ledger's income postings and the last closing is the account's balance."""
    from investing import fund_payments
    from wallet import cash

    desk.on(date(2026, 11, 26), 10)
    user = investor("C3", deposit="20000")
    payee = investor("C3", deposit="0")
    day = date(2026, 11, 26)
    for n, (action, amount) in enumerate(actions):
        money = D(amount)
        try:
            with db.write() as session:
                if action == "deposit":
                    cash.deposit(
                        session=session,
                        clock=clock,
                        settings=settings,
                        user_id=user.id,
                        amount=money,
                        idempotency_key=f"d{n}",
                    )
                elif action == "withdraw":
                    cash.withdraw(
                        session=session,
                        clock=clock,
                        settings=settings,
                        user_id=user.id,
                        amount=money,
                        idempotency_key=f"w{n}",
                        payment_password_text=None,
                    )
                elif action in ("pay", "pay_from_fund"):
                    fund_payments.pay(
                        session=session,
                        clock=clock,
                        settings=settings,
                        payer_id=user.id,
                        payee=payee.email,
                        amount=money,
                        idempotency_key=f"p{n}",
                        source="MONEY_FUND" if action == "pay_from_fund" else "WALLET",
                    )
            if action == "subscribe_mmf":
                desk.subscribe(user, funds.mmf, str(money))
            elif action == "subscribe_equity":
                desk.subscribe(user, funds.equity, str(money))
            elif action == "fast_redeem":
                desk.redeem(user, funds.mmf, amount=str(min(money, D(500))), fast=True)
        except DomainError:
            pass  # refused (not enough money, limits): the statement must still reconcile
        if action == "day":
            day += timedelta(days=1 + amount % 9)
            desk.on(day, 16)
            desk.run(DailyJob.CONFIRM_ORDERS, day)
            catalogue.record_income(funds.mmf, day - timedelta(days=1), "0.5000")
            desk.run(DailyJob.ACCRUE_INCOME, day - timedelta(days=1))
            desk.on(day, 10)
    months = ["2026-11"] + (["2026-12"] if clock.today() >= date(2026, 12, 1) else [])
    income = 0
    found = []
    with db.read() as session:
        for month in months:
            s = statements.statement(session, clock=clock, user_id=user.id, month=month)
            assert s.opening[0].cash + sum(line.amount for line in s.lines) == s.closing[0].cash
            income += s.income_total
            found.append(s)
        assert found[-1].closing[0].cash == user_balance(session, user_id=user.id, purpose=Purpose.CASH, asset=CNY)
    if len(found) == 2:
        assert found[0].closing[0].cash == found[1].opening[0].cash
        assert found[0].closing[0].holdings == found[1].opening[0].holdings
    assert income == _income_postings(db, user.id)
