"""Four eyes on a launched product's terms: change requests.

Once a product has been on sale (``launched_at``), any change of its terms (fees, who may
buy it, its risk level, liquidity, loan terms, names...) is a request by one product manager
that another approves:

- ``propose``: what ``updateProduct`` does. A product never on sale changes at once
  (``service.update_product``); a launched one gets a ``PENDING`` request for the terms
  revision it was asked on. Asking again replaces the pending request (``SUPERSEDED``), so an
  approval is always of the latest proposal, never of an edited one.
- ``approve``: a second product manager (not the requester, ``SAME_APPROVER``; holding none
  of the product, ``CONFLICT_OF_INTEREST``) applies it, only if the terms are still at the
  revision it was asked on (``STALE_REVISION`` otherwise: the request must be asked again).
- ``reject``: another manager rejects it, or the requester withdraws it.

The currency never changes once launched. Terms already agreed with holders never change
retroactively: an order keeps the fee it was placed with (subscriptions) or the fee rates of
the lots it took (redemptions), and a lot keeps the lock-up it was bought with
(``fund_lots.locked_until``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.actor import Actor
from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.ids import parse_id
from db import keyset
from db.counting import count_rows
from db.session import lock_rows
from products import audit, lifecycle
from products import editing as service
from products.errors import ProductsErrorCode
from products.models import Product, ProductChangeRequest
from products.terms import FeeTier, LoanTermsForm, check_loan_form


class ChangeStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    SUPERSEDED = "SUPERSEDED"


_STATUS_ZH = {
    ChangeStatus.PENDING: "待审批",
    ChangeStatus.APPROVED: "已通过",
    ChangeStatus.REJECTED: "已拒绝",
    ChangeStatus.WITHDRAWN: "已撤回",
    ChangeStatus.SUPERSEDED: "已被取代",
}


class ChangeAction:
    REQUESTED = "CHANGE_REQUESTED"
    APPROVED = "CHANGE_APPROVED"
    REJECTED = "CHANGE_REJECTED"
    WITHDRAWN = "CHANGE_WITHDRAWN"


# --- typed JSON of term values ---------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": format(value, "f")}
    if isinstance(value, datetime):
        raise TypeError("terms hold dates, not datetimes")
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return {"tiers": [[tier.min_holding_days, format(tier.rate, "f")] for tier in value]}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "decimal" in value:
            return Decimal(value["decimal"])
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "tiers" in value:
            return [FeeTier(days, Decimal(rate)) for days, rate in value["tiers"]]
    return value


def _values_json(change: service.TermsChange) -> str:
    common = {key: _encode(after) for key, (_, after) in change.common.items()}
    loan = {key.removeprefix("loan."): _encode(after) for key, (_, after) in change.loan.items()}
    return json.dumps({"common": common, "loan": loan}, sort_keys=True, ensure_ascii=False)


def _shown_json(change: service.TermsChange) -> str:
    shown = {
        field: [audit.as_text(before, audit.places_of(field)), audit.as_text(after, audit.places_of(field))]
        for field, (before, after) in {**change.common, **change.loan}.items()
    }
    return json.dumps(shown, sort_keys=True, ensure_ascii=False)


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class ChangeRequestView:
    id: int
    product_id: int
    base_terms_revision: int
    status: ChangeStatus
    changes: tuple[FieldChange, ...]
    requested_by: int | None
    requested_by_label: str
    requested_at: datetime
    decided_by_label: str | None
    decided_at: datetime | None
    note: str | None


def view(row: ProductChangeRequest) -> ChangeRequestView:
    shown = json.loads(row.shown)
    return ChangeRequestView(
        id=row.id,
        product_id=row.product_id,
        base_terms_revision=row.base_terms_revision,
        status=ChangeStatus(row.status),
        changes=tuple(FieldChange(field, before, after) for field, (before, after) in sorted(shown.items())),
        requested_by=row.requested_by,
        requested_by_label=row.requested_by_label,
        requested_at=row.requested_at,
        decided_by_label=row.decided_by_label,
        decided_at=row.decided_at,
        note=row.note,
    )


def requests(
    *,
    session: Session,
    product_id: int | None = None,
    status: ChangeStatus | None = None,
    limit: int = 50,
    after_id: int | None = None,
    request_id: int | None = None,
    backward: bool = False,
) -> list[ChangeRequestView]:
    """Change requests, newest first (of one product and/or in one status, or the one
    ``request_id``)."""
    query = select(ProductChangeRequest)
    if request_id is not None:
        query = query.where(ProductChangeRequest.id == request_id)
    if product_id is not None:
        query = query.where(ProductChangeRequest.product_id == product_id)
    if status is not None:
        query = query.where(ProductChangeRequest.status == status.value)
    key = None if after_id is None else [after_id]
    query = keyset.page(query, [ProductChangeRequest.id], descending=[True], key=key, backward=backward, limit=limit)
    return [view(row) for row in session.scalars(query)]


def count_requests(*, session: Session, product_id: int | None = None, status: ChangeStatus | None = None) -> int:
    query = select(ProductChangeRequest.id)
    if product_id is not None:
        query = query.where(ProductChangeRequest.product_id == product_id)
    if status is not None:
        query = query.where(ProductChangeRequest.status == status.value)
    return count_rows(session, query)


def pending_for(*, session: Session, product_id: int) -> ChangeRequestView | None:
    found = requests(session=session, product_id=product_id, status=ChangeStatus.PENDING, limit=1)
    return found[0] if found else None


# --- proposing, approving, rejecting ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Proposal:
    product: Product
    request: ChangeRequestView | None  # None: the change was applied at once (never on sale)


def propose(
    *,
    session: Session,
    clock: Clock,
    actor: Actor,
    product_id: int,
    common: dict[str, Any],
    loan: dict[str, Any] | None = None,
    loan_form: LoanTermsForm | None = None,
) -> Proposal:
    """Change a product's terms (see the module docstring): at once before launch, else as a
    change request for a second product manager. ``loan_form``: the form the loan terms came
    in (checked against the product's kind)."""
    product = service.get_product(session=session, product_id=product_id, lock=True)
    check_loan_form(product.kind, loan_form)
    if product.launched_at is None:
        return Proposal(
            service.update_product(
                session=session, clock=clock, actor=actor, product_id=product_id, common=common, loan=loan
            ),
            None,
        )
    change = service.check_change(product=product, today=clock.today(), common=common, loan=loan)
    if change.empty:
        raise DomainError(
            CommonErrorCode.INVALID_INPUT, t("This changes nothing.", "此次修改没有任何变化。"), "productId"
        )
    now = clock.now()
    superseded = (
        session.execute(
            update(ProductChangeRequest)
            .where(
                ProductChangeRequest.product_id == product.id, ProductChangeRequest.status == ChangeStatus.PENDING.value
            )
            .values(
                status=ChangeStatus.SUPERSEDED.value,
                decided_at=now,
                decided_by=actor.id,
                decided_by_label=actor.label,
                note="replaced by a newer request",
            )
            .returning(ProductChangeRequest.id)
        )
        .scalars()
        .all()
    )
    row = ProductChangeRequest(
        product_id=product.id,
        base_terms_revision=product.terms_revision or 0,
        status=ChangeStatus.PENDING.value,
        values=_values_json(change),
        shown=_shown_json(change),
        requested_by=actor.id,
        requested_by_label=actor.label[:254],
        requested_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session=session,
        clock=clock,
        product_id=product.id,
        actor=actor,
        action=ChangeAction.REQUESTED,
        changes={
            "changeRequest": (superseded[-1] if superseded else None, row.id),
            **{f"proposed.{k}": v for k, v in {**change.common, **change.loan}.items()},
        },
    )
    return Proposal(product, view(row))


def _lock_request(session: Session, request_id: object) -> ProductChangeRequest:
    number = parse_id(request_id, field="changeRequestId", message=t("No such change request.", "变更申请不存在。"))
    row = session.scalar(
        lock_rows(session, select(ProductChangeRequest).where(ProductChangeRequest.id == number)).execution_options(
            populate_existing=True
        )
    )
    if row is None:
        raise DomainError(
            CommonErrorCode.NOT_FOUND, t("No such change request.", "变更申请不存在。"), "changeRequestId"
        )
    if row.status != ChangeStatus.PENDING.value:
        raise DomainError(
            ProductsErrorCode.CHANGE_REQUEST_NOT_PENDING,
            t(
                f"This change request is {row.status.lower()}; nothing waits for a decision.",
                f"该变更申请{_STATUS_ZH[row.status]}，无待审批事项。",
            ),
            "changeRequestId",
        )
    return row


def _decide(row: ProductChangeRequest, status: ChangeStatus, actor: Actor, now: datetime, note: str | None) -> None:
    row.status = status.value
    row.decided_by, row.decided_by_label, row.decided_at = actor.id, actor.label[:254], now
    row.note = note[:500] if note else None


def approve(*, session: Session, clock: Clock, actor: Actor, request_id: object) -> Product:
    """A second product manager applies a pending change request (see the module docstring)."""
    row = _lock_request(session, request_id)
    product = service.get_product(session=session, product_id=row.product_id, lock=True)
    lifecycle.check_second_pair_of_eyes(
        session, actor=actor, requested_by=row.requested_by, product_id=product.id, field="changeRequestId"
    )
    now = clock.now()
    if (product.terms_revision or 0) != row.base_terms_revision:  # cannot happen while requests supersede
        raise StaleRequest(product.terms_revision or 0)
    values = json.loads(row.values)
    common = {key: _decode(value) for key, value in values["common"].items()}
    loan = {key: _decode(value) for key, value in values["loan"].items()}
    change = service.check_change(product=product, today=clock.today(), common=common, loan=loan or None)
    _decide(row, ChangeStatus.APPROVED, actor, now, None)
    service.apply_change(
        session=session,
        clock=clock,
        actor=actor,
        product=product,
        change=change,
        audit_changes={
            **change.common,
            **change.loan,
            "changeRequest": (None, row.id),
            "requestedBy": (row.requested_by_label, None),
        },
    )
    if product.status == "PENDING_APPROVAL":  # a relaunch asked on the old terms: ask again
        lifecycle.withdraw_request(
            session=session,
            clock=clock,
            actor=actor,
            product=product,
            reason="terms changed while waiting for approval",
        )
    session.flush()
    return product


class StaleRequest(DomainError):
    """The request was asked on older terms (it can only be withdrawn or asked again)."""

    def __init__(self, revision: int) -> None:
        super().__init__(
            ProductsErrorCode.STALE_REVISION,
            t(
                f"The product's terms changed since this request was made (now revision {revision}); "
                "ask for the change again on the current terms.",
                f"提交该申请后产品条款已更新（当前版本 {revision}），请基于当前条款重新提交变更申请。",
            ),
            "changeRequestId",
        )


def reject(
    *, session: Session, clock: Clock, actor: Actor, request_id: object, note: str | None = None
) -> ChangeRequestView:
    """Another product manager rejects a pending request; its requester withdraws it."""
    row = _lock_request(session, request_id)
    withdrawn = actor.id is not None and actor.id == row.requested_by
    _decide(row, ChangeStatus.WITHDRAWN if withdrawn else ChangeStatus.REJECTED, actor, clock.now(), note)
    audit.record(
        session=session,
        clock=clock,
        product_id=row.product_id,
        actor=actor,
        action=ChangeAction.WITHDRAWN if withdrawn else ChangeAction.REJECTED,
        changes={"changeRequest": (row.id, None), **({"note": (None, note)} if note else {})},
    )
    session.flush()
    return view(row)
