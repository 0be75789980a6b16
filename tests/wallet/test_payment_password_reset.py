"""A forgotten payment password is reset after re-verifying the identity (issue 15): the
verified identity number and a bound card's number, limited per day, every attempt audited."""

from __future__ import annotations

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.conftest import PASSWORD, GraphQLClient
from tests.wallet.conftest import card_number, id_number
from users import passwords
from wallet import identity, payment_password
from wallet.models import PaymentPasswordReset, WalletProfile

RESET = """mutation($i: ResetPaymentPasswordInput!) { resetPaymentPassword(input: $i) {
    ok userErrors { code message field } } }"""
OLD, NEW = "135790", "246802"


def _holder(db, make_user, settings, clock, *, locale="en"):
    """A verified user with a bound card and a payment password; (user, id number, card)."""
    user = make_user(display_name="Holder", locale=locale)
    number, card = id_number(), card_number("62220202009988")
    with db.write() as session:
        identity.verify_identity(
            session=session, clock=clock, settings=settings, user_id=user.id, real_name="Holder", id_number=number
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            card_number=card,
            holder_name="Holder",
            bank_name="ICBC",
        )
        payment_password.set_password(
            session=session, clock=clock, settings=settings, user_id=user.id, new_password=OLD, current_password=None
        )
    return user, number, card


def _password_is(db, settings, user_id, password) -> bool:
    with db.read() as session:
        profile = session.get(WalletProfile, user_id)
        return passwords.verify_password(profile.payment_password_hash, password, settings=settings)


def _outcomes(db, user_id) -> list[str]:
    with db.read() as session:
        return list(
            session.scalars(
                select(PaymentPasswordReset.outcome)
                .where(PaymentPasswordReset.user_id == user_id)
                .order_by(PaymentPasswordReset.id)
            )
        )


def test_the_verified_identity_and_a_bound_card_reset_the_payment_password(http, db, make_user, settings, clock):
    user, number, card = _holder(db, make_user, settings, clock)
    client = GraphQLClient(http)
    client.sign_in(user.email, PASSWORD)
    data = client.data(RESET, {"i": {"idNumber": number.lower(), "cardNumber": card, "newPaymentPassword": NEW}})
    assert data["resetPaymentPassword"] == {"ok": True, "userErrors": []}
    assert _password_is(db, settings, user.id, NEW)
    assert _outcomes(db, user.id) == ["reset"]


def test_a_mismatch_does_not_say_which_part_was_wrong_and_is_audited(http, db, make_user, settings, clock):
    user, number, card = _holder(db, make_user, settings, clock)
    client = GraphQLClient(http)
    client.sign_in(user.email, PASSWORD)
    other_card = card_number("62220202001111")
    answers = [
        client.data(RESET, {"i": {"idNumber": id_number(), "cardNumber": card, "newPaymentPassword": NEW}}),
        client.data(RESET, {"i": {"idNumber": number, "cardNumber": other_card, "newPaymentPassword": NEW}}),
    ]
    assert answers[0] == answers[1]
    (error,) = answers[0]["resetPaymentPassword"]["userErrors"]
    assert error["code"] == "IDENTITY_MISMATCH" and error["field"] is None
    assert _password_is(db, settings, user.id, OLD)
    assert _outcomes(db, user.id) == ["mismatch", "mismatch"]


def test_attempts_are_limited_per_day_even_with_the_right_identity(http, db, make_user, settings, clock):
    user, number, card = _holder(db, make_user, settings, clock, locale="zh-CN")
    client = GraphQLClient(http, "zh-CN")
    client.sign_in(user.email, PASSWORD)
    wrong = {"idNumber": id_number(), "cardNumber": card, "newPaymentPassword": NEW}
    for _ in range(settings.payment_password_resets_per_day):
        errors = client.data(RESET, {"i": wrong})["resetPaymentPassword"]["userErrors"]
        assert errors[0]["message"] == "身份证号码或银行卡与本账户已认证的信息不一致。"
    right = {"idNumber": number, "cardNumber": card, "newPaymentPassword": NEW}
    errors = client.data(RESET, {"i": right})["resetPaymentPassword"]["userErrors"]
    assert [e["code"] for e in errors] == ["RATE_LIMITED"] and "明天再试" in errors[0]["message"]
    assert _password_is(db, settings, user.id, OLD)
    assert _outcomes(db, user.id)[-1] == "rate_limited"
    clock.advance(days=1)
    client.sign_in(user.email, PASSWORD)  # (the access token expired meanwhile)
    assert client.data(RESET, {"i": right})["resetPaymentPassword"]["ok"] is True


def test_a_reset_lifts_a_block_of_wrong_payment_passwords(db, make_user, settings, clock):
    user, number, card = _holder(db, make_user, settings, clock)
    with db.write() as session:
        profile = session.get(WalletProfile, user.id)
        profile.payment_password_failures = settings.payment_password_max_failures
        profile.payment_password_blocked_until = clock.now().replace(year=2030)
    payment_password.reset_with_identity(
        database=db,
        clock=clock,
        settings=settings,
        user_id=user.id,
        id_number=number,
        card_number=card,
        new_password=NEW,
    )
    with db.read() as session:
        profile = session.get(WalletProfile, user.id)
        assert (profile.payment_password_failures, profile.payment_password_blocked_until) == (0, None)


@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(new=st.text(alphabet="0123456789ab", min_size=0, max_size=8))
def test_the_new_payment_password_follows_the_format_rules(db, make_user, settings, clock, new):
    """Whatever is offered, the stored password is either the new valid one or still the old."""
    user, number, card = _holder(db, make_user, settings, clock)
    try:
        payment_password.reset_with_identity(
            database=db,
            clock=clock,
            settings=settings,
            user_id=user.id,
            id_number=number,
            card_number=card,
            new_password=new,
        )
    except Exception as error:
        assert getattr(error, "code", None) == "INVALID_PAYMENT_PASSWORD"
        assert _password_is(db, settings, user.id, OLD)
    else:
        assert _password_is(db, settings, user.id, new)


def test_without_a_verified_identity_there_is_nothing_to_re_verify(http, make_user):
    user = make_user()
    client = GraphQLClient(http)
    client.sign_in(user.email, PASSWORD)
    errors = client.data(
        RESET, {"i": {"idNumber": id_number(), "cardNumber": card_number(), "newPaymentPassword": NEW}}
    )["resetPaymentPassword"]["userErrors"]
    assert [e["code"] for e in errors] == ["IDENTITY_NOT_VERIFIED"]
