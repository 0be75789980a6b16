"""Which products a viewer may see: product managers every status; everyone else products on
sale, suspended or closed (never a draft or one waiting for approval), and a product for
qualified investors only when they pass the test its kind needs (``qualified.requirement``;
staff see them all). The viewer's roles and the qualified-investor tests they pass now
(``questionnaire.profiles.qualifications``) are given by the caller."""

from __future__ import annotations

from collections.abc import Set

from core.errors import CommonErrorCode, DomainError, t
from core.risk import Qualification
from products import qualified
from products.kinds import ProductStatus
from users.roles import STAFF_ROLES, Role

PUBLIC_STATUSES = frozenset({ProductStatus.ON_SALE, ProductStatus.SUSPENDED, ProductStatus.CLOSED})


def is_staff(roles: Set[Role]) -> bool:
    return bool(set(roles) & STAFF_ROLES)


def is_manager(roles: Set[Role]) -> bool:
    return Role.PRODUCT_MANAGER in roles


def listed_statuses(roles: Set[Role], asked: ProductStatus | None) -> frozenset[ProductStatus]:
    """The statuses a product list shows: what a product manager asks for (default every
    status); only products on sale for anyone else (``FORBIDDEN`` for asking other ones)."""
    if is_manager(roles):
        return frozenset({ProductStatus(asked)} if asked is not None else set(ProductStatus))
    if asked is None or ProductStatus(asked) is ProductStatus.ON_SALE:
        return frozenset({ProductStatus.ON_SALE})
    raise DomainError(
        CommonErrorCode.FORBIDDEN,
        t("Only product managers list products that are not on sale.", "只有产品经理可以查看未在售的产品。"),
        "status",
    )


def list_qualifications(roles: Set[Role], passed: frozenset[Qualification]) -> frozenset[Qualification] | None:
    """The qualification filter of a product list: none for staff, else the tests passed."""
    return None if is_staff(roles) else passed


def may_see(product, *, roles: Set[Role], passed: frozenset[Qualification]) -> bool:
    """Whether a viewer with ``roles`` who passes ``passed`` may see ``product``."""
    if not is_manager(roles) and ProductStatus(product.status) not in PUBLIC_STATUSES:
        return False
    if product.qualified_only and not is_staff(roles):
        need = qualified.requirement(product.kind, product.qualified_only)
        return need is Qualification.NONE or need in passed
    return True
