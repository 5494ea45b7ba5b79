"""The patient BFF under granian, as docker/entrypoint.sh runs it in production (two worker processes,
``bff_common.serve:app``): sign-in, a booking and its retry with the same key, and the /ws socket
fed through Redis pub/sub, whichever worker each connection lands on."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import uuid

import httpx
import pytest
import websockets

from tests.support import free_port, http_ready, run_process, venv_bin

pytestmark = pytest.mark.e2e


async def _next_of_type(ws: websockets.ClientConnection, type_: str) -> dict:
    while True:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if msg["type"] == type_:
            return msg


def _sign_in(base: str, phone: str) -> str:
    assert httpx.post(f"{base}/auth/otp", json={"phone": phone}, timeout=15).status_code == 202
    sms = httpx.get(f"{base}/dev/sms/latest", params={"phone": phone}, timeout=15).json()
    code = re.search(r"\d{6}", sms["text"]).group(0)
    r = httpx.post(f"{base}/auth/login/sms", json={"phone": phone, "code": code}, timeout=15)
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


async def test_patient_bff_under_granian_books_and_serves_its_socket(services):
    from yiqiao import db
    from yiqiao.kit import realtime
    from yiqiao.kit.redis import close_redis, redis

    from tests.integration.scheduling_world import fresh_schedule

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [venv_bin("granian"), "--interface", "asgi", "--factory", "bff_common.serve:app"]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--loop", "uvloop"]
    env = {**os.environ, "YIQIAO_BFF": "patient"}
    opened = await db.start_pool()
    try:
        r = redis()
        for pattern in ("yq:rl:*", "yq:otp:*"):  # this phone's sign-in limits, from other tests
            keys = [k async for k in r.scan_iter(match=pattern, count=500)]
            if keys:
                await r.delete(*keys)
        s = await fresh_schedule(quotas={"app": 2})
        with run_process("bff_patient-granian", argv, ready=http_ready(f"{base}/health"), env=env, url=base):
            assert httpx.get(f"{base}/health", timeout=15).json()["status"] == "ok"
            token = _sign_in(base, "13800138005")
            me = {"Authorization": f"Bearer {token}"}
            profiles = httpx.get(f"{base}/profiles", headers=me, timeout=15).json()
            mine = next(p for p in profiles if p["relationship"] == "self")
            key = {**me, "Idempotency-Key": f"granian-{uuid.uuid4().hex[:12]}"}
            body = {"schedule_id": str(s["id"]), "patient_id": mine["id"]}
            first = httpx.post(f"{base}/bookings", json=body, headers=key, timeout=15)
            again = httpx.post(f"{base}/bookings", json=body, headers=key, timeout=15)
            assert first.status_code == 201 and again.status_code == 201, first.text
            assert first.json()["id"] == again.json()["id"]

            url = f"ws://127.0.0.1:{port}/ws?token={token}"
            async with websockets.connect(url) as ws_a, websockets.connect(url) as ws_b:
                for ws in (ws_a, ws_b):
                    assert (await _next_of_type(ws, "ready"))["channels"] >= 2
                account = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))["sub"]
                for ws in (ws_a, ws_b):
                    # "ready" means subscribed: one publish, heard by the socket in whichever worker.
                    await realtime.publish(realtime.channel("account", account), "hello", {"n": 1})
                    msg = await asyncio.wait_for(_next_of_type(ws, "hello"), 10)
                    assert msg["data"] == {"n": 1}
            async with websockets.connect(f"ws://127.0.0.1:{port}/ws?token=not-a-token") as ws:
                msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
                assert msg["type"] == "error" and msg["code"] == "token_invalid"
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    await asyncio.wait_for(ws.recv(), 10)
                assert closed.value.rcvd.code == 4401
    finally:
        if opened:
            await db.close_pool()
        await close_redis()
