"""Wallet domain: everything that moves a user's cash, on the ledger (``ledger``).

- ``identity`` (real-name verification, bank cards) and ``payment_password``;
- ``cash`` (deposits, withdrawals, the simulated bank) and ``payments`` (direct and
  guarantee payments, escrow, disputes, the periodic release; ``payment_sql`` is its
  two-statement form on PostgreSQL);
- ``queries`` (balances and payments as users see them), ``limits`` (per transaction and per
  day), ``checks`` (the wallet's part of ``ledger.verify``);
- ``service``: the functions the API and the CLI call; ``kinds``, ``models``, ``errors``.
"""

from wallet import checks as _checks  # noqa: F401 - registers the wallet's ledger checks
