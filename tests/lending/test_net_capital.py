"""The single-borrower limit is a share of the lender's net capital (capital plus the income
it kept, less provisions and write-offs, as its ledger accounts show), not of the capital paid
in: once a default's provision lowers net capital, a loan that fitted before is declined with
LENDER_CAPACITY, nothing booked (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import DomainError
from tests.lending.conftest import D

TODAY = date(2026, 11, 26)


def test_provisions_lower_the_single_borrower_limit(desk):
    desk.model()
    strong, weak = desk.merchant(), desk.merchant()
    desk.score()
    desk.fund(capital="600000", bank=None)  # one borrower at most 5%: 30,000
    assert desk.offer(strong).limit == 30000_00  # the lender's limit binds, not the borrower's
    assert desk.offer(strong).credit_limit >= 30000_00
    assert desk.figures().net_capital == 600000_00

    # another borrower defaults: 90 days past due, a provision of what they owe
    loan_id = desk.apply(weak, "20000.00", term=6).loan_id
    desk.spend_all(weak)
    desk.collect_daily(TODAY + timedelta(days=1), date(2027, 3, 26))
    loan = desk.loan(loan_id)
    assert loan.status == "DEFAULTED" and loan.provision == 20000_00
    figures = desk.figures()
    assert figures.capital == 600000_00 and figures.net_capital == 580000_00  # no interest was ever paid

    # the loan that fitted before does not now: declined for the lender's capacity, nothing booked
    assert desk.offer(strong).limit == 29000_00
    with pytest.raises(DomainError) as refused:
        desk.apply(strong, "30000.00")
    assert refused.value.code == "LENDER_CAPACITY"
    assert desk.cash(strong) == 0
    assert desk.apply(strong, "29000.00").loan_id is not None  # within 5% of net capital
    assert desk.cash(strong) == D("29000.00")
    assert desk.problems() == []
