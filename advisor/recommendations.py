"""Recommendations as a service: compute one for a user (``compute``: reads only, so the API
solves outside any write transaction), store it exactly as given (``store``), and read it
back for its owner (``get``).

Everything needed to reproduce and explain a recommendation is stored with it: the inputs
(asked and used, with the profile facts), the catalogue version, the assumptions (scenario
count and seed, model parameters, the category's limits), the solver and its status, the
relaxations, the allocations with the products as they were shown, the figures and the
explanation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.advice import Advice, advise
from advisor.eligibility import AdviceRequest
from advisor.model_cache import ModelCache
from advisor.models import AllocationRow, PlanOrder, Recommendation, RecommendationKind
from advisor.weights import decimal_percentages
from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from db.session import Database, lock_rows
from questionnaire.profiles import current_profile
from tradingcalendar.service import calendar as trading_calendar
from wallet import identity


def compute(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    cache: ModelCache,
    user_id: int,
    locale: str,
    request: AdviceRequest,
) -> Advice:
    """The advice for ``request`` (raises ``DomainError`` naming the input or the binding
    constraint; never a bare solver exception)."""
    profile = current_profile(session=session, user_id=user_id, clock=clock)
    age = identity.verified_age(session, user_id, today=clock.today())
    if age is not None:  # the verified identity's age counts, as for an order
        profile = replace(profile, age=age)
    model = cache.model(session=session, clock=clock)
    return advise(
        model=model,
        profile=profile,
        request=request,
        today=clock.today(),
        calendar=trading_calendar(session),
        locale=locale,
        currency=settings.currency,
    )


def recommend(
    *,
    database: Database,
    clock: Clock,
    settings: Settings,
    cache: ModelCache,
    user_id: int,
    locale: str,
    request: AdviceRequest,
) -> Recommendation:
    """Compute the advice (reading, no transaction held while the optimizer runs) and store it."""
    with database.read() as session:
        advice = compute(
            session=session,
            clock=clock,
            settings=settings,
            cache=cache,
            user_id=user_id,
            locale=locale,
            request=request,
        )
    with database.write() as session:
        return store(session=session, now=clock.now(), user_id=user_id, advice=advice)


def store(
    *,
    session: Session,
    now: datetime,
    user_id: int,
    advice: Advice,
    kind: RecommendationKind = RecommendationKind.RECOMMENDATION,
    based_on_id: int | None = None,
    drift=None,
    figures_before: dict | None = None,
    orders: list[PlanOrder] = (),
) -> Recommendation:
    terms, plain, report = advice.terms, advice.figures, advice.optimum.report
    row = Recommendation(
        user_id=user_id,
        kind=kind.value,
        based_on_id=based_on_id,
        created_at=now,
        locale=advice.locale,
        risk_category=terms.limits.category.value,
        currency=terms.amount.currency,
        amount=terms.amount.amount,
        horizon_months=terms.horizon_months,
        liquidity_need=terms.liquidity_need.amount,
        goal_amount=None if terms.goal_amount is None else terms.goal_amount.amount,
        inputs=terms.inputs(advice.request),
        catalogue_version=advice.catalogue_version,
        assumptions=advice.assumptions,
        solver=report.solver,
        solver_status=report.status,
        relaxations=[relaxation.as_dict() for relaxation in advice.relaxations],
        expected_annual_return=plain.expected_annual_return,
        typical_low=plain.typical_low,
        typical_high=plain.typical_high,
        bad_year_loss=plain.bad_year_loss,
        bad_year_loss_amount=plain.bad_year_loss_amount.amount,
        probability_of_loss=plain.probability_of_loss,
        one_in_100_loss=plain.one_in_100_loss,
        one_in_100_loss_amount=None if plain.one_in_100_loss_amount is None else plain.one_in_100_loss_amount.amount,
        tail_loss=plain.tail_loss,
        same_day_available=plain.same_day_available.amount,
        earliest_full_withdrawal=plain.earliest_full_withdrawal,
        earliest_full_withdrawal_estimated=plain.earliest_full_withdrawal_estimated,
        goal_probability=plain.goal_probability,
        explanation=advice.explanation,
        drift=drift,
        figures_before=figures_before,
    )
    row.allocations = [
        AllocationRow(
            position=position,
            product_id=allocation.product.product_id,
            product_code=allocation.product.code,
            name_zh=allocation.product.name_zh,
            name_en=allocation.product.name_en,
            kind=allocation.product.kind.value,
            risk_level=allocation.product.risk_level.value,
            weight=allocation.weight,
            amount=allocation.amount.amount,
        )
        for position, allocation in enumerate(advice.allocations)
    ]
    row.orders = list(orders)
    session.add(row)
    session.flush()
    return row


def get(*, session: Session, user_id: int, recommendation_id: int, lock: bool = False) -> Recommendation:
    """The stored recommendation, for its owner only (anyone else: NOT_FOUND); ``lock`` takes
    its row for the rest of the transaction (``SELECT ... FOR UPDATE``), so two executions of
    one plan run one after the other."""
    query = select(Recommendation).where(Recommendation.id == recommendation_id)
    if lock:
        query = lock_rows(session, query).execution_options(populate_existing=True)
    row = session.scalar(query)
    if row is None or row.user_id != user_id:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such recommendation.", "推荐不存在。"), "id")
    return row


# --- a stored plan as it is shown: from its stored decimals only -----------------------------

LIMIT_KEYS = ("tailLoss", "illiquidShare", "p2pShare", "productShare")


def shown_percents(row: Recommendation) -> list[Decimal]:
    """Each allocation's percentage with one decimal, adding up to exactly 100, from the stored
    weights (the same every time the plan is shown)."""
    return decimal_percentages([a.weight for a in row.allocations], 1) if row.allocations else []


def stored_limits(row: Recommendation) -> dict[str, Decimal]:
    """The category limits the plan was computed under, as stored (a missing one is 0)."""
    limits = row.assumptions.get("limits", {})
    return {key: Decimal(str(limits[key])) if limits.get(key) is not None else Decimal(0) for key in LIMIT_KEYS}
