"""Credit features are computed as of the scoring date (dates of record): scoring a date late,
after more activity happened, reads exactly what the platform knew at the end of that date;
and a dispute counts as a dispute whatever the operator decided later."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.errors import DomainError
from credit import Scorecard
from credit import features as credit_features
from credit import service as credit
from tests.conftest import SHANGHAI
from tests.wallet.conftest import card_number, id_number, ready_user  # noqa: F401 - fixtures
from wallet import identity, payments
from wallet.kinds import DisputeOutcome

D = Decimal
DAY = date(2026, 12, 3)  # the scoring date: its window is December 2025 .. November 2026
_keys = itertools.count(1)


def at(clock, day: date, hour: int = 10, minute: int = 0) -> None:
    clock.set(datetime.combine(day, time(hour, minute), SHANGHAI))


def features(db, settings, user_id: int, as_of: date = DAY) -> pd.DataFrame:
    with db.read() as session:
        return credit_features.compute(session, as_of=as_of, zone=settings.timezone, user_ids=[user_id])


class Shop:
    """A merchant, its buyers and an operator, acting through the real payment service."""

    def __init__(self, db, clock, settings, make_user, ready_user) -> None:
        self.db, self.clock, self.settings = db, clock, settings
        self.merchant = make_user(display_name="Shop")
        self.buyers = [ready_user(deposit="100000") for _ in range(3)]
        self.operator = make_user(display_name="Settler")

    def verify(self) -> None:
        with self.db.write() as session:
            identity.verify_identity(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=self.merchant.id,
                real_name="Shop",
                id_number=id_number(),
            )

    def bind_card(self) -> None:
        with self.db.write() as session:
            identity.bind_bank_card(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=self.merchant.id,
                card_number=card_number(),
                holder_name="Shop",
                bank_name="ICBC",
            )

    def sell(self, buyer: int, amount: str) -> int:
        with self.db.write() as session:
            return payments.pay(
                session=session,
                clock=self.clock,
                settings=self.settings,
                payer_id=self.buyers[buyer].id,
                payee=self.merchant.email,
                amount=D(amount),
                idempotency_key=f"as-of-{next(_keys)}",
                guarantee=True,
                auto_confirm_days=30,
            ).payment_id

    def buy(self) -> None:
        with self.db.write() as session:
            payments.pay(
                session=session,
                clock=self.clock,
                settings=self.settings,
                payer_id=self.merchant.id,
                payee=self.buyers[0].email,
                amount=D("1.00"),
                idempotency_key=f"as-of-{next(_keys)}",
            )

    def confirm(self, buyer: int, payment_id: int) -> None:
        with self.db.write() as session:
            payments.confirm(session=session, clock=self.clock, user_id=self.buyers[buyer].id, payment_id=payment_id)

    def refund(self, payment_id: int) -> None:
        with self.db.write() as session:
            payments.refund(session=session, clock=self.clock, user_id=self.merchant.id, payment_id=payment_id)

    def dispute(self, buyer: int, payment_id: int) -> None:
        with self.db.write() as session:
            payments.request_refund(
                session=session,
                clock=self.clock,
                settings=self.settings,
                user_id=self.buyers[buyer].id,
                payment_id=payment_id,
                reason="not as described",
            )
            payments.decline_refund(session=session, clock=self.clock, user_id=self.merchant.id, payment_id=payment_id)

    def resolve(self, payment_id: int, outcome: DisputeOutcome) -> None:
        with self.db.write() as session:
            payments.resolve_dispute(
                session=session, clock=self.clock, operator_id=self.operator.id, payment_id=payment_id, outcome=outcome
            )


def test_a_dispute_counts_whether_the_operator_released_or_refunded_it(db, clock, settings, make_user, ready_user):
    at(clock, date(2026, 10, 1))
    shop = Shop(db, clock, settings, make_user, ready_user)
    shop.verify()
    sold = []
    for k in range(8):  # eight orders in October, two disputed
        at(clock, date(2026, 10, 2 + k))
        sold.append(shop.sell(k % 3, "100.00"))
    at(clock, date(2026, 10, 12))
    for k in range(6):
        shop.confirm(k % 3, sold[k])
    shop.dispute(6 % 3, sold[6])
    shop.dispute(7 % 3, sold[7])
    at(clock, date(2026, 11, 25))  # disputed in October: both still in dispute
    assert features(db, settings, shop.merchant.id)["dispute_rate"].iloc[0] == pytest.approx(2 / 8)

    shop.resolve(sold[6], DisputeOutcome.RELEASE)
    shop.resolve(sold[7], DisputeOutcome.REFUND)
    at(clock, DAY + timedelta(days=1), 1)
    row = features(db, settings, shop.merchant.id).iloc[0]
    assert row["dispute_rate"] == pytest.approx(2 / 8)  # settled, but disputed all the same
    assert row["refund_rate"] == pytest.approx(1 / 8)  # the one refunded by the operator
    assert row["avg_monthly_sales"] == round(700 / 12, 2)  # six confirmed, one released by the operator


@dataclass(frozen=True)
class Sale:
    day: int  # days before DAY the buyer paid (3..40: October and November, some in December)
    buyer: int
    amount: int  # yuan
    outcome: str  # what happens to it, ``delay`` days later: CONFIRM, REFUND, RELEASE, REFUND_DISPUTE, NOTHING
    delay: int  # 0..25 days: often after DAY


sales = st.builds(
    Sale,
    day=st.integers(3, 40),
    buyer=st.integers(0, 2),
    amount=st.integers(1, 500),
    outcome=st.sampled_from(["CONFIRM", "REFUND", "RELEASE", "REFUND_DISPUTE", "NOTHING"]),
    delay=st.integers(0, 25),
)


@pytest.fixture
def card(db, clock):
    with db.write() as session:
        model = credit.fit_from_simulation(session=session, clock=clock, count=3000, seed=7)
        return Scorecard.from_dict(model.card)


@hypothesis_settings(max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    history=st.lists(sales, min_size=1, max_size=8),
    verified_on=st.integers(-10, 60),  # days before DAY (negative: after it)
    card_on=st.integers(-10, 60),
    buys_on=st.lists(st.integers(-10, 40), max_size=4),
)
def test_activity_after_the_scoring_date_never_changes_its_features_or_score(
    db, clock, settings, make_user, ready_user, card, history, verified_on, card_on, buys_on
):
    """The features and score of DAY computed on time (the next night) equal those computed
    after more activity: payments released, refunded, disputed and settled later, an identity
    verified and a card bound later, purchases later, and the escrow's own releases."""
    at(clock, DAY - timedelta(days=90))
    shop = Shop(db, clock, settings, make_user, ready_user)
    events: list[tuple[datetime, int, Callable[[], None]]] = []  # (when, order, action)

    def event(day_before: int, hour: int, action: Callable[[], None]) -> None:
        when = datetime.combine(DAY - timedelta(days=day_before), time(hour, len(events) % 60), SHANGHAI)
        events.append((when, len(events), action))

    event(verified_on, 9, shop.verify)
    event(card_on, 9, shop.bind_card)
    for day_before in buys_on:
        event(day_before, 12, shop.buy)
    ids: dict[int, int] = {}

    def sell(n: int, sale: Sale) -> None:
        ids[n] = shop.sell(sale.buyer, f"{sale.amount}.00")

    def then(n: int, act) -> Callable[[], None]:
        return lambda: act(ids[n]) if n in ids else None

    for n, sale in enumerate(history):
        event(sale.day, 10, lambda n=n, sale=sale: sell(n, sale))
        later = sale.day - sale.delay
        if sale.outcome == "CONFIRM":
            event(later, 14, then(n, lambda pid, b=sale.buyer: shop.confirm(b, pid)))
        elif sale.outcome == "REFUND":
            event(later, 14, then(n, shop.refund))
        elif sale.outcome in ("RELEASE", "REFUND_DISPUTE"):
            event(later, 14, then(n, lambda pid, b=sale.buyer: shop.dispute(b, pid)))
            outcome = DisputeOutcome.RELEASE if sale.outcome == "RELEASE" else DisputeOutcome.REFUND
            event(later - 2, 16, then(n, lambda pid, o=outcome: shop.resolve(pid, o)))
    events.sort(key=lambda e: (e[0], e[1]))

    on_time = datetime.combine(DAY + timedelta(days=1), time(0, 30), SHANGHAI)
    scored: pd.DataFrame | None = None
    for when, _, action in [*events, (on_time, len(events), None)]:
        if scored is None and when >= on_time:
            clock.set(on_time)
            scored = features(db, settings, shop.merchant.id)
        if action is not None:
            clock.set(when)
            with contextlib.suppress(DomainError):  # refused (e.g. the identity not verified yet): not done
                action()
    assert scored is not None
    clock.set(datetime.combine(DAY + timedelta(days=60), time(10), SHANGHAI))
    with db.write() as session:  # the escrow's deadline releases what nobody confirmed, late
        payments.release_due(session=session, clock=clock, limit=10_000)
    late = features(db, settings, shop.merchant.id)

    pd.testing.assert_frame_equal(late, scored)
    assert list(card.score(late)) == list(card.score(scored))
