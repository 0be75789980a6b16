"""Money as exact decimals: ``Money`` (Decimal amount + ISO 4217 currency), integer minor
units for storage, strict parsing of decimal strings and explicit rounding helpers.

Rounding is always explicit: ``truncate`` (towards zero, used for income) and
``round_half_even`` (everywhere else unless a rule says otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, InvalidOperation

from core.errors import Text, t

# ISO 4217 minor-unit exponents for the currencies we may meet; CNY is the default.
CURRENCY_EXPONENTS: dict[str, int] = {
    "CNY": 2,
    "HKD": 2,
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "SGD": 2,
    "AUD": 2,
    "CAD": 2,
    "CHF": 2,
    "JPY": 0,
    "KRW": 0,
    "TWD": 2,
    "BHD": 3,
    "KWD": 3,
    "JOD": 3,
    "OMR": 3,
    "TND": 3,
}

CURRENCY_SYMBOLS: dict[str, str] = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

# Precision of the quantities the platform stores (decimal places).
UNITS_PLACES = 2  # fund units
NAV_PLACES = 4  # NAV and income per 10,000 units
RATE_PLACES = 6  # rates and weights

_DECIMAL_TEXT = re.compile(r"[+-]?([0-9]+)(\.([0-9]+))?")  # ASCII digits only
MAX_INTEGER_DIGITS = 15  # 10^15 CNY is far beyond any real amount and fits int64 minor units


AMOUNT = t("amount", "金额")


class DecimalFormatError(ValueError):
    """A decimal input that is not a plain, finite number with the allowed precision.
    ``text`` is the message in both languages (``str(error)``: its English)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _what(what: str | Text) -> Text:
    """The name of a parsed value in both languages (a plain English one is 数值 in Chinese)."""
    return what if isinstance(what, Text) else Text(what, "数值")


def exponent(currency: str) -> int:
    try:
        return CURRENCY_EXPONENTS[currency]
    except KeyError:
        raise DecimalFormatError(t(f"unknown currency {currency!r}", f"未知币种 {currency!r}")) from None


def quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def truncate(value: Decimal, places: int) -> Decimal:
    """Round towards zero to ``places`` decimals (income, units bought)."""
    return value.quantize(quantum(places), rounding=ROUND_DOWN)


def round_half_even(value: Decimal, places: int) -> Decimal:
    """Banker's rounding to ``places`` decimals (the default rounding)."""
    return value.quantize(quantum(places), rounding=ROUND_HALF_EVEN)


def parse_decimal(value: object, places: int, *, what: str | Text = "value") -> Decimal:
    """Parse a plain decimal *string* such as ``"123.45"``.

    Refuses floats and other non-strings, NaN, infinities, exponents, thousands separators
    and more than ``places`` decimals, so nothing is silently rounded.
    """
    name = _what(what)
    if not isinstance(value, str):
        raise DecimalFormatError(
            t(f'{name.en} must be a decimal string such as "12.34"', f'{name.zh}必须是十进制数字字符串，例如 "12.34"')
        )
    text = value.strip()
    match = _DECIMAL_TEXT.fullmatch(text)
    if match is None:
        raise DecimalFormatError(
            t(f'{name.en} must be a plain decimal number such as "12.34"', f'{name.zh}必须是普通十进制数，例如 "12.34"')
        )
    if len(match.group(1).lstrip("0")) > MAX_INTEGER_DIGITS:
        raise DecimalFormatError(t(f"{name.en} is too large", f"{name.zh}过大"))
    decimals = match.group(3) or ""
    if len(decimals) > places:
        raise DecimalFormatError(
            t(f"{name.en} may have at most {places} decimal places", f"{name.zh}最多保留 {places} 位小数")
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already rules this out
        raise DecimalFormatError(t(f"{name.en} is not a number", f"{name.zh}不是数字")) from None


def format_decimal(value: Decimal, places: int | None = None) -> str:
    """Fixed-point text without exponent. ``places`` gives exactly that many decimals:
    padded with zeros, or rounded half-even (never by whatever the decimal context says);
    without it, trailing zeros are dropped."""
    if places is not None:
        value = round_half_even(value, places)
    text = format(value, "f")
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def to_scaled_int(value: Decimal, places: int) -> int:
    """Exact integer of ``value * 10^places``; refuses values that would need rounding."""
    scaled = value.scaleb(places)
    if scaled != scaled.to_integral_value():
        raise DecimalFormatError(
            t(f"{value} has more than {places} decimal places", f"{value} 的小数位数超过 {places} 位")
        )
    return int(scaled)


def from_scaled_int(value: int, places: int) -> Decimal:
    return Decimal(value).scaleb(-places)


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount of one currency. Arithmetic keeps the currency and never rounds."""

    amount: Decimal
    currency: str = "CNY"

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money.amount must be a Decimal, never a float")
        if not self.amount.is_finite():
            raise DecimalFormatError(t("money must be finite", "金额必须是有限数值"))
        exponent(self.currency)

    # construction -------------------------------------------------------------------------
    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str = "CNY") -> Money:
        if isinstance(amount, float):
            raise TypeError("never build Money from a float")
        return cls(Decimal(amount), currency)

    @classmethod
    def zero(cls, currency: str = "CNY") -> Money:
        return cls(Decimal(0), currency)

    @classmethod
    def from_minor(cls, minor: int, currency: str = "CNY") -> Money:
        return cls(from_scaled_int(int(minor), exponent(currency)), currency)

    @classmethod
    def parse(cls, text: object, currency: str = "CNY", *, what: str | Text = AMOUNT) -> Money:
        return cls(parse_decimal(text, exponent(currency), what=what), currency)

    # conversion ---------------------------------------------------------------------------
    @property
    def places(self) -> int:
        return exponent(self.currency)

    def to_minor(self) -> int:
        """Integer minor units; refuses an amount with more decimals than the currency has."""
        return to_scaled_int(self.amount, self.places)

    def rounded(self) -> Money:
        """Half-even rounding to the currency's minor unit."""
        return Money(round_half_even(self.amount, self.places), self.currency)

    def truncated(self) -> Money:
        """Truncation towards zero to the currency's minor unit (income)."""
        return Money(truncate(self.amount, self.places), self.currency)

    def text(self) -> str:
        """The wire form: ``"123.45"`` with exactly the currency's decimals."""
        return format_decimal(self.amount, self.places)

    def display(self, *, decimals: bool = True) -> str:
        """Human form such as ``¥1,234.50`` (or ``¥1,235`` without decimals)."""
        symbol = CURRENCY_SYMBOLS.get(self.currency, self.currency + " ")
        value = self.amount if decimals else round_half_even(self.amount, 0)
        places = self.places if decimals else 0
        sign = "-" if value < 0 else ""
        return f"{sign}{symbol}{abs(value):,.{places}f}"

    # arithmetic ---------------------------------------------------------------------------
    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError("can only combine Money with Money")
        if other.currency != self.currency:
            raise ValueError(f"currency mismatch: {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float):
            raise TypeError("never multiply Money by a float")
        return Money(self.amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    def is_positive(self) -> bool:
        return self.amount > 0

    def __str__(self) -> str:
        return f"{self.text()} {self.currency}"


def major(minor: int, currency: str = "CNY") -> Decimal:
    """An amount of minor units in the currency's major unit (fen to yuan), exactly."""
    return from_scaled_int(int(minor), exponent(currency))


def shown(minor: int, currency: str = "CNY") -> str:
    """How a message names an amount of minor units: ``¥1,234.50``."""
    return Money.from_minor(minor, currency).display()


def _exponent(value: Decimal) -> int:
    """The exponent of a finite Decimal (its digits times ten to this power)."""
    exponent_ = value.as_tuple().exponent
    if not isinstance(exponent_, int):
        raise DecimalFormatError(t("the value must be finite", "数值必须是有限数值"))
    return exponent_


def largest_remainder(weights: list[Decimal], total: int) -> list[int]:
    """Split the integer ``total`` in proportion to ``weights`` so the parts add up exactly.

    Each part is its exact share rounded towards zero; the units left over go one by one to
    the largest remainders (ties to the earlier position). A negative ``total`` (a day of
    negative income) is split like its absolute value, with every part negated. Weights must
    not be negative; when they are all zero every part is zero. Used for percentages that
    must add up to 100 and for fen that must add up to a fund's total income.
    """
    if any(w < 0 for w in weights):
        raise ValueError("largest_remainder needs weights >= 0")
    if total < 0:
        return [-part for part in largest_remainder(weights, -total)]
    # Exact integer arithmetic: scale every weight to an integer by the same power of ten.
    places = max((-_exponent(Decimal(w)) for w in weights), default=0)
    scaled = [int(Decimal(w).scaleb(max(places, 0))) for w in weights]
    weight_sum = sum(scaled)
    if total == 0 or weight_sum == 0:
        return [0] * len(weights)
    parts = [s * total // weight_sum for s in scaled]
    remainders = [s * total % weight_sum for s in scaled]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        parts[i] += 1
    return parts
