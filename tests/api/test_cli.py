"""The ``robo`` command line against the test database: operators' user commands, demo
data (never in production), migrations and the schema export."""

import pytest
from sqlalchemy import func, select

from lending.models import LoanRepayment
from tests.conftest import PASSWORD
from users import service
from users.errors import UserErrorCode
from users.models import User
from users.roles import Role


def user(db, email: str) -> User | None:
    with db.read() as session:
        return session.scalar(select(User).where(User.email == email))


def test_users_create_makes_an_account_with_the_role(robo, db):
    result = robo("users", "create", "--email", "pm@example.com", "--password", PASSWORD, "--role", "product-manager")
    assert result.exit_code == 0, result.output
    assert "pm@example.com" in result.output
    assert user(db, "pm@example.com").roles == {Role.PRODUCT_MANAGER}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "x@example.com", "--password", PASSWORD, "--role", "admin"], "Unknown role 'admin'"),
        (["--email", "x@example.com", "--password", "short"], "at least 10 characters"),
        (["--email", "not-an-email", "--password", PASSWORD], "valid email"),
    ],
)
def test_users_create_refuses_bad_input_with_a_message_and_exit_code(robo, db, args, message):
    result = robo("users", "create", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 0


def test_users_create_refuses_a_taken_email(robo, make_user):
    make_user("amy@example.com")
    result = robo("users", "create", "--email", "amy@example.com", "--password", PASSWORD)
    assert result.exit_code == 1 and "already exists" in result.output


def test_set_role_replaces_the_roles(robo, db, make_user):
    make_user("amy@example.com")
    result = robo("users", "set-role", "--email", "amy@example.com", "--role", "operator", "--role", "customer")
    assert result.exit_code == 0, result.output
    assert user(db, "amy@example.com").roles == {Role.OPERATOR, Role.CUSTOMER}
    missing = robo("users", "set-role", "--email", "nobody@example.com", "--role", "operator")
    assert missing.exit_code == 1 and "No user with email nobody@example.com" in missing.output


def test_a_frozen_user_signs_in_and_reads_but_cannot_move_money(robo, db, gql, make_user):
    amy = make_user("amy@example.com")
    assert robo("users", "freeze", "--email", "amy@example.com").exit_code == 0

    gql.sign_in("amy@example.com", PASSWORD)
    assert gql.data("{ me { email frozen } }") == {"me": {"email": "amy@example.com", "frozen": True}}
    with db.write() as session, pytest.raises(Exception) as refused:
        service.ensure_can_move_money(session=session, user_id=amy.id)
    assert refused.value.code == UserErrorCode.USER_FROZEN

    assert robo("users", "unfreeze", "--email", "amy@example.com").exit_code == 0
    assert gql.data("{ me { frozen } }") == {"me": {"frozen": False}}
    with db.write() as session:
        assert service.ensure_can_move_money(session=session, user_id=amy.id).id == amy.id


def test_seed_demo_loads_an_empty_database_once(robo, db, gql):
    from demo import lending as lending_demo
    from demo import securitisation as securitisation_demo
    from demo.users import DEMO_LOGINS, DEMO_PASSWORD

    result = robo("seed-demo")
    assert result.exit_code == 0, result.output
    assert "Demo data loaded." in result.output and result.output.count("alice@example.com") == 1
    with db.read() as session:
        assert (
            session.scalar(select(func.count()).select_from(User))
            == len(DEMO_LOGINS) + lending_demo.USERS + securitisation_demo.USERS
        )
    assert gql.as_user("ops@example.com", DEMO_PASSWORD).data("{ me { roles } }") == {"me": {"roles": ["OPERATOR"]}}
    # the demo merchant is among the log-ins printed, and an instalment of theirs was repaid
    # from the guarantee payments released to them (repay from sales)
    assert result.output.count(lending_demo.DEMO_MERCHANT) == 1
    with db.read() as session:
        merchant_id = session.scalar(select(User.id).where(User.email == lending_demo.DEMO_MERCHANT))
        sources = set(session.scalars(select(LoanRepayment.source).where(LoanRepayment.user_id == merchant_id)))
    assert "SALES" in sources, sources
    merchant = gql.as_user(lending_demo.DEMO_MERCHANT, DEMO_PASSWORD)
    assert merchant.data("{ me { credit { grade reasons { code } } } }")["me"]["credit"]["grade"]

    again = robo("seed-demo")
    assert again.exit_code == 1 and "not empty" in again.output
    if_empty = robo("seed-demo", "--if-empty")  # what `make run` does on every start
    assert if_empty.exit_code == 0 and "not loaded" in if_empty.output
    assert if_empty.output.count("alice@example.com") == 1
    assert if_empty.output.count(lending_demo.DEMO_MERCHANT) == 1
    with db.read() as session:
        assert (
            session.scalar(select(func.count()).select_from(User))
            == len(DEMO_LOGINS) + lending_demo.USERS + securitisation_demo.USERS
        )


def test_seed_demo_is_refused_in_production(robo, db, monkeypatch):
    monkeypatch.setenv("ROBO_ENV", "production")
    monkeypatch.setenv("ROBO_SECRET_KEY", "a-production-secret-key-of-40-characters!")
    monkeypatch.setenv("ROBO_IDENTITY_KEY", "a-production-identity-key-of-40-characters")
    result = robo("seed-demo")
    assert result.exit_code == 1 and "never loaded when ROBO_ENV=production" in result.output
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 0


def test_invalid_settings_are_reported_plainly(robo, monkeypatch):
    monkeypatch.setenv("ROBO_ENV", "production")  # with the default secret key
    result = robo("users", "create", "--email", "amy@example.com", "--password", PASSWORD)
    assert result.exit_code == 1
    assert "Invalid settings" in result.output and "ROBO_SECRET_KEY" in result.output


def test_export_schema_prints_the_sdl(robo):
    from api.schema import schema_sdl

    result = robo("export-schema", "-")
    assert result.exit_code == 0 and result.output == schema_sdl()


def test_migrate_creates_a_fresh_sqlite_database(robo, tmp_path, monkeypatch):
    from sqlalchemy import create_engine, inspect

    url = f"sqlite:///{tmp_path / 'new' / 'robo.db'}"
    monkeypatch.setenv("ROBO_DATABASE_URL", url)
    result = robo("migrate")
    assert result.exit_code == 0 and "up to date" in result.output
    engine = create_engine(url)
    assert {"users", "auth_sessions", "refresh_tokens", "login_throttle"} <= set(inspect(engine).get_table_names())
    engine.dispose()
    assert robo("migrate").exit_code == 0  # running it again changes nothing


@pytest.mark.parametrize("command", [["migrate"], ["seed-demo"], ["serve"]])
def test_every_command_refuses_unsafe_production_settings_plainly(robo, monkeypatch, command):
    monkeypatch.setenv("ROBO_ENV", "production")
    monkeypatch.setenv("ROBO_CLOCK", "2026-11-26T09:30:00+08:00")
    result = robo(*command)
    assert result.exit_code == 1 and "Invalid settings" in result.output and "Traceback" not in result.output
