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
from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError, t
from core.ids import parse_id
from core.settings import Settings
from ledger import idempotency, outbox
from ledger.accounts import lock_user_accounts, system_account
from ledger.entries import Posting, post_entry
from ledger.errors import LedgerErrorCode
from ledger.history import TRANSACTIONS, Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, TransactionStatus
from users import service as users
from wallet import identity, limits, payment_password
from wallet.errors import WalletErrorCode
from wallet.models import BankCard


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
    return parse_id(
        value, field="bankCardId", message=t("No such bank card on your account.", "您的账户中没有这张银行卡。")
    )


@dataclass(frozen=True, slots=True)
class _Transfer:
    """A deposit or withdrawal past its common checks: the amount, the card, the key's claim."""

    minor: int
    card: BankCard | None  # None: a replay
    claim: idempotency.Claim
    now: datetime
    replay: TransferResult | None = None


def _begin_transfer(
    session: Session,
    *,
    clock: Clock,
    operation: str,
    user_id: int,
    amount: Decimal,
    idempotency_key: str,
    bank_card_id: int | str | None,
) -> _Transfer:
    """What a deposit and a withdrawal share: the amount in minor units, the card asked for,
    the idempotency key claimed (a replay returns the earlier transaction), and the account
    allowed to move money with a card bound to it."""
    minor = limits.minor_units(amount)
    card_id = _card_id(bank_card_id)
    now = clock.now()
    claim = idempotency.claim(
        session,
        user_id=user_id,
        key=idempotency_key,
        operation=operation,
        parameters={"amount": minor, "asset": CNY, "bankCardId": card_id},
        now=now,
    )
    if claim.is_replay:
        # A replay's claim has its result (``replay_of``).
        return _Transfer(minor, None, claim, now, TransferResult(cast(int, claim.replay_of), replayed=True))
    users.ensure_can_move_money(session=session, user_id=user_id)
    return _Transfer(minor, identity.card_for_transfer(session, user_id, card_id), claim, now)


def _book(
    session: Session,
    transfer: _Transfer,
    *,
    user_id: int,
    kind: EntryKind,
    postings: list[Posting],
    status: TransactionStatus = TransactionStatus.COMPLETED,
) -> int:
    """Post the transfer's entry and its history line, complete the key; the line's id."""
    entry = post_entry(session, kind=kind, postings=postings, at=transfer.now)
    (transaction_id,) = record(
        session,
        [
            Line(
                user_id=user_id,
                kind=TransactionKind(str(kind)),
                status=status,
                amount=transfer.minor,
                asset=CNY,
                entry_id=entry.id,
                bank_card_id=cast(BankCard, transfer.card).id,  # not a replay: the card is there
            )
        ],
        at=transfer.now,
    )
    idempotency.complete(session, transfer.claim, result_id=transaction_id)
    return transaction_id


def deposit(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    amount: Decimal,
    idempotency_key: str,
    bank_card_id: int | str | None = None,
) -> TransferResult:
    """Top up the wallet from a bound bank card (the simulated bank pays at once)."""
    transfer = _begin_transfer(
        session,
        clock=clock,
        operation="deposit",
        user_id=user_id,
        amount=amount,
        idempotency_key=idempotency_key,
        bank_card_id=bank_card_id,
    )
    if transfer.replay is not None:
        return transfer.replay
    cash = lock_user_accounts(session, [(user_id, Purpose.CASH, CNY)], now=transfer.now)[(user_id, Purpose.CASH, CNY)]
    clearing = system_account(session, Purpose.BANK_CLEARING, CNY, now=transfer.now)
    return TransferResult(
        _book(
            session,
            transfer,
            user_id=user_id,
            kind=EntryKind.DEPOSIT,
            postings=[Posting(clearing, -transfer.minor), Posting(cash.ref, transfer.minor)],
        )
    )


def withdraw(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    amount: Decimal,
    idempotency_key: str,
    payment_password_text: str | None = None,
    bank_card_id: int | str | None = None,
) -> TransferResult:
    """Send cash to a bound bank card: it waits in transit until the bank settles it (at once
    with ``bank_auto_settle``); within the per-transaction and daily limits."""
    limits.check_per_transaction(limits.minor_units(amount), settings=settings)
    transfer = _begin_transfer(
        session,
        clock=clock,
        operation="withdraw",
        user_id=user_id,
        amount=amount,
        idempotency_key=idempotency_key,
        bank_card_id=bank_card_id,
    )
    if transfer.replay is not None:
        return transfer.replay
    profile = identity.payment_profile(session, user_id)
    payment_password.check(
        profile=profile, password=payment_password_text, user_id=user_id, clock=clock, settings=settings
    )
    cash = lock_user_accounts(session, [(user_id, Purpose.CASH, CNY)], now=transfer.now)[(user_id, Purpose.CASH, CNY)]
    if cash.balance < transfer.minor:
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS, t("The balance is not enough for this amount.", "余额不足。"), "amount"
        )
    limits.check_daily(session, user_id=user_id, amount=transfer.minor, clock=clock, settings=settings)
    in_transit = system_account(session, Purpose.WITHDRAWALS_IN_TRANSIT, CNY, now=transfer.now)
    transaction_id = _book(
        session,
        transfer,
        user_id=user_id,
        kind=EntryKind.WITHDRAWAL,
        postings=[Posting(cash.ref, -transfer.minor), Posting(in_transit, transfer.minor)],
        status=TransactionStatus.PENDING,
    )
    payment_password.reset_failures(session, profile)
    if settings.bank_auto_settle:
        settle_withdrawal(session=session, clock=clock, transaction_id=transaction_id, succeeded=True)
    return TransferResult(transaction_id)


# Outbox topics of this module (``wallet.events`` reads them).
WITHDRAWAL_COMPLETED = "withdrawal.COMPLETED"
WITHDRAWAL_FAILED = "withdrawal.FAILED"


def settle_withdrawal(*, session: Session, clock: Clock, transaction_id: int, succeeded: bool) -> None:
    """The bank's answer to a pending withdrawal: the money goes on to the bank, or back to
    the user. Exactly one answer counts (a guarded update of the PENDING status)."""
    if not answer_if_pending(session, clock, transaction_id, succeeded):
        raise DomainError(
            WalletErrorCode.WITHDRAWAL_NOT_PENDING,
            t(f"Withdrawal {transaction_id} is not pending.", f"提现 {transaction_id} 不在处理中。"),
            "transactionId",
        )


def answer_if_pending(session: Session, clock: Clock, transaction_id: int, succeeded: bool) -> bool:
    """Book the bank's answer if the withdrawal is still PENDING (False: it is not, or it is
    no withdrawal; nothing was written)."""
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
        return False
    outbox.emit(  # for live updates: the user learns the bank's answer, in this transaction
        session,
        topic=WITHDRAWAL_COMPLETED if succeeded else WITHDRAWAL_FAILED,
        at=now,
        user_ids=[row.user_id],
        payload={"transaction_id": transaction_id},
    )
    if succeeded:
        in_transit = system_account(session, Purpose.WITHDRAWALS_IN_TRANSIT, row.asset, now=now)
        clearing = system_account(session, Purpose.BANK_CLEARING, row.asset, now=now)
        post_entry(
            session,
            kind=EntryKind.WITHDRAWAL_SETTLEMENT,
            postings=[Posting(in_transit, -row.amount), Posting(clearing, row.amount)],
            at=now,
        )
        return True
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
    return True


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
