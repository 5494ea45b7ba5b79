"""Kiosk: a device signs in with its secret; a citizen opens a short session with an ID card or SMS."""

from __future__ import annotations

import asyncio
import re

from tests.integration.flows import ZHANG_SAN_ID, ZHANG_SAN_PHONE, bearer, demo_id_number, kiosk_tokens


async def test_id_card_session_shows_own_cards_masked(kiosk_api):
    k = bearer(await kiosk_tokens(kiosk_api))
    r = await kiosk_api.post(
        "/citizen/session/id-card",
        headers=k,
        json={"id_number": demo_id_number(*ZHANG_SAN_ID), "name": "张三"},
    )
    assert r.status_code == 201, r.text
    session = r.json()
    assert session["name_masked"] == "张*" and session["idle_timeout_s"] == 120
    r = await kiosk_api.get("/citizen/cards", headers={**k, "X-Citizen-Session": session["session_token"]})
    assert r.status_code == 200
    profile = r.json()["profile"]
    assert profile["name_masked"] == "张*" and profile["cards"][0]["card_no_masked"].count("*") >= 2
    assert ZHANG_SAN_PHONE not in r.text and demo_id_number(*ZHANG_SAN_ID) not in r.text
    assert (
        await kiosk_api.delete(
            "/citizen/session", headers={**k, "X-Citizen-Session": session["session_token"]}
        )
    ).status_code == 204
    r = await kiosk_api.get("/citizen/cards", headers={**k, "X-Citizen-Session": session["session_token"]})
    assert r.status_code == 401 and r.json()["code"] == "citizen_session_expired"


async def test_wrong_name_or_unknown_card_opens_nothing(kiosk_api):
    k = bearer(await kiosk_tokens(kiosk_api))
    r = await kiosk_api.post(
        "/citizen/session/id-card",
        headers=k,
        json={"id_number": demo_id_number(*ZHANG_SAN_ID), "name": "李四"},
    )
    assert r.status_code == 404 and r.json()["code"] == "no_patient_record"
    r = await kiosk_api.post(
        "/citizen/session/id-card",
        headers=k,
        json={"id_number": demo_id_number(*ZHANG_SAN_ID), "name": "张三", "valid_until": "2020-01-01"},
    )
    assert r.status_code == 422 and r.json()["code"] == "id_card_expired"


async def test_session_is_bound_to_its_kiosk(kiosk_api):
    k1 = bearer(await kiosk_tokens(kiosk_api, "KIOSK-01"))
    k2 = bearer(await kiosk_tokens(kiosk_api, "KIOSK-02"))
    token = (
        await kiosk_api.post(
            "/citizen/session/id-card",
            headers=k1,
            json={"id_number": demo_id_number(*ZHANG_SAN_ID), "name": "张三"},
        )
    ).json()["session_token"]
    r = await kiosk_api.get("/citizen/cards", headers={**k2, "X-Citizen-Session": token})
    assert r.status_code == 401


async def test_session_expires_when_idle(kiosk_api):
    from yiqiao.kit.redis import redis
    from yiqiao.kit.sm3 import sm3_hex

    k = bearer(await kiosk_tokens(kiosk_api))
    token = (
        await kiosk_api.post(
            "/citizen/session/id-card",
            headers=k,
            json={"id_number": demo_id_number(*ZHANG_SAN_ID), "name": "张三"},
        )
    ).json()["session_token"]
    key = "yq:citizen:" + sm3_hex(token.encode())
    assert 110 <= await redis().ttl(key) <= 120
    await redis().expire(key, 30)
    assert (
        await kiosk_api.get("/citizen/cards", headers={**k, "X-Citizen-Session": token})
    ).status_code == 200
    assert await redis().ttl(key) > 100  # use restarts the idle timer
    await redis().pexpire(key, 1)
    await asyncio.sleep(0.05)
    r = await kiosk_api.get("/citizen/cards", headers={**k, "X-Citizen-Session": token})
    assert r.status_code == 401 and r.json()["code"] == "citizen_session_expired"


async def test_sms_session_and_wrong_device_secret(kiosk_api):
    from yiqiao.integrations.sms.local import latest_text

    r = await kiosk_api.post("/auth/device", json={"device_code": "KIOSK-01", "secret": "wrong"})
    assert r.status_code == 401 and r.json()["code"] == "bad_device_credentials"
    r = await kiosk_api.post("/auth/device", json={"device_code": "DEV-WEAR-001", "secret": "x"})
    assert r.status_code == 401
    k = bearer(await kiosk_tokens(kiosk_api))
    assert (
        await kiosk_api.post("/citizen/session/otp", headers=k, json={"phone": ZHANG_SAN_PHONE})
    ).status_code == 202
    text = await latest_text(ZHANG_SAN_PHONE)
    code = re.search(r"(\d{6})", text or "").group(1)
    r = await kiosk_api.post("/citizen/session/sms", headers=k, json={"phone": ZHANG_SAN_PHONE, "code": code})
    assert r.status_code == 201 and r.json()["method"] == "sms"
