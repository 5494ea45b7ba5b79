"""The foundation's story end to end, every front door a real process on real services:

a patient signs in by SMS on the patient BFF and gets the home screen in one call; a nurse signs
in on the clinician BFF and sees her ward; a kiosk opens a citizen session by ID card and sees
the same patient's cards, masked; a ward wearable publishes a heart rate over MQTT, the gateway
stores it, and the nurse's WebSocket receives it."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re

import aiomqtt
import pytest
import websockets

from tests.e2e.clients import Clients
from tests.support import run_bff, run_gateway

pytestmark = pytest.mark.e2e

ZHANG_SAN_PHONE = "13800138001"


def _zhang_san_id_number() -> str:
    from yiqiao.kit.idcard import make_id_number

    return make_id_number("500235", dt.date(1968, 3, 7), "123")


async def test_one_story_through_every_front_door(services):
    with (
        run_bff("patient") as patient,
        run_bff("clinician") as clinician,
        run_bff("kiosk") as kiosk,
        run_gateway(ready_log=r"subscribed"),
    ):
        api = Clients(patient.url, clinician.url, kiosk.url)

        # 1. The patient signs in by SMS and opens the app.
        api.patient_request_otp(ZHANG_SAN_PHONE)
        code = re.search(r"\d{6}", api.patient_latest_sms(ZHANG_SAN_PHONE)).group(0)
        api.patient_login(ZHANG_SAN_PHONE, code)
        home = api.patient_home()
        assert home["phone_masked"] == "138****8001"
        assert {p["relationship"] for p in home["profiles"]} == {"self", "parent", "child"}
        my_cards = {c["card_id"] for c in home["cards"] if c["profile_id"] == home["profiles"][0]["id"]}
        assert my_cards and all(c["qr"]["payload"] for c in home["cards"])

        # 2. The nurse signs in and sees her ward.
        api.staff_login("nurse.lin", "Yiqiao@2026")
        me = api.clinician_me()
        assert me["department"]["name"] == "心血管内科病区"

        # 3. The kiosk reads 张三's ID card and shows his cards, masked.
        api.kiosk_login("KIOSK-01", "kiosk-01-dev-secret")
        session = api.kiosk_open_citizen_session(_zhang_san_id_number(), "张三")
        profile = api.kiosk_citizen_cards(session)["profile"]
        assert {c["id"] for c in profile["cards"]} == my_cards
        assert profile["name_masked"] == "张*" and _zhang_san_id_number() not in json.dumps(profile)

        # 4. A ward wearable publishes a heart rate; the nurse's WebSocket hears it.
        async with websockets.connect(
            f"{clinician.url.replace('http', 'ws')}/ws?token={api.staff_token}"
        ) as ws:
            ready = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert ready["type"] == "ready"
            creds = _credentials()
            async with aiomqtt.Client(
                services.mqtt_host,
                services.mqtt_port,
                username="DEV-WEAR-001",
                password=creds["DEV-WEAR-001"],
                identifier="e2e-wear-001",
            ) as mqtt:
                payload = {
                    "seq": 424242,
                    "ts": dt.datetime.now(dt.UTC).isoformat(),
                    "readings": [{"code": "MDC_PULS_RATE", "value": 88.0, "unit": "/min"}],
                }
                await mqtt.publish("devices/DEV-WEAR-001/telemetry", json.dumps(payload), qos=1)
            reading = None
            while reading is None:
                msg = json.loads(await asyncio.wait_for(ws.recv(), 15))
                if (
                    msg["type"] == "vitals.reading"
                    and msg["data"]["device_code"] == "DEV-WEAR-001"
                    and msg["data"]["value"] == 88.0
                ):
                    reading = msg["data"]
            assert reading["code"] == "MDC_PULS_RATE" and reading["unit"] == "/min"
        # The ward board shows it too, on the next load.
        board = api.clinician_ward_vitals()
        assert any(v["device_code"] == "DEV-WEAR-001" and v["value"] == 88.0 for v in board)

    from yiqiao import db

    opened = await db.start_pool()
    try:
        rows = await db.fetch(
            "SELECT r.value FROM reading r JOIN device d ON d.id = r.device_id"
            " WHERE d.code = 'DEV-WEAR-001' AND r.seq = 424242"
        )
    finally:
        if opened:
            await db.close_pool()
    assert [r["value"] for r in rows] == [88.0]


def _credentials() -> dict[str, str]:
    from yiqiao.seed.demo import credentials_path

    return json.loads(credentials_path().read_text())
