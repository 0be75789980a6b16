"""Ids from clients: exactly the positive 64-bit integers pass; everything else is refused
with the caller's code and field before it can reach the database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import CommonErrorCode, DomainError, t
from core.ids import MAX_ID, parse_id

ids = st.integers(min_value=1, max_value=MAX_ID)


@given(ids)
def test_every_64_bit_id_parses_from_its_text_and_as_an_int(value):
    assert parse_id(str(value), field="id") == value
    assert parse_id(value, field="id") == value


@given(
    st.one_of(
        st.integers(max_value=0),
        st.integers(min_value=MAX_ID + 1),
        st.integers(max_value=0).map(str),
        st.integers(min_value=MAX_ID + 1).map(str),
        st.text().filter(lambda text: not (text.isascii() and text.isdigit())),
        st.sampled_from([True, False, None, 1.0, b"1", "1.0", " 1", "+1", "1_000", "١٢", "0x10", "1e3"]),
    )
)
def test_anything_else_is_refused_as_not_found_naming_the_field(value):
    with pytest.raises(DomainError) as refused:
        parse_id(value, field="paymentId", message=t("No such payment.", "找不到这笔付款。"))
    assert (refused.value.code, refused.value.field, refused.value.message) == (
        CommonErrorCode.NOT_FOUND,
        "paymentId",
        "No such payment.",
    )


def test_a_caller_that_is_not_a_lookup_chooses_the_code():
    with pytest.raises(DomainError) as refused:
        parse_id(str(2**63), field="orderId", code=CommonErrorCode.INVALID_INPUT)
    assert refused.value.code is CommonErrorCode.INVALID_INPUT
