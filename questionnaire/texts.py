"""Plain texts in both supported locales: names of the risk scales and the templates of
explanations, suitability reasons and warnings. Question wording lives in the questionnaire
files, not here."""

from __future__ import annotations

from decimal import Decimal

from core.money import Money
from core.risk import RiskCategory, RiskLevel
from questionnaire.definition import Unit

CATEGORY_NAMES = {
    "en": {"C1": "conservative", "C2": "cautious", "C3": "balanced", "C4": "growth", "C5": "aggressive"},
    "zh-CN": {"C1": "保守型", "C2": "稳健型", "C3": "平衡型", "C4": "成长型", "C5": "进取型"},
}

LEVEL_NAMES = {
    "en": {"R1": "low risk", "R2": "medium-low risk", "R3": "medium risk", "R4": "medium-high risk", "R5": "high risk"},
    "zh-CN": {"R1": "低风险", "R2": "中低风险", "R3": "中风险", "R4": "中高风险", "R5": "高风险"},
}

DIMENSIONS = {
    "en": {"CAPACITY": "capacity", "WILLINGNESS": "willingness"},
    "zh-CN": {"CAPACITY": "风险承受能力", "WILLINGNESS": "风险承受意愿"},
}

LIST_SEPARATOR = {"en": ", ", "zh-CN": "、"}
SENTENCE_SEPARATOR = {"en": " ", "zh-CN": ""}

EXPLANATION = {
    "en": {
        "category": "Your risk category is {category} ({category_name}).",
        "scores": (
            "Your capacity to take risk scores {capacity}/100 ({capacity_category}) and your "
            "willingness scores {willingness}/100 ({willingness_category}); the lower of the two sets your category."
        ),
        "held_down": "What held your {dimension} down most: {answers}.",
        "next": "To reach {next_category}, {needs}.",
        "need": "your {dimension} score would need to be at least {minimum} (it is {score})",
        "and": " and ",
        "top": "{category} is the highest category.",
        "lowest": (
            'Your risk category is C1 ({category_name}), the lowest category: you answered "{answer}" to '
            '"{question}", so you may buy only R1 ({level_name}) products. If you could accept some loss, '
            "your other answers would set your category."
        ),
        "inconsistent": (
            "Some answers contradict each other: {rules}. This lowered your willingness score by {penalty} "
            "points; consistent answers would change it."
        ),
        "elderly": "As you are 65 or older, products rated R4 or R5 will always show you a warning to confirm first.",
        "qualified": "You meet the qualified-investor test (at least 2 years of investing and enough assets or income).",
    },
    "zh-CN": {
        "category": "您的风险类别为{category}（{category_name}）。",
        "scores": (
            "您的风险承受能力得分为{capacity}分（{capacity_category}），风险承受意愿得分为{willingness}分"
            "（{willingness_category}），取两者中较低者确定类别。"
        ),
        "held_down": "拉低{dimension}最多的回答：{answers}。",
        "next": "若要达到{next_category}，{needs}。",
        "need": "{dimension}得分需至少{minimum}分（目前{score}分）",
        "and": "，且",
        "top": "{category}已是最高类别。",
        "lowest": (
            "您的风险类别为C1（{category_name}），属于最低风险承受能力类别：您在“{question}”中选择了“{answer}”，"
            "因此只能购买R1（{level_name}）产品。如果您能接受一定亏损，您的其他回答将决定您的类别。"
        ),
        "inconsistent": "您的部分回答相互矛盾：{rules}。因此风险承受意愿得分被扣减{penalty}分；前后一致的回答会改变这一结果。",
        "elderly": "由于您已年满65周岁，购买R4或R5产品前都需要先确认专门的风险提示。",
        "qualified": "您符合合格投资者条件（2年以上投资经历，且资产或收入达到标准）。",
    },
}

REASONS = {
    "en": {
        "WITHIN_CATEGORY": "{level} ({level_name}) is within your risk category {category} ({category_name}).",
        "LOWEST_RISK_LEVEL": "R1 ({level_name}) products may be bought without a current risk assessment.",
        "ABOVE_CATEGORY": (
            "{level} ({level_name}) is above your risk category {category} ({category_name}), which covers "
            "R1 to {top_level}."
        ),
        "ELDERLY_HIGH_RISK": (
            "{level} ({level_name}) is within your risk category, but as you are 65 or older you are asked "
            "to confirm the risk first."
        ),
        "LOWEST_CATEGORY": (
            "You said you accept no loss at all, so you are in the lowest category and may not buy products "
            "above R1, even with a warning."
        ),
        "ASSESSMENT_MISSING": (
            "You have not answered the risk questionnaire yet: products above R1, and products for qualified "
            "investors, need a current risk assessment."
        ),
        "ASSESSMENT_EXPIRED": (
            "Your risk assessment expired on {expired_on}: answer the questionnaire again before buying "
            "products above R1 or products for qualified investors."
        ),
        "NOT_QUALIFIED_INVESTOR": (
            "This product is sold to qualified investors only: at least 2 years of investing, and household "
            "financial assets of ¥5,000,000, financial net assets of ¥3,000,000 or an average income of "
            "¥400,000 a year over the last 3 years."
        ),
        "NOT_PRIVATE_FUND_QUALIFIED": (
            "This product is a private placement for qualified investors only: financial assets of at least "
            "¥3,000,000, or an average income of at least ¥500,000 a year over the last 3 years."
        ),
        "MINOR": "Your verified identity shows you are under 18: only R1 products may be bought.",
    },
    "zh-CN": {
        "WITHIN_CATEGORY": "{level}（{level_name}）产品在您的风险类别{category}（{category_name}）可购买范围内。",
        "LOWEST_RISK_LEVEL": "R1（{level_name}）产品无需有效的风险评估即可购买。",
        "ABOVE_CATEGORY": "{level}（{level_name}）产品高于您的风险类别{category}（{category_name}）可购买的R1至{top_level}。",
        "ELDERLY_HIGH_RISK": "{level}（{level_name}）产品在您的风险类别范围内，但因您已年满65周岁，需先确认风险提示。",
        "LOWEST_CATEGORY": "您表示不能接受任何亏损，属于最低风险承受能力类别，即使确认风险提示也不能购买R1以上的产品。",
        "ASSESSMENT_MISSING": "您尚未完成风险评估问卷：购买R1以上的产品或仅面向合格投资者的产品需要有效的风险评估。",
        "ASSESSMENT_EXPIRED": "您的风险评估已于{expired_on}过期：请重新完成问卷后再购买R1以上的产品或仅面向合格投资者的产品。",
        "NOT_QUALIFIED_INVESTOR": (
            "该产品仅面向合格投资者销售：需具有2年以上投资经历，且家庭金融资产不低于500万元、"
            "家庭金融净资产不低于300万元或近3年本人年均收入不低于40万元。"
        ),
        "NOT_PRIVATE_FUND_QUALIFIED": "该产品为私募产品，仅面向合格投资者：金融资产不低于300万元，或近3年本人年均收入不低于50万元。",
        "MINOR": "您的实名身份显示您未满18周岁：只能购买R1产品。",
    },
}

WARNINGS = {
    "en": {
        "ABOVE_CATEGORY": (
            "Risk warning: this product is rated {level} ({level_name}), above your risk category {category} "
            "({category_name}). It may lose more, and more often, than you told us you can accept, and you could "
            "lose part of the money you invest. Buy it only if you have read the product documents and accept this risk."
        ),
        "ELDERLY_HIGH_RISK": (
            "Risk warning: this product is rated {level} ({level_name}). Its value can fall sharply and you could "
            "lose part of the money you invest. As you are 65 or older, make sure you will not need this money "
            "for living costs or health care before you buy."
        ),
        "elderly_note": (
            " As you are 65 or older, think especially carefully about money you may need for living costs or "
            "health care."
        ),
    },
    "zh-CN": {
        "ABOVE_CATEGORY": (
            "风险提示：该产品风险等级为{level}（{level_name}），高于您的风险类别{category}（{category_name}）。"
            "其亏损可能比您所能接受的更大、更频繁，您可能损失部分本金。请在阅读产品资料并确认愿意承担该风险后再购买。"
        ),
        "ELDERLY_HIGH_RISK": (
            "风险提示：该产品风险等级为{level}（{level_name}），净值可能大幅下跌，您可能损失部分本金。"
            "您已年满65周岁，购买前请确认这笔钱不会用于日常生活或医疗开支。"
        ),
        "elderly_note": "您已年满65周岁，请特别慎重考虑您日常生活和医疗所需的资金。",
    },
}

_UNIT_FORMATS = {
    "en": {Unit.AGE: "{n}", Unit.YEARS: "{n} years"},
    "zh-CN": {Unit.AGE: "{n}岁", Unit.YEARS: "{n}年"},
}


def category_name(category: RiskCategory, locale: str) -> str:
    return CATEGORY_NAMES[locale][category.value]


def level_name(level: RiskLevel, locale: str) -> str:
    return LEVEL_NAMES[locale][level.value]


def number_text(value: Decimal, unit: Unit | None, locale: str) -> str:
    """A number answer as a person reads it: ``¥50,000``, ``45岁``, ``3 years``."""
    if unit is Unit.CNY:
        return Money(value, "CNY").display(decimals=value != value.to_integral_value())
    template = _UNIT_FORMATS[locale].get(unit, "{n}")
    return template.format(n=f"{value:,f}")
