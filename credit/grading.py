"""Grades, limits and the reasons' texts.

Grades are score bands of the card's scale (600 points = odds of 50:1, 40 points double the
odds); each grade's probability of default over 12 months is calibrated on the data the model
was fitted on: the observed default rate of the grade, smoothed (``(defaults + 1) / (n + 2)``).
The limit is a multiple of the average monthly sales, capped per grade and floored to ¥100; E
gets no offer."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

import numpy as np

from core.errors import Text, t

# (grade, lowest score); scores below the last band are E.
BANDS: tuple[tuple[str, int], ...] = (("A", 600), ("B", 560), ("C", 520), ("D", 480))
LIMIT_MULTIPLE = {"A": Decimal(3), "B": Decimal(2), "C": Decimal("1.5"), "D": Decimal(1), "E": Decimal(0)}
LIMIT_CAP = {"A": Decimal(500000), "B": Decimal(200000), "C": Decimal(100000), "D": Decimal(50000), "E": Decimal(0)}
GRADES = ("A", "B", "C", "D", "E")


def grade_of(score: float) -> str:
    for grade, lowest in BANDS:
        if score >= lowest:
            return grade
    return "E"


def calibrate(scores: np.ndarray, defaulted: np.ndarray) -> list[dict[str, object]]:
    """Per grade: its band, how many fitted rows fell in it and their smoothed default rate."""
    grades = np.array([grade_of(s) for s in scores])
    out = []
    for index, grade in enumerate(GRADES):
        members = grades == grade
        n, d = int(members.sum()), int(np.asarray(defaulted)[members].sum())
        lowest = BANDS[index][1] if index < len(BANDS) else None
        out.append({"grade": grade, "min_score": lowest, "n": n, "defaults": d, "pd": str(round((d + 1) / (n + 2), 6))})
    return out


def limit_for(grade: str, avg_monthly_sales: float, *, minimum: Decimal) -> Decimal:
    """The pre-approved limit in CNY (0: no offer)."""
    raw = min(Decimal(str(round(avg_monthly_sales, 2))) * LIMIT_MULTIPLE[grade], LIMIT_CAP[grade])
    limit = (raw / 100).to_integral_value(rounding=ROUND_FLOOR) * 100
    return limit if limit >= minimum else Decimal(0)


# What lowered a score, and what would raise it, in both languages (by feature).
REASONS: dict[str, Text] = {
    "avg_monthly_sales": t(
        "Your monthly sales on the platform are low; more sales through guarantee payments raise your score.",
        "您在平台上的月销售额较低；通过担保交易获得更多销售可提高评分。",
    ),
    "active_months": t(
        "You sold in few of the last 12 months; selling steadily every month raises your score.",
        "过去 12 个月中有销售的月份较少；每月持续经营可提高评分。",
    ),
    "distinct_buyers": t(
        "Your sales come from few buyers; a wider base of buyers raises your score.",
        "您的销售来自较少的买家；拓展更多买家可提高评分。",
    ),
    "sales_growth": t(
        "Your sales fell in the last three months; growing sales raise your score.",
        "您近三个月的销售额下降；销售增长可提高评分。",
    ),
    "sales_volatility": t(
        "Your monthly sales swing a lot; steadier sales raise your score.",
        "您的月销售额波动较大；销售更平稳可提高评分。",
    ),
    "refund_rate": t(
        "Many of your orders were refunded; fewer refunds raise your score.",
        "您的订单退款比例较高；减少退款可提高评分。",
    ),
    "dispute_rate": t(
        "Some of your orders ended in disputes; fewer disputes raise your score.",
        "您有部分订单发生纠纷；减少纠纷可提高评分。",
    ),
    "account_age_months": t(
        "Your account is new; your score rises as your history on the platform grows.",
        "您的账户较新；随着在平台上的记录增长，评分会提高。",
    ),
    "identity_verified": t(
        "Your identity is not verified; verifying it raises your score.",
        "您尚未完成实名认证；完成认证可提高评分。",
    ),
    "card_bound": t("No bank card is bound; binding one raises your score.", "您尚未绑定银行卡；绑定后可提高评分。"),
    "money_fund_balance": t(
        "Your money-fund balance is low; keeping a steady balance raises your score.",
        "您的余额宝类货币基金余额较低；保持稳定的余额可提高评分。",
    ),
    "buyer_payments": t(
        "You pay little through the platform as a buyer; using it for your purchases raises your score.",
        "您作为买家在平台上的付款较少；更多使用平台付款可提高评分。",
    ),
    "max_days_past_due": t(
        "You repaid a loan late; repaying on time raises your score.",
        "您曾逾期还款；按时还款可提高评分。",
    ),
    "early_repayments": t(
        "You have no record of repaying early; early repayments raise your score.",
        "您没有提前还款记录；提前还款可提高评分。",
    ),
}


def reason_text(code: str) -> Text:
    return REASONS.get(code, t("Other factors of your history.", "您记录中的其他因素。"))
