"""Tables of the questionnaire domain."""

from __future__ import annotations
