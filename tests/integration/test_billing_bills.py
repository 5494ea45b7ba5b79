"""Outpatient bills through the patient app: pending bills per profile (the HIS's charge items),
one order for the bills chosen (priced by the HIS, never by the client), the HIS told once the
order is paid (and the money sent back if the HIS no longer takes it), which items can still be
refunded (not executed, not dispensed), fees per visit by time with a downloadable fee list, and
unpaid-bill reminders once a day. A patient never sees or pays another patient's bills."""

from __future__ import annotations

import datetime as dt
import uuid

from tests.integration.bills_world import (
    PEOPLE,
    actor,
    bill,
    deliver,
    drugs,
    exams,
    family_member,
    his_bill,
    key,
    labs,
    patient_with_card,
    total,
    visit,
)
from tests.integration.flows import bearer, patient_tokens


async def me(patient_api, patient: uuid.UUID) -> dict[str, str]:
    return bearer(await patient_tokens(patient_api, PEOPLE[patient]["phone"]))


async def test_pending_bills_of_my_profiles_and_nobody_elses(patient_api):
    account, patient, card = await patient_with_card("甲")
    v = await visit(card)
    rx = await bill(v, "prescription", drugs())
    ex = await bill(v, "exam", exams())
    _, other, other_card = await patient_with_card("乙")
    await bill(await visit(other_card), "lab", labs())
    child, child_card = await family_member(account, "小甲")
    child_bill = await bill(await visit(child_card, department="儿科"), "lab", labs())

    h = await me(patient_api, patient)
    r = await patient_api.get("/bills/pending", headers=h)
    assert r.status_code == 200, r.text
    by_patient = {p["patient_id"]: p for p in r.json()}
    assert set(by_patient) == {str(patient), str(child)}
    mine = by_patient[str(patient)]
    assert [b["bill_no"] for b in mine["bills"]] == [rx, ex]
    assert mine["total_fen"] == total(drugs()) + total(exams())
    assert mine["patient_name_masked"] == "缴*甲"
    first = mine["bills"][0]
    assert (
        first["status"] == "unpaid" and first["kind_label"] == "处方" and first["department"] == "心血管内科"
    )
    assert [(i["name"], i["amount_fen"]) for i in first["items"]] == [
        ("阿莫西林胶囊", 3700),
        ("布洛芬缓释胶囊", 2330),
    ]
    assert not any(i["refundable"] for i in first["items"])  # nothing is refundable before it is paid
    assert [b["bill_no"] for b in by_patient[str(child)]["bills"]] == [child_bill]
    assert PEOPLE[patient]["name"] not in r.text and PEOPLE[patient]["id_number"] not in r.text

    # Someone else's profile looks like a missing one.
    r = await patient_api.get("/bills/pending", params={"patient_id": str(other)}, headers=h)
    assert r.status_code == 404 and r.json()["code"] == "profile_not_found"


async def test_one_order_for_the_bills_chosen_priced_by_the_his(patient_api):
    _, patient, card = await patient_with_card("丙")
    v = await visit(card)
    rx = await bill(v, "prescription", drugs(3))
    ex = await bill(v, "exam", exams())
    h = await me(patient_api, patient)
    k = key("order")
    body = {"patient_id": str(patient), "bill_nos": [ex, rx]}
    r = await patient_api.post("/bills/orders", json=body, headers={**h, "Idempotency-Key": k})
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["kind"] == "outpatient" and order["status"] == "created"
    assert order["total_fen"] == total(drugs(3)) + total(exams()) == order["self_pay_fen"]
    assert [i["his_ref"] for i in order["items"]] == [f"{rx}/1", f"{rx}/2", f"{rx}/3", f"{ex}/1", f"{ex}/2"]
    assert order["title"].startswith("门诊缴费-心血管内科")

    # A retry is the same order; the same bills under another key (the kiosk) give the same order.
    again = await patient_api.post("/bills/orders", json=body, headers={**h, "Idempotency-Key": k})
    assert again.status_code == 201 and again.json()["id"] == order["id"]
    other_key = await patient_api.post(
        "/bills/orders", json=body, headers={**h, "Idempotency-Key": key("o2")}
    )
    assert other_key.json()["id"] == order["id"]
    # The key with other bills is refused; so is a bill already in another open order.
    r = await patient_api.post(
        "/bills/orders", json={**body, "bill_nos": [rx]}, headers={**h, "Idempotency-Key": k}
    )
    assert r.status_code == 409 and r.json()["code"] == "idempotency_key_reused"
    r = await patient_api.post(
        "/bills/orders", json={**body, "bill_nos": [rx]}, headers={**h, "Idempotency-Key": key("o3")}
    )
    assert r.status_code == 409 and r.json()["code"] == "bill_in_open_order"
    assert r.json()["order_no"] == order["order_no"]
    r = await patient_api.get("/bills/pending", params={"patient_id": str(patient)}, headers=h)
    assert {b["order_no"] for b in r.json()[0]["bills"]} == {order["order_no"]}
    from yiqiao import db

    n = await db.fetch("SELECT count(*) AS n FROM billing_order WHERE patient_id = {}", patient)
    assert n[0]["n"] == 1


async def test_bad_or_foreign_bills_are_a_clear_4xx_and_change_nothing(patient_api):
    from yiqiao import db

    _, patient, card = await patient_with_card("丁")
    _, stranger, stranger_card = await patient_with_card("戊")
    theirs = await bill(await visit(stranger_card), "lab", labs())
    mine = await bill(await visit(card), "lab", labs())
    h = await me(patient_api, patient)

    async def post(body: object, k: str | None = "x") -> object:
        headers = {**h, "Idempotency-Key": key(k)} if k else h
        return await patient_api.post("/bills/orders", json=body, headers=headers)

    r = await post({"patient_id": str(patient), "bill_nos": [theirs]})
    assert r.status_code == 404 and r.json()["code"] == "bill_not_found"
    r = await post({"patient_id": str(patient), "bill_nos": ["NO-SUCH-BILL"]})
    assert r.status_code == 404 and r.json()["code"] == "bill_not_found"
    r = await post({"patient_id": str(stranger), "bill_nos": [theirs]})
    assert r.status_code == 404 and r.json()["code"] == "profile_not_found"
    for bad in (
        {"patient_id": str(patient), "bill_nos": []},
        {"patient_id": str(patient), "bill_nos": ["x'; DROP TABLE"]},
        {"patient_id": str(patient), "bill_nos": [mine], "total_fen": 1},
        {"patient_id": "not-a-uuid", "bill_nos": [mine]},
    ):
        r = await post(bad)
        assert r.status_code == 400, (bad, r.text)
    r = await post({"patient_id": str(patient), "bill_nos": [mine]}, k=None)
    assert r.status_code == 400  # no Idempotency-Key: a retry could bill twice
    rows = await db.fetch(
        "SELECT count(*) AS n FROM billing_order WHERE patient_id = ANY({})", [patient, stranger]
    )
    assert rows[0]["n"] == 0
    from yiqiao.integrations.his.local_outpatient import cancel_bill

    assert await cancel_bill(mine)
    r = await post({"patient_id": str(patient), "bill_nos": [mine]})
    assert r.status_code == 409 and r.json()["code"] == "bill_not_payable"


async def test_fees_per_visit_by_time_and_the_fee_list(patient_api):
    from yiqiao.kit import clock

    _, patient, card = await patient_with_card("己")
    _, other, _ = await patient_with_card("庚")
    last_week = clock.now() - dt.timedelta(days=7)
    old = await visit(card, department="消化内科", doctor="李医生", at=last_week)
    await bill(old, "lab", labs(), at=last_week)
    new = await visit(card)
    await bill(new, "prescription", drugs())
    gone = await bill(new, "exam", exams())
    from yiqiao.integrations.his.local_outpatient import cancel_bill

    await cancel_bill(gone)  # a withdrawn bill is not a fee
    h = await me(patient_api, patient)
    r = await patient_api.get("/bills/fees", params={"patient_id": str(patient)}, headers=h)
    assert r.status_code == 200, r.text
    visits = r.json()
    assert [v["visit_no"] for v in visits] == [new, old]
    assert visits[0]["uncharged_fen"] == total(drugs()) and visits[0]["charged_fen"] == 0
    assert [c["category"] for c in visits[0]["categories"]] == ["drug"]
    assert [b["status"] for b in visits[0]["bills"]] == ["unpaid"]
    assert visits[1]["department"] == "消化内科" and visits[1]["total_fen"] == total(labs())

    today = clock.local(clock.now()).date()
    r = await patient_api.get(
        "/bills/fees", params={"patient_id": str(patient), "since": str(today)}, headers=h
    )
    assert [v["visit_no"] for v in r.json()] == [new]
    r = await patient_api.get(
        "/bills/fees",
        params={"patient_id": str(patient), "since": str(today), "until": str(today - dt.timedelta(days=1))},
        headers=h,
    )
    assert r.status_code == 422 and r.json()["code"] == "date_range_invalid"

    r = await patient_api.get(f"/bills/fees/{old}", params={"patient_id": str(patient)}, headers=h)
    assert r.status_code == 200 and r.json()["categories"][0]["label"] == "化验费"
    r = await patient_api.get(f"/bills/fees/{old}/list", params={"patient_id": str(patient)}, headers=h)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/pdf")
    assert r.content.startswith(b"%PDF") and b"/FontFile2" in r.content
    assert PEOPLE[patient]["name"].encode() not in r.content
    # Not mine: the same 404 as a missing visit.
    r = await patient_api.get(f"/bills/fees/{old}", params={"patient_id": str(other)}, headers=h)
    assert r.status_code == 404
    h2 = await me(patient_api, other)
    r = await patient_api.get(f"/bills/fees/{old}", params={"patient_id": str(other)}, headers=h2)
    assert r.status_code == 404 and r.json()["code"] == "visit_not_found"
    r = await patient_api.get("/bills/fees", params={"patient_id": str(other)}, headers=h2)
    assert r.status_code == 200 and r.json() == []


async def test_unpaid_bill_reminders_once_a_day_to_every_managing_account(core):
    from yiqiao import db
    from yiqiao.billing.service.reminders import send_due
    from yiqiao.kit import clock

    account, patient, card = await patient_with_card("辛")
    # Issued at 10:00 Beijing time tomorrow, so this test owns its reminder times.
    day = clock.local(clock.now()).date() + dt.timedelta(days=1)
    issued = dt.datetime.combine(day, dt.time(10), tzinfo=clock.SHANGHAI)
    v = await visit(card, at=issued)
    rx = await bill(v, "prescription", drugs(), at=issued)

    async def notices() -> list[dict]:
        return await db.fetch(
            "SELECT account_id, title, body, dedupe_key, data::text AS data FROM notice"
            " WHERE patient_id = {} AND category = 'payment' ORDER BY created_at",
            patient,
        )

    await send_due(issued + dt.timedelta(minutes=10))
    assert await notices() == []  # time to pay at the window first
    await send_due(issued + dt.timedelta(minutes=40))
    first = await notices()
    assert len(first) == 1 and first[0]["title"] == "缴费提醒" and first[0]["account_id"] == account
    assert rx in first[0]["data"] and "60.30元" in first[0]["body"] and "缴*辛" in first[0]["body"]
    await send_due(issued + dt.timedelta(hours=3))
    assert len(await notices()) == 1  # once a day
    await send_due(issued + dt.timedelta(days=1))  # 10:00 the next day
    assert len(await notices()) == 2
    await send_due(issued + dt.timedelta(days=3))  # past the last day
    assert len(await notices()) == 2
    # The bill goes into an order that is being paid: no reminder that day.
    from yiqiao.billing.service import bills

    view = await bills.create_bill_order(
        actor(account), bills.PayBills(patient_id=patient, bill_nos=[rx]), key("rem")
    )
    from yiqiao.billing import lifecycle
    from yiqiao.kit.actor import SYSTEM

    await lifecycle.apply_order(SYSTEM, view.id, "start_payment")
    await send_due(issued + dt.timedelta(days=2))
    assert len(await notices()) == 2


async def pay_in_wallet(patient_api, account: uuid.UUID, order_id: str, provider: str = "wechat") -> None:
    """The patient pays the order in the app: the wallet confirms, the provider calls back, the
    worker runs the events."""
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.integrations.payment.local import wallet
    from yiqiao.integrations.payment.local.delivery import deliver_due

    start = await payments.start_payment(
        actor(account),
        uuid.UUID(order_id),
        PayCommand(provider=provider),
        key("pay"),  # type: ignore[arg-type]
    )
    await wallet.pay(start.payload.prepay_id)
    await deliver_due(client=patient_api)
    await deliver()


async def test_paying_tells_the_his_and_refunds_follow_what_the_his_did(patient_api):
    from yiqiao.integrations.his.local_outpatient import dispense_bill, execute_items

    account, patient, card = await patient_with_card("壬")
    v = await visit(card)
    rx = await bill(v, "prescription", drugs())
    ex = await bill(v, "exam", exams())
    h = await me(patient_api, patient)
    r = await patient_api.post(
        "/bills/orders",
        json={"patient_id": str(patient), "bill_nos": [rx, ex]},
        headers={**h, "Idempotency-Key": key("pay")},
    )
    order = r.json()
    await pay_in_wallet(patient_api, account, order["id"])
    r = await patient_api.get(f"/orders/{order['id']}", headers=h)
    assert r.json()["status"] == "paid"
    for b in (rx, ex):
        assert (await his_bill(b)).settlement_ref == order["order_no"]
    r = await patient_api.get("/bills/pending", params={"patient_id": str(patient)}, headers=h)
    assert r.json()[0]["bills"] == []
    r = await patient_api.get("/bills/fees", params={"patient_id": str(patient)}, headers=h)
    assert r.json()[0]["charged_fen"] == order["total_fen"] and r.json()[0]["uncharged_fen"] == 0

    # The pharmacy hands out the drugs; the ultrasound is not done yet.
    assert await dispense_bill(rx) == 2
    r = await patient_api.get(f"/bills/orders/{order['id']}/refundable", headers=h)
    assert r.status_code == 200, r.text
    flags = {i["his_ref"]: i["refundable"] for i in r.json()["items"]}
    assert flags == {f"{rx}/1": False, f"{rx}/2": False, f"{ex}/1": True, f"{ex}/2": True}
    r = await patient_api.post(
        f"/orders/{order['id']}/refunds",
        json={"reason": "药已取", "item_lines": [{"line_no": 1}]},
        headers={**h, "Idempotency-Key": key("rf1")},
    )
    assert r.status_code == 409 and r.json()["code"] == "item_not_refundable"
    # The exam is refunded; the HIS hears it and will not perform it any more.
    r = await patient_api.post(
        f"/orders/{order['id']}/refunds",
        json={"reason": "不做检查了", "item_lines": [{"line_no": 3}, {"line_no": 4}]},
        headers={**h, "Idempotency-Key": key("rf2")},
    )
    assert r.status_code == 201, r.text
    from yiqiao.integrations.payment.local.delivery import deliver_due
    from yiqiao.kit import clock

    await deliver_due(client=patient_api, until=clock.now() + dt.timedelta(minutes=5))
    await deliver()
    r = await patient_api.get(f"/orders/{order['id']}", headers=h)
    assert r.json()["status"] == "partially_refunded", r.text
    exam = await his_bill(ex)
    assert [i.refunded_fen for i in exam.items] == [i.amount_fen for i in exam.items]
    assert await execute_items(ex) == 0  # refunded: not performed
    r = await patient_api.get("/bills/fees", params={"patient_id": str(patient)}, headers=h)
    assert r.json()[0]["refunded_fen"] == total(exams())
    # The exam lines are gone from what is refundable; the drugs never were.
    r = await patient_api.get(f"/bills/orders/{order['id']}/refundable", headers=h)
    assert r.json()["refundable_fen"] == 0


async def test_a_bill_the_his_no_longer_takes_is_refunded_in_full(patient_api):
    from yiqiao.integrations.his.local_outpatient import cancel_bill
    from yiqiao.integrations.payment.local.delivery import deliver_due
    from yiqiao.kit import clock

    account, patient, card = await patient_with_card("癸")
    lab = await bill(await visit(card), "lab", labs())
    h = await me(patient_api, patient)
    r = await patient_api.post(
        "/bills/orders",
        json={"patient_id": str(patient), "bill_nos": [lab]},
        headers={**h, "Idempotency-Key": key("gone")},
    )
    order = r.json()
    assert await cancel_bill(lab)  # the doctor withdrew the test while the patient was paying
    await pay_in_wallet(patient_api, account, order["id"])
    await deliver_due(client=patient_api, until=clock.now() + dt.timedelta(minutes=5))
    await deliver()
    r = await patient_api.get(f"/orders/{order['id']}", headers=h)
    view = r.json()
    assert view["status"] == "refunded", view
    assert [x["initiated_by"] for x in view["refunds"]] == ["system"]
    assert (await his_bill(lab)).status == "cancelled"
