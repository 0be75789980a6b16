"""The products domain as the API, the CLI and other domains call it: every function and type
they use, from the module that implements it. Nothing in ``products`` imports this module, so
it can name them all.

- the catalogue: ``list_products``, ``load_product``, ``get_product``, ``find_by_code``,
  ``catalogue_version``, ``history_pages``, ``load_products``, ``latest_navs``;
- who sees what: ``listed_statuses``, ``list_qualifications``, ``may_see``, ``is_staff``;
- product managers: ``create_product``, ``propose_change`` (at once before launch, else a
  change request), ``approve_change``, ``reject_change``, ``change_status``,
  ``approve_status_change``, NAVs and income (``record_nav``, ``record_income``,
  ``parse_csv`` and ``import_history``, ``request_nav_correction``, ``request_income_figure`` ...), credit
  events, the audit log;
- figures: ``refresh_joint``, ``risk_warning``, ``liquidity_of``;
- charts: ``product_series`` of a ``SeriesMetric`` (NAV, income per 10,000 units, 7-day yield).
"""

from __future__ import annotations

from products.audit import Actor, AuditRecord
from products.audit import count_entries as count_audit_entries
from products.audit import entries as audit_entries
from products.catalogue import (
    ProductFilter,
    SortBy,
    catalogue_version,
    count_history,
    count_products,
    cursor_types,
    history_pages,
    list_products,
    load_product,
    sort_key,
)
from products.changes import ChangeRequestView, ChangeStatus
from products.changes import approve as approve_change
from products.changes import count_requests as count_change_requests
from products.changes import pending_for as pending_change_for
from products.changes import propose as propose_change
from products.changes import reject as reject_change
from products.changes import requests as change_requests
from products.credit_events import record_credit_event
from products.editing import create_product, update_product
from products.figures import risk_warning
from products.history import (
    IMPORT_FIELD,
    HistoryRow,
    ImportRejected,
    IncomeRequestStatus,
    LineError,
    decode_file,
    import_history,
    income_request,
    income_requests,
    nav_correction,
    nav_corrections,
    needs_second_approval,
    parse_csv,
    record_income,
    record_nav,
    reject_income_request,
    reject_nav_correction,
    request_income_figure,
    request_nav_correction,
)
from products.joint_figures import refresh_joint
from products.lifecycle import approve_status_change, change_status
from products.liquidity import liquidity_of
from products.pools import link_pool, set_model_inputs
from products.prices import latest_navs, load_products
from products.qualified import AssetClass
from products.qualified import requirement as qualification_requirement
from products.records import find_by_code, get_product
from products.series import Metric as SeriesMetric
from products.series import product_series
from products.terms import FeeTier, LoanTermsForm
from products.visibility import is_staff, list_qualifications, listed_statuses, may_see

__all__ = [
    "IMPORT_FIELD",
    "Actor",
    "AssetClass",
    "AuditRecord",
    "ChangeRequestView",
    "ChangeStatus",
    "FeeTier",
    "HistoryRow",
    "ImportRejected",
    "IncomeRequestStatus",
    "LineError",
    "LoanTermsForm",
    "ProductFilter",
    "SeriesMetric",
    "SortBy",
    "approve_change",
    "approve_status_change",
    "audit_entries",
    "catalogue_version",
    "change_requests",
    "change_status",
    "count_audit_entries",
    "count_change_requests",
    "count_history",
    "count_products",
    "create_product",
    "cursor_types",
    "decode_file",
    "find_by_code",
    "get_product",
    "history_pages",
    "import_history",
    "income_request",
    "income_requests",
    "is_staff",
    "latest_navs",
    "link_pool",
    "liquidity_of",
    "list_products",
    "list_qualifications",
    "listed_statuses",
    "load_product",
    "load_products",
    "may_see",
    "nav_correction",
    "nav_corrections",
    "needs_second_approval",
    "parse_csv",
    "pending_change_for",
    "product_series",
    "propose_change",
    "qualification_requirement",
    "record_credit_event",
    "record_income",
    "record_nav",
    "refresh_joint",
    "reject_change",
    "reject_income_request",
    "reject_nav_correction",
    "request_income_figure",
    "request_nav_correction",
    "risk_warning",
    "set_model_inputs",
    "sort_key",
    "update_product",
]
