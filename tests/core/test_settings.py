"""Settings come from ROBO_ environment variables, and production refuses unsafe defaults."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from core.settings import DEFAULT_SECRET_KEY, Environment, Settings, get_settings

IDENTITY_KEY = "an-identity-key-of-well-over-32-characters"
STRONG_KEY = "k" * 20 + "0123456789abcdef"


@pytest.fixture
def clean_env(monkeypatch):
    """No ROBO_ variable of the developer's shell leaks into these tests."""
    import os

    for name in list(os.environ):
        if name.startswith("ROBO_"):
            monkeypatch.delenv(name)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_robo_environment_variables_are_parsed(clean_env):
    clean_env.setenv("ROBO_DATABASE_URL", "postgresql+psycopg://robo@db/robo")
    clean_env.setenv("ROBO_PORT", "9001")
    clean_env.setenv("ROBO_CORS_ORIGINS", "https://app.example.com, https://m.example.com")
    clean_env.setenv("ROBO_BANK_AUTO_SETTLE", "false")
    clean_env.setenv("ROBO_PAYMENT_LIMIT_DAILY", "1234.56")
    clean_env.setenv("ROBO_CLOCK", "2027-02-10T09:30:00+08:00")

    settings = get_settings()

    assert settings.database_url == "postgresql+psycopg://robo@db/robo"
    assert not settings.is_sqlite
    assert settings.port == 9001
    assert settings.cors_origins == ["https://app.example.com", "https://m.example.com"]
    assert settings.bank_auto_settle is False
    assert settings.payment_limit_daily == Decimal("1234.56")
    assert settings.clock == datetime(2027, 2, 10, 1, 30, tzinfo=UTC)


def test_defaults_are_a_local_sqlite_development_setup(clean_env):
    settings = get_settings()
    assert settings.env is Environment.DEV
    assert settings.is_sqlite and settings.database_url.endswith("var/robo.db")
    assert settings.clock is None
    assert settings.max_page_size == 100


def test_production_refuses_the_default_secret_key(clean_env):
    clean_env.setenv("ROBO_ENV", "production")
    with pytest.raises(ValidationError, match="ROBO_SECRET_KEY"):
        get_settings()
    with pytest.raises(ValidationError, match="ROBO_SECRET_KEY"):
        Settings(env="production", secret_key=DEFAULT_SECRET_KEY)


def test_production_refuses_a_short_secret_key():
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(env="production", secret_key="short-but-not-default")


def test_production_refuses_a_pinned_clock():
    with pytest.raises(ValidationError, match="ROBO_CLOCK"):
        Settings(env="production", secret_key=STRONG_KEY, identity_key=IDENTITY_KEY, clock="2026-11-26T09:30:00+08:00")


def test_production_refuses_the_default_or_a_short_identity_key():
    with pytest.raises(ValidationError, match="ROBO_IDENTITY_KEY"):
        Settings(env="production", secret_key=STRONG_KEY)
    with pytest.raises(ValidationError, match="ROBO_IDENTITY_KEY"):
        Settings(env="production", secret_key=STRONG_KEY, identity_key="too-short")


def test_production_with_strong_keys_and_the_real_clock_is_accepted():
    settings = Settings(env="production", secret_key=STRONG_KEY, identity_key=IDENTITY_KEY)
    assert settings.is_production


def test_trusted_proxies_are_a_comma_separated_list(clean_env):
    clean_env.setenv("ROBO_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2")
    assert get_settings().trusted_proxies == ["10.0.0.1", "10.0.0.2"]
    clean_env.delenv("ROBO_TRUSTED_PROXIES")
    assert Settings().trusted_proxies == []  # default: proxy headers are not believed


def test_a_pinned_clock_needs_a_zone():
    with pytest.raises(ValidationError, match="zone"):
        Settings(clock="2026-11-26T09:30:00")
    assert Settings(clock="2026-11-26T09:30:00+08:00").clock.utcoffset() == timedelta(hours=8)


def test_an_unknown_environment_is_refused():
    with pytest.raises(ValidationError):
        Settings(env="staging")
