"""The product-manager workflow over GraphQL: create, four-eyes approval to go on sale,
suspend, close; data needed before going on sale; permissions; the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from products.kinds import ProductKind
from products.models import AuditEntry, Product
from tests.ids import db_key, product_gid
from tests.products.gqlops import (
    APPROVE,
    AUDIT,
    CHANGE,
    CREATE,
    RECORD_INCOME,
    RECORD_NAV,
    UPDATE,
    change_terms,
    new_product,
)


def change(client, product_id, status):
    return client.data(CHANGE, {"i": {"productId": product_gid(product_id), "status": status}})["changeProductStatus"]


def approve(client, product_id):
    return client.data(APPROVE, {"i": {"productId": product_gid(product_id)}})["approveProductStatusChange"]


def codes(payload) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def counts(db) -> tuple[int, int]:
    with db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Product)),
            session.scalar(select(func.count()).select_from(AuditEntry)),
        )


def test_a_product_manager_creates_a_draft(as_pm1):
    payload = as_pm1.data(CREATE, {"i": new_product("P2P_LOAN", "p2p-12m")})["createProduct"]
    assert payload["userErrors"] == []
    assert payload["product"]["code"] == "P2P-12M"
    assert payload["product"]["status"] == "DRAFT"
    assert payload["product"]["qualifiedOnly"] is False


def test_abs_units_are_for_qualified_investors_by_default(as_pm1):
    payload = as_pm1.data(CREATE, {"i": new_product("ABS_UNIT", "ABS-1")})["createProduct"]
    assert payload["product"]["qualifiedOnly"] is True


def test_going_on_sale_takes_two_product_managers(catalogue, as_pm1, as_pm2):
    product_id = catalogue.ready(ProductKind.EQUITY_FUND)

    asked = change(as_pm1, product_id, "ON_SALE")
    assert asked["userErrors"] == [] and asked["product"]["status"] == "PENDING_APPROVAL"

    self_approved = approve(as_pm1, product_id)
    assert codes(self_approved) == ["SAME_APPROVER"]
    assert change(as_pm2, product_id, "SUSPENDED")["userErrors"][0]["code"] == "STATUS_CHANGE_NOT_ALLOWED"

    approved = approve(as_pm2, product_id)
    assert approved["userErrors"] == [] and approved["product"]["status"] == "ON_SALE"
    assert codes(approve(as_pm2, product_id)) == ["NO_PENDING_APPROVAL"]


def test_the_whole_lifecycle_ends_in_closed_for_good(catalogue, as_pm1, as_pm2):
    product_id = catalogue.on_sale(ProductKind.MONEY_FUND)
    assert codes(change(as_pm1, product_id, "CLOSED")) == ["STATUS_CHANGE_NOT_ALLOWED"]  # suspend first
    assert change(as_pm1, product_id, "SUSPENDED")["product"]["status"] == "SUSPENDED"
    assert change(as_pm1, product_id, "ON_SALE")["product"]["status"] == "PENDING_APPROVAL"
    assert approve(as_pm2, product_id)["product"]["status"] == "ON_SALE"
    assert change(as_pm2, product_id, "SUSPENDED")["product"]["status"] == "SUSPENDED"
    assert change(as_pm2, product_id, "CLOSED")["product"]["status"] == "CLOSED"
    for status in ("ON_SALE", "SUSPENDED", "DRAFT"):
        assert codes(change(as_pm1, product_id, status)) == ["STATUS_CHANGE_NOT_ALLOWED"]
    update = as_pm1.data(UPDATE, {"i": {"productId": product_gid(product_id), "nameEn": "Reborn"}})["updateProduct"]
    assert codes(update) == ["PRODUCT_CLOSED"]


def test_a_request_is_withdrawn_by_asking_for_the_previous_status(catalogue, as_pm1, as_pm2):
    product_id = catalogue.ready(ProductKind.MONEY_FUND)
    change(as_pm1, product_id, "ON_SALE")
    assert change(as_pm1, product_id, "DRAFT")["product"]["status"] == "DRAFT"
    assert codes(approve(as_pm2, product_id)) == ["NO_PENDING_APPROVAL"]


def test_a_draft_can_be_closed_but_not_put_back(catalogue, as_pm1):
    product_id = catalogue.create(ProductKind.EQUITY_FUND)
    assert change(as_pm1, product_id, "CLOSED")["product"]["status"] == "CLOSED"
    assert codes(change(as_pm1, product_id, "DRAFT")) == ["STATUS_CHANGE_NOT_ALLOWED"]


@pytest.mark.parametrize(
    ("kind", "make_incomplete"),
    [
        ("EQUITY_FUND", "short_nav_history"),
        ("MONEY_FUND", "six_days_of_income"),
        ("P2P_LOAN", "no_repayment_method"),
        ("ABS_UNIT", "no_credit_enhancement"),
    ],
)
def test_a_product_without_the_data_its_figures_need_stays_a_draft(as_pm1, clock, kind, make_incomplete):
    from datetime import timedelta

    data = new_product(kind, f"X-{kind[:3]}")
    if make_incomplete == "no_repayment_method":
        del data["p2pTerms"]["repaymentMethod"]
    if make_incomplete == "no_credit_enhancement":
        del data["absTerms"]["creditEnhancement"]
    product_id = as_pm1.data(CREATE, {"i": data})["createProduct"]["product"]["id"]
    today = clock.today()
    if make_incomplete == "short_nav_history":
        for back in range(30):
            as_pm1.data(
                RECORD_NAV,
                {
                    "i": {
                        "productId": product_gid(product_id),
                        "date": str(today - timedelta(days=back)),
                        "nav": "1.0100",
                    }
                },
            )
    if make_incomplete == "six_days_of_income":
        for back in range(6):
            as_pm1.data(
                RECORD_INCOME,
                {
                    "i": {
                        "productId": product_gid(product_id),
                        "date": str(today - timedelta(days=back)),
                        "incomePer10kUnits": "0.5000",
                    }
                },
            )
    asked = change(as_pm1, product_id, "ON_SALE")
    assert codes(asked) == ["INSUFFICIENT_DATA"]
    assert asked["userErrors"][0]["field"] == "status"
    assert (
        as_pm1.data("query($id: ID!) { product(id: $id) { status } }", {"id": product_gid(product_id)})["product"][
            "status"
        ]
        == "DRAFT"
    )


MANAGER_MUTATIONS = [
    (CREATE, lambda pid: new_product("MONEY_FUND", "NEW-1")),
    (UPDATE, lambda pid: {"productId": product_gid(pid), "nameEn": "Hijacked"}),
    (CHANGE, lambda pid: {"productId": product_gid(pid), "status": "SUSPENDED"}),
    (APPROVE, lambda pid: {"productId": product_gid(pid)}),
    (RECORD_NAV, lambda pid: {"productId": product_gid(pid), "date": "2026-11-25", "nav": "1.2345"}),
    (RECORD_INCOME, lambda pid: {"productId": product_gid(pid), "date": "2026-11-25", "incomePer10kUnits": "0.5"}),
]


@pytest.mark.parametrize(("document", "make_input"), MANAGER_MUTATIONS)
@pytest.mark.parametrize("who", ["customer", "ops"])
def test_only_product_managers_change_the_catalogue(db, gql, catalogue, staff, document, make_input, who):
    product_id = product_gid(catalogue.on_sale(ProductKind.MONEY_FUND))
    client = gql.as_user(f"{who}@example.com" if who != "customer" else "customer@example.com")
    before = counts(db)
    body = client.data(document, {"i": make_input(product_id)})
    payload = next(iter(body.values()))
    assert codes(payload) == ["FORBIDDEN"]
    assert payload["product"] is None
    assert counts(db) == before


def test_signed_out_callers_are_asked_to_sign_in(gql, catalogue):
    body = gql.data(CREATE, {"i": new_product("MONEY_FUND", "ANON-1")})
    assert codes(body["createProduct"]) == ["UNAUTHENTICATED"]


def test_every_change_is_in_the_audit_log_with_who_and_before_after(catalogue, as_pm1, as_pm2, as_ops, as_customer):
    product_id = product_gid(catalogue.ready(ProductKind.EQUITY_FUND))
    as_pm1.data(
        UPDATE, {"i": {"productId": product_gid(product_id), "subscriptionFeeRate": "0.008", "nameEn": "Renamed"}}
    )
    change(as_pm1, product_id, "ON_SALE")
    approve(as_pm2, product_id)

    entries = as_ops.data(AUDIT, {"id": product_gid(product_id)})["productAuditLog"]["nodes"]
    actions = [entry["action"] for entry in entries]
    assert actions[:4] == ["STATUS_CHANGE_APPROVED", "STATUS_CHANGE_REQUESTED", "UPDATED", "HISTORY_IMPORTED"]
    assert actions[-1] == "CREATED"
    approved, requested, updated = entries[0], entries[1], entries[2]
    assert approved["actor"] == "pm2@example.com" and requested["actor"] == "pm1@example.com"
    assert {"field": "status", "before": "PENDING_APPROVAL", "after": "ON_SALE"} in approved["changes"]
    assert {"field": "subscription_fee_rate", "before": "0.012000", "after": "0.008000"} in updated["changes"]
    assert {
        "field": "name_en",
        "before": f"Product {catalogue.code_of(db_key(product_id))}",
        "after": "Renamed",
    } in updated["changes"]

    assert as_pm1.data(AUDIT, {"id": product_gid(product_id)})["productAuditLog"]["nodes"] == entries
    refused = as_customer.execute(AUDIT, {"id": product_gid(product_id)})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_audited_decimals_are_written_at_their_columns_places_before_and_after(catalogue, as_pm1):
    from decimal import Decimal

    from tests.products.conftest import loan_terms

    equity = product_gid(catalogue.ready(ProductKind.EQUITY_FUND))
    as_pm1.data(
        UPDATE,
        {
            "i": {
                "productId": product_gid(equity),
                "minimumAmount": "20",
                "managementFeeRate": "0.01",
                "redemptionFees": [{"minHoldingDays": 0, "rate": "0.02"}, {"minHoldingDays": 7, "rate": "0.005"}],
            }
        },
    )
    p2p = product_gid(
        catalogue.ready(ProductKind.P2P_LOAN, loan=loan_terms(ProductKind.P2P_LOAN, rate=Decimal("0.09")))
    )
    as_pm1.data(
        UPDATE, {"i": {"productId": product_gid(p2p), "p2pTerms": {"annualRate": "0.1", "recoveryRate": "0.5"}}}
    )

    def changes(product_id):
        updated = next(
            e
            for e in as_pm1.data(AUDIT, {"id": product_gid(product_id)})["productAuditLog"]["nodes"]
            if e["action"] == "UPDATED"
        )
        return {c["field"]: (c["before"], c["after"]) for c in updated["changes"]}

    assert changes(equity) == {
        "minimum_amount": ("10.00", "20.00"),
        "management_fee_rate": ("0.000000", "0.010000"),
        "redemption_fees": ("0d+: 0.015000; 7d+: 0.005000; 730d+: 0.000000", "0d+: 0.020000; 7d+: 0.005000"),
    }
    assert changes(p2p) == {"loan.rate": ("0.090000", "0.100000"), "loan.loss_given_default": ("0.600000", "0.500000")}


def test_the_audit_log_pages_newest_first(catalogue, as_pm1):
    product_id = product_gid(catalogue.ready(ProductKind.MONEY_FUND))
    for name in ("A", "B", "C"):
        as_pm1.data(UPDATE, {"i": {"productId": product_gid(product_id), "nameEn": name}})
    seen, after = [], None
    while True:
        page = as_pm1.data(AUDIT, {"id": product_gid(product_id), "first": 2, "after": after})["productAuditLog"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert [db_key(entry["id"]) for entry in seen] == sorted((db_key(entry["id"]) for entry in seen), reverse=True)
    assert len(seen) == 5  # created, imported, three renames


def test_updating_loan_terms_recomputes_the_figures(catalogue, as_pm1, as_pm2):
    from decimal import Decimal

    from tests.products.conftest import loan_terms

    product_id = product_gid(
        catalogue.on_sale(ProductKind.P2P_LOAN, loan=loan_terms(ProductKind.P2P_LOAN, default_probability=Decimal(0)))
    )
    safe = change_terms(as_pm1, as_pm2, product_id, nameEn="Same terms")["product"]
    assert safe["figures"]["badYearLoss"]["fraction"] == "0.000000"
    product = change_terms(as_pm1, as_pm2, product_id, p2pTerms={"defaultProbability": "0.15", "recoveryRate": "0.2"})[
        "product"
    ]
    assert product["p2pTerms"]["defaultProbability"] == "0.150000" and product["p2pTerms"]["recoveryRate"] == "0.200000"
    assert Decimal(product["figures"]["expectedAnnualReturn"]) < Decimal(safe["figures"]["expectedAnnualReturn"])
    assert Decimal(product["figures"]["badYearLoss"]["fraction"]) > 0
    assert product["p2pTerms"]["annualRate"] == "0.090000"  # untouched terms stay


def test_concurrent_creations_with_one_code_create_one_product_and_tell_the_other_it_is_taken(
    pg_db, clock, settings, monkeypatch
):
    from core.errors import DomainError
    from products import service
    from products.audit import Actor
    from products.errors import ProductsErrorCode
    from tests.products.conftest import common_terms
    from tests.users.races import race
    from users import service as users
    from users.roles import Role

    with pg_db.write() as session:
        manager = users.create_user(
            session=session,
            email="racer@example.com",
            password="correct-horse-battery",
            roles={Role.PRODUCT_MANAGER},
            clock=clock,
            settings=settings,
        )
    actor = Actor.user(manager.id, manager.email)

    def create():
        with pg_db.write() as session:
            return service.create_product(
                session=session,
                clock=clock,
                settings=settings,
                actor=actor,
                kind=ProductKind.MONEY_FUND,
                common=common_terms(ProductKind.MONEY_FUND, "RACE-1"),
            ).id

    outcomes = race(monkeypatch, service, "find_by_code", create)
    errors = [outcome for outcome in outcomes if isinstance(outcome, DomainError)]
    assert len(errors) == 1 and (errors[0].code, errors[0].field) == (ProductsErrorCode.DUPLICATE_CODE, "code")
    assert counts(pg_db) == (1, 1)  # one product, one audit entry: the loser wrote nothing
