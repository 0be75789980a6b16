"""What a holder of a pool-backed ABS unit sees when losses go beyond subordination (issue 19:
"units, coupons, principal, and any loss written down, with the holder's statement showing
which is which"): every payment of the waterfall is a line per part on the holder's history
and monthly statement (``COUPON``, ``PRINCIPAL``, ``WRITE_DOWN``, ``GUARANTOR_PAYMENT``); a
write-down moves no cash (its statement line has ``amount`` 0 and the principal lost in
``written_down``); and over the pool's life the holders' lines add up, to the fen, to the
senior tranche's own figures (interest paid, principal paid, written down, guaranteed), while
each holder's units fall by exactly their principal and write-down lines."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from investing import statements
from investing.models import FundLot, LoanPayment
from ledger.accounts import ACCOUNTS
from ledger.entries import POSTINGS
from ledger.kinds import Purpose, TransactionKind, fund_asset
from lending import schedule
from securitisation import service
from securitisation.simulation import LOSSES
from tests.securitisation.conftest import START

D = Decimal
K = TransactionKind
GUARANTOR = dict(guarantor_name="Simulated Guarantee Co.", guarantor_share=D("0.5"), guarantor_net_assets=D("500000"))
PARTS = (K.COUPON, K.PRINCIPAL, K.WRITE_DOWN, K.GUARANTOR_PAYMENT)
STATEMENT = """query($m: String!) { me { statement(month: $m) {
  lines { kind description amount { amount } writtenDown { amount } balanceAfter { amount } }
  incomeTotal { amount } writtenDownTotal { amount } csvPath } } }"""
HISTORY = """query($k: [TransactionKind!]) { wallet { transactions(first: 100, kinds: $k) {
  nodes { kind amount { amount } incoming product { id } } } } }"""


def _months(first: date, last: date) -> list[str]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day.strftime("%Y-%m"))
        day = schedule.add_months(day, 1)
    return months


def _units(db, user_id: int, product_id: int) -> int:
    with db.read() as session:
        return int(
            session.execute(
                select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
                .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
                .where(
                    ACCOUNTS.c.user_id == user_id,
                    ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
                    ACCOUNTS.c.asset == fund_asset(product_id),
                )
            ).scalar_one()
        )


@pytest.mark.slow
def test_a_senior_holders_statement_shows_coupon_principal_and_write_down_apart_and_they_reconcile(world, gql):
    w = world(replace(LOSSES, spike=(1, 7), spike_rate=0.95), months=13, merchants=80, **GUARANTOR)
    w.run()
    assert w.problems() == []
    with w.db.read() as session:
        senior = service.tranches_of(session, w.pool_id)[0]
        months = _months(schedule.add_months(START, 2), w.clock.today())
        totals: Counter = Counter()
        for holder in w.holders:
            mine: Counter = Counter()
            for month in months:
                found = statements.statement(session, clock=w.clock, user_id=holder.id, month=month)
                opening, closing = found.opening[0].cash, found.closing[0].cash
                assert opening + sum(line.amount for line in found.lines) == closing, month
                for line in found.lines:
                    if line.kind is K.WRITE_DOWN:  # no cash moved: the loss is in its own column
                        assert line.amount == 0 and line.written_down and line.written_down > 0
                        mine[K.WRITE_DOWN] += line.written_down
                    elif line.kind in PARTS:
                        assert line.written_down is None and line.amount > 0
                        mine[line.kind] += line.amount
                assert found.written_down_total == sum(x.written_down or 0 for x in found.lines)
                pool_lines = [x for x in found.lines if x.kind in PARTS]
                by_entry = Counter((x.entry_id, x.kind) for x in pool_lines)
                assert all(n == 1 for n in by_entry.values())  # one line per part of each payment
            # the holder's units fell by exactly the principal paid back and the principal written down
            placed = session.execute(
                select(func.sum(FundLot.units)).where(FundLot.user_id == holder.id, FundLot.product_id == w.product_id)
            ).scalar_one()
            assert (
                placed > 0 and _units(w.db, holder.id, w.product_id) == placed - mine[K.PRINCIPAL] - mine[K.WRITE_DOWN]
            )
            totals.update(mine)
        coupons = int(
            session.execute(
                select(func.coalesce(func.sum(LoanPayment.interest), 0)).where(LoanPayment.product_id == w.product_id)
            ).scalar_one()
        )

    # losses went beyond the subordinated tranche: the senior took a loss, the guarantor paid its share
    assert senior.written_down > 0 and senior.guaranteed > 0 and senior.principal_paid > 0
    # the holders' lines reconcile with the senior tranche's figures, to the fen
    assert totals[K.COUPON] == senior.interest_paid == coupons
    assert totals[K.PRINCIPAL] == senior.principal_paid
    assert totals[K.WRITE_DOWN] == senior.written_down
    assert totals[K.GUARANTOR_PAYMENT] == senior.guaranteed
    assert senior.original - totals[K.PRINCIPAL] - totals[K.WRITE_DOWN] == senior.balance

    # the same through the API: the history's lines and the statement (and its CSV) in each language
    holder = gql.as_user(w.holders[0].email)
    lost = holder.data(HISTORY, {"k": ["WRITE_DOWN"]})["wallet"]["transactions"]["nodes"]
    assert lost and all(not n["incoming"] and n["product"] for n in lost)
    guaranteed = holder.data(HISTORY, {"k": ["GUARANTOR_PAYMENT"]})["wallet"]["transactions"]["nodes"]
    assert guaranteed and all(n["incoming"] for n in guaranteed)
    shown = None
    for month in months:
        found = holder.data(STATEMENT, {"m": month})["me"]["statement"]
        if D(found["writtenDownTotal"]["amount"]) > 0:
            shown = (month, found)
            break
    assert shown is not None
    month, found = shown
    kinds = {line["kind"] for line in found["lines"]}
    assert {"COUPON", "WRITE_DOWN"} <= kinds
    for line in found["lines"]:
        if line["kind"] == "WRITE_DOWN":
            assert line["amount"]["amount"] == "0.00" and D(line["writtenDown"]["amount"]) > 0
            assert line["description"].startswith("Loss written down:")
        else:
            assert line["writtenDown"] is None
    assert sum(D(x["writtenDown"]["amount"]) for x in found["lines"] if x["kind"] == "WRITE_DOWN") == D(
        found["writtenDownTotal"]["amount"]
    )
    auth = {"Authorization": f"Bearer {holder.token}"}
    english = gql.http.get(found["csvPath"], headers=auth).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(english)))
    assert ["Date", "Kind", "Description", "Amount", "Balance after", "Written down"] in rows
    assert any(r[1:2] == ["WRITE_DOWN"] and r[3] == "0.00" and D(r[5]) > 0 for r in rows if len(r) == 6)
    assert any(r[:1] == ["Losses written down"] for r in rows)
    holder.data('mutation { updateProfile(input: {locale: "zh-CN"}) { userErrors { code } } }')
    chinese = gql.http.get(found["csvPath"], headers=auth).content.decode("utf-8-sig")
    assert "本金损失核销" in chinese and "核销本金" in chinese


def test_write_down_and_guarantor_lines_have_their_own_bilingual_text():
    from core.errors import t
    from investing.history import ReadableLine, describe

    row = type("Row", (), {"kind": "WRITE_DOWN"})()
    text = describe(ReadableLine(row=row, product_name=t("Pool senior", "资产池优先级")))
    assert text.en == "Loss written down: Pool senior (units retired unpaid)" and "资产池优先级" in text.zh
    row = type("Row", (), {"kind": "GUARANTOR_PAYMENT"})()
    text = describe(ReadableLine(row=row, product_name=t("Pool senior", "资产池优先级")))
    assert text.en == "Guarantor's payment for the loss: Pool senior" and text.zh == "资产池优先级担保方代偿"
