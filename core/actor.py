"""Who makes an audited change: a signed-in user (id and email) or a named system actor
(the command line, a job). Every audit log of the platform records one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    id: int | None
    label: str

    @classmethod
    def user(cls, user_id: int, email: str) -> Actor:
        return cls(user_id, email)

    @classmethod
    def system(cls, label: str) -> Actor:
        return cls(None, label)
