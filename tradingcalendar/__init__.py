"""The platform's trading calendar as data: the Shanghai exchange's weekday closures (seeded
from ``exchange_calendars`` by a migration for the years it covers, extended by operators
from the exchange's yearly holiday notice), the range of days it knows, and the audited
imports. ``service.calendar(session)`` gives the ``core.calendar.TradingCalendar`` every
date of record is computed on; the library is never read at run time. ``records`` is where
higher domains register the dates of record they have stored ahead (an import may not close
one of them)."""
