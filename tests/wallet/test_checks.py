"""Pure checks, as properties: GB 11643 identity numbers, Luhn card numbers, amounts in fen."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import DomainError
from demo.wallet import luhn_complete
from wallet import identity, limits

TODAY = date(2026, 11, 26)

bodies = st.builds(
    lambda area, born, sequence: f"{area}{born:%Y%m%d}{sequence:03d}",
    st.integers(min_value=110000, max_value=829999),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
)


@given(bodies)
def test_the_right_check_character_is_accepted_and_every_other_refused(body):
    right = identity.id_check_character(body)
    assert identity.normalize_id_number(body + right.lower(), today=TODAY) == body + right
    for wrong in set("0123456789X") - {right}:
        with pytest.raises(DomainError) as refused:
            identity.normalize_id_number(body + wrong, today=TODAY)
        assert (refused.value.code, refused.value.field) == ("INVALID_ID_NUMBER", "idNumber")


def test_known_identity_number_and_future_birth_date():
    # The GB 11643 worked example: 11010519491231002X.
    assert identity.normalize_id_number("11010519491231002x", today=TODAY) == "11010519491231002X"
    future = f"110105{TODAY + timedelta(days=1):%Y%m%d}123"
    with pytest.raises(DomainError):
        identity.normalize_id_number(future + identity.id_check_character(future), today=TODAY)
    assert identity.mask_id_number("11010519491231002X") == "110105********002X"


@given(st.text(alphabet="0123456789", min_size=11, max_size=18), st.data())
def test_luhn_catches_every_single_digit_error(prefix, data):
    number = luhn_complete(prefix)
    assert identity.normalize_card_number(" ".join([number[:4], number[4:]])) == number
    position = data.draw(st.integers(min_value=0, max_value=len(number) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    typo = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(DomainError) as refused:
        identity.normalize_card_number(typo)
    assert refused.value.code == "INVALID_CARD_NUMBER"


@given(st.integers(min_value=1, max_value=10**12))
def test_amounts_become_exact_fen(fen):
    text = f"{fen // 100}.{fen % 100:02d}"
    assert limits.minor_units(Decimal(text)) == fen
    assert limits.minor_units(Decimal(text + "0")) == fen  # a trailing zero is not a third decimal


@given(st.integers(min_value=1, max_value=10**9).filter(lambda n: n % 10))
def test_a_third_decimal_is_refused_never_rounded(thousandths):
    amount = Decimal(thousandths).scaleb(-3)
    with pytest.raises(DomainError) as refused:
        limits.minor_units(amount)
    assert (refused.value.code, refused.value.field) == ("INVALID_AMOUNT", "amount")
