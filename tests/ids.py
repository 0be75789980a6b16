"""Global ids in tests: what the API sends and takes for an object whose database key a test
made directly (``gid("Product", product_id)``)."""

from __future__ import annotations

from api.ids import decode, global_id, key_of


def gid(kind: str, key: int) -> str:
    return str(global_id(kind, key))


def product_gid(key: int | str) -> str:
    """A product's global id from its key (a global id the API sent is returned as it is)."""
    if isinstance(key, str):
        assert decode(key) is not None and decode(key)[0] == "Product", f"not a product's global id: {key!r}"
        return key
    return gid("Product", key)


def db_key(value: str) -> int:
    """The database key in a global id the API sent."""
    return key_of(value)


def decode_kind(value: str) -> str | None:
    """The kind a global id names (None for anything that is not one)."""
    decoded = decode(value)
    return None if decoded is None else decoded[0]
