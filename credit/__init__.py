"""Credit from the platform's own transaction data.

- ``features``: per user, twelve calendar months of sales as a payee of guarantee payments,
  buyers, growth and volatility, refund and dispute rates, account age, verified identity and
  card, money-fund balance, payments made as a buyer and (from ``lending``, through a
  registered source) repayment behaviour; no protected attributes and no age;
- ``scorecard``: ``Scorecard``, our small estimator over optbinning (binning, weights of
  evidence, logistic regression, points scaled by points-to-double-odds) with ``reasons``;
- ``simulation``: the documented hidden-quality model of merchants the first model is fitted on;
- ``grading``: grades with their probability of default, limits and the reasons' texts;
- ``service``: consent, fitting and storing versioned models, nightly scoring, what a user
  and staff see; ``models``, ``errors``.

Lending (above) decides loans from what this package says; this package never imports it.
"""

from credit.scorecard import Scorecard

__all__ = ["Scorecard"]
