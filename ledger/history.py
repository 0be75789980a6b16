"""The user-facing wallet history (``wallet_transactions``): written next to the ledger
entries it explains, read page by page (newest first).

Money-fund income is not copied into ``wallet_transactions`` (a fund's day would write one
line per holder next to its postings): its lines (``INCOME``, or ``NEGATIVE_INCOME`` for a
losing day or a reversed day) are read from the ledger itself, the postings of the income
entries on the user's units accounts, with the posting id negated as their id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import (
    BigInteger,
    Row,
    Select,
    String,
    case,
    cast,
    func,
    insert,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from db import keyset
from db.base import table_of
from db.counting import count_rows
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind, TransactionStatus
from ledger.models import ASSET_LENGTH, JournalEntry, LedgerAccount, Posting, WalletTransaction

TRANSACTIONS = table_of(WalletTransaction)
_INSERT = insert(TRANSACTIONS)
_INSERT_ONE = insert(TRANSACTIONS).returning(TRANSACTIONS.c.id)


@dataclass(frozen=True, slots=True)
class Line:
    """One history line to write."""

    user_id: int
    kind: TransactionKind
    amount: int
    asset: str
    entry_id: int | None
    status: TransactionStatus = TransactionStatus.COMPLETED
    payment_id: int | None = None
    bank_card_id: int | None = None
    order_id: int | None = None  # the fund order the line belongs to (investing)


def record(session: Session, lines: Sequence[Line], *, at: datetime) -> list[int]:
    """Insert the lines (one round trip); their ids when there is one line, else []."""
    rows = [
        dict(
            user_id=line.user_id,
            kind=str(line.kind),
            status=str(line.status),
            asset=line.asset,
            amount=line.amount,
            payment_id=line.payment_id,
            entry_id=line.entry_id,
            bank_card_id=line.bank_card_id,
            order_id=line.order_id,
            created_at=at,
            updated_at=at,
        )
        for line in lines
    ]
    if len(rows) == 1:
        return [session.execute(_INSERT_ONE, rows[0]).scalar_one()]
    session.execute(_INSERT, rows)
    return []


def get(session: Session, transaction_id: int) -> Row[Any] | None:
    return session.execute(select(TRANSACTIONS).where(TRANSACTIONS.c.id == transaction_id)).one_or_none()


def _income_lines(user_id: int) -> Select[Any]:
    """The user's money-fund income as history lines, straight from the ledger."""
    postings, accounts, entries = table_of(Posting), table_of(LedgerAccount), table_of(JournalEntry)
    return (
        select(
            (-postings.c.id).label("id"),
            accounts.c.user_id,
            case(
                (postings.c.amount > 0, str(TransactionKind.INCOME)), else_=str(TransactionKind.NEGATIVE_INCOME)
            ).label("kind"),
            literal(str(TransactionStatus.COMPLETED)).label("status"),
            literal(CNY).label("asset"),
            func.abs(postings.c.amount).label("amount"),
            cast(null(), BigInteger).label("payment_id"),
            postings.c.entry_id,
            cast(null(), BigInteger).label("bank_card_id"),
            entries.c.created_at,
            entries.c.created_at.label("updated_at"),
            cast(null(), BigInteger).label("order_id"),
            accounts.c.asset.label("fund_asset"),
        )
        .select_from(
            postings.join(accounts, accounts.c.id == postings.c.account_id).join(
                entries, entries.c.id == postings.c.entry_id
            )
        )
        .where(
            accounts.c.user_id == user_id,
            accounts.c.purpose == str(Purpose.FUND_UNITS),
            entries.c.kind.in_([str(EntryKind.INCOME), str(EntryKind.INCOME_REVERSAL)]),
        )
    )


def _lines(user_id: int) -> Any:
    """The user's whole history (written lines and income lines) as a subquery."""
    written = select(
        TRANSACTIONS.c.id,
        TRANSACTIONS.c.user_id,
        TRANSACTIONS.c.kind,
        TRANSACTIONS.c.status,
        TRANSACTIONS.c.asset,
        TRANSACTIONS.c.amount,
        TRANSACTIONS.c.payment_id,
        TRANSACTIONS.c.entry_id,
        TRANSACTIONS.c.bank_card_id,
        TRANSACTIONS.c.created_at,
        TRANSACTIONS.c.updated_at,
        TRANSACTIONS.c.order_id,
        cast(null(), String(ASSET_LENGTH)).label("fund_asset"),
    ).where(TRANSACTIONS.c.user_id == user_id)
    return union_all(written, _income_lines(user_id)).subquery()


def lines_of(user_id: int) -> Any:
    """The user's whole history as a subquery (columns of ``wallet_transactions`` plus
    ``fund_asset``: the units asset of an income line), for readers that fold lines together."""
    return _lines(user_id)


@dataclass(frozen=True, slots=True)
class LineFilter:
    """Which lines of a history: of these kinds and statuses, written from ``since`` (inclusive)
    until ``until`` (exclusive); None: any."""

    kinds: frozenset[TransactionKind] | None = None
    statuses: frozenset[TransactionStatus] | None = None
    since: datetime | None = None
    until: datetime | None = None

    def conditions(self, lines: Any) -> list[Any]:
        conditions: list[Any] = []
        if self.kinds is not None:
            conditions.append(lines.c.kind.in_(sorted(str(kind) for kind in self.kinds)))
        if self.statuses is not None:
            conditions.append(lines.c.status.in_(sorted(str(status) for status in self.statuses)))
        if self.since is not None:
            conditions.append(lines.c.created_at >= self.since)
        if self.until is not None:
            conditions.append(lines.c.created_at < self.until)
        return conditions

    @classmethod
    def of(
        cls,
        *,
        kinds: Iterable[TransactionKind] | None = None,
        statuses: Iterable[TransactionStatus] | None = None,
        first_day: date | None = None,
        last_day: date | None = None,
        zone: tzinfo,
    ) -> LineFilter:
        """Lines of these kinds and statuses written on the days ``first_day`` to ``last_day``
        (both included) in the platform's ``zone``."""
        return cls(
            kinds=None if kinds is None else frozenset(TransactionKind(kind) for kind in kinds),
            statuses=None if statuses is None else frozenset(TransactionStatus(status) for status in statuses),
            since=None if first_day is None else datetime.combine(first_day, time(), zone),
            until=None if last_day is None else datetime.combine(last_day + timedelta(days=1), time(), zone),
        )


EVERY_LINE = LineFilter()


def page(
    session: Session,
    *,
    user_id: int,
    limit: int,
    after: tuple[datetime, int] | None,
    only: LineFilter = EVERY_LINE,
    backward: bool = False,
) -> Sequence[Row[Any]]:
    """``limit`` lines of the user's history (those ``only`` names), newest first, after the
    keyset ``after`` (``backward``: the lines before it, oldest first; see ``db.keyset``)."""
    lines = _lines(user_id)
    statement = select(lines).where(*only.conditions(lines))
    statement = keyset.page(
        statement,
        [lines.c.created_at, lines.c.id],
        descending=[True, True],
        key=after,
        backward=backward,
        limit=limit,
    )
    return session.execute(statement).all()


def count(session: Session, *, user_id: int, only: LineFilter = EVERY_LINE) -> int:
    """How many lines the user's history has (of those ``only`` names)."""
    lines = _lines(user_id)
    return count_rows(session, select(lines.c.id).where(*only.conditions(lines)))


def line_of(session: Session, *, user_id: int, line_id: int) -> Row[Any] | None:
    """One line of the user's history by its id (an income line's is negative), or None."""
    lines = _lines(user_id)
    return session.execute(select(lines).where(lines.c.id == line_id)).one_or_none()
