"""Concurrent wrong payment passwords on PostgreSQL (real threads): each try is counted
before it is checked, so N guesses at once get exactly the limit of checks, never more, and
the right password is refused once they have used it up."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from tests.wallet.conftest import ledger_problems, ledger_snapshot
from tests.wallet.test_payment_password import attempt, profile_state, set_password

pytestmark = pytest.mark.postgresql

GUESSES = 12


@pytest.fixture
def db(pg_db):  # ready_user and make_user write through ``db``: the PostgreSQL database here
    return pg_db


@pytest.mark.parametrize("withdraw", [False, True], ids=["pay", "withdraw"])
def test_concurrent_wrong_guesses_get_no_more_tries_than_the_limit(
    withdraw, pg_db, ready_user, clock, settings, monkeypatch
):
    from users import passwords

    payer, payee = ready_user(deposit="100"), ready_user()
    set_password(pg_db, clock, settings, payer)
    verify, lock, checks = passwords.verify_password, threading.Lock(), []

    def counting(*args, **kwargs):
        with lock:
            checks.append(1)
        return verify(*args, **kwargs)

    monkeypatch.setattr(passwords, "verify_password", counting)
    before = ledger_snapshot(pg_db)
    start = threading.Barrier(GUESSES)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def guess(n: int) -> None:
        start.wait()
        try:
            outcome = attempt(pg_db, clock, settings, payer, payee, f"{100000 + n:06d}", f"guess{n}", withdraw=withdraw)
            with lock:
                outcomes.append(outcome)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(GUESSES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    limit = settings.payment_password_max_failures
    assert len(checks) == limit  # argon2 ran for the allowed tries only
    assert Counter(outcomes) == {"WRONG_PAYMENT_PASSWORD": limit - 1, "PAYMENT_PASSWORD_BLOCKED": GUESSES - limit + 1}
    failures, blocked_until = profile_state(pg_db, payer)
    assert failures == limit and blocked_until > clock.now()
    # The right password is refused now, without resetting anything or being checked.
    assert (
        attempt(pg_db, clock, settings, payer, payee, "582046", "right", withdraw=withdraw)
        == "PAYMENT_PASSWORD_BLOCKED"
    )
    assert len(checks) == limit and profile_state(pg_db, payer) == (failures, blocked_until)
    assert ledger_snapshot(pg_db) == before
    assert ledger_problems(pg_db) == []
