"""The jobs' vocabulary: the scheduled jobs, the states of a run and of a task, the engines.
Stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Job(StrEnum):
    """Every scheduled job. The first five and RUN_ABS_POOLS are the daily jobs of ``runDailyJob``
    (``DailyJob``)."""

    CONFIRM_ORDERS = "CONFIRM_ORDERS"
    ACCRUE_INCOME = "ACCRUE_INCOME"
    PROCESS_LOANS = "PROCESS_LOANS"
    RELEASE_ESCROWS = "RELEASE_ESCROWS"
    COLLECT_LOANS = "COLLECT_LOANS"
    RUN_ABS_POOLS = "RUN_ABS_POOLS"  # ABS pools: closings and each month's waterfall (securitisation)
    AUTOMATION = "AUTOMATION"  # 定投 plan runs and automatic rebalancing (notifications.run_automation)
    REMINDERS = "REMINDERS"
    NOTIFICATIONS_FEED = "NOTIFICATIONS_FEED"
    LOGIN_CLEANUP = "LOGIN_CLEANUP"
    CALENDAR_WARNING = "CALENDAR_WARNING"
    SCORE_CREDIT = "SCORE_CREDIT"  # the nightly credit scores of consenting users as of a day (credit.score_day)


class RunState(StrEnum):
    PENDING = "PENDING"  # enqueued, no task started yet
    RUNNING = "RUNNING"  # tasks are being run
    WAITING = "WAITING"  # nothing failed, but something waits (a price, an income figure); runs again
    DONE = "DONE"
    FAILED = "FAILED"  # a task failed its last attempt; an operator may re-run it


class TaskKind(StrEnum):
    RUN = "RUN"  # the whole job for the day in one task
    INCOME_SHARES = "INCOME_SHARES"  # phase 1 of a fund's income: one range of holdings
    INCOME_BOOK = "INCOME_BOOK"  # phase 2: the leftover fen and the day's entry


class TaskState(StrEnum):
    PENDING = "PENDING"
    DONE = "DONE"
    FAILED = "FAILED"


class Engine(StrEnum):
    INPROCESS = "inprocess"  # the server runs the periodic jobs itself (SQLite, one host)
    PROCRASTINATE = "procrastinate"  # `robo scheduler` enqueues, `robo worker` runs (PostgreSQL)
