"""Roles a user can hold."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CUSTOMER = "CUSTOMER"
    PRODUCT_MANAGER = "PRODUCT_MANAGER"
    OPERATOR = "OPERATOR"

    @classmethod
    def parse(cls, text: str) -> Role:
        """Accepts ``customer``, ``product-manager``, ``PRODUCT_MANAGER`` ..."""
        return cls(text.strip().upper().replace("-", "_"))


STAFF_ROLES = frozenset({Role.PRODUCT_MANAGER, Role.OPERATOR})


def encode_roles(roles: set[Role] | frozenset[Role] | list[Role]) -> str:
    return ",".join(sorted({Role(r).value for r in roles}))


def decode_roles(text: str) -> frozenset[Role]:
    return frozenset(Role(part) for part in text.split(",") if part)
