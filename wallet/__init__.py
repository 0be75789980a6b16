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
"""
