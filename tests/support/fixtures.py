"""Session fixtures; ``tests/conftest.py`` re-exports them."""

from __future__ import annotations

import pytest

from tests.support.stack import StackError, TestServices, session_stack


@pytest.fixture(scope="session")
def services() -> TestServices:
    """The session's PostgreSQL/Redis/Mosquitto (started on first need, migrated and seeded)."""
    try:
        return session_stack().ensure_started()
    except StackError as exc:
        pytest.fail(str(exc), pytrace=False)
