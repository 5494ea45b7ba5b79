"""Booking storm (放号): N patients try to book one popular doctor's released slots at the same instant.

    .venv/bin/python bench/booking_storm.py [--patients 5000] [--slots 300] [--rounds 3]
    make bench                                  (runs every bench/*.py against throwaway servers)

Setup: PostgreSQL and Redis from YQ_DATABASE_URL / YQ_REDIS_URL when set (``make bench``), else
started here (devtools.services) in a temp dir and migrated; the broker is always our own Mosquitto
(the BFF runs with YQ_ENV=production, which needs a non-default gateway password). The benchmark
brings its own institution, department and doctor, and makes the patients fast, straight in SQL
(accounts, SM4-encrypted profiles, links; one COPY each) with tokens from
``yiqiao.auth.sessions.issue_pair`` — the same tokens an SMS login hands out.

The server is the real patient BFF with production settings (docker/entrypoint.sh): granian
(``bff_common.serve:app``), ``--workers 2`` (one per core), uvloop, no access log, YQ_ENV=production
(keys from a keys file, no /dev routes). ``--server uvicorn`` (httptools, uvloop) and ``--workers 1``
give the earlier setups, for comparison.

Each round releases a fresh morning session of the doctor (``--slots`` app slots in 30-minute
bands), then ``--procs`` load processes (raw HTTP/1.1 keep-alive over asyncio + uvloop, a shared
pool of ``--conns`` connections per process; cheap, so the client steals little CPU from the
server on a 2-core box) start together at one wall-clock instant: every patient sends one
``POST /bookings`` with its own Idempotency-Key. Then ``GET /health`` is driven the same way on the
same server (``--health-requests``), for the ratio. After each round the database is counted:
slot counters + bookings must agree exactly (capacity − remaining = active bookings, per counter),
nobody holds two bookings, the 201s equal the rows, nothing is oversold; and the availability
cache in front of the database (Redis, ``scheduling/service/availability_cache.py``) must say
exactly what the database says, pool by pool, when it has an entry for the session.

Where the time went: "sold out after" is when the last 201 was answered, "then …/s" the answer rate
after it (refusals only). "CPU µs per attempt" splits the machine's CPU over the phase by process
tree (read from /proc): the BFF, PostgreSQL and Redis (when started here), the load generator, and
"other" — everything else that ran meanwhile (someone else's tests), so a noisy run shows as such.

A table per round, the medians, then ONE final JSON line (medians over the rounds). Targets on a
2-core machine: ≥ 5,000 attempts/s, p99 < 500 ms, attempts/s ÷ health rps ≥ 0.25. These are
figures to compare, not a pass/fail test: the exit status is non-zero only when the counts
disagree, something was oversold, or a 5xx was answered.

``--profile FILE`` runs the BFF under cProfile (one uvicorn process; written when the server stops)
to find the hot path.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import load  # noqa: E402
from bench.harness.server import patient_bff, pct  # noqa: E402
from devtools.services import (  # noqa: E402
    Mosquitto,
    Postgres,
    Redis,
    start_all,
    stop_all,
)

PY = sys.executable
BIN = Path(PY).parent
BAND_MINUTES = 30


def say(msg: str) -> None:
    print(f"[storm] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# the servers


@dataclass
class Stack:
    dir: Path
    env: dict[str, str]  # for our own process and the CLI (YQ_ENV=test)
    bff_env: dict[str, str]  # for the BFF (YQ_ENV=production)
    pids: dict[str, int]  # postgres / redis server pids when started here (for CPU accounting)


def _cli(env: dict[str, str], *args: str) -> None:
    r = subprocess.run(
        [str(BIN / "yiqiao"), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if r.returncode != 0:
        raise SystemExit(f"yiqiao {' '.join(args)} failed:\n{(r.stdout + r.stderr)[-3000:]}")


@contextlib.contextmanager
def stack() -> Iterator[Stack]:
    base = Path(tempfile.mkdtemp(prefix="yiqiao-bench-storm-"))
    os.chmod(base, 0o755)  # the postgres and mosquitto users must traverse it
    env = dict(os.environ)
    owned = not env.get("YQ_DATABASE_URL")
    try:
        mq = Mosquitto(durable=False)
        plan: list[Any] = [(mq, base / "mosquitto", None)]
        if owned:
            pg, rd = Postgres(durable=True), Redis(durable=False)
            plan = [(pg, base / "pg", None), (rd, base / "redis", None), *plan]
        say("starting " + ", ".join(s.name for s, _, _ in plan))
        start_all(plan)
        if owned:
            env.update(YQ_DATABASE_URL=pg.url, YQ_REDIS_URL=rd.url, YQ_ENV="test")
            env["YQ_KEYS_FILE"] = str(base / "keys.json")
            env["YQ_DATA_DIR"] = str(base)
        env["YQ_MQTT_URL"] = mq.url
        env["YQ_MQTT_GATEWAY_PASSWORD"] = "bench-" + secrets.token_hex(8)  # production refuses the dev one
        env.setdefault("YQ_ENV", "test")
        env.setdefault("YQ_DATA_DIR", str(base))
        env.setdefault("YQ_KEYS_FILE", str(base / "keys.json"))
        env["PYTHONUNBUFFERED"] = "1"
        os.environ.update(env)  # before anything imports yiqiao (settings are read once)
        if owned:
            say("migrate")
            _cli(env, "migrate")
        from yiqiao.kit.keys import load_keys
        from yiqiao.settings import get_settings

        load_keys(get_settings())  # creates the keys file (test mode) that production then reads
        _cli(env, "broker-files", str(mq.dir))
        mq.reload()
        bff_env = {**env, "YQ_ENV": "production", "YQ_LOG_LEVEL": "WARNING", "YIQIAO_BFF": "patient"}
        pids = {"postgres": pg.pid, "redis": rd.pid} if owned else {}
        yield Stack(base, env, bff_env, {k: v for k, v in pids.items() if v})
    finally:
        stop_all()
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# where the CPU went: per process tree, from /proc (Linux), so the figures say who used the cores


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_table() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds used so far)."""
    table: dict[int, tuple[int, float]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            table[int(d.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK)
    return table


def _tree_cpu(table: dict[int, tuple[int, float]], root: int) -> float:
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        kids.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += table.get(pid, (0, 0.0))[1]
        todo += kids.get(pid, [])
    return total


def _machine_busy_s() -> float:
    with contextlib.suppress(OSError):
        cpu = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        vals = [int(x) for x in cpu]
        return (sum(vals) - vals[3] - vals[4]) / _TICK  # minus idle and iowait
    return 0.0


@dataclass
class CpuMark:
    at: float
    machine: float
    trees: dict[str, float]


def cpu_mark(roots: dict[str, int]) -> CpuMark:
    table = _proc_table()
    trees = {k: _tree_cpu(table, pid) for k, pid in roots.items()}
    return CpuMark(time.monotonic(), _machine_busy_s(), trees)


def cpu_used(before: CpuMark, after: CpuMark, load_cpu_s: float) -> dict[str, float]:
    """CPU seconds per part between two marks; 'other' is whatever else ran on the machine then
    (other people's tests, say): the quieter the box, the closer to zero."""
    used = {k: after.trees[k] - before.trees.get(k, 0.0) for k in after.trees}
    used["load"] = load_cpu_s
    used["other"] = max(0.0, after.machine - before.machine - sum(used.values()))
    used["wall"] = after.at - before.at
    return {k: round(v, 2) for k, v in used.items()}


# ---------------------------------------------------------------------------------------------
# the hospital, the doctor, the patients


@dataclass
class World:
    doctor_id: uuid.UUID
    patients: list[tuple[uuid.UUID, uuid.UUID, str]]  # (account, patient, access token)


async def _copy(table: str, columns: list[str], records: list[tuple[Any, ...]]) -> None:
    from yiqiao import db

    async with db.transaction():
        txn = db.engine().current_transaction.get()
        assert txn is not None
        await txn.connection.copy_records_to_table(table, columns=columns, records=records)


async def world(n_patients: int) -> World:
    from yiqiao import db
    from yiqiao.auth import sessions
    from yiqiao.kit.idcard import make_id_number
    from yiqiao.kit.pii import blind_index, encrypt_pii

    tag = secrets.token_hex(3).upper()
    inst, dept, doctor = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await db.execute(
        "INSERT INTO institution (id, code, name, short_name, kind, address, created_at)"
        " VALUES ({}, {}, {}, '压测', 'county_hospital', '', now())",
        inst,
        f"STORM-{tag}",
        f"压测县医院{tag}",
    )
    await db.execute(
        "INSERT INTO department (id, institution, code, name, kind, created_at)"
        " VALUES ({}, {}, {}, '压测心内科', 'clinical', now())",
        dept,
        inst,
        f"STORM-{tag}-CARD",
    )
    await db.execute(
        "INSERT INTO staff (id, institution, department, username, password_hash, name, role, title,"
        " failed_logins, active, created_at) VALUES ({}, {}, {}, {}, '!', '热门医生', 'doctor', '主任医师',"
        " 0, true, now())",
        doctor,
        inst,
        dept,
        f"storm.{tag.lower()}",
    )
    t = time.monotonic()
    now = dt.datetime.now(dt.UTC)
    accounts, profiles, links = [], [], []
    base = int(tag, 16) * 10_000
    for i in range(n_patients):
        acc, pat = uuid.uuid4(), uuid.uuid4()
        phone = f"17{(base + i) % 1_000_000_000:09d}"
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 7) % 20000)
        number = make_id_number("110101", birth, f"{(base + i) % 1000:03d}")
        accounts.append((acc, encrypt_pii(phone), blind_index("phone", phone), now))
        profiles.append(
            (
                pat,
                encrypt_pii(f"压测{i}"),
                encrypt_pii(number),
                blind_index("id_number", number + tag + str(i)),
                birth,
                "F" if i % 2 else "M",
                now,
            )
        )
        links.append((uuid.uuid4(), acc, pat, "self", now))
    await _copy("account", ["id", "phone_enc", "phone_bidx", "created_at"], accounts)
    await _copy(
        "patient",
        ["id", "name_enc", "id_number_enc", "id_number_bidx", "birth_date", "sex", "created_at"],
        profiles,
    )
    await _copy("account_patient", ["id", "account", "patient", "relationship", "created_at"], links)
    patients = []
    for acc, _, _, _ in accounts:
        pair = await sessions.issue_pair(acc, "patient", {"kind": "patient"})
        patients.append(pair.access_token)
    say(f"{n_patients} patients with tokens in {time.monotonic() - t:.1f}s")
    return World(doctor, [(a[0], p[0], tok) for a, p, tok in zip(accounts, profiles, patients, strict=True)])


async def release_session(w: World, rnd: int, slots: int) -> dict[str, Any]:
    """A fresh morning session of the doctor, ``slots`` app slots in 30-minute bands, released now."""
    from yiqiao import db
    from yiqiao.kit import clock
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling.service import schedules
    from yiqiao.scheduling.types import ScheduleSpec

    bands = 6
    per_band = -(-slots // bands)
    day = clock.local(clock.now()).date() + dt.timedelta(days=1 + rnd)
    schedule_id = await schedules.create_schedule(
        SYSTEM,
        ScheduleSpec(
            doctor_id=w.doctor_id,
            day=day,
            session="morning",
            reg_type="expert",
            start_local="08:00",
            end_local=f"{8 + bands * BAND_MINUTES // 60:02d}:00",
            band_minutes=BAND_MINUTES,
            quotas={"app": per_band},
            fee_fen=2000,
        ),
    )
    # Exactly ``slots``: trim the last bands' counters, then release (放号) now.
    extra = per_band * bands - slots
    if extra:
        await db.execute(
            "UPDATE slot_pool SET capacity = capacity - 1, remaining = remaining - 1 WHERE id IN"
            " (SELECT id FROM slot_pool WHERE schedule_id = {} ORDER BY band_start DESC LIMIT {})",
            schedule_id,
            extra,
        )
    await db.execute("UPDATE schedule SET release_at = {} WHERE id = {}", clock.now(), schedule_id)
    rows = await db.fetch("SELECT * FROM schedule WHERE id = {}", schedule_id)
    return rows[0]


# ---------------------------------------------------------------------------------------------
# a load run: procs × conns connections, every request once, all starting at one instant


def run_load(
    st: Stack, port: int, roots: dict[str, int], requests: list[bytes], a: argparse.Namespace, tag: str
) -> tuple[list[Any], dict[str, float]]:
    """Every request once, all load processes starting at one instant; returns the samples
    (index, start, end, status, "") and the CPU seconds each part of the machine used meanwhile."""
    run = load.start(st.dir, port, requests, procs=a.procs, conns=a.conns, tag=tag)
    before = cpu_mark(roots)
    run.go()
    samples, load_cpu = run.collect(timeout=600)
    return samples, cpu_used(before, cpu_mark(roots), load_cpu)


def rate_between(samples: list[Any], after: float) -> float:
    ends = sorted(e for _, _, e, _, _ in samples if e > after)
    return len(ends) / max(ends[-1] - after, 1e-9) if ends else 0.0


def rate(samples: list[Any]) -> float:
    return len(samples) / max(max(s[2] for s in samples) - min(s[1] for s in samples), 1e-9)


# ---------------------------------------------------------------------------------------------
# the counts after a round


async def counts(schedule_id: uuid.UUID, slots: int) -> dict[str, int]:
    from yiqiao import db
    from yiqiao.scheduling.lifecycle import ACTIVE

    active = list(ACTIVE)
    pools = await db.fetch(
        "SELECT p.capacity, p.remaining, (SELECT count(*) FROM appointment a WHERE a.slot_pool_id = p.id"
        " AND a.status = ANY({})) AS booked FROM slot_pool p WHERE p.schedule_id = {}",
        active,
        schedule_id,
    )
    doubles = await db.fetch(
        "SELECT count(*) AS n FROM (SELECT patient_id FROM appointment WHERE schedule_id = {}"
        " AND status = ANY({}) GROUP BY patient_id HAVING count(*) > 1) t",
        schedule_id,
        active,
    )
    booked = sum(int(p["booked"]) for p in pools)
    capacity = sum(int(p["capacity"]) for p in pools)
    remaining = sum(int(p["remaining"]) for p in pools)
    # The availability cache (Redis) must say exactly what the database says, pool by pool, if it
    # has an entry for the session at all (it may have none: then every attempt asked the database).
    per_pool = await db.fetch(
        "SELECT pool, sum(remaining) AS n FROM slot_pool WHERE schedule_id = {} GROUP BY pool", schedule_id
    )
    try:
        from yiqiao.scheduling.service import availability_cache
    except ImportError:  # a tree from before the cache (comparing with it)
        cached = None
    else:
        cached = await availability_cache.counts_of(schedule_id)
    in_db = {r["pool"]: int(r["n"]) for r in per_pool}
    return {
        "cache_entry": cached is not None,
        "cache_pools_disagreeing": 0
        if cached is None
        else sum(1 for pool in in_db.keys() | cached.keys() if cached.get(pool) != in_db.get(pool)),
        "capacity": capacity,
        "remaining": remaining,
        "booked_in_db": booked,
        "patients_with_two_bookings": int(doubles[0]["n"]),
        "counters_disagreeing": sum(1 for p in pools if p["capacity"] - p["remaining"] != p["booked"]),
        "oversold": max(0, booked - slots)
        + sum(max(0, int(p["booked"]) - int(p["capacity"])) for p in pools),
    }


# ---------------------------------------------------------------------------------------------


def per_request_us(cpu: dict[str, float], n: int) -> dict[str, float]:
    """CPU microseconds per request, per part of the machine (and the wall time of the phase)."""
    return {k: round(v / n * 1e6) if k != "wall" else v for k, v in cpu.items()}


async def one_round(
    st: Stack, port: int, roots: dict[str, int], w: World, rnd: int, a: argparse.Namespace
) -> dict[str, Any]:
    s = await release_session(w, rnd, a.slots)
    reqs = []
    for _acc, pat, token in w.patients:
        body = json.dumps({"schedule_id": str(s["id"]), "patient_id": str(pat)}).encode()
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": f"storm-{uuid.uuid4().hex}"}
        headers["Content-Type"] = "application/json"
        reqs.append(load.request("POST", "/bookings", headers, body))
    storm, storm_cpu = run_load(st, port, roots, reqs, a, f"storm{rnd}")
    health, health_cpu = run_load(
        st, port, roots, [load.request("GET", "/health", {})] * a.health_requests, a, f"health{rnd}"
    )
    lat = [(e - b) * 1000 for _, b, e, _, _ in storm]
    statuses: dict[int, int] = {}
    for _, _, _, code, _ in storm:
        statuses[code] = statuses.get(code, 0) + 1
    c = await counts(s["id"], a.slots)
    t0 = min(b for _, b, _, _, _ in storm)
    won = [(b, e) for _, b, e, code, _ in storm if code == 201]
    row = {
        "round": rnd,
        "attempts": len(storm),
        "attempts_per_s": round(rate(storm)),
        "p50_ms": round(pct(lat, 50), 1),
        "p99_ms": round(pct(lat, 99), 1),
        "bookings_made": statuses.get(201, 0),
        "p50_201_ms": round(pct([(e - b) * 1000 for b, e in won], 50), 1),
        "last_201_at_s": round(max((e for _, e in won), default=t0) - t0, 2),
        "last_answer_at_s": round(max(e for _, _, e, _, _ in storm) - t0, 2),
        # answers/s once every slot is gone (the steady refusal rate, cache or not)
        "after_sellout_per_s": round(rate_between(storm, max((e for _, e in won), default=t0))),
        "http_5xx": sum(n for code, n in statuses.items() if code >= 500),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "health_rps": round(rate(health)),
        "health_non_200": sum(1 for _, _, _, code, _ in health if code != 200),
        **c,
    }
    row["ratio"] = round(row["attempts_per_s"] / max(row["health_rps"], 1), 3)
    row["cpu_us_per_attempt"] = per_request_us(storm_cpu, len(storm))
    row["cpu_us_per_health"] = per_request_us(health_cpu, len(health))
    row["db_agrees"] = (
        row["bookings_made"] == c["booked_in_db"]
        and c["booked_in_db"] + c["remaining"] == c["capacity"]
        and c["counters_disagreeing"] == 0
        and c["cache_pools_disagreeing"] == 0
    )
    return row


def print_round(r: dict[str, Any]) -> None:
    print(
        f"round {r['round']}: {r['attempts']:,} attempts {r['attempts_per_s']:>6,}/s"
        f" | p50 {r['p50_ms']:>6} ms p99 {r['p99_ms']:>6} ms | booked {r['bookings_made']}"
        f" (db {r['booked_in_db']}, left {r['remaining']}) | oversold {r['oversold']}"
        f" | doubles {r['patients_with_two_bookings']} | cache {'=' if r['cache_entry'] else 'none'}"
        f"{'' if not r['cache_pools_disagreeing'] else ' DISAGREES'} |"
        f" 5xx {r['http_5xx']} | health {r['health_rps']:,}/s | ratio {r['ratio']:.2f} | {r['statuses']}"
        f" | sold out after {r['last_201_at_s']} s, then {r['after_sellout_per_s']:,}/s",
        flush=True,
    )
    for what, key in (("attempt", "cpu_us_per_attempt"), ("/health", "cpu_us_per_health")):
        c = dict(r[key])
        wall = c.pop("wall")
        parts = ", ".join(f"{k} {v}" for k, v in c.items())
        print(f"         CPU µs per {what}: {parts} (phase {wall:.2f} s)", flush=True)


def summary(rows: list[dict[str, Any]], a: argparse.Namespace) -> int:
    keys = ("attempts_per_s", "p50_ms", "p99_ms", "health_rps", "ratio")
    med = {k: statistics.median(r[k] for r in rows) for k in keys}
    print()
    print(
        f"booking storm — {a.patients:,} patients × 1 attempt for {a.slots} slots, {a.procs} load processes"
        f" × {a.conns} connections, {a.server} × {a.workers} worker(s), {len(rows)} rounds (medians)"
    )
    table = [
        ("attempts/s", f"{med['attempts_per_s']:,.0f}", "target ≥ 5,000"),
        ("latency p50 / p99", f"{med['p50_ms']:.1f} / {med['p99_ms']:.1f} ms", "target p99 < 500 ms"),
        ("/health rps (same server, same run)", f"{med['health_rps']:,.0f}", ""),
        ("ratio attempts/s ÷ health rps", f"{med['ratio']:.2f}", "target ≥ 0.25"),
        ("bookings made (all rounds)", f"{sum(r['bookings_made'] for r in rows):,}", f"{a.slots} per round"),
        (
            "oversold / doubles / 5xx",
            f"{sum(r['oversold'] for r in rows)} / "
            f"{sum(r['patients_with_two_bookings'] for r in rows)} / {sum(r['http_5xx'] for r in rows)}",
            "all 0",
        ),
        ("database and cache agree with the 201s", str(all(r["db_agrees"] for r in rows)), "True"),
    ]
    for name, value, target in table:
        print(f"  {name:<40} {value:>22}   {target}")
    final = {
        "attempts_per_s": round(med["attempts_per_s"]),
        "p50_ms": med["p50_ms"],
        "p99_ms": med["p99_ms"],
        "bookings_made": statistics.median(r["bookings_made"] for r in rows),
        "oversold": sum(r["oversold"] for r in rows),
        "patients_with_two_bookings": sum(r["patients_with_two_bookings"] for r in rows),
        "http_5xx": sum(r["http_5xx"] for r in rows),
        "health_rps": round(med["health_rps"]),
        "ratio": round(med["ratio"], 3),
        "db_and_cache_agree": all(r["db_agrees"] for r in rows),
        "rounds": len(rows),
        "patients": a.patients,
        "slots": a.slots,
        "per_round": rows,
    }
    print(json.dumps(final), flush=True)
    bad = final["oversold"] or final["patients_with_two_bookings"] or final["http_5xx"]
    return 1 if bad or not final["db_and_cache_agree"] else 0


async def bench(a: argparse.Namespace, st: Stack) -> int:
    from yiqiao import db
    from yiqiao.kit.redis import close_redis

    await db.start_pool()
    rows: list[dict[str, Any]] = []
    try:
        w = await world(a.patients)
        with patient_bff(st.dir, st.bff_env, a) as (port, pid):
            roots = {"bff": pid, **st.pids}
            say(f"patient BFF ({a.server}, {a.workers} worker(s)) on :{port}; {a.rounds} rounds")
            for rnd in range(1, a.rounds + 1):
                row = await one_round(st, port, roots, w, rnd, a)
                rows.append(row)
                print_round(row)
    finally:
        await db.close_pool()
        await close_redis()
    return summary(rows, a)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--patients", type=int, default=5000)
    p.add_argument("--slots", type=int, default=300)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--procs", type=int, default=2, help="load generator processes")
    p.add_argument("--conns", type=int, default=64, help="keep-alive connections per load process")
    p.add_argument("--workers", type=int, default=2, help="server worker processes (one per core)")
    p.add_argument("--server", choices=("granian", "uvicorn"), default="granian", help="the ASGI server")
    p.add_argument("--server-args", default="", help="more options for the server, e.g. '--runtime-mode st'")
    p.add_argument("--health-requests", type=int, default=10000)
    p.add_argument("--profile", default="", metavar="FILE", help="cProfile the BFF into FILE")
    return p.parse_args(argv)


def main() -> int:
    a = parse()
    with stack() as st:
        return asyncio.run(bench(a, st))


if __name__ == "__main__":
    sys.exit(main())
