"""Paying from the money-fund balance: a fast redemption of the amount plus a wallet payment,
in one transaction (``wallet.payments.pay`` with this domain's ``Funding``). Not a cash-out:
the T+0 cap does not apply; the payment's own limits do (per transaction and per day). The
idempotency key covers the source, so a retry from the wallet under the same key is refused."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from core.clock import Clock
from core.settings import Settings
from investing import fast_redemption
from ledger.accounts import UserAccountKey
from wallet import payments
from wallet.kinds import PaymentSource


class MoneyFundFunding:
    """The payer's money funds, largest holding first (``fast_redemption``)."""

    source = PaymentSource.MONEY_FUND

    def accounts(self, session: Session, *, user_id: int) -> list[UserAccountKey]:
        return fast_redemption.payment_accounts(session, user_id=user_id)

    def fund(
        self, session: Session, *, clock: Clock, settings: Settings, user_id: int, amount: int, now: datetime
    ) -> None:
        fast_redemption.redeem_for_payment(
            session, clock=clock, settings=settings, user_id=user_id, amount=amount, now=now
        )


MONEY_FUND = MoneyFundFunding()


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
    source: PaymentSource | str = PaymentSource.WALLET,
) -> payments.PaymentResult:
    """A payment from the wallet's cash (``source=WALLET``) or from the money-fund balance."""
    funding = MONEY_FUND if PaymentSource(source) is PaymentSource.MONEY_FUND else None
    return payments.pay(
        session=session,
        clock=clock,
        settings=settings,
        payer_id=payer_id,
        payee=payee,
        amount=amount,
        idempotency_key=idempotency_key,
        memo=memo,
        guarantee=guarantee,
        auto_confirm_days=auto_confirm_days,
        payment_password_text=payment_password_text,
        funding=funding,
    )
