"""The demo catalogue (seeded, labelled demo, on sale through four eyes) and the scenario
inputs the advisor reads through ``products.scenarios``."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import numpy as np
import pytest
from sqlalchemy import select

from demo import products as demo
from demo import users as users_demo
from products import scenarios
from products.catalogue import catalogue_version
from products.kinds import ProductKind, ProductStatus
from products.models import AuditEntry, Product, ProductChangeRequest
from tests import calendars


@pytest.fixture
def seeded(db, clock, settings):
    with db.write() as session:
        users = users_demo.seed(session=session, clock=clock, settings=settings)
        products = demo.seed(session=session, clock=clock, settings=settings, seeded={"users": users})
    return {"users": users, "products": products}


def test_the_demo_catalogue_is_on_sale_through_four_eyes(db, seeded):
    pm1, pm2 = seeded["users"]["pm1@example.com"].id, seeded["users"]["pm2@example.com"].id
    with db.read() as session:
        everything = session.scalars(select(Product)).all()
        # the staff console's work: one draft, and a change of terms waiting for pm2
        assert [p.code for p in everything if p.status == ProductStatus.DRAFT] == ["DEMO-DRAFT-ESG"]
        assert [r.status for r in session.scalars(select(ProductChangeRequest))] == ["PENDING"]
        products = [p for p in everything if p.status != ProductStatus.DRAFT]
        assert Counter(p.kind for p in products) == {"MONEY_FUND": 3, "EQUITY_FUND": 8, "ABS_UNIT": 4, "P2P_LOAN": 5}
        assert all(p.status == ProductStatus.ON_SALE and p.is_demo and "(demo)" in p.name_en for p in products)
        for product in products:
            actions = {
                entry.action: entry.actor_id
                for entry in session.scalars(select(AuditEntry).where(AuditEntry.product_id == product.id))
            }
            assert actions["STATUS_CHANGE_REQUESTED"] == pm1
            assert actions["STATUS_CHANGE_APPROVED"] == pm2


def test_scenario_inputs_describe_every_product_on_sale(db, seeded, clock, settings):
    from products import service
    from products.audit import Actor
    from tests.products.conftest import common_terms, loan_terms

    pm1 = seeded["users"]["pm1@example.com"]
    with db.write() as session:
        draft = service.create_product(
            session=session,
            clock=clock,
            settings=settings,
            actor=Actor.user(pm1.id, pm1.email),
            kind=ProductKind.P2P_LOAN,
            common=common_terms(ProductKind.P2P_LOAN, "DRAFT-1"),
            loan=loan_terms(ProductKind.P2P_LOAN),
        ).id
    today = clock.today()
    with db.read() as session:
        inputs = scenarios.scenario_inputs(session=session, clock=clock)
    assert len(inputs) == 20 and draft not in {item.product_id for item in inputs}
    for item in inputs:
        assert item.figures is not None and item.liquidity.available_after_days >= 0
        if item.kind is ProductKind.EQUITY_FUND:
            dates = item.nav_series.dates
            # up to the last trading day whose close has passed (Thursday 10:00: Wednesday)
            assert dates[-1] == calendars.seeded().previous_trading_day(today)
            assert dates[0] <= today - timedelta(days=3 * 365)
            assert list(dates) == sorted(dates)
            assert np.all(item.nav_series.as_array() > 0)
            assert item.loan_model is None and item.income_series is None
        elif item.kind is ProductKind.MONEY_FUND:
            dates = item.income_series.dates
            assert dates[-1] == today and len(dates) == 366
            assert item.risk_level.value == "R1"
        else:
            model = item.loan_model
            assert model is not None and 0 < model.default_probability < 1
            assert item.nav_series is None
            assert item.qualified_only is (item.kind is ProductKind.ABS_UNIT)
    by_code = {item.code: item for item in inputs}
    assert by_code["DEMO-ABS-SUB"].loan_model.detachment < 1
    assert by_code["DEMO-P2P-12G"].loan_model.guarantor_share > 0
    assert by_code["DEMO-P2P-6M"].loan_model.attachment > 0  # the risk reserve absorbs first losses
    assert (
        by_code["DEMO-IDX-300"].fees.redemption_schedule[0].rate
        >= by_code["DEMO-IDX-300"].fees.redemption_schedule[-1].rate
    )


def test_demo_figures_land_in_the_intended_levels(db, seeded):
    with db.read() as session:
        products = session.scalars(select(Product).where(Product.status != ProductStatus.DRAFT)).all()
        for product in products:
            suggested = product.figures.suggested_risk_level
            if product.kind in (ProductKind.MONEY_FUND, ProductKind.EQUITY_FUND):
                assert suggested == product.risk_level, product.code
            else:  # loan products are set at the suggestion or one level more cautious
                assert 0 <= int(product.risk_level[1]) - int(suggested[1]) <= 1, product.code
        assert len(catalogue_version(session=session)) == 16


def test_the_demo_generator_is_reproducible(clock):
    spec = next(s for s in demo.CATALOGUE if s.kind is ProductKind.EQUITY_FUND)
    days = demo.nav_days(calendars.seeded(), clock.local_now())
    first = demo.nav_history(np.random.default_rng(demo.DEMO_SEED), spec, days)
    second = demo.nav_history(np.random.default_rng(demo.DEMO_SEED), spec, days)
    assert first == second
