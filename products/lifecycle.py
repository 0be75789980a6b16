"""The product lifecycle (see ``products.kinds``): direct changes by one product manager,
and going on sale with four eyes, a request by one manager and approval by another, for the
terms revision the request was made on (an edit of the terms in between withdraws it). The
approver may not be the requester (``SAME_APPROVER``) nor hold the product
(``CONFLICT_OF_INTEREST``). A product goes on sale only with the data its figures need.
Every change is audited."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from products import audit, conflicts, figures
from products.audit import Actor, AuditAction
from products.errors import ProductsErrorCode
from products.kinds import DIRECT_CHANGES, ON_SALE_REQUESTABLE, ProductStatus
from products.models import Product
from products.records import get_product


def _require_data(session: Session, product: Product) -> None:
    reason = figures.missing_data(session=session, product=product)
    if reason is not None:
        raise DomainError(ProductsErrorCode.INSUFFICIENT_DATA, reason, "status")


def change_status(
    *, session: Session, clock: Clock, actor: Actor, product_id: int, status: ProductStatus | str
) -> Product:
    """Suspend, close, or request going on sale (the product then waits for approval).
    While a request waits, asking for the status it came from withdraws it."""
    product = get_product(session=session, product_id=product_id, lock=True)
    current, target = ProductStatus(product.status), ProductStatus(status)
    now = clock.now()
    if current is ProductStatus.PENDING_APPROVAL:
        origin = ProductStatus(product.pending_from)
        if target is not origin:
            raise DomainError(
                ProductsErrorCode.STATUS_CHANGE_NOT_ALLOWED,
                t(
                    f"The product waits for approval to go on sale: approve it, or withdraw the request by "
                    f"asking for {origin.value}.",
                    f"该产品正在等待上架审批：请审批通过，或申请改为 {origin.value} 以撤回请求。",
                ),
                "status",
            )
        action = AuditAction.STATUS_CHANGE_WITHDRAWN
        _clear_request(product, origin)
    elif target is ProductStatus.ON_SALE and current in ON_SALE_REQUESTABLE:
        _require_data(session, product)
        action = AuditAction.STATUS_CHANGE_REQUESTED
        target = ProductStatus.PENDING_APPROVAL
        product.status, product.pending_from = target.value, current.value
        product.pending_requested_by, product.pending_requested_at = actor.id, now
        product.pending_terms_revision = product.terms_revision
    elif target in DIRECT_CHANGES[current]:
        action = AuditAction.STATUS_CHANGED
        product.status = target.value
    else:
        raise DomainError(
            ProductsErrorCode.STATUS_CHANGE_NOT_ALLOWED,
            t(
                f"A {current.value} product cannot become {target.value}.",
                f"{current.value} 状态的产品不能变更为 {target.value}。",
            ),
            "status",
        )
    product.updated_at = now
    product.revision += 1
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=action,
        changes={"status": (current.value, product.status)},
    )
    if current is ProductStatus.ON_SALE:  # off sale: its own model's figures again; the market moved
        figures.mark_changed(session, clock, product)
        figures.refresh(session=session, clock=clock, product=product)
    session.flush()
    return product


def _clear_request(product: Product, origin: ProductStatus) -> None:
    product.status, product.pending_from = origin.value, None
    product.pending_requested_by = product.pending_requested_at = product.pending_terms_revision = None


def withdraw_request(*, session: Session, clock: Clock, actor: Actor, product: Product, reason: str) -> None:
    """Withdraw a pending request to go on sale (its terms are about to change)."""
    origin = ProductStatus(product.pending_from)
    _clear_request(product, origin)
    product.updated_at = clock.now()
    product.revision += 1
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=AuditAction.STATUS_CHANGE_WITHDRAWN,
        changes={"status": (ProductStatus.PENDING_APPROVAL.value, origin.value), "reason": (None, reason)},
    )


def check_second_pair_of_eyes(
    session: Session, *, actor: Actor, requested_by: int | None, product_id: int, field: str = "productId"
) -> None:
    """The approver is a product manager other than the requester, holding none of the product."""
    if actor.id is None or actor.id == requested_by:
        raise DomainError(
            ProductsErrorCode.SAME_APPROVER,
            t(
                "Four eyes: a product manager other than the one who asked must approve.",
                "四眼原则：须由申请人以外的产品经理审批。",
            ),
            field,
        )
    if conflicts.holds(session, user_id=actor.id, product_id=product_id):
        raise DomainError(
            CommonErrorCode.CONFLICT_OF_INTEREST,
            t(
                "You hold this product (or have an order for it pending): another product manager must approve.",
                "您持有该产品（或有该产品的待处理订单）：须由其他产品经理审批。",
            ),
            field,
        )


def approve_status_change(
    *, session: Session, clock: Clock, actor: Actor, product_id: int, terms_revision: int | None = None
) -> Product:
    """A second product manager puts a product waiting for approval on sale, for the terms it
    was requested on (``terms_revision``, when given, is the revision the approver reviewed)."""
    product = get_product(session=session, product_id=product_id, lock=True)
    if product.status != ProductStatus.PENDING_APPROVAL:
        raise DomainError(
            ProductsErrorCode.NO_PENDING_APPROVAL,
            t("Nothing waits for approval on this product.", "该产品没有待审批的事项。"),
            "productId",
        )
    check_second_pair_of_eyes(session, actor=actor, requested_by=product.pending_requested_by, product_id=product.id)
    expected = product.pending_terms_revision
    if (expected is not None and expected != product.terms_revision) or (
        terms_revision is not None and terms_revision != product.terms_revision
    ):
        raise DomainError(
            ProductsErrorCode.STALE_REVISION,
            t(
                f"The terms changed since (now revision {product.terms_revision}); review them again.",
                f"条款已更新（当前版本 {product.terms_revision}），请重新审核。",
            ),
            "termsRevision",
        )
    _require_data(session, product)
    requested_by = product.pending_requested_by
    now = clock.now()
    _clear_request(product, ProductStatus.ON_SALE)
    product.launched_at = product.launched_at or now
    product.updated_at = now
    product.revision += 1
    figures.mark_changed(session, clock, product)  # its joint figures (and the market's, if equity)
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=AuditAction.STATUS_CHANGE_APPROVED,
        changes={
            "status": (ProductStatus.PENDING_APPROVAL.value, ProductStatus.ON_SALE.value),
            "requestedBy": (requested_by, None),
        },
    )
    session.flush()
    return product
