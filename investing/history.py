"""The wallet history as a person reads it (``wallet { transactions }``): each line says what
it was about, and lines that belong together are one line.

Folding rules (here, not in the API, so every reader gets the same history):
- a fee is shown on the line it was charged with (a subscription or a redemption, same user,
  same time and entry or order): the ``FEE`` line itself is not a line of its own;
- a payment from the money-fund balance is one line, the payment's (``source`` MONEY_FUND):
  the fast redemption that funded it (its ``REDEMPTION`` and ``FEE`` lines) is folded into it;
- an income line names its fund (``product_id`` from the units asset it was credited to).

Lines stay in the ledger history's order (``created_at``, then id: the order the money moved;
the same keyset cursor). ``balance_after`` is the wallet's cash right after the line's ledger
entry, from one aggregate statement per page (the cash now minus what moved after the entry),
so a failed withdrawal's return, which has no line of its own, still shows in the lines after
it. Everything a page needs is read in a fixed number of statements, never one per line.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Row, and_, cast, exists, func, null, or_, select, union_all
from sqlalchemy.orm import Session

from core.errors import Text, t
from core.money import shown
from db import keyset
from investing.order_rows import ORDERS
from investing.orders import OrderView, view_of
from ledger import history as ledger_history
from ledger.accounts import ACCOUNTS
from ledger.entries import POSTINGS
from ledger.history import TRANSACTIONS, LineFilter
from ledger.kinds import CNY, FUND_ASSET_PREFIX, Purpose, TransactionKind
from products import prices
from wallet.kinds import PaymentSource
from wallet.queries import PaymentView, payment_views

EVERY_LINE = LineFilter()
_CHARGED_WITH = (str(TransactionKind.SUBSCRIPTION), str(TransactionKind.REDEMPTION), str(TransactionKind.SWITCH))
_FOLDED_INTO_PAYMENT = (str(TransactionKind.REDEMPTION), str(TransactionKind.FEE))
_PAID = (TransactionKind.PAYMENT_SENT, TransactionKind.ESCROW_HOLD)


@dataclass(frozen=True, slots=True)
class ReadableLine:
    """One line of the readable history. ``amount`` is the line's own (positive minor units,
    as in ``wallet_transactions``): a subscription's net amount (``amount + fee`` left the
    wallet), a redemption's gross proceeds (``amount - fee`` arrived)."""

    row: Any  # id, kind, status, asset, amount, payment_id, entry_id, created_at, updated_at, order_id
    product_id: int | None = None
    product_name: Text | None = None
    order: OrderView | None = None
    payment: PaymentView | None = None
    counterparty: str | None = None
    memo: str | None = None
    fee: int | None = None
    source: PaymentSource | None = None
    balance_after: int | None = None
    switched_to: Text | None = None  # a switch: the fund its proceeds bought

    @property
    def kind(self) -> TransactionKind:
        return TransactionKind(self.row.kind)

    @property
    def description(self) -> Text:
        return describe(self)


def _shown(user_id: int) -> tuple[Any, list[Any]]:
    """The user's lines and the conditions that leave out the folded ones."""
    lines = ledger_history.lines_of(user_id)
    other = TRANSACTIONS.alias("charged_with")
    fee_with_its_line = and_(
        lines.c.kind == str(TransactionKind.FEE),
        exists().where(
            other.c.user_id == user_id,
            other.c.kind.in_(_CHARGED_WITH),
            other.c.created_at == lines.c.created_at,
            or_(other.c.entry_id == lines.c.entry_id, other.c.order_id == lines.c.order_id),
        ),
    )
    funded_a_payment = and_(
        lines.c.kind.in_(_FOLDED_INTO_PAYMENT),
        lines.c.order_id.in_(select(ORDERS.c.id).where(ORDERS.c.user_id == user_id, ORDERS.c.for_payment)),
    )
    return lines, [~fee_with_its_line, ~funded_a_payment]


def page(
    session: Session,
    *,
    user_id: int,
    limit: int,
    after: tuple[datetime, int] | None,
    only: LineFilter = EVERY_LINE,
    backward: bool = False,
) -> list[ReadableLine]:
    """``limit`` readable lines, newest first, after the keyset ``after`` (``backward``: the
    lines before it, read oldest first, as ``db.keyset`` reads a backward page)."""
    lines, shown = _shown(user_id)
    statement = select(lines).where(*shown, *only.conditions(lines))
    statement = keyset.page(
        statement,
        [lines.c.created_at, lines.c.id],
        descending=[True, True],
        key=after,
        backward=backward,
        limit=limit,
    )
    rows = list(session.execute(statement).all())
    if not backward:
        return explain(session, user_id=user_id, rows=rows)
    # Lines are explained newest first (a payment's funding is found among the lines before it).
    return explain(session, user_id=user_id, rows=rows[::-1])[::-1]


def count(session: Session, *, user_id: int, only: LineFilter = EVERY_LINE) -> int:
    lines, shown = _shown(user_id)
    return int(
        session.execute(select(func.count()).select_from(lines).where(*shown, *only.conditions(lines))).scalar_one()
    )


def line(session: Session, *, user_id: int, line_id: int) -> ReadableLine | None:
    """One line by id (a folded line's id finds nothing: its line is the one it was folded into)."""
    lines, shown = _shown(user_id)
    row = session.execute(select(lines).where(lines.c.id == line_id, *shown)).one_or_none()
    return None if row is None else explain(session, user_id=user_id, rows=[row])[0]


def lines_between(session: Session, *, user_id: int, since: datetime, until: datetime) -> list[ReadableLine]:
    """Every line written from ``since`` until ``until``, folded ones included (the statement
    describes ledger entries by them), oldest first."""
    lines = ledger_history.lines_of(user_id)
    rows = session.execute(
        select(lines)
        .where(lines.c.created_at >= since, lines.c.created_at < until)
        .order_by(lines.c.created_at, lines.c.id)
    ).all()
    return explain(session, user_id=user_id, rows=rows, balances=False)


# --- what each line was about ----------------------------------------------------------------


def explain(session: Session, *, user_id: int, rows: Sequence[Row[Any]], balances: bool = True) -> list[ReadableLine]:
    """The rows with their order, product, payment, counterparty, memo, fee, source and the
    cash after them, in a fixed number of statements."""
    if not rows:
        return []
    paid_at = [row.created_at for row in rows if TransactionKind(row.kind) in _PAID]
    order_ids = {row.order_id for row in rows if row.order_id is not None}
    orders = _orders(session, user_id=user_id, ids=order_ids, paid_at=paid_at)
    funded = _funding(rows, orders)
    fees = _fees(session, user_id=user_id, rows=rows)
    views = {
        view.id: view
        for view in payment_views(session, {row.payment_id for row in rows if row.payment_id}, viewer_id=user_id)
    }
    product_ids = {order.product_id for order in orders.values()}
    product_ids |= {order.switch_to_product_id for order in orders.values() if order.switch_to_product_id is not None}
    income_products = {row.id: _fund_of(row) for row in rows}
    product_ids |= {pid for pid in income_products.values() if pid is not None}
    found = prices.load_products(session=session, product_ids=product_ids)
    after = _balances_after(session, user_id=user_id, entry_ids=[row.entry_id for row in rows]) if balances else {}
    explained = []
    for row in rows:
        kind = TransactionKind(row.kind)
        order = orders.get(row.order_id) if row.order_id is not None else None
        product_id = order.product_id if order is not None else income_products[row.id]
        view = views.get(row.payment_id) if row.payment_id is not None else None
        funding = funded.get(row.id, [])
        fee = fees.get((row.created_at, row.entry_id, row.order_id)) if kind.value in _CHARGED_WITH else None
        if funding:
            fee = sum(order.fee or 0 for order in funding) or None
            product_id = funding[0].product_id
        product = found.get(product_id) if product_id is not None else None
        target = found.get(order.switch_to_product_id) if order is not None and order.switch_to_product_id else None
        explained.append(
            ReadableLine(
                row=row,
                product_id=product_id,
                product_name=None if product is None else t(product.name_en, product.name_zh),
                order=None if order is None else view_of(order),
                payment=view,
                counterparty=None if view is None else _other_party(view, user_id),
                memo=None if view is None else view.memo,
                fee=fee,
                source=(PaymentSource.MONEY_FUND if funding else PaymentSource.WALLET) if view is not None else None,
                balance_after=after.get(row.entry_id) if row.entry_id is not None else None,
                switched_to=None if target is None else t(target.name_en, target.name_zh),
            )
        )
    return explained


def _fund_of(row: Row[Any]) -> int | None:
    asset = getattr(row, "fund_asset", None)
    if asset is None or not asset.startswith(FUND_ASSET_PREFIX):
        return None
    return int(asset[len(FUND_ASSET_PREFIX) :])


def _funding(rows: Sequence[Row[Any]], orders: dict[int, Any]) -> dict[int, list[Any]]:
    """The fast redemptions that funded each payment line, by line id: those placed at the
    payment's time whose entry comes before the payment's and after any earlier payment's of
    that time (the redemptions and the payment are booked one after the other, in one
    transaction)."""
    paid = sorted(
        (row for row in rows if TransactionKind(row.kind) in _PAID and row.entry_id is not None),
        key=lambda row: row.entry_id,
    )
    funded: dict[int, list[Any]] = {}
    for order in orders.values():
        if not order.for_payment or order.entry_id is None:
            continue
        payment = next(
            (row for row in paid if row.created_at == order.placed_at and row.entry_id > order.entry_id), None
        )
        if payment is not None:
            funded.setdefault(payment.id, []).append(order)
    return funded


def _other_party(view: PaymentView, user_id: int) -> str:
    return view.payee_name if view.payer_id == user_id else view.payer_name


def _orders(session: Session, *, user_id: int, ids: set[int], paid_at: list[datetime]) -> dict[int, Any]:
    """The lines' orders and the fast redemptions that funded payments made at ``paid_at``."""
    conditions: list[Any] = []
    if ids:
        conditions.append(ORDERS.c.id.in_(sorted(ids)))
    if paid_at:
        conditions.append(and_(ORDERS.c.user_id == user_id, ORDERS.c.for_payment, ORDERS.c.placed_at.in_(paid_at)))
    if not conditions:
        return {}
    rows = session.execute(select(ORDERS).where(ORDERS.c.user_id == user_id, or_(*conditions))).all()
    return {row.id: row for row in rows}


def _fees(
    session: Session, *, user_id: int, rows: Sequence[Row[Any]]
) -> dict[tuple[datetime, int | None, int | None], int]:
    """The fee charged with each subscription or redemption line, by (time, entry, order)."""
    charged = [row for row in rows if row.kind in _CHARGED_WITH]
    if not charged:
        return {}
    found = session.execute(
        select(
            TRANSACTIONS.c.created_at, TRANSACTIONS.c.entry_id, TRANSACTIONS.c.order_id, TRANSACTIONS.c.amount
        ).where(
            TRANSACTIONS.c.user_id == user_id,
            TRANSACTIONS.c.kind == str(TransactionKind.FEE),
            TRANSACTIONS.c.created_at.in_(sorted({row.created_at for row in charged})),
        )
    ).all()
    fees: dict[tuple[datetime, int | None, int | None], int] = {}
    for row in charged:
        for fee in found:
            if fee.created_at == row.created_at and (
                (fee.entry_id is not None and fee.entry_id == row.entry_id)
                or (fee.order_id is not None and fee.order_id == row.order_id)
            ):
                key = (row.created_at, row.entry_id, row.order_id)
                fees[key] = fees.get(key, 0) + fee.amount
    return fees


def _balances_after(session: Session, *, user_id: int, entry_ids: list[int | None]) -> dict[int, int]:
    """The user's cash right after each of ``entry_ids``: one statement (the cash now and what
    each entry since the oldest of them moved it)."""
    known = sorted({entry_id for entry_id in entry_ids if entry_id is not None})
    if not known:
        return {}
    cash = (
        select(ACCOUNTS.c.id)
        .where(ACCOUNTS.c.user_id == user_id, ACCOUNTS.c.purpose == str(Purpose.CASH), ACCOUNTS.c.asset == CNY)
        .scalar_subquery()
    )
    now = select(
        cast(null(), BigInteger).label("entry_id"),
        func.coalesce(
            select(ACCOUNTS.c.balance)
            .where(ACCOUNTS.c.user_id == user_id, ACCOUNTS.c.purpose == str(Purpose.CASH), ACCOUNTS.c.asset == CNY)
            .scalar_subquery(),
            0,
        ).label("amount"),
    )
    moves = (
        select(POSTINGS.c.entry_id, func.sum(POSTINGS.c.amount).label("amount"))
        .where(POSTINGS.c.account_id == cash, POSTINGS.c.entry_id > known[0])
        .group_by(POSTINGS.c.entry_id)
    )
    rows = session.execute(union_all(now, moves)).all()
    balance = next(int(row.amount) for row in rows if row.entry_id is None)
    later = sorted((int(row.entry_id), int(row.amount)) for row in rows if row.entry_id is not None)
    ids = [entry_id for entry_id, _ in later]
    suffix = [0] * (len(later) + 1)  # suffix[i]: what the entries from later[i] on moved
    for index in range(len(later) - 1, -1, -1):
        suffix[index] = suffix[index + 1] + later[index][1]
    return {entry_id: balance - suffix[bisect.bisect_right(ids, entry_id)] for entry_id in known}


# --- descriptions ----------------------------------------------------------------------------


def describe(line: ReadableLine) -> Text:
    """What the line was about, in both languages."""
    kind = line.kind
    product = line.product_name or t("a fund", "基金")
    who = line.counterparty or "-"
    target = line.switched_to or t("another fund", "其他基金")
    fee_en = f" (fee {shown(line.fee)})" if line.fee else ""
    fee_zh = f"（手续费 {shown(line.fee)}）" if line.fee else ""
    memo = f" · {line.memo}" if line.memo else ""
    if kind in _PAID and line.source is PaymentSource.MONEY_FUND:
        held = " (guarantee, held)" if kind is TransactionKind.ESCROW_HOLD else ""
        held_zh = "（担保交易）" if kind is TransactionKind.ESCROW_HOLD else ""
        return t(
            f"Paid {who} from the money-fund balance ({product.en}){held}{memo}",
            f"使用{product.zh}余额付款给{who}{held_zh}{memo}",
        )
    texts = {
        TransactionKind.DEPOSIT: t("Top-up from bank card", "银行卡充值"),
        TransactionKind.WITHDRAWAL: t("Withdrawal to bank card", "提现到银行卡"),
        TransactionKind.PAYMENT_SENT: t(f"Paid {who}{memo}", f"付款给{who}{memo}"),
        TransactionKind.PAYMENT_RECEIVED: t(f"Payment from {who}{memo}", f"收到{who}的付款{memo}"),
        TransactionKind.ESCROW_HOLD: t(
            f"Guarantee payment to {who}, held{memo}", f"担保交易付款给{who}（待确认）{memo}"
        ),
        TransactionKind.ESCROW_RELEASE: t(
            f"Guarantee payment from {who} released{memo}", f"{who}的担保交易付款已到账{memo}"
        ),
        TransactionKind.ESCROW_REFUND: t(
            f"Guarantee payment to {who} refunded{memo}", f"付给{who}的担保交易已退款{memo}"
        ),
        TransactionKind.SUBSCRIPTION: t(f"Bought {product.en}{fee_en}", f"申购{product.zh}{fee_zh}"),
        TransactionKind.SUBSCRIPTION_REFUND: t(f"Order for {product.en} refunded", f"{product.zh}申购退款"),
        TransactionKind.REDEMPTION: t(f"Sold {product.en}{fee_en}", f"赎回{product.zh}{fee_zh}"),
        TransactionKind.FEE: t(f"Fee: {product.en}", f"手续费：{product.zh}"),
        TransactionKind.INCOME: t(f"Income: {product.en}", f"{product.zh}收益"),
        TransactionKind.NEGATIVE_INCOME: t(f"Loss of a day: {product.en}", f"{product.zh}当日亏损"),
        TransactionKind.COUPON: t(f"Interest: {product.en}", f"{product.zh}利息"),
        TransactionKind.PRINCIPAL: t(f"Principal repaid: {product.en}", f"{product.zh}本金到账"),
        TransactionKind.WRITE_DOWN: t(
            f"Loss written down: {product.en} (units retired unpaid)", f"{product.zh}本金损失核销（份额注销，未兑付）"
        ),
        TransactionKind.GUARANTOR_PAYMENT: t(
            f"Guarantor's payment for the loss: {product.en}", f"{product.zh}担保方代偿"
        ),
        TransactionKind.PRICE_CORRECTION: t(f"Price correction: {product.en}", f"{product.zh}净值更正补款"),
        TransactionKind.DIVIDEND: t(f"Dividend: {product.en}", f"{product.zh}分红"),
        TransactionKind.LOAN_DRAWDOWN: t("Loan paid out", "贷款放款到账"),
        TransactionKind.LOAN_REPAYMENT: t("Loan repayment", "贷款还款"),
        TransactionKind.SWITCH: t(
            f"Switched {product.en} into {target.en}{fee_en}", f"{product.zh}转换为{target.zh}{fee_zh}"
        ),
    }
    return texts[kind]
