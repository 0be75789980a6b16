"""Before money moves: real-name verification (实名认证) and bank cards.

``verify_identity`` checks an 18-character resident identity number (GB 11643-1999: a
6-digit area code, the birth date, a 3-digit sequence and an ISO 7064 MOD 11-2 check
character) and records the verified name; it is simulated, no outside service is asked.
Only a masked number is stored. ``bind_bank_card`` checks the card number's Luhn digit and
that the holder is the verified name; cards are stored as the last 4 digits plus a keyed
fingerprint (so binding the same card again returns the card already bound, also when
two binds of it race: ``db.unique.unique_insert``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from datetime import date, datetime
from typing import Protocol, TypeVar

from sqlalchemy import BigInteger, Row, Select, bindparam, select
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, t
from core.settings import Settings
from db.base import table_of
from db.unique import unique_insert
from users import service as users
from wallet.errors import WalletErrorCode
from wallet.models import BankCard, WalletProfile

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"  # indexed by (weighted sum mod 11)
_ID_NUMBER = re.compile(r"[1-9][0-9]{16}[0-9X]")
_CARD_NUMBER = re.compile(r"[0-9]{12,19}")
MAX_NAME = 50


# --- pure checks -----------------------------------------------------------------------------


def id_check_character(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11]


def normalize_id_number(text: object, *, today: date) -> str:
    """The 18-character number in upper case, or ``INVALID_ID_NUMBER`` saying what is wrong."""
    number = text.strip().upper() if isinstance(text, str) else ""
    if not _ID_NUMBER.fullmatch(number):
        raise DomainError(
            WalletErrorCode.INVALID_ID_NUMBER,
            t(
                "An identity number has 18 characters: 17 digits and a last digit or X.",
                "身份证号码为 18 位：前 17 位为数字，最后一位为数字或 X。",
            ),
            "idNumber",
        )
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > today:
        raise DomainError(
            WalletErrorCode.INVALID_ID_NUMBER,
            t("The birth date in this identity number is not valid.", "身份证号码中的出生日期无效。"),
            "idNumber",
        )
    if id_check_character(number[:17]) != number[17]:
        raise DomainError(
            WalletErrorCode.INVALID_ID_NUMBER,
            t(
                "The identity number's check digit is wrong; please check the number.",
                "身份证号码校验位有误，请核对号码。",
            ),
            "idNumber",
        )
    return number


def birth_date_of(number: str) -> date:
    """The birth date an 18-character identity number carries (characters 7 to 14)."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def age_on(born: date, day: date) -> int:
    """Full years of age on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def verified_age(session: Session, user_id: int, *, today: date) -> int | None:
    """The age today from the verified identity (None before verification, or for an account
    verified before birth dates were kept: the questionnaire's answer then counts)."""
    born = session.scalar(select(WalletProfile.birth_date).where(WalletProfile.user_id == user_id))
    return None if born is None else age_on(born, today)


def mask_id_number(number: str) -> str:
    return number[:6] + "*" * 8 + number[14:]


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_card_number(text: object) -> str:
    """Digits only (spaces and dashes allowed in the input); 12..19 digits passing Luhn."""
    digits = re.sub(r"[\s-]", "", text) if isinstance(text, str) else ""
    if not _CARD_NUMBER.fullmatch(digits):
        raise DomainError(
            WalletErrorCode.INVALID_CARD_NUMBER,
            t("A card number has 12 to 19 digits.", "银行卡号为 12 到 19 位数字。"),
            "cardNumber",
        )
    if not luhn_valid(digits):
        raise DomainError(
            WalletErrorCode.INVALID_CARD_NUMBER,
            t("This card number is not valid (check digit); please check it.", "银行卡号无效（校验位有误），请核对。"),
            "cardNumber",
        )
    return digits


def normalize_name(text: object, *, field: str, code: WalletErrorCode = WalletErrorCode.INVALID_REAL_NAME) -> str:
    """Unicode NFKC, inner whitespace collapsed; 1..50 characters, no control characters."""
    name = " ".join(unicodedata.normalize("NFKC", text).split()) if isinstance(text, str) else ""
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise DomainError(
            code, t(f"Enter a name of 1 to {MAX_NAME} characters.", f"请输入 1 到 {MAX_NAME} 个字符的名称。"), field
        )
    return name


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


# --- profile ---------------------------------------------------------------------------------


def profile_of(session: Session, user_id: int, *, for_update: bool = False) -> WalletProfile | None:
    statement = select(WalletProfile).where(WalletProfile.user_id == user_id)
    if for_update:
        from db.session import lock_rows

        statement = lock_rows(session, statement)
    return session.scalar(statement)


_PAYMENT_PROFILE = select(
    WalletProfile.__table__.c.user_id,
    WalletProfile.__table__.c.identity_verified_at,
    WalletProfile.__table__.c.payment_password_hash,
    WalletProfile.__table__.c.payment_password_failures,
    WalletProfile.__table__.c.payment_password_blocked_until,
).where(WalletProfile.__table__.c.user_id == bindparam("user_id", type_=BigInteger))


# A ``payment_profile`` row: user_id, identity_verified_at and the payment-password fields.
PaymentProfileRow = Row[int, datetime | None, str | None, int, datetime | None]


def payment_profile(session: Session, user_id: int) -> PaymentProfileRow | None:
    """What a payment needs to know of the payer's profile (a light row, no ORM object):
    ``identity_verified_at`` and the payment-password fields; None without a profile."""
    return session.execute(_PAYMENT_PROFILE, {"user_id": user_id}).one_or_none()


class Verifiable(Protocol):
    """What ``require_verified`` reads: a ``WalletProfile``, a ``payment_profile`` row or a
    ``payment_sql.PayerProfile``."""

    @property
    def identity_verified_at(self) -> datetime | None: ...


V = TypeVar("V", bound=Verifiable)


def require_verified(profile: V | None) -> V:
    if profile is None or profile.identity_verified_at is None:
        raise DomainError(
            WalletErrorCode.IDENTITY_NOT_VERIFIED,
            t("Verify your identity (real name and ID number) first.", "请先完成实名认证（真实姓名和身份证号码）。"),
        )
    return profile


def get_or_create_profile(session: Session, user_id: int) -> WalletProfile:
    from ledger.accounts import insert_statement

    session.execute(
        insert_statement(session, table_of(WalletProfile))
        .values(user_id=user_id, payment_password_failures=0)
        .on_conflict_do_nothing()
    )
    profile = profile_of(session, user_id, for_update=True)
    assert profile is not None
    return profile


def identity_fingerprint(number: str, *, settings: Settings) -> str:
    """A keyed fingerprint of an identity number (HMAC-SHA256 with ``ROBO_IDENTITY_KEY``): equal
    numbers give equal fingerprints, and the number cannot be read back from it."""
    return hmac.new(settings.identity_key.encode(), number.encode(), hashlib.sha256).hexdigest()


def _identity_used() -> DomainError:
    return DomainError(
        WalletErrorCode.IDENTITY_ALREADY_USED,
        t(
            "This identity number is already verified on another account; contact support if it is yours.",
            "该身份证号码已在其他账户完成实名认证；如为本人证件，请联系客服。",
        ),
        "idNumber",
    )


def verify_identity(
    *, session: Session, clock: Clock, settings: Settings, user_id: int, real_name: str, id_number: str
) -> WalletProfile:
    """Record the verified real name. Verifying again with the same identity changes
    nothing; another identity is refused (``IDENTITY_ALREADY_VERIFIED``), and so is a number
    already verified on another account (``IDENTITY_ALREADY_USED``: one identity per person).

    Only a keyed fingerprint of the number is kept to find such duplicates; accounts verified
    before fingerprints were kept get theirs when they verify again (until then their number
    cannot be matched)."""
    name = normalize_name(real_name, field="realName")
    number = normalize_id_number(id_number, today=clock.today())
    fingerprint = identity_fingerprint(number, settings=settings)
    profile = get_or_create_profile(session, user_id)
    if profile.identity_verified_at is not None:
        if not (same_name(profile.real_name or "", name) and profile.id_number_masked == mask_id_number(number)):
            raise DomainError(
                WalletErrorCode.IDENTITY_ALREADY_VERIFIED,
                t(
                    "Your identity is already verified; contact support to change it.",
                    "您已完成实名认证；如需修改，请联系客服。",
                ),
                "idNumber",
            )
        if profile.id_fingerprint == fingerprint and profile.birth_date is not None:
            return profile  # nothing to add: verifying again changes nothing
    elif _fingerprint_owner(session, fingerprint) not in (None, user_id):
        raise _identity_used()
    profile.real_name = name
    profile.id_number_masked = mask_id_number(number)
    profile.identity_verified_at = profile.identity_verified_at or clock.now()
    profile.id_fingerprint = fingerprint
    profile.birth_date = birth_date_of(number)
    with unique_insert(session, table_of(WalletProfile), ("id_fingerprint",), error=_identity_used):
        session.flush()  # a concurrent verification of the same number on another account lost
    return profile


def _fingerprint_owner(session: Session, fingerprint: str) -> int | None:
    return session.scalar(select(WalletProfile.user_id).where(WalletProfile.id_fingerprint == fingerprint))


# --- bank cards ------------------------------------------------------------------------------


def card_fingerprint(digits: str, *, settings: Settings) -> str:
    return hmac.new(settings.secret_key.encode(), digits.encode(), hashlib.sha256).hexdigest()


def bind_bank_card(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    user_id: int,
    card_number: str,
    holder_name: str,
    bank_name: str,
) -> BankCard:
    digits = normalize_card_number(card_number)
    holder = normalize_name(holder_name, field="holderName")
    bank = normalize_name(bank_name, field="bankName", code=WalletErrorCode.INVALID_BANK_NAME)
    users.ensure_can_move_money(session=session, user_id=user_id)
    profile = require_verified(profile_of(session, user_id))
    if not same_name(profile.real_name or "", holder):
        raise DomainError(
            WalletErrorCode.CARD_HOLDER_MISMATCH,
            t("The card holder must be the verified name on this account.", "持卡人须与本账户实名认证的姓名一致。"),
            "holderName",
        )
    fingerprint = card_fingerprint(digits, settings=settings)
    existing = bound_card(session=session, user_id=user_id, fingerprint=fingerprint)
    if existing is not None:
        return existing
    card = BankCard(
        user_id=user_id,
        fingerprint=fingerprint,
        last4=digits[-4:],
        holder_name=profile.real_name,
        bank_name=bank,
        bound_at=clock.now(),
    )
    try:
        with unique_insert(session, table_of(BankCard), ("user_id", "fingerprint"), error=_BoundMeanwhile):
            session.add(card)
    except _BoundMeanwhile:  # a concurrent bind of the same card won: binding is idempotent
        card = session.scalars(_card_with(user_id, fingerprint)).one()
    return card


class _BoundMeanwhile(Exception):
    """A concurrent transaction bound the same card between our check and our insert."""


def bound_card(*, session: Session, user_id: int, fingerprint: str) -> BankCard | None:
    """The user's card with this fingerprint, if it is bound."""
    return session.scalar(_card_with(user_id, fingerprint))


def _card_with(user_id: int, fingerprint: str) -> Select[BankCard]:
    return select(BankCard).where(BankCard.user_id == user_id, BankCard.fingerprint == fingerprint)


def bank_cards(session: Session, user_id: int) -> list[BankCard]:
    return list(session.scalars(select(BankCard).where(BankCard.user_id == user_id).order_by(BankCard.id.desc())))


def card_for_transfer(session: Session, user_id: int, card_id: int | None) -> BankCard:
    """The card a deposit or withdrawal uses: the one named, or the most recently bound."""
    statement = select(BankCard).where(BankCard.user_id == user_id)
    if card_id is not None:
        card = session.scalar(statement.where(BankCard.id == card_id))
        if card is None:
            raise DomainError(
                CommonErrorCode.NOT_FOUND,
                t("No such bank card on your account.", "您的账户中没有这张银行卡。"),
                "bankCardId",
            )
        return card
    card = session.scalar(statement.order_by(BankCard.id.desc()).limit(1))
    if card is None:
        raise DomainError(WalletErrorCode.NO_BANK_CARD, t("Bind a bank card first.", "请先绑定银行卡。"))
    return card
