"""A worker killed mid-delivery loses nothing: its claims lapse and a new worker delivers them,
and the providers' dedupe keys keep every message to exactly one send."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid

from tests.support import run_worker


async def _seed_notices(n: int) -> tuple[str, uuid.UUID]:
    from yiqiao import db
    from yiqiao.identity.service import patients
    from yiqiao.notify import service as notify

    account = await patients.account_for_phone("13500135001")
    prefix = f"crash:{uuid.uuid4()}"
    async with db.transaction():
        for i in range(n):
            await notify.notify(account, "report", f"报告{i}", "请查看报告", dedupe_key=f"{prefix}:{i}")
    return prefix, account


async def _counts(prefix: str) -> dict[str, int]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT status, count(*) AS n FROM outbox_message WHERE dedupe_key LIKE {} GROUP BY status",
        prefix + "%",
    )
    return {r["status"]: r["n"] for r in rows}


async def test_crashed_worker_loses_no_outbox_message(core):
    from yiqiao import db

    n = 300
    prefix, _ = await _seed_notices(n)
    total = n * 3  # sms + push + realtime per notice (report's default channels)
    env = {**os.environ, "YQ_OUTBOX_CLAIM_S": "2"}
    with run_worker(env=env) as worker:
        for _ in range(600):
            c = await _counts(prefix)
            if c.get("delivered", 0) > 0:
                break
            await asyncio.sleep(0.01)
        os.kill(worker.pid, signal.SIGKILL)
    c = await _counts(prefix)
    assert c.get("delivered", 0) < total, "the worker finished before it could be killed; raise n"

    with run_worker(env=env):
        for _ in range(300):
            c = await _counts(prefix)
            if c.get("delivered", 0) == total:
                break
            await asyncio.sleep(0.1)
    assert c == {"delivered": total}
    sms = await db.fetch(
        "SELECT dedupe_key, count(*) AS n FROM local_sms_message WHERE dedupe_key LIKE {}"
        " GROUP BY dedupe_key",
        prefix + "%",
    )
    assert len(sms) == n and all(r["n"] == 1 for r in sms)
    push = await db.fetch(
        "SELECT count(*) AS n FROM local_push_message WHERE dedupe_key LIKE {}", prefix + "%"
    )
    assert push[0]["n"] == n
