"""The small-loan company: its funding and limits, working-capital loans to merchants, their
schedules, collections and the loan book.

- ``schedule``: instalments from the contract (equal monthly payments or monthly interest
  with principal at maturity), due dates from the start date, and the APR as an internal rate
  of return of every cost to the borrower;
- ``pricing``: the price of a grade, the penalty rate, both within ``ROBO_LENDING_MAX_APR``;
- ``service``: the lender's funding (``fund``), offers, applications and drawdown, repayment
  (early repayment pays interest to the day), the daily collection job, the loan book;
- ``due_pass``: the collection job's set-based pass for the common case of a due date (a
  current loan whose wallet pays the instalment in full), one ledger entry for all of them;
- ``checks``: the loan book's part of ``robo ledger verify``; ``guards``: loan money is never
  invested (``LOAN_FUNDS_NOT_INVESTABLE``); ``behaviour``: repayment features for credit;
- ``simulation``: merchants with a hidden quality trading and borrowing through the real services.

Loans have one owner at a time (``owner``: the lender, or later an ABS pool) and each has its
own receivable account (a shard of LOANS_RECEIVABLE), so a sale moves it in one entry.
"""

from lending import behaviour as _behaviour  # noqa: F401 - registers repayment features and outcomes
from lending import checks as _checks  # noqa: F401 - registers the loan book's ledger checks
from lending import guards as _guards  # noqa: F401 - registers the loan-money guard of investing
