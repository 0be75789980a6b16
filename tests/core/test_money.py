"""Money is exact: strict decimal parsing, integer minor units, explicit rounding, and
splits that always add up."""

from decimal import MAX_PREC, ROUND_CEILING, ROUND_DOWN, ROUND_UP, Context, Decimal, localcontext

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from core.money import (
    DecimalFormatError,
    Money,
    format_decimal,
    largest_remainder,
    parse_decimal,
    round_half_even,
    truncate,
)

places = st.integers(min_value=0, max_value=6)

# The test's own arithmetic must be exact: ``-x``, ``abs(x)`` and ``x - y`` round to the
# context's 28 digits, and hypothesis draws decimals with more. ``copy_negate`` and
# ``copy_abs`` never round; differences are taken at unlimited precision.
EXACT = Context(prec=MAX_PREC)
MANY_DIGITS = Decimal("0.99999999999999999999999999999")  # 29 nines: -x or x - 0 would round to 1


@st.composite
def decimal_text(draw, max_places: int = 6):
    """A plain decimal string such as "-123.4500" with at most ``max_places`` decimals."""
    whole = draw(st.integers(min_value=0, max_value=10**15 - 1))
    decimals = draw(st.text(alphabet="0123456789", max_size=max_places))
    sign = draw(st.sampled_from(["", "-", "+"]))
    return f"{sign}{whole}" + (f".{decimals}" if decimals else "")


@given(decimal_text(), places)
def test_plain_decimal_text_parses_exactly_or_is_refused_for_its_decimals(text, allowed):
    decimals = len(text.partition(".")[2])
    if decimals <= allowed:
        assert parse_decimal(text, allowed) == Decimal(text)
    else:
        with pytest.raises(DecimalFormatError, match=f"at most {allowed} decimal places"):
            parse_decimal(text, allowed)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12))
def test_the_wire_text_of_money_parses_back_to_the_same_amount(amount):
    money = Money(amount)
    assert Money.parse(money.text()) == Money(amount.quantize(Decimal("0.01")))
    assert Money.from_minor(money.to_minor()) == money


@pytest.mark.parametrize(
    "value",
    [
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "1e3",
        "1E-2",
        "0x10",
        "1,000.00",
        "12.",
        ".5",
        "",
        " ",
        "1 000",
        "١٢٣",
        "12.5.1",
        "--1",
        12.5,
        12,
        None,
        Decimal("1.5"),
    ],
)
def test_anything_but_a_plain_decimal_string_is_refused(value):
    with pytest.raises(DecimalFormatError):
        parse_decimal(value, 6)


def test_absurdly_large_amounts_are_refused():
    with pytest.raises(DecimalFormatError, match="too large"):
        parse_decimal("1" + "0" * 15, 2)
    assert parse_decimal("9" * 15, 2) == Decimal("9" * 15)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9), places)
@example(MANY_DIGITS, 0)
@example(Decimal("-123456789.123456789123456789123456789"), 6)
def test_truncation_goes_towards_zero_and_by_less_than_one_unit(value, p):
    cut = truncate(value, p)
    assert cut.copy_abs() <= value.copy_abs()
    assert EXACT.subtract(value, cut).copy_abs() < Decimal(1).scaleb(-p)
    assert cut == truncate(value.copy_negate(), p).copy_negate()


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9), places)
@example(Decimal("0.50000000000000000000000000001"), 0)  # just above the tie: rounds up, however it is negated
@example(MANY_DIGITS, 0)
def test_half_even_rounding_is_the_nearest_value(value, p):
    rounded = round_half_even(value, p)
    assert EXACT.subtract(value, rounded).copy_abs() <= Decimal(1).scaleb(-p) / 2
    assert rounded == round_half_even(value.copy_negate(), p).copy_negate()


def test_half_even_rounding_sends_ties_to_the_even_neighbour():
    assert [round_half_even(Decimal(v), 2) for v in ("0.125", "0.135", "-0.125", "2.675")] == [
        Decimal("0.12"),
        Decimal("0.14"),
        Decimal("-0.12"),
        Decimal("2.68"),
    ]


def test_money_never_touches_floats_and_keeps_currencies_apart():
    with pytest.raises(TypeError):
        Money(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.of("1.00") * 1.5
    with pytest.raises(ValueError, match="currency mismatch"):
        Money.of("1.00") + Money.of("1.00", "USD")
    with pytest.raises(DecimalFormatError):
        Money.of("1.001").to_minor()  # would need rounding: refused, never silent
    assert Money.of("1.005").rounded() == Money.of("1.00")
    assert Money.of("-1.009").truncated() == Money.of("-1.00")
    assert Money.from_minor(1234, "JPY").text() == "1234"
    assert Money.of("1234.5").display() == "¥1,234.50"


def test_format_decimal_never_uses_exponents():
    assert format_decimal(Decimal("1E+3")) == "1000"
    assert format_decimal(Decimal("0.000001")) == "0.000001"
    assert format_decimal(Decimal("12.3"), 2) == "12.30"


@pytest.mark.parametrize("context_rounding", [ROUND_UP, ROUND_DOWN, ROUND_CEILING])
def test_format_decimal_rounds_half_even_whatever_the_decimal_context_says(context_rounding):
    with localcontext() as context:
        context.rounding = context_rounding
        texts = [format_decimal(Decimal(v), 2) for v in ("0.125", "0.135", "-0.125", "2.675", "0.1251", "-0.0051")]
    assert texts == ["0.12", "0.14", "-0.12", "2.68", "0.13", "-0.01"]


weights = st.lists(
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False), min_size=1, max_size=30
)


@given(weights, st.integers(min_value=-(10**9), max_value=10**9))
def test_largest_remainder_parts_add_up_and_stay_within_one_unit_of_the_exact_share(ws, total):
    parts = largest_remainder(ws, total)
    weight_sum = sum(ws)
    if weight_sum == 0:
        assert parts == [0] * len(ws)
        return
    assert sum(parts) == total
    for weight, part in zip(ws, parts):
        exact = weight * total / weight_sum
        assert abs(part - exact) < 1
        if weight == 0:
            assert part == 0


def test_largest_remainder_gives_leftover_units_to_the_largest_remainders_then_to_the_first():
    assert largest_remainder([Decimal(1)] * 3, 100) == [34, 33, 33]
    assert largest_remainder([Decimal("0.2"), Decimal("0.5"), Decimal("0.3")], 7) == [1, 4, 2]
    assert largest_remainder([Decimal(1)] * 3, -100) == [-34, -33, -33]
    with pytest.raises(ValueError):
        largest_remainder([Decimal(-1), Decimal(2)], 10)
