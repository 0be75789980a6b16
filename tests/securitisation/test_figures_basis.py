"""The senior unit's figures switch from the product manager's assumptions to the pool's own
observed loans exactly at the threshold (issue 19: "at least 12 months and 500 resolved
loans"): 499 resolved loans, or 11 whole months since closing, stay assumed; 500 and 12 are
observed. Loans are counted as of the month's payment date (one resolved a day later does not
count), the switch happens at a monthly run (``figures.refresh``), and the product page
(``Product.absPool.figuresBasis``) says which, input by input, as of that run."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from lending import schedule
from lending.models import Loan
from products import service as products
from securitisation import figures, service
from securitisation.simulation import NORMAL
from tests.ids import product_gid

D = Decimal
PAGE = """query($id: ID!) { product(id: $id) { absPool { figuresBasis {
  observed asOf months resolvedLoans defaultedLoans defaultProbability lossGivenDefault note
  inputs { name value source estimate } } } } }"""


@pytest.fixture
def pool(world):
    """A pool closed on its closing day by the real services (no month run yet), and a loan of
    it to copy: the history the threshold looks at is then set loan by loan."""
    w = world(NORMAL, months=3, merchants=60)
    w.run()
    with w.db.read() as session:
        found = service.get_pool(session, w.pool_id)
        assert found.status == service.REVOLVING and found.periods_run == 0
    return w


def _resolve(w, count: int, *, on, defaulted: int = 0) -> None:
    """``count`` more loans of the pool resolved on ``on``: paid off, the first ``defaulted`` of
    them in default instead."""
    with w.db.write() as session:
        model = session.execute(select(Loan).where(Loan.pool_id == w.pool_id).limit(1)).scalar_one()
        columns = [c.key for c in Loan.__table__.columns if c.key != "id"]
        for n in range(count):
            loan = Loan(**{key: getattr(model, key) for key in columns})
            loan.principal_outstanding = 0 if n >= defaulted else loan.principal
            loan.status = "PAID_OFF" if n >= defaulted else "DEFAULTED"
            loan.closed_on = on if n >= defaulted else None
            loan.defaulted_on = None if n >= defaulted else on
            session.add(loan)


def _count(w, day) -> int:
    with w.db.read() as session:
        from lending import sales

        return sales.resolved(session, pool_id=w.pool_id, as_of=day).loans


def _basis(w, day) -> figures.Basis:
    with w.db.read() as session:
        return figures.basis(session, pool=service.get_pool(session, w.pool_id), as_of=day)


def test_whole_months_count_calendar_months():
    from datetime import date

    assert figures.months_between(date(2026, 11, 25), date(2027, 11, 24)) == 11
    assert figures.months_between(date(2026, 11, 25), date(2027, 11, 25)) == 12
    assert figures.months_between(date(2027, 1, 31), date(2027, 2, 28)) == 1  # the 31st's month ends with February
    assert figures.months_between(date(2027, 1, 31), date(2027, 2, 27)) == 0
    assert figures.months_between(date(2027, 3, 1), date(2028, 2, 29)) == 11  # a leap year's 366 days are not a year


def test_the_figures_switch_from_assumed_to_observed_exactly_at_12_months_and_500_resolved_loans(pool, gql):
    w = pool
    with w.db.read() as session:
        closed = service.get_pool(session, w.pool_id).closed_on
        terms = products.load_product(session=session, product_id=w.product_id).loan_terms
        assumed = (terms.default_probability, terms.loss_given_default)
    twelve = schedule.add_months(closed, 12)
    eleven = twelve - timedelta(days=1)  # 11 whole months and 30 days
    already = _count(w, twelve)
    assert already < 480  # the real pool's own loans resolved so far; the rest are set below
    _resolve(w, 20, on=closed + timedelta(days=40), defaulted=20)
    _resolve(w, 499 - already - 20, on=closed + timedelta(days=60))
    _resolve(w, 1, on=twelve + timedelta(days=1))  # resolved after the payment date: not counted at it
    assert _count(w, twelve) == 499

    # 499 resolved loans at 12 months: assumed
    found = _basis(w, twelve)
    assert (found.observed, found.months, found.resolved_loans, found.defaulted_loans) == (False, 12, 499, 20)
    assert found.note.en.startswith("Assumed by the product manager") and "假设" in found.note.zh

    # 500 resolved loans at 11 months: assumed
    _resolve(w, 1, on=closed + timedelta(days=90))
    assert _count(w, eleven) == 500
    found = _basis(w, eleven)
    assert (found.observed, found.months, found.resolved_loans) == (False, 11, 500)

    # 500 at 12 months: observed (the loan resolved a day later is still not counted)
    found = _basis(w, twelve)
    assert (found.observed, found.months, found.resolved_loans) == (True, 12, 500)
    assert found.default_probability == (D(21) / D(502)).quantize(figures.PLACES)
    assert found.loss_given_default == D(1)  # nothing recovered from the 20 in default
    assert found.note.en.startswith("Default probability and loss given default are observed")

    # the switch happens at a monthly run: before it the product's figures keep the assumptions,
    # a run dated before the threshold changes nothing, a run dated at it feeds the observed inputs
    holder = gql.as_user(w.holders[0].email)
    page = holder.data(PAGE, {"id": product_gid(w.product_id)})["product"]["absPool"]["figuresBasis"]
    assert page["observed"] is False and page["asOf"] == closed.isoformat() and page["months"] == 0
    assert {i["name"]: i["source"] for i in page["inputs"]} == {
        "DEFAULT_PROBABILITY": "ASSUMED",
        "LOSS_GIVEN_DEFAULT": "ASSUMED",
        "ASSET_CORRELATION": "ASSUMED",
        "LOAN_COUNT": "ASSUMED",
        "CREDIT_ENHANCEMENT": "ASSUMED",
    }
    used = {i["name"]: i["value"] for i in page["inputs"]}
    assert (D(used["DEFAULT_PROBABILITY"]), D(used["LOSS_GIVEN_DEFAULT"])) == assumed

    for day, observed in ((eleven, False), (twelve, True)):
        with w.db.write() as session:
            found_pool = service.get_pool(session, w.pool_id, lock=True)
            senior = service.tranches_of(session, w.pool_id)[0]
            figures.refresh(session, clock=w.clock, pool=found_pool, senior=senior, day=day)
            found_pool.last_run_date = day  # as the month's run records it
        page = holder.data(PAGE, {"id": product_gid(w.product_id)})["product"]["absPool"]["figuresBasis"]
        assert page["observed"] is observed and page["asOf"] == day.isoformat()
        sources = {i["name"]: i["source"] for i in page["inputs"]}
        assert (
            sources["DEFAULT_PROBABILITY"] == sources["LOSS_GIVEN_DEFAULT"] == ("OBSERVED" if observed else "ASSUMED")
        )
        assert sources["ASSET_CORRELATION"] == sources["LOAN_COUNT"] == "ASSUMED"
        used = {i["name"]: D(i["value"]) for i in page["inputs"]}
        if observed:
            assert used["DEFAULT_PROBABILITY"] == (D(21) / D(502)).quantize(figures.PLACES)
            assert used["LOSS_GIVEN_DEFAULT"] == D(1)
            assert page["note"].startswith("Default probability and loss given default are observed")
            assert page["resolvedLoans"] == 500 and page["months"] == 12
        else:
            assert (used["DEFAULT_PROBABILITY"], used["LOSS_GIVEN_DEFAULT"]) == assumed
            assert page["note"].startswith("Assumed by the product manager") and page["resolvedLoans"] == 500
    estimates = {i["name"]: i["estimate"] for i in page["inputs"]}
    assert estimates["ASSET_CORRELATION"] is None and D(estimates["DEFAULT_PROBABILITY"]) > 0

    # in Chinese for a Chinese reader
    holder.data('mutation { updateProfile(input: {locale: "zh-CN"}) { userErrors { code } } }')
    page = holder.data(PAGE, {"id": product_gid(w.product_id)})["product"]["absPool"]["figuresBasis"]
    assert "实际表现" in page["note"]
