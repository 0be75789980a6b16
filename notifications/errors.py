"""Error codes of the notifications domain."""

from __future__ import annotations

from enum import StrEnum


class NotificationErrorCode(StrEnum):
    TOO_MANY_NOTIFICATIONS = "TOO_MANY_NOTIFICATIONS"  # more ids at once than a page holds
    INVALID_REMINDER_DATE = "INVALID_REMINDER_DATE"  # reminders of a day in the future
