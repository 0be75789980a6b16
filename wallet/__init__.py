"""Wallet domain: the double-entry, multi-asset ledger and everything that moves money.

Public modules:
- ``ledger`` (``post_entry``: the one way assets move) and ``accounts`` (find, create and lock
  accounts); ``verify`` checks every ledger invariant (``robo ledger verify``);
- ``idempotency``: keys of money-moving requests;
- ``identity`` (real-name verification, bank cards) and ``payment_password``;
- ``cash`` (deposits, withdrawals, the simulated bank) and ``payments`` (direct and
  guarantee payments, escrow, disputes, the periodic release);
- ``queries`` (balances and payments as users see them), ``history`` (wallet transactions);
- ``kinds`` (assets, purposes, statuses), ``limits``, ``errors``, ``models``, ``demo``.

Investing (fund units are ledger assets ``FUND:<product id>``; a holding is a ``FUND_UNITS``
account, every order a ledger entry):
- ``orders``: ``subscribe(*, session, clock, settings, user_id, product_id, amount,
  acknowledged_warning_id=None, idempotency=None, payment_password_text=None,
  payment_password_checked=False) -> OrderResult`` and ``redeem(*, session, clock, settings,
  user_id, product_id, units=None, amount=None, fast=False, idempotency=None, ...)``:
  usable several times in one write transaction (a plan is all or nothing: wrap them in one
  ``Database.write()`` and make the whole request idempotent with your own key, passing
  ``idempotency=None``); every refusal is a ``DomainError`` with a code and a field.
  ``cancel_order``, ``order_view``, ``orders_page``. Prices and fees: ``pricing``; lots (fees
  by holding period, cost basis, lock-ups): ``lots``; T+0 redemption and paying from the
  money-fund balance: ``fast_redemption``.
- ``portfolio``: ``holdings_of(*, session, user_id, clock=None) -> list[Position]`` (units,
  price, value, cost basis, units locked and until when; for rebalancing) and
  ``portfolio_of`` (what ``me { portfolio }`` shows).
- the daily jobs, idempotent per (job, product, day): ``jobs`` (``run_daily_job``),
  ``confirmation`` (T+1 confirmation, redemption cash), ``income`` (set-based money-fund
  income and its corrections), ``loans`` (coupons and principal); ``investing_checks`` (part
  of ``verify``); ``investing_demo`` (demo portfolios).
"""

from wallet import holdings as _holdings  # noqa: E402,F401 - registers the holding check with products
