"""Log-in: one answer for unknown emails and wrong passwords, and a progressive delay per
(account, client address) that a stranger elsewhere cannot turn against the real user."""

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from users import auth
from users.errors import UserErrorCode
from users.models import AuthSession, LoginThrottle

HOME, ELSEWHERE = "198.51.100.7", "203.0.113.99"


@pytest.fixture
def sign_in(db, clock, settings):
    def attempt(email: str, password: str, address: str = HOME) -> auth.LoginOutcome:
        with db.write() as session:
            return auth.login(
                session=session,
                email=email,
                password=password,
                client_address=address,
                clock=clock,
                settings=settings,
            )

    return attempt


def code(outcome: auth.LoginOutcome) -> str | None:
    return None if outcome.error is None else str(outcome.error.code)


def test_right_password_signs_in_and_opens_a_session(db, make_user, sign_in):
    user = make_user("amy@example.com")
    outcome = sign_in(" AMY@example.com ", PASSWORD)
    assert outcome.error is None and outcome.user.id == user.id
    assert outcome.tokens.access_token and outcome.tokens.refresh_token
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuthSession)) == 1


def test_unknown_email_and_wrong_password_get_the_same_answer(make_user, sign_in):
    make_user("amy@example.com")
    wrong = sign_in("amy@example.com", "not-the-password")
    unknown = sign_in("nobody@example.com", "not-the-password")
    assert (wrong.error.code, wrong.error.message, wrong.error.field) == (
        unknown.error.code,
        unknown.error.message,
        unknown.error.field,
    )
    assert code(wrong) == UserErrorCode.INVALID_CREDENTIALS
    assert "email or password" in wrong.error.message


def test_failures_past_the_free_attempts_make_the_account_wait_longer_each_time(make_user, sign_in, clock, settings):
    make_user("amy@example.com")
    for _ in range(settings.login_free_attempts):
        assert code(sign_in("amy@example.com", "wrong-password-1")) == UserErrorCode.INVALID_CREDENTIALS
    assert sign_in("amy@example.com", PASSWORD).error is None  # free attempts left: no delay yet

    waits = []
    for _ in range(settings.login_free_attempts):
        sign_in("amy@example.com", "wrong-password-1")
    for _ in range(5):
        assert code(sign_in("amy@example.com", "wrong-password-1")) == UserErrorCode.INVALID_CREDENTIALS
        refused = sign_in("amy@example.com", PASSWORD)  # even the right password must wait
        assert code(refused) == UserErrorCode.TOO_MANY_ATTEMPTS
        wait = int(refused.error.message.split("Try again in ")[1].split()[0])
        waits.append(wait)
        clock.advance(seconds=wait)
    assert waits == [1, 2, 4, 8, 16]
    assert sign_in("amy@example.com", PASSWORD).error is None


def test_the_delay_is_capped(make_user, sign_in, clock, settings):
    make_user("amy@example.com")
    for _ in range(settings.login_free_attempts + 20):
        sign_in("amy@example.com", "wrong-password-1")
        clock.advance(seconds=settings.login_max_delay_seconds)
    sign_in("amy@example.com", "wrong-password-1")
    refused = sign_in("amy@example.com", PASSWORD)
    assert code(refused) == UserErrorCode.TOO_MANY_ATTEMPTS
    clock.advance(seconds=settings.login_max_delay_seconds)
    assert sign_in("amy@example.com", PASSWORD).error is None


def test_a_stranger_failing_from_another_address_does_not_lock_the_user_out(make_user, sign_in, settings):
    make_user("amy@example.com")
    for _ in range(settings.login_free_attempts + 10):
        sign_in("amy@example.com", "guess-guess-guess", address=ELSEWHERE)
    assert code(sign_in("amy@example.com", PASSWORD, address=ELSEWHERE)) == UserErrorCode.TOO_MANY_ATTEMPTS
    assert sign_in("amy@example.com", PASSWORD, address=HOME).error is None


def test_guessing_unknown_emails_is_slowed_down_the_same_way(sign_in, settings):
    for _ in range(settings.login_free_attempts + 1):
        assert code(sign_in("ghost@example.com", "guess-guess-guess")) == UserErrorCode.INVALID_CREDENTIALS
    assert code(sign_in("ghost@example.com", "guess-guess-guess")) == UserErrorCode.TOO_MANY_ATTEMPTS


def test_a_successful_sign_in_forgets_earlier_failures(db, make_user, sign_in, settings):
    make_user("amy@example.com")
    for _ in range(settings.login_free_attempts):
        sign_in("amy@example.com", "wrong-password-1")
    signed_in = sign_in("amy@example.com", PASSWORD)
    assert signed_in.error is None
    assert signed_in.failed_attempts == settings.login_free_attempts  # the owner is told
    with db.read() as session:  # the address's own count is gone; the account's stays for strangers
        rows = session.execute(select(LoginThrottle.client_address, LoginThrottle.unreported)).all()
    assert sorted(address for address, _ in rows) == ["*", HOME]  # per account, and per address (key "*")
    assert all(unreported == 0 for address, unreported in rows if address == "*")
    assert sign_in("amy@example.com", PASSWORD).failed_attempts == 0  # told once
    for _ in range(settings.login_free_attempts):
        assert code(sign_in("amy@example.com", "wrong-password-1")) == UserErrorCode.INVALID_CREDENTIALS


def test_failures_older_than_a_day_are_forgotten(make_user, sign_in, clock, settings):
    make_user("amy@example.com")
    for _ in range(settings.login_free_attempts):
        sign_in("amy@example.com", "wrong-password-1")
    clock.advance(timedelta(hours=25))
    for _ in range(settings.login_free_attempts):
        assert code(sign_in("amy@example.com", "wrong-password-1")) == UserErrorCode.INVALID_CREDENTIALS
    assert sign_in("amy@example.com", PASSWORD).error is None


def test_a_frozen_user_can_still_sign_in(db, make_user, sign_in, clock):
    from users import service

    make_user("amy@example.com")
    with db.write() as session:
        service.set_frozen(session=session, email="amy@example.com", frozen=True, clock=clock)
    outcome = sign_in("amy@example.com", PASSWORD)
    assert outcome.error is None and outcome.user.is_frozen


def test_concurrent_failures_are_all_counted(db, make_user, sign_in):
    """Eight guesses at once from one address: each failure is counted (none lost to a race,
    no duplicate-row error), so the attacker meets the delay as early as a patient one."""
    import threading

    make_user("amy@example.com")
    start = threading.Barrier(8)
    outcomes: list[str | None] = []
    errors: list[BaseException] = []

    def guess(n: int) -> None:
        start.wait()
        try:
            outcomes.append(code(sign_in("amy@example.com", f"guess-number-{n}")))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.read() as session:
        throttle = session.scalar(select(LoginThrottle))
    failures = outcomes.count(UserErrorCode.INVALID_CREDENTIALS)
    assert throttle.failures == failures
    assert failures + outcomes.count(UserErrorCode.TOO_MANY_ATTEMPTS) == 8
    assert failures >= 4  # the first delay starts only after the fourth failure


def test_stale_failure_counts_are_cleaned_up(db, make_user, sign_in, clock):
    from api.context import Services
    from api.jobs import forget_stale_login_failures

    make_user("amy@example.com")
    sign_in("amy@example.com", "wrong-password-1", address=HOME)
    clock.advance(hours=12)
    sign_in("amy@example.com", "wrong-password-1", address=ELSEWHERE)
    clock.advance(hours=13)
    # HOME's counts (per account and address, per address) are stale; the account-wide one was
    # touched by the later failure elsewhere.
    assert forget_stale_login_failures(Services(db=db, settings=None, clock=clock)) == 2
    with db.read() as session:
        assert sorted(session.scalars(select(LoginThrottle.client_address)).all()) == ["*", ELSEWHERE, ELSEWHERE]


@given(st.text(max_size=200))
def test_a_device_id_is_kept_only_when_long_and_plain_enough_to_be_secret(device_id):
    key = auth.device_key(device_id)
    usable = 16 <= len(device_id) <= 128 and all("!" <= c <= "~" for c in device_id)
    assert (key is not None) == usable
    if key is not None:  # only its SHA-256, never the id itself
        assert len(key) == 64 and device_id not in key and key == auth.device_key(device_id)


def test_a_uuid_is_a_usable_device_id():
    assert auth.device_key("5f0c6a52-3d7e-4b8e-9a51-2f6b1c7d9e10") is not None
    assert auth.device_key("phone-1") is None and auth.device_key(None) is None
