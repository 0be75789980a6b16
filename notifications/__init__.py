"""Notifications: what happened to a user's money (the wallet's and the portfolio's events,
copied from the ledger's outbox) and reminders of what is coming (a held payment releases
tomorrow, the risk assessment expires within 30 days, an invested plan has drifted beyond its
band), in the user's language, each marked read or unread.

- ``models``: ``notifications`` (one row per user and ``dedupe_key``: an outbox event's
  notification or a reminder's subject, kind and due date, so nothing is shown twice) and
  ``notification_feed`` (how far the outbox has been copied, and the ids skipped over that may
  still commit).
- ``feed``: copies new outbox events into notifications, classified by ``wallet.events`` and
  ``investing.events`` (the same classification as the subscriptions), idempotently.
- ``reminders``: the daily reminders, dated by the contract (the deadline), not by the run.
- ``texts``: titles and bodies in English and Chinese.
- ``service``: what the API, CLI and jobs call.
"""
