"""Deposits and withdrawals over the simulated bank rail.

- ``deposit``: money comes from the bank clearing account into the user's cash account.
- ``withdraw``: money leaves the available balance at once into "withdrawals in transit";
  the transaction is ``PENDING`` until the simulated bank answers (``settle_withdrawal``,
  run by ``robo bank settle``, or at once when ``ROBO_BANK_AUTO_SETTLE`` is on): on success
  the money moves on to bank clearing (``COMPLETED``); on failure a reversing entry returns
  it to the user (``FAILED``).

Both take an idempotency key and a bound bank card; frozen users cannot use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError
from core.ids import parse_id
from users import service as users
from ledger import idempotency
from wallet import identity, limits, payment_password
from ledger.accounts import lock_user_accounts, system_account
from ledger.errors import LedgerErrorCode
from wallet.errors import WalletErrorCode
from ledger.history import TRANSACTIONS, Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, TransactionStatus
from ledger.entries import Posting, post_entry


@dataclass(frozen=True, slots=True)
class TransferResult:
    """The wallet transaction a request created (or, for a replay, created earlier)."""

    transaction_id: int
    replayed: bool = False


def _card_id(value: int | str | None) -> int | None:
    """The bank card id a client named (None: the most recent card); NOT_FOUND when it cannot
    be an id, as for a card that is not on the account."""
    if value is None:
        return None
    return parse_id(value, field="bankCardId", message="No such bank card on your account.")


def deposit(
    *,
    session: Session,
    clock: Clock,
    settings,
    user_id: int,
    amount: Decimal,
    idempotency_key: str,
    bank_card_id: int | str | None = None,
) -> TransferResult:
    minor = limits.minor_units(amount)
    card_id = _card_id(bank_card_id)
    now = clock.now()
    claim = idempotency.claim(
        session,
        user_id=user_id,
        key=idempotency_key,
        operation="deposit",
        parameters={"amount": minor, "asset": CNY, "bankCardId": card_id},
        now=now,
    )
    if claim.is_replay:
        return TransferResult(claim.replay_of, replayed=True)
    users.ensure_can_move_money(session=session, user_id=user_id)
    card = identity.card_for_transfer(session, user_id, card_id)
    cash = lock_user_accounts(session, [(user_id, Purpose.CASH, CNY)], now=now)[(user_id, Purpose.CASH, CNY)]
    clearing = system_account(session, Purpose.BANK_CLEARING, CNY, now=now)
    entry = post_entry(
        session,
        kind=EntryKind.DEPOSIT,
        postings=[Posting(clearing, -minor), Posting(cash.ref, minor)],
        at=now,
    )
    (transaction_id,) = record(
        session,
        [Line(user_id=user_id, kind=TransactionKind.DEPOSIT, amount=minor, asset=CNY, entry_id=entry.id, bank_card_id=card.id)],
        at=now,
    )
    idempotency.complete(session, claim, result_id=transaction_id)
    return TransferResult(transaction_id)


def withdraw(
    *,
    session: Session,
    clock: Clock,
    settings,
    user_id: int,
    amount: Decimal,
    idempotency_key: str,
    payment_password_text: str | None = None,
    bank_card_id: int | str | None = None,
) -> TransferResult:
    minor = limits.minor_units(amount)
    limits.check_per_transaction(minor, settings=settings)
    card_id = _card_id(bank_card_id)
    now = clock.now()
    claim = idempotency.claim(
        session,
        user_id=user_id,
        key=idempotency_key,
        operation="withdraw",
        parameters={"amount": minor, "asset": CNY, "bankCardId": card_id},
        now=now,
    )
    if claim.is_replay:
        return TransferResult(claim.replay_of, replayed=True)
    users.ensure_can_move_money(session=session, user_id=user_id)
    card = identity.card_for_transfer(session, user_id, card_id)
    profile = identity.payment_profile(session, user_id)
    payment_password.check(profile=profile, password=payment_password_text, user_id=user_id, clock=clock, settings=settings)
    cash = lock_user_accounts(session, [(user_id, Purpose.CASH, CNY)], now=now)[(user_id, Purpose.CASH, CNY)]
    if cash.balance < minor:
        raise DomainError(LedgerErrorCode.INSUFFICIENT_FUNDS, "The balance is not enough for this amount.", "amount")
    limits.check_daily(session, user_id=user_id, amount=minor, clock=clock, settings=settings)
    in_transit = system_account(session, Purpose.WITHDRAWALS_IN_TRANSIT, CNY, now=now)
    entry = post_entry(
        session,
        kind=EntryKind.WITHDRAWAL,
        postings=[Posting(cash.ref, -minor), Posting(in_transit, minor)],
        at=now,
    )
    (transaction_id,) = record(
        session,
        [
            Line(
                user_id=user_id,
                kind=TransactionKind.WITHDRAWAL,
                status=TransactionStatus.PENDING,
                amount=minor,
                asset=CNY,
                entry_id=entry.id,
                bank_card_id=card.id,
            )
        ],
        at=now,
    )
    payment_password.reset_failures(session, profile)
    idempotency.complete(session, claim, result_id=transaction_id)
    if settings.bank_auto_settle:
        settle_withdrawal(session=session, clock=clock, transaction_id=transaction_id, succeeded=True)
    return TransferResult(transaction_id)


def settle_withdrawal(*, session: Session, clock: Clock, transaction_id: int, succeeded: bool) -> None:
    """The bank's answer to a pending withdrawal: the money goes on to the bank, or back to
    the user. Exactly one answer counts (a guarded update of the PENDING status)."""
    now = clock.now()
    row = session.execute(
        update(TRANSACTIONS)
        .where(
            TRANSACTIONS.c.id == transaction_id,
            TRANSACTIONS.c.kind == str(TransactionKind.WITHDRAWAL),
            TRANSACTIONS.c.status == str(TransactionStatus.PENDING),
        )
        .values(status=str(TransactionStatus.COMPLETED if succeeded else TransactionStatus.FAILED), updated_at=now)
        .returning(TRANSACTIONS.c.user_id, TRANSACTIONS.c.amount, TRANSACTIONS.c.asset, TRANSACTIONS.c.entry_id)
    ).one_or_none()
    if row is None:
        raise DomainError(WalletErrorCode.WITHDRAWAL_NOT_PENDING, f"Withdrawal {transaction_id} is not pending.", "transactionId")
    if succeeded:
        in_transit = system_account(session, Purpose.WITHDRAWALS_IN_TRANSIT, row.asset, now=now)
        clearing = system_account(session, Purpose.BANK_CLEARING, row.asset, now=now)
        post_entry(
            session,
            kind=EntryKind.WITHDRAWAL_SETTLEMENT,
            postings=[Posting(in_transit, -row.amount), Posting(clearing, row.amount)],
            at=now,
        )
        return
    key = (row.user_id, Purpose.CASH, row.asset)
    cash = lock_user_accounts(session, [key], now=now)[key]
    in_transit = system_account(session, Purpose.WITHDRAWALS_IN_TRANSIT, row.asset, now=now)
    post_entry(
        session,
        kind=EntryKind.WITHDRAWAL_REVERSAL,
        postings=[Posting(in_transit, -row.amount), Posting(cash.ref, row.amount)],
        at=now,
        reverses_entry_id=row.entry_id,
    )


def pending_withdrawal_ids(session: Session, *, limit: int = 1000) -> list[int]:
    return list(
        session.execute(
            select(TRANSACTIONS.c.id)
            .where(
                TRANSACTIONS.c.kind == str(TransactionKind.WITHDRAWAL),
                TRANSACTIONS.c.status == str(TransactionStatus.PENDING),
            )
            .order_by(TRANSACTIONS.c.id)
            .limit(limit)
        ).scalars()
    )
