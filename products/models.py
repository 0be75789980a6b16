"""Tables of the products domain."""

from __future__ import annotations
