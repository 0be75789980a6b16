"""The GraphQL ``Money`` type: an exact decimal string with its currency."""

from decimal import Decimal

from api.graphql.money import Money
from core.money import Money as MoneyValue


def test_money_answers_a_decimal_string_with_the_currencys_decimals():
    assert Money.of(MoneyValue.of("1234.5")) == Money(amount="1234.50", currency="CNY")
    assert Money.of(MoneyValue.from_minor(-5)) == Money(amount="-0.05", currency="CNY")
    assert Money.cny(Decimal("0.125")) == Money(amount="0.12", currency="CNY")  # half-even to the fen
    assert Money.of(MoneyValue.of("1E+3", "JPY")).amount == "1000"
