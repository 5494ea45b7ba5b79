"""The WebSocket on each BFF is token-authenticated and fed through Redis pub/sub, so a message
reaches sockets on every process of the same BFF."""

from __future__ import annotations

import asyncio
import json
import re

import httpx
import pytest
import websockets

from tests.support import run_bff

pytestmark = pytest.mark.e2e


def _staff_token(base: str, username: str) -> str:
    r = httpx.post(f"{base}/auth/login", json={"username": username, "password": "Yiqiao@2026"}, timeout=15)
    assert r.status_code == 200, r.text
    token: str = r.json()["access_token"]
    return token


async def _next_of_type(ws: websockets.ClientConnection, type_: str) -> dict:
    while True:
        msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if msg["type"] == type_:
            return msg


async def test_message_reaches_sockets_on_two_processes(services):
    from yiqiao.kit import realtime
    from yiqiao.kit.redis import close_redis

    with run_bff("clinician") as a, run_bff("clinician") as b:
        token = _staff_token(a.url, "nurse.he")
        me = httpx.get(f"{a.url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=15).json()
        dept = me["department"]["id"]
        async with (
            websockets.connect(f"{a.url.replace('http', 'ws')}/ws?token={token}") as ws_a,
            websockets.connect(f"{b.url.replace('http', 'ws')}/ws?token={token}") as ws_b,
        ):
            for ws in (ws_a, ws_b):
                assert (await _next_of_type(ws, "ready"))["channels"] == 2
            await realtime.publish(realtime.channel("department", dept), "ward.notice", {"text": "3床换药"})
            for ws in (ws_a, ws_b):
                msg = await _next_of_type(ws, "ward.notice")
                assert msg["data"] == {"text": "3床换药"}
            # Another department's message does not reach this nurse.
            await realtime.publish(
                realtime.channel("department", "00000000-0000-0000-0000-000000000000"),
                "ward.notice",
                {"text": "not for you"},
            )
            await realtime.publish(realtime.channel("department", dept), "ward.notice", {"text": "second"})
            assert (await _next_of_type(ws_a, "ward.notice"))["data"]["text"] == "second"
    await close_redis()


async def test_socket_refuses_a_token_of_another_audience(services):
    with run_bff("clinician") as clinician, run_bff("patient") as patient:
        r = httpx.post(f"{patient.url}/auth/otp", json={"phone": "13800138003"}, timeout=15)
        assert r.status_code == 202, r.text
        sms = httpx.get(f"{patient.url}/dev/sms/latest", params={"phone": "13800138003"}, timeout=15).json()
        code = re.search(r"\d{6}", sms["text"]).group(0)
        token = httpx.post(
            f"{patient.url}/auth/login/sms", json={"phone": "13800138003", "code": code}, timeout=15
        ).json()["access_token"]
        async with websockets.connect(f"{clinician.url.replace('http', 'ws')}/ws?token={token}") as ws:
            msg = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert msg == {"type": "error", "code": "token_wrong_audience", "detail": msg["detail"]}
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 10)
            assert closed.value.rcvd.code == 4401
