# ruff: noqa: S603, S103, S608
"""Real local PostgreSQL, Redis and Mosquitto processes, owned by whoever starts them.

Used by ``make dev`` (``devtools/dev.py``, data under ``.dev/``) and by the test suite
(``tests/conftest.py``, data in a temporary directory). Each service is a plain child process in
its own process group, so a terminal Ctrl-C reaches only our launcher, which then stops things in
order. On Linux each child also gets a parent-death signal, so even a ``kill -9`` of the launcher
leaves no orphans; and an ``atexit`` hook stops whatever is still running.

    pg = Postgres(durable=False)          # durable=False: fsync off etc. (tests only)
    url = pg.start(Path("/tmp/x/pg"))     # -> postgresql://yiqiao@127.0.0.1:PORT/yiqiao
    ...
    pg.stop()

Running as root (CI): PostgreSQL refuses to run as root, so initdb and postgres run as the
``postgres`` user, with the data directory chowned to it. Mosquitto runs directly as the
``mosquitto`` user (rather than starting as root and dropping privileges), in a directory owned by
that user which holds its config, password file, ACL file and persistence database. A missing
server binary is installed with apt-get when running as root; otherwise the error says what to
install.

Spawn long-running services from the main thread: the parent-death signal fires when the *thread*
that started the child exits.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import ClassVar

DEFAULT_PORTS = {"postgres": 55432, "redis": 56379, "mosquitto": 51883}
HOST = "127.0.0.1"
DB_NAME = "yiqiao"
DB_USER = "yiqiao"

_SBIN_DIRS = ("/usr/sbin", "/usr/local/sbin", "/sbin", "/opt/homebrew/sbin", "/opt/homebrew/bin")
_BREW_NAMES = {"postgresql": "postgresql@15", "redis-server": "redis", "mosquitto": "mosquitto"}


class ServiceError(RuntimeError):
    """A service could not be installed, started or stopped. The message says why and what to do."""


class MissingBinary(ServiceError):
    pass


def _say(msg: str) -> None:
    print(f"[services] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# ports


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def port_is_free(port: int, host: str = HOST) -> bool:
    """True when a server could bind ``host:port`` now (SO_REUSEADDR, as servers do)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
        return True


def port_accepts(port: int, host: str = HOST, timeout: float = 0.2) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------
# binaries


def find_binary(name: str, extra_dirs: Sequence[str] = ()) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in (*extra_dirs, *_SBIN_DIRS):
        candidate = Path(d) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


_apt_lock = threading.Lock()


def _apt_install(package: str) -> bool:
    """Install a Debian package when we are root and have apt-get. False when we cannot try."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    base = ["apt-get", "-q", "-o", "DPkg::Lock::Timeout=300"]
    install = [*base, "install", "-y", "--no-install-recommends", package]
    with _apt_lock:
        _say(f"{package} is not installed; installing it with apt-get (running as root) ...")
        if subprocess.run(install, env=env, stdout=sys.stderr, check=False).returncode != 0:
            _say("apt-get install failed; running apt-get update and trying again ...")
            subprocess.run([*base, "update"], env=env, stdout=sys.stderr, check=False)
            if subprocess.run(install, env=env, stdout=sys.stderr, check=False).returncode != 0:
                raise MissingBinary(f"apt-get install {package} failed (see the output above).")
    return True


def install_hint(binary: str, package: str) -> str:
    brew = _BREW_NAMES.get(package, package)
    return (
        f"{binary} was not found. Install it with `sudo apt-get install {package}` (Debian/Ubuntu) "
        f"or `brew install {brew}` (macOS), or point the matching YQ_*_URL variable at a server "
        f"you already run."
    )


def ensure_binary(
    name: str,
    package: str,
    *,
    extra_dirs: Sequence[str] = (),
    install: bool = True,
    find: Callable[[], str | None] | None = None,
) -> str:
    """Path of ``name``; installs Debian ``package`` via apt-get if missing and we are root.

    Raises :class:`MissingBinary` with an exact install instruction otherwise.
    """
    lookup = find or (lambda: find_binary(name, extra_dirs))
    path = lookup()
    if path:
        return path
    if install and _apt_install(package):
        path = lookup()
        if path:
            return path
    raise MissingBinary(install_hint(name, package))


def _version_key(path: str) -> tuple[int, ...]:
    m = re.search(r"/postgresql/([0-9.]+)/bin", path)
    return tuple(int(x) for x in m.group(1).split(".")) if m else (0,)


def postgres_bindirs() -> list[Path]:
    """Directories holding initdb + postgres + psql: the one on PATH first, then Debian's, newest first."""
    dirs: list[Path] = []
    on_path = shutil.which("initdb") or shutil.which("pg_ctl")
    if on_path:
        dirs.append(Path(os.path.realpath(on_path)).parent)
    dirs += [Path(d) for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)]
    dirs += [Path("/usr/local/pgsql/bin"), Path("/opt/homebrew/opt/postgresql@15/bin")]
    out: list[Path] = []
    for bindir in dirs:
        if bindir not in out and all((bindir / b).exists() for b in ("initdb", "postgres", "psql")):
            out.append(bindir)
    return out


def postgres_major(bindir: Path) -> str:
    out = subprocess.run(
        [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r"(\d+)(?:\.\d+)?", out)
    if not m:
        raise ServiceError(f"cannot read the PostgreSQL version from {out!r}")
    return m.group(1)


# ---------------------------------------------------------------------------------------------
# accounts, directories, child processes


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int
    groups: tuple[int, ...]


def system_account(name: str) -> Account | None:
    """The account to run a service as: only when we are root and the user exists."""
    if os.geteuid() != 0:
        return None
    try:
        pw = pwd.getpwnam(name)
    except KeyError:
        return None
    return Account(name, pw.pw_uid, pw.pw_gid, tuple(os.getgrouplist(name, pw.pw_gid)))


def reachable_by(path: Path, account: Account | None) -> bool:
    """Can ``account`` traverse every existing directory down to ``path``? (mode bits, no ACLs)."""
    if account is None:
        return True
    p = path.absolute()
    chain = [*reversed(p.parents), p]
    for d in chain:
        try:
            st = os.stat(d)
        except FileNotFoundError:
            break
        if st.st_uid == account.uid:
            bit = stat.S_IXUSR
        elif st.st_gid in account.groups:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def _own(path: Path, account: Account | None, mode: int) -> None:
    if account is not None:
        os.chown(path, account.uid, account.gid)
    os.chmod(path, mode)


_prctl: Callable[..., int] | None = None
if sys.platform.startswith("linux"):
    try:
        _libc = ctypes.CDLL(None, use_errno=True)
        _prctl = _libc.prctl
        _prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        _prctl.restype = ctypes.c_int
    except (OSError, AttributeError):  # pragma: no cover - exotic libc
        _prctl = None
_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child receive ``sig`` when this thread dies (Linux only).

    Only used from the main thread; runs after Popen's setuid, so the setting survives it.
    """
    if _prctl is None or threading.current_thread() is not threading.main_thread():
        return None
    parent = os.getpid()
    prctl = _prctl

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if os.getppid() != parent:  # the parent already died between fork and prctl
            os._exit(1)

    return preexec


def spawn(
    argv: Sequence[str],
    *,
    log_path: Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    account: Account | None = None,
    death_signal: int = signal.SIGTERM,
) -> subprocess.Popen[bytes]:
    """Start a child in its own process group, output appended to ``log_path``."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        kwargs: dict[str, object] = {}
        if account is not None:
            kwargs.update(user=account.uid, group=account.gid, extra_groups=list(account.groups))
        proc: subprocess.Popen[bytes] = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=env,
            process_group=0,
            preexec_fn=die_with_parent(death_signal),
            **kwargs,  # type: ignore[call-overload]
        )
        return proc


def terminate(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
    """Signal the process and wait; if it does not exit in time, SIGKILL its whole process group.

    The group is only signalled while its leader is unreaped (so its id cannot have been reused).
    """
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, sig)
        try:
            return proc.wait(timeout)
        except subprocess.TimeoutExpired:
            if sig != signal.SIGKILL:
                _say(f"pid {proc.pid} did not stop within {timeout:.0f}s; killing it")
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
    return proc.wait()


def tail(path: Path, lines: int = 30) -> str:
    try:
        data = path.read_bytes()[-20000:]
    except OSError:
        return f"(no log at {path})"
    return "\n".join(data.decode("utf-8", "replace").splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------
# services

_live: list[Service] = []
_live_lock = threading.Lock()


class Service:
    """One local server process. ``start(dir, port=None) -> url``; ``stop()``; ``restart()``."""

    name: ClassVar[str]
    package: ClassVar[str]
    stop_signal: ClassVar[int] = signal.SIGTERM
    start_timeout: ClassVar[float] = 30.0

    def __init__(self, *, durable: bool = True) -> None:
        #: durable=False trades crash safety for speed (tests). Never for data you want to keep.
        self.durable = durable
        self.dir: Path | None = None
        self.port: int | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self.account: Account | None = None
        self._auto_port = False
        self.started_at: float | None = None

    # -- public API ---------------------------------------------------------------------------

    def start(self, dir: Path | str, port: int | None = None) -> str:
        """Prepare ``dir`` (reusing existing data), start, wait until it answers; return the URL."""
        self.ensure_binaries()
        self.prepare(Path(dir), port)
        self.spawn()
        self.wait_ready()
        self.after_start()
        return self.url

    def stop(self, timeout: float = 15.0) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            terminate(proc, self.stop_signal, timeout)
        with _live_lock:
            if self in _live:
                _live.remove(self)

    def kill(self) -> None:
        """SIGKILL to the whole group, no clean shutdown: a crash, for fault tests.
        ``restart()`` brings it back."""
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def restart(self) -> str:
        """Stop (if running) and start again on the same directory and port."""
        if self.dir is None:
            raise ServiceError(f"{self.name} was never started")
        self.stop()
        self.spawn()
        self.wait_ready(retry=False)
        return self.url

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    @property
    def url(self) -> str:
        raise NotImplementedError

    @property
    def log_path(self) -> Path:
        assert self.dir is not None
        return self.dir / f"{self.name}.log"

    def log_tail(self, lines: int = 30) -> str:
        return tail(self.log_path, lines)

    # -- steps (start_all runs prepare() of several services in threads) -----------------------

    def ensure_binaries(self) -> None:
        raise NotImplementedError

    def prepare(self, dir: Path, port: int | None) -> None:
        self.dir = dir.absolute()
        self._auto_port = port is None
        self.port = port if port is not None else free_port()
        self._prepare()

    def spawn(self) -> None:
        assert self.dir is not None and self.port is not None
        if self.running:
            raise ServiceError(f"{self.name} is already running (pid {self.pid})")
        self.started_at = time.monotonic()
        self.proc = spawn(
            self._argv(),
            log_path=self.log_path,
            cwd=self.dir,
            env=self._env(),
            account=self.account,
            death_signal=self.stop_signal,
        )
        with _live_lock:
            if self not in _live:
                _live.append(self)

    def wait_ready(self, *, retry: bool = True) -> None:
        """Wait until the server answers. When we picked the port ourselves and the server died
        (someone took the port in between), pick another one and try again, up to 3 times."""
        attempts = 3 if (retry and self._auto_port) else 1
        for attempt in range(1, attempts + 1):
            deadline = time.monotonic() + self.start_timeout
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.poll() is not None:
                    break
                if self._ready():
                    return
                time.sleep(0.02)
            else:
                self.stop()
                raise ServiceError(
                    f"{self.name} did not become ready within {self.start_timeout:.0f}s on port "
                    f"{self.port}. Last lines of {self.log_path}:\n{self.log_tail()}"
                )
            code = self.proc.returncode if self.proc else None
            self.stop()
            if attempt < attempts:
                _say(f"{self.name} exited ({code}) on port {self.port}; retrying on another port")
                self.port = free_port()
                self._configure_port()
                self.spawn()
                continue
            raise ServiceError(
                f"{self.name} exited with code {code} while starting on port {self.port}. "
                f"Last lines of {self.log_path}:\n{self.log_tail()}"
            )

    def after_start(self) -> None:
        pass

    # -- hooks for subclasses -----------------------------------------------------------------

    def _prepare(self) -> None:
        raise NotImplementedError

    def _configure_port(self) -> None:
        """Called when the port changes after _prepare (retry)."""

    def _argv(self) -> list[str]:
        raise NotImplementedError

    def _env(self) -> dict[str, str] | None:
        return None

    def _ready(self) -> bool:
        assert self.port is not None
        return port_accepts(self.port)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} port={self.port} dir={self.dir} pid={self.pid}>"


class Postgres(Service):
    name = "postgres"
    package = "postgresql"
    stop_signal = signal.SIGINT  # "fast" shutdown: roll back open transactions, checkpoint, exit

    def __init__(self, *, durable: bool = True) -> None:
        super().__init__(durable=durable)
        self.bindir: Path | None = None

    @property
    def data_dir(self) -> Path:
        assert self.dir is not None
        return self.dir / "data"

    @property
    def url(self) -> str:
        return f"postgresql://{DB_USER}@{HOST}:{self.port}/{DB_NAME}"

    @property
    def admin_url(self) -> str:
        """Superuser connection, for tests that must e.g. terminate other backends."""
        return f"postgresql://postgres@{HOST}:{self.port}/postgres"

    def ensure_binaries(self) -> None:
        if self.bindir is not None:
            return

        def find() -> str | None:
            dirs = postgres_bindirs()
            return str(dirs[0]) if dirs else None

        found = ensure_binary("postgres", self.package, find=find)
        self.bindir = Path(found)
        if os.geteuid() == 0:
            self.account = system_account("postgres")
            if self.account is None:
                raise ServiceError(
                    "PostgreSQL refuses to run as root and there is no 'postgres' user. Create one "
                    "(`useradd --system --home-dir /var/lib/postgresql postgres`) or install the "
                    "Debian postgresql package, which creates it."
                )

    def _prepare(self) -> None:
        assert self.dir is not None and self.bindir is not None
        if not reachable_by(self.dir, self.account):
            raise ServiceError(
                f"the postgres user cannot reach {self.dir} (a parent directory is not "
                f"world-executable); use a directory under /tmp or /var/tmp"
            )
        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o755)
        data = self.data_dir
        version_file = data / "PG_VERSION"
        if version_file.exists():
            self._pick_bindir_for(version_file.read_text().strip())
            return
        if data.exists():  # a half-finished initdb: start over
            shutil.rmtree(data)
        data.mkdir(mode=0o700)
        _own(data, self.account, 0o700)
        locale = "--locale=C.UTF-8" if _has_c_utf8() else "--no-locale"
        argv = [
            str(self.bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            locale,
            "--no-sync",
        ]
        log = self.dir / "initdb.log"
        with open(log, "wb") as out:
            kwargs: dict[str, object] = {}
            if self.account is not None:
                a = self.account
                kwargs.update(user=a.uid, group=a.gid, extra_groups=list(a.groups))
            rc = subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.dir,
                env=self._env(),
                check=False,
                **kwargs,  # type: ignore[call-overload]
            ).returncode
        if rc != 0:
            raise ServiceError(f"initdb failed ({rc}). {log}:\n{tail(log)}")

    def _pick_bindir_for(self, major: str) -> None:
        assert self.bindir is not None
        if postgres_major(self.bindir) == major:
            return
        for d in postgres_bindirs():
            if postgres_major(d) == major:
                self.bindir = d
                return
        raise ServiceError(
            f"{self.data_dir} was created by PostgreSQL {major}, which is not installed "
            f"(found {postgres_major(self.bindir)}). Delete that directory (`make clean-dev`) or "
            f"install postgresql-{major}."
        )

    def _argv(self) -> list[str]:
        assert self.bindir is not None
        settings = {
            "listen_addresses": HOST,
            "unix_socket_directories": "",
            "max_connections": "300",
            "TimeZone": "UTC",
            "logging_collector": "off",
        }
        if not self.durable:
            settings.update(
                fsync="off",
                synchronous_commit="off",
                full_page_writes="off",
                wal_level="minimal",
                max_wal_senders="0",
            )
        argv = [str(self.bindir / "postgres"), "-D", str(self.data_dir), "-p", str(self.port)]
        for k, v in settings.items():
            argv += ["-c", f"{k}={v}"]
        return argv

    def _env(self) -> dict[str, str]:
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"}

    def _ready(self) -> bool:
        try:
            lines = (self.data_dir / "postmaster.pid").read_text().splitlines()
        except OSError:
            return False
        # Line 8 of postmaster.pid is the postmaster's status ("ready" once it accepts connections).
        if len(lines) < 8 or lines[7].strip() != "ready" or lines[0].strip() != str(self.pid):
            return False
        assert self.port is not None
        return port_accepts(self.port)

    def after_start(self) -> None:
        """Create role ``yiqiao`` and database ``yiqiao`` owned by it (idempotent)."""
        self.psql(  # the f-string holds constants only
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DB_USER}') THEN
                CREATE ROLE {DB_USER} LOGIN CREATEDB;
              END IF;
            END $$;
            SELECT 'CREATE DATABASE {DB_NAME} OWNER {DB_USER}'
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{DB_NAME}') \\gexec
            """
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser through psql (stdin, ON_ERROR_STOP); return its output."""
        assert self.bindir is not None
        r = subprocess.run(
            [
                str(self.bindir / "psql"),
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                HOST,
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
            ],
            input=sql,
            capture_output=True,
            text=True,
            env={**os.environ, "PGCONNECT_TIMEOUT": "5"},
            check=False,
        )
        if r.returncode != 0:
            raise ServiceError(f"psql failed ({r.returncode}): {r.stderr.strip()}")
        return r.stdout


def _has_c_utf8() -> bool:
    return any(Path(p).exists() for p in ("/usr/lib/locale/C.utf8", "/usr/lib/locale/C.UTF-8"))


class Redis(Service):
    name = "redis"
    package = "redis-server"

    def __init__(self, *, durable: bool = True) -> None:
        super().__init__(durable=durable)
        self.binary: str | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def ensure_binaries(self) -> None:
        if self.binary is None:
            self.binary = ensure_binary("redis-server", self.package)

    def _prepare(self) -> None:
        assert self.dir is not None
        self.dir.mkdir(parents=True, exist_ok=True)
        self._configure_port()

    def _configure_port(self) -> None:
        assert self.dir is not None
        save = "save 60 1" if self.durable else 'save ""'
        (self.dir / "redis.conf").write_text(
            "# written by devtools/services.py; regenerated on every start\n"
            f"port {self.port}\nbind {HOST}\nprotected-mode yes\ndaemonize no\n"
            f'dir {self.dir}\nlogfile ""\n{save}\nappendonly no\ndbfilename dump.rdb\n'
        )

    def _argv(self) -> list[str]:
        assert self.binary is not None and self.dir is not None
        return [self.binary, str(self.dir / "redis.conf")]

    def _ready(self) -> bool:
        assert self.port is not None
        try:
            with socket.create_connection((HOST, self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class Mosquitto(Service):
    """Mosquitto with ``allow_anonymous false``, ``password_file``/``acl_file`` in its own dir.

    Write the files with ``yiqiao broker-files <dir>`` and then call :meth:`reload` (SIGHUP);
    until then they are empty and nobody can log in.
    """

    name = "mosquitto"
    package = "mosquitto"
    #: Messages queued per offline persistent session (the gateway's, while it restarts).
    max_queued_messages = 100_000

    def __init__(self, *, durable: bool = True) -> None:
        super().__init__(durable=durable)
        self.binary: str | None = None

    @property
    def url(self) -> str:
        return f"mqtt://{HOST}:{self.port}"

    @property
    def passwd_file(self) -> Path:
        assert self.dir is not None
        return self.dir / "passwd"

    @property
    def acl_file(self) -> Path:
        assert self.dir is not None
        return self.dir / "acl"

    @property
    def log_path(self) -> Path:
        assert self.dir is not None
        return self.dir / "mosquitto.log"

    def ensure_binaries(self) -> None:
        if self.binary is None:
            self.binary = ensure_binary("mosquitto", self.package, extra_dirs=_SBIN_DIRS)
        # Run it as 'mosquitto' ourselves instead of letting it drop privileges: then the files
        # it needs (config, passwd, acl, persistence, log) are simply owned by that user.
        self.account = system_account("mosquitto")

    def _prepare(self) -> None:
        assert self.dir is not None
        if not reachable_by(self.dir, self.account):
            raise ServiceError(
                f"the mosquitto user cannot reach {self.dir} (a parent directory is not "
                f"world-executable); use a directory under /tmp or /var/tmp"
            )
        self.dir.mkdir(parents=True, exist_ok=True)
        _own(self.dir, self.account, 0o700)
        for f in (self.passwd_file, self.acl_file, self.log_path):
            if not f.exists():
                f.touch()
        _own(self.log_path, self.account, 0o640)  # written by mosquitto itself (log_dest file)
        self._fix_file_modes()
        self._configure_port()

    def _configure_port(self) -> None:
        assert self.dir is not None
        conf = self.dir / "mosquitto.conf"
        # Running as root without a 'mosquitto' user: stay root rather than fall back to 'nobody'.
        user = "user root\n" if os.geteuid() == 0 and self.account is None else ""
        conf.write_text(
            "# written by devtools/services.py; regenerated on every start\n"
            f"{user}per_listener_settings false\n"
            f"listener {self.port} {HOST}\n"
            "allow_anonymous false\n"
            f"password_file {self.passwd_file}\n"
            f"acl_file {self.acl_file}\n"
            "persistence true\n"
            f"persistence_location {self.dir}/\n"
            "persistence_file mosquitto.db\n"
            "autosave_interval 60\n"
            f"max_queued_messages {self.max_queued_messages}\n"
            f"log_dest file {self.log_path}\n"
            "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
            "connection_messages true\n"
            "log_timestamp_format %Y-%m-%dT%H:%M:%S\n"
        )
        _own(conf, self.account, 0o600)

    def _fix_file_modes(self) -> None:
        for f in (self.passwd_file, self.acl_file):
            if f.exists():
                _own(f, self.account, 0o600)

    def _argv(self) -> list[str]:
        assert self.binary is not None and self.dir is not None
        return [self.binary, "-c", str(self.dir / "mosquitto.conf")]

    def reload(self, timeout: float = 5.0) -> None:
        """Make the broker re-read passwd and acl (SIGHUP); returns once it logged the reload."""
        if not self.running:
            raise ServiceError("mosquitto is not running")
        assert self.proc is not None
        self._fix_file_modes()
        before = self._log_text().count("Reloading config")
        os.kill(self.proc.pid, signal.SIGHUP)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._log_text().count("Reloading config") > before:
                return
            time.sleep(0.01)
        raise ServiceError(f"mosquitto did not confirm the reload within {timeout:.0f}s")

    def _log_text(self) -> str:
        try:
            return self.log_path.read_text("utf-8", "replace")
        except OSError:
            return ""


# ---------------------------------------------------------------------------------------------
# several at once, cleanup


def start_all(plan: Sequence[tuple[Service, Path, int | None]]) -> list[str]:
    """Start several services; the slow preparation (initdb) runs in parallel. Returns URLs.

    On any failure, stops what was started and raises.
    """
    for svc, _, _ in plan:
        svc.ensure_binaries()  # sequential: may run apt-get
    errors: list[BaseException] = []

    def prep(svc: Service, d: Path, port: int | None) -> None:
        try:
            svc.prepare(d, port)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=prep, args=item, daemon=True) for item in plan]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    try:
        for svc, _, _ in plan:  # spawn from this (main) thread: see die_with_parent
            svc.spawn()
        for svc, _, _ in plan:
            svc.wait_ready()
        for svc, _, _ in plan:
            svc.after_start()
    except BaseException:
        for svc, _, _ in reversed(plan):
            svc.stop()
        raise
    return [svc.url for svc, _, _ in plan]


def stop_all() -> None:
    """Stop every service this process started and has not stopped yet (newest first)."""
    with _live_lock:
        live = list(reversed(_live))
    for svc in live:
        try:
            svc.stop()
        except Exception as exc:  # keep stopping the others
            _say(f"stopping {svc.name} failed: {exc}")


atexit.register(stop_all)


def interrupt_on_signals(signals: Sequence[int] = (signal.SIGTERM, signal.SIGHUP)) -> None:
    """Turn SIGTERM/SIGHUP into KeyboardInterrupt in the main thread, so that ``finally`` blocks,
    pytest's teardown and ``atexit`` run (the default action would just kill the process and leave
    the parent-death signal as the only cleanup). Only replaces default handlers."""
    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signal.Signals(signum).name}")

    for sig in signals:
        if signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, handler)
