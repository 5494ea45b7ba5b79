"""The load generator: ``procs`` processes × ``conns`` raw HTTP/1.1 keep-alive connections (asyncio
+ uvloop; cheap, so the client steals little CPU from the server on a 2-core box), every request
sent once, all processes starting at one wall-clock instant.

    run = start(dir, port, requests, procs=2, conns=64, tag="storm1", keep_body=False)
    run.go()                      # everyone starts 0.3 s from now
    samples, cpu_s = run.collect()

A sample is ``[index, start, end, status, body_hex]`` (``index`` into ``requests``; the body only with
``keep_body``); ``cpu_s`` is the CPU the load processes used. Run as ``python -m bench.harness.load``
for the child role."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from devtools.services import spawn, tail  # noqa: E402


def request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    """One raw HTTP/1.1 request (Host and Content-Length are set here)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers.items() if k.lower() not in ("content-length", "host")]
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class LoadRun:
    procs: list[tuple[Popen[bytes], Path]]
    log: Path

    def go(self) -> None:
        start_at = time.time() + 0.3  # connections are opened by then; everyone starts together
        for _, out in self.procs:
            Path(str(out) + ".go").write_text(repr(start_at))

    def collect(self, timeout: float = 900) -> tuple[list[list[Any]], float]:
        samples: list[list[Any]] = []
        cpu_s = 0.0
        for p, out in self.procs:
            if p.wait(timeout=timeout) != 0:
                raise SystemExit(f"load process failed:\n{tail(self.log)}")
            got = json.loads(out.read_text())
            samples += got["samples"]
            cpu_s += got["cpu_s"]
        return samples, cpu_s


def start(
    work: Path, port: int, requests: list[bytes], *, procs: int, conns: int, tag: str, keep_body: bool = False
) -> LoadRun:
    """Spawn the load processes (each takes every ``procs``-th request) and wait until each has
    its connections ready; ``go()`` then starts them."""
    started = []
    for i in range(procs):
        req_file = work / f"{tag}-{i}.req"
        req_file.write_text("\n".join(f"{n}:{r.hex()}" for n, r in enumerate(requests) if n % procs == i))
        out = work / f"{tag}-{i}.json"
        argv = [sys.executable, "-m", "bench.harness.load", "--out", str(out), "--requests", str(req_file)]
        argv += ["--port", str(port), "--conns", str(conns)] + (["--keep-body"] if keep_body else [])
        started.append((spawn(argv, log_path=work / "logs" / f"load-{tag}-{i}.log", cwd=ROOT), out))
    log = work / "logs" / f"load-{tag}-0.log"
    deadline = time.monotonic() + 60
    for p, out in started:
        while not Path(str(out) + ".ready").exists():
            if p.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"load process did not start:\n{tail(log)}")
            time.sleep(0.01)
    return LoadRun(started, log)


# ---------------------------------------------------------------------------------------------
# the child role


async def _conn(
    a: argparse.Namespace, queue: list[tuple[int, bytes]], out: list[list[Any]], at: float
) -> None:
    reader, writer = await asyncio.open_connection(a.host, a.port)
    delay = at - time.time()
    if delay > 0:
        await asyncio.sleep(delay)
    try:
        while queue:
            idx, req = queue.pop()
            t0 = time.time()
            writer.write(req)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
                    break
            body = await reader.readexactly(length) if length else b""
            out.append([idx, t0, time.time(), status, body.hex() if a.keep_body else ""])
    finally:
        writer.close()


async def _fire(a: argparse.Namespace, reqs: list[tuple[int, bytes]], at: float) -> list[list[Any]]:
    out: list[list[Any]] = []
    await asyncio.gather(*(_conn(a, reqs, out, at) for _ in range(min(a.conns, len(reqs)))))
    return out


def main() -> None:
    import uvloop

    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--requests", required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--conns", type=int, default=64)
    p.add_argument("--keep-body", action="store_true")
    a = p.parse_args()
    reqs: list[tuple[int, bytes]] = []
    for line in Path(a.requests).read_text().split():
        idx, _, hexreq = line.partition(":")
        reqs.append((int(idx), bytes.fromhex(hexreq)))
    reqs.reverse()  # popped from the end: first line first
    go = Path(a.out + ".go")
    Path(a.out + ".ready").touch()
    while not go.exists():
        time.sleep(0.005)
    at = float(go.read_text() or 0)
    cpu0 = time.process_time()
    out = uvloop.run(_fire(a, reqs, at))
    Path(a.out).write_text(json.dumps({"samples": out, "cpu_s": time.process_time() - cpu0}))


if __name__ == "__main__":
    main()
