"""Run the real apps as subprocesses with the test environment (for e2e and fault tests).

    from tests.support import run_bff, run_gateway

    def test_story(services):
        with run_bff("bff_patient") as patient, run_gateway() as gw:
            httpx.get(f"{patient.url}/health")
            gw.kill()  # a crash; the context still cleans up

Each process gets its own process group and log file (``<test dir>/logs/<name>-<n>.log``); on
leaving the ``with`` block it gets SIGTERM, then SIGKILL after ``stop_timeout``. If the block
raises, the last lines of the log are attached to the exception as a note.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devtools.services import free_port, spawn, tail, terminate
from tests.support.stack import ROOT, venv_bin

_counter = itertools.count(1)


def _log_dir() -> Path:
    base = os.environ.get("YQ_DATA_DIR") or tempfile.gettempdir()
    d = Path(base) / "logs"
    d.mkdir(parents=True, exist_ok=True)
    return d


@dataclass
class RunningProcess:
    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes]
    log_path: Path
    url: str | None = None
    port: int | None = None
    stop_signal: int = signal.SIGTERM
    stop_timeout: float = 10.0

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    @property
    def returncode(self) -> int | None:
        return self.proc.poll()

    def log(self) -> str:
        try:
            return self.log_path.read_text("utf-8", "replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return tail(self.log_path, lines)

    def stop(self) -> int:
        """Graceful stop (SIGTERM, then SIGKILL after stop_timeout). Returns the exit code."""
        return terminate(self.proc, self.stop_signal, self.stop_timeout)

    def kill(self) -> None:
        """Crash it (SIGKILL to its process group)."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()


def http_ready(url: str) -> Callable[[], bool]:
    """Ready once ``url`` answers with any HTTP status."""

    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except urllib.error.HTTPError:
            return True
        except (OSError, ValueError):
            return False

    return check


def log_ready(proc: RunningProcess, pattern: str) -> Callable[[], bool]:
    """Ready once ``pattern`` (a regex) appears in the process's output."""
    rx = re.compile(pattern)
    return lambda: rx.search(proc.log()) is not None


@contextmanager
def run_process(
    name: str,
    argv: Sequence[str],
    *,
    ready: Callable[[], bool] | None = None,
    ready_log: str | None = None,
    timeout: float = 30.0,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    url: str | None = None,
    port: int | None = None,
    stop_timeout: float = 10.0,
) -> Iterator[RunningProcess]:
    """Start ``argv``; wait until ``ready()`` is true or ``ready_log`` (a regex) shows up in its
    output; yield; stop it. Raises if it exits or is not ready within ``timeout`` seconds."""
    log_path = _log_dir() / f"{name}-{next(_counter)}.log"
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("PYTHONUNBUFFERED", "1")
    popen = spawn(argv, log_path=log_path, cwd=cwd or ROOT, env=child_env)
    rp = RunningProcess(name, list(argv), popen, log_path, url=url, port=port, stop_timeout=stop_timeout)
    try:
        checks: list[Callable[[], bool]] = []
        if ready is not None:
            checks.append(ready)
        if ready_log is not None:
            checks.append(log_ready(rp, ready_log))
        deadline = time.monotonic() + timeout
        while checks and not all(c() for c in checks):
            if not rp.alive:
                raise RuntimeError(
                    f"{name} exited with code {rp.returncode} before it was ready. "
                    f"Last lines of {log_path}:\n{rp.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{name} was not ready within {timeout:.0f}s. Last lines of {log_path}:\n{rp.log_tail()}"
                )
            time.sleep(0.05)
        yield rp
    except BaseException as exc:
        if not isinstance(exc, GeneratorExit):
            exc.add_note(f"--- last lines of {name} ({log_path}) ---\n{rp.log_tail()}")
        raise
    finally:
        rp.stop()


_BFFS = {"patient": "bff_patient", "clinician": "bff_clinician", "kiosk": "bff_kiosk"}


@contextmanager
def run_bff(
    module: str, port: int | None = None, *, timeout: float = 60.0, env: dict[str, str] | None = None
) -> Iterator[RunningProcess]:
    """A BFF as a real uvicorn process (``bff_patient`` or just ``patient``), ready when
    ``/health`` answers with any status. ``.url`` is its base URL."""
    module = _BFFS.get(module, module)
    port = port or free_port()
    argv = [
        venv_bin("uvicorn"),
        f"{module}.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    base = f"http://127.0.0.1:{port}"
    with run_process(
        module, argv, ready=http_ready(f"{base}/health"), timeout=timeout, env=env, url=base, port=port
    ) as rp:
        yield rp


@contextmanager
def run_gateway(
    *, ready_log: str | None = None, timeout: float = 30.0, env: dict[str, str] | None = None
) -> Iterator[RunningProcess]:
    """``python -m device_gateway``. Pass ``ready_log`` (a regex of a line it logs once
    subscribed) to wait for it; otherwise this returns as soon as the process is spawned."""
    with run_process(
        "device-gateway",
        [sys.executable, "-m", "device_gateway"],
        ready_log=ready_log,
        timeout=timeout,
        env=env,
    ) as rp:
        yield rp


@contextmanager
def run_worker(
    *, ready_log: str | None = None, timeout: float = 30.0, env: dict[str, str] | None = None
) -> Iterator[RunningProcess]:
    """``yiqiao worker`` (arq)."""
    with run_process(
        "worker", [venv_bin("yiqiao"), "worker"], ready_log=ready_log, timeout=timeout, env=env
    ) as rp:
        yield rp


@contextmanager
def run_simulator(
    devices: int = 4, *extra: str, env: dict[str, str] | None = None
) -> Iterator[RunningProcess]:
    """``python -m device_gateway.simulate --devices N [extra args]``."""
    argv = [sys.executable, "-m", "device_gateway.simulate", "--devices", str(devices), *extra]
    with run_process("simulator", argv, env=env) as rp:
        yield rp
