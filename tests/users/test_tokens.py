"""Tokens: short-lived access tokens and single-use refresh tokens, expiring on the injected
clock; rotation, replay detection, logout and password changes end sessions."""

import threading
from datetime import timedelta

import jwt
import pytest

from core.errors import DomainError
from tests.conftest import PASSWORD
from users import auth, service
from users.errors import UserErrorCode


@pytest.fixture
def signed_in(db, clock, settings, make_user):
    """``signed_in(email)`` -> the token pair of a fresh sign-in."""

    def sign_in(email: str = "amy@example.com"):
        with db.write() as session:
            outcome = auth.login(
                session=session, email=email, password=PASSWORD, client_address="a", clock=clock, settings=settings
            )
        assert outcome.error is None
        return outcome.tokens

    make_user("amy@example.com")
    return sign_in


def viewer(db, clock, settings, token):
    with db.read() as session:
        return auth.load_viewer(connection=session, token=token, clock=clock, settings=settings)


def refresh(db, clock, settings, token):
    """The new pair; a refusal is raised after its transaction committed (as the API does)."""
    with db.write() as session:
        outcome = auth.refresh(session=session, refresh_token=token, clock=clock, settings=settings)
    if outcome.error is not None:
        raise outcome.error
    return outcome.user, outcome.tokens


def error_code(call) -> str:
    with pytest.raises(DomainError) as raised:
        call()
    return str(raised.value.code)


def test_an_access_token_identifies_the_user_until_it_expires_on_the_injected_clock(db, clock, settings, signed_in):
    tokens = signed_in()
    assert viewer(db, clock, settings, tokens.access_token).email == "amy@example.com"
    clock.advance(seconds=settings.access_token_ttl_seconds - 1)
    assert viewer(db, clock, settings, tokens.access_token).email == "amy@example.com"
    clock.advance(seconds=1)
    assert error_code(lambda: viewer(db, clock, settings, tokens.access_token)) == UserErrorCode.TOKEN_EXPIRED


@pytest.mark.parametrize(
    "forge",
    [
        lambda s, t: jwt.encode(jwt.decode(t, options={"verify_signature": False}), "another-key-" * 4, "HS256"),
        lambda s, t: jwt.encode(
            {**jwt.decode(t, options={"verify_signature": False}), "sub": "999"}, "x" * 40, "HS256"
        ),
        lambda s, t: jwt.encode(
            {**jwt.decode(t, options={"verify_signature": False}), "typ": "refresh"}, s.secret_key, "HS256"
        ),
        lambda s, t: t[:-4] + ("AAAA" if not t.endswith("AAAA") else "BBBB"),
        lambda s, t: "not-a-token",
        lambda s, t: jwt.encode({**jwt.decode(t, options={"verify_signature": False})}, None, "none"),
    ],
    ids=["other-key", "other-user", "wrong-type", "tampered", "garbage", "unsigned"],
)
def test_forged_access_tokens_are_refused(db, clock, settings, signed_in, forge):
    token = forge(settings, signed_in().access_token)
    assert error_code(lambda: viewer(db, clock, settings, token)) == UserErrorCode.INVALID_TOKEN


def test_refreshing_rotates_both_tokens(db, clock, settings, signed_in):
    first = signed_in()
    clock.advance(minutes=14)
    user, second = refresh(db, clock, settings, first.refresh_token)
    assert user.email == "amy@example.com"
    assert second.access_token != first.access_token and second.refresh_token != first.refresh_token
    assert second.access_expires_at == clock.now() + timedelta(seconds=settings.access_token_ttl_seconds)
    assert viewer(db, clock, settings, second.access_token).id == user.id
    _, third = refresh(db, clock, settings, second.refresh_token)
    assert viewer(db, clock, settings, third.access_token).id == user.id


def test_a_replaced_refresh_token_repeats_its_answer_for_a_moment_then_ends_the_session(db, clock, settings, signed_in):
    stolen = signed_in()
    _, rotated = refresh(db, clock, settings, stolen.refresh_token)
    clock.advance(seconds=settings.refresh_grace_seconds)  # a retry at the very end of the grace window
    assert refresh(db, clock, settings, stolen.refresh_token)[1] == rotated  # the same pair, nothing new
    assert viewer(db, clock, settings, rotated.access_token).id
    clock.advance(seconds=1)  # used again after the window: someone else holds it
    assert error_code(lambda: refresh(db, clock, settings, stolen.refresh_token)) == UserErrorCode.TOKEN_REVOKED
    # Everything of that session is dead now, including the pair the rightful owner holds.
    assert error_code(lambda: viewer(db, clock, settings, rotated.access_token)) == UserErrorCode.TOKEN_REVOKED
    assert error_code(lambda: refresh(db, clock, settings, rotated.refresh_token)) == UserErrorCode.TOKEN_REVOKED


def test_a_replaced_refresh_token_whose_successor_was_used_is_a_replay(db, clock, settings, signed_in):
    stolen = signed_in()
    _, rotated = refresh(db, clock, settings, stolen.refresh_token)
    refresh(db, clock, settings, rotated.refresh_token)  # the chain moved on
    assert error_code(lambda: refresh(db, clock, settings, stolen.refresh_token)) == UserErrorCode.TOKEN_REVOKED
    assert error_code(lambda: viewer(db, clock, settings, rotated.access_token)) == UserErrorCode.TOKEN_REVOKED


def test_two_concurrent_uses_of_one_refresh_token_get_the_same_pair(db, clock, settings, signed_in):
    tokens = signed_in()
    start = threading.Barrier(2)
    outcomes: list = []

    def use() -> None:
        start.wait()
        try:
            outcomes.append(refresh(db, clock, settings, tokens.refresh_token)[1])
        except DomainError as error:
            outcomes.append(str(error.code))

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first, second = outcomes
    assert first == second and not isinstance(first, str)  # a second tab refreshing at once keeps the session
    assert viewer(db, clock, settings, first.access_token).id


def test_refresh_tokens_expire_and_unknown_ones_are_refused(db, clock, settings, signed_in):
    tokens = signed_in()
    assert error_code(lambda: refresh(db, clock, settings, "made-up")) == UserErrorCode.INVALID_TOKEN
    clock.advance(days=settings.refresh_token_ttl_days)
    assert error_code(lambda: refresh(db, clock, settings, tokens.refresh_token)) == UserErrorCode.TOKEN_EXPIRED


def test_logout_revokes_the_sessions_access_and_refresh_tokens_only(db, clock, settings, signed_in):
    phone, laptop = signed_in(), signed_in()
    session_id = viewer(db, clock, settings, phone.access_token).session_id
    with db.write() as session:
        auth.logout(session=session, session_id=session_id, clock=clock)
    assert error_code(lambda: viewer(db, clock, settings, phone.access_token)) == UserErrorCode.TOKEN_REVOKED
    assert error_code(lambda: refresh(db, clock, settings, phone.refresh_token)) == UserErrorCode.TOKEN_REVOKED
    assert viewer(db, clock, settings, laptop.access_token).email == "amy@example.com"


def test_changing_the_password_signs_out_every_other_session(db, clock, settings, signed_in):
    phone, laptop = signed_in(), signed_in()
    me = viewer(db, clock, settings, phone.access_token)
    with db.write() as session:
        service.change_password(
            session=session,
            user_id=me.id,
            current_password=PASSWORD,
            new_password="a-brand-new-secret",
            keep_session_id=me.session_id,
            clock=clock,
            settings=settings,
        )
    assert viewer(db, clock, settings, phone.access_token).id == me.id
    assert error_code(lambda: viewer(db, clock, settings, laptop.access_token)) == UserErrorCode.TOKEN_REVOKED
    with db.write() as session:
        old = auth.login(
            session=session,
            email="amy@example.com",
            password=PASSWORD,
            client_address="a",
            clock=clock,
            settings=settings,
        )
        new = auth.login(
            session=session,
            email="amy@example.com",
            password="a-brand-new-secret",
            client_address="a",
            clock=clock,
            settings=settings,
        )
    assert str(old.error.code) == UserErrorCode.INVALID_CREDENTIALS and new.error is None
