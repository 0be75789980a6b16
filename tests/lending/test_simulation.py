"""The merchant simulation (``robo simulate merchants``, ``bench/credit.py``'s book) reaches
defaults within its months (SQLite and PostgreSQL): a merchant whose loan goes bad empties its
wallet within the payment limits (to the bank, or on purchases without a card) every evening
until it resumes, so its instalments go unpaid through 90 days past due (default, a provision)
and 180 (write-off); coming back eight months after the loan, its sales bring recoveries; the
ledger verifies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ledger.verify import verify
from lending import service, simulation
from lending.models import Loan
from tests.conftest import SHANGHAI


def test_a_bad_loan_reaches_default_and_write_off_within_the_simulated_months(db, settings):
    def transact(fn):
        with db.write() as session:
            return fn(session)

    report = simulation.simulate(
        transact=transact,
        settings=settings,
        start=datetime(2026, 1, 5, 8, tzinfo=SHANGHAI),
        count=2,
        months=20,
        seed=4,
        qualities=[0.7, 0.9],
        buyers=8,
        borrow_share=1.0,
        fit_count=3000,
        bad_first_loan=[0],
    )
    weak = report.merchant_ids[0]
    with db.read() as session:
        loans = list(session.execute(select(Loan).where(Loan.borrower_id == weak).order_by(Loan.id)).scalars())
        figures = service.figures(session)
    with db.read() as session:
        problems = verify(session)
    assert loans, "the weak merchant borrowed"
    bad = loans[0]
    assert bad.max_days_past_due >= 180 and bad.status == "WRITTEN_OFF" and bad.defaulted_on is not None
    assert bad.written_off > 0 and bad.provision == 0
    assert figures.provision_expense >= bad.written_off  # the provision booked at default, used at write-off
    assert bad.recovered > 0 and figures.recoveries >= bad.recovered  # it sold again after the write-off
    assert problems == []
