"""Hypothesis state machine: random sequences of deposits, withdrawals, direct and
guarantee payments, confirms, refunds, refund requests (withdrawn, or refunded when the payee
lets them lapse), extended holds, declines, operator decisions, time passing with the
periodic release, and replays, checked after every step against a simple
in-memory model of each user's available and held money. On SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from core.clock import ManualClock
from core.errors import DomainError
from db.session import Database
from ledger.verify import verify
from tests.conftest import DEFAULT_NOW, _truncate_all, test_settings
from tests.wallet.conftest import card_number, id_number
from users import service as users_service
from users.roles import Role
from wallet import cash, identity, payments
from wallet.kinds import DisputeOutcome
from wallet.queries import wallet_summary

USERS = 3
amounts = st.integers(min_value=1, max_value=60_000)  # fen
user_index = st.integers(min_value=0, max_value=USERS - 1)


@dataclass
class ModelPayment:
    payer: int
    payee: int
    amount: int
    status: str  # as stored: a passed deadline changes it only when something acts on it
    deadline: timedelta  # the model's time at which a HELD payment releases itself
    left: timedelta | None = None  # the hold time kept while a refund request pauses it
    respond_by: timedelta | None = None  # when an unanswered refund request refunds itself
    extended: bool = False
    withdrew_last: bool = False  # the last thing that happened was a withdrawn request


RESPONSE, EXTENSION = timedelta(days=5), timedelta(days=5)  # the settings' defaults


def make_machine(open_database):
    class Wallets(RuleBasedStateMachine):
        held = Bundle("held")

        def __init__(self) -> None:
            super().__init__()
            self.db: Database = open_database()
            self.settings = test_settings()
            self.clock = ManualClock(DEFAULT_NOW)
            self.elapsed = timedelta(0)
            self.users = []
            with self.db.write() as session:
                for n in range(USERS):
                    user = users_service.create_user(
                        session=session,
                        email=f"sm{n}@example.com",
                        password="correct-horse-battery",
                        clock=self.clock,
                        settings=self.settings,
                    )
                    identity.verify_identity(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=user.id,
                        real_name=f"SM {n}",
                        id_number=id_number(),
                    )
                    identity.bind_bank_card(
                        session=session,
                        clock=self.clock,
                        settings=self.settings,
                        user_id=user.id,
                        card_number=card_number(),
                        holder_name=f"SM {n}",
                        bank_name="ICBC",
                    )
                    self.users.append(user.id)
                self.operator = users_service.create_user(  # never a party: parties may not decide
                    session=session,
                    email="sm-ops@example.com",
                    password="correct-horse-battery",
                    clock=self.clock,
                    settings=self.settings,
                    roles={Role.OPERATOR},
                ).id
            self.available = [0] * USERS
            self.payments: dict[int, ModelPayment] = {}
            self.requests: dict[str, tuple[str, dict, int]] = {}
            self.keys = 0

        def teardown(self) -> None:
            self.db.dispose()

        # --- helpers --------------------------------------------------------------------
        def _key(self) -> str:
            self.keys += 1
            return f"k{self.keys}"

        def _write(self, fn):
            try:
                with self.db.write() as session:
                    return fn(session)
            except DomainError as refusal:
                return refusal

        def _held(self, user: int) -> int:
            return sum(
                p.amount
                for p in self.payments.values()
                if p.payer == user and p.status in ("HELD", "REFUND_REQUESTED", "DISPUTED")
            )

        # --- rules ----------------------------------------------------------------------
        @rule(who=user_index, amount=amounts)
        def deposit(self, who, amount):
            key = self._key()
            arguments = dict(user_id=self.users[who], amount=Decimal(amount).scaleb(-2), idempotency_key=key)
            result = self._write(
                lambda s: cash.deposit(session=s, clock=self.clock, settings=self.settings, **arguments)
            )
            assert not isinstance(result, DomainError), result
            self.available[who] += amount
            self.requests[key] = ("deposit", arguments, result.transaction_id)

        @rule(who=user_index, amount=amounts)
        def withdraw(self, who, amount):
            arguments = dict(user_id=self.users[who], amount=Decimal(amount).scaleb(-2), idempotency_key=self._key())
            result = self._write(
                lambda s: cash.withdraw(session=s, clock=self.clock, settings=self.settings, **arguments)
            )
            if amount > self.available[who]:
                assert isinstance(result, DomainError) and result.code == "INSUFFICIENT_FUNDS"
            else:
                assert not isinstance(result, DomainError), result
                self.available[who] -= amount

        @rule(
            target=held,
            payer=user_index,
            payee=user_index,
            amount=amounts,
            guarantee=st.booleans(),
            days=st.integers(min_value=1, max_value=5),
        )
        def pay(self, payer, payee, amount, guarantee, days):
            key = self._key()
            arguments = dict(
                payer_id=self.users[payer],
                payee=str(self.users[payee]),
                amount=Decimal(amount).scaleb(-2),
                idempotency_key=key,
                guarantee=guarantee,
                auto_confirm_days=days if guarantee else None,
            )
            result = self._write(
                lambda s: payments.pay(session=s, clock=self.clock, settings=self.settings, **arguments)
            )
            if payer == payee:
                assert isinstance(result, DomainError) and result.code == "CANNOT_PAY_SELF"
                return None
            if amount > self.available[payer]:
                assert isinstance(result, DomainError) and result.code == "INSUFFICIENT_FUNDS"
                return None
            assert not isinstance(result, DomainError), result
            self.available[payer] -= amount
            self.requests[key] = ("pay", arguments, result.payment_id)
            if not guarantee:
                self.available[payee] += amount
                return None
            self.payments[result.payment_id] = ModelPayment(
                payer, payee, amount, "HELD", self.elapsed + timedelta(days=days)
            )
            return result.payment_id

        def _act(self, payment_id, fn, allowed: tuple[str, ...], outcome: str | None, status: str):
            """Apply the action and its model outcome; ``allowed`` lists the stored statuses it
            acts on, a repeat of what already happened changes nothing."""
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(fn)
            if model.status == status:  # repeating what already happened: unchanged
                assert not isinstance(result, DomainError), result
            elif model.status in allowed:
                assert not isinstance(result, DomainError), result
                self._settle(model, outcome, status)
            else:
                assert isinstance(result, DomainError), (model.status, status)

        def _settle(self, model: ModelPayment, outcome: str | None, status: str) -> None:
            if outcome == "payee":
                self.available[model.payee] += model.amount
            elif outcome == "payer":
                self.available[model.payer] += model.amount
            model.status = status

        def _hold_ended(self, model) -> bool:
            return model.status == "HELD" and model.deadline <= self.elapsed

        def _lapsed(self, model) -> bool:
            return model.status == "REFUND_REQUESTED" and model.respond_by <= self.elapsed

        def _expect(self, result, refused: bool, code: str | None = None) -> None:
            if refused:
                assert isinstance(result, DomainError), result
                assert code is None or result.code == code, (result.code, code)
            else:
                assert not isinstance(result, DomainError), result

        @rule(payment_id=held)
        def confirm(self, payment_id):
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(
                lambda s: payments.confirm(
                    session=s, clock=self.clock, user_id=self.users[model.payer], payment_id=payment_id
                )
            )
            if self._lapsed(model):  # the unanswered request refunds it: too late to confirm
                self._expect(result, refused=True, code="PAYMENT_NOT_HELD")
            elif model.status in ("HELD", "REFUND_REQUESTED", "DISPUTED"):
                self._expect(result, refused=False)
                self._settle(model, "payee", "RELEASED")
            else:
                self._expect(result, refused=model.status != "RELEASED")
            model.withdrew_last = False

        @rule(payment_id=held)
        def refund(self, payment_id):
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(
                lambda s: payments.refund(
                    session=s, clock=self.clock, user_id=self.users[model.payee], payment_id=payment_id
                )
            )
            if self._hold_ended(model):  # the payee has the money already (or will at the release)
                self._expect(result, refused=True, code="PAYMENT_NOT_HELD")
            elif model.status in ("HELD", "REFUND_REQUESTED", "DISPUTED"):
                self._expect(result, refused=False)
                self._settle(model, "payer", "REFUNDED")
            else:
                self._expect(result, refused=model.status != "REFUNDED")

        @rule(payment_id=held)
        def request_refund(self, payment_id):
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(
                lambda s: payments.request_refund(
                    session=s,
                    clock=self.clock,
                    settings=self.settings,
                    user_id=self.users[model.payer],
                    payment_id=payment_id,
                    reason="not as described",
                )
            )
            if model.status == "REFUND_REQUESTED":
                self._expect(result, refused=False)
            elif model.status == "HELD" and not self._hold_ended(model):
                self._expect(result, refused=False)
                model.status, model.left = "REFUND_REQUESTED", model.deadline - self.elapsed
                model.respond_by, model.withdrew_last = self.elapsed + RESPONSE, False
            else:
                self._expect(result, refused=True, code="PAYMENT_NOT_HELD")

        @rule(payment_id=held)
        def withdraw_refund_request(self, payment_id):
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(
                lambda s: payments.withdraw_refund_request(
                    session=s, clock=self.clock, user_id=self.users[model.payer], payment_id=payment_id
                )
            )
            if model.status == "HELD":
                self._expect(
                    result,
                    refused=not model.withdrew_last,
                    code=None if model.withdrew_last else "REFUND_NOT_REQUESTED",
                )
            elif model.status == "REFUND_REQUESTED" and not self._lapsed(model):
                self._expect(result, refused=False)  # the hold resumes with the time it had left
                model.status, model.deadline, model.withdrew_last = "HELD", self.elapsed + model.left, True
            else:
                self._expect(result, refused=True, code="PAYMENT_NOT_HELD")

        @rule(payment_id=held)
        def extend_hold(self, payment_id):
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(
                lambda s: payments.extend_hold(
                    session=s,
                    clock=self.clock,
                    settings=self.settings,
                    user_id=self.users[model.payer],
                    payment_id=payment_id,
                )
            )
            if model.status != "HELD" or self._hold_ended(model):
                self._expect(result, refused=True, code="PAYMENT_NOT_HELD")
            elif model.extended:
                self._expect(result, refused=True, code="HOLD_ALREADY_EXTENDED")
            else:
                self._expect(result, refused=False)
                model.deadline, model.extended, model.withdrew_last = model.deadline + EXTENSION, True, False

        @rule(payment_id=held)
        def decline_refund(self, payment_id):
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(
                lambda s: payments.decline_refund(
                    session=s, clock=self.clock, user_id=self.users[model.payee], payment_id=payment_id
                )
            )
            if model.status == "DISPUTED":
                self._expect(result, refused=False)
            elif self._lapsed(model):  # too late: the unanswered request refunds it
                self._expect(result, refused=True, code="PAYMENT_NOT_HELD")
            elif model.status == "REFUND_REQUESTED":
                self._expect(result, refused=False)
                model.status = "DISPUTED"
            else:
                self._expect(result, refused=True)

        @rule(payment_id=held, release=st.booleans())
        def resolve(self, payment_id, release):
            outcome = DisputeOutcome.RELEASE if release else DisputeOutcome.REFUND
            self._act(
                payment_id,
                lambda s: payments.resolve_dispute(
                    session=s, clock=self.clock, operator_id=self.operator, payment_id=payment_id, outcome=outcome
                ),
                ("DISPUTED",),
                "payee" if release else "payer",
                "RELEASED" if release else "REFUNDED",
            )

        @rule(hours=st.integers(min_value=1, max_value=72))
        def time_passes(self, hours):
            self.clock.advance(hours=hours)
            self.elapsed += timedelta(hours=hours)
            released = self._write(lambda s: payments.release_due(session=s, clock=self.clock))
            expected = 0
            for model in self.payments.values():
                if self._hold_ended(model):
                    self._settle(model, "payee", "RELEASED")
                    expected += 1
                elif self._lapsed(model):
                    self._settle(model, "payer", "REFUNDED")
                    expected += 1
            assert released == expected

        @rule(data=st.data())
        def replay(self, data):
            if not self.requests:
                return
            key = data.draw(st.sampled_from(sorted(self.requests)))
            operation, arguments, result_id = self.requests[key]
            if operation == "deposit":
                result = self._write(
                    lambda s: cash.deposit(session=s, clock=self.clock, settings=self.settings, **arguments)
                )
                assert result.replayed and result.transaction_id == result_id
            else:
                result = self._write(
                    lambda s: payments.pay(session=s, clock=self.clock, settings=self.settings, **arguments)
                )
                assert result.replayed and result.payment_id == result_id

        @invariant()
        def balances_match_the_model(self):
            with self.db.read() as session:
                for index, user_id in enumerate(self.users):
                    summary = wallet_summary(session, user_id)
                    assert (summary.available, summary.held) == (self.available[index], self._held(index))

        @invariant()
        def ledger_verifies(self):
            with self.db.read() as session:
                assert verify(session) == []

    return Wallets


MACHINE_SETTINGS = dict(deadline=None, stateful_step_count=25, suppress_health_check=list(HealthCheck))


@pytest.mark.slow
def test_wallet_state_machine_on_sqlite(sqlite_template, tmp_path):
    def open_database():
        path = tmp_path / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(sqlite_template, path)
        return Database(f"sqlite:///{path}")

    run_state_machine_as_test(make_machine(open_database), settings=hyp_settings(max_examples=40, **MACHINE_SETTINGS))


@pytest.mark.postgresql
@pytest.mark.slow
def test_wallet_state_machine_on_postgresql(postgres_database):
    def open_database():
        database = Database(postgres_database)
        _truncate_all(database)
        return database

    run_state_machine_as_test(make_machine(open_database), settings=hyp_settings(max_examples=15, **MACHINE_SETTINGS))
