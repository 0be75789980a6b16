"""What users read: the plain explanation of a recommendation and the messages of relaxations
and refusals, in zh-CN (default) and en. Percentages have one decimal; amounts are shown
to the yuan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from core.errors import Text
from core.money import Money
from users.models import DEFAULT_LOCALE


def pct(value: float | Decimal) -> str:
    return f"{float(value) * 100:.1f}%"


def yuan(value: Money) -> str:
    return value.display(decimals=False)


class English:
    def explanation(
        self,
        *,
        expected,
        low,
        high,
        bad_year_loss: Money,
        amount: Money,
        same_day: Money,
        full_withdrawal: date,
        goal: Money | None,
        goal_probability,
        horizon_months: int,
        relaxations: list[str],
    ) -> str:
        parts = [
            f"Expected return about {pct(expected)} a year (in most years between {pct(low)} and {pct(high)}).",
            (
                f"In a bad year (1 in 20) you could lose about {yuan(bad_year_loss)} of {yuan(amount)}."
                if bad_year_loss.amount >= Decimal("0.5")
                else f"Even in a bad year (1 in 20) {yuan(amount)} is not expected to lose money."
            ),
            f"{yuan(same_day)} can be withdrawn the same day; all of it by {full_withdrawal.isoformat()}.",
        ]
        if goal is not None:
            parts.append(
                f"The chance of reaching {yuan(goal)} in {horizon_months} months is about {pct(goal_probability)}."
            )
        return " ".join(parts + relaxations)

    def floor_capped(self, need: Money, amount: Money) -> str:
        return (
            f"The liquidity floor of {yuan(need)} exceeds the amount of {yuan(amount)}, "
            "so all of it is kept in money funds."
        )

    def floor_dropped(self, need: Money) -> str:
        return f"No money fund is open to you, so the liquidity floor of {yuan(need)} could not be kept."

    def share_lifted(self) -> str:
        return "Too few products are open to you to spread the amount at most 30% each, so that limit was lifted."

    def below_minimum(self, codes: tuple[str, ...]) -> str:
        return f"Left out because your share would be below their minimum amount: {', '.join(codes)}."

    def kind_limits(self, limits, illiquid_binds: bool) -> str:
        if illiquid_binds:
            return (
                f"Category {limits.category.value} keeps locked products to {pct(limits.illiquid_share)} of the "
                "amount, and the other products open to you cannot take the rest."
            )
        return (
            f"Category {limits.category.value} keeps P2P products to {pct(limits.p2p_share)} of the amount, "
            "and the other products open to you cannot take the rest."
        )

    def risk_limit(self, limits, least_tail: float) -> str:
        return (
            f"Even the least risky mix of the products open to you could lose on average {pct(least_tail)} in "
            f"the worst year in 20, above the limit of {pct(limits.tail_loss)} for category "
            f"{limits.category.value}."
        )

    def amount_below_minimum(self, amount: Money, smallest: Money) -> str:
        return (
            f"{yuan(amount)} is too little for the products open to you: the smallest minimum amount is "
            f"{smallest.display()}."
        )

    def no_product(self, terms) -> str:
        return (
            f"No product on sale suits category {terms.limits.category.value} with a horizon of "
            f"{terms.horizon_months} months."
        )

    def fast_note(self) -> str:
        return "fast (T+0): the cash pays the subscriptions at once"

    def cash_later(self, amount: Money) -> str:
        return f"{yuan(amount)} more will be invested once the redemptions pay out: check your plan again then."

    def orders_pending(self) -> str:
        return "Your plan's orders are still being confirmed: check again once they are."

    def plan_too_risky(self, limits) -> str:
        return (
            f"On today's figures your plan's tail loss is above the {pct(limits.tail_loss)} limit of category "
            f"{limits.category.value}: ask for a new recommendation."
        )

    def on_track(self, drift: Decimal) -> str:
        return f"Your portfolio is on track: {pct(drift)} away from your plan (rebalancing starts above 3.0%)."

    def drifted(self, drift: Decimal) -> str:
        return (
            f"Your portfolio has drifted {pct(drift)} from your plan (rebalancing starts above 3.0%): "
            "ask for a rebalancing plan to get the orders that bring it back."
        )

    def rebalance(self, drift: Decimal, before, after, amount: Money) -> str:
        return (
            f"Your portfolio has drifted {pct(drift)} from your plan. These orders bring it back: expected return "
            f"about {pct(after.expected_annual_return)} a year (now {pct(before.expected_annual_return)}); in a "
            f"bad year (1 in 20) you could lose about {yuan(after.bad_year_loss_amount)} of {yuan(amount)} "
            f"(now {yuan(before.bad_year_loss_amount)})."
        )


class Chinese(English):
    def explanation(
        self,
        *,
        expected,
        low,
        high,
        bad_year_loss: Money,
        amount: Money,
        same_day: Money,
        full_withdrawal: date,
        goal: Money | None,
        goal_probability,
        horizon_months: int,
        relaxations: list[str],
    ) -> str:
        parts = [
            f"预期年收益约{pct(expected)}（多数年份在{pct(low)}至{pct(high)}之间）。",
            (
                f"在较差的年份（二十年一遇），{yuan(amount)}可能亏损约{yuan(bad_year_loss)}。"
                if bad_year_loss.amount >= Decimal("0.5")
                else f"即使在较差的年份（二十年一遇），{yuan(amount)}预计也不会亏损。"
            ),
            f"当天可取出{yuan(same_day)}；全部资金最晚可于{full_withdrawal.isoformat()}取回。",
        ]
        if goal is not None:
            parts.append(f"{horizon_months}个月内达到{yuan(goal)}的概率约为{pct(goal_probability)}。")
        return "".join(parts + relaxations)

    def floor_capped(self, need: Money, amount: Money) -> str:
        return f"流动性需求{yuan(need)}超过了投资金额{yuan(amount)}，因此全部配置于货币基金。"

    def floor_dropped(self, need: Money) -> str:
        return f"没有可供您选择的货币基金，因此无法保留{yuan(need)}的流动性资金。"

    def share_lifted(self) -> str:
        return "可选产品太少，无法按单只产品不超过30%分散配置，已取消该限制。"

    def below_minimum(self, codes: tuple[str, ...]) -> str:
        return f"以下产品因配置金额低于起购金额而未纳入：{'、'.join(codes)}。"

    def kind_limits(self, limits, illiquid_binds: bool) -> str:
        if illiquid_binds:
            return (
                f"{limits.category.value}类投资者持有封闭期产品不超过{pct(limits.illiquid_share)}，"
                "其余可选产品无法容纳剩余金额。"
            )
        return (
            f"{limits.category.value}类投资者持有网贷产品不超过{pct(limits.p2p_share)}，其余可选产品无法容纳剩余金额。"
        )

    def risk_limit(self, limits, least_tail: float) -> str:
        return (
            f"即使是风险最低的组合，在最差的二十分之一年份中平均也可能亏损{pct(least_tail)}，"
            f"超过{limits.category.value}类投资者{pct(limits.tail_loss)}的上限。"
        )

    def amount_below_minimum(self, amount: Money, smallest: Money) -> str:
        return f"{yuan(amount)}不足以购买可选产品：最低起购金额为{smallest.display()}。"

    def no_product(self, terms) -> str:
        return f"目前没有适合{terms.limits.category.value}类投资者、期限{terms.horizon_months}个月的在售产品。"

    def fast_note(self) -> str:
        return "快速赎回（T+0）：资金立即用于申购"

    def cash_later(self, amount: Money) -> str:
        return f"赎回款到账后还有{yuan(amount)}可继续投资，届时请再次检查您的计划。"

    def orders_pending(self) -> str:
        return "您计划中的订单仍在确认中，确认后再来检查。"

    def plan_too_risky(self, limits) -> str:
        return (
            f"按最新数据，您计划的尾部损失已超过{limits.category.value}类投资者{pct(limits.tail_loss)}的上限，"
            "建议重新获取推荐。"
        )

    def on_track(self, drift: Decimal) -> str:
        return f"您的组合运行正常：与计划偏离{pct(drift)}（偏离超过3.0%时再平衡）。"

    def drifted(self, drift: Decimal) -> str:
        return f"您的组合已偏离计划{pct(drift)}（偏离超过3.0%时再平衡）：生成再平衡计划即可看到使其恢复的订单。"

    def rebalance(self, drift: Decimal, before, after, amount: Money) -> str:
        return (
            f"您的组合已偏离计划{pct(drift)}。以下订单可使其恢复：预期年收益约{pct(after.expected_annual_return)}"
            f"（目前{pct(before.expected_annual_return)}）；在较差的年份（二十年一遇），{yuan(amount)}可能亏损约"
            f"{yuan(after.bad_year_loss_amount)}（目前{yuan(before.bad_year_loss_amount)}）。"
        )


_LOCALES = {"en": English(), "zh-CN": Chinese()}


def of(locale: str) -> English:
    return _LOCALES.get(locale, _LOCALES[DEFAULT_LOCALE])


def both(say: Callable[[English], str]) -> Text:
    """A refusal in both languages: ``say`` asked of the English and of the Chinese texts."""
    return Text(say(_LOCALES["en"]), say(_LOCALES["zh-CN"]))
