"""/health answers 200 with every dependency up, and 503 naming what is down."""

from __future__ import annotations

import os

import httpx

from tests.support import free_port, run_bff


async def test_health_ok(patient_api, clinician_api, kiosk_api):
    for api, name in ((patient_api, "patient"), (clinician_api, "clinician"), (kiosk_api, "kiosk")):
        r = await api.get("/health")
        assert r.status_code == 200, r.text
        assert r.json() == {
            "status": "ok",
            "service": name,
            "checks": {"database": "ok", "redis": "ok", "broker": "ok"},
        }


def test_health_names_what_is_down(services):
    dead = free_port()
    env = {
        **os.environ,
        "YQ_REDIS_URL": f"redis://127.0.0.1:{dead}/0",
        "YQ_MQTT_URL": f"mqtt://127.0.0.1:{dead}",
    }
    with run_bff("kiosk", env=env) as bff:
        r = httpx.get(f"{bff.url}/health", timeout=10)
    assert r.status_code == 503
    checks = r.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["redis"].startswith("down") and checks["broker"].startswith("down")
