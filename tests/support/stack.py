"""The test session's own PostgreSQL, Redis and Mosquitto, in a temporary directory.

``tests/conftest.py`` creates the one :data:`STACK` at import time, before any test module imports
``yiqiao``: it picks free ports and exports ``YQ_*`` into ``os.environ`` right away (settings are
read once, at import), but starts the processes only when a collected test lives outside
``tests/unit``. ``.dev/`` is never touched.

A server whose URL is already in the environment (``YQ_DATABASE_URL``, ``YQ_REDIS_URL``,
``YQ_MQTT_URL``) is used as is and not started; with an external broker the password/ACL files are
not written (that broker is yours to configure).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from devtools.services import Mosquitto, Postgres, Redis, Service, free_port, start_all, stop_all

ROOT = Path(__file__).resolve().parents[2]
CLI_SOURCE = ROOT / "backend" / "yiqiao" / "cli.py"


def venv_bin(name: str) -> str:
    """An executable of the project's virtualenv (the one running the tests)."""
    for d in (Path(sys.executable).parent, ROOT / ".venv" / "bin"):
        if (d / name).exists():
            return str(d / name)
    raise FileNotFoundError(f"{name} is not installed in the virtualenv (run `make test`, which syncs it)")


class StackError(RuntimeError):
    pass


@dataclass
class TestServices:
    """What the ``services`` fixture returns."""

    dir: Path
    database_url: str
    redis_url: str
    mqtt_url: str
    #: Handles of the processes we own; None when that server came from a YQ_*_URL variable.
    postgres: Postgres | None
    redis: Redis | None
    mosquitto: Mosquitto | None
    timings: dict[str, float] = field(default_factory=dict)

    __test__ = False  # not a test class, despite the name

    @property
    def mqtt_host(self) -> str:
        return urlsplit(self.mqtt_url).hostname or "127.0.0.1"

    @property
    def mqtt_port(self) -> int:
        return urlsplit(self.mqtt_url).port or 1883

    @property
    def mosquitto_dir(self) -> Path | None:
        return self.mosquitto.dir if self.mosquitto else None

    @property
    def gateway_username(self) -> str:
        return os.environ.get("YQ_MQTT_GATEWAY_USERNAME", "yq-gateway")

    @property
    def gateway_password(self) -> str:
        return os.environ.get("YQ_MQTT_GATEWAY_PASSWORD", "dev-gateway-password")

    @property
    def admin_database_url(self) -> str | None:
        """Superuser URL of our own PostgreSQL (None for an external one)."""
        return self.postgres.admin_url if self.postgres else None

    @property
    def env(self) -> dict[str, str]:
        """Environment for a child process: the test settings (already in os.environ)."""
        return dict(os.environ)

    def restart_mosquitto(self) -> None:
        if self.mosquitto is None:
            raise StackError("the broker is external (YQ_MQTT_URL); cannot restart it")
        self.mosquitto.restart()

    def reload_broker_files(self) -> None:
        """Rewrite passwd/acl from the device registry and SIGHUP the broker (after adding devices)."""
        if self.mosquitto is None or self.mosquitto.dir is None:
            raise StackError("the broker is external (YQ_MQTT_URL); its files are not ours")
        run_cli("broker-files", str(self.mosquitto.dir))
        self.mosquitto.reload()


def run_cli(*args: str, timeout: float = 300) -> str:
    """Run ``yiqiao <args>`` with the test environment; raise with its output when it fails."""
    argv = [venv_bin("yiqiao"), *args]
    try:
        r = subprocess.run(
            argv,
            cwd=ROOT,
            env=dict(os.environ),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise StackError(f"`yiqiao {' '.join(args)}` did not finish within {timeout:.0f}s") from exc
    if r.returncode != 0:
        out = (r.stdout + r.stderr).strip()
        raise StackError(f"`yiqiao {' '.join(args)}` failed with exit code {r.returncode}:\n{out[-6000:]}")
    return r.stdout


class Stack:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="yiqiao-test-"))
        os.chmod(self.dir, 0o755)  # the postgres and mosquitto users must traverse it
        env = os.environ
        self.postgres = None if env.get("YQ_DATABASE_URL") else Postgres(durable=False)
        self.redis = None if env.get("YQ_REDIS_URL") else Redis(durable=False)
        self.mosquitto = None if env.get("YQ_MQTT_URL") else Mosquitto()
        # Ports are chosen now, because the URLs must be in the environment before collection
        # imports yiqiao (its settings are read once); the processes start later, if needed.
        self._ports = {name: free_port() for name, svc in self._owned_by_name().items() if svc is not None}
        self.handle = TestServices(
            dir=self.dir,
            database_url=env.get("YQ_DATABASE_URL")
            or f"postgresql://yiqiao@127.0.0.1:{self._ports['pg']}/yiqiao",
            redis_url=env.get("YQ_REDIS_URL") or f"redis://127.0.0.1:{self._ports['redis']}/0",
            mqtt_url=env.get("YQ_MQTT_URL") or f"mqtt://127.0.0.1:{self._ports['mosquitto']}",
            postgres=self.postgres,
            redis=self.redis,
            mosquitto=self.mosquitto,
        )
        self.started = False
        self.failed: BaseException | None = None

    def _owned_by_name(self) -> dict[str, Service | None]:
        return {"pg": self.postgres, "redis": self.redis, "mosquitto": self.mosquitto}

    def export_env(self) -> None:
        os.environ.update(
            YQ_ENV="test",
            YQ_DATABASE_URL=self.handle.database_url,
            YQ_REDIS_URL=self.handle.redis_url,
            YQ_MQTT_URL=self.handle.mqtt_url,
            YQ_KEYS_FILE=str(self.dir / "keys.json"),
            YQ_DATA_DIR=str(self.dir),
        )

    def ensure_started(self) -> TestServices:
        """Start the servers and prepare the database (once). Raises StackError on failure."""
        if self.failed is not None:
            raise StackError(f"the test services failed to start earlier: {self.failed}")
        if self.started:
            return self.handle
        try:
            self._start()
        except BaseException as exc:
            self.failed = exc
            stop_all()
            raise
        self.started = True
        return self.handle

    def _start(self) -> None:
        t = self.handle.timings
        t0 = time.monotonic()
        plan = [
            (svc, self.dir / name, self._ports[name])
            for name, svc in self._owned_by_name().items()
            if svc is not None
        ]
        if plan:
            start_all(plan)
        t["services"] = time.monotonic() - t0
        if not CLI_SOURCE.exists():
            print(
                f"[tests] {CLI_SOURCE.relative_to(ROOT)} does not exist yet: "
                "skipping yiqiao migrate / seed / broker-files",
                file=sys.stderr,
            )
            return
        for step in ("migrate", "seed"):
            t1 = time.monotonic()
            run_cli(step)
            t[step] = time.monotonic() - t1
        if self.mosquitto is not None and self.mosquitto.dir is not None:
            t1 = time.monotonic()
            run_cli("broker-files", str(self.mosquitto.dir))
            self.mosquitto.reload()
            t["broker-files"] = time.monotonic() - t1

    def close(self) -> None:
        stop_all()
        if os.environ.get("YIQIAO_KEEP_TEST_DIR"):
            print(f"[tests] kept {self.dir}", file=sys.stderr)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def summary(self) -> str | None:
        if not self.started:
            return None
        t = self.handle.timings
        parts = [f"{k} {v:.2f}s" for k, v in t.items()]
        own = ", ".join(
            f"{s.name} :{s.port}" for s in (self.postgres, self.redis, self.mosquitto) if s is not None
        )
        return f"yiqiao test services ({own or 'all external'}): " + ", ".join(parts)


_session_stack: Stack | None = None


def session_stack() -> Stack:
    """The one Stack of this pytest process; created (and its env exported) on first call."""
    global _session_stack
    if _session_stack is None:
        _session_stack = Stack()
        _session_stack.export_env()
    return _session_stack
