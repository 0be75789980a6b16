"""The waterfall's rules (``securitisation.waterfall``): the order of the interest side, the
principal-deficiency ledger, sequential pay-down, losses junior first, the guarantor's share;
and, as a property, that the interest waterfall allocates exactly what came in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from investing.loans import pro_rata
from securitisation.waterfall import InterestDue, accrual, allocate_interest, guarantee, pay_down, write_down

fen = st.integers(min_value=0, max_value=10**11)


def test_interest_pays_in_order_fees_senior_mezzanine_deficiency_reserve_then_the_subordinated():
    due = InterestDue(available=1000, reserve=0, reserve_target=50, fees=100, senior=500, mezzanine=200, deficiency=120)
    a = allocate_interest(due)
    assert (a.fees, a.senior, a.mezzanine, a.cured, a.reserve_topup, a.subordinated) == (100, 500, 200, 120, 50, 30)


def test_excess_spread_covers_the_months_defaults_before_the_reserve_and_the_subordinated_tranche():
    a = allocate_interest(InterestDue(700, 0, 50, 0, 500, 100, deficiency=150))
    assert (a.cured, a.reserve_topup, a.subordinated) == (100, 0, 0)  # short: the rest is written down


def test_a_senior_shortfall_is_drawn_from_the_reserve():
    a = allocate_interest(
        InterestDue(300, reserve=400, reserve_target=400, fees=50, senior=500, mezzanine=0, deficiency=0)
    )
    assert (a.fees, a.senior, a.reserve_draw) == (50, 500, 250)
    assert a.reserve_topup == 0  # nothing left to refill it


def test_principal_pays_the_senior_down_first_and_losses_hit_the_subordinated_first():
    assert pay_down(700, [500, 300, 200]) == [500, 200, 0]
    assert write_down(250, [500, 300, 200]) == [0, 50, 200]
    assert write_down(2000, [500, 300, 200]) == [500, 300, 200]


def test_the_guarantor_pays_its_share_truncated_to_the_fen():
    assert guarantee(1001, Decimal("0.5")) == 500


def test_coupons_accrue_actual_over_365_truncated():
    assert accrual(100_000_00, Decimal("0.045"), date(2027, 1, 25), date(2027, 2, 25)) == 38219  # 382.19


@given(
    available=fen,
    reserve=fen,
    target=fen,
    fees=fen,
    senior=fen,
    mezzanine=fen,
    deficiency=fen,
)
def test_the_interest_waterfall_allocates_exactly_what_came_in(
    available, reserve, target, fees, senior, mezzanine, deficiency
):
    a = allocate_interest(InterestDue(available, reserve, target, fees, senior, mezzanine, deficiency))
    assert a.allocated == available + a.reserve_draw
    assert 0 <= a.reserve_draw <= reserve
    assert a.fees <= fees and a.senior <= senior and a.mezzanine <= mezzanine and a.cured <= deficiency
    assert min(a.fees, a.senior, a.mezzanine, a.cured, a.reserve_topup, a.subordinated) >= 0
    if a.subordinated:  # something reached the bottom: everything above was paid in full
        assert (a.fees, a.senior, a.mezzanine, a.cured) == (fees, senior, mezzanine, deficiency)


@given(amount=fen, balances=st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=3))
def test_pay_down_and_write_down_never_create_money(amount, balances):
    paid, cut = pay_down(amount, balances), write_down(amount, balances)
    assert sum(paid) == min(amount, sum(balances)) == sum(cut)
    assert all(0 <= p <= b for p, b in zip(paid, balances))
    assert all(0 <= c <= b for c, b in zip(cut, balances))


@given(amount=fen, units=st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=200))
def test_holders_shares_are_truncated_and_the_residue_stays_with_the_pool(amount, units):
    shares = pro_rata(amount, units)
    assert sum(shares) <= amount
    assert amount - sum(shares) < len(units)
    assert all(s * sum(units) <= amount * u for s, u in zip(shares, units))
