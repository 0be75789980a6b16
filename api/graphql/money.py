"""``Money { amount currency }``: an exact amount as a decimal string with its ISO 4217 code."""

from __future__ import annotations

import strawberry

from core.money import Money as MoneyValue


@strawberry.type(description='An exact amount of money: amount is a decimal string ("1234.50"), currency an ISO 4217 code.')
class Money:
    amount: str
    currency: str

    @classmethod
    def of(cls, value: MoneyValue) -> "Money":
        return cls(amount=value.text(), currency=value.currency)

    @classmethod
    def cny(cls, amount) -> "Money":
        """From a Decimal amount of CNY (rounded half-even to the fen for display)."""
        return cls.of(MoneyValue(amount, "CNY").rounded())
