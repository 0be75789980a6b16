"""The wallet over GraphQL.

Queries: ``wallet { balance available held transactions payments identity bankCards }``
(also ``User.wallet`` for the signed-in user), ``payment(id)`` (payer or payee only;
anybody else gets NOT_FOUND), ``disputedPayments`` (operators).
Mutations: ``verifyIdentity``, ``bindBankCard``, ``setPaymentPassword``, ``deposit``,
``withdraw``, ``pay``, ``confirmPayment``, ``refundPayment``, ``requestRefund``,
``declineRefund``, ``resolveDispute`` (operators).

Mutations that may need the payment password run through ``with_payment_password``: the
password is checked outside the write transaction, and each try is counted before it is
checked, so concurrent wrong guesses never get more tries than the limit.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from api.errors import UserError, valid
from api.graphql.money import Money
from api.graphql.node import Node, fetch, fetches
from api.graphql.reads import wallet_of
from api.graphql.user_core import viewer_id_of
from api.ids import decode, global_id, id_input, optional_global_id
from api.mutations import run_mutation, run_request, with_payment_password
from api.pagination import Connection, build_connection, counter, page_request
from api.scalars import MoneyAmount
from investing import service as investing_service
from ledger import service as ledger_service
from ledger.kinds import TransactionKind as TransactionKindEnum
from ledger.kinds import TransactionStatus as TransactionStatusEnum
from users.roles import Role
from wallet import service as wallet_service
from wallet.kinds import DisputeOutcome as DisputeOutcomeEnum
from wallet.kinds import PaymentRole as PaymentRoleEnum
from wallet.kinds import PaymentSource as PaymentSourceEnum
from wallet.kinds import PaymentStatus as PaymentStatusEnum
from wallet.kinds import is_incoming

if TYPE_CHECKING:
    from api.graphql.investing import FundOrder
    from api.graphql.product_types import Product

PaymentStatus = strawberry.enum(
    PaymentStatusEnum,
    name="PaymentStatus",
    description=(
        "COMPLETED (direct payment), HELD (guarantee payment in escrow), REFUND_REQUESTED (the payer "
        "asked for a refund; the timer is paused), DISPUTED (the payee declined; an operator decides), "
        "RELEASED (paid to the payee), REFUNDED (returned to the payer)."
    ),
)
TransactionKind = strawberry.enum(TransactionKindEnum, name="TransactionKind")
TransactionStatus = strawberry.enum(TransactionStatusEnum, name="TransactionStatus")
DisputeOutcome = strawberry.enum(DisputeOutcomeEnum, name="DisputeOutcome")
PaymentRole = strawberry.enum(PaymentRoleEnum, name="PaymentRole", description="SENT (you paid) or RECEIVED.")
PaymentSource = strawberry.enum(
    PaymentSourceEnum,
    name="PaymentSource",
    description="WALLET: the wallet's cash. MONEY_FUND: the money-fund balance (a fast redemption, within its daily limit).",
)


# --- types -----------------------------------------------------------------------------------


@strawberry.type(description="The other side of a payment.")
class PaymentParty:
    id: strawberry.ID = strawberry.field(description="The user's global id (pay them with it as `payee`).")
    name: strawberry.Private[str | None]
    # A payment just made is answered from what was written: its parties' names (masked as the
    # viewer may see them) are read only when asked for: (payment id, viewer id, payer side).
    made: strawberry.Private[tuple[int, int, bool] | None] = None

    @strawberry.field
    def display_name(self, info: Info) -> str:
        if self.name is not None:
            return self.name
        payment_id, viewer_id, payer_side = self.made  # type: ignore[misc]  # one of the two is set

        def view():
            with info.context.db.read() as session:
                return wallet_service.payment_view(session, payment_id, viewer_id=viewer_id)

        shown = info.context.memo(f"payment-view-{payment_id}", view)
        return shown.payer_name if payer_side else shown.payee_name


@strawberry.type(description="A payment between two users, as its payer or payee sees it.")
class Payment(Node):
    status: PaymentStatus
    amount: Money
    guarantee: bool
    auto_confirm_at: datetime | None = strawberry.field(
        description="When a held guarantee payment releases by itself; null while paused or after it ended."
    )
    auto_confirm_days: int | None
    memo: str | None
    refund_reason: str | None
    payer: PaymentParty
    payee: PaymentParty
    created_at: datetime
    finished_at: datetime | None
    refund_respond_by: datetime | None = strawberry.field(
        description="A refund request: the payee must refund or decline by then, else it is refunded."
    )
    hold_extended: bool = strawberry.field(description="The payer extended the hold (once only).")
    disputed_at: datetime | None = strawberry.field(description="When the payee declined the refund request.")

    @strawberry.field(description="Operators: how long the dispute has been open, in whole days (null if none).")
    def dispute_age_days(self, info: Info) -> int | None:
        if self.disputed_at is None or self.status != PaymentStatusEnum.DISPUTED:
            return None
        return (info.context.clock.now() - self.disputed_at).days

    @classmethod
    def of(cls, view: wallet_service.PaymentView) -> Payment:
        return cls(
            id=global_id("Payment", view.id),
            status=view.status,
            amount=Money.of_minor(view.amount, view.asset),
            guarantee=view.guarantee,
            auto_confirm_at=view.auto_confirm_at,
            auto_confirm_days=view.auto_confirm_days,
            memo=view.memo,
            refund_reason=view.refund_reason,
            payer=PaymentParty(id=global_id("User", view.payer_id), name=view.payer_name),
            payee=PaymentParty(id=global_id("User", view.payee_id), name=view.payee_name),
            created_at=view.created_at,
            finished_at=view.finished_at,
            refund_respond_by=view.respond_by,
            hold_extended=view.extended_at is not None,
            disputed_at=view.disputed_at,
        )

    @classmethod
    def made(cls, row: dict, viewer_id: int) -> Payment:
        """A payment just made, from its row as written (``PaymentResult.row``): nothing is
        read back unless a party's name is asked for."""
        payment_id = row["id"]
        return cls(
            id=global_id("Payment", payment_id),
            status=PaymentStatusEnum(row["status"]),
            amount=Money.of_minor(row["amount"], row["asset"]),
            guarantee=row["guarantee"],
            auto_confirm_at=row["auto_confirm_at"],
            auto_confirm_days=row["auto_confirm_days"],
            memo=row["memo"],
            refund_reason=None,
            payer=PaymentParty(id=global_id("User", row["payer_id"]), name=None, made=(payment_id, viewer_id, True)),
            payee=PaymentParty(id=global_id("User", row["payee_id"]), name=None, made=(payment_id, viewer_id, False)),
            created_at=row["created_at"],
            finished_at=row["finished_at"],
            refund_respond_by=None,
            hold_extended=False,
            disputed_at=None,
        )


@strawberry.type(
    description="A line of the wallet's history. `amount` is positive; `incoming` says the direction. A subscription "
    "and its fee are one line (`amount` + `fee` left the wallet; a redemption: `amount` - `fee` arrived); a payment "
    "from the money-fund balance is one line (`source` MONEY_FUND); income lines name their fund (`product`)."
)
class WalletTransaction(Node):
    kind: TransactionKind
    status: TransactionStatus
    amount: Money
    incoming: bool
    payment_id: strawberry.ID | None
    created_at: datetime
    updated_at: datetime
    key: strawberry.Private[int]
    line: strawberry.Private[investing_service.ReadableLine | None] = None

    @classmethod
    def of(cls, row, line: investing_service.ReadableLine | None = None) -> WalletTransaction:
        kind = TransactionKindEnum(row.kind)
        return cls(
            id=global_id("WalletTransaction", row.id),
            kind=kind,
            status=TransactionStatusEnum(row.status),
            amount=Money.of_minor(row.amount, row.asset),
            incoming=is_incoming(kind),
            payment_id=optional_global_id("Payment", row.payment_id),
            created_at=row.created_at,
            updated_at=row.updated_at,
            key=row.id,
            line=line,
        )

    @classmethod
    def read(cls, line: investing_service.ReadableLine) -> WalletTransaction:
        return cls.of(line.row, line)

    def _line(self, info: Info) -> investing_service.ReadableLine:
        """What the line was about: read with its page; a line built alone (a mutation's
        payload, an event) reads it once."""
        if self.line is None:
            viewer = info.context.require_viewer()
            with info.context.db.read() as session:
                row = ledger_service.history_line(session, user_id=viewer.id, line_id=self.key)
                if row is None:
                    row = ledger_service.transaction(session, self.key)
                self.line = investing_service.explain_history(session, user_id=viewer.id, rows=[row])[0]
        return self.line

    @strawberry.field(description="The product it was about (the fund of an order, of income, of a coupon).")
    async def product(self, info: Info) -> Annotated[Product, strawberry.lazy("api.graphql.product_types")] | None:
        from api.graphql.investing import product_of

        product_id = self._line(info).product_id
        return None if product_id is None else await product_of(info, product_id)

    @strawberry.field(description="The fund order it belongs to (subscriptions, redemptions, refunds, coupons).")
    def order(self, info: Info) -> Annotated[FundOrder, strawberry.lazy("api.graphql.investing")] | None:
        from api.graphql.investing import FundOrder

        view = self._line(info).order
        return None if view is None else FundOrder.of(view, info.context.clock.zone)

    @strawberry.field(description="The payment it belongs to (as its payer or payee sees it).")
    def payment(self, info: Info) -> Payment | None:
        view = self._line(info).payment
        return None if view is None else Payment.of(view)

    @strawberry.field(
        description="The other party of a payment, masked until they have paid you (李四 -> *四, Alice -> A***e)."
    )
    def counterparty(self, info: Info) -> str | None:
        return self._line(info).counterparty

    @strawberry.field(description="The payment's memo.")
    def memo(self, info: Info) -> str | None:
        return self._line(info).memo

    @strawberry.field(description="The fee charged with this line (a subscription's or a redemption's), if any.")
    def fee(self, info: Info) -> Money | None:
        return Money.of_minor(self._line(info).fee)

    @strawberry.field(
        description="Payments: paid from the wallet's cash (WALLET) or the money-fund balance (MONEY_FUND)."
    )
    def source(self, info: Info) -> PaymentSource | None:
        return self._line(info).source

    @strawberry.field(
        description="The wallet's cash right after this line's money moved (income and a payment from the money-fund "
        "balance leave it as it was); null for a line without a ledger entry."
    )
    def balance_after(self, info: Info) -> Money | None:
        return Money.of_minor(self._line(info).balance_after)

    @strawberry.field(description="What the line was about, in the viewer's language.")
    def description(self, info: Info) -> str:
        return self._line(info).description.in_(info.context.locale)


@strawberry.type(description="Who a payment would go to, as much as a payer may know before paying.")
class PayeePreview:
    masked_name: str


@strawberry.type(description="The verified identity (real-name verification).")
class VerifiedIdentity:
    real_name: str
    id_number_masked: str
    verified_at: datetime


@strawberry.type(description="A bound bank card; only the last 4 digits are kept.")
class BankCard(Node):
    bank_name: str
    holder_name: str
    last4: str
    masked_number: str
    bound_at: datetime

    @classmethod
    def of(cls, card) -> BankCard:
        return cls(
            id=global_id("BankCard", card.id),
            bank_name=card.bank_name,
            holder_name=card.holder_name,
            last4=card.last4,
            masked_number=f"**** **** **** {card.last4}",
            bound_at=card.bound_at,
        )


@strawberry.type(description="The signed-in user's wallet. balance = available + held.")
class Wallet:
    user_id: strawberry.Private[int]
    summary: strawberry.Private[wallet_service.WalletSummary | None] = None

    def _summary(self, info: Info) -> wallet_service.WalletSummary:
        if self.summary is None:
            self.summary = wallet_of(info.context, self.user_id)
        return self.summary

    @strawberry.field(description="available + held.")
    def balance(self, info: Info) -> Money:
        return Money.of_minor(self._summary(info).balance)

    @strawberry.field(description="What can be paid or withdrawn now.")
    def available(self, info: Info) -> Money:
        return Money.of_minor(self._summary(info).available)

    @strawberry.field(description="Outgoing guarantee payments still held in escrow.")
    def held(self, info: Info) -> Money:
        return Money.of_minor(self._summary(info).held)

    @strawberry.field(
        description="The wallet's history, newest first; only the lines of `kinds` and `statuses`, from the day "
        "`from` to the day `to` (both included, in the platform's time zone), when given."
    )
    def transactions(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        kinds: list[TransactionKind] | None = None,
        statuses: list[TransactionStatus] | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[WalletTransaction]:
        request = page_request(
            first,
            after,
            last=last,
            before=before,
            max_page_size=info.context.settings.max_page_size,
            cursor=(datetime, int),
        )
        boundary = request.boundary
        keyset = None if boundary is None else (boundary[0], boundary[1])
        only = ledger_service.LineFilter.of(
            kinds=kinds, statuses=statuses, first_day=from_, last_day=to, zone=info.context.clock.zone
        )
        with info.context.db.read(replica=True) as session:
            lines = investing_service.history_page(
                session,
                user_id=self.user_id,
                limit=request.limit + 1,
                after=keyset,
                only=only,
                backward=request.backward,
            )
        return build_connection(
            lines,
            request,
            key=lambda line: [line.row.created_at.isoformat(), line.row.id],
            node=WalletTransaction.read,
            count=counter(
                info.context.db, lambda s: investing_service.count_history(s, user_id=self.user_id, only=only)
            ),
        )

    @strawberry.field(description="Payments sent or received (or only those of `role`, in `status`), newest first.")
    def payments(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        role: PaymentRole | None = None,
        status: PaymentStatus | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Payment]:
        return _payments_connection(info, first, after, last, before, user_id=self.user_id, status=status, role=role)

    @strawberry.field(description="The verified identity, or null before real-name verification.")
    def identity(self, info: Info) -> VerifiedIdentity | None:
        with info.context.db.read() as session:
            profile = wallet_service.profile_of(session, self.user_id)
        if profile is None or profile.identity_verified_at is None:
            return None
        return VerifiedIdentity(
            real_name=profile.real_name,
            id_number_masked=profile.id_number_masked,
            verified_at=profile.identity_verified_at,
        )

    @strawberry.field(description="Bound bank cards, most recent first.")
    def bank_cards(self, info: Info) -> list[BankCard]:
        with info.context.db.read() as session:
            return [BankCard.of(card) for card in wallet_service.bank_cards(session, self.user_id)]

    @strawberry.field(description="Whether pay and withdraw need the payment password.")
    def payment_password_set(self, info: Info) -> bool:
        with info.context.db.read() as session:
            profile = wallet_service.profile_of(session, self.user_id)
        return profile is not None and profile.payment_password_hash is not None


def _payments_connection(
    info: Info, first, after, last=None, before=None, *, user_id=None, status=None, role=None
) -> Connection[Payment]:
    request = page_request(
        first, after, last=last, before=before, max_page_size=info.context.settings.max_page_size, cursor=(int,)
    )
    boundary = request.boundary
    with info.context.db.read() as session:
        views = wallet_service.payments_page(
            session,
            limit=request.limit + 1,
            after_id=None if boundary is None else boundary[0],
            user_id=user_id,
            status=status,
            role=role,
            backward=request.backward,
        )
    return build_connection(
        views,
        request,
        key=lambda view: [view.id],
        node=Payment.of,
        count=counter(
            info.context.db, lambda s: wallet_service.count_payments(s, user_id=user_id, status=status, role=role)
        ),
    )


# --- inputs and payloads ---------------------------------------------------------------------


@strawberry.input
class VerifyIdentityInput:
    real_name: str
    id_number: str = strawberry.field(description="18-character resident identity number (GB 11643).")


@strawberry.input
class BindBankCardInput:
    card_number: str
    holder_name: str = strawberry.field(description="Must be the verified real name.")
    bank_name: str


@strawberry.input
class SetPaymentPasswordInput:
    payment_password: str = strawberry.field(description="6 digits.")
    current_payment_password: str | None = strawberry.field(default=None, description="Needed to change it.")


@strawberry.input
class DepositInput:
    amount: MoneyAmount
    idempotency_key: str = strawberry.field(
        description="Your unique key for this deposit (1-255 characters); a retry with the same key does not deposit twice."
    )
    bank_card_id: strawberry.ID | None = id_input(
        "BankCard", default=None, description="Default: the most recently bound card."
    )


@strawberry.input
class WithdrawInput:
    amount: MoneyAmount
    idempotency_key: str
    payment_password: str | None = None
    bank_card_id: strawberry.ID | None = id_input("BankCard", default=None)


@strawberry.input
class PayInput:
    payee: str = strawberry.field(description="The payee's email or global user id (`Payment.payee.id`).")
    amount: MoneyAmount
    idempotency_key: str
    memo: str | None = None
    guarantee: bool = strawberry.field(default=False, description="Hold the money in escrow until you confirm.")
    auto_confirm_days: int | None = strawberry.field(
        default=None, description="Guarantee payments: release by itself after this many days (default 10)."
    )
    payment_password: str | None = None
    source: PaymentSource = strawberry.field(
        default=PaymentSourceEnum.WALLET, description="Where the money comes from."
    )


@strawberry.input
class ConfirmPaymentInput:
    payment_id: strawberry.ID = id_input("Payment")


@strawberry.input
class RefundPaymentInput:
    payment_id: strawberry.ID = id_input("Payment")
    reason: str | None = None


@strawberry.input
class RequestRefundInput:
    payment_id: strawberry.ID = id_input("Payment")
    reason: str


@strawberry.input
class WithdrawRefundRequestInput:
    payment_id: strawberry.ID = id_input("Payment")


@strawberry.input
class ExtendPaymentHoldInput:
    payment_id: strawberry.ID = id_input("Payment")


@strawberry.input
class DeclineRefundInput:
    payment_id: strawberry.ID = id_input("Payment")
    reason: str | None = None


@strawberry.input
class ResolveDisputeInput:
    payment_id: strawberry.ID = id_input("Payment")
    outcome: DisputeOutcome
    note: str | None = None


@strawberry.type
class VerifyIdentityPayload:
    identity: VerifiedIdentity | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class BindBankCardPayload:
    bank_card: BankCard | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SetPaymentPasswordPayload:
    ok: bool = False
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class DepositPayload:
    transaction: WalletTransaction | None = None
    wallet: Wallet | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class WithdrawPayload:
    transaction: WalletTransaction | None = None
    wallet: Wallet | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PaymentPayloadFields:
    payment: Payment | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class PayPayload(PaymentPayloadFields):
    pass


@strawberry.type
class ConfirmPaymentPayload(PaymentPayloadFields):
    pass


@strawberry.type
class RefundPaymentPayload(PaymentPayloadFields):
    pass


@strawberry.type
class RequestRefundPayload(PaymentPayloadFields):
    pass


@strawberry.type
class WithdrawRefundRequestPayload(PaymentPayloadFields):
    pass


@strawberry.type
class ExtendPaymentHoldPayload(PaymentPayloadFields):
    pass


@strawberry.type
class DeclineRefundPayload(PaymentPayloadFields):
    pass


@strawberry.type
class ResolveDisputePayload(PaymentPayloadFields):
    pass


# --- helpers ---------------------------------------------------------------------------------


def _transfer_fields(session, transaction_id: int, user_id: int) -> dict:
    row = ledger_service.transaction(session, transaction_id)
    return {
        "transaction": WalletTransaction.of(row),
        "wallet": Wallet(user_id=user_id, summary=wallet_service.wallet_summary(session, user_id)),
    }


def _payment_fields(session, payment_id: int, viewer_id: int) -> dict:
    """The payment as the acting user sees it (the other party's name masked until they know
    each other; see ``wallet.queries.masked_for``)."""
    return {"payment": Payment.of(wallet_service.payment_view(session, payment_id, viewer_id=viewer_id))}


def _payment_group(ctx):
    """The worker's group commit of payments (``wallet.service.payment_group``), made on first use."""
    extras = ctx.services.extras
    group = extras.get("wallet.payment_group")
    if group is None:
        group = extras.setdefault("wallet.payment_group", wallet_service.payment_group(ctx.services.db, ctx.settings))
    return group


def payee_text(payee: str) -> str:
    """A payee as the wallet looks it up: an email as given, a global user id as its key;
    anything else (an integer id among them) finds nobody."""
    if "@" in payee:
        return payee
    decoded = decode(payee.strip())
    if decoded is not None and decoded[0] == "User":
        return str(decoded[1])
    return f"#{payee}"  # not an id any more (an integer among them): the wallet finds nobody


# --- refetching by global id -----------------------------------------------------------------


@fetches("Payment")
def _fetch_payment(info: Info, key: int) -> Payment | None:
    """A payment its payer or payee reads; None for anybody else."""
    viewer = info.context.require_viewer()
    with info.context.db.read() as session:
        return Payment.of(wallet_service.payment_for(session, key, viewer_id=viewer.id))


@fetches("WalletTransaction")
def _fetch_transaction(info: Info, key: int) -> WalletTransaction | None:
    viewer = info.context.require_viewer()
    with info.context.db.read() as session:
        line = investing_service.history_line(session, user_id=viewer.id, line_id=key)
    return None if line is None else WalletTransaction.read(line)


@fetches("BankCard")
def _fetch_bank_card(info: Info, key: int) -> BankCard | None:
    viewer = info.context.require_viewer()
    with info.context.db.read() as session:
        cards = [card for card in wallet_service.bank_cards(session, viewer.id) if card.id == key]
        return BankCard.of(cards[0]) if cards else None


# --- root fields -----------------------------------------------------------------------------


@strawberry.type
class WalletViewerFields:
    """Fields this domain adds to the signed-in User."""

    @strawberry.field(description="The wallet (only on the signed-in user; null elsewhere).")
    def wallet(self, info: Info) -> Wallet | None:
        user_id = viewer_id_of(self, info)  # type: ignore[arg-type]
        return None if user_id is None else Wallet(user_id=user_id)


@strawberry.type
class WalletQuery:
    @strawberry.field(description="The signed-in user's wallet.")
    def wallet(self, info: Info) -> Wallet | None:
        return Wallet(user_id=info.context.require_viewer().id)

    @strawberry.field(description="A payment you sent or received; null for anybody else's.")
    async def payment(self, info: Info, id: strawberry.ID) -> Payment | None:
        info.context.require_viewer()
        return await fetch(info, id, "Payment")

    @strawberry.field(
        description="Before paying: the payee's display name, masked (李四 -> *四, Alice -> A***e), or null when "
        "there is no such user. For payers who may pay; limited per hour (RATE_LIMITED)."
    )
    def payee_preview(self, info: Info, payee: str) -> PayeePreview | None:
        ctx = info.context
        viewer = ctx.require_viewer()
        valid(payee, "payee")
        with ctx.db.write() as session:
            name = wallet_service.preview_payee(
                session=session, clock=ctx.clock, settings=ctx.settings, viewer_id=viewer.id, payee=payee_text(payee)
            )
        return None if name is None else PayeePreview(masked_name=name)

    @strawberry.field(description="Operators: disputed guarantee payments waiting for a decision, newest first.")
    def disputed_payments(self, info: Info, first: int | None = None, after: str | None = None) -> Connection[Payment]:
        info.context.require_role(Role.OPERATOR)
        return _payments_connection(info, first, after, status=PaymentStatusEnum.DISPUTED)


@strawberry.type
class WalletMutation:
    @strawberry.mutation(description="Real-name verification: your name and 18-character identity number.")
    async def verify_identity(self, info: Info, input: VerifyIdentityInput) -> VerifyIdentityPayload:
        ctx = info.context

        def action(session, viewer):
            profile = wallet_service.verify_identity(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                real_name=input.real_name,
                id_number=input.id_number,
            )
            return {
                "identity": VerifiedIdentity(
                    real_name=profile.real_name,
                    id_number_masked=profile.id_number_masked,
                    verified_at=profile.identity_verified_at,
                )
            }

        return await run_mutation(info, VerifyIdentityPayload, input, action)

    @strawberry.mutation(description="Bind a bank card in your verified name (deposits and withdrawals use it).")
    async def bind_bank_card(self, info: Info, input: BindBankCardInput) -> BindBankCardPayload:
        ctx = info.context

        def action(session, viewer):
            card = wallet_service.bind_bank_card(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                card_number=input.card_number,
                holder_name=input.holder_name,
                bank_name=input.bank_name,
            )
            return {"bank_card": BankCard.of(card)}

        return await run_mutation(info, BindBankCardPayload, input, action)

    @strawberry.mutation(description="Set (or change) the 6-digit payment password that pay and withdraw then need.")
    async def set_payment_password(self, info: Info, input: SetPaymentPasswordInput) -> SetPaymentPasswordPayload:
        ctx = info.context

        def action(session, viewer):
            wallet_service.set_payment_password(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                new_password=input.payment_password,
                current_password=input.current_payment_password,
            )
            return {"ok": True}

        return await run_mutation(
            info, SetPaymentPasswordPayload, input, with_payment_password(ctx, SetPaymentPasswordPayload, action)
        )

    @strawberry.mutation(description="Top up from your bank card.")
    async def deposit(self, info: Info, input: DepositInput) -> DepositPayload:
        ctx = info.context

        def action(session, viewer):
            result = wallet_service.deposit(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                bank_card_id=input.bank_card_id,
            )
            return _transfer_fields(session, result.transaction_id, viewer.id)

        return await run_mutation(info, DepositPayload, input, action)

    @strawberry.mutation(description="Withdraw to your bank card: PENDING until the bank confirms.")
    async def withdraw(self, info: Info, input: WithdrawInput) -> WithdrawPayload:
        ctx = info.context

        def action(session, viewer):
            result = wallet_service.withdraw(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                payment_password_text=input.payment_password,
                bank_card_id=input.bank_card_id,
            )
            return _transfer_fields(session, result.transaction_id, viewer.id)

        return await run_mutation(info, WithdrawPayload, input, with_payment_password(ctx, WithdrawPayload, action))

    @strawberry.mutation(description="Pay a user (email or id); with guarantee the money waits in escrow.")
    async def pay(self, info: Info, input: PayInput) -> PayPayload:
        ctx = info.context
        if PaymentSourceEnum(input.source) is PaymentSourceEnum.WALLET:
            # The wallet's cash: in the worker's group commit (one transaction for the payments
            # arriving together, each in its own savepoint; the answer comes after the commit).
            def grouped(viewer):
                result = wallet_service.pay_in_group(
                    _payment_group(ctx),
                    clock=ctx.clock,
                    settings=ctx.settings,
                    payer_id=viewer.id,
                    payee=payee_text(input.payee),
                    amount=input.amount,
                    idempotency_key=input.idempotency_key,
                    memo=input.memo,
                    guarantee=input.guarantee,
                    auto_confirm_days=input.auto_confirm_days,
                    payment_password_text=input.payment_password,
                )
                ctx.wrote()
                if result.row is not None:
                    return {"payment": Payment.made(result.row, viewer.id)}
                with ctx.db.read() as session:  # a replay, or SQLite's step-by-step path: read it
                    return _payment_fields(session, result.payment_id, viewer.id)

            return await run_request(info, PayPayload, input, grouped)

        def action(session, viewer):
            result = investing_service.pay(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                payer_id=viewer.id,
                payee=payee_text(input.payee),
                amount=input.amount,
                idempotency_key=input.idempotency_key,
                memo=input.memo,
                guarantee=input.guarantee,
                auto_confirm_days=input.auto_confirm_days,
                payment_password_text=input.payment_password,
                source=PaymentSourceEnum(input.source),
            )
            return _payment_fields(session, result.payment_id, viewer.id)

        return await run_mutation(info, PayPayload, input, with_payment_password(ctx, PayPayload, action))

    @strawberry.mutation(description="Payer: confirm receipt; the held money goes to the payee.")
    async def confirm_payment(self, info: Info, input: ConfirmPaymentInput) -> ConfirmPaymentPayload:
        ctx = info.context

        def action(session, viewer):
            payment_id = wallet_service.confirm_payment(
                session=session, clock=ctx.clock, user_id=viewer.id, payment_id=input.payment_id
            )
            return _payment_fields(session, payment_id, viewer.id)

        return await run_mutation(info, ConfirmPaymentPayload, input, action)

    @strawberry.mutation(description="Payee: give the held money back to the payer.")
    async def refund_payment(self, info: Info, input: RefundPaymentInput) -> RefundPaymentPayload:
        ctx = info.context

        def action(session, viewer):
            payment_id = wallet_service.refund_payment(
                session=session, clock=ctx.clock, user_id=viewer.id, payment_id=input.payment_id, reason=input.reason
            )
            return _payment_fields(session, payment_id, viewer.id)

        return await run_mutation(info, RefundPaymentPayload, input, action)

    @strawberry.mutation(description="Payer: ask the payee for a refund (pauses the auto-confirm timer).")
    async def request_refund(self, info: Info, input: RequestRefundInput) -> RequestRefundPayload:
        ctx = info.context

        def action(session, viewer):
            payment_id = wallet_service.request_refund(
                session=session,
                clock=ctx.clock,
                settings=ctx.settings,
                user_id=viewer.id,
                payment_id=input.payment_id,
                reason=input.reason,
            )
            return _payment_fields(session, payment_id, viewer.id)

        return await run_mutation(info, RequestRefundPayload, input, action)

    @strawberry.mutation(description="Payer: withdraw a refund request; the hold resumes with the time it had left.")
    async def withdraw_refund_request(
        self, info: Info, input: WithdrawRefundRequestInput
    ) -> WithdrawRefundRequestPayload:
        ctx = info.context

        def action(session, viewer):
            payment_id = wallet_service.withdraw_refund_request(
                session=session, clock=ctx.clock, user_id=viewer.id, payment_id=input.payment_id
            )
            return _payment_fields(session, payment_id, viewer.id)

        return await run_mutation(info, WithdrawRefundRequestPayload, input, action)

    @strawberry.mutation(
        description="Payer: extend a held payment once (ROBO_ESCROW_EXTENSION_DAYS) before it releases by itself."
    )
    async def extend_payment_hold(self, info: Info, input: ExtendPaymentHoldInput) -> ExtendPaymentHoldPayload:
        ctx = info.context

        def action(session, viewer):
            payment_id = wallet_service.extend_hold(
                session=session, clock=ctx.clock, settings=ctx.settings, user_id=viewer.id, payment_id=input.payment_id
            )
            return _payment_fields(session, payment_id, viewer.id)

        return await run_mutation(info, ExtendPaymentHoldPayload, input, action)

    @strawberry.mutation(description="Payee: decline a requested refund; an operator will decide.")
    async def decline_refund(self, info: Info, input: DeclineRefundInput) -> DeclineRefundPayload:
        ctx = info.context

        def action(session, viewer):
            payment_id = wallet_service.decline_refund(
                session=session, clock=ctx.clock, user_id=viewer.id, payment_id=input.payment_id, reason=input.reason
            )
            return _payment_fields(session, payment_id, viewer.id)

        return await run_mutation(info, DeclineRefundPayload, input, action)

    @strawberry.mutation(description="Operators: settle a disputed payment (RELEASE to the payee or REFUND the payer).")
    async def resolve_dispute(self, info: Info, input: ResolveDisputeInput) -> ResolveDisputePayload:
        ctx = info.context

        def action(session, viewer):
            payment_id = wallet_service.resolve_dispute(
                session=session,
                clock=ctx.clock,
                operator_id=viewer.id,
                payment_id=input.payment_id,
                outcome=DisputeOutcomeEnum(input.outcome),
                note=input.note,
            )
            return _payment_fields(session, payment_id, viewer.id)

        return await run_mutation(info, ResolveDisputePayload, input, action, roles=(Role.OPERATOR,))
