"""Payment callbacks (支付结果通知): the notify endpoint under every callback at once.

    .venv/bin/python bench/payment_callbacks.py [--orders 2000] [--forged 200] [--tampered 200] [--rounds 3]
    make bench                                  (runs every bench/*.py against throwaway servers)

Setup: PostgreSQL and Redis from YQ_DATABASE_URL / YQ_REDIS_URL when set (``make bench``), else
started here (devtools.services) in a temp dir and migrated. The benchmark brings its own
institution and patients (straight in SQL, one COPY each).

Each round makes ``--orders`` orders through the core services (``orders.create_order`` and
``payments.start_payment``, which places each at its provider's sandbox: WeChat Pay, Alipay,
UnionPay and credit care in turn, ``--providers``), and the simulated payers pay them in the
sandbox wallet. The sandbox queues one genuine signed callback per paid order; the benchmark takes
them from its queue and signs them as its delivery loop would, each to be sent ``--copies`` (3)
times. Mixed in: ``--forged`` callbacks claiming unpaid decoy orders were paid, signed with a key
that is not the provider's, and ``--tampered`` genuine callbacks of paid decoy orders whose amount
was changed after signing (WeChat's and e-CNY's resources re-encrypted with the shared key, as
someone holding it could). All of it, shuffled, goes to the real patient BFF over HTTP
(``POST /payments/notify/{provider}``) with production settings (docker/entrypoint.sh): granian
(``bff_common.serve:app``), ``--workers 2``, uvloop, YQ_ENV=production, in its own process
(``--server uvicorn`` / ``--workers 1`` for comparison; ``--profile FILE`` runs one uvicorn process
under cProfile), from ``--procs`` load processes with ``--conns`` keep-alive connections each, as fast as
the endpoint takes them.

After each round the database is counted: every genuine order paid exactly once (one ledger
entry, status paid), no decoy paid, the ledger's total for the round's orders equal to the sum of
the genuine payments, and each answer judged the way the provider judges it (every genuine copy
acknowledged, no forged or tampered one). A table per round, the medians, then ONE final JSON
line. The exit status is non-zero when any count is wrong or a 5xx was answered.

e-CNY (SM2 in pure Python, ~10 ms per verification) is left out by default; add it with
``--providers wechat,alipay,unionpay,credit,ecny`` to see what it costs.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import datetime as dt
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import load  # noqa: E402
from bench.harness.server import patient_bff, pct  # noqa: E402
from devtools.services import Postgres, Redis, start_all, stop_all  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent


def say(msg: str) -> None:
    print(f"[callbacks] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# the servers


@dataclass
class Stack:
    dir: Path
    env: dict[str, str]
    bff_env: dict[str, str]


def _cli(env: dict[str, str], *args: str) -> None:
    r = subprocess.run(
        [str(BIN / "yiqiao"), *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if r.returncode != 0:
        raise SystemExit(f"yiqiao {' '.join(args)} failed:\n{(r.stdout + r.stderr)[-3000:]}")


@contextlib.contextmanager
def stack() -> Iterator[Stack]:
    base = Path(tempfile.mkdtemp(prefix="yiqiao-bench-callbacks-"))
    os.chmod(base, 0o755)  # the postgres user must traverse it
    env = dict(os.environ)
    owned = not env.get("YQ_DATABASE_URL")
    try:
        if owned:
            pg, rd = Postgres(durable=True), Redis(durable=False)
            say("starting postgres, redis")
            start_all([(pg, base / "pg", None), (rd, base / "redis", None)])
            env.update(YQ_DATABASE_URL=pg.url, YQ_REDIS_URL=rd.url, YQ_ENV="test")
            env["YQ_KEYS_FILE"] = str(base / "keys.json")
            env["YQ_DATA_DIR"] = str(base)
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
        bff_env = {
            **env,
            "YQ_ENV": "production",
            "YQ_LOG_LEVEL": "ERROR",  # every refused forgery is logged at WARNING
            "YIQIAO_BFF": "patient",
            "YQ_MQTT_GATEWAY_PASSWORD": "bench-" + secrets.token_hex(8),  # production refuses the dev one
        }
        yield Stack(base, env, bff_env)
    finally:
        stop_all()
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# the hospital and its patients


@dataclass
class World:
    institution: uuid.UUID
    patients: list[tuple[uuid.UUID, uuid.UUID]]  # (account, patient)


async def _copy(table: str, columns: list[str], records: list[tuple[Any, ...]]) -> None:
    from yiqiao import db

    async with db.transaction():
        txn = db.engine().current_transaction.get()
        assert txn is not None
        await txn.connection.copy_records_to_table(table, columns=columns, records=records)


async def world(n_patients: int) -> World:
    from yiqiao import db
    from yiqiao.kit.idcard import make_id_number
    from yiqiao.kit.pii import blind_index, encrypt_pii

    tag = secrets.token_hex(3).upper()
    inst = uuid.uuid4()
    await db.execute(
        "INSERT INTO institution (id, code, name, short_name, kind, address, created_at)"
        " VALUES ({}, {}, {}, '压测', 'county_hospital', '', now())",
        inst,
        f"PAYCB-{tag}",
        f"回调压测县医院{tag}",
    )
    now = dt.datetime.now(dt.UTC)
    accounts, profiles, links = [], [], []
    base = int(tag, 16) * 1_000
    for i in range(n_patients):
        acc, pat = uuid.uuid4(), uuid.uuid4()
        phone = f"16{(base + i) % 1_000_000_000:09d}"
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=(i * 7) % 20000)
        number = make_id_number("110101", birth, f"{(base + i) % 1000:03d}")
        accounts.append((acc, encrypt_pii(phone), blind_index("phone", phone + tag), now))
        profiles.append(
            (
                pat,
                encrypt_pii(f"缴费{i}"),
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
    # Enrolled in credit care with room for every round's charges (the default line is ¥2,000).
    await _copy(
        "local_pay_credit_line",
        ["payer_ref", "limit_fen", "used_fen", "updated_at"],
        [(str(p[0]), 10**12, 0, now) for p in profiles],
    )
    return World(inst, [(a[0], p[0]) for a, p in zip(accounts, profiles, strict=True)])


# ---------------------------------------------------------------------------------------------
# one round's orders and callbacks


@dataclass
class Attempt:
    order_id: uuid.UUID
    provider: str
    out_trade_no: str
    prepay_id: str
    amount_fen: int
    role: str  # genuine | forged | tampered


@dataclass
class Round:
    attempts: list[Attempt] = field(default_factory=list)
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)  # (role, provider, raw)


async def _order_and_attempt(
    w: World, i: int, rnd: int, provider: str, role: str, sem: asyncio.Semaphore
) -> Attempt:
    from yiqiao.billing.service import orders, payments
    from yiqiao.billing.types import NewOrder, OrderItemIn, PayCommand
    from yiqiao.kit.actor import Actor

    account, patient = w.patients[i % len(w.patients)]
    actor = Actor(kind="patient", id=account)
    amount = 500 + (i * 7919 + rnd * 131) % 20_000
    async with sem:
        made = await orders.create_order(
            actor,
            NewOrder(
                patient_id=patient,
                kind="outpatient",
                title=f"门诊缴费-{role}-{i}",
                items=[OrderItemIn(code="LAB01", name="血常规", category="lab", unit_fen=amount, quantity=1)],
                institution_id=w.institution,
            ),
            f"cb-{rnd}-{role}-{i}-{uuid.uuid4().hex[:8]}",
        )
        start = await payments.start_payment(
            actor,
            made.id,
            PayCommand(provider=provider, channel="mini_program", payer_ref=str(patient)),  # type: ignore[arg-type]
            f"cbp-{rnd}-{role}-{i}-{uuid.uuid4().hex[:8]}",
        )
    return Attempt(made.id, provider, start.out_trade_no, start.payload.prepay_id, amount, role)


def _tamper(provider: str, wire: Any, body: bytes) -> bytes:
    """The amount changed after signing (by someone who can read, even decrypt, the body)."""
    if provider in ("alipay", "unionpay"):
        params = dict(parse_qsl(body.decode()))
        params["total_amount" if provider == "alipay" else "txnAmt"] = "0.01" if provider == "alipay" else "1"
        return urlencode(params).encode()
    envelope = json.loads(body)
    if provider == "credit":
        envelope["data"]["amount"] = 1
        return json.dumps(envelope, separators=(",", ":")).encode()
    if provider == "wechat":
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        r = envelope["resource"]
        aes = AESGCM(wire.material.secret.encode())
        nonce, aad = r["nonce"].encode(), r["associated_data"].encode()
        plain = json.loads(aes.decrypt(nonce, base64.b64decode(r["ciphertext"]), aad))
        plain["amount"]["total"] = 1
        r["ciphertext"] = base64.b64encode(aes.encrypt(nonce, json.dumps(plain).encode(), aad)).decode()
        return json.dumps(envelope, separators=(",", ":")).encode()
    from yiqiao.integrations.payment.ecny import sm4_cbc_decrypt, sm4_cbc_encrypt

    data = json.loads(sm4_cbc_decrypt(wire.data_key, envelope["encData"]))
    data["amount"] = 1
    envelope["encData"] = sm4_cbc_encrypt(wire.data_key, json.dumps(data).encode())
    return json.dumps(envelope).encode()


async def prepare_round(w: World, rnd: int, a: argparse.Namespace) -> Round:
    import msgspec
    from yiqiao import db
    from yiqiao.integrations.payment.local import keys, wallet
    from yiqiao.integrations.payment.local.provider import local_provider
    from yiqiao.integrations.payment.wire import CallbackEvent
    from yiqiao.kit import clock

    providers = a.providers.split(",")
    sem = asyncio.Semaphore(a.setup_concurrency)
    t = time.monotonic()
    jobs = [(i, providers[i % len(providers)], "genuine") for i in range(a.orders)]
    jobs += [(a.orders + i, providers[i % len(providers)], "forged") for i in range(a.forged)]
    jobs += [(a.orders + a.forged + i, providers[i % len(providers)], "tampered") for i in range(a.tampered)]
    attempts = await asyncio.gather(*(_order_and_attempt(w, i, rnd, p, role, sem) for i, p, role in jobs))
    say(f"round {rnd}: {len(attempts)} orders placed in {time.monotonic() - t:.1f}s")
    t = time.monotonic()

    async def pay(at: Attempt) -> None:
        async with sem:
            await wallet.pay(at.prepay_id)

    # Genuine and tampered orders are paid at the provider; forged ones never are.
    await asyncio.gather(*(pay(at) for at in attempts if at.role != "forged" and at.provider != "credit"))
    say(f"round {rnd}: paid in the sandbox wallets in {time.monotonic() - t:.1f}s")

    # What the sandbox owes us: one genuine callback per paid order, signed as delivery would.
    t = time.monotonic()
    refs = [at.out_trade_no for at in attempts]
    rows = await db.fetch(
        "SELECT id, provider, reference, event FROM local_pay_callback"
        " WHERE reference = ANY({}) AND kind = 'trade' AND status = 'queued'",
        refs,
    )
    events = {r["reference"]: msgspec.json.decode(r["event"], type=CallbackEvent) for r in rows}
    wires = {p: await local_provider(p).wire() for p in providers}  # type: ignore[arg-type]
    forgers = {p: type(wires[p])(_forger_keys(wires[p].material, keys)) for p in providers}
    rd = Round(attempts=list(attempts))
    for at in attempts:
        path = f"/payments/notify/{at.provider}"
        wire = wires[at.provider]
        if at.role == "forged":
            now = clock.now()
            claim = CallbackEvent(
                kind="trade",
                notify_id=f"FORGED{uuid.uuid4().hex}",
                out_trade_no=at.out_trade_no,
                txn_id=f"F{uuid.uuid4().int % 10**20:020d}",
                total_fen=at.amount_fen,
                state="succeeded",
                at=now,
                created_at=now,
            )
            headers, body = await forgers[at.provider].encode(claim)
            rd.requests.append(("forged", at.provider, load.request("POST", path, headers, body)))
            continue
        event = events.get(at.out_trade_no)
        if event is None or event.state != "succeeded":
            raise SystemExit(f"no success callback queued for {at.out_trade_no} ({at.provider})")
        headers, body = await wire.encode(event)
        if at.role == "tampered":
            rd.requests.append(
                (
                    "tampered",
                    at.provider,
                    load.request("POST", path, headers, _tamper(at.provider, wire, body)),
                )
            )
        else:
            raw = load.request("POST", path, headers, body)
            rd.requests += [("genuine", at.provider, raw)] * a.copies  # redeliveries of one notification
    # The bench delivers these itself; the sandbox's queue is told so (decoys' callbacks withheld).
    roles = {at.out_trade_no: at.role for at in attempts}
    await db.execute(
        "UPDATE local_pay_callback SET status = 'delivered', attempts = {}, delivered_at = now()"
        " WHERE id = ANY({})",
        a.copies,
        [r["id"] for r in rows if roles[r["reference"]] == "genuine"],
    )
    await db.execute(
        "UPDATE local_pay_callback SET status = 'abandoned', last_error = 'withheld by the benchmark'"
        " WHERE id = ANY({})",
        [r["id"] for r in rows if roles[r["reference"]] != "genuine"],
    )
    random.Random(a.seed + rnd).shuffle(rd.requests)
    say(f"round {rnd}: {len(rd.requests)} callbacks signed in {time.monotonic() - t:.1f}s")
    return rd


def _forger_keys(material: Any, keys: Any) -> Any:
    """The provider's ids and key serial, but a private key of the forger's own."""
    import msgspec

    other = keys.generate(material.provider)
    return msgspec.structs.replace(
        material, platform_private=other.platform_private, platform_public=other.platform_public
    )


# ---------------------------------------------------------------------------------------------
# a load run: procs × conns connections, every request once, all starting at one instant


def run_load(st: Stack, port: int, requests: list[bytes], a: argparse.Namespace, tag: str) -> list[Any]:
    """Every request once, all load processes at one instant; samples keep the answers' bodies (a
    provider's ack decides whether it counts as accepted)."""
    run = load.start(st.dir, port, requests, procs=a.procs, conns=a.conns, tag=tag, keep_body=True)
    run.go()
    return run.collect()[0]


# ---------------------------------------------------------------------------------------------
# the counts after a round


async def counts(rd: Round) -> dict[str, int]:
    from yiqiao import db

    genuine = [at for at in rd.attempts if at.role == "genuine"]
    decoys = [at for at in rd.attempts if at.role != "genuine"]
    ids = [at.order_id for at in rd.attempts]
    rows = await db.fetch(
        "SELECT o.id, o.status, o.paid_fen, (SELECT count(*) FROM billing_ledger l WHERE l.order_id = o.id"
        " AND l.entry = 'payment') AS payments, (SELECT coalesce(sum(l.amount_fen), 0) FROM billing_ledger l"
        " WHERE l.order_id = o.id) AS booked FROM billing_order o WHERE o.id = ANY({})",
        ids,
    )
    by_id = {r["id"]: r for r in rows}
    paid_once = sum(
        1
        for at in genuine
        if by_id[at.order_id]["status"] == "paid"
        and by_id[at.order_id]["payments"] == 1
        and by_id[at.order_id]["paid_fen"] == at.amount_fen
    )
    decoys_paid = sum(1 for at in decoys if by_id[at.order_id]["payments"] or by_id[at.order_id]["paid_fen"])
    return {
        "genuine_orders": len(genuine),
        "genuine_paid_exactly_once": paid_once,
        "genuine_paid_twice_or_more": sum(1 for at in genuine if by_id[at.order_id]["payments"] > 1),
        "decoys_paid": decoys_paid,
        "ledger_total_fen": int(sum(int(r["booked"]) for r in rows)),
        "genuine_total_fen": sum(at.amount_fen for at in genuine),
    }


async def one_round(st: Stack, port: int, w: World, rnd: int, a: argparse.Namespace) -> dict[str, Any]:
    from yiqiao.integrations.payment.local.provider import local_provider

    rd = await prepare_round(w, rnd, a)
    samples = run_load(st, port, [raw for _, _, raw in rd.requests], a, f"round{rnd}")
    wires = {p: await local_provider(p).wire() for p in a.providers.split(",")}  # type: ignore[arg-type]
    judged: dict[str, list[bool]] = {"genuine": [], "forged": [], "tampered": []}
    statuses: dict[int, int] = {}
    for idx, _t0, _t1, status, body_hex in samples:
        role, provider, _ = rd.requests[idx]
        judged[role].append(wires[provider].accepted(status, bytes.fromhex(body_hex)))
        statuses[status] = statuses.get(status, 0) + 1
    lat = [(t1 - t0) * 1000 for _, t0, t1, _, _ in samples]
    span = max(s[2] for s in samples) - min(s[1] for s in samples)
    c = await counts(rd)
    row = {
        "round": rnd,
        "callbacks": len(samples),
        "callbacks_per_s": round(len(samples) / max(span, 1e-9)),
        "p50_ms": round(pct(lat, 50), 1),
        "p99_ms": round(pct(lat, 99), 1),
        "genuine_acknowledged": sum(judged["genuine"]),
        "genuine_sent": len(judged["genuine"]),
        "forged_accepted": sum(judged["forged"]),
        "tampered_accepted": sum(judged["tampered"]),
        "forged_sent": len(judged["forged"]),
        "tampered_sent": len(judged["tampered"]),
        "http_5xx_from_genuine": sum(
            1 for idx, _, _, s, _ in samples if s >= 500 and rd.requests[idx][0] == "genuine"
        ),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        **c,
    }
    row["ok"] = (
        c["genuine_paid_exactly_once"] == c["genuine_orders"]
        and c["genuine_paid_twice_or_more"] == 0
        and c["decoys_paid"] == 0
        and c["ledger_total_fen"] == c["genuine_total_fen"]
        and row["genuine_acknowledged"] == row["genuine_sent"]
        and row["forged_accepted"] == 0
        and row["tampered_accepted"] == 0
        and row["http_5xx_from_genuine"] == 0
    )
    return row


def print_round(r: dict[str, Any]) -> None:
    print(
        f"round {r['round']}: {r['callbacks']:,} callbacks {r['callbacks_per_s']:>6,}/s"
        f" | p50 {r['p50_ms']:>6} ms p99 {r['p99_ms']:>6} ms"
        f" | paid once {r['genuine_paid_exactly_once']}/{r['genuine_orders']}"
        f" | forged/tampered accepted {r['forged_accepted']}/{r['tampered_accepted']}"
        f" | decoys paid {r['decoys_paid']}"
        f" | ledger {r['ledger_total_fen']:,} = {r['genuine_total_fen']:,} fen"
        f" | genuine acked {r['genuine_acknowledged']}/{r['genuine_sent']} | {r['statuses']}",
        flush=True,
    )


def summary(rows: list[dict[str, Any]], a: argparse.Namespace) -> int:
    keys = ("callbacks_per_s", "p50_ms", "p99_ms")
    med = {k: statistics.median(r[k] for r in rows) for k in keys}
    print()
    print(
        f"payment callbacks — {a.orders:,} paid orders × {a.copies} copies + {a.forged} forged + {a.tampered}"
        f" tampered per round ({a.providers}), {a.procs} load processes × {a.conns} connections,"
        f" {a.server} × {a.workers} worker(s), {len(rows)} rounds (medians)"
    )
    table = [
        ("callbacks/s", f"{med['callbacks_per_s']:,.0f}", "as fast as the endpoint takes them"),
        ("latency p50 / p99", f"{med['p50_ms']:.1f} / {med['p99_ms']:.1f} ms", ""),
        (
            "genuine orders paid exactly once",
            f"{sum(r['genuine_paid_exactly_once'] for r in rows):,}"
            f" / {sum(r['genuine_orders'] for r in rows):,}",
            "all",
        ),
        (
            "forged / tampered accepted",
            f"{sum(r['forged_accepted'] for r in rows)} / {sum(r['tampered_accepted'] for r in rows)}",
            "0 / 0",
        ),
        ("decoy orders paid", str(sum(r["decoys_paid"] for r in rows)), "0"),
        (
            "ledger total = genuine payments",
            str(all(r["ledger_total_fen"] == r["genuine_total_fen"] for r in rows)),
            "True",
        ),
    ]
    for name, value, target in table:
        print(f"  {name:<36} {value:>22}   {target}")
    final = {
        "callbacks_per_s": round(med["callbacks_per_s"]),
        "p50_ms": med["p50_ms"],
        "p99_ms": med["p99_ms"],
        "genuine_orders": sum(r["genuine_orders"] for r in rows),
        "genuine_paid_exactly_once": sum(r["genuine_paid_exactly_once"] for r in rows),
        "forged_accepted": sum(r["forged_accepted"] for r in rows),
        "tampered_accepted": sum(r["tampered_accepted"] for r in rows),
        "decoys_paid": sum(r["decoys_paid"] for r in rows),
        "ledger_matches": all(r["ledger_total_fen"] == r["genuine_total_fen"] for r in rows),
        "all_ok": all(r["ok"] for r in rows),
        "rounds": len(rows),
        "orders": a.orders,
        "copies": a.copies,
        "forged": a.forged,
        "tampered": a.tampered,
        "providers": a.providers,
        "server": a.server,
        "workers": a.workers,
        "per_round": rows,
    }
    print(json.dumps(final), flush=True)
    return 0 if final["all_ok"] else 1


async def bench(a: argparse.Namespace, st: Stack) -> int:
    from yiqiao import db
    from yiqiao.integrations.payment.local import keys
    from yiqiao.kit.redis import close_redis

    await db.start_pool()
    rows: list[dict[str, Any]] = []
    try:
        t = time.monotonic()
        for p in a.providers.split(","):
            await keys.material(p)  # type: ignore[arg-type]  # generated once, before the BFF reads them
        w = await world(a.patients)
        say(f"{a.patients} patients and the providers' keys in {time.monotonic() - t:.1f}s")
        with patient_bff(st.dir, st.bff_env, a) as (port, _pid):
            say(f"patient BFF on :{port}; {a.rounds} rounds")
            for rnd in range(1, a.rounds + 1):
                row = await one_round(st, port, w, rnd, a)
                rows.append(row)
                print_round(row)
    finally:
        await db.close_pool()
        await close_redis()
    return summary(rows, a)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--orders", type=int, default=2000, help="genuine paid orders per round")
    p.add_argument("--copies", type=int, default=3, help="times each genuine callback is sent")
    p.add_argument("--forged", type=int, default=200)
    p.add_argument("--tampered", type=int, default=200)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--patients", type=int, default=400)
    p.add_argument("--providers", default="wechat,alipay,unionpay,credit")
    p.add_argument("--procs", type=int, default=2, help="load generator processes")
    p.add_argument("--conns", type=int, default=32, help="keep-alive connections per load process")
    p.add_argument("--server", choices=("granian", "uvicorn"), default="granian", help="the ASGI server")
    p.add_argument("--workers", type=int, default=2, help="server worker processes (one per core)")
    p.add_argument("--setup-concurrency", type=int, default=16)
    p.add_argument("--seed", type=int, default=20261122)
    p.add_argument("--profile", default="", metavar="FILE", help="cProfile the BFF into FILE")
    return p.parse_args(argv)


def main() -> int:
    a = parse()
    with stack() as st:
        return asyncio.run(bench(a, st))


if __name__ == "__main__":
    sys.exit(main())
