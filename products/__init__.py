"""Products: the catalogue that users choose from and the optimizer allocates across.

Owns the four product kinds (money funds, equity funds, ABS units, P2P products) with their
terms, the lifecycle with four-eyes approval to go on sale (``lifecycle``), NAV and income
history (``history``, including the all-or-nothing bulk import), the audit log (``audit``),
and the plain return and risk figures, computed when a product's data changes and stored
(``figures``; the models are documented in ``history_model``, ``loan_model``, ``yields``
and ``risk_levels``).

Public modules for other domains:
- ``service``: ``create_product``, ``update_product``, ``get_product``, ``find_by_code``.
- ``lifecycle``: ``change_status``, ``approve_status_change``.
- ``history``: ``record_nav``, ``record_income``, ``import_history``.
- ``catalogue``: reading the catalogue (``list_products``, ``load_product``,
  ``history_pages``) and ``catalogue_version(*, session) -> str``, a 16-hex-digit
  fingerprint that changes whenever a product goes on or off sale or an on-sale product's
  terms, data or figures change (cache on it).
- ``scenarios``: ``scenario_inputs(*, session, clock) -> list[ScenarioInput]``: for every
  ON_SALE product its id, code, kind, risk level, qualified-only flag, currency, minimum
  amount, liquidity (kind, days until cash if asked today, lock days or maturity date,
  settlement days), fees (subscription rate, redemption schedule, yearly management rate),
  the stored figures, and the data behind them: the daily NAV series (equity funds), the
  daily income-per-10,000-units series (money funds), or the ``LoanParameters`` of the
  default model (ABS units and P2P products: rate, term, revolving period or amortisation,
  PD, LGD, attachment/detachment or risk reserve, guarantor share, early-amortisation
  trigger, loan count, asset correlation, fees, early-exit flag).
- ``joint_figures``: the product pages' figures from the advisor's joint scenarios
  (``refresh_joint``; recomputed at commit for the products ``figures.mark_changed`` noted).
- ``kinds``, ``errors`` (``ProductsErrorCode``); the demo catalogue is ``demo.products``.
- for orders and holdings (investing): ``prices`` (a trade day's NAV, a day's income per
  10,000 units, the latest NAVs and many products at once), ``credit_events``
  (``record_credit_event``, ``loss_fraction``: loan defaults and what they cost a payment),
  ``history.correct_income`` (an operator's audited correction of a recorded income).
"""

from products import joint_figures as _joint_figures  # noqa: F401 - its commit listener
