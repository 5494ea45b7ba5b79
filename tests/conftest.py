"""Root test configuration: the session's own PostgreSQL, Redis and Mosquitto.

At import (before any test module can import ``yiqiao``), this picks a temporary directory and
free ports and exports YQ_ENV=test, YQ_DATABASE_URL, YQ_REDIS_URL, YQ_MQTT_URL, YQ_KEYS_FILE and
YQ_DATA_DIR. The servers themselves start only if a selected test lives outside ``tests/unit``:
right after collection, then ``yiqiao migrate``, ``yiqiao seed`` and ``yiqiao broker-files``
run (once backend/yiqiao/cli.py exists) and the broker reloads. Any failure there ends the session.
Everything stops at the end of the session (also on Ctrl-C or SIGTERM); the directory is deleted
unless YIQIAO_KEEP_TEST_DIR=1.

Fixtures: ``services`` (see tests/support/__init__.py). Helpers: ``from tests.support import ...``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # `pytest` (not `python -m pytest`) does not put the repo root there
    sys.path.insert(0, str(_ROOT))

import pytest  # noqa: E402

from devtools.services import interrupt_on_signals  # noqa: E402
from tests.support.fixtures import services  # noqa: E402
from tests.support.stack import StackError, session_stack  # noqa: E402

__all__ = ["services"]

_STACK = session_stack()  # exports the YQ_* environment now
_UNIT = _ROOT / "tests" / "unit"


def pytest_configure(config: pytest.Config) -> None:
    interrupt_on_signals()  # SIGTERM/SIGHUP -> KeyboardInterrupt, so teardown still runs


def _needs_services(item: pytest.Item) -> bool:
    return not Path(item.path).is_relative_to(_UNIT)


@pytest.hookimpl(trylast=True)  # after -k/-m/--lf deselection
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if config.option.collectonly or not any(_needs_services(i) for i in items):
        return
    try:
        _STACK.ensure_started()
    except StackError as exc:
        pytest.exit(f"the test services could not be prepared:\n{exc}", returncode=1)
    except Exception as exc:
        pytest.exit(f"the test services could not be started: {type(exc).__name__}: {exc}", returncode=1)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    line = _STACK.summary()
    if line:
        terminalreporter.write_line(line)


def pytest_unconfigure(config: pytest.Config) -> None:
    _STACK.close()
