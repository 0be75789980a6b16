"""Payments between users: direct (the money moves at once, ``COMPLETED``) and guarantee
payments (担保交易), whose money waits in the escrow system account.

Guarantee states: ``HELD`` -> ``RELEASED`` (the payer confirms, or the hold passes
``auto_confirm_at`` and ``release_due`` releases it) or ``REFUNDED`` (the payee refunds).
The payer may ``request_refund`` (``REFUND_REQUESTED``: the timer stops, keeping the time it
had left); the payee then refunds or declines (``DISPUTED``, which an operator settles with
``resolve_dispute``) within ``escrow_refund_response_days``, else the request is refunded; the
payer may ``withdraw_refund_request`` (the hold resumes with the time it had left) once: after
a withdrawal a new request is refused (``REFUND_REQUEST_ALREADY_WITHDRAWN``), else request and
withdraw in turn would pause the timer forever; and the payer may
``extend_hold`` once by ``escrow_extension_days`` before the hold ends. Escrow never holds
money forever: every state but ``DISPUTED`` (an operator's queue) has a deadline.

The deadline is part of the state: a HELD payment past ``auto_confirm_at`` is released
(the timeout won), even before ``release_due`` has run. The payer confirming it records the
automatic release; the payee refunding, the payer asking for a refund (too late to pause the
timer) and declining are refused with ``PAYMENT_NOT_HELD``.

Every state change locks the payment row first (``SELECT ... FOR UPDATE``; SQLite's writer
lock) and decides on the status it sees, so exactly one final outcome wins a race; the
action that already won, repeated, returns the payment unchanged, any other action on a
final payment is refused with ``PAYMENT_NOT_HELD``. Lock order everywhere: idempotency key,
payment row, user accounts in id order.

``pay`` on PostgreSQL runs in two statements (``payment_sql``: gather and lock, then write);
on SQLite it goes step by step through ``ledger``, ``accounts`` and ``idempotency``. Both
paths apply the same checks in the same order, so they refuse and replay alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal, Protocol, cast, overload

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from core.clock import Clock
from core.errors import CommonErrorCode, DomainError, Text, t
from core.ids import parse_id
from core.settings import Settings
from core.text import clean_visible
from db.base import table_of
from db.session import is_sqlite, lock_rows
from ledger import idempotency
from ledger.accounts import AccountRef, LockedAccount, UserAccountKey, lock_user_accounts, system_account
from ledger.entries import Posting, check_applied, entry_parameters, post_entry
from ledger.errors import LedgerErrorCode
from ledger.history import Line, record
from ledger.kinds import CNY, EntryKind, Purpose, TransactionKind
from users import rate_limits
from users import service as users
from wallet import identity, limits, payees, payment_password, payment_sql
from wallet.errors import WalletErrorCode
from wallet.kinds import IN_ESCROW, DisputeOutcome, PaymentSource, PaymentStatus
from wallet.models import MEMO_LENGTH, REASON_LENGTH, Payment, PaymentEvent

# ``__table__`` is typed as any ``FromClause``; a mapped class's is always its ``Table``.
PAYMENTS = table_of(Payment)
EVENTS = table_of(PaymentEvent)
MAX_AUTO_CONFIRM_DAYS = 30
RELEASE_LOCK_KEY = 0x57414C4C4554  # "WALLET": PostgreSQL advisory lock of release_due

# Statements of the payment hot path, built once.
_INSERT_PAYMENT = insert(PAYMENTS).returning(PAYMENTS.c.id)


@dataclass(frozen=True, slots=True)
class PaymentResult:
    payment_id: int
    replayed: bool = False
    # A payment just made on PostgreSQL's fast path: its row as written (the columns of
    # ``payments``), so the answer can be shaped without reading it back.
    row: dict[str, Any] | None = None


# --- input checks ----------------------------------------------------------------------------


def parse_payment_id(value: object, *, field: str = "paymentId") -> int:
    """A payment id sent by a client; anything that cannot be one is NOT_FOUND."""
    return parse_id(value, field=field, message=t("No such payment.", "没有这笔付款。"))


@overload
def _clean_text(
    value: str | None, *, limit: int, field: str, code: WalletErrorCode, required: Literal[True]
) -> str: ...


@overload
def _clean_text(
    value: str | None, *, limit: int, field: str, code: WalletErrorCode, required: bool = False
) -> str | None: ...


def _clean_text(
    value: str | None, *, limit: int, field: str, code: WalletErrorCode, required: bool = False
) -> str | None:
    """A memo or reason as the other party will read it (``core.text.clean_visible``)."""
    cleaned = clean_visible(value, field=field, code=code, limit=limit) if isinstance(value, str) else None
    if not cleaned:
        if required:
            raise DomainError(code, t("Please say why.", "请填写原因。"), field)
        return None
    return cleaned


PREVIEW_WINDOW = timedelta(hours=1)


def preview_payee(*, session: Session, clock: Clock, settings: Settings, viewer_id: int, payee: object) -> str | None:
    """The payee's masked name before paying (``payees.masked_name``), for a payer who may
    pay (not frozen, verified) and within ``payee_previews_per_hour`` (``RATE_LIMITED``):
    looking names up one by one stays slow. Call in a write transaction (the use is counted)."""
    payer = users.get_user(session=session, user_id=viewer_id)
    _gate_payer(payer.frozen_at, identity.payment_profile(session, viewer_id))
    now = clock.now()
    if not rate_limits.hit(
        session,
        scope="payee-preview",
        key=str(viewer_id),
        limit=settings.payee_previews_per_hour,
        window=PREVIEW_WINDOW,
        now=now,
    ):
        wait = rate_limits.retry_after(
            session, scope="payee-preview", key=str(viewer_id), window=PREVIEW_WINDOW, now=now
        )
        minutes = max(1, wait // 60)
        raise DomainError(
            CommonErrorCode.RATE_LIMITED,
            t(
                f"Too many payee look-ups; try again in {minutes} minute(s).",
                f"查询收款方过于频繁，请 {minutes} 分钟后再试。",
            ),
            "payee",
        )
    return payees.masked_name(session, payee)


# --- paying ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PayRequest:
    """A payment request whose fields passed the input checks."""

    minor: int
    memo: str | None
    guarantee: bool
    days: int | None
    key: str
    password: str | None
    source: PaymentSource = PaymentSource.WALLET

    def parameters(self, payee_id: int) -> dict[str, Any]:
        """What the idempotency key's hash covers."""
        return {
            "payee": payee_id,
            "amount": self.minor,
            "asset": CNY,
            "memo": self.memo,
            "guarantee": self.guarantee,
            "days": self.days,
            **({"source": str(self.source)} if self.source is PaymentSource.MONEY_FUND else {}),
        }

    def payment_values(self, *, payer_id: int, payee_id: int, now: datetime) -> dict[str, Any]:
        held = self.guarantee
        return dict(
            payer_id=payer_id,
            payee_id=payee_id,
            asset=CNY,
            amount=self.minor,
            memo=self.memo,
            guarantee=held,
            status=str(PaymentStatus.HELD if held else PaymentStatus.COMPLETED),
            auto_confirm_days=self.days,
            # A guarantee payment has its days (``_auto_confirm_days``).
            auto_confirm_at=now + timedelta(days=cast(int, self.days)) if held else None,
            created_at=now,
            updated_at=now,
            finished_at=None if held else now,
        )

    def line_kinds(self, *, payer_id: int, payee_id: int) -> list[tuple[int, TransactionKind]]:
        """The history lines of the payment: (user id, kind)."""
        if self.guarantee:
            return [(payer_id, TransactionKind.ESCROW_HOLD)]
        return [(payer_id, TransactionKind.PAYMENT_SENT), (payee_id, TransactionKind.PAYMENT_RECEIVED)]


class Funding(Protocol):
    """Where the cash of a payment comes from when it is not the wallet's cash: another
    domain's balance turned into cash inside the payment's transaction (investing's
    money-fund balance: ``investing.fund_payments``). The wallet never imports it."""

    source: PaymentSource

    def accounts(self, session: Session, *, user_id: int) -> list[UserAccountKey]:
        """The payer's accounts it takes from, locked with the payment's own (one id order)."""

    def fund(
        self, session: Session, *, clock: Clock, settings: Settings, user_id: int, amount: int, now: datetime
    ) -> None:
        """Put ``amount`` (minor units) into the payer's cash account, or refuse."""


def pay(
    *,
    session: Session,
    clock: Clock,
    settings: Settings,
    payer_id: int,
    payee: str,
    amount: Decimal,
    idempotency_key: str,
    memo: str | None = None,
    guarantee: bool = False,
    auto_confirm_days: int | None = None,
    payment_password_text: str | None = None,
    funding: Funding | None = None,
) -> PaymentResult:
    """Pay from the wallet's cash, or from what ``funding`` turns into cash in the same
    transaction (paying from the money-fund balance)."""
    minor = limits.minor_units(amount)
    limits.check_per_transaction(minor, settings=settings)
    request = _PayRequest(
        minor=minor,
        memo=_clean_text(memo, limit=MEMO_LENGTH, field="memo", code=WalletErrorCode.INVALID_MEMO),
        guarantee=bool(guarantee),
        days=_auto_confirm_days(guarantee, auto_confirm_days, settings),
        key=idempotency.check_key(idempotency_key),
        password=payment_password_text,
        source=PaymentSource.WALLET if funding is None else funding.source,
    )
    # Funding from elsewhere goes the step-by-step path, where it plugs in.
    if is_sqlite(session) or funding is not None:
        return _pay_step_by_step(session, clock, settings, payer_id, payee, request, funding)
    return _pay_in_two_statements(session, clock, settings, payer_id, payee, request)


def _refuse_self(payer_id: int, payee_id: int) -> None:
    if payee_id == payer_id:
        raise DomainError(WalletErrorCode.CANNOT_PAY_SELF, t("You cannot pay yourself.", "不能向自己付款。"), "payee")


class _Payer(identity.Verifiable, payment_password.PasswordProfile, Protocol):
    """The payer's profile as a payment checks it: a ``payment_sql.PayerProfile`` or an
    ``identity.payment_profile`` row."""


def _check_claimed_payer(
    frozen_at: datetime | None,
    profile: _Payer | None,
    *,
    payer_id: int,
    request: _PayRequest,
    clock: Clock,
    settings: Settings,
) -> _Payer:
    """The checks both ways of paying make once the key is claimed: the payer is not frozen,
    the identity is verified, and the payment password is right when one is set."""
    users.refuse_if_frozen(frozen_at)
    profile = identity.require_verified(profile)
    payment_password.check(profile=profile, password=request.password, user_id=payer_id, clock=clock, settings=settings)
    return profile


def _gate_payer(frozen_at: datetime | None, profile: identity.Verifiable | None) -> None:
    """The payer may move money (not frozen, identity verified), checked before the payee is
    looked at: an account that may not pay learns nothing about other accounts."""
    users.refuse_if_frozen(frozen_at)
    identity.require_verified(profile)


def _check_funds(source: LockedAccount | None, minor: int) -> LockedAccount:
    if source is None or source.balance < minor:
        raise DomainError(
            LedgerErrorCode.INSUFFICIENT_FUNDS, t("The balance is not enough for this amount.", "余额不足。"), "amount"
        )
    return source


def _target(
    session: Session, request: _PayRequest, payee: LockedAccount | None, *, now: datetime
) -> tuple[AccountRef, EntryKind]:
    if request.guarantee:
        return system_account(session, Purpose.ESCROW, CNY, now=now), EntryKind.ESCROW_HOLD
    return cast(LockedAccount, payee).ref, EntryKind.PAYMENT  # a direct payment's payee account is locked


def _pay_in_two_statements(
    session: Session, clock: Clock, settings: Settings, payer_id: int, payee: str, request: _PayRequest
) -> PaymentResult:
    """PostgreSQL: ``payment_sql.GATHER`` (payee, key, locks, payer's state), then
    ``payment_sql.WRITE`` (daily limit, entry, payment, history); see ``payment_sql``."""
    email, number = payees.lookup_keys(payee)
    if email is None and number is None:
        raise payees.unknown_payee()
    now = clock.now()
    head, tail = idempotency.hash_template(payment_sql.OPERATION, request.parameters(0), late="payee")
    found = payment_sql.gather(
        session,
        payer_id=payer_id,
        payee_email=email,
        payee_number=number,
        lock_payee=not request.guarantee,
        key=request.key,
        hash_head=head,
        hash_tail=tail,
        now=now,
    )
    _gate_payer(found.frozen_at, found.profile)
    if found.payee_id is None:
        raise payees.unknown_payee()
    _refuse_self(payer_id, found.payee_id)
    if found.claim_id is None:  # the key was used before: a replay, or a different request
        claim = idempotency.replay_of_earlier(
            session,
            user_id=payer_id,
            key=request.key,
            operation=payment_sql.OPERATION,
            parameters=request.parameters(found.payee_id),
        )
        return PaymentResult(cast(int, claim.replay_of), replayed=True)  # a replay has its result
    payment_id = cast(int, found.payment_id)  # drawn for the claimed key
    profile = _check_claimed_payer(
        found.frozen_at, found.profile, payer_id=payer_id, request=request, clock=clock, settings=settings
    )
    source = _check_funds(found.accounts.get(payer_id), request.minor)
    payee_account = found.accounts.get(found.payee_id)
    if payee_account is None and not request.guarantee:
        # The payee's first money: open the account. Its id is the largest yet, so locking it
        # after the payer's keeps the ascending order (see ``accounts.lock_user_accounts``).
        key = (found.payee_id, Purpose.CASH, CNY)
        payee_account = lock_user_accounts(session, [key], now=now)[key]
    target, kind = _target(session, request, payee_account, now=now)
    entry = entry_parameters(
        kind=kind, postings=[Posting(source.ref, -request.minor), Posting(target, request.minor)], at=now
    )
    limit = limits.daily_limit(settings, CNY)
    row = request.payment_values(payer_id=payer_id, payee_id=found.payee_id, now=now)
    written = payment_sql.write(
        session,
        payment_id=payment_id,
        payment=row,
        entry=entry,
        lines=request.line_kinds(payer_id=payer_id, payee_id=found.payee_id),
        outgoing=limits.outgoing_parameters(user_id=payer_id, asset=CNY, clock=clock),
        daily_limit=limit,
    )
    if written.entry_id is None:
        raise limits.daily_limit_error(used=written.used, limit=limit, currency=CNY)
    check_applied(written.applied, entry)
    payment_password.reset_failures(session, profile)
    return PaymentResult(payment_id, row={**row, "id": payment_id})


def _pay_step_by_step(
    session: Session,
    clock: Clock,
    settings: Settings,
    payer_id: int,
    payee: str,
    request: _PayRequest,
    funding: Funding | None = None,
) -> PaymentResult:
    """One statement per step, through ``idempotency``, ``accounts`` and ``ledger`` (SQLite,
    where the write transaction holds the database's writer lock; valid on PostgreSQL too)."""
    payer = users.get_user(session=session, user_id=payer_id)
    _gate_payer(payer.frozen_at, identity.payment_profile(session, payer_id))
    payee_id = payees.resolve(session, payee)
    _refuse_self(payer_id, payee_id)
    now = clock.now()
    claim = idempotency.claim(
        session,
        user_id=payer_id,
        key=request.key,
        operation=payment_sql.OPERATION,
        parameters=request.parameters(payee_id),
        now=now,
    )
    if claim.is_replay:
        return PaymentResult(cast(int, claim.replay_of), replayed=True)  # a replay has its result
    profile = _check_claimed_payer(
        users.ensure_can_move_money(session=session, user_id=payer_id).frozen_at,
        identity.payment_profile(session, payer_id),
        payer_id=payer_id,
        request=request,
        clock=clock,
        settings=settings,
    )
    payer_cash: UserAccountKey = (payer_id, Purpose.CASH, CNY)  # typed as ``funding.accounts`` keys, added below
    wanted = [payer_cash] + ([] if request.guarantee else [(payee_id, Purpose.CASH, CNY)])
    if funding is not None:  # its accounts are locked with the cash accounts, in one id order
        wanted += funding.accounts(session, user_id=payer_id)
    locked = lock_user_accounts(session, wanted, now=now)
    if funding is not None:
        funding.fund(session, clock=clock, settings=settings, user_id=payer_id, amount=request.minor, now=now)
        locked.update(lock_user_accounts(session, [(payer_id, Purpose.CASH, CNY)], now=now))
    source = _check_funds(locked[(payer_id, Purpose.CASH, CNY)], request.minor)
    limits.check_daily(session, user_id=payer_id, amount=request.minor, clock=clock, settings=settings)
    target, kind = _target(session, request, locked.get((payee_id, Purpose.CASH, CNY)), now=now)
    entry = post_entry(
        session, kind=kind, postings=[Posting(source.ref, -request.minor), Posting(target, request.minor)], at=now
    )
    limits.count_payment(session, user_id=payer_id, amount=request.minor, asset=CNY, clock=clock)
    payment_id = session.execute(
        _INSERT_PAYMENT, request.payment_values(payer_id=payer_id, payee_id=payee_id, now=now)
    ).scalar_one()
    lines = request.line_kinds(payer_id=payer_id, payee_id=payee_id)
    record(
        session, [Line(user, line, request.minor, CNY, entry.id, payment_id=payment_id) for user, line in lines], at=now
    )
    payment_password.reset_failures(session, profile)
    idempotency.complete(session, claim, result_id=payment_id)
    return PaymentResult(payment_id)


def _auto_confirm_days(guarantee: bool, days: int | None, settings: Settings) -> int | None:
    if not guarantee:
        if days is not None:
            raise DomainError(
                WalletErrorCode.INVALID_AUTO_CONFIRM_DAYS,
                t("autoConfirmDays applies to guarantee payments only.", "autoConfirmDays 仅适用于担保交易。"),
                "autoConfirmDays",
            )
        return None
    days = settings.escrow_auto_confirm_days if days is None else days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_AUTO_CONFIRM_DAYS:
        raise DomainError(
            WalletErrorCode.INVALID_AUTO_CONFIRM_DAYS,
            t(
                f"autoConfirmDays must be 1 to {MAX_AUTO_CONFIRM_DAYS}.",
                f"autoConfirmDays 须为 1 到 {MAX_AUTO_CONFIRM_DAYS}。",
            ),
            "autoConfirmDays",
        )
    return days


# --- state changes of guarantee payments -----------------------------------------------------


class _PaymentRow(Protocol):
    """A row of ``payments`` (``select(PAYMENTS)``) as the state changes read it."""

    @property
    def id(self) -> int: ...

    @property
    def payer_id(self) -> int: ...

    @property
    def payee_id(self) -> int: ...

    @property
    def asset(self) -> str: ...

    @property
    def amount(self) -> int: ...

    @property
    def status(self) -> str: ...

    @property
    def auto_confirm_at(self) -> datetime | None: ...

    @property
    def respond_by(self) -> datetime | None: ...

    @property
    def hold_left_seconds(self) -> int | None: ...

    @property
    def extended_at(self) -> datetime | None: ...


def _lock_payment(session: Session, payment_id: int) -> _PaymentRow:
    row = session.execute(lock_rows(session, select(PAYMENTS).where(PAYMENTS.c.id == payment_id))).one_or_none()
    if row is None:
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such payment.", "没有这笔付款。"), "paymentId")
    return row


def _party(payment: _PaymentRow, user_id: int, *, payer: bool, action: Text) -> None:
    """Only the payer (or only the payee) may act; strangers see NOT_FOUND, not FORBIDDEN.
    ``action`` as the refusal names it: the English verb before "this payment", the Chinese
    phrase with its object ("确认这笔付款")."""
    if user_id not in (payment.payer_id, payment.payee_id):
        raise DomainError(CommonErrorCode.NOT_FOUND, t("No such payment.", "没有这笔付款。"), "paymentId")
    if (payment.payer_id == user_id) != payer:
        who, who_zh = ("payer", "付款方") if payer else ("payee", "收款方")
        raise DomainError(
            CommonErrorCode.FORBIDDEN,
            t(f"Only the {who} can {action.en} this payment.", f"只有{who_zh}可以{action.zh}。"),
            "paymentId",
        )


def _acting(
    session: Session, clock: Clock, payment_id: object, user_id: int, *, payer: bool, action: Text
) -> tuple[_PaymentRow, datetime]:
    """What every escrow action starts with: the payment locked, the caller checked as its
    payer (or payee), and the time of the action."""
    payment = _lock_payment(session, parse_payment_id(payment_id))
    _party(payment, user_id, payer=payer, action=action)
    return payment, clock.now()


def _hold_ended(payment: _PaymentRow, now: datetime) -> bool:
    """Whether ``payment`` is HELD past its auto-confirm time: the deadline has released it to
    the payee, whether or not ``release_due`` has run yet (a paused timer has no deadline)."""
    return (
        payment.status == PaymentStatus.HELD and payment.auto_confirm_at is not None and payment.auto_confirm_at <= now
    )


def _request_lapsed(payment: _PaymentRow, now: datetime) -> bool:
    """Whether a refund request went unanswered past ``respond_by``: the deadline has refunded
    it to the payer, whether or not ``release_due`` has run yet."""
    return (
        payment.status == PaymentStatus.REFUND_REQUESTED
        and payment.respond_by is not None
        and payment.respond_by <= now
    )


# A payment's status as ``_not_held`` names it in Chinese (the English: the status in lower case).
_STATUS_ZH: dict[PaymentStatus, str] = {
    PaymentStatus.COMPLETED: "已完成",
    PaymentStatus.HELD: "担保中",
    PaymentStatus.REFUND_REQUESTED: "已申请退款",
    PaymentStatus.DISPUTED: "处于争议中",
    PaymentStatus.RELEASED: "已放款给收款方",
    PaymentStatus.REFUNDED: "已退款",
}


def _not_held(payment: _PaymentRow, now: datetime | None = None) -> DomainError:
    if now is not None and _hold_ended(payment, now):
        message = t(
            "The hold of this payment has ended: it is released to the payee.",
            "这笔付款的担保期已结束，款项已转给收款方。",
        )
    elif now is not None and _request_lapsed(payment, now):
        message = t(
            "The payee did not answer the refund request in time: the payment is refunded to the payer.",
            "收款方未在规定时间内处理退款申请，款项已退还给付款方。",
        )
    else:
        message = t(
            f"This payment is {payment.status.lower().replace('_', ' ')}, not held in escrow.",
            f"这笔付款{_STATUS_ZH[PaymentStatus(payment.status)]}，不在担保中。",
        )
    return DomainError(WalletErrorCode.PAYMENT_NOT_HELD, message, "paymentId")


def _set_status(
    session: Session,
    payment: _PaymentRow,
    to: PaymentStatus,
    *,
    action: str,
    actor_id: int | None,
    note: str | None,
    now: datetime,
    **values: object,
) -> None:
    final = to in (PaymentStatus.RELEASED, PaymentStatus.REFUNDED)
    session.execute(
        update(PAYMENTS)
        .where(PAYMENTS.c.id == payment.id)
        .values(status=str(to), updated_at=now, **({"finished_at": now} if final else {}), **values)
    )
    session.execute(
        insert(EVENTS).values(
            payment_id=payment.id,
            action=action,
            actor_id=actor_id,
            from_status=payment.status,
            to_status=str(to),
            note=note,
            at=now,
        )
    )


def _move_out_of_escrow(
    session: Session,
    payment: _PaymentRow,
    *,
    to_user_id: int,
    kind: EntryKind,
    line_kind: TransactionKind,
    now: datetime,
) -> None:
    key = (to_user_id, Purpose.CASH, payment.asset)
    receiver = lock_user_accounts(session, [key], now=now)[key]
    escrow = system_account(session, Purpose.ESCROW, payment.asset, now=now)
    entry = post_entry(
        session, kind=kind, postings=[Posting(escrow, -payment.amount), Posting(receiver.ref, payment.amount)], at=now
    )
    record(
        session, [Line(to_user_id, line_kind, payment.amount, payment.asset, entry.id, payment_id=payment.id)], at=now
    )


def _release(
    session: Session, payment: _PaymentRow, *, action: str, actor_id: int | None, note: str | None, now: datetime
) -> None:
    _set_status(
        session,
        payment,
        PaymentStatus.RELEASED,
        action=action,
        actor_id=actor_id,
        note=note,
        now=now,
        auto_confirm_at=None,
    )
    _move_out_of_escrow(
        session,
        payment,
        to_user_id=payment.payee_id,
        kind=EntryKind.ESCROW_RELEASE,
        line_kind=TransactionKind.ESCROW_RELEASE,
        now=now,
    )


def _refund(
    session: Session, payment: _PaymentRow, *, action: str, actor_id: int | None, note: str | None, now: datetime
) -> None:
    _set_status(
        session,
        payment,
        PaymentStatus.REFUNDED,
        action=action,
        actor_id=actor_id,
        note=note,
        now=now,
        auto_confirm_at=None,
    )
    _move_out_of_escrow(
        session,
        payment,
        to_user_id=payment.payer_id,
        kind=EntryKind.ESCROW_REFUND,
        line_kind=TransactionKind.ESCROW_REFUND,
        now=now,
    )


def confirm(*, session: Session, clock: Clock, user_id: int, payment_id: object) -> int:
    """The payer confirms receipt: the held money goes to the payee (``RELEASED``)."""
    payment, now = _acting(session, clock, payment_id, user_id, payer=True, action=t("confirm", "确认这笔付款"))
    if payment.status == PaymentStatus.RELEASED:
        return payment.id
    if _hold_ended(payment, now):  # the deadline released it already: record that, not a confirmation
        _release(session, payment, action="AUTO_CONFIRM", actor_id=None, note=None, now=now)
        return payment.id
    if _request_lapsed(payment, now):  # the unanswered request refunds it (release_due records that)
        raise _not_held(payment, now)
    if payment.status not in IN_ESCROW:
        raise _not_held(payment)
    users.ensure_can_move_money(session=session, user_id=user_id)
    _release(session, payment, action="CONFIRM", actor_id=user_id, note=None, now=now)
    return payment.id


def refund(*, session: Session, clock: Clock, user_id: int, payment_id: object, reason: str | None = None) -> int:
    """The payee gives the held money back to the payer (``REFUNDED``)."""
    payment, now = _acting(session, clock, payment_id, user_id, payer=False, action=t("refund", "为这笔付款退款"))
    reason = _clean_text(reason, limit=REASON_LENGTH, field="reason", code=WalletErrorCode.INVALID_REASON)
    if payment.status == PaymentStatus.REFUNDED:
        return payment.id
    if payment.status not in IN_ESCROW or _hold_ended(payment, now):
        raise _not_held(payment, now)
    if _request_lapsed(payment, now):  # refunded by the deadline: the same outcome
        _refund(session, payment, action="REFUND_TIMEOUT", actor_id=None, note=None, now=now)
        return payment.id
    _refund(session, payment, action="REFUND", actor_id=user_id, note=reason, now=now)
    return payment.id


def request_refund(
    *, session: Session, clock: Clock, settings: Settings, user_id: int, payment_id: object, reason: str
) -> int:
    """The payer asks for the money back: the auto-confirm timer stops (the time it had left
    is kept), and the payee has ``escrow_refund_response_days`` to refund or decline; an
    unanswered request is refunded (``release_due``)."""
    payment, now = _acting(
        session, clock, payment_id, user_id, payer=True, action=t("request a refund of", "为这笔付款申请退款")
    )
    reason = _clean_text(
        reason, limit=REASON_LENGTH, field="reason", code=WalletErrorCode.INVALID_REASON, required=True
    )
    if payment.status == PaymentStatus.REFUND_REQUESTED:
        return payment.id
    if payment.status != PaymentStatus.HELD or _hold_ended(payment, now):  # too late to pause the timer
        raise _not_held(payment, now)
    withdrawn = session.execute(
        select(EVENTS.c.id)
        .where(EVENTS.c.payment_id == payment.id, EVENTS.c.action == "WITHDRAW_REFUND_REQUEST")
        .limit(1)
    ).first()
    if withdrawn is not None:  # request, withdraw, request ... would pause the timer forever
        raise DomainError(
            WalletErrorCode.REFUND_REQUEST_ALREADY_WITHDRAWN,
            t(
                "You withdrew a refund request on this payment once; it cannot be asked again. "
                "Settle it with the payee, or let the hold run out.",
                "您已撤回过这笔付款的退款申请，不能再次申请。请与收款方协商，或等待担保期结束。",
            ),
            "paymentId",
        )
    _set_status(
        session,
        payment,
        PaymentStatus.REFUND_REQUESTED,
        action="REQUEST_REFUND",
        actor_id=user_id,
        note=reason,
        now=now,
        auto_confirm_at=None,
        refund_reason=reason,
        # HELD: the timer runs, so ``auto_confirm_at`` is set.
        hold_left_seconds=max(int((cast(datetime, payment.auto_confirm_at) - now).total_seconds()), 0),
        respond_by=now + timedelta(days=settings.escrow_refund_response_days),
    )
    return payment.id


def withdraw_refund_request(*, session: Session, clock: Clock, user_id: int, payment_id: object) -> int:
    """The payer withdraws a refund request: the hold resumes with the time it had left."""
    payment, now = _acting(
        session,
        clock,
        payment_id,
        user_id,
        payer=True,
        action=t("withdraw a refund request of", "撤回这笔付款的退款申请"),
    )
    if payment.status == PaymentStatus.HELD:
        last = session.execute(
            select(EVENTS.c.action).where(EVENTS.c.payment_id == payment.id).order_by(EVENTS.c.id.desc()).limit(1)
        ).scalar()
        if last == "WITHDRAW_REFUND_REQUEST":
            return payment.id  # withdrawn already: a retry changes nothing
        raise DomainError(
            WalletErrorCode.REFUND_NOT_REQUESTED,
            t("No refund request waits on this payment.", "这笔付款没有待处理的退款申请。"),
            "paymentId",
        )
    if payment.status != PaymentStatus.REFUND_REQUESTED or _request_lapsed(payment, now):
        raise _not_held(payment, now)
    _set_status(
        session,
        payment,
        PaymentStatus.HELD,
        action="WITHDRAW_REFUND_REQUEST",
        actor_id=user_id,
        note=None,
        now=now,
        auto_confirm_at=now + timedelta(seconds=payment.hold_left_seconds or 0),
        respond_by=None,
        hold_left_seconds=None,
    )
    return payment.id


def extend_hold(*, session: Session, clock: Clock, settings: Settings, user_id: int, payment_id: object) -> int:
    """The payer extends a held payment once, by ``escrow_extension_days``, before it
    releases by itself (more time to check the goods)."""
    payment, now = _acting(
        session, clock, payment_id, user_id, payer=True, action=t("extend the hold of", "延长这笔付款的担保期")
    )
    if payment.status != PaymentStatus.HELD or _hold_ended(payment, now):
        raise _not_held(payment, now)
    if payment.extended_at is not None:
        raise DomainError(
            WalletErrorCode.HOLD_ALREADY_EXTENDED,
            t("The hold of this payment was extended once already.", "这笔付款的担保期已延长过一次。"),
            "paymentId",
        )
    _set_status(
        session,
        payment,
        PaymentStatus.HELD,
        action="EXTEND_HOLD",
        actor_id=user_id,
        note=None,
        now=now,
        # HELD: the timer runs, so ``auto_confirm_at`` is set.
        auto_confirm_at=cast(datetime, payment.auto_confirm_at) + timedelta(days=settings.escrow_extension_days),
        extended_at=now,
    )
    return payment.id


def decline_refund(
    *, session: Session, clock: Clock, user_id: int, payment_id: object, reason: str | None = None
) -> int:
    """The payee refuses the requested refund: an operator will settle the dispute."""
    payment, now = _acting(
        session, clock, payment_id, user_id, payer=False, action=t("decline a refund of", "拒绝这笔付款的退款申请")
    )
    reason = _clean_text(reason, limit=REASON_LENGTH, field="reason", code=WalletErrorCode.INVALID_REASON)
    if payment.status == PaymentStatus.DISPUTED:
        return payment.id
    if _hold_ended(payment, now):
        raise _not_held(payment, now)
    if payment.status == PaymentStatus.HELD:
        raise DomainError(
            WalletErrorCode.REFUND_NOT_REQUESTED,
            t("The payer has not asked for a refund.", "付款方尚未申请退款。"),
            "paymentId",
        )
    if payment.status != PaymentStatus.REFUND_REQUESTED:
        raise _not_held(payment)
    if _request_lapsed(payment, now):  # too late: the unanswered request refunds it (release_due)
        raise _not_held(payment, now)
    _set_status(
        session,
        payment,
        PaymentStatus.DISPUTED,
        action="DECLINE_REFUND",
        actor_id=user_id,
        note=reason,
        now=now,
        respond_by=None,
        disputed_at=now,
    )
    return payment.id


def resolve_dispute(
    *,
    session: Session,
    clock: Clock,
    operator_id: int,
    payment_id: object,
    outcome: DisputeOutcome,
    note: str | None = None,
) -> int:
    """An operator settles a disputed payment: release it to the payee or refund the payer."""
    payment = _lock_payment(session, parse_payment_id(payment_id))
    if operator_id in (payment.payer_id, payment.payee_id):
        raise DomainError(
            CommonErrorCode.CONFLICT_OF_INTEREST,
            t(
                "You are a party to this payment; another operator must settle the dispute.",
                "您是这笔付款的当事方，须由其他处理人员裁决该争议。",
            ),
            "paymentId",
        )
    note = _clean_text(note, limit=REASON_LENGTH, field="note", code=WalletErrorCode.INVALID_REASON)
    target = PaymentStatus.RELEASED if outcome == DisputeOutcome.RELEASE else PaymentStatus.REFUNDED
    if payment.status == target:
        return payment.id
    if payment.status != PaymentStatus.DISPUTED:
        raise DomainError(
            WalletErrorCode.PAYMENT_NOT_DISPUTED,
            t("Only a disputed payment can be resolved.", "只有处于争议中的付款才能裁决。"),
            "paymentId",
        )
    settle = _release if target == PaymentStatus.RELEASED else _refund
    settle(session, payment, action=f"RESOLVE_{outcome}", actor_id=operator_id, note=note, now=clock.now())
    return payment.id


# --- the periodic release --------------------------------------------------------------------


def release_due(*, session: Session, clock: Clock, limit: int = 500) -> int | None:
    """Release up to ``limit`` held payments whose hold has passed; the number released, or
    None when another worker holds the lock (PostgreSQL advisory transaction lock; on SQLite
    the write transaction already serialises). Call again while it returns ``limit``."""
    if not is_sqlite(session):
        got = session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": RELEASE_LOCK_KEY}).scalar_one()
        if not got:
            return None
    now = clock.now()
    held = select(PAYMENTS.c.id.label("id"), PAYMENTS.c.auto_confirm_at.label("due")).where(
        PAYMENTS.c.status == str(PaymentStatus.HELD), PAYMENTS.c.auto_confirm_at <= now
    )
    asked = select(PAYMENTS.c.id.label("id"), PAYMENTS.c.respond_by.label("due")).where(
        PAYMENTS.c.status == str(PaymentStatus.REFUND_REQUESTED), PAYMENTS.c.respond_by <= now
    )
    both = held.union_all(asked).subquery()
    due = session.execute(select(both.c.id).order_by(both.c.due, both.c.id).limit(limit)).scalars().all()
    released = 0
    for payment_id in due:
        payment = _lock_payment(session, payment_id)
        if _hold_ended(payment, now):
            _release(session, payment, action="AUTO_CONFIRM", actor_id=None, note=None, now=now)
            released += 1
        elif _request_lapsed(payment, now):
            _refund(session, payment, action="REFUND_TIMEOUT", actor_id=None, note=None, now=now)
            released += 1
    return released


@dataclass(frozen=True, slots=True)
class HeldDeadline:
    """A held guarantee payment whose timer runs: it releases by itself at ``auto_confirm_at``."""

    payment_id: int
    payer_id: int
    payee_id: int
    amount: int  # minor units
    auto_confirm_at: datetime
    held_since: datetime  # the payment's creation (a resumed timer keeps it)


def held_releasing_between(session: Session, *, after: datetime, before: datetime) -> list[HeldDeadline]:
    """The HELD payments whose auto-confirm time is after ``after`` and before ``before``
    (a paused timer has none), by deadline (reminders of the coming release)."""
    rows = session.execute(
        select(
            PAYMENTS.c.id,
            PAYMENTS.c.payer_id,
            PAYMENTS.c.payee_id,
            PAYMENTS.c.amount,
            PAYMENTS.c.auto_confirm_at,
            PAYMENTS.c.created_at,
        )
        .where(
            PAYMENTS.c.status == str(PaymentStatus.HELD),
            PAYMENTS.c.auto_confirm_at > after,
            PAYMENTS.c.auto_confirm_at < before,
        )
        .order_by(PAYMENTS.c.auto_confirm_at, PAYMENTS.c.id)
    )
    return [HeldDeadline(*row) for row in rows]
