"""The proof (issue 19): a pool of simulated merchants' loans over simulated months on the
settable clock, in three scenarios. Every month ``robo ledger verify`` is clean and what the
senior holders received as coupons equals the waterfall's senior interest to the fen.

- normal: defaults stay low; the pool revolves for 12 months; senior interest is paid in full
  and on time every month, and nothing is written down;
- trigger: a spike of bad loans trips the cumulative-default trigger during the revolving
  period: amortisation starts early, the subordinated tranche absorbs the losses, and the
  senior is paid (interest in full, nothing written down);
- losses beyond subordination: the subordinated tranche is wiped out, the senior is written
  down, and the guarantor pays its stated share of the senior loss in cash.

The two-year runs are ``slow``; a shorter run of each scenario is not."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from securitisation import service
from securitisation.simulation import LOSSES, NORMAL, TRIGGER
from tests.securitisation.conftest import coupons_of

D = Decimal


@pytest.fixture
def db(sqlite_db):
    """In process on SQLite (the PostgreSQL tests of the pool are in ``test_concurrency``)."""
    return sqlite_db


def _monthly_checks(world):
    seen = []

    def check(month):
        problems = world.problems()
        assert problems == [], (month.period, problems)
        expected = month.run["senior_interest_paid"] + month.run["guarantor_interest"]
        assert month.coupons == expected, (month.period, month.coupons, expected)
        seen.append(month)

    return check, seen


def _pool(world):
    with world.db.read() as session:
        return service.get_pool(session, world.pool_id), service.tranches_of(session, world.pool_id)


def _normal(world, months_expected):
    check, seen = _monthly_checks(world)
    world.run(check)
    assert len(seen) == months_expected
    pool, tranches = _pool(world)
    senior = tranches[0]
    for month in seen:
        assert month.run["senior_interest"] == month.run["senior_interest_due"]  # paid in full, on time
        assert month.run["written_down"] == {}
    assert pool.trigger is None
    assert senior.written_down == 0 and senior.interest_shortfall == 0
    revolving = [m for m in seen if m.period <= 12]
    assert all(m.run["purchases"] > 0 for m in revolving[1:])  # the pool keeps buying new loans
    assert coupons_of(world.db, world.product_id) == senior.interest_paid


def _trigger(world):
    check, seen = _monthly_checks(world)
    world.run(check)
    pool, tranches = _pool(world)
    senior, sub = tranches[0], tranches[-1]
    assert pool.trigger in (service.TRIGGER_DEFAULTS, service.TRIGGER_SPREAD)
    assert pool.amortising_from is not None and pool.amortising_from <= pool.revolving_months
    assert sub.written_down > 0  # the subordinated tranche absorbed the losses
    assert senior.written_down == 0
    assert all(m.run["senior_interest"] == m.run["senior_interest_due"] for m in seen)
    amortising = [m for m in seen if m.period >= pool.amortising_from]
    assert amortising and all(m.run["purchases"] == 0 for m in amortising)
    assert sum(m.run["principal_paid"].get("SENIOR", 0) for m in amortising) > 0  # principal came back early


def _losses(world):
    check, seen = _monthly_checks(world)
    world.run(check)
    pool, tranches = _pool(world)
    senior, sub = tranches[0], tranches[-1]
    assert sub.balance == 0 and sub.written_down > 0
    assert senior.written_down > 0
    loss = senior.written_down
    assert senior.guaranteed == sum(m.run["guarantor_paid"] - m.run["guarantor_interest"] for m in seen)
    assert senior.guaranteed <= loss * pool.guarantor_share
    assert senior.guaranteed >= loss * pool.guarantor_share - 2 * len(seen) * len(world.holders)  # truncation only
    assert sum(m.run["guarantor_paid"] for m in seen) > 0


GUARANTOR = dict(guarantor_name="Simulated Guarantee Co.", guarantor_share=D("0.5"), guarantor_net_assets=D("500000"))


def test_normal_defaults_pay_the_senior_in_full_and_on_time(world):
    _normal(world(NORMAL, months=9, merchants=160), 6)


@pytest.mark.slow
def test_a_default_spike_trips_the_trigger_and_the_subordinated_tranche_absorbs_it(world):
    _trigger(world(replace(TRIGGER, spike=(1, 4), spike_rate=0.2), months=11, merchants=160))


@pytest.mark.slow
def test_losses_beyond_subordination_reach_the_senior_and_the_guarantor_pays_its_share(world):
    _losses(world(replace(LOSSES, spike=(1, 7), spike_rate=0.95), months=13, merchants=160, **GUARANTOR))


@pytest.mark.slow
def test_two_years_normal(world):
    _normal(world(NORMAL, months=24, merchants=200), 21)


@pytest.mark.slow
def test_two_years_trigger(world):
    _trigger(world(TRIGGER, months=24, merchants=200))


@pytest.mark.slow
def test_two_years_losses_beyond_subordination(world):
    _losses(world(LOSSES, months=24, merchants=200, **GUARANTOR))
