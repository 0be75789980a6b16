"""A notification's title and body in English and Chinese (``core.errors.Text``), written
from what it stores, so they are always in the language the reader asks in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from core.errors import Text, t
from core.money import shown
from notifications.kinds import NotificationKind as K


@dataclass(frozen=True, slots=True)
class Facts:
    """What a text may mention (any of them may be missing)."""

    amount: int | None = None  # CNY minor units
    product_en: str | None = None
    product_zh: str | None = None
    due_on: date | None = None
    detail: dict[str, Any] | None = None


def _percent(value: str | None) -> str:
    return "" if value is None else f"{(Decimal(value) * 100).quantize(Decimal('0.1'))}%"


def _local(value: str | None, fallback: date | None) -> str:
    """``YYYY-MM-DD HH:MM`` of an ISO instant as stored (platform time), else the date."""
    if value is not None:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    return "" if fallback is None else fallback.isoformat()


def title(kind: K) -> Text:
    return _TITLES[kind]


def body(kind: K, facts: Facts) -> Text:
    amount = "" if facts.amount is None else shown(abs(facts.amount))
    signed = "" if facts.amount is None else shown(facts.amount)
    en_product = facts.product_en or "your product"
    zh_product = facts.product_zh or "您的产品"
    day = "" if facts.due_on is None else facts.due_on.isoformat()
    detail = facts.detail or {}
    if kind is K.PAYMENT_RECEIVED:
        return t(f"{amount} arrived in your wallet.", f"{amount}已到账。")
    if kind is K.PAYMENT_SENT:
        return t(f"You paid {amount}.", f"您已付款{amount}。")
    if kind is K.PAYMENT_HELD:
        return t(
            f"{amount} is held by the platform until receipt is confirmed.", f"{amount}已由平台担保，确认收货后放款。"
        )
    if kind is K.PAYMENT_RELEASED:
        return t(f"The guarantee payment of {amount} has been released.", f"担保付款{amount}已放款。")
    if kind is K.PAYMENT_REFUNDED:
        return t(f"The payment of {amount} has been refunded.", f"付款{amount}已退款。")
    if kind is K.DEPOSIT_COMPLETED:
        return t(f"{amount} was added to your wallet.", f"{amount}已存入您的钱包。")
    if kind is K.WITHDRAWAL_COMPLETED:
        return t(f"{amount} was sent to your bank card.", f"{amount}已转入您的银行卡。")
    if kind is K.WITHDRAWAL_FAILED:
        return t(
            f"The bank could not pay out your withdrawal of {amount}; the money is back in your wallet.",
            f"银行未能完成{amount}的提现，款项已退回您的钱包。",
        )
    if kind is K.ORDER_CONFIRMED:
        return t(f"Your order for {en_product} has been confirmed.", f"您的{zh_product}订单已确认。")
    if kind is K.ORDER_FAILED:
        return t(f"Your order for {en_product} could not be confirmed.", f"您的{zh_product}订单未能确认。")
    if kind is K.INCOME_CREDITED:
        return t(f"{en_product} earned you {signed}.", f"{zh_product}为您带来收益{signed}。")
    if kind is K.COUPON_PAID:
        return t(f"{amount} of interest was paid into your wallet.", f"{amount}利息已支付到您的钱包。")
    if kind is K.REDEMPTION_PAID:
        return t(f"{amount} from {en_product} is in your wallet.", f"{zh_product}的赎回款{amount}已到账。")
    if kind is K.ESCROW_AUTO_CONFIRM_TOMORROW:
        when = _local(detail.get("releasesAt"), facts.due_on)
        return t(
            f"Your guarantee payment of {amount} will be released to the payee automatically on {when}. "
            "If something is wrong, ask for a refund before then.",
            f"您的担保付款{amount}将于{when}自动确认并付给收款方；如有问题，请在此之前申请退款。",
        )
    if kind is K.RISK_ASSESSMENT_EXPIRING:
        return t(
            f"Your risk assessment expires on {day}. Answer the questionnaire again to keep buying products above R1.",
            f"您的风险测评将于{day}到期。请重新完成问卷，以便继续购买R1以上的产品。",
        )
    if kind is K.PLAN_DRIFTED:
        drift, limit = _percent(detail.get("drift")), _percent(detail.get("limit"))
        return t(
            f"Your portfolio is {drift} away from your plan (rebalancing starts above {limit}). "
            "Look at the rebalancing plan to bring it back.",
            f"您的组合已偏离计划{drift}（偏离超过{limit}时建议再平衡），可查看再平衡方案使其恢复。",
        )
    if kind is K.INVESTMENT_PLAN_RUN:
        return t(f"Your scheduled investment of {amount} for {day} was placed.", f"您{day}的定投{amount}已下单。")
    if kind is K.INVESTMENT_PLAN_SKIPPED:
        return t(
            f"Your scheduled investment of {amount} for {day} was skipped: {detail.get('reason_en', '')}",
            f"您{day}的定投{amount}未能执行：{detail.get('reason_zh', '')}",
        )
    if kind is K.INVESTMENT_PLAN_PAUSED:
        return t(
            "Your scheduled investment plan was paused after three missed runs in a row. Top up and resume it.",
            "您的定投计划已连续三次未能执行，现已暂停。请充值后恢复。",
        )
    if kind is K.AUTOMATIC_REBALANCE:
        return t(str(detail.get("reason_en", "")), str(detail.get("reason_zh", "")))
    if kind is K.GOAL_NEEDS_REVIEW:
        name = detail.get("goal", "")
        return t(
            f"A product of your goal “{name}” was withdrawn. Nothing automatic happens until you accept its new "
            "plan or decline it (which turns the goal's automation off).",
            f"您的目标“{name}”中的产品已下架。在您接受新的配置方案或拒绝（将关闭该目标的自动投资）之前，不会自动执行任何操作。",
        )
    raise AssertionError(f"no text for {kind}")  # pragma: no cover - every kind has one


_TITLES = {
    K.PAYMENT_RECEIVED: t("Payment received", "收到付款"),
    K.PAYMENT_SENT: t("Payment sent", "付款成功"),
    K.PAYMENT_HELD: t("Payment held in guarantee", "担保付款已冻结"),
    K.PAYMENT_RELEASED: t("Guarantee payment released", "担保付款已放款"),
    K.PAYMENT_REFUNDED: t("Payment refunded", "付款已退款"),
    K.DEPOSIT_COMPLETED: t("Top-up completed", "充值成功"),
    K.WITHDRAWAL_COMPLETED: t("Withdrawal completed", "提现成功"),
    K.WITHDRAWAL_FAILED: t("Withdrawal failed", "提现失败"),
    K.ORDER_CONFIRMED: t("Order confirmed", "订单已确认"),
    K.ORDER_FAILED: t("Order not confirmed", "订单未能确认"),
    K.INCOME_CREDITED: t("Income credited", "收益到账"),
    K.COUPON_PAID: t("Interest paid", "利息到账"),
    K.REDEMPTION_PAID: t("Redemption paid", "赎回款到账"),
    K.ESCROW_AUTO_CONFIRM_TOMORROW: t("A held payment releases tomorrow", "担保付款明日自动确认"),
    K.RISK_ASSESSMENT_EXPIRING: t("Your risk assessment expires soon", "风险测评即将到期"),
    K.PLAN_DRIFTED: t("Your plan has drifted", "组合已偏离计划"),
    K.INVESTMENT_PLAN_RUN: t("Scheduled investment placed", "定投已执行"),
    K.INVESTMENT_PLAN_SKIPPED: t("Scheduled investment skipped", "定投未能执行"),
    K.INVESTMENT_PLAN_PAUSED: t("Scheduled investment paused", "定投已暂停"),
    K.AUTOMATIC_REBALANCE: t("Your goal was rebalanced", "目标已自动再平衡"),
    K.GOAL_NEEDS_REVIEW: t("Your goal's plan needs a look", "目标的配置方案需要您确认"),
}
assert set(_TITLES) == set(K), "every kind has a title"
