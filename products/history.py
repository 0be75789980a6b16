"""NAV history (equity funds) and income per 10,000 units (money funds): recording one day,
and importing a whole file at once.

Rules for every point: the product exists, is of the right kind and is not closed; the date
is not after today (the clock's day), and a NAV's is a trading day of the platform's calendar
(``CALENDAR_NOT_PUBLISHED`` beyond it); a NAV is above 0; an income per 10,000 units is above
-10,000 and below 10,000 (it may be negative); at most 4 decimals. Recording a day again
with the same value changes nothing; with a different value it is refused (no silent
correction: orders may already be priced on it).

An import is checked whole before anything is written: a file with any bad line is
rejected with every line's error, and nothing is loaded (the caller's transaction rolls
back too). The figures of each product touched are recomputed once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from core import csv_import
from core.calendar import CUT_OFF, CalendarNotPublished, TradingCalendar
from core.clock import Clock
from core.csv_import import LineError
from core.errors import CommonErrorCode, DomainError, Text, t
from core.money import NAV_PLACES, DecimalFormatError, parse_decimal
from products import audit, figures
from products.audit import Actor, AuditAction
from products.errors import ProductsErrorCode
from products.kinds import ProductKind, ProductStatus
from products.models import IncomeFigureRequest, IncomePoint, NavCorrection, NavPoint, Product
from products.records import get_product
from tradingcalendar.service import calendar as trading_calendar

INCOME_BOUND = Decimal(10_000)
CHUNK = 1_000

Progress = Callable[[str, int, int], None]  # (phase, done, total)


_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_REQUEST_STATUS_ZH = {"PENDING": "待审批", "APPROVED": "已通过", "REJECTED": "已拒绝", "WITHDRAWN": "已撤回"}


def _check_value(kind: ProductKind, value: Decimal) -> Text | None:
    if kind is ProductKind.EQUITY_FUND and value <= 0:
        return t("A NAV must be above 0.", "净值必须大于 0。")
    if kind is ProductKind.MONEY_FUND and not (-INCOME_BOUND < value < INCOME_BOUND):
        return t(
            "An income per 10,000 units lies between -10,000 and 10,000.", "每万份收益须在 -10,000 到 10,000 之间。"
        )
    return None


def _check_product(product: Product, kind: ProductKind) -> Text | None:
    actual = ProductKind(product.kind)
    if actual.is_loan:
        return t(
            f"{product.code} is a {actual.value} product: it has no NAV or income history.",
            f"{product.code} 是 {actual.value} 产品，没有净值或收益历史。",
        )
    if actual is not kind:
        if actual is ProductKind.MONEY_FUND:
            return t(
                f"{product.code} is a money fund: its NAV is fixed at 1.00; record its income per 10,000 units.",
                f"{product.code} 是货币基金，净值固定为 1.00，请录入其每万份收益。",
            )
        if actual is ProductKind.EQUITY_FUND:
            return t(f"{product.code} is an equity fund: record its NAV.", f"{product.code} 是权益基金，请录入其净值。")
    if product.status == ProductStatus.CLOSED:
        return t(f"{product.code} is closed.", f"{product.code} 已关闭。")
    return None


def _trading_day_problem(known: TradingCalendar, day: date, clock: Clock) -> DomainError | None:
    """Why an equity fund can have no NAV on ``day`` (the exchange was closed, the calendar does
    not know the day, or the day's 15:00 close has not passed yet), or None."""
    try:
        if known.is_trading_day(day):
            now = clock.local_now()
            if day == now.date() and now.time() < CUT_OFF:
                return DomainError(
                    ProductsErrorCode.NAV_NOT_YET_KNOWN,
                    t(
                        f"The NAV of {day.isoformat()} is known after its 15:00 close.",
                        f"{day.isoformat()} 的净值在当日 15:00 收市后才能确定。",
                    ),
                    "date",
                )
            return None
    except CalendarNotPublished as error:
        error.field = "date"
        return error
    closure = known.closure_name(day)
    why, why_zh = closure or day.strftime("%A"), closure or _WEEKDAYS_ZH[day.weekday()]
    return DomainError(
        ProductsErrorCode.NOT_A_TRADING_DAY,
        t(
            f"{day.isoformat()} is not a trading day ({why}): a NAV exists only for trading days.",
            f"{day.isoformat()} 不是交易日（{why_zh}）：只有交易日才有净值。",
        ),
        "date",
    )


def _model(kind: ProductKind):
    return (
        (NavPoint, NavPoint.nav, "nav")
        if kind is ProductKind.EQUITY_FUND
        else (IncomePoint, IncomePoint.income_per_10k, "income_per_10k")
    )


def _record(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product_id: int,
    day: date,
    value: Decimal,
    kind: ProductKind,
    field_name: str,
) -> Product:
    product = get_product(session=session, product_id=product_id, lock=True)
    problem = _check_product(product, kind)
    if problem is not None:
        code = (
            ProductsErrorCode.PRODUCT_CLOSED
            if product.status == ProductStatus.CLOSED
            else ProductsErrorCode.WRONG_PRODUCT_KIND
        )
        raise DomainError(code, problem, "productId")
    problem = _check_value(kind, value)
    if problem is not None:
        code = ProductsErrorCode.INVALID_NAV if kind is ProductKind.EQUITY_FUND else ProductsErrorCode.INVALID_INCOME
        raise DomainError(code, problem, field_name)
    if day > clock.today():
        raise DomainError(
            ProductsErrorCode.DATE_IN_FUTURE,
            t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来日期。"),
            "date",
        )
    if kind is ProductKind.EQUITY_FUND:
        problem = _trading_day_problem(trading_calendar(session), day, clock)
        if isinstance(problem, DomainError):
            raise problem
    model, _column, attribute = _model(kind)
    existing = session.get(model, (product.id, day))
    if existing is not None:
        if getattr(existing, attribute) == value:
            return product
        raise DomainError(
            ProductsErrorCode.DUPLICATE_DATE,
            t(
                f"{day.isoformat()} already has {getattr(existing, attribute)}; recorded values are not corrected.",
                f"{day.isoformat()} 已有记录值 {getattr(existing, attribute)}；已记录的值不能在此更正。",
            ),
            "date",
        )
    session.add(model(product_id=product.id, date=day, **{attribute: value}))
    product.updated_at = clock.now()
    action = AuditAction.NAV_RECORDED if kind is ProductKind.EQUITY_FUND else AuditAction.INCOME_RECORDED
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=action,
        changes={f"{attribute}@{day.isoformat()}": (None, value)},
    )
    figures.refresh(session=session, clock=clock, product=product)
    session.flush()
    return product


def record_nav(*, session: Session, clock: Clock, actor: Actor, product_id: int, day: date, nav: Decimal) -> Product:
    """Record an equity fund's NAV of ``day``."""
    return _record(
        session=session,
        clock=clock,
        actor=actor,
        product_id=product_id,
        day=day,
        value=nav,
        kind=ProductKind.EQUITY_FUND,
        field_name="nav",
    )


SINGLE_APPROVAL_MAX = Decimal("3.0000")  # about 11% a year: above it (or below 0), a second approval


def needs_second_approval(income_per_10k: Decimal) -> bool:
    """Whether one member of staff alone may not record (or correct to) this income figure."""
    return income_per_10k < 0 or income_per_10k > SINGLE_APPROVAL_MAX


def _refuse_unapproved(income_per_10k: Decimal, approved_by: Actor | None) -> None:
    if needs_second_approval(income_per_10k) and approved_by is None:
        raise DomainError(
            ProductsErrorCode.INCOME_NEEDS_APPROVAL,
            t(
                f"An income per 10,000 units below 0 or above {SINGLE_APPROVAL_MAX} needs a second approval: "
                "request it, and another member of staff approves it.",
                f"每万份收益低于 0 或高于 {SINGLE_APPROVAL_MAX} 时需要复核：请提交申请，由另一名工作人员审批。",
            ),
            "incomePer10kUnits",
        )


def record_income(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product_id: int,
    day: date,
    income_per_10k: Decimal,
    approved_by: Actor | None = None,
) -> Product:
    """Record a money fund's income per 10,000 units of ``day``; a figure outside the ordinary
    band needs ``approved_by`` (``request_income_figure``, approved by someone else)."""
    _refuse_unapproved(income_per_10k, approved_by)
    return _record(
        session=session,
        clock=clock,
        actor=actor,
        product_id=product_id,
        day=day,
        value=income_per_10k,
        kind=ProductKind.MONEY_FUND,
        field_name="incomePer10kUnits",
    )


# --- income figures that need a second pair of eyes ---------------------------------------


class IncomeRequestStatus(StrEnum):
    """Where a four-eyes request (an unusual income figure, a NAV correction) stands."""

    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


def request_income_figure(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product_id: int,
    day: date,
    income_per_10k: Decimal,
    correction: bool = False,
) -> IncomeFigureRequest:
    """Ask for an income figure outside the ordinary band to be recorded (or a recorded day
    corrected to it); nothing changes until another member of staff approves it."""
    product = get_product(session=session, product_id=product_id, lock=True)
    problem = _check_product(product, ProductKind.MONEY_FUND)
    if problem is not None:
        raise DomainError(ProductsErrorCode.WRONG_PRODUCT_KIND, problem, "productId")
    problem = _check_value(ProductKind.MONEY_FUND, income_per_10k)
    if problem is not None:
        raise DomainError(ProductsErrorCode.INVALID_INCOME, problem, "incomePer10kUnits")
    if day > clock.today():
        raise DomainError(
            ProductsErrorCode.DATE_IN_FUTURE,
            t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来日期。"),
            "date",
        )
    recorded = session.get(IncomePoint, (product.id, day))
    if correction and recorded is None:
        raise DomainError(
            ProductsErrorCode.INSUFFICIENT_DATA,
            t(f"No income is recorded for {day.isoformat()}.", f"{day.isoformat()} 没有收益记录。"),
            "date",
        )
    if not correction and recorded is not None:
        raise DomainError(
            ProductsErrorCode.DUPLICATE_DATE,
            t(
                f"{day.isoformat()} already has {recorded.income_per_10k}; correct it instead.",
                f"{day.isoformat()} 已有记录值 {recorded.income_per_10k}，请改为提交更正。",
            ),
            "date",
        )
    request = IncomeFigureRequest(
        product_id=product.id,
        date=day,
        income_per_10k=income_per_10k,
        correction=correction,
        status=IncomeRequestStatus.PENDING,
        requested_by=actor.id,
        requested_by_label=actor.label[:254],
        requested_at=clock.now(),
    )
    session.add(request)
    session.flush()
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=INCOME_REQUESTED,
        changes={
            f"income_per_10k@{day.isoformat()}": (
                None if recorded is None else recorded.income_per_10k,
                income_per_10k,
            ),
            "incomeRequest": (None, request.id),
        },
    )
    return request


def take_income_request(*, session: Session, clock: Clock, actor: Actor, request_id: object) -> IncomeFigureRequest:
    """Lock a pending income request for its approval by someone other than its requester and
    holding none of the fund; marks it approved (the caller records or corrects the figure
    in the same transaction)."""
    from products.lifecycle import check_second_pair_of_eyes

    request = _lock_income_request(session, request_id)
    check_second_pair_of_eyes(
        session, actor=actor, requested_by=request.requested_by, product_id=request.product_id, field="requestId"
    )
    request.status = IncomeRequestStatus.APPROVED
    request.decided_by, request.decided_at = actor.id, clock.now()
    return request


def reject_income_request(*, session: Session, clock: Clock, actor: Actor, request_id: object) -> IncomeFigureRequest:
    """Reject a pending income request (its requester withdraws it)."""
    request = _lock_income_request(session, request_id)
    withdrawn = actor.id is not None and actor.id == request.requested_by
    request.status = IncomeRequestStatus.WITHDRAWN if withdrawn else IncomeRequestStatus.REJECTED
    request.decided_by, request.decided_at = actor.id, clock.now()
    session.flush()
    return request


def _lock_income_request(session: Session, request_id: object) -> IncomeFigureRequest:
    from core.ids import parse_id
    from db.session import lock_rows

    number = parse_id(request_id, field="requestId", message=t("No such income request.", "收益申请不存在。"))
    request = session.scalar(
        lock_rows(session, select(IncomeFigureRequest).where(IncomeFigureRequest.id == number)).execution_options(
            populate_existing=True
        )
    )
    if request is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such income request.", "收益申请不存在。"), "requestId")
    if request.status != IncomeRequestStatus.PENDING:
        raise DomainError(
            ProductsErrorCode.CHANGE_REQUEST_NOT_PENDING,
            t(
                f"This request is {request.status.lower()}; nothing waits for a decision.",
                f"该申请{_REQUEST_STATUS_ZH[request.status]}，无待审批事项。",
            ),
            "requestId",
        )
    return request


def income_requests(
    *, session: Session, status: str | None = IncomeRequestStatus.PENDING, limit: int = 50
) -> list[IncomeFigureRequest]:
    """Income requests, newest first."""
    query = select(IncomeFigureRequest)
    if status is not None:
        query = query.where(IncomeFigureRequest.status == status)
    return list(session.scalars(query.order_by(IncomeFigureRequest.id.desc()).limit(limit)))


# --- import ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of an import: the product code, the day and the value as text. ``expects``
    is the kind the file's header names (None when the value follows the product's kind)."""

    line: int
    product_code: str
    day: str
    value: str
    expects: ProductKind | None = None


class ImportRejected(csv_import.ImportRejected):
    """The file has bad lines; nothing was loaded (field ``file``): the API lists every line
    as a ``userErrors`` entry as ``importTradingCalendar`` does."""

    code_of_rejection = ProductsErrorCode.IMPORT_REJECTED
    field_of_rejection = "file"


IMPORT_FIELD = ImportRejected.field_of_rejection  # the field every line error of an import names
VALUE_COLUMNS: dict[str, ProductKind | None] = {
    "nav": ProductKind.EQUITY_FUND,
    "income_per_10k": ProductKind.MONEY_FUND,
    "value": None,
}


def _header_error(names: list[str]) -> Text | None:
    if len(names) == 3 and names[:2] == ["product_code", "date"] and names[2] in VALUE_COLUMNS:
        return None
    return t(
        "The header must be product_code,date,nav or product_code,date,income_per_10k or product_code,date,value.",
        "表头必须为 product_code,date,nav、product_code,date,income_per_10k 或 product_code,date,value。",
    )


def parse_csv(text: str) -> list[HistoryRow]:
    """The data lines of an import file's text: a header ``product_code,date,nav`` (equity
    funds), ``product_code,date,income_per_10k`` (money funds) or ``product_code,date,value``
    (the value follows each product's kind), then one point a line (a leading BOM and blank
    lines ignored; line numbers as in the file). A bad header, a line without exactly three
    columns, text that is not CSV or a file without data lines is an ``ImportRejected``
    naming the lines; ``import_history`` checks the rest. The command line and the API both
    read files with it."""
    lines = csv_import.read_rows(
        text,
        rejected=ImportRejected,
        columns=3,
        header_error=_header_error,
        empty=t("The file is empty; expected a header line.", "文件为空，应有表头。"),
        no_rows=t("The file has no data lines after its header.", "文件表头之后没有数据行。"),
    )
    expects = VALUE_COLUMNS[lines.header[2]]
    return [HistoryRow(line, cells[0], cells[1], cells[2], expects) for line, cells in lines.rows]


def decode_file(content: bytes) -> str:
    """An uploaded file's text (UTF-8, a BOM allowed), or an ``ImportRejected`` saying it is not."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportRejected(
            [LineError(line, "line", t("The file is not UTF-8 text.", "文件不是 UTF-8 文本。"))]
        ) from None


@dataclass
class ProductImport:
    code: str
    kind: ProductKind
    loaded: int = 0
    unchanged: int = 0
    first: date | None = None
    last: date | None = None


@dataclass
class ImportSummary:
    products: list[ProductImport] = field(default_factory=list)

    @property
    def loaded(self) -> int:
        return sum(item.loaded for item in self.products)

    @property
    def unchanged(self) -> int:
        return sum(item.unchanged for item in self.products)


def _parse_day(text: str) -> date | None:
    text = text.strip()
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def import_history(
    *, session: Session, clock: Clock, actor: Actor, rows: Sequence[HistoryRow], progress: Progress | None = None
) -> ImportSummary:
    """Check every row, then load them all (see the module docstring)."""
    today = clock.today()
    known = trading_calendar(session)
    codes = {row.product_code.strip().upper() for row in rows}
    products = {p.code: p for p in session.scalars(select(Product).where(Product.code.in_(codes)))} if codes else {}
    errors: list[LineError] = []
    accepted: dict[tuple[int, date], tuple[Decimal, int]] = {}
    for index, row in enumerate(rows, 1):
        code = row.product_code.strip().upper()
        product = products.get(code)
        day = _parse_day(row.day)
        try:
            value = parse_decimal(row.value, NAV_PLACES, what="the value")
        except DecimalFormatError as error:
            value, value_error = None, t(error.text.en[0].upper() + error.text.en[1:] + ".", error.text.zh + "。")
        else:
            value_error = None
        if product is None:
            errors.append(
                LineError(
                    row.line,
                    "product_code",
                    t(f"Unknown product {code or '(empty)'}.", f"没有产品 {code or '（空）'}。"),
                )
            )
        else:
            problem = _check_product(product, row.expects or ProductKind(product.kind))
            if problem is not None:
                errors.append(LineError(row.line, "product_code", problem))
        if day is None:
            errors.append(
                LineError(
                    row.line,
                    "date",
                    t(
                        f"Bad date {row.day.strip()!r}: use YYYY-MM-DD.",
                        f"日期 {row.day.strip()!r} 无效：请用 YYYY-MM-DD 格式。",
                    ),
                )
            )
        elif day > today:
            errors.append(
                LineError(
                    row.line, "date", t(f"{day.isoformat()} is in the future.", f"{day.isoformat()} 是未来日期。")
                )
            )
        elif (
            product is not None
            and product.kind == ProductKind.EQUITY_FUND
            and (closed := _trading_day_problem(known, day, clock)) is not None
        ):
            errors.append(LineError(row.line, "date", closed.text))
        if value_error is not None:
            errors.append(LineError(row.line, "value", value_error))
        elif (
            product is not None
            and product.kind == ProductKind.MONEY_FUND
            and product.launched_at is not None
            and needs_second_approval(value)
        ):
            errors.append(
                LineError(
                    row.line,
                    "value",
                    t(
                        f"{value} needs a second approval for a fund that has been on "
                        "sale: record it with recordMoneyFundIncome (a request another PM approves).",
                        f"{value} 对已上架的基金需要复核：请用 recordMoneyFundIncome 录入（由另一名产品经理审批）。",
                    ),
                )
            )
        elif product is not None and (problem := _check_value(ProductKind(product.kind), value)) is not None:
            errors.append(LineError(row.line, "value", problem))
        if product is not None and day is not None and value is not None:
            earlier = accepted.get((product.id, day))
            if earlier is not None and earlier[0] != value:
                errors.append(
                    LineError(
                        row.line,
                        "date",
                        t(
                            f"{code} {day.isoformat()} is also on line {earlier[1]} with another value.",
                            f"{code} {day.isoformat()} 也出现在第 {earlier[1]} 行，且数值不同。",
                        ),
                    )
                )
            elif earlier is None:
                accepted[(product.id, day)] = (value, row.line)
        if progress is not None:
            progress("check", index, len(rows))

    by_product: dict[int, dict[date, tuple[Decimal, int]]] = defaultdict(dict)
    for (product_id, day), item in accepted.items():
        by_product[product_id][day] = item
    by_id = {product.id: product for product in products.values()}
    existing = _existing_points(session, by_id, by_product)
    new_points: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    summary = ImportSummary()
    for product_id, points in by_product.items():
        product = by_id[product_id]
        item = ProductImport(product.code, ProductKind(product.kind))
        for day, (value, line) in sorted(points.items()):
            stored = existing.get((product_id, day))
            if stored is None:
                new_points[product_id].append((day, value))
                item.loaded += 1
            elif stored == value:
                item.unchanged += 1
            else:
                errors.append(
                    LineError(
                        line,
                        "value",
                        t(
                            f"{product.code} {day.isoformat()} already has {stored}.",
                            f"{product.code} {day.isoformat()} 已有记录值 {stored}。",
                        ),
                    )
                )
            item.first = day if item.first is None else min(item.first, day)
            item.last = day if item.last is None else max(item.last, day)
        summary.products.append(item)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.line, e.column)))

    total = sum(len(points) for points in new_points.values())
    done = 0
    for product_id, points in new_points.items():
        product = by_id[product_id]
        model, _, attribute = _model(ProductKind(product.kind))
        for start in range(0, len(points), CHUNK):
            chunk = points[start : start + CHUNK]
            session.execute(insert(model), [{"product_id": product_id, "date": d, attribute: v} for d, v in chunk])
            done += len(chunk)
            if progress is not None:
                progress("load", done, total)
        product.updated_at = clock.now()
        audit.record(
            session=session,
            clock=clock,
            product_id=product_id,
            actor=actor,
            action=AuditAction.HISTORY_IMPORTED,
            changes={"points": (None, len(points)), "from": (None, points[0][0]), "to": (None, points[-1][0])},
        )
        figures.refresh(session=session, clock=clock, product=product)
    session.flush()
    summary.products.sort(key=lambda item: item.code)
    return summary


def _existing_points(session, by_id, by_product) -> dict[tuple[int, date], Decimal]:
    """Stored values on the days the file mentions, one query per kind and range."""
    found: dict[tuple[int, date], Decimal] = {}
    for kind in (ProductKind.EQUITY_FUND, ProductKind.MONEY_FUND):
        ids = [pid for pid in by_product if by_id[pid].kind == kind]
        if not ids:
            continue
        model, column, _ = _model(kind)
        days = [day for pid in ids for day in by_product[pid]]
        query = select(model.product_id, model.date, column).where(
            model.product_id.in_(ids), model.date >= min(days), model.date <= max(days)
        )
        for product_id, day, value in session.execute(query):
            found[(product_id, day)] = value
    return found


# --- corrections -------------------------------------------------------------------------

INCOME_CORRECTED = "INCOME_CORRECTED"


INCOME_REQUESTED = "INCOME_REQUESTED"


def correct_income(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product_id: int,
    day: date,
    income_per_10k: Decimal,
    approved_by: Actor | None = None,
) -> Decimal:
    """Correct a money fund's recorded income per 10,000 units of ``day`` (an operator, when
    the distributed figure turned out wrong; the wallet redistributes it in the same
    transaction). The day must have been recorded; audited with the value before and after;
    the figures are recomputed. Returns the value it replaced."""
    product = get_product(session=session, product_id=product_id, lock=True)
    if ProductKind(product.kind) is not ProductKind.MONEY_FUND:
        raise DomainError(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t(f"{product.code} is not a money fund.", f"{product.code} 不是货币基金。"),
            "productId",
        )
    problem = _check_value(ProductKind.MONEY_FUND, income_per_10k)
    if problem is not None:
        raise DomainError(ProductsErrorCode.INVALID_INCOME, problem, "incomePer10kUnits")
    _refuse_unapproved(income_per_10k, approved_by)
    point = session.get(IncomePoint, (product.id, day))
    if point is None:
        raise DomainError(
            ProductsErrorCode.INSUFFICIENT_DATA,
            t(f"No income is recorded for {day.isoformat()}.", f"{day.isoformat()} 没有收益记录。"),
            "date",
        )
    before = point.income_per_10k
    if before == income_per_10k:
        return before
    point.income_per_10k = income_per_10k
    product.updated_at = clock.now()
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=INCOME_CORRECTED,
        changes={f"income_per_10k@{day.isoformat()}": (before, income_per_10k)},
    )
    session.flush()
    figures.refresh(session=session, clock=clock, product=product)
    session.flush()
    return before


# --- NAV corrections (four eyes) -----------------------------------------------------------

NAV_CORRECTION_REQUESTED = "NAV_CORRECTION_REQUESTED"
NAV_CORRECTED = "NAV_CORRECTED"


def request_nav_correction(
    *, session: Session, clock: Clock, actor: Actor, product_id: int, day: date, nav: Decimal
) -> NavCorrection:
    """Ask for a recorded NAV to be corrected; nothing changes until another product manager
    approves it (the wallet then re-prices the orders confirmed at it: ``investing.repricing``)."""
    product = get_product(session=session, product_id=product_id, lock=True)
    if ProductKind(product.kind) is not ProductKind.EQUITY_FUND:
        raise DomainError(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t(f"{product.code} is not an equity fund.", f"{product.code} 不是权益基金。"),
            "productId",
        )
    problem = _check_value(ProductKind.EQUITY_FUND, nav)
    if problem is not None:
        raise DomainError(ProductsErrorCode.INVALID_NAV, problem, "nav")
    point = session.get(NavPoint, (product.id, day))
    if point is None:
        raise DomainError(
            ProductsErrorCode.INSUFFICIENT_DATA,
            t(f"No NAV is recorded for {day.isoformat()}.", f"{day.isoformat()} 没有净值记录。"),
            "date",
        )
    if point.nav == nav:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT,
            t(f"{day.isoformat()} already has {nav}.", f"{day.isoformat()} 的净值已是 {nav}。"),
            "nav",
        )
    now = clock.now()
    session.execute(  # one pending correction per day at a time: a newer one replaces it
        update(NavCorrection)
        .where(
            NavCorrection.product_id == product.id,
            NavCorrection.date == day,
            NavCorrection.status == IncomeRequestStatus.PENDING,
        )
        .values(status=IncomeRequestStatus.WITHDRAWN, decided_by=actor.id, decided_at=now)
    )
    correction = NavCorrection(
        product_id=product.id,
        date=day,
        old_nav=point.nav,
        new_nav=nav,
        status=IncomeRequestStatus.PENDING,
        requested_by=actor.id,
        requested_by_label=actor.label[:254],
        requested_at=now,
    )
    session.add(correction)
    session.flush()
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=NAV_CORRECTION_REQUESTED,
        changes={f"nav@{day.isoformat()}": (point.nav, nav), "navCorrection": (None, correction.id)},
    )
    return correction


def apply_nav_correction(*, session: Session, clock: Clock, actor: Actor, correction_id: object) -> NavCorrection:
    """A second product manager (not the requester, holding none of the fund) approves a
    pending NAV correction: the NAV changes (audited) and the figures are recomputed. The
    caller re-prices the orders in the same transaction."""
    from core.ids import parse_id
    from db.session import lock_rows
    from products.lifecycle import check_second_pair_of_eyes

    number = parse_id(correction_id, field="correctionId", message=t("No such NAV correction.", "净值更正不存在。"))
    correction = session.scalar(
        lock_rows(session, select(NavCorrection).where(NavCorrection.id == number)).execution_options(
            populate_existing=True
        )
    )
    if correction is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such NAV correction.", "净值更正不存在。"), "correctionId")
    if correction.status != IncomeRequestStatus.PENDING:
        raise DomainError(
            ProductsErrorCode.CHANGE_REQUEST_NOT_PENDING,
            t(
                f"This correction is {correction.status.lower()}.",
                f"该更正{_REQUEST_STATUS_ZH[correction.status]}。",
            ),
            "correctionId",
        )
    check_second_pair_of_eyes(
        session,
        actor=actor,
        requested_by=correction.requested_by,
        product_id=correction.product_id,
        field="correctionId",
    )
    product = get_product(session=session, product_id=correction.product_id, lock=True)
    point = session.get(NavPoint, (product.id, correction.date))
    if point is None or point.nav != correction.old_nav:
        raise DomainError(
            ProductsErrorCode.STALE_REVISION,
            t("The NAV changed since this correction was asked; ask again.", "提交该更正后净值已变化，请重新提交。"),
            "correctionId",
        )
    point.nav = correction.new_nav
    correction.status = IncomeRequestStatus.APPROVED
    correction.decided_by, correction.decided_at = actor.id, clock.now()
    product.updated_at = clock.now()
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=NAV_CORRECTED,
        changes={
            f"nav@{correction.date.isoformat()}": (correction.old_nav, correction.new_nav),
            "navCorrection": (None, correction.id),
            "requestedBy": (correction.requested_by_label, None),
        },
    )
    session.flush()
    figures.refresh(session=session, clock=clock, product=product)
    session.flush()
    return correction


def reject_nav_correction(*, session: Session, clock: Clock, actor: Actor, correction_id: object) -> NavCorrection:
    """Reject a pending NAV correction (its requester withdraws it)."""
    from core.ids import parse_id
    from db.session import lock_rows

    number = parse_id(correction_id, field="correctionId", message=t("No such NAV correction.", "净值更正不存在。"))
    correction = session.scalar(lock_rows(session, select(NavCorrection).where(NavCorrection.id == number)))
    if correction is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such NAV correction.", "净值更正不存在。"), "correctionId")
    if correction.status != IncomeRequestStatus.PENDING:
        raise DomainError(
            ProductsErrorCode.CHANGE_REQUEST_NOT_PENDING,
            t(
                f"This correction is {correction.status.lower()}.",
                f"该更正{_REQUEST_STATUS_ZH[correction.status]}。",
            ),
            "correctionId",
        )
    withdrawn = actor.id is not None and actor.id == correction.requested_by
    correction.status = IncomeRequestStatus.WITHDRAWN if withdrawn else IncomeRequestStatus.REJECTED
    correction.decided_by, correction.decided_at = actor.id, clock.now()
    session.flush()
    return correction


def income_request(*, session: Session, request_id: int) -> IncomeFigureRequest | None:
    return session.get(IncomeFigureRequest, request_id)


def nav_correction(*, session: Session, correction_id: int) -> NavCorrection | None:
    return session.get(NavCorrection, correction_id)


def nav_corrections(
    *, session: Session, status: str | None = IncomeRequestStatus.PENDING, limit: int = 50
) -> list[NavCorrection]:
    query = select(NavCorrection)
    if status is not None:
        query = query.where(NavCorrection.status == status)
    return list(session.scalars(query.order_by(NavCorrection.id.desc()).limit(limit)))
