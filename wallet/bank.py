"""The simulated bank as operators work it: the withdrawals waiting for the bank's answer
(oldest first, the customer's name masked) and ``settle_withdrawals``, the bank's answers
for many at once (``robo bank`` and the operators' ``settleWithdrawals``).

``settle_withdrawals`` is all or nothing and safe to retry: every withdrawal named is
checked, and if any cannot take its answer (no such withdrawal, or the bank already gave
it the other answer) nothing is settled and each refusal is reported. A withdrawal that
already has the answer asked for is left as it is and reported as settled: a retried or
doubled request never pays twice (the answer is booked by a guarded update of the PENDING
status, ``cash.answer_if_pending``, so two operators at the same time cannot both book it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, raise_all, t
from core.text import mask_name
from ledger.history import TRANSACTIONS
from ledger.kinds import TransactionKind, TransactionStatus
from users.models import User
from wallet.cash import answer_if_pending
from wallet.errors import WalletErrorCode
from wallet.models import BankCard

MAX_SETTLE = 500  # withdrawals in one request


@dataclass(frozen=True, slots=True)
class WithdrawalView:
    """A withdrawal as operators see it: the customer's display name masked, the card by its
    bank and last four digits."""

    id: int
    user_id: int
    masked_name: str
    amount: int  # minor units of ``asset``
    asset: str
    status: TransactionStatus
    requested_at: datetime
    answered_at: datetime | None  # when the bank answered (None while pending)
    bank_name: str | None
    card_last4: str | None


_VIEW = (
    select(
        TRANSACTIONS.c.id,
        TRANSACTIONS.c.user_id,
        User.display_name,
        TRANSACTIONS.c.amount,
        TRANSACTIONS.c.asset,
        TRANSACTIONS.c.status,
        TRANSACTIONS.c.created_at,
        TRANSACTIONS.c.updated_at,
        BankCard.bank_name,
        BankCard.last4,
    )
    .join(User, User.id == TRANSACTIONS.c.user_id)
    .outerjoin(BankCard, BankCard.id == TRANSACTIONS.c.bank_card_id)
    .where(TRANSACTIONS.c.kind == str(TransactionKind.WITHDRAWAL))
)
_PENDING = TRANSACTIONS.c.status == str(TransactionStatus.PENDING)


def _view(row: Row[Any]) -> WithdrawalView:
    status = TransactionStatus(row.status)
    return WithdrawalView(
        id=row.id,
        user_id=row.user_id,
        masked_name=mask_name(row.display_name),
        amount=row.amount,
        asset=row.asset,
        status=status,
        requested_at=row.created_at,
        answered_at=None if status == TransactionStatus.PENDING else row.updated_at,
        bank_name=row.bank_name,
        card_last4=row.last4,
    )


def pending_withdrawals(session: Session, *, limit: int, after_id: int | None = None) -> list[WithdrawalView]:
    """Withdrawals waiting for the bank, oldest first (keyset: after ``after_id``)."""
    query = _VIEW.where(_PENDING)
    if after_id is not None:
        query = query.where(TRANSACTIONS.c.id > after_id)
    return [_view(row) for row in session.execute(query.order_by(TRANSACTIONS.c.id).limit(limit))]


def count_pending_withdrawals(session: Session) -> int:
    return session.execute(
        select(func.count())
        .select_from(TRANSACTIONS)
        .where(TRANSACTIONS.c.kind == str(TransactionKind.WITHDRAWAL), _PENDING)
    ).scalar_one()


def withdrawals(session: Session, ids: Sequence[int]) -> dict[int, WithdrawalView]:
    """The withdrawals among ``ids`` (any status), by id."""
    if not ids:
        return {}
    return {row.id: _view(row) for row in session.execute(_VIEW.where(TRANSACTIONS.c.id.in_(list(ids))))}


@dataclass(frozen=True, slots=True)
class Settled:
    """The withdrawals that completed and those that failed (money returned), in the order
    asked; ``already`` the ids that had this answer before the request (left unchanged)."""

    completed: list[int]
    failed: list[int]
    already: frozenset[int]


def settle_withdrawals(
    *,
    session: Session,
    clock: Clock,
    completed: Sequence[int],
    failed: Sequence[int] = (),
    fields: Mapping[int, str] | None = None,
) -> Settled:
    """The bank's answers: ``completed`` went through, ``failed`` were refused (their money
    goes back; an id in both counts as failed). All or nothing; a withdrawal that already has
    its answer is reported, not booked again. ``fields`` names the input each id came from in
    the refusals (default ``transactionId``)."""
    wanted: dict[int, bool] = dict.fromkeys(completed, True)
    wanted.update(dict.fromkeys(failed, False))
    if len(wanted) > MAX_SETTLE:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(f"Settle at most {MAX_SETTLE} withdrawals at a time.", f"一次最多处理 {MAX_SETTLE} 笔提现。"),
            "ids",
        )
    problems: list[DomainError] = []
    already: set[int] = set()
    for key in sorted(wanted):  # one order for every request
        succeeded = wanted[key]
        if answer_if_pending(session, clock, key, succeeded):
            continue
        field = (fields or {}).get(key, "transactionId")
        found = withdrawals(session, [key]).get(key)
        if found is None:
            problems.append(DomainError(CommonErrorCode.NOT_FOUND, t("No such withdrawal.", "找不到这笔提现。"), field))
        elif found.status == (TransactionStatus.COMPLETED if succeeded else TransactionStatus.FAILED):
            already.add(key)
        elif found.status == TransactionStatus.COMPLETED:
            problems.append(
                DomainError(
                    WalletErrorCode.WITHDRAWAL_NOT_PENDING,
                    t(
                        "The bank already completed this withdrawal; it cannot fail now.",
                        "银行已完成这笔提现，不能再标记为失败。",
                    ),
                    field,
                )
            )
        else:
            problems.append(
                DomainError(
                    WalletErrorCode.WITHDRAWAL_NOT_PENDING,
                    t(
                        "The bank already refused this withdrawal and its money went back; it cannot complete now.",
                        "银行已拒绝这笔提现且款项已退回，不能再标记为完成。",
                    ),
                    field,
                )
            )
    raise_all(problems)
    return Settled(
        completed=[key for key, ok in wanted.items() if ok],
        failed=[key for key, ok in wanted.items() if not ok],
        already=frozenset(already),
    )
