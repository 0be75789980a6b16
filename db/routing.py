"""Read routing for a primary with a streaming replica (``ROBO_DATABASE_READ_URL``).

Reads that tolerate the replica's lag (the catalogue, a user's history, chart series) may go to
the replica; everything else, and every write, goes to the primary. A user who has just written
must still see what they wrote, so a write hands the client a *read-your-writes mark*: a signed
deadline (``ROBO_READ_YOUR_WRITES_SECONDS`` ahead, HMAC with the secret key) that the API returns
as a cookie and an ``X-Robo-Read-Your-Writes`` header. While a request carries a mark that holds,
its reads go to the primary.

Why a signed mark carried by the client rather than a per-user timestamp in Redis or in the
database: it needs no store and no extra round trip on any request, it works across every host
behind a balancer (the mark travels with the client, not with the process), and it is exact for
the one case that matters, a client reading after its own write. Signing keeps a client from
pinning itself to the primary for ever with a far-off deadline; a stolen mark only sends reads
to the primary. What it does not cover, and need not: another user's or a job's write reaches the
replica within its replication lag (milliseconds on a healthy stream), the same as a page that
was loaded a moment earlier.

Wall time (``time.time``), not the platform's clock: replication lag is real time, and a demo's
clock may stand days ahead.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable

MARK_COOKIE = "robo_ryw"
MARK_HEADER = "x-robo-read-your-writes"

_commit_listeners: list[Callable[[], None]] = []


def on_write_commit(listener: Callable[[], None]) -> None:
    """Call ``listener()`` after every committed ``Database.write()`` transaction of this process,
    in the writer's context (the API marks the request that wrote: read-your-writes)."""
    if listener not in _commit_listeners:
        _commit_listeners.append(listener)


def write_committed() -> None:
    for listener in _commit_listeners:
        listener()


class ReadYourWrites:
    """Issues and checks read-your-writes marks (``<deadline in ms>.<signature>``)."""

    def __init__(self, *, secret: str, seconds: float, now: Callable[[], float] = time.time) -> None:
        self._key = hashlib.sha256(b"robo-read-your-writes:" + secret.encode()).digest()
        self.seconds = seconds
        self._now = now

    def _sign(self, deadline: str) -> str:
        return hmac.new(self._key, deadline.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        """A mark that holds for ``seconds`` from now."""
        deadline = str(int((self._now() + self.seconds) * 1000))
        return f"{deadline}.{self._sign(deadline)}"

    def holds(self, mark: str | None) -> bool:
        """Whether ``mark`` is one of ours and its deadline has not passed."""
        if not mark or len(mark) > 64:
            return False
        deadline, _, signature = mark.partition(".")
        if not deadline.isdigit() or not hmac.compare_digest(signature, self._sign(deadline)):
            return False
        return int(deadline) > self._now() * 1000
