"""Investing's vocabulary: order sides and statuses, the daily jobs. Stored as their string
values."""

from __future__ import annotations

from enum import StrEnum


class OrderSide(StrEnum):
    SUBSCRIBE = "SUBSCRIBE"
    REDEEM = "REDEEM"


class OrderStatus(StrEnum):
    PENDING = "PENDING"  # placed, waiting for its trade day's price and confirmation
    CONFIRMED = "CONFIRMED"  # priced and booked (a redemption's cash may still be on its way)
    CANCELLED = "CANCELLED"  # cancelled by the user before the cut-off
    FAILED = "FAILED"  # could not be confirmed (its cash or units were given back)


class DailyJob(StrEnum):
    CONFIRM_ORDERS = "CONFIRM_ORDERS"
    ACCRUE_INCOME = "ACCRUE_INCOME"
    PROCESS_LOANS = "PROCESS_LOANS"
    RELEASE_ESCROWS = "RELEASE_ESCROWS"
    # Run by lending (``lending.service.collect``); the API and the CLI send it there.
    COLLECT_LOANS = "COLLECT_LOANS"
    # Run by securitisation (``securitisation.service.run_pools``): each ABS pool's monthly waterfall.
    RUN_ABS_POOLS = "RUN_ABS_POOLS"
