"""Risk profiling: versioned bilingual questionnaires (data files in ``versions/``), scoring
into investor categories C1..C5, stored assessments with a 12-month life, and the one
suitability rule everybody uses (CSRC investor suitability scheme).

Public, stable entry points for other domains:

- ``questionnaire.profiles.current_profile(*, session, user_id, clock) -> RiskProfile``:
  never None; ``status`` is CURRENT, EXPIRING, EXPIRED or MISSING. Carries ``risk_category``
  (``core.risk.RiskCategory``), ``expires_at``, ``flags`` (ELDERLY, INCONSISTENT_ANSWERS),
  ``lowest_category``, ``qualified_investor``, ``horizon_months``, ``liquidity_need``
  (Decimal CNY), ``assessment_id``, and ``recommendable_up_to`` (the highest R level a
  recommendation may use: R1 without a valid profile).
- ``questionnaire.profiles.expiring_between(*, session, after, until) -> list[Expiry]``: the
  current assessments expiring in that window (reminders).
- ``questionnaire.suitability.check(*, profile, product_risk_level, qualified_investors_only=False,
  locale="zh-CN") -> SuitabilityResult``: ``decision`` ALLOWED / NEEDS_ACKNOWLEDGEMENT /
  FORBIDDEN, ``reason`` (code + text) and ``warning`` (deterministic id + text) when an
  acknowledgement is needed.
- ``questionnaire.suitability.verify_acknowledgement(*, profile, product_risk_level,
  qualified_investors_only=False, acknowledged_warning_id, locale=..., field=...)``: for
  orders; returns the result or raises ``DomainError`` (SUITABILITY_FORBIDDEN,
  ACKNOWLEDGEMENT_REQUIRED).
- ``questionnaire.service.submit_assessment(...)``, ``assessments_page(...)``, ``rescore(...)``.

Modules: ``definition`` (file format and validator), ``registry`` (shipped versions),
``localized`` (one locale's view), ``answers`` (checking answers), ``scoring``,
``qualification``, ``explanations`` and ``texts``, ``models``, ``profiles``, ``service``,
``suitability``, ``demo``.
"""
