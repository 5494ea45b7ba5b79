"""In-process fixtures for integration tests: the core's pool on the session's real services, and
each BFF app behind httpx's ASGI transport (real PostgreSQL/Redis, no server process).

httpx's transport runs the app on the test's own event loop, so the app and the test share the
one pool the ``core`` fixture opens (Litestar's AsyncTestClient would run the app on another loop
in a thread). The apps' lifespan is therefore not run here; the e2e tests run real servers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest


@pytest.fixture(scope="session")
async def core(services: Any) -> AsyncIterator[None]:
    from yiqiao import db
    from yiqiao.kit.redis import close_redis

    await db.start_pool()
    yield
    await db.close_pool()
    await close_redis()


@pytest.fixture(autouse=True)
async def fresh_limits(core: None) -> None:
    """Each test starts with clean rate-limit counters (all test requests share one client IP)."""
    from yiqiao.kit.redis import redis

    r = redis()
    for pattern in ("yq:rl:*", "yq:otp:*"):
        keys = [k async for k in r.scan_iter(match=pattern, count=500)]
        if keys:
            await r.delete(*keys)


async def _client(module: str) -> AsyncIterator[httpx.AsyncClient]:
    import importlib

    app = importlib.import_module(f"{module}.app").create_app()
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture(scope="session")
async def patient_api(core: None) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client("bff_patient"):
        yield c


@pytest.fixture(scope="session")
async def clinician_api(core: None) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client("bff_clinician"):
        yield c


@pytest.fixture(scope="session")
async def kiosk_api(core: None) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client("bff_kiosk"):
        yield c


@pytest.fixture
def providers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Payment providers whose answers the test gives itself (``billing_world.RecordingProvider``),
    by name, as ``get_payment_provider`` hands them out; the sandboxes are not involved."""
    from yiqiao.integrations import payment

    from tests.integration.billing_world import RecordingProvider

    made: dict[str, Any] = {}
    monkeypatch.setattr(
        payment, "get_payment_provider", lambda name: made.setdefault(name, RecordingProvider(name))
    )
    return made
