"""Loan applications at the same moment, with real concurrency (PostgreSQL): the borrower's
row and the lender's are locked before the limits are checked, so two applications that each
fit but together exceed the borrower's limit are decided one after the other: exactly one
is approved."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest

from core.errors import DomainError
from lending import service as lending_service
from lending.models import Loan


@pytest.fixture
def db(pg_db):
    """These tests need real concurrency: PostgreSQL only."""
    return pg_db


def test_two_applications_at_once_over_the_limit_together_approve_exactly_one(lent, monkeypatch):
    desk, merchant = lent
    limit = desk.offer(merchant).limit
    each = Decimal(limit * 6 // 10) / 100  # each fits; both do not
    assert each * 100 >= desk.settings.lending_min_amount * 100

    checked = lending_service._check_capacity

    def slow_check(*args, **kwargs):  # widen the window between the checks and the booking
        checked(*args, **kwargs)
        time.sleep(0.5)

    monkeypatch.setattr(lending_service, "_check_capacity", slow_check)
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def apply() -> None:
        start.wait()
        try:
            outcomes.append(desk.apply(merchant, str(each)))
        except DomainError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    approved = [o for o in outcomes if isinstance(o, lending_service.ApplicationResult) and o.loan_id is not None]
    assert len(approved) == 1, outcomes
    assert [o for o in outcomes if o not in approved] == ["LOAN_AMOUNT_ABOVE_LIMIT"]
    with desk.db.read() as session:
        loans = session.query(Loan).filter(Loan.borrower_id == merchant.id).all()
        assert [loan.principal for loan in loans] == [int(each * 100)]
    assert desk.cash(merchant) == each
    assert desk.problems() == []
