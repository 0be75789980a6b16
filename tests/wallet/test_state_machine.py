"""Hypothesis state machine: random sequences of deposits, withdrawals, direct and
guarantee payments, confirms, refunds, refund requests, declines, operator decisions, time
passing with the periodic release, and replays, checked after every step against a simple
in-memory model of each user's available and held money. On SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings as hyp_settings, strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from core.clock import ManualClock
from core.errors import DomainError
from db.session import Database
from users.roles import Role
from tests.conftest import DEFAULT_NOW, _truncate_all, test_settings
from tests.wallet.conftest import card_number, id_number
from users import service as users_service
from wallet import cash, identity, payments
from wallet.kinds import DisputeOutcome
from wallet.queries import wallet_summary
from wallet.verify import verify

USERS = 3
amounts = st.integers(min_value=1, max_value=60_000)  # fen
user_index = st.integers(min_value=0, max_value=USERS - 1)


@dataclass
class ModelPayment:
    payer: int
    payee: int
    amount: int
    status: str
    days: int
    since: timedelta  # the model's time when it was created


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
                        session=session, email=f"sm{n}@example.com", password="correct-horse-battery",
                        clock=self.clock, settings=self.settings,
                    )
                    identity.verify_identity(session=session, clock=self.clock, settings=self.settings, user_id=user.id, real_name=f"SM {n}", id_number=id_number())
                    identity.bind_bank_card(session=session, clock=self.clock, settings=self.settings, user_id=user.id,
                                            card_number=card_number(), holder_name=f"SM {n}", bank_name="ICBC")
                    self.users.append(user.id)
                self.operator = users_service.create_user(  # never a party: parties may not decide
                    session=session, email="sm-ops@example.com", password="correct-horse-battery",
                    clock=self.clock, settings=self.settings, roles={Role.OPERATOR},
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
            return sum(p.amount for p in self.payments.values()
                       if p.payer == user and p.status in ("HELD", "REFUND_REQUESTED", "DISPUTED"))

        # --- rules ----------------------------------------------------------------------
        @rule(who=user_index, amount=amounts)
        def deposit(self, who, amount):
            key = self._key()
            arguments = dict(user_id=self.users[who], amount=Decimal(amount).scaleb(-2), idempotency_key=key)
            result = self._write(lambda s: cash.deposit(session=s, clock=self.clock, settings=self.settings, **arguments))
            assert not isinstance(result, DomainError), result
            self.available[who] += amount
            self.requests[key] = ("deposit", arguments, result.transaction_id)

        @rule(who=user_index, amount=amounts)
        def withdraw(self, who, amount):
            arguments = dict(user_id=self.users[who], amount=Decimal(amount).scaleb(-2), idempotency_key=self._key())
            result = self._write(lambda s: cash.withdraw(session=s, clock=self.clock, settings=self.settings, **arguments))
            if amount > self.available[who]:
                assert isinstance(result, DomainError) and result.code == "INSUFFICIENT_FUNDS"
            else:
                assert not isinstance(result, DomainError), result
                self.available[who] -= amount

        @rule(target=held, payer=user_index, payee=user_index, amount=amounts, guarantee=st.booleans(),
              days=st.integers(min_value=1, max_value=5))
        def pay(self, payer, payee, amount, guarantee, days):
            key = self._key()
            arguments = dict(payer_id=self.users[payer], payee=str(self.users[payee]), amount=Decimal(amount).scaleb(-2),
                             idempotency_key=key, guarantee=guarantee, auto_confirm_days=days if guarantee else None)
            result = self._write(lambda s: payments.pay(session=s, clock=self.clock, settings=self.settings, **arguments))
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
            self.payments[result.payment_id] = ModelPayment(payer, payee, amount, "HELD", days, self.elapsed)
            return result.payment_id

        def _act(self, payment_id, fn, allowed: tuple[str, ...], outcome: str | None, status: str):
            model = self.payments.get(payment_id)
            if model is None:
                return
            result = self._write(fn)
            if model.status == status:  # repeating what already happened: unchanged
                assert not isinstance(result, DomainError), result
            elif model.status in allowed:
                assert not isinstance(result, DomainError), result
                if outcome == "payee":
                    self.available[model.payee] += model.amount
                elif outcome == "payer":
                    self.available[model.payer] += model.amount
                model.status = status
            else:
                assert isinstance(result, DomainError), (model.status, status)

        @rule(payment_id=held)
        def confirm(self, payment_id):
            model = self.payments.get(payment_id)
            if model:
                self._act(payment_id, lambda s: payments.confirm(session=s, clock=self.clock, user_id=self.users[model.payer], payment_id=payment_id),
                          ("HELD", "REFUND_REQUESTED", "DISPUTED"), "payee", "RELEASED")

        @rule(payment_id=held)
        def refund(self, payment_id):
            model = self.payments.get(payment_id)
            if model:
                self._act(payment_id, lambda s: payments.refund(session=s, clock=self.clock, user_id=self.users[model.payee], payment_id=payment_id),
                          ("HELD", "REFUND_REQUESTED", "DISPUTED"), "payer", "REFUNDED")

        @rule(payment_id=held)
        def request_refund(self, payment_id):
            model = self.payments.get(payment_id)
            if model:
                self._act(payment_id, lambda s: payments.request_refund(session=s, clock=self.clock, user_id=self.users[model.payer],
                                                                        payment_id=payment_id, reason="not as described"),
                          ("HELD",), None, "REFUND_REQUESTED")

        @rule(payment_id=held)
        def decline_refund(self, payment_id):
            model = self.payments.get(payment_id)
            if model:
                self._act(payment_id, lambda s: payments.decline_refund(session=s, clock=self.clock, user_id=self.users[model.payee], payment_id=payment_id),
                          ("REFUND_REQUESTED",), None, "DISPUTED")

        @rule(payment_id=held, release=st.booleans())
        def resolve(self, payment_id, release):
            outcome = DisputeOutcome.RELEASE if release else DisputeOutcome.REFUND
            self._act(payment_id, lambda s: payments.resolve_dispute(session=s, clock=self.clock, operator_id=self.operator,
                                                                     payment_id=payment_id, outcome=outcome),
                      ("DISPUTED",), "payee" if release else "payer", "RELEASED" if release else "REFUNDED")

        @rule(hours=st.integers(min_value=1, max_value=72))
        def time_passes(self, hours):
            self.clock.advance(hours=hours)
            self.elapsed += timedelta(hours=hours)
            released = self._write(lambda s: payments.release_due(session=s, clock=self.clock))
            expected = 0
            for model in self.payments.values():
                if model.status == "HELD" and self.elapsed - model.since >= timedelta(days=model.days):
                    model.status = "RELEASED"
                    self.available[model.payee] += model.amount
                    expected += 1
            assert released == expected

        @rule(data=st.data())
        def replay(self, data):
            if not self.requests:
                return
            key = data.draw(st.sampled_from(sorted(self.requests)))
            operation, arguments, result_id = self.requests[key]
            if operation == "deposit":
                result = self._write(lambda s: cash.deposit(session=s, clock=self.clock, settings=self.settings, **arguments))
                assert result.replayed and result.transaction_id == result_id
            else:
                result = self._write(lambda s: payments.pay(session=s, clock=self.clock, settings=self.settings, **arguments))
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


def test_wallet_state_machine_on_sqlite(sqlite_template, tmp_path):
    def open_database():
        path = tmp_path / f"{uuid.uuid4().hex}.db"
        shutil.copyfile(sqlite_template, path)
        return Database(f"sqlite:///{path}")

    run_state_machine_as_test(make_machine(open_database), settings=hyp_settings(max_examples=40, **MACHINE_SETTINGS))


@pytest.mark.postgresql
def test_wallet_state_machine_on_postgresql(postgres_database):
    def open_database():
        database = Database(postgres_database)
        _truncate_all(database)
        return database

    run_state_machine_as_test(make_machine(open_database), settings=hyp_settings(max_examples=15, **MACHINE_SETTINGS))
