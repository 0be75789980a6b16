"""Reads that several types of one screen share, done once per request: the wallet's summary
is shown as ``wallet`` and is the cash inside ``portfolio``."""

from __future__ import annotations

from api.context import Context
from wallet import service as wallet_service


def wallet_of(context: Context, user_id: int) -> wallet_service.WalletSummary:
    """The user's wallet summary, read once per request (again after the request writes)."""
    return context.remember(f"wallet:{user_id}", lambda session: wallet_service.wallet_summary(session, user_id))
