"""Investing: orders for fund units, their confirmation, money-fund income, loan payments and
the daily jobs. Fund units are ledger assets ``FUND:<product id>``; a holding is a
``FUND_UNITS`` account, every order a ledger entry.

- ``orders``: ``subscribe``, ``redeem`` (usable several times in one write transaction: a plan
  is all or nothing), ``cancel_order``, ``order_view``, ``orders_page``; every refusal is a
  ``DomainError`` with a code and a field. Prices and fees: ``pricing``; lots (fees by holding
  period, cost basis, lock-ups): ``lots``; T+0 redemption: ``fast_redemption``; paying from
  the money-fund balance (a fast redemption plus a wallet payment): ``fund_payments``.
- ``portfolio``: holdings (units, price, value, cost basis, lock-ups) and what
  ``me { portfolio }`` shows.
- the daily jobs, idempotent per (job, product, day): ``jobs`` (``run_daily_job``),
  ``confirmation``, ``income`` (set-based money-fund income and its corrections), ``loans``,
  ``repricing`` (corrected NAVs); ``checks`` (investing's part of ``ledger.verify``);
  ``dates_of_record`` (the stored days ahead a trading-calendar import may not close).
- ``service``: the functions the API and the CLI call; ``kinds``, ``models``, ``errors``.
"""

from investing import checks as _checks  # noqa: F401 - registers investing's ledger checks
from investing import dates_of_record as _dates_of_record  # noqa: F401 - registers with tradingcalendar.records
from investing import holdings as _holdings  # noqa: F401 - registers the holding check with products
