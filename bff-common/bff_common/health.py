"""``GET /health``: 200 when PostgreSQL, Redis and the MQTT broker answer, 503 naming what is down.

The broker is probed with a real MQTT CONNECT at most every few seconds (a probe per request
would make /health slower than the API it guards)."""

from __future__ import annotations

import asyncio
import time
from typing import Any
from urllib.parse import urlparse

import aiomqtt
import msgspec
from litestar import Response, get
from litestar.openapi.datastructures import ResponseSpec
from yiqiao import db
from yiqiao.kit.redis import redis
from yiqiao.settings import get_settings

BROKER_PROBE_INTERVAL_S = 5.0
_broker_state: dict[str, Any] = {"at": 0.0, "ok": False, "error": "not checked yet"}


class Health(msgspec.Struct, kw_only=True):
    status: str
    service: str
    checks: dict[str, str]


async def _probe_broker() -> tuple[bool, str]:
    s = get_settings()
    url = urlparse(s.mqtt_url)
    try:
        async with asyncio.timeout(2):
            async with aiomqtt.Client(
                hostname=url.hostname or "127.0.0.1",
                port=url.port or 1883,
                username=s.mqtt_gateway_username,
                password=s.mqtt_gateway_password,
                identifier=None,
                timeout=2,
            ):
                return True, ""
    except Exception as exc:  # any failure means "down"; the reason goes into the answer
        return False, type(exc).__name__


async def broker_ok() -> tuple[bool, str]:
    now = time.monotonic()
    if now - _broker_state["at"] > BROKER_PROBE_INTERVAL_S:
        ok, error = await _probe_broker()
        _broker_state.update(at=time.monotonic(), ok=ok, error=error)
    return _broker_state["ok"], _broker_state["error"]


async def _check(coro: Any) -> str:
    try:
        async with asyncio.timeout(2):
            await coro
        return "ok"
    except Exception as exc:  # reported, not raised: /health must answer whatever is down
        return f"down: {type(exc).__name__}"


def health_handler(service: str) -> Any:
    @get(
        "/health",
        tags=["health"],
        summary="Liveness and dependencies",
        security=[],
        responses={503: ResponseSpec(Health, description="Degraded: `checks` names what is down")},
    )
    async def health() -> Response[Health]:
        checks = {"database": await _check(db.ping()), "redis": await _check(redis().ping())}
        ok, error = await broker_ok()
        checks["broker"] = "ok" if ok else f"down: {error}"
        healthy = all(v == "ok" for v in checks.values())
        return Response(
            Health(status="ok" if healthy else "degraded", service=service, checks=checks),
            status_code=200 if healthy else 503,
        )

    return health
