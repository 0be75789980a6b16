"""Creating a pool: its terms checked (tranches that add up, the lender's retention of at
least 5%, criteria some loan meets today, a guarantor within 10x its net assets), the senior
tranche tied to its catalogue product, and the pool's calendar.

Regulatory floors, with their sources:

- risk retention: the originator keeps at least 5% of the pool, in the subordinated tranche,
  held to maturity (PBoC/CBRC announcement [2013] No. 21 on credit-asset securitisation);
- a financing guarantee company's outstanding guarantees at most 10x its net assets
  (Regulations on the Supervision of Financing Guarantee Companies, State Council 2017);
- senior units sold to qualified investors only (¥1,000,000 per subscription, at most 200
  holders: ``core.qualified``, enforced by the order flow).
"""

from __future__ import annotations

import calendar as months
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import DomainError, t
from core.money import shown
from db.session import lock_rows
from lending import sales
from products import service as products
from products.kinds import ProductKind
from securitisation.errors import SecuritisationErrorCode
from securitisation.models import AbsPool, AbsTranche

MIN_RETENTION = Decimal("0.05")
GUARANTOR_MULTIPLE = 10
SENIOR, MEZZANINE, SUBORDINATED = "SENIOR", "MEZZANINE", "SUBORDINATED"
OFFERING, REVOLVING, AMORTISING, FINISHED = "OFFERING", "REVOLVING", "AMORTISING", "FINISHED"
GRADES = ("A", "B", "C", "D", "E")


def _minor(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).to_integral_value())


def _bad(message: str, message_zh: str, field: str | None = None, code=SecuritisationErrorCode.ABS_INVALID_TERMS):
    return DomainError(code, t(message, message_zh), field)


@dataclass(frozen=True, slots=True)
class PoolTerms:
    """What ``createAbsPool`` takes (money in CNY as ``Decimal``; shares and rates as
    fractions)."""

    name: str
    size: Decimal
    senior: Decimal
    subordinated: Decimal
    senior_product_id: int
    closing_date: date
    payment_day: int = 20
    revolving_months: int = 12
    mezzanine: Decimal = Decimal(0)
    mezzanine_rate: Decimal | None = None
    min_grade: str = "C"
    min_remaining_months: int = 1
    max_remaining_months: int = 12
    max_borrower_share: Decimal = Decimal("0.01")
    servicing_fee_rate: Decimal = Decimal("0.005")
    reserve_rate: Decimal = Decimal("0.01")
    trigger_default_rate: Decimal = Decimal("0.05")
    trigger_excess_spread: Decimal = Decimal(0)
    trigger_unspent_share: Decimal = Decimal("0.2")
    guarantor_name: str | None = None
    guarantor_share: Decimal = Decimal(0)
    guarantor_net_assets: Decimal = Decimal(0)


def payment_date(pool: AbsPool, period: int) -> date:
    """The payment date of ``period`` (1 = the first month after closing); period 0 is the
    closing date."""
    if period == 0:
        return pool.closing_date
    index = pool.closing_date.month - 1 + period
    year, month = pool.closing_date.year + index // 12, index % 12 + 1
    return date(year, month, min(pool.payment_day, months.monthrange(year, month)[1]))


def criteria_of(pool: AbsPool) -> sales.Criteria:
    return sales.Criteria(
        min_grade=pool.min_grade,
        min_remaining_months=pool.min_remaining_months,
        max_remaining_months=pool.max_remaining_months,
        borrower_cap=int(Decimal(pool.size) * pool.max_borrower_share),
    )


def _check(terms: PoolTerms) -> tuple[int, int, int, int]:
    size, senior, mezz, sub = (_minor(x) for x in (terms.size, terms.senior, terms.mezzanine, terms.subordinated))
    if not terms.name.strip():
        raise _bad("Give the pool a name.", "请为资产池命名。", "name")
    if size <= 0 or senior <= 0 or sub <= 0 or mezz < 0:
        raise _bad(
            "The size, the senior and the subordinated tranches must be positive.",
            "资产池规模、优先级和次级份额须为正数。",
            "size",
        )
    if senior + mezz + sub != size:
        raise _bad(
            f"The tranches add up to {shown(senior + mezz + sub)}, not the pool's size {shown(size)}.",
            f"各档份额合计 {shown(senior + mezz + sub)}，与资产池规模 {shown(size)} 不符。",
            "tranches",
            SecuritisationErrorCode.ABS_TRANCHES_DO_NOT_ADD_UP,
        )
    if Decimal(sub) < MIN_RETENTION * size:
        raise _bad(
            f"The lender keeps at least 5% of the pool in the subordinated tranche ({shown(int(MIN_RETENTION * size))}).",
            f"发起人须以次级份额自留至少 5%（{shown(int(MIN_RETENTION * size))}）。",
            "subordinated",
            SecuritisationErrorCode.ABS_RETENTION_TOO_LOW,
        )
    if mezz and (terms.mezzanine_rate is None or terms.mezzanine_rate < 0):
        raise _bad("Give the mezzanine tranche its coupon rate.", "请设定夹层的票面利率。", "mezzanineRate")
    if not 1 <= terms.payment_day <= 28:
        raise _bad("The payment day is 1 to 28.", "兑付日为每月 1 至 28 日。", "paymentDay")
    if not 0 <= terms.revolving_months <= 60:
        raise _bad("The revolving period is 0 to 60 months.", "循环期为 0 至 60 个月。", "revolvingMonths")
    if terms.min_grade not in GRADES:
        raise _bad("The minimum grade is one of A to E.", "最低等级须为 A 至 E。", "minGrade")
    if not 0 <= terms.min_remaining_months <= terms.max_remaining_months <= 60:
        raise _bad(
            "The remaining-term bounds are 0 to 60 months, in order.",
            "剩余期限范围须为 0 至 60 个月。",
            "maxRemainingMonths",
        )
    if not Decimal(0) < terms.max_borrower_share <= 1:
        raise _bad(
            "The share of one borrower is above 0 and at most 1.",
            "单一借款人占比须大于 0 且不超过 1。",
            "maxBorrowerShare",
        )
    for name, value in (
        ("servicingFeeRate", terms.servicing_fee_rate),
        ("reserveRate", terms.reserve_rate),
        ("triggerDefaultRate", terms.trigger_default_rate),
        ("triggerUnspentShare", terms.trigger_unspent_share),
        ("guarantorShare", terms.guarantor_share),
    ):
        if not Decimal(0) <= value <= 1:
            raise _bad(f"{name} is a fraction from 0 to 1.", f"{name} 须为 0 至 1 之间的比例。", name)
    if terms.guarantor_share > 0:
        net = _minor(terms.guarantor_net_assets)
        if not terms.guarantor_name or net <= 0:
            raise _bad("Name the guarantor and its net assets.", "请填写担保公司名称及其净资产。", "guarantorName")
        covered = Decimal(senior) * terms.guarantor_share
        if covered > GUARANTOR_MULTIPLE * net:
            raise _bad(
                f"The guarantee ({shown(int(covered))}) exceeds 10x the guarantor's net assets ({shown(net)}).",
                f"担保责任（{shown(int(covered))}）超过担保公司净资产（{shown(net)}）的 10 倍。",
                "guarantorNetAssets",
                SecuritisationErrorCode.ABS_GUARANTOR_CAPACITY,
            )
    return size, senior, mezz, sub


def create_pool(*, session: Session, clock: Clock, terms: PoolTerms, actor: str) -> AbsPool:
    """A pool in OFFERING with its tranches; its senior units are ``senior_product_id`` (an
    ABS unit for qualified investors). Nothing is booked before closing. Bad terms, criteria
    that no loan meets today, a guarantor beyond its capacity: refused, nothing stored."""
    size, senior, mezz, sub = _check(terms)
    product = products.load_product(session=session, product_id=terms.senior_product_id)
    if product is None or product.kind != ProductKind.ABS_UNIT:
        raise _bad(
            "The senior tranche is sold as an ABS_UNIT product of the catalogue.",
            "优先级须为目录中的 ABS 产品。",
            "seniorProductId",
        )
    if not product.qualified_only:
        raise _bad(
            "Senior units are sold to qualified investors only: mark the product qualified-only.",
            "优先级份额仅向合格投资者销售：请将产品设为仅限合格投资者。",
            "seniorProductId",
        )
    if product.loan_terms is None or product.loan_terms.rate is None:
        raise _bad("The senior product needs its coupon rate.", "优先级产品须设定票面利率。", "seniorProductId")
    if product.abs_pool_id is not None:
        raise _bad("This product already belongs to a pool.", "该产品已属于一个资产池。", "seniorProductId")
    today = clock.today()
    if terms.closing_date < today:
        raise _bad("The closing date is today or later.", "封包日须为今天或以后。", "closingDate")
    pool = AbsPool(
        name=terms.name.strip(),
        status=OFFERING,
        size=size,
        closing_date=terms.closing_date,
        payment_day=terms.payment_day,
        revolving_months=terms.revolving_months,
        min_grade=terms.min_grade,
        min_remaining_months=terms.min_remaining_months,
        max_remaining_months=terms.max_remaining_months,
        max_borrower_share=terms.max_borrower_share,
        servicing_fee_rate=terms.servicing_fee_rate,
        reserve_rate=terms.reserve_rate,
        trigger_default_rate=terms.trigger_default_rate,
        trigger_excess_spread=terms.trigger_excess_spread,
        trigger_unspent_share=terms.trigger_unspent_share,
        guarantor_name=terms.guarantor_name if terms.guarantor_share > 0 else None,
        guarantor_share=terms.guarantor_share,
        guarantor_net_assets=_minor(terms.guarantor_net_assets) if terms.guarantor_share > 0 else 0,
        bought=0,
        periods_run=0,
        watermark=0,
        deficiency=0,
        unspent_streak=0,
        created_by=actor,
        created_at=clock.now(),
    )
    if sales.count_eligible(session, day=today, criteria=criteria_of(pool)) == 0:
        raise _bad(
            "No loan meets these criteria today; widen them (grade, remaining term).",
            "目前没有贷款符合这些入池标准，请放宽（等级、剩余期限）。",
            "minGrade",
            SecuritisationErrorCode.ABS_NO_ELIGIBLE_LOANS,
        )
    session.add(pool)
    session.flush()
    rows = [
        AbsTranche(
            pool_id=pool.id, seniority=1, name=SENIOR, size=senior, rate=product.loan_terms.rate, product_id=product.id
        )
    ]
    if mezz:
        rows.append(AbsTranche(pool_id=pool.id, seniority=2, name=MEZZANINE, size=mezz, rate=terms.mezzanine_rate))
    rows.append(AbsTranche(pool_id=pool.id, seniority=3, name=SUBORDINATED, size=sub, rate=None))
    for row in rows:
        row.original = row.balance = row.interest_paid = row.principal_paid = 0
        row.written_down = row.guaranteed = row.interest_shortfall = 0
    session.add_all(rows)
    products.link_pool(session=session, product_id=product.id, pool_id=pool.id)
    session.flush()
    return pool


def get_pool(session: Session, pool_id: int, *, lock: bool = False) -> AbsPool:
    statement = select(AbsPool).where(AbsPool.id == pool_id)
    pool = session.execute(lock_rows(session, statement) if lock else statement).scalar_one_or_none()
    if pool is None:
        raise DomainError(SecuritisationErrorCode.ABS_POOL_NOT_FOUND, t("No such pool.", "找不到该资产池。"), "id")
    return pool


def tranches_of(session: Session, pool_id: int) -> list[AbsTranche]:
    return list(
        session.execute(
            select(AbsTranche).where(AbsTranche.pool_id == pool_id).order_by(AbsTranche.seniority)
        ).scalars()
    )
