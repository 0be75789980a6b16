"""Investing in a plan: every order of a stored recommendation placed through the wallet's
order functions inside the caller's one write transaction, all or nothing.

A ``RECOMMENDATION`` subscribes each allocation's amount; a ``REBALANCE`` places its stored
orders, redemptions first (fast ones pay cash at once), then subscriptions. Before anything
is placed the wallet's cash is checked against what the subscriptions need (less what fast
redemptions pay now). Any refusal (too little cash, a product gone off sale, a suitability
that changed since, a lock-up, a fast-redemption limit used up) is raised with its wallet or
questionnaire code and a message naming the product, and the caller's transaction rolls
back, so nothing is placed. The request is idempotent by its key (``ledger.idempotency``): a
retry returns the invested plan and never pays twice; investing in the same plan again
under another key is refused (``PLAN_ALREADY_INVESTED``), also when both run at once: the
plan's row is locked first, so every plan kind (recommendation or rebalance) is executed
exactly once.

The placed orders are kept with the plan (``advisor_plan_orders.order_id``) and the plan is
marked ``invested_at``: rebalancing compares the holdings with the latest invested plan.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from advisor import recommendations
from advisor.errors import AdviceError, AdvisorErrorCode
from advisor.models import OrderSide, PlanOrder, Recommendation, RecommendationKind
from core.clock import Clock
from core.errors import DomainError, Text, t
from core.money import Money
from core.settings import Settings
from investing import orders
from ledger import idempotency
from ledger.accounts import user_balance
from ledger.errors import LedgerErrorCode
from ledger.kinds import CNY, Purpose

FIELD = "recommendationId"
OPERATION = "investInPlan"


def _orders_of(row: Recommendation) -> list[PlanOrder]:
    """The orders to place: a rebalance's stored ones (redemptions first), or a subscription
    per allocation."""
    if row.kind == RecommendationKind.REBALANCE:
        return sorted(row.orders, key=lambda order: (order.side != OrderSide.REDEEM, order.position))
    return [
        PlanOrder(
            position=a.position,
            product_id=a.product_id,
            product_code=a.product_code,
            side=OrderSide.SUBSCRIBE.value,
            amount=a.amount,
            units=None,
            fast=False,
            note="",
        )
        for a in row.allocations
    ]


def _check_cash(session: Session, row: Recommendation, planned: list[PlanOrder], user_id: int) -> None:
    needed = sum((o.amount for o in planned if o.side == OrderSide.SUBSCRIBE), Decimal(0))
    # a money fund's unit is worth 1.00, so a fast redemption pays its amount or its units
    fast_cash = sum(
        (o.amount if o.amount is not None else o.units for o in planned if o.side == OrderSide.REDEEM and o.fast),
        Decimal(0),
    )
    available = Decimal(user_balance(session, user_id=user_id, purpose=Purpose.CASH, asset=CNY)).scaleb(-2)
    if needed > available + fast_cash:
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS,
            t(
                f"Your wallet has {Money(available, CNY).display()}; this plan needs "
                f"{Money(needed - fast_cash, CNY).display()}. Top up and invest again.",
                f"您的钱包余额为 {Money(available, CNY).display()}，该计划需要 "
                f"{Money(needed - fast_cash, CNY).display()}。请充值后再投资。",
            ),
            FIELD,
        )


def invest_in_plan(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    recommendation_id: int,
    idempotency_key: str,
    payment_password: str | None = None,
) -> Recommendation:
    """Place every order of the plan (see the module docstring); returns the invested plan."""
    claim = idempotency.claim(
        session,
        user_id=user_id,
        key=idempotency_key,
        operation=OPERATION,
        parameters={"recommendation": recommendation_id},
        now=clock.now(),
    )
    if claim.is_replay:
        return recommendations.get(session=session, user_id=user_id, recommendation_id=claim.replay_of)
    try:  # locked: a concurrent execution of the same plan (any key) waits, then finds it invested
        row = recommendations.get(session=session, user_id=user_id, recommendation_id=recommendation_id, lock=True)
    except DomainError as error:
        error.field = FIELD
        raise
    if row.invested_at is not None:
        raise AdviceError(
            AdvisorErrorCode.PLAN_ALREADY_INVESTED,
            t(
                f"This plan was invested in on {row.invested_at.astimezone(clock.zone).date().isoformat()}; "
                "ask for a new recommendation to invest more.",
                f"该计划已于 {row.invested_at.astimezone(clock.zone).date().isoformat()} 投资，"
                "如需追加投资，请重新获取推荐。",
            ),
            FIELD,
        )
    planned = _orders_of(row)
    if not planned:
        raise AdviceError(
            AdvisorErrorCode.PLAN_NOT_INVESTABLE,
            t("This plan has no orders to place.", "该计划中没有需要提交的订单。"),
            FIELD,
        )
    _check_cash(session, row, planned, user_id)
    password_checked = False
    for order in planned:
        try:
            if order.side == OrderSide.SUBSCRIBE:
                result = orders.subscribe(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user_id,
                    product_id=order.product_id,
                    amount=order.amount,
                    payment_password_text=payment_password,
                    payment_password_checked=password_checked,
                )
            else:
                result = orders.redeem(
                    session=session,
                    clock=clock,
                    settings=settings,
                    user_id=user_id,
                    product_id=order.product_id,
                    units=order.units,
                    amount=order.amount,
                    fast=order.fast,
                    payment_password_text=payment_password,
                    payment_password_checked=password_checked,
                )
        except DomainError as error:
            raise DomainError(
                error.code,
                Text(f"{order.product_code}: {error.text.en}", f"{order.product_code}：{error.text.zh}"),
                FIELD,
            ) from error
        password_checked = True
        order.order_id = result.order_id
    if row.kind != RecommendationKind.REBALANCE:
        row.orders = planned
    row.invested_at = clock.now()
    session.flush()
    idempotency.complete(session, claim, result_id=row.id)
    return row
