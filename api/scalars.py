"""Scalars for exact decimals. Every decimal travels as a string (``"123.45"``).

Inputs are parsed strictly: floats, NaN, infinities, exponents and more decimals than the
field allows are refused. A refused input does not abort the request: it arrives in the
resolver as an ``InvalidValue``, and the mutation edge turns it into a ``userErrors`` entry
naming the field (queries raise it as an error with the argument's name).

- ``MoneyAmount``: CNY amounts, 2 decimals.
- ``UnitAmount``: fund units, 2 decimals.
- ``NavValue``: NAVs and income per 10,000 units, 4 decimals.
- ``Decimal``: rates and weights (output: any exact decimal; input: at most 6 decimals).
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from core.errors import Text
from core.money import (
    NAV_PLACES,
    RATE_PLACES,
    UNITS_PLACES,
    DecimalFormatError,
    exponent,
    parse_decimal,
)


@dataclass(frozen=True, slots=True)
class InvalidValue:
    """An input decimal that failed strict parsing; ``reason`` says why (both languages)."""

    reason: Text
    raw: object


def _parser(places: int, what: str):
    def parse(value: object):
        if isinstance(value, decimal.Decimal):  # already parsed (default values)
            return value
        try:
            return parse_decimal(value, places, what=what)
        except DecimalFormatError as exc:
            return InvalidValue(exc.text, value)

    return parse


def _serialize(value: object) -> str:
    if isinstance(value, float):
        raise TypeError("decimals must never be floats")
    return format(decimal.Decimal(value), "f")


MoneyAmount = NewType("MoneyAmount", decimal.Decimal)
UnitAmount = NewType("UnitAmount", decimal.Decimal)
NavValue = NewType("NavValue", decimal.Decimal)

MONEY_AMOUNT_SCALAR = strawberry.scalar(
    name="MoneyAmount",
    description='An amount of money as a decimal string with at most 2 decimals, e.g. "1234.50".',
    serialize=_serialize,
    parse_value=_parser(exponent("CNY"), "the amount"),
)

UNIT_AMOUNT_SCALAR = strawberry.scalar(
    name="UnitAmount",
    description='Fund units as a decimal string with at most 2 decimals, e.g. "100.25".',
    serialize=_serialize,
    parse_value=_parser(UNITS_PLACES, "the number of units"),
)

NAV_VALUE_SCALAR = strawberry.scalar(
    name="NavValue",
    description='A NAV or an income per 10,000 units: decimal string, at most 4 decimals, e.g. "1.0234".',
    serialize=_serialize,
    parse_value=_parser(NAV_PLACES, "the value"),
)

DECIMAL_SCALAR = ScalarDefinition(
    name="Decimal",
    description=(
        'An exact decimal as a string (rates and weights as fractions: "0.041" is 4.1%). '
        "Inputs take at most 6 decimals; no floats, exponents, NaN or infinities."
    ),
    specified_by_url=None,
    serialize=_serialize,
    parse_value=_parser(RATE_PLACES, "the decimal"),
    parse_literal=None,
)

SCALAR_MAP = {
    decimal.Decimal: DECIMAL_SCALAR,
    MoneyAmount: MONEY_AMOUNT_SCALAR,
    UnitAmount: UNIT_AMOUNT_SCALAR,
    NavValue: NAV_VALUE_SCALAR,
}
