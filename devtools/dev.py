# ruff: noqa: S603, S103
"""``make dev``: the whole system on one machine, with real PostgreSQL, Redis and Mosquitto.

    python -m devtools.dev [up]        everything, until Ctrl-C / SIGTERM (what `make dev` runs)
    python -m devtools.dev migrate     yiqiao migrate against the dev database
    python -m devtools.dev seed        yiqiao seed + broker files + broker reload
    python -m devtools.dev exec -- CMD any command with the dev environment (YQ_* variables)
    python -m devtools.dev bench       every bench/*.py against throwaway services in a temp dir
    python -m devtools.dev stop        stop a running `make dev` or what a crashed one left
    python -m devtools.dev clean       stop, then delete .dev/

Data lives under ``.dev/`` (pg/, redis/, mosquitto/, logs/, keys.json). Ports: 55432 / 56379 /
51883 when free, else free ones; DEV_PG_PORT, DEV_REDIS_PORT, DEV_MQTT_PORT force a port (and
fail if it is taken). YQ_DATABASE_URL / YQ_REDIS_URL / YQ_MQTT_URL use an existing server instead
of starting one. The BFF ports come from YQ_PATIENT_PORT / YQ_CLINICIAN_PORT / YQ_KIOSK_PORT
(8001-8003). migrate/seed/exec reuse a running `make dev` and otherwise start the services just for
the command.

Only the standard library is used here (``clean`` must work without a virtualenv).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from devtools.services import (
    DEFAULT_PORTS,
    Mosquitto,
    Postgres,
    Redis,
    Service,
    ServiceError,
    die_with_parent,
    port_is_free,
    reachable_by,
    start_all,
    stop_all,
    system_account,
)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / ".dev"
RUN = DEV / "run"
LOGS = DEV / "logs"
STATE = RUN / "state.json"
LOCK = RUN / "dev.lock"
BIN = ROOT / ".venv" / "bin"
PY = BIN / "python"

_TTY = sys.stdout.isatty()
_COLORS = ["36", "35", "33", "32", "34", "91", "96", "93"]


def say(msg: str = "") -> None:
    print(msg, flush=True)


def bold(s: str) -> str:
    return f"\033[1m{s}\033[0m" if _TTY else s


def fail(msg: str) -> int:
    print(f"make dev: {msg}", file=sys.stderr, flush=True)
    return 1


# ---------------------------------------------------------------------------------------------
# lock and state


@dataclass
class Lock:
    fd: int | None = None

    def acquire(self) -> bool:
        RUN.mkdir(parents=True, exist_ok=True)
        fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def read_state() -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(STATE.read_text())
        return data
    except (OSError, ValueError):
        return {}


def write_state(state: dict[str, Any]) -> None:
    RUN.mkdir(parents=True, exist_ok=True)
    tmp = STATE.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2))
    tmp.replace(STATE)


def pid_matches(pid: int, *needles: str) -> bool:
    """Is ``pid`` alive and does its command line mention all ``needles``? (guards against reuse)"""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return not needles  # no /proc (macOS): trust the pid only when nothing to check
    return all(n in cmd for n in needles)


# ---------------------------------------------------------------------------------------------
# services


@dataclass
class Services:
    env: dict[str, str]
    owned: list[Service] = field(default_factory=list)
    mosquitto: Mosquitto | None = None
    urls: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _port_choice(name: str, var: str) -> int | None:
    """The configured port, the default one when free, or None (= pick a free one)."""
    configured = os.environ.get(var)
    if configured:
        port = int(configured)
        if not port_is_free(port):
            raise ServiceError(f"{var}={port} but that port is already in use")
        return port
    default = DEFAULT_PORTS[name]
    return default if port_is_free(default) else None


def service_dir(name: str, account_name: str | None) -> Path:
    """``.dev/<name>``, or, when the service's user cannot reach the checkout (e.g. it is under
    /root), a directory under /var/tmp that ``.dev/<name>`` links to."""
    path = DEV / name
    if path.is_symlink():
        target = path.resolve()
        target.mkdir(parents=True, exist_ok=True)
        return target
    account = system_account(account_name) if account_name else None
    if reachable_by(path, account):
        return path
    digest = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]  # noqa: S324 - a name, not security
    base = Path("/var/tmp") / f"yiqiao-dev-{digest}"  # noqa: S108
    base.mkdir(parents=True, exist_ok=True)
    os.chmod(base, 0o755)
    target = base / name
    target.mkdir(exist_ok=True)
    if path.exists():
        shutil.rmtree(path)
    path.symlink_to(target)
    say(f"note: the {account_name} user cannot reach {DEV}; {name} data is in {target} (linked)")
    return target


def start_services(*, base: Path | None = None, durable: bool = True) -> Services:
    """Start what is not given by YQ_*_URL. ``base=None`` means .dev (default ports);
    otherwise a throwaway directory with random ports."""
    env = {
        "YQ_DATABASE_URL": os.environ.get("YQ_DATABASE_URL", ""),
        "YQ_REDIS_URL": os.environ.get("YQ_REDIS_URL", ""),
        "YQ_MQTT_URL": os.environ.get("YQ_MQTT_URL", ""),
    }
    plan: list[tuple[Service, Path, int | None]] = []
    pg: Postgres | None = None
    redis: Redis | None = None
    mq: Mosquitto | None = None
    if not env["YQ_DATABASE_URL"]:
        pg = Postgres(durable=durable)
        d = service_dir("pg", "postgres") if base is None else base / "pg"
        plan.append((pg, d, _port_choice("postgres", "DEV_PG_PORT") if base is None else None))
    if not env["YQ_REDIS_URL"]:
        redis = Redis(durable=durable)
        d = DEV / "redis" if base is None else base / "redis"
        plan.append((redis, d, _port_choice("redis", "DEV_REDIS_PORT") if base is None else None))
    if not env["YQ_MQTT_URL"]:
        mq = Mosquitto(durable=durable)
        d = service_dir("mosquitto", "mosquitto") if base is None else base / "mosquitto"
        plan.append((mq, d, _port_choice("mosquitto", "DEV_MQTT_PORT") if base is None else None))
    start_all(plan)
    svc = Services(env=env, owned=[s for s, _, _ in plan], mosquitto=mq)
    if pg:
        env["YQ_DATABASE_URL"] = pg.url
    if redis:
        env["YQ_REDIS_URL"] = redis.url
    if mq:
        env["YQ_MQTT_URL"] = mq.url
    for key, label in (("YQ_DATABASE_URL", "PostgreSQL"), ("YQ_REDIS_URL", "Redis"), ("YQ_MQTT_URL", "MQTT")):
        svc.urls[label] = env[key]
    for s, name in ((pg, "DEV_PG_PORT"), (redis, "DEV_REDIS_PORT"), (mq, "DEV_MQTT_PORT")):
        if s is not None and base is None and s.port != DEFAULT_PORTS[s.name] and not os.environ.get(name):
            svc.notes.append(f"{s.name}: port {DEFAULT_PORTS[s.name]} is taken, using {s.port}")
    return svc


def child_env(services_env: dict[str, str], *, yq_env: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({k: v for k, v in services_env.items() if v})
    env["YQ_ENV"] = yq_env
    env.setdefault("YQ_DATA_DIR", str(data_dir))
    env.setdefault("YQ_KEYS_FILE", str(data_dir / "keys.json"))
    env["PYTHONUNBUFFERED"] = "1"
    return env


def mosquitto_reload_by_pid(mq_dir: Path, pid: int) -> None:
    """Reload a broker that another process (a running `make dev`) owns."""
    account = system_account("mosquitto")
    for f in (mq_dir / "passwd", mq_dir / "acl"):
        if f.exists():
            if account is not None:
                os.chown(f, account.uid, account.gid)
            os.chmod(f, 0o600)
    if pid_matches(pid, "mosquitto"):
        os.kill(pid, signal.SIGHUP)


# ---------------------------------------------------------------------------------------------
# processes with prefixed output


class App:
    def __init__(
        self,
        name: str,
        argv: Sequence[Any],
        env: dict[str, str],
        color: str,
        *,
        death_signal: int = signal.SIGTERM,
    ) -> None:
        self.name = name
        #: Sent by the kernel if this launcher dies without stopping us (e.g. kill -9).
        self.death_signal = death_signal
        self.argv = [str(a) for a in argv]
        self.env = env
        self.color = color
        self.proc: subprocess.Popen[bytes] | None = None
        self.reported_exit = False
        self.log_path = LOGS / f"{name}.log"

    def start(self) -> None:
        LOGS.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            process_group=0,  # Ctrl-C reaches only us; we stop the apps in order
            preexec_fn=die_with_parent(self.death_signal),
        )
        threading.Thread(target=self._pump, name=f"out-{self.name}", daemon=True).start()

    def _pump(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        prefix = f"{self.name:<10}| "
        if _TTY:
            prefix = f"\033[{self.color}m{prefix}\033[0m"
        with open(self.log_path, "ab") as log:
            for raw in iter(self.proc.stdout.readline, b""):
                log.write(raw)
                log.flush()
                sys.stdout.write(prefix + raw.decode("utf-8", "replace").rstrip("\n") + "\n")
                sys.stdout.flush()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def signal_group(self, sig: int) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, sig)


def run_step(
    name: str, argv: Sequence[str | os.PathLike[str]], env: dict[str, str], *, capture: bool = False
) -> str:
    """Run a one-off command (migrate, seed ...), output shown with a prefix. Raises on failure.
    The full output goes to <YQ_DATA_DIR>/logs/setup.log (.dev/logs, or the bench's temp dir)."""
    log_dir = Path(env["YQ_DATA_DIR"]) / "logs" if env.get("YQ_DATA_DIR") else LOGS
    log_dir.mkdir(parents=True, exist_ok=True)
    t = time.monotonic()
    r = subprocess.run([str(a) for a in argv], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    out = (r.stdout + r.stderr).strip()
    with open(log_dir / "setup.log", "a") as log:
        log.write(f"$ {' '.join(map(str, argv))}\n{out}\n")
    if r.returncode != 0:
        raise ServiceError(f"`{name}` failed with exit code {r.returncode}:\n{out[-4000:]}")
    if not capture:
        for line in out.splitlines()[-8:]:
            say(f"{name:<10}| {line}")
        say(f"{name:<10}| done in {time.monotonic() - t:.1f}s")
    return r.stdout


def prepare_database(env: dict[str, str], mq: Mosquitto | None, *, mq_pid: int | None = None) -> None:
    yq = BIN / "yiqiao"
    run_step("migrate", [yq, "migrate"], env)
    run_step("seed", [yq, "seed"], env)
    refresh_broker(env, mq, mq_pid=mq_pid)


def refresh_broker(env: dict[str, str], mq: Mosquitto | None, *, mq_pid: int | None = None) -> None:
    if mq is not None and mq.dir is not None:
        run_step("broker", [BIN / "yiqiao", "broker-files", mq.dir], env)
        mq.reload()
    elif mq_pid is not None:
        mq_dir = Path(read_state()["services"]["mosquitto"]["dir"])
        run_step("broker", [BIN / "yiqiao", "broker-files", mq_dir], env)
        mosquitto_reload_by_pid(mq_dir, mq_pid)
    else:
        say("broker    | external broker (YQ_MQTT_URL): not writing its password/ACL files")


def http_answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - our own localhost URL
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# signals


class Stop:
    """SIGINT/SIGTERM/SIGHUP: the first one raises KeyboardInterrupt (clean stop), later ones
    set ``force`` (the shutdown then SIGKILLs instead of waiting)."""

    def __init__(self) -> None:
        self.requested = False
        self.force = False

    def install(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self._handler)

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            self.force = True
            say("\nforcing: killing what is left")
            return
        self.requested = True
        raise KeyboardInterrupt


def shutdown(apps: list[App], stop: Stop, owned: list[Service], timeout: float = 10.0) -> None:
    t = time.monotonic()
    say(bold("\nstopping ..."))
    # Apps first (simulator, BFFs, gateway, worker), all at once; then the services.
    for app in apps:
        app.signal_group(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(a.alive for a in apps) and time.monotonic() < deadline and not stop.force:
        time.sleep(0.05)
    for app in apps:
        if app.alive:
            say(f"{app.name} did not stop in time; killing it")
        app.signal_group(signal.SIGKILL)
        if app.proc is not None:
            app.proc.wait()
    for svc in reversed(owned):
        svc.stop(timeout=2 if stop.force else 20)
    stop_all()
    say(f"stopped in {time.monotonic() - t:.1f}s")


# ---------------------------------------------------------------------------------------------
# commands


def _app_ports() -> dict[str, int]:
    return {
        "patient": int(os.environ.get("YQ_PATIENT_PORT", "8001")),
        "clinician": int(os.environ.get("YQ_CLINICIAN_PORT", "8002")),
        "kiosk": int(os.environ.get("YQ_KIOSK_PORT", "8003")),
    }


def cmd_up(args: argparse.Namespace) -> int:
    t0 = time.monotonic()
    lock = Lock()
    if not lock.acquire():
        owner = read_state().get("pid", "?")
        return fail(
            f"`make dev` is already running (pid {owner}). Stop it first (Ctrl-C there, or `make stop-dev`)."
        )
    if not PY.exists():
        return fail(f"{PY} is missing: run `make setup` (make dev does it for you)")
    host = os.environ.get("YQ_BIND_HOST", "127.0.0.1")
    ports = _app_ports()
    busy = [f"{n} :{p}" for n, p in ports.items() if not port_is_free(p, host)]
    if busy:
        return fail(
            f"port(s) in use: {', '.join(busy)}. Stop whatever uses them, or choose others with "
            "YQ_PATIENT_PORT / YQ_CLINICIAN_PORT / YQ_KIOSK_PORT."
        )

    stop = Stop()
    stop.install()
    apps: list[App] = []
    svc: Services | None = None
    try:
        DEV.mkdir(exist_ok=True)
        LOGS.mkdir(exist_ok=True)
        say(bold("starting PostgreSQL, Redis, Mosquitto ..."))
        try:
            svc = start_services()
        except ServiceError as exc:
            return fail(str(exc))
        t_services = time.monotonic() - t0
        say(f"services ready in {t_services:.1f}s")
        for note in svc.notes:
            say(f"note: {note}")
        env = child_env(svc.env, yq_env="dev", data_dir=DEV)
        state: dict[str, Any] = {
            "pid": os.getpid(),
            "env": {k: v for k, v in env.items() if k.startswith("YQ_")},
            "services": {
                s.name: {"pid": s.pid, "port": s.port, "dir": str(s.dir), "url": s.url} for s in svc.owned
            },
            "apps": {},
        }
        write_state(state)

        t1 = time.monotonic()
        try:
            prepare_database(env, svc.mosquitto)
        except ServiceError as exc:
            return fail(str(exc))
        t_db = time.monotonic() - t1

        t2 = time.monotonic()
        specs: list[tuple[str, list[Any]]] = [
            ("worker", [BIN / "yiqiao", "worker"]),
            ("gateway", [PY, "-m", "device_gateway"]),
        ]
        for name, port in ports.items():
            target = f"bff_{name}.app:create_app"
            specs.append((name, [BIN / "uvicorn", target, "--factory", "--host", host, "--port", str(port)]))
        for i, (name, argv) in enumerate(specs):
            app = App(name, argv, env, _COLORS[i % len(_COLORS)])
            app.start()
            apps.append(app)
        pending = {name: f"http://{host}:{port}/health" for name, port in ports.items()}
        by_name = {a.name: a for a in apps}
        deadline = time.monotonic() + 60
        while pending and time.monotonic() < deadline:
            for name, url in list(pending.items()):
                if not by_name[name].alive or http_answers(url):
                    del pending[name]
            time.sleep(0.1)
        # SIGKILL on orphaning: it keeps no state, and on SIGTERM it waits for a broker that is
        # going away at the same moment.
        sim = App(
            "simulator",
            [PY, "-m", "device_gateway.simulate", "--devices", "4"],
            env,
            _COLORS[6],
            death_signal=signal.SIGKILL,
        )
        sim.start()
        apps.append(sim)
        state["apps"] = {a.name: a.proc.pid for a in apps if a.proc}
        write_state(state)
        t_apps = time.monotonic() - t2

        logins = ""
        with contextlib.suppress(ServiceError):
            logins = run_step("logins", [BIN / "yiqiao", "demo-logins"], env, capture=True)
        banner(apps, ports, host, svc, logins, total=time.monotonic() - t0, parts=(t_services, t_db, t_apps))

        # Supervise until a signal arrives.
        while True:
            for app in apps:
                if not app.alive and not app.reported_exit and app.proc is not None:
                    app.reported_exit = True
                    say(bold(f"!! {app.name} exited with code {app.proc.returncode} (log: {app.log_path})"))
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        stop.requested = True  # from now on a signal only forces the shutdown
        shutdown(apps, stop, svc.owned if svc else [])
        with contextlib.suppress(OSError):
            STATE.unlink()
        lock.release()


def banner(
    apps: list[App],
    ports: dict[str, int],
    host: str,
    svc: Services,
    logins: str,
    *,
    total: float,
    parts: tuple[float, float, float],
) -> None:
    alive = {a.name: a.alive for a in apps}
    say("")
    say(
        bold(f"Yiqiao is up in {total:.1f}s")
        + f" (services {parts[0]:.1f}s, database {parts[1]:.1f}s, apps {parts[2]:.1f}s)"
    )
    say("")
    labels = {"patient": "Patient BFF", "clinician": "Clinician BFF", "kiosk": "Kiosk BFF"}
    for name, port in ports.items():
        url = f"http://{host}:{port}"
        status = f"API docs {url}/schema" if alive.get(name) else f"NOT RUNNING, see {LOGS / name}.log"
        say(f"  {labels[name]:<15} {url:<24} {status}")
    for name, label in (
        ("gateway", "Device gateway"),
        ("worker", "Worker (arq)"),
        ("simulator", "Simulator"),
    ):
        status = "running" if alive.get(name) else f"NOT RUNNING, see {LOGS / name}.log"
        extra = " (4 devices)" if name == "simulator" else ""
        say(f"  {label:<15} {status}{extra}")
    for label, url in svc.urls.items():
        say(f"  {label:<15} {url}")
    say(f"  {'Logs':<15} {LOGS}/")
    if logins.strip():
        say("")
        say(bold("Demo logins"))
        for line in logins.rstrip().splitlines():
            say(f"  {line}")
    say("")
    say("Ctrl-C stops everything.")


@contextlib.contextmanager
def dev_environment() -> Iterator[tuple[dict[str, str], Mosquitto | None, int | None]]:
    """The env of a running `make dev`, or services started just for the duration."""
    lock = Lock()
    if not lock.acquire():
        state = read_state()
        if not state.get("env"):
            raise ServiceError("`make dev` is starting up; try again in a moment")
        env = {**os.environ, **state["env"]}
        mq_pid = state.get("services", {}).get("mosquitto", {}).get("pid")
        yield env, None, mq_pid
        return
    try:
        DEV.mkdir(exist_ok=True)
        svc = start_services()
        try:
            yield child_env(svc.env, yq_env="dev", data_dir=DEV), svc.mosquitto, None
        finally:
            for s in reversed(svc.owned):
                s.stop()
    finally:
        lock.release()


def cmd_migrate(args: argparse.Namespace) -> int:
    with dev_environment() as (env, _mq, _pid):
        run_step("migrate", [BIN / "yiqiao", "migrate"], env)
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    with dev_environment() as (env, mq, mq_pid):
        run_step("seed", [BIN / "yiqiao", "seed"], env)
        refresh_broker(env, mq, mq_pid=mq_pid)
    return 0


def cmd_exec(args: argparse.Namespace) -> int:
    argv = list(args.command)
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        return fail("exec needs a command: python -m devtools.dev exec -- CMD ...")
    with dev_environment() as (env, _mq, _pid):
        return subprocess.run(argv, env=env, cwd=ROOT, check=False).returncode


def cmd_bench(args: argparse.Namespace) -> int:
    scripts = sorted((ROOT / "bench").glob("*.py"))
    if not scripts:
        say("bench: no bench/*.py yet")
        return 0
    base = Path(tempfile.mkdtemp(prefix="yiqiao-bench-"))
    os.chmod(base, 0o755)
    failed: list[str] = []
    try:
        svc = start_services(base=base)
        env = child_env(svc.env, yq_env="test", data_dir=base)
        prepare_database(env, svc.mosquitto)
        for script in scripts:
            say(bold(f"== {script.relative_to(ROOT)}"))
            t = time.monotonic()
            rc = subprocess.run([str(PY), str(script)], env=env, cwd=ROOT, check=False).returncode
            say(f"== {script.name}: exit {rc} in {time.monotonic() - t:.1f}s")
            if rc != 0:
                failed.append(script.name)
    finally:
        stop_all()
        shutil.rmtree(base, ignore_errors=True)
    if failed:
        return fail(f"benchmarks failed: {', '.join(failed)}")
    return 0


def cmd_stop(args: argparse.Namespace) -> int:
    lock = Lock()
    state = read_state()
    if not lock.acquire():
        owner = state.get("pid")
        if owner and pid_matches(int(owner), "devtools.dev"):
            say(f"stopping the running `make dev` (pid {owner}) ...")
            os.kill(int(owner), signal.SIGTERM)
            for _ in range(600):
                if lock.acquire():
                    break
                time.sleep(0.1)
            else:
                return fail(f"pid {owner} did not stop within 60s")
        else:
            return fail("the dev lock is held by an unknown process; not touching it")
    try:
        # Leftovers of a launcher that died without cleaning up (no parent-death signal there).
        needles = {"postgres": "postgres", "redis": "redis-server", "mosquitto": "mosquitto"}
        for name, info in read_state().get("services", {}).items():
            pid = info.get("pid")
            if pid and pid_matches(int(pid), needles.get(name, name)):
                say(f"stopping leftover {name} (pid {pid})")
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGINT if name == "postgres" else signal.SIGTERM)
        for name, pid in read_state().get("apps", {}).items():
            if pid and pid_matches(int(pid), str(ROOT / ".venv")):
                say(f"stopping leftover {name} (pid {pid})")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(int(pid), signal.SIGTERM)
        with contextlib.suppress(OSError):
            STATE.unlink()
    finally:
        lock.release()
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    rc = cmd_stop(args)
    if rc != 0:
        return rc
    if DEV.exists():
        for child in DEV.iterdir():
            if child.is_symlink():  # relocated data (see service_dir)
                shutil.rmtree(child.resolve(), ignore_errors=True)
        shutil.rmtree(DEV)
        say(f"deleted {DEV}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.dev", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd")
    sub.add_parser("up", help="start everything (default)")
    sub.add_parser("migrate")
    sub.add_parser("seed")
    p_exec = sub.add_parser("exec")
    p_exec.add_argument("command", nargs=argparse.REMAINDER)
    sub.add_parser("bench")
    sub.add_parser("stop")
    sub.add_parser("clean")
    args = parser.parse_args(argv)
    commands = {
        None: cmd_up,
        "up": cmd_up,
        "migrate": cmd_migrate,
        "seed": cmd_seed,
        "exec": cmd_exec,
        "bench": cmd_bench,
        "stop": cmd_stop,
        "clean": cmd_clean,
    }
    if args.cmd not in ("up", None, "stop", "clean"):
        interrupt = Stop()
        interrupt.install()
    try:
        return commands[args.cmd](args)
    except ServiceError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
