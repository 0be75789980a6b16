"""ABS pools of the platform's own small loans: creation with eligibility criteria, tranches,
a revolving period, a reserve, early-amortisation triggers and an optional guarantor; the true
sale at closing; the monthly servicer waterfall (interest: fees, senior, mezzanine, the
principal-deficiency ledger, reserve, subordinated; principal: revolving purchases, then
sequential pay-down; losses: subordinated first); the servicer report; the pool's part of
``robo ledger verify``.

- ``pools``: creating a pool and checking its terms; ``purchases``: the true sale at closing
  and the revolving purchases (set-based, through ``lending.sales``);
- ``waterfall``: the allocation rules as pure functions (fen in, fen out, nothing lost);
- ``service``: closing and the monthly run as the API, the CLI and the job call them;
- ``reports``: the monthly servicer report (and its CSV); ``figures``: the default model's
  inputs observed in the pool's own loans; ``checks``: the ledger invariants;
- ``simulation``: a pool over two simulated years (tests, the benchmark, the demo).

The senior tranche is a catalogue ``ABS_UNIT`` product (``products.pools.link_pool``); its
holders are paid through ``investing.loans.pay_pool_holders``. Lending never imports this
package: a loan's owner lives on the loan (``lending.sales``).
"""

from securitisation import checks as _checks  # noqa: F401 - registers the pools' ledger checks
