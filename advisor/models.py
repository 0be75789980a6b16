"""Tables of the advisor domain."""

from __future__ import annotations
