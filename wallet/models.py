"""Tables of the wallet domain."""

from __future__ import annotations
