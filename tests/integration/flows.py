"""Small user flows the integration tests share (sign-ins, demo identities)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx

DEMO_PASSWORD = "Yiqiao@2026"
ZHANG_SAN_PHONE = "13800138001"
LI_MEI_PHONE = "13800138002"


def demo_id_number(region: str, birth: str, seq: str) -> str:
    from yiqiao.kit.idcard import make_id_number

    return make_id_number(region, dt.date.fromisoformat(birth), seq)


ZHANG_SAN_ID = ("500235", "1968-03-07", "123")


async def sms_code(api: httpx.AsyncClient, phone: str) -> str:
    r = await api.get("/dev/sms/latest", params={"phone": phone})
    assert r.status_code == 200, r.text
    m = re.search(r"(\d{6})", r.json()["text"])
    assert m
    return m.group(1)


async def patient_tokens(api: httpx.AsyncClient, phone: str) -> dict[str, Any]:
    r = await api.post("/auth/otp", json={"phone": phone})
    assert r.status_code == 202, r.text
    r = await api.post("/auth/login/sms", json={"phone": phone, "code": await sms_code(api, phone)})
    assert r.status_code == 200, r.text
    tokens: dict[str, Any] = r.json()
    return tokens


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def staff_tokens(api: httpx.AsyncClient, username: str) -> dict[str, Any]:
    r = await api.post("/auth/login", json={"username": username, "password": DEMO_PASSWORD})
    assert r.status_code == 200, r.text
    tokens: dict[str, Any] = r.json()
    return tokens


async def kiosk_tokens(api: httpx.AsyncClient, code: str = "KIOSK-01") -> dict[str, Any]:
    secret = {"KIOSK-01": "kiosk-01-dev-secret", "KIOSK-02": "kiosk-02-dev-secret"}[code]
    r = await api.post("/auth/device", json={"device_code": code, "secret": secret})
    assert r.status_code == 200, r.text
    tokens: dict[str, Any] = r.json()
    return tokens


def superuser_url(services: Any) -> str:
    """The superuser on the application's database (an insider, or a DBA)."""
    from urllib.parse import urlsplit

    admin = services.admin_database_url
    assert admin, "needs the session's own PostgreSQL"
    app_db = urlsplit(services.database_url).path
    return urlsplit(admin)._replace(path=app_db).geturl()
