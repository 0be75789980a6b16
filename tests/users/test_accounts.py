"""Accounts: registration rules, roles, freezing, and the money gate a frozen user fails."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from core.errors import DomainError
from users import passwords, service
from users.errors import UserErrorCode
from users.models import User
from users.roles import Role, decode_roles, encode_roles


def refused(call) -> DomainError:
    with pytest.raises(DomainError) as raised:
        call()
    return raised.value


def test_a_new_account_is_a_customer_speaking_chinese_by_default(make_user):
    user = make_user("New.User@Example.com", locale=None)
    assert user.email == "new.user@example.com"
    assert user.roles == {Role.CUSTOMER}
    assert user.locale == "zh-CN"
    # a neutral default name: the email (and so the account) is not shown to other users
    assert user.display_name.startswith("用户") and "new" not in user.display_name
    assert user.password_hash.startswith("$argon2id$")


def test_an_email_can_have_only_one_account_whatever_its_case(db, make_user):
    make_user("amy@example.com")
    error = refused(lambda: make_user("AMY@example.com"))
    assert (error.code, error.field) == (UserErrorCode.EMAIL_TAKEN, "email")
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize(
    "email", ["plainaddress", "a@b", "@example.com", "amy@", "amy@@example.com", "a" * 250 + "@x.io"]
)
def test_malformed_emails_are_refused(make_user, email):
    error = refused(lambda: make_user(email))
    assert (error.code, error.field) == (UserErrorCode.INVALID_EMAIL, "email")


@pytest.mark.parametrize("password", ["short", "123456789", "aaaaaaaaaaaaaaa", "x" * 129, "amy@example.com"])
def test_weak_passwords_are_refused(make_user, password):
    error = refused(lambda: make_user("amy@example.com", password=password))
    assert (error.code, error.field) == (UserErrorCode.WEAK_PASSWORD, "password")


@given(st.text(min_size=10, max_size=64).filter(lambda p: len(set(p)) >= 4))
def test_any_long_enough_varied_password_meets_the_policy(password):
    assert passwords.meets_policy(password)


def test_password_hashes_verify_only_the_right_password(settings):
    stored = passwords.hash_password("correct-horse-battery", settings=settings)
    assert passwords.verify_password(stored, "correct-horse-battery", settings=settings)
    assert not passwords.verify_password(stored, "correct-horse-batterY", settings=settings)
    assert not passwords.verify_password("not-a-hash", "correct-horse-battery", settings=settings)


def test_profile_updates_check_locale_and_display_name(db, clock, make_user):
    user = make_user("amy@example.com")
    with db.write() as session:
        updated = service.update_profile(
            session=session, user_id=user.id, clock=clock, display_name="  Amy   Wu ", locale="en"
        )
    assert (updated.display_name, updated.locale) == ("Amy Wu", "en")
    for kwargs, code in (
        ({"locale": "fr"}, UserErrorCode.INVALID_LOCALE),
        ({"display_name": "   "}, UserErrorCode.INVALID_DISPLAY_NAME),
        ({"display_name": "x" * 101}, UserErrorCode.INVALID_DISPLAY_NAME),
        ({"display_name": "bell\x07"}, UserErrorCode.INVALID_DISPLAY_NAME),
    ):
        with db.write() as session:
            error = refused(
                lambda kwargs=kwargs: service.update_profile(session=session, user_id=user.id, clock=clock, **kwargs)
            )
        assert error.code == code


def test_roles_parse_from_cli_spellings_and_round_trip_through_storage():
    assert Role.parse("product-manager") is Role.PRODUCT_MANAGER
    assert Role.parse(" OPERATOR ") is Role.OPERATOR
    with pytest.raises(ValueError):
        Role.parse("admin")
    roles = {Role.OPERATOR, Role.CUSTOMER}
    assert decode_roles(encode_roles(roles)) == roles


def test_roles_are_replaced_but_an_operator_cannot_change_their_own(db, clock, make_user):
    operator = make_user("ops@example.com", roles={Role.OPERATOR})
    make_user("pm@example.com")
    with db.write() as session:
        user = service.set_roles(
            session=session,
            email="pm@example.com",
            clock=clock,
            roles={Role.PRODUCT_MANAGER, Role.CUSTOMER},
            by_user_id=operator.id,
        )
    assert user.roles == {Role.PRODUCT_MANAGER, Role.CUSTOMER}
    with db.write() as session:
        error = refused(
            lambda: service.set_roles(
                session=session, email="ops@example.com", clock=clock, roles={Role.CUSTOMER}, by_user_id=operator.id
            )
        )
    assert error.code == "FORBIDDEN"
    with db.write() as session:
        error = refused(
            lambda: service.set_roles(session=session, email="nobody@example.com", clock=clock, roles={Role.CUSTOMER})
        )
    assert error.code == UserErrorCode.UNKNOWN_USER


def test_a_frozen_user_cannot_move_money_until_unfrozen(db, clock, make_user):
    user = make_user("amy@example.com")
    with db.write() as session:
        assert service.ensure_can_move_money(session=session, user_id=user.id).id == user.id
        service.set_frozen(session=session, email="amy@example.com", frozen=True, clock=clock)
    with db.write() as session:
        error = refused(lambda: service.ensure_can_move_money(session=session, user_id=user.id))
    assert error.code == UserErrorCode.USER_FROZEN and "frozen" in error.message
    with db.write() as session:
        service.set_frozen(session=session, email="amy@example.com", frozen=False, clock=clock)
        assert service.ensure_can_move_money(session=session, user_id=user.id).id == user.id


def test_concurrent_registrations_of_one_email_create_one_account_and_tell_the_other_it_is_taken(
    pg_db, clock, settings, monkeypatch
):
    from tests.users.races import race

    def register():
        with pg_db.write() as session:
            return service.create_user(
                session=session,
                email="same@example.com",
                password="correct-horse-battery",
                clock=clock,
                settings=settings,
            ).id

    outcomes = race(monkeypatch, service, "find_by_email", register)
    errors = [outcome for outcome in outcomes if isinstance(outcome, DomainError)]
    assert len(errors) == 1 and (errors[0].code, errors[0].field) == (UserErrorCode.EMAIL_TAKEN, "email")
    with pg_db.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1
