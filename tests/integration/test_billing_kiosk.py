"""Paying at the kiosk: the citizen's pending bills, one order with a QR code the patient's phone
scans in the provider's sandbox, the status the kiosk asks for and hears on its own channel (what
its /ws socket subscribes to), the HIS told, the printed receipt (PDF, Chinese font embedded, name
masked). A second citizen at the kiosk sees none of it; bad input is a 4xx that changes nothing."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from tests.integration.bills_world import (
    PEOPLE,
    bill,
    citizen,
    deliver,
    drugs,
    his_bill,
    key,
    labs,
    patient_with_card,
    total,
    visit,
)


def kiosk_id(code: str = "KIOSK-01") -> uuid.UUID:
    from yiqiao.seed.demo import sid

    return sid("device", code)


class Channel:
    """A subscription to a kiosk's realtime channel, as its WebSocket has."""

    def __init__(self, code: str = "KIOSK-01") -> None:
        from yiqiao.kit import realtime

        self.name = realtime.channel("kiosk", kiosk_id(code))

    async def __aenter__(self) -> Channel:
        from yiqiao.kit.redis import redis

        self.pubsub = redis().pubsub()
        await self.pubsub.subscribe(self.name)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.pubsub.unsubscribe()
        await self.pubsub.aclose()  # type: ignore[attr-defined]

    async def messages(self, wait_s: float = 2.0) -> list[dict[str, Any]]:
        """Whatever arrived (waits up to ``wait_s`` for the first one, then takes what is there)."""
        out: list[dict[str, Any]] = []
        deadline = asyncio.get_running_loop().time() + wait_s
        while True:
            left = deadline - asyncio.get_running_loop().time()
            msg = await self.pubsub.get_message(
                ignore_subscribe_messages=True, timeout=max(left, 0.05) if not out else 0.1
            )
            if msg is None:
                if out or left <= 0:
                    return out
                continue
            out.append(json.loads(msg["data"]))


async def scan_and_pay(code_url: str, outcome: str = "success") -> Any:
    from yiqiao.integrations.payment.local import wallet

    return await wallet.pay(code_url, outcome=outcome)  # type: ignore[arg-type]


async def callbacks(patient_api) -> Any:
    """The sandbox delivers the callbacks it owes, into the patient BFF's notify endpoint."""
    from yiqiao.integrations.payment.local.delivery import deliver_due

    return await deliver_due(client=patient_api)


async def test_qr_payment_at_the_kiosk_status_pushed_his_told_receipt_printed(kiosk_api, patient_api):
    from yiqiao import db

    _, patient, card = await patient_with_card("子")
    v = await visit(card)
    rx = await bill(v, "prescription", drugs())
    lab = await bill(v, "lab", labs())
    c = await citizen(kiosk_api, patient)
    r = await kiosk_api.get("/payment/bills", headers=c)
    assert r.status_code == 200, r.text
    assert [b["bill_no"] for b in r.json()["bills"]] == [rx, lab]
    assert r.json()["patient_name_masked"] == "缴*子" and PEOPLE[patient]["name"] not in r.text

    k = key("kiosk")
    body = {"bill_nos": [rx, lab], "provider": "wechat"}
    r = await kiosk_api.post("/payment/orders", json=body, headers={**c, "Idempotency-Key": k})
    assert r.status_code == 201, r.text
    pay = r.json()
    assert pay["amount_fen"] == total(drugs()) + total(labs()) == pay["order"]["total_fen"]
    assert pay["code_url"]
    assert pay["order"]["status"] == "paying"
    again = await kiosk_api.post("/payment/orders", json=body, headers={**c, "Idempotency-Key": k})
    assert again.status_code == 201 and again.json()["payment_id"] == pay["payment_id"]
    assert again.json()["code_url"] == pay["code_url"]
    order_id = pay["order"]["id"]
    r = await kiosk_api.get(f"/payment/orders/{order_id}/receipt", headers=c)
    assert r.status_code == 409 and r.json()["code"] == "order_not_paid"

    async with Channel() as ch, Channel("KIOSK-02") as elsewhere:
        await scan_and_pay(pay["code_url"])
        # The kiosk asks before the callback came: the provider's answer counts at once.
        r = await kiosk_api.get(f"/payment/orders/{order_id}", headers=c)
        assert r.status_code == 200 and r.json()["status"] == "paid", r.text
        await deliver()
        pushed = [m for m in await ch.messages() if m["type"] == "payment.status"]
        assert [m["data"]["status"] for m in pushed] == ["paid"]
        assert (
            pushed[0]["data"]["order_id"] == order_id and pushed[0]["data"]["paid_fen"] == pay["amount_fen"]
        )
        assert str(patient) not in json.dumps(pushed) and "缴" not in json.dumps(pushed, ensure_ascii=False)
        assert await elsewhere.messages(0.2) == []

    for b in (rx, lab):
        h = await his_bill(b)
        assert h.status == "paid" and h.settlement_ref == pay["order"]["order_no"]
    # The callback arrives afterwards: nothing changes, the money is in the books once.
    await callbacks(patient_api)
    await deliver()
    ledger = await db.fetch("SELECT amount_fen FROM billing_ledger WHERE order_id = {}", uuid.UUID(order_id))
    assert [x["amount_fen"] for x in ledger] == [pay["amount_fen"]]
    r = await kiosk_api.get("/payment/bills", headers=c)
    assert r.json()["bills"] == []

    r = await kiosk_api.get(f"/payment/orders/{order_id}/receipt", headers=c)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/pdf")
    assert r.content.startswith(b"%PDF") and b"/FontFile2" in r.content
    assert (
        PEOPLE[patient]["name"].encode() not in r.content and pay["order"]["order_no"].encode() in r.content
    )

    # Another citizen at the same kiosk: none of this exists for them.
    _, other, _ = await patient_with_card("丑")
    c2 = await citizen(kiosk_api, other)
    for path in (f"/payment/orders/{order_id}", f"/payment/orders/{order_id}/receipt"):
        r = await kiosk_api.get(path, headers=c2)
        assert r.status_code == 404, (path, r.text)
    r = await kiosk_api.post("/payment/orders", json=body, headers={**c2, "Idempotency-Key": key("steal")})
    assert r.status_code == 404 and r.json()["code"] == "bill_not_found"


async def test_a_declined_payment_can_be_tried_again_on_the_same_order(kiosk_api, patient_api):
    _, patient, card = await patient_with_card("寅")
    rx = await bill(await visit(card), "prescription", drugs(1))
    c = await citizen(kiosk_api, patient)
    body = {"bill_nos": [rx], "provider": "alipay"}
    first = (
        await kiosk_api.post("/payment/orders", json=body, headers={**c, "Idempotency-Key": key("a")})
    ).json()
    async with Channel() as ch:
        await scan_and_pay(first["code_url"], "insufficient_balance")
        await callbacks(patient_api)
        await deliver()
        # The kiosk hears the decline at once: the screen can offer another wallet without polling.
        pushed = [m for m in await ch.messages() if m["type"] == "payment.status"]
        assert [(m["data"]["order_id"], m["data"]["status"]) for m in pushed] == [
            (first["order"]["id"], "failed")
        ]
    r = await kiosk_api.get(f"/payment/orders/{first['order']['id']}", headers=c)
    assert r.json()["status"] == "failed"
    assert [p["status"] for p in r.json()["payments"]] == ["failed"]
    # The patient tries another wallet: the same order, a new attempt.
    body["provider"] = "unionpay"
    second = await kiosk_api.post("/payment/orders", json=body, headers={**c, "Idempotency-Key": key("b")})
    assert second.status_code == 201, second.text
    second_pay = second.json()
    assert (
        second_pay["order"]["id"] == first["order"]["id"] and second_pay["payment_id"] != first["payment_id"]
    )
    await scan_and_pay(second_pay["code_url"])
    await callbacks(patient_api)
    await deliver()
    r = await kiosk_api.get(f"/payment/orders/{first['order']['id']}", headers=c)
    assert r.json()["status"] == "paid"
    assert (await his_bill(rx)).status == "paid"


async def test_bad_input_at_the_kiosk_is_a_4xx_and_changes_nothing(kiosk_api):
    from yiqiao import db

    _, patient, card = await patient_with_card("卯")
    rx = await bill(await visit(card), "lab", labs())
    c = await citizen(kiosk_api, patient)
    no_session = {k: v for k, v in c.items() if k != "X-Citizen-Session"}
    cases = [
        ({"bill_nos": [rx], "provider": "paypal"}, c, 400),
        ({"bill_nos": [], "provider": "wechat"}, c, 400),
        ({"bill_nos": [rx], "amount_fen": 1}, c, 400),
        ({"bill_nos": [rx]}, no_session, 400),
        ({"bill_nos": [rx]}, {**c, "X-Citizen-Session": "x" * 20}, 401),
    ]
    for body, headers, status in cases:
        r = await kiosk_api.post(
            "/payment/orders", json=body, headers={**headers, "Idempotency-Key": key("bad")}
        )
        assert r.status_code == status, (body, r.text)
    r = await kiosk_api.post("/payment/orders", json={"bill_nos": [rx]}, headers=c)
    assert r.status_code == 400  # no Idempotency-Key
    r = await kiosk_api.get(f"/payment/orders/{uuid.uuid4()}", headers=c)
    assert r.status_code == 404
    rows = await db.fetch("SELECT count(*) AS n FROM billing_order WHERE patient_id = {}", patient)
    assert rows[0]["n"] == 0
