"""A product's terms as a product manager gives them: defaults by kind and the checks that
refuse bad input with a code and the input field (camelCase, as the client sent it).

Terms travel as two plain dicts keyed by the column names of ``products.models``: the
common terms, and the loan terms of ABS units and P2P products. P2P products may give
``recovery_rate`` instead of ``loss_given_default`` (stored as ``1 - recovery``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from core import qualified as floors
from core.errors import CommonErrorCode, DomainError, Text, t
from core.money import CURRENCY_EXPONENTS, RATE_PLACES, exponent, format_decimal
from core.risk import RiskLevel
from core.settings import Settings
from products import qualified, risk_levels
from products.errors import ProductsErrorCode
from products.kinds import (
    DEFAULT_ASSET_CORRELATION,
    DEFAULT_LOAN_COUNT,
    DEFAULT_SETTLEMENT_DAYS,
    MAX_EQUITY_SETTLEMENT_DAYS,
    MIN_SHORT_HOLDING_REDEMPTION_RATE,
    SHORT_HOLDING_DAYS,
    LiquidityKind,
    LossCover,
    ProductKind,
    RepaymentMethod,
)

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{1,31}$")
MAX_NAME = 100
MAX_TERM_MONTHS = 360
MAX_LOAN_COUNT = 10_000_000
MAX_SETTLEMENT_DAYS = 30
# Upper bounds that keep date arithmetic (unlock days, trading days after maturity) far from
# the end of the calendar: no real product locks money for more than 50 years.
MAX_LOCK_DAYS = 18_262  # 50 years of 365.25 days
MATURITY_BEFORE = date(2100, 1, 1)
FAST_REDEMPTION_CAP = Decimal("10000")  # the regulatory T+0 cash-out per user, fund and day


class LoanTermsForm(StrEnum):
    """Which form of loan terms a request gave (the API's ``absTerms`` or ``p2pTerms``)."""

    ABS = "absTerms"
    P2P = "p2pTerms"


FORM_OF_KIND = {ProductKind.ABS_UNIT: LoanTermsForm.ABS, ProductKind.P2P_LOAN: LoanTermsForm.P2P}


def check_loan_form(kind: ProductKind | str, form: LoanTermsForm | str | None) -> None:
    """Loan terms given in the form of another kind are refused (``WRONG_PRODUCT_KIND``, on
    the field of the form given)."""
    if form is None:
        return
    form = LoanTermsForm(form)
    if FORM_OF_KIND.get(ProductKind(kind)) is not form:
        raise _fail(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t(
                f"A {ProductKind(kind).value} product has no {form.value}.",
                f"{ProductKind(kind).value} 产品没有 {form.value}。",
            ),
            form.value,
        )


@dataclass(frozen=True, slots=True)
class FeeTier:
    """Redemption fee ``rate`` on units held at least ``min_holding_days``."""

    min_holding_days: int
    rate: Decimal

    def __str__(self) -> str:
        return f"{self.min_holding_days}d+: {format_decimal(self.rate, RATE_PLACES)}"


COMMON_FIELDS = {
    "code": "code",
    "name_zh": "nameZh",
    "name_en": "nameEn",
    "issuer": "issuer",
    "risk_level": "riskLevel",
    "currency": "currency",
    "minimum_amount": "minimumAmount",
    "qualified_only": "qualifiedOnly",
    "subscription_fee_rate": "subscriptionFeeRate",
    "management_fee_rate": "managementFeeRate",
    "redemption_fees": "redemptionFees",
    "liquidity": "liquidity",
    "lock_days": "lockDays",
    "maturity_date": "maturityDate",
    "settlement_days": "redemptionSettlementDays",
    "fast_redemption_limit": "fastRedemptionLimit",
    "is_demo": "isDemo",
    "asset_class": "assetClass",
    "registrar": "registrar",
    "switchable": "switchable",
}

ABS_FIELDS = {
    "rate": "couponRate",
    "term_months": "termMonths",
    "revolving_months": "revolvingMonths",
    "default_probability": "defaultProbability",
    "loss_given_default": "lossGivenDefault",
    "credit_enhancement": "creditEnhancement",
    "detachment": "detachment",
    "early_amortisation_trigger": "earlyAmortisationTrigger",
    "loan_count": "loanCount",
    "asset_correlation": "assetCorrelation",
}
P2P_FIELDS = {
    "rate": "annualRate",
    "term_months": "termMonths",
    "repayment_method": "repaymentMethod",
    "default_probability": "defaultProbability",
    "loss_given_default": "recoveryRate",
    "loss_cover": "lossCover",
    "loss_cover_ratio": "lossCoverRatio",
    "early_exit": "earlyExit",
    "loan_count": "loanCount",
    "asset_correlation": "assetCorrelation",
}
LOAN_COLUMNS = (
    "rate",
    "term_months",
    "revolving_months",
    "repayment_method",
    "default_probability",
    "loss_given_default",
    "credit_enhancement",
    "detachment",
    "early_amortisation_trigger",
    "loss_cover",
    "loss_cover_ratio",
    "early_exit",
    "loan_count",
    "asset_correlation",
)
# What a loan product needs before it may go on sale.
REQUIRED_LOAN_TERMS = {
    ProductKind.ABS_UNIT: ("rate", "term_months", "default_probability", "loss_given_default", "credit_enhancement"),
    ProductKind.P2P_LOAN: ("rate", "term_months", "repayment_method", "default_probability", "loss_given_default"),
}


def loan_prefix(kind: ProductKind) -> str:
    return "absTerms" if kind is ProductKind.ABS_UNIT else "p2pTerms"


def loan_field(kind: ProductKind, column: str) -> str:
    names = ABS_FIELDS if kind is ProductKind.ABS_UNIT else P2P_FIELDS
    return f"{loan_prefix(kind)}.{names.get(column, column)}"


def _fail(code, message: Text, field: str | None) -> DomainError:
    return DomainError(code, message, field)


# --- defaults ----------------------------------------------------------------------------


def common_defaults(kind: ProductKind, settings: Settings) -> dict[str, Any]:
    return {
        "currency": settings.currency,
        "qualified_only": kind is ProductKind.ABS_UNIT,  # asset-backed plans are private placements
        "subscription_fee_rate": Decimal(0),
        "management_fee_rate": Decimal(0),
        "redemption_fees": [],
        "lock_days": None,
        "maturity_date": None,
        "settlement_days": DEFAULT_SETTLEMENT_DAYS[kind],
        "fast_redemption_limit": settings.fast_redemption_daily_limit if kind is ProductKind.MONEY_FUND else None,
        "is_demo": False,
        "asset_class": qualified.DEFAULT_ASSET_CLASS[kind],
        "registrar": None,
        "switchable": False,
    }


def loan_defaults(kind: ProductKind) -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(LOAN_COLUMNS)
    values.update(loan_count=DEFAULT_LOAN_COUNT[kind], asset_correlation=DEFAULT_ASSET_CORRELATION[kind])
    if kind is ProductKind.ABS_UNIT:
        values.update(revolving_months=0, detachment=Decimal(1))
    else:
        values.update(loss_cover=LossCover.NONE, loss_cover_ratio=Decimal(0), early_exit=False)
    return values


def loan_changes(kind: ProductKind, given: dict[str, Any]) -> dict[str, Any]:
    """Check that only the kind's loan terms were given; map a P2P recovery rate to LGD."""
    given = dict(given.items())
    if "recovery_rate" in given:
        recovery = given.pop("recovery_rate")
        if recovery is not None:
            _unit_interval(recovery, loan_field(kind, "loss_given_default"), upper_inclusive=True)
            given["loss_given_default"] = Decimal(1) - recovery
        else:
            given["loss_given_default"] = None
    allowed = ABS_FIELDS if kind is ProductKind.ABS_UNIT else P2P_FIELDS
    for key in given:
        if key not in allowed:
            raise _fail(
                CommonErrorCode.INVALID_INPUT,
                t(f"{key} is not a term of this kind of product.", f"{key} 不是此类产品的条款。"),
                loan_field(kind, key),
            )
    return given


# --- checks ------------------------------------------------------------------------------


def _unit_interval(
    value: Decimal, field: str, *, upper_inclusive: bool = False, code=ProductsErrorCode.INVALID_LOAN_TERMS
) -> None:
    too_high = value > 1 if upper_inclusive else value >= 1
    if value < 0 or too_high:
        bound, bound_zh = ("1", "0 到 1 之间") if upper_inclusive else ("below 1", "0 到 1 之间（不含 1）")
        raise _fail(
            code,
            t(f"Give a fraction between 0 and {bound} (0.05 = 5%).", f"请输入 {bound_zh}的小数（0.05 = 5%）。"),
            field,
        )


def check_common(kind: ProductKind, terms: dict[str, Any], *, today: date, changed: set[str]) -> dict[str, Any]:
    """Normalise and check the common terms; returns the cleaned terms."""
    terms = dict(terms)
    code = terms["code"]
    if not isinstance(code, str) or not CODE_PATTERN.match(code.strip().upper()):
        raise _fail(
            ProductsErrorCode.INVALID_CODE,
            t(
                "The code has 2 to 32 letters, digits, '.', '_' or '-' and starts with a letter or digit.",
                "代码由 2 到 32 个字母、数字、'.'、'_' 或 '-' 组成，且须以字母或数字开头。",
            ),
            "code",
        )
    terms["code"] = code.strip().upper()
    for key in ("name_zh", "name_en", "issuer"):
        text = " ".join(str(terms[key] or "").split())
        if not text or len(text) > MAX_NAME:
            raise _fail(
                ProductsErrorCode.INVALID_NAME,
                t(f"Give 1 to {MAX_NAME} characters.", f"请输入 1 到 {MAX_NAME} 个字符。"),
                COMMON_FIELDS[key],
            )
        terms[key] = text
    if terms["currency"] not in CURRENCY_EXPONENTS:
        raise _fail(
            CommonErrorCode.INVALID_INPUT,
            t("Unknown currency (use an ISO 4217 code such as CNY).", "未知币种（请使用 ISO 4217 代码，如 CNY）。"),
            "currency",
        )
    minimum = terms["minimum_amount"]
    if minimum < 0:
        raise _fail(
            ProductsErrorCode.INVALID_MINIMUM_AMOUNT,
            t("The minimum amount cannot be negative.", "起购金额不能为负数。"),
            "minimumAmount",
        )
    if minimum != minimum.quantize(Decimal(1).scaleb(-exponent(terms["currency"]))):
        raise _fail(
            ProductsErrorCode.INVALID_MINIMUM_AMOUNT,
            t("Too many decimals for the currency.", "小数位数超出该币种的精度。"),
            "minimumAmount",
        )
    try:
        terms["asset_class"] = qualified.AssetClass(terms.get("asset_class") or qualified.DEFAULT_ASSET_CLASS[kind])
    except ValueError:
        raise _fail(
            CommonErrorCode.INVALID_INPUT,
            t(
                "The asset class is FIXED_INCOME, MIXED, EQUITY or SECURITISATION.",
                "资产类别须为 FIXED_INCOME、MIXED、EQUITY 或 SECURITISATION。",
            ),
            "assetClass",
        ) from None
    if kind is ProductKind.ABS_UNIT:
        if minimum < floors.ABS_MIN_SUBSCRIPTION:
            raise _fail(
                ProductsErrorCode.INVALID_MINIMUM_AMOUNT,
                t(
                    f"An ABS unit is a private placement: at least {floors.ABS_MIN_SUBSCRIPTION:,.0f} per "
                    "subscription (CSRC ABS rules).",
                    f"ABS 份额为私募产品：每笔认购至少 {floors.ABS_MIN_SUBSCRIPTION:,.0f}（证监会 ABS 规定）。",
                ),
                "minimumAmount",
            )
        if not terms["qualified_only"]:
            raise _fail(
                ProductsErrorCode.QUALIFIED_ONLY,
                t("ABS units are sold to qualified investors only.", "ABS 份额仅向合格投资者销售。"),
                "qualifiedOnly",
            )
    risk_levels.check_allowed(kind, RiskLevel(terms["risk_level"]))
    for key in ("subscription_fee_rate", "management_fee_rate"):
        if terms[key] < 0:
            raise _fail(
                ProductsErrorCode.INVALID_FEE, t("A fee cannot be negative.", "费率不能为负数。"), COMMON_FIELDS[key]
            )
        if terms[key] >= 1:
            raise _fail(
                ProductsErrorCode.INVALID_FEE,
                t("A fee is a fraction below 1 (0.015 = 1.5%).", "费率须为小于 1 的小数（0.015 = 1.5%）。"),
                COMMON_FIELDS[key],
            )
    terms["redemption_fees"] = _check_fee_tiers(kind, terms["redemption_fees"])
    _check_liquidity(kind, terms, today=today, changed=changed)
    settle = terms["settlement_days"]
    top = MAX_EQUITY_SETTLEMENT_DAYS if kind is ProductKind.EQUITY_FUND else MAX_SETTLEMENT_DAYS
    if settle is None or settle < 0 or settle > top:
        raise _fail(
            ProductsErrorCode.INVALID_LIQUIDITY,
            t(
                f"Redemption cash arrives 0 to {top} trading days after confirmation.",
                f"赎回款须在确认后 0 到 {top} 个交易日内到账。",
            ),
            "redemptionSettlementDays",
        )
    _check_switching(kind, terms)
    limit = terms["fast_redemption_limit"]
    if kind is ProductKind.MONEY_FUND:
        if limit is None or limit < 0:
            raise _fail(
                ProductsErrorCode.INVALID_LIQUIDITY,
                t("Give the daily fast-redemption limit (0 or more).", "请设置每日快速赎回额度（0 或以上）。"),
                "fastRedemptionLimit",
            )
        if limit > FAST_REDEMPTION_CAP:
            raise _fail(
                ProductsErrorCode.INVALID_LIQUIDITY,
                t(
                    f"Fast (T+0) redemption is capped at {FAST_REDEMPTION_CAP:,.0f} per user and day (CSRC/PBoC 2018).",
                    f"快速（T+0）赎回每人每日上限为 {FAST_REDEMPTION_CAP:,.0f}（证监会/人民银行 2018 年规定）。",
                ),
                "fastRedemptionLimit",
            )
    elif limit is not None:
        raise _fail(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t("Only money funds have fast (T+0) redemption.", "只有货币基金支持快速（T+0）赎回。"),
            "fastRedemptionLimit",
        )
    return terms


def _check_switching(kind: ProductKind, terms: dict[str, Any]) -> None:
    """Switching (转换) is between funds of one manager (the issuer) and registrar: a fund that
    allows it names its registrar; loan products never switch."""
    registrar = " ".join(str(terms.get("registrar") or "").split()) or None
    if registrar is not None and len(registrar) > MAX_NAME:
        raise _fail(
            ProductsErrorCode.INVALID_NAME,
            t(f"Give 1 to {MAX_NAME} characters.", f"请输入 1 到 {MAX_NAME} 个字符。"),
            "registrar",
        )
    terms["registrar"] = registrar
    terms["switchable"] = bool(terms.get("switchable"))
    if not terms["switchable"]:
        return
    if kind.is_loan:
        raise _fail(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t("Only funds can be switched into each other.", "只有基金之间可以转换。"),
            "switchable",
        )
    if registrar is None:
        raise _fail(
            CommonErrorCode.INVALID_INPUT,
            t(
                "A fund that allows switching names its registrar: switches stay within one manager and registrar.",
                "允许转换的基金须填写注册登记机构：转换仅限同一基金管理人、同一登记机构的基金之间。",
            ),
            "registrar",
        )


def _check_fee_tiers(kind: ProductKind, tiers: list[FeeTier]) -> list[FeeTier]:
    seen: set[int] = set()
    for index, tier in enumerate(tiers):
        if tier.min_holding_days < 0 or tier.min_holding_days in seen:
            raise _fail(
                ProductsErrorCode.INVALID_FEE,
                t(
                    "Holding periods are 0 days or more, each given once.",
                    "持有期须为 0 天或以上，且每个只能设置一次。",
                ),
                f"redemptionFees.{index}.minHoldingDays",
            )
        seen.add(tier.min_holding_days)
        if tier.rate < 0 or tier.rate >= 1:
            raise _fail(
                ProductsErrorCode.INVALID_FEE,
                t("A fee is a fraction from 0 to below 1.", "费率须为 0 到 1 之间（不含 1）的小数。"),
                f"redemptionFees.{index}.rate",
            )
    tiers = sorted(tiers, key=lambda tier: tier.min_holding_days)
    if kind is ProductKind.EQUITY_FUND:
        for days in range(SHORT_HOLDING_DAYS):
            if redemption_rate(tiers, days) < MIN_SHORT_HOLDING_REDEMPTION_RATE:
                raise _fail(
                    ProductsErrorCode.INVALID_FEE,
                    t(
                        "Equity funds charge at least 1.5% on units held fewer than 7 days.",
                        "持有不足 7 天的权益基金份额，赎回费率至少为 1.5%。",
                    ),
                    "redemptionFees",
                )
    return tiers


def redemption_rate(tiers: list[FeeTier], days_held: int) -> Decimal:
    """The fee rate of the schedule for units held ``days_held`` days (0 without a tier)."""
    rate = Decimal(0)
    for tier in tiers:
        if tier.min_holding_days <= days_held:
            rate = tier.rate
    return rate


def _check_liquidity(kind: ProductKind, terms: dict[str, Any], *, today: date, changed: set[str]) -> None:
    liquidity = LiquidityKind(terms["liquidity"])
    lock_days, maturity = terms["lock_days"], terms["maturity_date"]
    if liquidity is LiquidityKind.LOCKED:
        if (lock_days is None) == (maturity is None):
            raise _fail(
                ProductsErrorCode.INVALID_LIQUIDITY,
                t(
                    "A locked product is locked either for a number of days or until a maturity date.",
                    "封闭期产品须设置封闭天数或到期日，二者只能选其一。",
                ),
                "lockDays",
            )
        if lock_days is not None and not 1 <= lock_days <= MAX_LOCK_DAYS:
            raise _fail(
                ProductsErrorCode.INVALID_LIQUIDITY,
                t(f"Lock for 1 to {MAX_LOCK_DAYS} days (50 years).", f"封闭期为 1 到 {MAX_LOCK_DAYS} 天（50 年）。"),
                "lockDays",
            )
        if maturity is not None and "maturity_date" in changed and maturity <= today:
            raise _fail(
                ProductsErrorCode.INVALID_LIQUIDITY,
                t("The maturity date must be in the future.", "到期日必须晚于今天。"),
                "maturityDate",
            )
        if maturity is not None and maturity >= MATURITY_BEFORE:
            raise _fail(
                ProductsErrorCode.INVALID_LIQUIDITY,
                t(
                    f"The maturity date must be before {MATURITY_BEFORE.isoformat()}.",
                    f"到期日必须早于 {MATURITY_BEFORE.isoformat()}。",
                ),
                "maturityDate",
            )
    elif lock_days is not None or maturity is not None:
        raise _fail(
            ProductsErrorCode.INVALID_LIQUIDITY,
            t("Only a LOCKED product has lock days or a maturity date.", "只有 LOCKED 产品才有封闭天数或到期日。"),
            "liquidity",
        )
    if kind is ProductKind.MONEY_FUND and liquidity is LiquidityKind.LOCKED:
        raise _fail(
            ProductsErrorCode.INVALID_LIQUIDITY,
            t("A money fund is redeemable at any time.", "货币基金可随时赎回。"),
            "liquidity",
        )


def check_loan(kind: ProductKind, loan: dict[str, Any]) -> None:
    """Check the loan terms given so far (a draft may still miss some)."""

    def field(column: str) -> str:
        return loan_field(kind, column)

    for column in (
        "rate",
        "default_probability",
        "credit_enhancement",
        "early_amortisation_trigger",
        "loss_cover_ratio",
    ):
        value = loan.get(column)
        if value is not None:
            _unit_interval(value, field(column))
    for column in ("loss_given_default", "detachment"):
        value = loan.get(column)
        if value is not None:
            _unit_interval(value, field(column), upper_inclusive=True)
    rho = loan.get("asset_correlation")
    if rho is not None and not (0 <= rho <= Decimal("0.99")):
        raise _fail(
            ProductsErrorCode.INVALID_LOAN_TERMS,
            t("The asset correlation is between 0 and 0.99.", "资产相关系数须在 0 到 0.99 之间。"),
            field("asset_correlation"),
        )
    term = loan.get("term_months")
    if term is not None and not (1 <= term <= MAX_TERM_MONTHS):
        raise _fail(
            ProductsErrorCode.INVALID_LOAN_TERMS,
            t(f"The term is 1 to {MAX_TERM_MONTHS} months.", f"期限为 1 到 {MAX_TERM_MONTHS} 个月。"),
            field("term_months"),
        )
    revolving = loan.get("revolving_months")
    if revolving is not None and (revolving < 0 or (term is not None and revolving >= term)):
        raise _fail(
            ProductsErrorCode.INVALID_LOAN_TERMS,
            t(
                "The revolving period is 0 or more months and shorter than the term.",
                "循环期须为 0 个月或以上，且短于期限。",
            ),
            field("revolving_months"),
        )
    count = loan.get("loan_count")
    if count is not None and not (1 <= count <= MAX_LOAN_COUNT):
        raise _fail(
            ProductsErrorCode.INVALID_LOAN_TERMS,
            t(f"The pool has 1 to {MAX_LOAN_COUNT} loans.", f"资产池须包含 1 到 {MAX_LOAN_COUNT} 笔贷款。"),
            field("loan_count"),
        )
    attach, detach = loan.get("credit_enhancement"), loan.get("detachment")
    if attach is not None and detach is not None and detach <= attach:
        raise _fail(
            ProductsErrorCode.INVALID_LOAN_TERMS,
            t("The detachment point must be above the credit enhancement.", "分离点必须高于信用增级水平。"),
            field("detachment"),
        )
    if kind is ProductKind.P2P_LOAN:
        cover = LossCover(loan["loss_cover"]) if loan.get("loss_cover") is not None else LossCover.NONE
        ratio = loan.get("loss_cover_ratio") or Decimal(0)
        if cover is LossCover.NONE and ratio != 0:
            raise _fail(
                ProductsErrorCode.INVALID_LOAN_TERMS,
                t(
                    "Without a guarantor or a risk reserve the cover ratio is 0.",
                    "没有担保方或风险准备金时，覆盖比例为 0。",
                ),
                field("loss_cover_ratio"),
            )
        if cover is not LossCover.NONE and ratio <= 0:
            raise _fail(
                ProductsErrorCode.INVALID_LOAN_TERMS,
                t(
                    "Give the share of losses the guarantor or the reserve covers.",
                    "请填写担保方或风险准备金承担的损失比例。",
                ),
                field("loss_cover_ratio"),
            )
        if cover is LossCover.GUARANTOR and ratio >= 1:
            raise _fail(
                ProductsErrorCode.INVALID_LOAN_TERMS,
                t(
                    "A guarantor covers part of the losses, never all: the principal is not guaranteed.",
                    "担保方只承担部分损失，不会全额覆盖：本金不受保障。",
                ),
                field("loss_cover_ratio"),
            )
        if loan.get("repayment_method") is not None:
            RepaymentMethod(loan["repayment_method"])


def check_loan_liquidity(kind: ProductKind, common: dict[str, Any], loan: dict[str, Any]) -> None:
    """A P2P product without early exit is locked until maturity."""
    if kind is ProductKind.P2P_LOAN and not loan.get("early_exit") and common["liquidity"] != LiquidityKind.LOCKED:
        raise _fail(
            ProductsErrorCode.INVALID_LIQUIDITY,
            t(
                "A P2P product without early exit is LOCKED (for its term or until maturity).",
                "不支持提前退出的 P2P 产品为 LOCKED（封闭至期满或到期日）。",
            ),
            "liquidity",
        )


def missing_loan_terms(kind: ProductKind, loan: dict[str, Any] | None) -> list[str]:
    """The input fields still missing before the product may go on sale."""
    required = REQUIRED_LOAN_TERMS.get(kind, ())
    return [loan_field(kind, column) for column in required if loan is None or loan.get(column) is None]
