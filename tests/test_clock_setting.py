"""The platform's settable clock (issue 15): ``setClock`` / ``robo clock set`` move the time
that every process reads, in dev and test only, never before the ledger's latest entry."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.clock import ManualClock, StoredClock, SystemClock
from ledger import clock as platform
from tests.conftest import DEFAULT_NOW, PASSWORD, SHANGHAI, GraphQLClient, test_settings
from users.roles import Role

ROOT = Path(__file__).resolve().parent.parent
SET = "mutation($at: DateTime!) { setClock(input: {at: $at}) { now userErrors { code message field } } }"
NEW_YEAR = datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI)


@given(
    offset=st.timedeltas(min_value=timedelta(days=-3000), max_value=timedelta(days=3000)),
    run=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
)
def test_a_stored_offset_moves_the_clock_and_it_runs_on_at_the_real_rate(offset, run):
    real = ManualClock(DEFAULT_NOW)
    base = ManualClock(datetime(2020, 1, 1, tzinfo=UTC))
    stored: list[timedelta | None] = [None]
    clock = StoredClock(base, lambda: stored[0], real=real, refresh_seconds=0)
    assert clock.now() == base.now()  # nothing stored: the configured clock
    stored[0] = offset
    assert clock.now() == real.now() + offset
    real.advance(run)
    assert clock.now() == DEFAULT_NOW + offset + run
    stored[0] = None
    assert clock.now() == base.now()


def test_a_failing_read_keeps_the_last_answer():
    real = ManualClock(DEFAULT_NOW)
    answers = iter([timedelta(days=1)])
    clock = StoredClock(real, lambda: next(answers), real=real, refresh_seconds=0)
    assert clock.now() == DEFAULT_NOW + timedelta(days=1)
    assert clock.now() == DEFAULT_NOW + timedelta(days=1)  # the second read raised StopIteration


def _process_clock(db, real):
    """What a server process builds: the configured clock moved by the stored setting."""
    return platform.platform_clock(base=real, database=db, settings=test_settings(), real=real)


@pytest.fixture
def real():
    return ManualClock(DEFAULT_NOW)


@pytest.fixture
def clock_app(db, real):
    from api.app import create_app

    return create_app(test_settings(), db=db, clock=_process_clock(db, real), run_periodic_jobs=False)


@pytest.fixture
def operator(clock_app, make_user):
    from fastapi.testclient import TestClient

    make_user("ops@example.com", roles={Role.OPERATOR})
    with TestClient(clock_app) as http:
        client = GraphQLClient(http)
        client.sign_in("ops@example.com", PASSWORD)
        yield client


def test_an_operator_moves_the_clock_for_every_process(operator, clock_app, db, real):
    other_process = _process_clock(db, real)  # its own cache, the same database
    other_process.now()  # has read "not set" already
    data = operator.data(SET, {"at": NEW_YEAR.isoformat()})["setClock"]
    assert data["userErrors"] == []
    assert datetime.fromisoformat(data["now"]) == NEW_YEAR
    assert clock_app.state.services.clock.now() == NEW_YEAR  # the process that set it: at once
    other_process.forget()  # (another process reads again within half a second)
    assert other_process.now() == NEW_YEAR
    real.advance(minutes=5)
    assert other_process.now() == NEW_YEAR + timedelta(minutes=5)  # and it runs on
    # what reads the time follows: the access token issued before the jump has expired
    body = operator.execute("{ me { id } }")
    assert body["errors"][0]["extensions"]["code"] == "TOKEN_EXPIRED"
    operator.sign_in("ops@example.com", PASSWORD)
    (current,) = [
        s for s in operator.data("{ me { sessions { current createdAt } } }")["me"]["sessions"] if s["current"]
    ]
    assert datetime.fromisoformat(current["createdAt"]) == NEW_YEAR + timedelta(minutes=5)


def test_customers_cannot_move_the_clock(clock_app, make_user):
    from fastapi.testclient import TestClient

    make_user("amy@example.com")
    with TestClient(clock_app) as http:
        client = GraphQLClient(http)
        client.sign_in("amy@example.com", PASSWORD)
        errors = client.data(SET, {"at": NEW_YEAR.isoformat()})["setClock"]["userErrors"]
    assert [error["code"] for error in errors] == ["FORBIDDEN"]
    assert clock_app.state.services.clock.now() == DEFAULT_NOW


def _production():
    return test_settings(env="production", secret_key="s" * 40, identity_key="i" * 40)


def test_production_refuses_to_move_the_clock_and_never_reads_the_setting(db, make_user, real):
    from fastapi.testclient import TestClient

    from api.app import create_app

    with db.write() as session:  # a setting left in a database copied from a test system
        platform.set_clock(
            session=session, clock=_process_clock(db, real), settings=test_settings(), at=NEW_YEAR, set_by="x"
        )
    production_clock = platform.platform_clock(base=real, database=db, settings=_production())
    assert production_clock.now() == DEFAULT_NOW
    app = create_app(_production(), db=db, clock=production_clock, run_periodic_jobs=False)
    with TestClient(app, base_url="https://testserver") as http:
        for language, text in (("en", "never in production"), ("zh-CN", "生产环境中不可设置")):
            make_user(f"ops-{language}@example.com", roles={Role.OPERATOR}, locale=language)
            client = GraphQLClient(http, language)
            client.sign_in(f"ops-{language}@example.com", PASSWORD)
            errors = client.data(SET, {"at": NEW_YEAR.isoformat()})["setClock"]["userErrors"]
            assert [error["code"] for error in errors] == ["CLOCK_NOT_SETTABLE"]
            assert text in errors[0]["message"]


def test_the_clock_never_goes_back_before_the_ledgers_latest_entry(operator, clock_app, db, make_user, real, settings):
    from tests.wallet.conftest import card_number, id_number
    from wallet import cash, identity

    user = make_user("buyer@example.com", display_name="Buyer")
    assert operator.data(SET, {"at": NEW_YEAR.isoformat()})["setClock"]["userErrors"] == []
    operator.sign_in("ops@example.com", PASSWORD)  # the jump expired the access token
    clock = clock_app.state.services.clock
    with db.write() as session:  # money moves at the new time
        identity.verify_identity(
            session=session, clock=clock, settings=settings, user_id=user.id, real_name="Buyer", id_number=id_number()
        )
        identity.bind_bank_card(
            session=session,
            clock=clock,
            settings=settings,
            user_id=user.id,
            card_number=card_number(),
            holder_name="Buyer",
            bank_name="ICBC",
        )
        cash.deposit(
            session=session, clock=clock, settings=settings, user_id=user.id, amount=Decimal(100), idempotency_key="k"
        )
    earlier = NEW_YEAR - timedelta(days=1)
    errors = operator.data(SET, {"at": earlier.isoformat()})["setClock"]["userErrors"]
    assert [error["code"] for error in errors] == ["CLOCK_BEFORE_LEDGER"]
    assert clock.now() == NEW_YEAR  # unchanged
    later = NEW_YEAR + timedelta(days=3)
    assert operator.data(SET, {"at": later.isoformat()})["setClock"]["userErrors"] == []
    assert clock.now() == later
    with db.write() as session, pytest.raises(Exception, match="before the ledger"):
        platform.reset_clock(session=session, clock=clock, settings=settings)  # the real time is earlier


def test_robo_clock_set_show_and_reset(robo):
    code, output = robo("clock", "show")
    assert code == 0 and "Not set" in output
    code, output = robo("clock", "set", "2027-01-04T09:00:00+08:00")
    assert code == 0, output
    code, output = robo("clock", "show")
    assert code == 0 and "Set to 2027-01-04T09:00:00+08:00" in output and "by cli" in output
    code, output = robo("clock", "set", "2027-01-04 09:00")
    assert code == 1 and "zone" in output
    code, output = robo("clock", "reset")
    assert code == 0, output
    assert "Not set" in robo("clock", "show").output


def test_robo_clock_set_is_refused_in_production(robo, monkeypatch):
    monkeypatch.setenv("ROBO_ENV", "production")
    monkeypatch.setenv("ROBO_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("ROBO_IDENTITY_KEY", "i" * 40)
    code, output = robo("clock", "set", "2027-01-04T09:00:00+08:00")
    assert code == 1 and "never in production" in output
    code, output = robo("clock", "reset")
    assert code == 1 and "never in production" in output


def test_a_clock_set_by_another_process_is_seen_by_the_app(sqlite_db):
    """``robo clock set`` in its own process; this process's clock follows (system time)."""
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    env = {key: value for key, value in os.environ.items() if not key.startswith("ROBO_")}
    env.update(ROBO_DATABASE_URL=url, ROBO_ENV="test")
    robo = [sys.executable, "-c", "from api.cli import app; app()"]
    done = subprocess.run(
        [*robo, "clock", "set", NEW_YEAR.isoformat()], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    clock = platform.platform_clock(base=SystemClock(), database=sqlite_db, settings=test_settings())
    assert NEW_YEAR <= clock.now() < NEW_YEAR + timedelta(minutes=10)
    assert clock.today() == NEW_YEAR.date()


TODAY = "{ platformDate }"


def test_platform_date_is_the_day_on_the_platforms_clock_in_its_zone(operator, clock_app, real):
    """Apps default their dates (statements' month) to it, not to the device's clock."""
    from fastapi.testclient import TestClient

    def platform_date() -> str:
        with TestClient(clock_app) as http:  # anyone may ask, signed in or not
            return GraphQLClient(http).data(TODAY)["platformDate"]

    assert platform_date() == DEFAULT_NOW.astimezone(SHANGHAI).date().isoformat()
    late = datetime(2027, 1, 3, 16, 30, tzinfo=UTC)  # still 3 January in UTC, 00:30 on the 4th in Shanghai
    assert operator.data(SET, {"at": late.isoformat()})["setClock"]["userErrors"] == []
    assert platform_date() == "2027-01-04"
    real.advance(days=30)  # the clock runs on from the setting
    assert platform_date() == "2027-02-03"
