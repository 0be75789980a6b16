"""Investing as the API and the CLI call it: every function and type they use, from the
module that implements it (nothing in ``investing`` imports this module).

- customers: ``subscribe``, ``redeem``, ``switch_fund``, ``cancel_order``, ``order_view``, ``orders_page``,
  ``cancellable_until``, ``portfolio_of``, ``pay`` (from the wallet or the money-fund balance),
  the portfolio's charts ``value_series`` and ``income_series``;
- pool-backed ABS units (securitisation): ``holders_of``, ``pro_rata``, ``pay_pool_holders``;
- operators: ``run_daily_job`` (and ``release_escrows``), ``correct_money_fund_income``,
  ``approve_income_figure``, ``approve_nav_correction``.
"""

from __future__ import annotations

from investing import dividends
from investing.events import PortfolioEvent, PortfolioEventKind, portfolio_events, portfolio_events_by_user
from investing.fund_payments import pay
from investing.history import ReadableLine
from investing.history import count as count_history
from investing.history import explain as explain_history
from investing.history import line as history_line
from investing.history import page as history_page
from investing.income import approve_income_figure, correct_money_fund_income
from investing.jobs import JobReport, ProductRun, release_escrows, run_daily_job
from investing.jobs import Result as JobResult
from investing.jobs import check_day as check_job_day
from investing.loans import HolderShare, holders_of, pay_pool_holders, pro_rata, units_outstanding
from investing.orders import (
    OrderView,
    cancel_order,
    cancellable_until,
    count_orders,
    order_view,
    orders_page,
    pending_orders,
    redeem,
    subscribe,
    switched_into,
)
from investing.orders import parse_id as parse_order_id
from investing.portfolio import PortfolioView, portfolio_of
from investing.repricing import approve_nav_correction
from investing.series import income_series, value_series
from investing.statements import Balances, Statement, statement
from investing.statements import csv_text as statement_csv
from investing.switching import switch_fund

__all__ = [
    "Balances",
    "HolderShare",
    "JobReport",
    "JobResult",
    "OrderView",
    "PortfolioEvent",
    "PortfolioEventKind",
    "PortfolioView",
    "ProductRun",
    "ReadableLine",
    "Statement",
    "approve_income_figure",
    "approve_nav_correction",
    "cancel_order",
    "cancellable_until",
    "check_job_day",
    "correct_money_fund_income",
    "count_history",
    "count_orders",
    "dividends",
    "explain_history",
    "history_line",
    "history_page",
    "holders_of",
    "income_series",
    "order_view",
    "orders_page",
    "parse_order_id",
    "pay",
    "pay_pool_holders",
    "pending_orders",
    "portfolio_events",
    "portfolio_events_by_user",
    "portfolio_of",
    "pro_rata",
    "redeem",
    "release_escrows",
    "run_daily_job",
    "statement",
    "statement_csv",
    "subscribe",
    "switch_fund",
    "switched_into",
    "units_outstanding",
    "value_series",
]
