"""The nightly automation of a business day: scheduled plans first (their contributions
rebalance with the cash flow), then automatic rebalancing. Both are idempotent per plan and
scheduled date, and per goal and day; ``shard=(k, n)`` splits either across workers by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from advisor.auto_rebalance import RebalanceReport, run_rebalancing
from advisor.investment_plans import PlanRunReport, run_plans
from core.clock import Clock
from core.settings import Settings
from db.session import Database


@dataclass(frozen=True, slots=True)
class AutomationReport:
    plans: PlanRunReport
    rebalancing: RebalanceReport


def run_automation(
    *, database: Database, clock: Clock, settings: Settings, day: date, shard: tuple[int, int] = (0, 1)
) -> AutomationReport:
    plans = run_plans(database=database, clock=clock, settings=settings, day=day, shard=shard)
    rebalancing = run_rebalancing(database=database, clock=clock, settings=settings, day=day, shard=shard)
    return AutomationReport(plans, rebalancing)
