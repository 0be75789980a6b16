"""``Money { amount currency }``: an exact amount as a decimal string with its ISO 4217 code."""

from __future__ import annotations

import strawberry

from core.money import Money as MoneyValue


@strawberry.type(
    description='An exact amount of money: amount is a decimal string ("1234.50"), currency an ISO 4217 code.'
)
class Money:
    amount: str
    currency: str

    @classmethod
    def of(cls, value: MoneyValue) -> Money:
        return cls(amount=value.text(), currency=value.currency)

    @classmethod
    def of_minor(cls, minor: int | None, currency: str = "CNY") -> Money | None:
        """From integer minor units (None stays None)."""
        return None if minor is None else cls.of(MoneyValue.from_minor(minor, currency))

    @classmethod
    def of_amount(cls, amount, currency: str = "CNY") -> Money:
        """From an exact Decimal amount (not rounded)."""
        return cls.of(MoneyValue(amount, currency))

    @classmethod
    def cny(cls, amount) -> Money:
        """From a Decimal amount of CNY (rounded half-even to the fen for display)."""
        return cls.of(MoneyValue(amount, "CNY").rounded())
