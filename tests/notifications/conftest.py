"""Fixtures of the notifications tests: the investing tests' small catalogue on sale, staff,
verified investors with cash and a risk profile, and the order desk."""

from tests.investing.conftest import catalogue, desk, funds, investor, staff  # noqa: F401 - fixtures
