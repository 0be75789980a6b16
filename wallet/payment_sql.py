"""A payment on PostgreSQL in two statements between BEGIN and COMMIT (``payments.pay``'s
fast path; SQLite, and sources other than the wallet's cash, take the step-by-step path).

``GATHER`` resolves the payee (email or id) and claims the idempotency key: the database
finishes the request's hash with the payee's id (``idempotency.hash_template``) and draws the
payment's id as the key's result. In the claim's ``RETURNING``, so strictly after the key is
claimed (the lock order of every money movement: key, then accounts), it locks the payer's
cash account and, for a direct payment, the payee's, in ascending id order. The same row
brings the payer's frozen flag and payment profile. When the key exists already nothing is
claimed or locked, and the caller decides between a replay and a reused key.

``WRITE`` starts after those locks are held, so its snapshot sees every committed payment
of the payer: today's outgoing total (``limits``) gates everything else (over the daily limit
nothing is written), then the ledger entry, its postings and the guarded balance updates
(``ledger.entry_ctes``), the payment row, its history lines and the payer's total of the day.

Both are SQLAlchemy ``text()`` built once and compiled once; with psycopg they run on the
DBAPI connection of the session's transaction: SQLAlchemy's per-statement machinery (result
objects, bind processing, events) cost about a quarter of a payment's client CPU, and these
statements bind only values the driver takes as they are (ints, strings, aware datetimes,
dates); lists go as array literals (``_as_text``: psycopg's list dumping took ~60 us a payment).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import BigInteger, TextClause, bindparam, text
from sqlalchemy.dialects.postgresql import psycopg
from sqlalchemy.orm import Session

from db.types import UTCDateTime
from ledger.accounts import LockedAccount, lock_in_id_order_sql, locked_of
from ledger.entries import ENTRY_BINDS, entry_ctes
from ledger.idempotency import sql_request_hash
from ledger.kinds import CNY, Purpose, TransactionStatus
from wallet import limits

if TYPE_CHECKING:
    from psycopg import Connection as DriverConnection
    from psycopg import Cursor as DriverCursor
    from psycopg.rows import TupleRow

OPERATION = "pay"
_COMPLETED = str(TransactionStatus.COMPLETED)

GATHER = text(
    f"""
    WITH payee AS (
        SELECT id FROM users WHERE id = CAST(:payee_number AS BIGINT)
        UNION ALL
        SELECT id FROM users WHERE email = CAST(:payee_email AS VARCHAR)
    ), claim AS (
        INSERT INTO idempotency_keys (user_id, key, operation, request_hash, result_id, created_at)
        SELECT :payer_id, :idempotency_key, :operation, {sql_request_hash("payee.id")},
               nextval(pg_get_serial_sequence('payments', 'id')), :now
        FROM payee WHERE payee.id <> :payer_id
        ON CONFLICT (user_id, key) DO NOTHING
        RETURNING id, result_id, (
            SELECT array_agg(ARRAY[l.id, l.user_id, l.balance])
            FROM ({lock_in_id_order_sql(":payer_id, (SELECT id FROM payee WHERE CAST(:lock_payee AS BOOLEAN))")}) AS l
        ) AS locked
    )
    SELECT (SELECT id FROM payee) AS payee_id, claim.id AS claim_id, claim.result_id AS payment_id,
           claim.locked, u.frozen_at, p.user_id, p.identity_verified_at, p.payment_password_hash,
           p.payment_password_failures, p.payment_password_blocked_until
    FROM users AS u LEFT JOIN wallet_profiles AS p ON p.user_id = u.id LEFT JOIN claim ON true
    WHERE u.id = :payer_id
    """
).bindparams(bindparam("payer_id", type_=BigInteger), bindparam("now", type_=UTCDateTime()))

WRITE = text(
    f"""
    WITH used AS ({limits.OUTGOING_TODAY_SQL}
    ), go AS (
        SELECT 1 FROM used WHERE used.total + :amount <= :daily_limit
    ), {entry_ctes("go")},
    payment AS (
        INSERT INTO payments (id, payer_id, payee_id, asset, amount, memo, guarantee, status,
                              auto_confirm_days, auto_confirm_at, created_at, updated_at, finished_at)
        SELECT :payment_id, :payer_id, :payee_id, :asset, :amount, CAST(:memo AS VARCHAR), :guarantee, :status,
               CAST(:auto_confirm_days AS INTEGER), CAST(:auto_confirm_at AS TIMESTAMPTZ),
               :created_at, :updated_at, CAST(:finished_at AS TIMESTAMPTZ)
        FROM entry
    ), lines AS (
        INSERT INTO wallet_transactions (user_id, kind, status, asset, amount, payment_id, entry_id,
                                         created_at, updated_at)
        SELECT l.user_id, l.kind, :line_status, :asset, :amount, :payment_id, entry.id, :created_at, :created_at
        FROM entry, unnest(CAST(:line_users AS BIGINT[]), CAST(:line_kinds AS VARCHAR[])) AS l(user_id, kind)
    ), counted AS ({limits.count_payment_sql("entry")}
    )
    SELECT used.total AS used, (SELECT id FROM entry) AS entry_id, (SELECT count(*) FROM balances) AS applied
    FROM used
    """
).bindparams(
    *ENTRY_BINDS,
    *limits.OUTGOING_BINDS,
    bindparam("payment_id", type_=BigInteger),
    *(bindparam(name, type_=UTCDateTime()) for name in ("created_at", "updated_at", "finished_at", "auto_confirm_at")),
)


_CURSOR = "wallet.payment_sql.cursor"
# The driver's SQL of each statement (``%(name)s`` parameters, the casts written out), as
# bytes: psycopg would encode a str, and hash the new bytes for its statement cache, each time.
# (``type: ignore``: SQLAlchemy leaves the psycopg dialect's constructor unannotated.)
_DRIVER_SQL = {
    statement: str(statement.compile(dialect=psycopg.dialect())).encode()  # type: ignore[no-untyped-call]
    for statement in (GATHER, WRITE)
}


def _one_row(session: Session, statement: TextClause, parameters: dict[str, Any]) -> tuple[Any, ...]:
    """The one row of ``statement``, run in the session's transaction."""
    connection = session.connection()
    if connection.dialect.driver != "psycopg":  # another driver: through SQLAlchemy
        return tuple(connection.execute(statement, parameters).one())
    pooled = connection.connection  # one cursor per DBAPI connection, kept with it in the pool
    cursor: DriverCursor[TupleRow] | None = pooled.info.get(_CURSOR)
    if cursor is None or cursor.closed or cursor.connection is not pooled.driver_connection:
        # The driver is psycopg here, so its connection is a psycopg ``Connection`` (never None).
        cursor = pooled.info[_CURSOR] = cast("DriverConnection[TupleRow]", pooled.driver_connection).cursor()
    cursor.execute(_DRIVER_SQL[statement], {name: _as_text(value) for name, value in parameters.items()}, prepare=True)
    return cast("TupleRow", cursor.fetchone())  # GATHER and WRITE give one row (as ``.one()`` above)


def _as_text(value: object) -> object:
    """A list as PostgreSQL's array literal (``{1,-2}``, ``{"A","B"}``): the statements cast
    every array parameter, and psycopg dumps a string about ten times faster than a list."""
    if type(value) is not list:
        return value
    return "{" + ",".join(str(v) if type(v) is int else _quoted(v) for v in value) + "}"


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True, slots=True)
class PayerProfile:
    """The payer's wallet profile as a payment checks it (``identity.require_verified``,
    ``payment_password.check``)."""

    user_id: int
    identity_verified_at: datetime | None
    payment_password_hash: str | None
    payment_password_failures: int
    payment_password_blocked_until: datetime | None


@dataclass(frozen=True, slots=True)
class Gathered:
    """What ``GATHER`` found. ``claim_id`` is None when no key was claimed (unknown payee,
    the payer themself, or the key exists); then ``accounts`` is empty (nothing locked)."""

    payee_id: int | None
    claim_id: int | None
    payment_id: int | None  # drawn for the claimed key
    accounts: dict[int, LockedAccount]  # locked cash accounts by user id (missing ones are absent)
    frozen_at: datetime | None
    profile: PayerProfile | None  # None: no wallet profile yet


def gather(
    session: Session,
    *,
    payer_id: int,
    payee_email: str | None,
    payee_number: int | None,
    lock_payee: bool,
    key: str,
    hash_head: str,
    hash_tail: str,
    now: datetime,
) -> Gathered:
    payee_id, claim_id, payment_id, locked, frozen_at, *profile = _one_row(
        session,
        GATHER,
        {
            "payer_id": payer_id,
            "payee_email": payee_email,
            "payee_number": payee_number,
            "lock_payee": lock_payee,
            "idempotency_key": key,
            "operation": OPERATION,
            "hash_head": hash_head,
            "hash_tail": hash_tail,
            "lock_purpose": str(Purpose.CASH),
            "lock_asset": CNY,
            "now": now,
        },
    )
    return Gathered(
        payee_id=payee_id,
        claim_id=claim_id,
        payment_id=payment_id,
        accounts=locked_of(locked or (), asset=CNY),
        frozen_at=frozen_at,
        profile=PayerProfile(*profile) if profile[0] is not None else None,
    )


@dataclass(frozen=True, slots=True)
class Written:
    used: int  # the payer's outgoing total today before this payment
    entry_id: int | None  # None: over the daily limit, nothing written
    applied: int  # user balances updated (see ``ledger.check_applied``)


def write(
    session: Session,
    *,
    payment_id: int,
    payment: dict[str, Any],
    entry: dict[str, Any],
    lines: Sequence[tuple[int, str]],
    outgoing: dict[str, Any],
    daily_limit: int,
) -> Written:
    """``payment``: the payment's column values (named as the columns); ``entry``:
    ``ledger.entry_parameters``; ``lines``: (user id, transaction kind) of its history lines;
    ``outgoing``: ``limits.outgoing_parameters`` of the payer."""
    parameters = {**entry, **payment, **outgoing}
    parameters.update(
        payment_id=payment_id,
        counted_amount=payment["amount"],
        daily_limit=daily_limit,
        line_status=_COMPLETED,
        line_users=[user_id for user_id, _ in lines],
        line_kinds=[str(kind) for _, kind in lines],
    )
    used, entry_id, applied = _one_row(session, WRITE, parameters)
    return Written(used=int(used), entry_id=entry_id, applied=applied)
