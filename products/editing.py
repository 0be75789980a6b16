"""Creating and updating products (product managers). Every change is checked as a whole
(``products.terms``), written, audited with each field before and after, and the figures are
recomputed when a term that feeds them changed. Functions never commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from db.unique import unique_insert
from products import audit, figures, lifecycle, terms
from products.audit import Actor, AuditAction
from products.errors import ProductsErrorCode
from products.kinds import ProductKind, ProductStatus
from products.models import LoanTerms, Product, RedemptionFeeTier
from products.records import find_by_code, get_product

REQUIRED_ON_CREATE = ("code", "name_zh", "name_en", "issuer", "risk_level", "minimum_amount", "liquidity")
# Terms that feed the figures: changing one recomputes them.
FIGURE_TERMS = {"subscription_fee_rate", "management_fee_rate", "redemption_fees"}
UPDATABLE = set(terms.COMMON_FIELDS) - {"code", "is_demo"}
CLEARABLE = {"lock_days", "maturity_date", "fast_redemption_limit", "redemption_fees", "registrar"}


def _common_snapshot(product: Product) -> dict[str, Any]:
    values = {column: getattr(product, column) for column in terms.COMMON_FIELDS if column != "redemption_fees"}
    values["redemption_fees"] = figures.tiers_of(product)
    return values


def _loan_snapshot(product: Product) -> dict[str, Any]:
    if product.loan_terms is None:
        return dict.fromkeys(terms.LOAN_COLUMNS)
    return {column: getattr(product.loan_terms, column) for column in terms.LOAN_COLUMNS}


def _write_fee_tiers(session: Session, product: Product, tiers: list[terms.FeeTier]) -> None:
    product.redemption_fees.clear()
    session.flush()
    product.redemption_fees.extend(RedemptionFeeTier(min_holding_days=t.min_holding_days, rate=t.rate) for t in tiers)


def _diff(before: dict[str, Any], after: dict[str, Any], prefix: str = "") -> audit.Changes:
    return {prefix + key: (before.get(key), value) for key, value in after.items() if before.get(key) != value}


def create_product(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    actor: Actor,
    kind: ProductKind | str,
    common: dict[str, Any],
    loan: dict[str, Any] | None = None,
    loan_form: terms.LoanTermsForm | None = None,
) -> Product:
    """Create a DRAFT product. ``common`` holds the common terms (None = default), ``loan``
    the ABS/P2P terms given so far (``loan_form``: the form they came in, checked against the
    kind)."""
    kind = ProductKind(kind)
    terms.check_loan_form(kind, loan_form)
    for column in REQUIRED_ON_CREATE:
        if common.get(column) is None:
            raise DomainError(
                CommonErrorCode.INVALID_INPUT, t("This is required.", "此项为必填项。"), terms.COMMON_FIELDS[column]
            )
    values = terms.common_defaults(kind, settings)
    values.update({key: value for key, value in common.items() if value is not None})
    values = terms.check_common(kind, values, today=clock.today(), changed=set(values))
    loan_values = None
    if kind.is_loan:
        loan_values = terms.loan_defaults(kind)
        given = terms.loan_changes(kind, loan or {})
        loan_values.update({key: value for key, value in given.items() if value is not None})
        terms.check_loan(kind, loan_values)
        terms.check_loan_liquidity(kind, values, loan_values)
    elif loan:
        raise DomainError(
            ProductsErrorCode.WRONG_PRODUCT_KIND,
            t("Only ABS units and P2P products have loan terms.", "只有 ABS 份额和 P2P 产品才有借款条款。"),
            "absTerms",
        )

    def duplicate() -> DomainError:
        return DomainError(
            ProductsErrorCode.DUPLICATE_CODE,
            t(f"A product with code {values['code']} already exists.", f"代码为 {values['code']} 的产品已存在。"),
            "code",
        )

    if find_by_code(session=session, code=values["code"]) is not None:
        raise duplicate()

    now = clock.now()
    product = Product(
        kind=kind.value,
        status=ProductStatus.DRAFT.value,
        revision=0,
        created_at=now,
        updated_at=now,
        **{key: value for key, value in values.items() if key != "redemption_fees"},
    )
    product.redemption_fees = [
        RedemptionFeeTier(min_holding_days=t.min_holding_days, rate=t.rate) for t in values["redemption_fees"]
    ]
    if loan_values is not None:
        product.loan_terms = LoanTerms(**loan_values)
    with unique_insert(session, Product.__table__, ("code",), error=duplicate):  # a concurrent creation
        session.add(product)
    changes = _diff({}, {"kind": kind.value, "status": ProductStatus.DRAFT.value, **values})
    if loan_values is not None:
        changes.update(_diff({}, {k: v for k, v in loan_values.items() if v is not None}, "loan."))
    audit.record(
        session=session, clock=clock, product_id=product.id, actor=actor, action=AuditAction.CREATED, changes=changes
    )
    figures.refresh(session=session, clock=clock, product=product)
    session.flush()
    return product


@dataclass(frozen=True)
class TermsChange:
    """A checked change of a product's terms: each changed column with its value before and
    after (common terms, and ``loan.``-prefixed loan terms), and the loan terms after."""

    common: audit.Changes
    loan: audit.Changes
    loan_after: dict[str, Any]

    @property
    def empty(self) -> bool:
        return not self.common and not self.loan


def check_change(*, product: Product, today, common: dict[str, Any], loan: dict[str, Any] | None = None) -> TermsChange:
    """Check a change of some terms as a whole (``common``/``loan`` hold only the fields to
    change; a None value clears an optional field), without applying it."""
    kind = ProductKind(product.kind)
    if product.status == ProductStatus.CLOSED:
        raise DomainError(
            ProductsErrorCode.PRODUCT_CLOSED,
            t("A closed product cannot change.", "已关闭的产品不能修改。"),
            "productId",
        )
    for key in common:
        if key not in UPDATABLE:
            raise DomainError(
                CommonErrorCode.INVALID_INPUT,
                t("This cannot be changed.", "此项不可修改。"),
                terms.COMMON_FIELDS.get(key, key),
            )
        if common[key] is None and key not in CLEARABLE:
            raise DomainError(
                CommonErrorCode.INVALID_INPUT,
                t("This cannot be cleared; give a value.", "此项不能清空，请填写一个值。"),
                terms.COMMON_FIELDS[key],
            )
    before = _common_snapshot(product)
    proposed = {**before, **common}
    changed = {key for key, value in common.items() if before.get(key) != value}
    if "currency" in changed and product.launched_at is not None:
        raise DomainError(
            ProductsErrorCode.CURRENCY_FIXED,
            t(
                "A product's currency never changes once it has been on sale: holders' units and cash are in it.",
                "产品一经上架，币种不可更改：持有人的份额和资金均以该币种计价。",
            ),
            "currency",
        )
    proposed = terms.check_common(kind, proposed, today=today, changed=changed)
    loan_before = _loan_snapshot(product)
    loan_after = loan_before
    if loan:
        if not kind.is_loan:
            raise DomainError(
                ProductsErrorCode.WRONG_PRODUCT_KIND,
                t("Only ABS units and P2P products have loan terms.", "只有 ABS 份额和 P2P 产品才有借款条款。"),
                "absTerms",
            )
        loan_after = {**loan_before, **terms.loan_changes(kind, loan)}
        terms.check_loan(kind, loan_after)
    if kind.is_loan:
        terms.check_loan_liquidity(kind, proposed, loan_after)
        if product.status in (ProductStatus.ON_SALE, ProductStatus.PENDING_APPROVAL, ProductStatus.SUSPENDED):
            missing = terms.missing_loan_terms(kind, loan_after)
            if missing:
                raise DomainError(
                    ProductsErrorCode.INSUFFICIENT_DATA,
                    t("A product on sale needs complete loan terms.", "在售产品需要完整的借款条款。"),
                    missing[0],
                )
    return TermsChange(_diff(before, proposed), _diff(loan_before, loan_after, "loan."), loan_after)


def apply_change(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product: Product,
    change: TermsChange,
    audit_changes: audit.Changes | None = None,
) -> Product:
    """Write a checked change (one new terms revision), audit it, recompute the figures."""
    if change.empty:
        return product
    for key, (_, value) in change.common.items():
        if key == "redemption_fees":
            _write_fee_tiers(session, product, value)
        else:
            setattr(product, key, value)
    if change.loan:
        if product.loan_terms is None:
            product.loan_terms = LoanTerms(**dict.fromkeys(terms.LOAN_COLUMNS))
        for key, value in change.loan_after.items():
            setattr(product.loan_terms, key, value)
    product.updated_at = clock.now()
    product.terms_revision = (product.terms_revision or 0) + 1
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=AuditAction.UPDATED,
        changes=audit_changes or {**change.common, **change.loan},
    )
    if change.loan or FIGURE_TERMS & set(change.common):
        figures.refresh(session=session, clock=clock, product=product)
    else:
        product.revision += 1
    session.flush()
    return product


def update_product(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product_id: int,
    common: dict[str, Any],
    loan: dict[str, Any] | None = None,
) -> Product:
    """Change some terms of a product that has never been on sale (a draft, or one waiting
    for its first approval: the edit withdraws that request, which must then be made again on
    the new terms). A launched product's terms change only through a change request that a
    second product manager approves (``products.changes``): ``CHANGE_NEEDS_APPROVAL``."""
    product = get_product(session=session, product_id=product_id, lock=True)
    change = check_change(product=product, today=clock.today(), common=common, loan=loan)
    if product.launched_at is not None and product.status != ProductStatus.CLOSED:
        raise DomainError(
            ProductsErrorCode.CHANGE_NEEDS_APPROVAL,
            t(
                "This product has been on sale: a change of its terms is a change request that another product "
                "manager approves.",
                "该产品已上架过：修改条款需提交变更申请，并由其他产品经理审批。",
            ),
            "productId",
        )
    if change.empty:
        return product
    if product.status == ProductStatus.PENDING_APPROVAL:
        lifecycle.withdraw_request(
            session=session, clock=clock, actor=actor, product=product, reason="terms edited while waiting for approval"
        )
    return apply_change(session=session, clock=clock, actor=actor, product=product, change=change)
