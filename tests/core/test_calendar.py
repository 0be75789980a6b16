"""Trading days follow the Shanghai exchange calendar with the 15:00 cut-off."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.calendar import add_trading_days, is_trading_day, next_trading_day, previous_trading_day, trade_day_for

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_weekends_and_exchange_holidays_are_not_trading_days():
    assert is_trading_day(date(2026, 11, 26))  # a Thursday
    assert not is_trading_day(date(2026, 11, 28))  # Saturday
    assert not is_trading_day(date(2026, 10, 1))  # National Day holiday (a Thursday)
    assert next_trading_day(date(2026, 9, 30)) > date(2026, 10, 5)
    assert previous_trading_day(date(2026, 11, 30)) == date(2026, 11, 27)


def test_orders_after_the_cut_off_or_on_closed_days_belong_to_the_next_trading_day():
    assert trade_day_for(datetime(2026, 11, 26, 14, 59, tzinfo=SHANGHAI)) == date(2026, 11, 26)
    assert trade_day_for(datetime(2026, 11, 26, 15, 0, tzinfo=SHANGHAI)) == date(2026, 11, 27)
    assert trade_day_for(datetime(2026, 11, 27, 16, 0, tzinfo=SHANGHAI)) == date(2026, 11, 30)  # Fri -> Mon
    assert trade_day_for(datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)) == date(2026, 11, 30)  # Saturday


def test_confirmation_days_count_trading_days_only():
    assert add_trading_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert add_trading_days(date(2026, 11, 27), 0) == date(2026, 11, 27)
