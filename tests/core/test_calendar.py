"""Trading days over a known calendar: the Shanghai closures, the 15:00 cut-off, refusals
beyond the known range (never a weekday guess), and the estimate view for figures that only
inform. The rules are checked against a brute-force reference on random calendars."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.calendar import CalendarErrorCode, CalendarNotPublished, TradingCalendar
from tests import calendars

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_weekends_and_exchange_holidays_are_not_trading_days():
    known = calendars.seeded()
    assert known.is_trading_day(date(2026, 11, 26))  # a Thursday
    assert not known.is_trading_day(date(2026, 11, 28))  # Saturday
    assert not known.is_trading_day(date(2026, 10, 1))  # National Day holiday (a Thursday)
    assert "National Day" in known.closure_name(date(2026, 10, 1))
    assert known.next_trading_day(date(2026, 9, 30)) == date(2026, 10, 8)
    assert known.previous_trading_day(date(2026, 11, 30)) == date(2026, 11, 27)


def test_orders_after_the_cut_off_or_on_closed_days_belong_to_the_next_trading_day():
    known = calendars.seeded()
    assert known.trade_day_for(datetime(2026, 11, 26, 14, 59, tzinfo=SHANGHAI)) == date(2026, 11, 26)
    assert known.trade_day_for(datetime(2026, 11, 26, 15, 0, tzinfo=SHANGHAI)) == date(2026, 11, 27)
    assert known.trade_day_for(datetime(2026, 11, 27, 16, 0, tzinfo=SHANGHAI)) == date(2026, 11, 30)  # Fri -> Mon
    assert known.trade_day_for(datetime(2026, 11, 28, 10, 0, tzinfo=SHANGHAI)) == date(2026, 11, 30)  # Saturday


def test_confirmation_days_count_trading_days_only():
    known = calendars.seeded()
    assert known.add_trading_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert known.add_trading_days(date(2026, 11, 27), 0) == date(2026, 11, 27)


def test_the_last_day_of_2026_after_the_cut_off_has_no_trade_day_until_2027_is_known():
    late = datetime(2026, 12, 31, 16, 0, tzinfo=SHANGHAI)
    with pytest.raises(CalendarNotPublished) as refused:
        calendars.seeded().trade_day_for(late)
    assert refused.value.code is CalendarErrorCode.CALENDAR_NOT_PUBLISHED
    assert "2026-12-31" in refused.value.message
    # New Year's Day is a closure in the imported notice: the order belongs to Monday.
    assert calendars.with_2027().trade_day_for(late) == date(2027, 1, 4)


def test_days_beyond_the_known_range_are_refused_not_guessed():
    known = calendars.seeded()
    for question in (
        lambda: known.is_trading_day(date(2027, 1, 1)),
        lambda: known.next_trading_day(date(2026, 12, 31)),
        lambda: known.add_trading_days(date(2026, 12, 30), 2),
        lambda: known.previous_trading_day(known.known_from),
    ):
        with pytest.raises(CalendarNotPublished):
            question()
    assert known.last_trading_day == date(2026, 12, 31)
    assert known.days_known_after(date(2026, 12, 3)) == 28


def test_the_estimate_takes_weekdays_beyond_the_calendar_and_says_so():
    estimate = calendars.seeded().estimate()
    assert estimate.next_trading_day(date(2026, 9, 30)) == date(2026, 10, 8)
    assert not estimate.estimated  # inside the known range: exact
    assert estimate.next_trading_day(date(2026, 12, 31)) == date(2027, 1, 1)  # a guess: a weekday
    assert estimate.estimated


# --- the rules against a brute-force reference ---------------------------------------------

START = date(2030, 1, 1)


@st.composite
def calendars_and_days(draw):
    span = draw(st.integers(min_value=1, max_value=60))
    offsets = draw(st.sets(st.integers(min_value=0, max_value=span), max_size=20))
    closures = {START + timedelta(days=o): "closed" for o in offsets if (START + timedelta(days=o)).weekday() < 5}
    known = TradingCalendar(closures, known_from=START, known_through=START + timedelta(days=span))
    day = START + timedelta(days=draw(st.integers(min_value=0, max_value=span)))
    count = draw(st.integers(min_value=0, max_value=10))
    return known, day, count


def _open(known: TradingCalendar, day: date) -> bool | None:
    """The reference: None outside the known range."""
    if not known.known_from <= day <= known.known_through:
        return None
    return day.weekday() < 5 and day not in known.closures


def _reference_next(known: TradingCalendar, day: date) -> date | None:
    day += timedelta(days=1)
    while (state := _open(known, day)) is False:
        day += timedelta(days=1)
    return day if state else None


def _reference_previous(known: TradingCalendar, day: date) -> date | None:
    day -= timedelta(days=1)
    while (state := _open(known, day)) is False:
        day -= timedelta(days=1)
    return day if state else None


@given(calendars_and_days())
def test_next_previous_and_counting_agree_with_a_reference_or_refuse(case):
    known, day, count = case
    expected = _reference_next(known, day)
    if expected is None:
        with pytest.raises(CalendarNotPublished):
            known.next_trading_day(day)
    else:
        assert known.next_trading_day(day) == expected
        before = _reference_previous(known, expected)
        if before is None:
            with pytest.raises(CalendarNotPublished):
                known.previous_trading_day(expected)
        else:
            assert known.previous_trading_day(expected) == before <= day

    walked: date | None = day
    for _ in range(count):
        walked = None if walked is None else _reference_next(known, walked)
    if walked is None:
        with pytest.raises(CalendarNotPublished):
            known.add_trading_days(day, count)
    else:
        assert known.add_trading_days(day, count) == walked
        estimate = known.estimate()
        assert estimate.add_trading_days(day, count) == walked and not estimate.estimated


@given(calendars_and_days(), st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_trade_day_is_the_day_itself_before_the_cut_off_on_a_trading_day_else_the_next(case, hour, minute):
    known, day, _ = case
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)
    if _open(known, day) and hour < 15:
        assert known.trade_day_for(moment) == day
        return
    expected = _reference_next(known, day)
    if expected is None:
        with pytest.raises(CalendarNotPublished):
            known.trade_day_for(moment)
    else:
        assert known.trade_day_for(moment) == expected
