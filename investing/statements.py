"""Monthly statements (对账单): what the user had at the start and at the end of a month and
every movement of the wallet's cash in between, reconciled to the ledger. Used by
``me.statement(month)`` and the CSV download (``GET /statements/<month>.csv``).

- A month is ``YYYY-MM`` in the platform's time zone. Its opening is the balances at 00:00 on
  the 1st, valued at the NAV of record on the last day of the month before (so a month's
  opening is exactly the month before's closing); its closing is the balances at the end of the
  last day (everything booked so far while the month runs), valued at the NAV of record on
  that day (today while the month runs). Money funds and loan products are valued as the portfolio values them.
- Lines: one per ledger entry of the month that moved the wallet's cash, in the order the
  money moved, ``amount`` signed (negative: out), ``balance_after`` the cash after it; so
  ``opening.cash + sum(amounts) == closing.cash``. A payment from the money-fund balance shows
  as the redemption that funded it and the payment; a refused withdrawal's return has its own
  line. Money-fund income is units, not cash: it is in ``income_total`` and the money-fund
  balance, not in the lines.
- A loan product's payment has a line per part, so the holder sees which is which: ``COUPON``
  (interest), ``PRINCIPAL`` (principal paid back) and, for a pool-backed ABS unit whose tranche
  took a loss, ``GUARANTOR_PAYMENT`` (the guarantor's cash for its share of the loss) and
  ``WRITE_DOWN``: units retired without payment, no cash (``amount`` 0), the principal lost in
  ``written_down``; ``written_down_total`` is the month's.
- ``income_total``: the month's money-fund income (the income postings on the user's units, a
  losing day negative) plus loan coupons paid in cash. ``fees_total``: fees charged in the month
  less fees given back (a cancelled or failed subscription's refund includes its fee).
- A month that has not begun is refused (``INVALID_INPUT`` on ``month``); a month before the
  user had anything is a statement of zeros without lines.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, Text, t
from core.money import UNITS_PLACES
from investing import history
from investing.portfolio import prices_of_record
from ledger.accounts import ACCOUNTS
from ledger.entries import ENTRIES, POSTINGS
from ledger.history import TRANSACTIONS
from ledger.kinds import CNY, FUND_ASSET_PREFIX, EntryKind, Purpose, TransactionKind
from products import prices
from products.kinds import ProductKind

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_INCOME_ENTRIES = (str(EntryKind.INCOME), str(EntryKind.INCOME_REVERSAL))


@dataclass(frozen=True, slots=True)
class HoldingBalance:
    product_id: int
    name: Text
    units: Decimal
    nav: Decimal
    value: Decimal


@dataclass(frozen=True, slots=True)
class Balances:
    """One asset's balances at a moment: minor units of cash and of the money-fund balance
    (money-fund units at 1.00), and every holding (money funds included) valued."""

    asset: str
    at: datetime
    nav_day: date
    cash: int
    money_fund: int
    holdings: list[HoldingBalance] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return Decimal(self.cash).scaleb(-2) + sum((h.value for h in self.holdings), Decimal(0))


@dataclass(frozen=True, slots=True)
class StatementLine:
    at: datetime
    day: date
    kind: TransactionKind
    description: Text
    amount: int  # signed minor units of the cash
    balance_after: int
    fee: int | None = None
    entry_id: int = 0
    written_down: int | None = None  # a WRITE_DOWN line: the principal of the units written down


@dataclass(frozen=True, slots=True)
class Statement:
    month: str
    first_day: date
    last_day: date
    opening: list[Balances]
    closing: list[Balances]
    lines: list[StatementLine]
    income_total: int
    fees_total: int
    written_down_total: int = 0


def parse_month(month: str, *, clock: Clock) -> date:
    """The first day of ``month`` (``YYYY-MM``); INVALID_INPUT for another form or a month
    that has not begun."""
    found = _MONTH.match(month.strip())
    first = None
    if found is not None and 1 <= int(found.group(2)) <= 12 and int(found.group(1)) >= 1900:
        first = date(int(found.group(1)), int(found.group(2)), 1)
    if first is None:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(
                f"'{month[:20]}' is not a month; write it as YYYY-MM (e.g. 2026-11).",
                f"“{month[:20]}”不是月份，请写成 YYYY-MM（如 2026-11）。",
            ),
            "month",
        )
    if first > clock.today():
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(f"{month} has not begun yet; there is no statement for it.", f"{month} 尚未开始，暂无对账单。"),
            "month",
        )
    return first


def _next_month(first: date) -> date:
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def statement(session: Session, *, clock: Clock, user_id: int, month: str) -> Statement:
    """The user's statement of ``month`` (see the module docstring)."""
    first = parse_month(month, clock=clock)
    following = _next_month(first)
    zone = clock.zone
    since = datetime.combine(first, time(), zone)
    running = following > clock.today()
    until = datetime.combine(following, time(), zone)  # while the month runs: everything booked so far
    last_day = clock.today() if running else following - timedelta(days=1)
    opening = _balances(session, user_id=user_id, before=since, nav_day=first - timedelta(days=1))
    closing = _balances(session, user_id=user_id, before=until, nav_day=last_day)
    lines, fees = _lines(session, user_id=user_id, since=since, until=until, opening_cash=opening.cash, clock=clock)
    return Statement(
        month=f"{first.year:04d}-{first.month:02d}",
        first_day=first,
        last_day=following - timedelta(days=1),
        opening=[opening],
        closing=[closing],
        lines=lines,
        income_total=_income(session, user_id=user_id, since=since, until=until),
        fees_total=fees,
        written_down_total=sum(line.written_down or 0 for line in lines),
    )


def _balances(session: Session, *, user_id: int, before: datetime, nav_day: date) -> Balances:
    """The user's accounts summed over the entries before ``before`` (one statement), valued
    at the prices of record on ``nav_day``."""
    rows = session.execute(
        select(ACCOUNTS.c.purpose, ACCOUNTS.c.asset, func.sum(POSTINGS.c.amount))
        .select_from(
            POSTINGS.join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id).join(
                ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id
            )
        )
        .where(ACCOUNTS.c.user_id == user_id, ENTRIES.c.created_at < before)
        .group_by(ACCOUNTS.c.purpose, ACCOUNTS.c.asset)
    ).all()
    cash = 0
    units: dict[int, int] = {}
    for purpose, asset, amount in rows:
        if purpose == str(Purpose.CASH) and asset == CNY:
            cash += int(amount)
        elif purpose == str(Purpose.FUND_UNITS) and asset.startswith(FUND_ASSET_PREFIX) and amount:
            units[int(asset[len(FUND_ASSET_PREFIX) :])] = int(amount)
    products = prices.load_products(session=session, product_ids=units)
    priced = prices_of_record(session, products, nav_day)
    holdings, money_fund = [], 0
    for product_id, held in sorted(units.items()):
        product = products[product_id]
        nav = priced.price(product_id)
        value = (Decimal(held).scaleb(-UNITS_PLACES) * nav).quantize(Decimal("0.01"))
        if ProductKind(product.kind) is ProductKind.MONEY_FUND:
            money_fund += held
        holdings.append(
            HoldingBalance(
                product_id=product_id,
                name=t(product.name_en, product.name_zh),
                units=Decimal(held).scaleb(-UNITS_PLACES),
                nav=nav,
                value=value,
            )
        )
    return Balances(asset=CNY, at=before, nav_day=nav_day, cash=cash, money_fund=money_fund, holdings=holdings)


def _lines(
    session: Session, *, user_id: int, since: datetime, until: datetime, opening_cash: int, clock: Clock
) -> tuple[list[StatementLine], int]:
    """The month's cash movements (one per entry, oldest first) described by their history
    lines, and the month's fees net of fees given back."""
    moves = session.execute(
        select(ENTRIES.c.id, ENTRIES.c.kind, ENTRIES.c.created_at, func.sum(POSTINGS.c.amount).label("amount"))
        .select_from(
            POSTINGS.join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id).join(
                ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id
            )
        )
        .where(
            ACCOUNTS.c.user_id == user_id,
            ACCOUNTS.c.purpose == str(Purpose.CASH),
            ACCOUNTS.c.asset == CNY,
            ENTRIES.c.created_at >= since,
            ENTRIES.c.created_at < until,
        )
        .group_by(ENTRIES.c.id, ENTRIES.c.kind, ENTRIES.c.created_at)
        .order_by(ENTRIES.c.id)
    ).all()
    written = history.lines_between(session, user_id=user_id, since=since, until=until)
    by_entry: dict[int, list[history.ReadableLine]] = defaultdict(list)
    for line in written:
        if line.row.entry_id is not None:
            by_entry[line.row.entry_id].append(line)
    lines: list[StatementLine] = []
    balance = opening_cash
    cash_moves = {move.id: move for move in moves}
    written_down = {
        line.row.entry_id: [x for x in by_entry[line.row.entry_id] if x.kind is TransactionKind.WRITE_DOWN]
        for line in written
        if line.kind is TransactionKind.WRITE_DOWN and line.row.entry_id is not None
    }
    for entry_id in sorted(cash_moves.keys() | written_down.keys()):
        move = cash_moves.get(entry_id)
        parts = [x for x in by_entry.get(entry_id, []) if x.kind is not TransactionKind.WRITE_DOWN]
        if move is not None:
            for kind, description, amount, fee in _parts(move, parts):
                balance += amount
                lines.append(
                    StatementLine(
                        at=move.created_at,
                        day=move.created_at.astimezone(clock.zone).date(),
                        kind=kind,
                        description=description,
                        amount=amount,
                        balance_after=balance,
                        fee=fee,
                        entry_id=entry_id,
                    )
                )
        for loss in written_down.get(entry_id, []):
            lines.append(
                StatementLine(
                    at=loss.row.created_at,
                    day=loss.row.created_at.astimezone(clock.zone).date(),
                    kind=TransactionKind.WRITE_DOWN,
                    description=history.describe(loss),
                    amount=0,
                    balance_after=balance,
                    entry_id=entry_id,
                    written_down=int(loss.row.amount),
                )
            )
    charged = sum(line.row.amount for line in written if line.kind is TransactionKind.FEE)
    given_back = sum(
        (line.order.fee or 0)
        for line in written
        if line.kind is TransactionKind.SUBSCRIPTION_REFUND and line.order is not None
    )
    return lines, charged - given_back


_PAYMENT_PARTS = frozenset({TransactionKind.COUPON, TransactionKind.PRINCIPAL, TransactionKind.GUARANTOR_PAYMENT})


def _parts(move: Any, lines: list[history.ReadableLine]) -> list[tuple[TransactionKind, Text, int, int | None]]:
    """The statement lines of one entry's cash movement: a loan product's payment one per part
    (coupon, principal, guarantor's payment) when its parts add up to the cash that moved,
    anything else one line."""
    if (
        len(lines) > 1
        and all(line.kind in _PAYMENT_PARTS for line in lines)
        and sum(int(line.row.amount) for line in lines) == int(move.amount)
    ):
        return [(line.kind, history.describe(line), int(line.row.amount), None) for line in lines]
    kind, description, fee = _described(move, lines)
    return [(kind, description, int(move.amount), fee)]


def _described(move: Any, lines: list[history.ReadableLine]) -> tuple[TransactionKind, Text, int | None]:
    main = [line for line in lines if line.kind is not TransactionKind.FEE]
    if not main and lines:
        main = lines
    if main:
        line = main[0]
        fee = (
            line.fee
            if line.fee is not None
            else sum(x.row.amount for x in lines if x.kind is TransactionKind.FEE) or None
        )
        if (
            line.order is not None
            and line.order.fast
            and line.kind is TransactionKind.REDEMPTION
            and _for_payment(line)
        ):
            product = line.product_name or t("the money fund", "货币基金")
            return (
                line.kind,
                t(f"From the money-fund balance ({product.en}) to pay", f"{product.zh}余额转出用于付款"),
                fee,
            )
        if len(main) > 1:  # coupon and principal of one payment
            texts = [history.describe(x) for x in main]
            return line.kind, t(" + ".join(x.en for x in texts), "，".join(x.zh for x in texts)), fee
        return line.kind, history.describe(line), fee
    kind = EntryKind(move.kind)
    if kind is EntryKind.WITHDRAWAL_REVERSAL:
        return TransactionKind.WITHDRAWAL, t("Withdrawal returned: the bank refused it", "提现失败，已退回余额"), None
    return (
        TransactionKind.DEPOSIT if int(move.amount) > 0 else TransactionKind.WITHDRAWAL,
        t(f"Ledger entry {move.id} ({kind.value.lower()})", f"账务分录 {move.id}（{kind.value}）"),
        None,
    )


def _for_payment(line: history.ReadableLine) -> bool:
    return line.order is not None and line.order.for_payment


def _income(session: Session, *, user_id: int, since: datetime, until: datetime) -> int:
    """Money-fund income of the month (its postings on the user's units, at 1.00) plus coupons."""
    units = session.execute(
        select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
        .select_from(
            POSTINGS.join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id).join(
                ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id
            )
        )
        .where(
            ACCOUNTS.c.user_id == user_id,
            ACCOUNTS.c.purpose == str(Purpose.FUND_UNITS),
            ENTRIES.c.kind.in_(_INCOME_ENTRIES),
            ENTRIES.c.created_at >= since,
            ENTRIES.c.created_at < until,
        )
    ).scalar_one()
    coupons = session.execute(
        select(func.coalesce(func.sum(TRANSACTIONS.c.amount), 0)).where(
            TRANSACTIONS.c.user_id == user_id,
            TRANSACTIONS.c.kind == str(TransactionKind.COUPON),
            TRANSACTIONS.c.created_at >= since,
            TRANSACTIONS.c.created_at < until,
        )
    ).scalar_one()
    return int(units) + int(coupons)


# --- CSV ------------------------------------------------------------------------------------


def csv_text(found: Statement, *, locale: str) -> str:
    """The statement as CSV (the caller adds a UTF-8 byte-order mark so Excel reads Chinese)."""
    en = locale.lower().startswith("en")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def head(text: Text) -> str:
        return text.in_(locale)

    writer.writerow([head(t("Statement", "对账单")), found.month])
    for title, balances in ((t("Opening", "期初"), found.opening), (t("Closing", "期末"), found.closing)):
        for b in balances:
            writer.writerow([head(title), head(t("Cash", "余额")), b.asset, f"{Decimal(b.cash).scaleb(-2):.2f}"])
            writer.writerow(
                [
                    head(title),
                    head(t("Money-fund balance", "货币基金余额")),
                    b.asset,
                    f"{Decimal(b.money_fund).scaleb(-2):.2f}",
                ]
            )
            for h in b.holdings:
                writer.writerow([head(title), h.name.in_(locale), f"{h.units:.2f}", f"{h.nav:.4f}", f"{h.value:.2f}"])
    writer.writerow([])
    writer.writerow(
        ["Date", "Kind", "Description", "Amount", "Balance after", "Written down"]
        if en
        else ["日期", "类型", "摘要", "金额", "余额", "核销本金"]
    )
    for line in found.lines:
        writer.writerow(
            [
                line.day.isoformat(),
                line.kind.value,
                line.description.in_(locale),
                f"{Decimal(line.amount).scaleb(-2):.2f}",
                f"{Decimal(line.balance_after).scaleb(-2):.2f}",
                "" if line.written_down is None else f"{Decimal(line.written_down).scaleb(-2):.2f}",
            ]
        )
    writer.writerow([])
    writer.writerow([head(t("Income", "收益合计")), f"{Decimal(found.income_total).scaleb(-2):.2f}"])
    writer.writerow([head(t("Fees", "手续费合计")), f"{Decimal(found.fees_total).scaleb(-2):.2f}"])
    if found.written_down_total:
        writer.writerow(
            [head(t("Losses written down", "本金损失核销合计")), f"{Decimal(found.written_down_total).scaleb(-2):.2f}"]
        )
    return out.getvalue()
