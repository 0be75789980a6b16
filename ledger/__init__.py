"""The ledger: the kernel every domain that moves money stands on.

- ``accounts``: find, create and lock accounts (user accounts keep their balance on the row,
  system accounts derive theirs from postings);
- ``entries``: ``post_entry``, the one way assets move (balanced, multi-asset postings), and
  ``bulk``: the set-based form for one entry with many postings (the money-fund income job);
- ``history``: the users' transaction history (one line per user and movement);
- ``idempotency``: keys of money-moving requests;
- ``outbox``: events written in the same transaction as a movement, read by later features
  (live updates, repayment from sales), so that lower packages never call higher ones;
- ``verify``: every ledger invariant (``robo ledger verify``), with a registry where each
  domain adds its own checks; ``checks``: each run's result, kept (``ledgerCheck``);
- ``kinds`` (assets, purposes, entry and history kinds), ``models``, ``errors``, ``service``.

Only this package writes postings or balances.
"""
