"""Items 3, 4 and 7 of the hardening issue: log-in throttling per account across addresses
(without locking the owner out) and per address across accounts, a stolen token cannot
guess the current password, registrations are rate-limited per address, common passwords
are refused, and a worker computes only a few password hashes at once."""

from __future__ import annotations

import threading
import time

from tests.conftest import PASSWORD
from tests.security.conftest import codes
from users import passwords

LOGIN = """mutation($i: LoginInput!) { login(input: $i) { token failedAttemptsSinceLastSignIn
  userErrors { code message } } }"""
REGISTER = """mutation($i: RegisterInput!) { register(input: $i) { user { displayName } userErrors { code field } } }"""
CHANGE = (
    """mutation($i: ChangePasswordInput!) { changePassword(input: $i) { user { id } userErrors { code field } } }"""
)


def login(client, email: str, password: str) -> dict:
    return client.data(LOGIN, {"i": {"email": email, "password": password}}, token="")["login"]


def test_wrong_passwords_from_many_addresses_slow_strangers_down_but_not_the_owner(client_from, make_user, settings):
    make_user("amy@example.com")
    home = client_from("198.51.100.1")
    assert login(home, "amy@example.com", PASSWORD)["token"]  # the owner's known address
    for n in range(settings.login_account_free_attempts):
        attacker = client_from(f"203.0.113.{n + 10}")
        assert codes(login(attacker, "amy@example.com", "guess-guess-guess")) == ["INVALID_CREDENTIALS"]
    # One more failure starts the account's delay: a new address now waits, even with the password.
    assert codes(login(client_from("203.0.113.99"), "amy@example.com", "guess-guess-guess")) == ["INVALID_CREDENTIALS"]
    waiting = login(client_from("203.0.113.100"), "amy@example.com", PASSWORD)
    assert codes(waiting) == ["TOO_MANY_ATTEMPTS"]
    # The owner, from an address the account signed in from, is not locked out, and is told.
    owner = login(home, "amy@example.com", PASSWORD)
    assert (
        owner["userErrors"] == [] and owner["failedAttemptsSinceLastSignIn"] == settings.login_account_free_attempts + 1
    )


def test_a_device_that_signed_in_before_is_not_locked_out_from_a_new_address(client_from, make_user, settings):
    """The account-wide delay applies to clients whose address and device are both new to the
    account: the owner's phone (its ``X-Device-Id``) on a new network still signs in, while a
    stranger's device, or an id too short to be secret, waits like any stranger."""
    make_user("amy@example.com")
    phone = {"X-Device-Id": "5f0c6a52-3d7e-4b8e-9a51-2f6b1c7d9e10"}
    first = client_from("198.51.100.1").data(
        LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}}, token="", headers=phone
    )["login"]
    assert first["token"]
    for n in range(settings.login_account_free_attempts + 1):
        attacker = client_from(f"203.0.113.{n + 10}")
        assert codes(login(attacker, "amy@example.com", "guess-guess-guess")) == ["INVALID_CREDENTIALS"]

    def sign_in_from_a_new_address(n: int, headers: dict) -> dict:
        return client_from(f"192.0.2.{n}").data(
            LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}}, token="", headers=headers
        )["login"]

    assert codes(sign_in_from_a_new_address(1, {})) == ["TOO_MANY_ATTEMPTS"]
    assert codes(sign_in_from_a_new_address(2, {"X-Device-Id": "ffffffff-0000-4000-8000-000000000000"})) == [
        "TOO_MANY_ATTEMPTS"
    ]
    owner = sign_in_from_a_new_address(3, phone)
    assert (
        owner["userErrors"] == [] and owner["failedAttemptsSinceLastSignIn"] == settings.login_account_free_attempts + 1
    )


def test_a_short_device_id_is_not_remembered(client_from, make_user, settings):
    make_user("amy@example.com")
    short = {"X-Device-Id": "phone-1"}  # guessable: ignored, so it cannot vouch for anyone
    assert client_from("198.51.100.1").data(
        LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}}, token="", headers=short
    )["login"]["token"]
    for n in range(settings.login_account_free_attempts + 1):
        login(client_from(f"203.0.113.{n + 10}"), "amy@example.com", "guess-guess-guess")
    again = client_from("192.0.2.1").data(
        LOGIN, {"i": {"email": "amy@example.com", "password": PASSWORD}}, token="", headers=short
    )["login"]
    assert codes(again) == ["TOO_MANY_ATTEMPTS"]


def test_one_address_trying_many_accounts_is_slowed_down(client_from, make_user, settings):
    stuffer = client_from("192.0.2.66")
    for n in range(settings.login_address_free_attempts):
        assert codes(login(stuffer, f"victim{n}@example.com", "password-from-a-leak")) == ["INVALID_CREDENTIALS"]
    make_user("fresh@example.com")
    assert codes(login(stuffer, "fresh@example.com", "password-from-a-leak")) == ["INVALID_CREDENTIALS"]
    assert codes(login(stuffer, "fresh@example.com", PASSWORD)) == ["TOO_MANY_ATTEMPTS"]
    assert login(client_from("192.0.2.67"), "fresh@example.com", PASSWORD)["token"]  # others are not


def test_a_stolen_token_cannot_guess_the_current_password_without_limit(gql, make_user, settings):
    make_user("amy@example.com")
    thief = gql.as_user("amy@example.com")
    for _ in range(settings.login_free_attempts):
        wrong = thief.data(CHANGE, {"i": {"currentPassword": "guess-guess-guess", "newPassword": "another-long-pass"}})
        assert codes(wrong["changePassword"]) == ["INVALID_CREDENTIALS"]
    thief.data(CHANGE, {"i": {"currentPassword": "guess-guess-guess", "newPassword": "another-long-pass"}})
    blocked = thief.data(CHANGE, {"i": {"currentPassword": PASSWORD, "newPassword": "another-long-pass"}})
    assert codes(blocked["changePassword"]) == ["TOO_MANY_ATTEMPTS"]  # even the right one waits


def test_registrations_are_limited_per_address(client_from, settings):
    farm = client_from("198.51.100.200")
    for n in range(settings.registrations_per_address_hour):
        made = farm.data(REGISTER, {"i": {"email": f"bot{n}@example.com", "password": "a-long-fresh-passphrase"}})
        assert made["register"]["userErrors"] == []
        assert not made["register"]["user"]["displayName"].startswith("bot")  # never the email's local part
    refused = farm.data(REGISTER, {"i": {"email": "bot-x@example.com", "password": "a-long-fresh-passphrase"}})
    assert codes(refused["register"]) == ["RATE_LIMITED"]
    elsewhere = client_from("198.51.100.201")
    assert (
        elsewhere.data(REGISTER, {"i": {"email": "bot-x@example.com", "password": "a-long-fresh-passphrase"}})[
            "register"
        ]["userErrors"]
        == []
    )


def test_failed_registrations_count_against_the_address(client_from, make_user, settings, db):
    """Probing which emails have accounts: every attempt from one address counts, the ones
    refused as EMAIL_TAKEN too (they used to roll their count back with the registration), so
    the address is refused after its hourly allowance, before any password is hashed."""
    make_user("amy@example.com")
    prober = client_from("198.51.100.210")
    attempt = {"i": {"email": "amy@example.com", "password": "a-long-fresh-passphrase"}}
    for _ in range(settings.registrations_per_address_hour):
        assert codes(prober.data(REGISTER, attempt)["register"]) == ["EMAIL_TAKEN"]
    assert codes(prober.data(REGISTER, attempt)["register"]) == ["RATE_LIMITED"]
    fresh = {"i": {"email": "new-one@example.com", "password": "a-long-fresh-passphrase"}}
    assert codes(prober.data(REGISTER, fresh)["register"]) == ["RATE_LIMITED"]  # a free email too
    assert codes(client_from("198.51.100.211").data(REGISTER, attempt)["register"]) == ["EMAIL_TAKEN"]


def test_weak_passwords_are_refused(gql):
    for password, display_name in (
        ("password123", None),
        ("qwertyuiop", None),
        ("1q2w3e4r5t", None),
        ("Kind Stranger", "Kind Stranger"),
        ("short1", None),
        ("amy@example.com", None),
    ):
        values = {"email": "amy@example.com", "password": password}
        if display_name:
            values["displayName"] = display_name
        refused = gql.data(REGISTER, {"i": values})["register"]
        assert [(e["code"], e["field"]) for e in refused["userErrors"]] == [("WEAK_PASSWORD", "password")], password
    assert len(passwords.common_passwords()) >= 10_000


def test_a_worker_computes_only_a_few_password_hashes_at_once(monkeypatch, settings):
    limited = settings.model_copy(update={"argon2_max_concurrent": 2})
    running, peak, lock = 0, 0, threading.Lock()
    real = passwords.hasher(limited.argon2_time_cost, limited.argon2_memory_cost_kib).hash

    class Slow:
        def hash(self, password):
            nonlocal running, peak
            with lock:
                running += 1
                peak = max(peak, running)
            time.sleep(0.05)
            with lock:
                running -= 1
            return real(password)

    monkeypatch.setattr(passwords, "_hasher_for", lambda settings: Slow())
    threads = [
        threading.Thread(target=passwords.hash_password, args=("pw-" * 5,), kwargs={"settings": limited})
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak == 2


def test_the_dummy_hash_of_unknown_emails_is_made_once_within_the_bound(monkeypatch, settings):
    fresh = settings.model_copy(update={"argon2_time_cost": 2, "argon2_max_concurrent": 2})  # no dummy yet
    made = []
    real = passwords.hash_password

    def counting(password, *, settings):
        made.append(password)
        return real(password, settings=settings)

    monkeypatch.setattr(passwords, "hash_password", counting)
    monkeypatch.setattr(passwords, "_dummies", {})
    threads = [
        threading.Thread(target=passwords.burn_verification, args=("guess-guess",), kwargs={"settings": fresh})
        for _ in range(12)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1  # 12 first log-ins for unknown emails: one dummy hash, not 12
