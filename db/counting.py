"""Counting the rows a paged query would return over all its pages (``totalCount``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


def count_rows(session: Session, statement: Select[Any]) -> int:
    """How many rows ``statement`` returns without its order and limit."""
    inner = statement.order_by(None).limit(None).offset(None).subquery()
    return int(session.scalar(select(func.count()).select_from(inner)) or 0)
