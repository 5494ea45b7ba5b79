"""The patient BFF as production runs it (docker/entrypoint.sh): granian, ``--workers`` processes,
uvloop, no access log; or uvicorn (httptools, uvloop) for comparison; or one uvicorn process under
cProfile (``--profile FILE``, written when the server stops)."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from devtools.services import free_port, spawn, tail, terminate

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
BIN = Path(PY).parent


def server_argv(a: argparse.Namespace, port: int) -> list[str]:
    common = ["--host", "127.0.0.1", "--port", str(port), "--workers", str(a.workers)]
    extra = getattr(a, "server_args", "").split()
    if a.server == "granian" and not a.profile:
        return [
            str(BIN / "granian"),
            "--interface",
            "asgi",
            "--factory",
            "bff_common.serve:app",  # with YIQIAO_BFF=patient
            *common,
            "--http",
            "1",
            "--loop",
            "uvloop",
            "--no-access-log",
            "--log-level",
            "warning",
            "--backlog",
            "4096",
            *extra,
        ]
    argv = [str(BIN / "uvicorn"), "bff_patient.app:create_app", "--factory", *common, "--loop", "uvloop"]
    argv += ["--http", "httptools", "--no-access-log", "--log-level", "warning", "--backlog", "4096", *extra]
    if a.profile:  # one process, so the profile sees every request
        argv = [PY, "-m", "cProfile", "-o", a.profile, "-m", "uvicorn", *argv[1:]]
        argv[argv.index("--workers") + 1] = "1"
    return argv


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # it answered (503 when a service it reports on is absent, e.g. no broker)
    except OSError:
        return False


@contextlib.contextmanager
def patient_bff(work: Path, env: dict[str, str], a: argparse.Namespace) -> Iterator[tuple[int, int]]:
    """Start the BFF; yields (port, pid of the server's top process)."""
    port = free_port()
    log = work / "logs" / "patient-bff.log"
    proc = spawn(server_argv(a, port), log_path=log, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the patient BFF did not start:\n{tail(log)}")
            time.sleep(0.1)
        yield port, proc.pid
    finally:
        terminate(proc, signal.SIGINT, timeout=30)  # SIGINT: both servers stop cleanly (cProfile writes)


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]
