"""The joint-scenario figures of the products on sale: each product page shows the
statistics (``figures.scenario_statistics``) of its column of the very scenarios the advisor
optimises over (``joint_scenarios``). ``figures.mark_changed`` notes a product whose data
changed; the marked products' joint figures are recomputed once, just before the transaction
commits (a session listener registered when ``products`` is imported)."""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from core.clock import Clock
from products.figures import CHANGED, JOINT_MODEL, fraction, scenario_statistics
from products.joint_scenarios import generate
from products.kinds import ProductKind
from products.models import Product, ProductFigures
from products.scenarios import scenario_inputs


def refresh_joint(
    *, session: Session, clock: Clock, product_ids: set[int] | None = None, all_equity: bool = False
) -> int:
    """Store the joint-scenario figures of the on-sale products named (all when None); how
    many were stored."""
    inputs = scenario_inputs(session=session, clock=clock)
    wanted = [
        p
        for p in inputs
        if product_ids is None or p.product_id in product_ids or (all_equity and p.kind is ProductKind.EQUITY_FUND)
    ]
    if not wanted:
        return 0
    scenarios = generate(wanted, market=inputs)
    rows = {
        p.id: p
        for p in session.scalars(
            select(Product)
            .where(Product.id.in_([p.product_id for p in scenarios.products]))
            .options(selectinload(Product.figures))
        )
    }
    now = clock.now()
    for j, scenario_input in enumerate(scenarios.products):
        product = rows[scenario_input.product_id]
        stats = scenario_statistics(scenarios.returns[:, j])
        row = product.figures
        if row is None:
            row = product.figures = ProductFigures(
                product_id=product.id, as_of=clock.today(), max_drawdown=None, suggested_risk_level=product.risk_level
            )
        row.model = JOINT_MODEL
        row.expected_annual_return = fraction(stats.expected_annual_return)
        row.typical_low = fraction(stats.typical_low)
        row.typical_high = fraction(stats.typical_high)
        row.bad_year_loss = fraction(stats.bad_year_loss)
        row.one_in_100_loss = fraction(stats.one_in_100_loss)
        row.probability_of_loss = fraction(stats.probability_of_loss)
        row.volatility = fraction(stats.volatility)
        row.computed_at = now
    session.flush()
    return len(scenarios.products)


@event.listens_for(Session, "before_commit")
def _refresh_marked(session: Session) -> None:
    pending = session.info.pop(CHANGED, None)
    if pending and pending["ids"]:
        refresh_joint(session=session, clock=pending["clock"], product_ids=pending["ids"], all_equity=pending["equity"])
