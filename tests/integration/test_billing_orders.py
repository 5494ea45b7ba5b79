"""Orders on real services: priced from their items in fen, idempotent per key, visible to the
patient's account and family only (another patient gets 404), bad input refused with nothing
changed."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest

from tests.integration.billing_world import (
    add_family_member,
    audit_actions,
    counts,
    institution,
    items,
    key,
    make_order,
    new_patient,
    patient_actor,
)


async def test_an_order_is_priced_from_its_items_and_audited(core):
    from yiqiao.billing.types import OrderItemIn

    account, patient = await new_patient("单甲")
    lines = [
        OrderItemIn(code="D001", name="阿莫西林胶囊", category="drug", unit_fen=1250, quantity=3),
        OrderItemIn(code="E001", name="血常规", category="lab", unit_fen=2000, quantity=1, his_ref="HIS-1"),
    ]
    order = await make_order(account, patient, lines=lines)
    assert order.status == "created" and order.status_text == "waiting for payment"
    assert order.total_fen == 5750 and order.self_pay_fen == 5750 and order.insurance_fen == 0
    assert [(i.line_no, i.amount_fen) for i in order.items] == [(1, 3750), (2, 2000)]
    assert order.items[1].his_ref == "HIS-1"
    assert order.order_no.startswith("YQ") and len(order.order_no) == 18
    assert order.patient_name_masked == "测**甲" and order.paid_fen == 0 and order.payments == []
    assert order.expires_at > order.created_at
    assert await audit_actions(order.id) == ["billing_order.create"]


async def test_same_key_same_order_and_a_different_body_is_409(core):
    from yiqiao.billing.service import orders
    from yiqiao.billing.types import NewOrder
    from yiqiao.kit.errors import Conflict

    account, patient = await new_patient("单乙")
    k = key("same")
    first = await make_order(account, patient, 1000, idem=k)
    again = await make_order(account, patient, 1000, idem=k)
    assert again.id == first.id
    before = await counts()
    with pytest.raises(Conflict) as exc:
        await make_order(account, patient, 2000, idem=k)
    assert exc.value.code == "idempotency_key_reused"
    # Concurrent retries with one key: one order.
    k2 = key("storm")
    cmd = NewOrder(
        patient_id=patient, kind="outpatient", title="t", items=items(300), institution_id=institution()
    )
    results = await asyncio.gather(*(orders.create_order(patient_actor(account), cmd, k2) for _ in range(6)))
    assert len({r.id for r in results}) == 1
    assert (await counts())["orders"] == before["orders"] + 1


async def test_family_member_orders_are_visible_to_the_managing_account_only(core):
    from yiqiao.billing.service import orders
    from yiqiao.kit.errors import Invalid, NotFound

    account, patient = await new_patient("单丙")
    child = await add_family_member(account, "丙")
    other_account, other_patient = await new_patient("单丁")
    mine = await make_order(account, patient, 1000)
    childs = await make_order(account, child, 800, kind="consultation")
    theirs = await make_order(other_account, other_patient, 500)
    me = patient_actor(account)
    listed = await orders.list_orders(me)
    assert {o.id for o in listed} >= {mine.id, childs.id} and theirs.id not in {o.id for o in listed}
    assert [o.id for o in await orders.list_orders(me, patient_id=child)] == [childs.id]
    assert [o.id for o in await orders.list_orders(me, kind="consultation")] == [childs.id]
    assert await orders.list_orders(me, status="paid") == []
    assert (await orders.get_order(me, childs.id)).patient_name_masked.startswith("家")
    with pytest.raises(NotFound) as nf:
        await orders.get_order(me, theirs.id)
    assert nf.value.code == "order_not_found"
    with pytest.raises(NotFound):
        await orders.get_order(me, uuid.uuid4())
    with pytest.raises(NotFound):
        await orders.list_orders(me, patient_id=other_patient)
    with pytest.raises(Invalid):
        await orders.list_orders(me, status="bogus")
    # Nobody bills another patient's profile.
    with pytest.raises(NotFound):
        await make_order(account, other_patient, 1000)


async def test_staff_see_only_their_institutions_orders(core):
    from yiqiao.billing.service import orders
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.errors import NotFound

    account, patient = await new_patient("单戊")
    order = await make_order(account, patient, 1000)
    here = Actor(kind="staff", id=uuid.uuid4(), institution_id=institution())
    elsewhere = Actor(kind="staff", id=uuid.uuid4(), institution_id=institution("QX-SMZ"))
    assert (await orders.get_order(here, order.id)).id == order.id
    with pytest.raises(NotFound):
        await orders.get_order(elsewhere, order.id)


async def test_bad_input_is_refused_and_changes_nothing(core):
    from yiqiao.billing.service import orders
    from yiqiao.billing.types import NewOrder, OrderItemIn
    from yiqiao.kit.errors import Conflict, Invalid, NotFound

    account, patient = await new_patient("单己")
    me = patient_actor(account)
    before = await counts()

    def cmd(*lines: OrderItemIn, **kw: object) -> NewOrder:
        fields: dict[str, object] = {
            "patient_id": patient,
            "kind": "outpatient",
            "title": "t",
            "items": list(lines),
            "institution_id": institution(),
        }
        fields.update(kw)
        return NewOrder(**fields)  # type: ignore[arg-type]

    def line(unit: object, qty: object = 1) -> OrderItemIn:
        return OrderItemIn(code="X", name="x", category="exam", unit_fen=unit, quantity=qty)  # type: ignore[arg-type]

    cases = [
        (cmd(line(-100)), "amount_invalid"),
        (cmd(line(12.5)), "amount_not_integer"),
        (cmd(line(True)), "amount_not_integer"),
        (cmd(line(0)), "amount_not_positive"),
        (cmd(line(100, 0)), "quantity_invalid"),
        (cmd(), "order_items_required"),
        (cmd(line(100), kind="lottery"), "order_kind_invalid"),
        (cmd(line(100), subject_type="appointment"), "order_subject_incomplete"),
        (
            cmd(line(100), expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)),
            "order_expired_on_arrival",
        ),
    ]
    for c, code in cases:
        with pytest.raises(Invalid) as exc:
            await orders.create_order(me, c, key("bad"))
        assert exc.value.code == code, (c, exc.value.code)
    with pytest.raises(NotFound) as nf:
        await orders.create_order(me, cmd(line(100), institution_id=uuid.uuid4()), key("bad"))
    assert nf.value.code == "institution_not_found"
    # A subject is billed by one live order only.
    await orders.create_order(me, cmd(line(100), subject_type="test", subject_id="s-1"), key("sub"))
    with pytest.raises(Conflict) as cf:
        await orders.create_order(me, cmd(line(200), subject_type="test", subject_id="s-1"), key("sub"))
    assert cf.value.code == "subject_already_billed"
    after = await counts()
    assert after["orders"] == before["orders"] + 1


async def test_orders_pay_and_refund_over_http_and_another_patient_gets_404(patient_api, providers):
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import signed_in_patient, trade

    a, a_account, a_patient = await signed_in_patient(patient_api, "甲")
    b, _b_account, _b_patient = await signed_in_patient(patient_api, "乙")
    order = await make_order(a_account, a_patient, 2500, 1200)
    r = await patient_api.get("/orders", headers=a)
    assert r.status_code == 200 and [o["id"] for o in r.json()] == [str(order.id)]
    body = r.json()[0]
    assert body["total_fen"] == 3700 and body["patient_name_masked"] == "患*甲" and "name" not in body
    assert (await patient_api.get("/orders", headers=b)).json() == []
    for path in (f"/orders/{order.id}",):
        r = await patient_api.get(path, headers=b)
        assert r.status_code == 404 and r.json()["code"] == "order_not_found"
        assert r.headers["content-type"].startswith("application/problem+json")
    pay = {"provider": "wechat", "channel": "mini_program"}
    r = await patient_api.post(
        f"/orders/{order.id}/pay", json=pay, headers={**b, "Idempotency-Key": key("b-pay")}
    )
    assert r.status_code == 404 and r.json()["code"] == "order_not_found"
    r = await patient_api.post(f"/orders/{order.id}/pay", json=pay, headers=a)
    assert r.status_code == 400  # the Idempotency-Key is required
    r = await patient_api.post(
        f"/orders/{order.id}/pay", json={"provider": "paypal"}, headers={**a, "Idempotency-Key": key("p")}
    )
    assert r.status_code == 400 and r.json()["code"] == "validation_failed"
    r = await patient_api.post(
        f"/orders/{uuid.uuid4()}/pay", json=pay, headers={**a, "Idempotency-Key": key("p")}
    )
    assert r.status_code == 404
    k = key("a-pay")
    r = await patient_api.post(f"/orders/{order.id}/pay", json=pay, headers={**a, "Idempotency-Key": k})
    assert r.status_code == 201, r.text
    start = r.json()
    assert start["amount_fen"] == 3700 and start["payload"]["provider"] == "wechat"
    assert (
        await patient_api.post(f"/orders/{order.id}/pay", json=pay, headers={**a, "Idempotency-Key": k})
    ).json()["payment_id"] == start["payment_id"]
    assert (
        await payments.apply_trade(SYSTEM, "wechat", trade(start["out_trade_no"], "succeeded", 3700))
        == "applied"
    )
    history = (await patient_api.get("/payments", headers=a)).json()
    assert [h["status"] for h in history] == ["paid"] and history[0]["payments"][0]["status"] == "succeeded"
    assert (await patient_api.get("/payments", headers=b)).json() == []

    refund_url = f"/orders/{order.id}/refunds"
    for bad in (
        {"reason": "x", "amount_fen": -1},
        {"reason": "x", "amount_fen": 1.5},
        {"reason": "x", "amount_fen": 0},
    ):
        r = await patient_api.post(refund_url, json=bad, headers={**a, "Idempotency-Key": key("bad")})
        assert r.status_code == 400 and r.json()["code"] == "validation_failed", r.text
    r = await patient_api.post(
        refund_url, json={"reason": "x"}, headers={**b, "Idempotency-Key": key("b-rf")}
    )
    assert r.status_code == 404
    r = await patient_api.post(
        refund_url, json={"reason": "x", "amount_fen": 99999}, headers={**a, "Idempotency-Key": key("big")}
    )
    assert r.status_code == 409 and r.json()["code"] == "refund_exceeds_refundable"
    r = await patient_api.post(
        refund_url, json={"reason": "不做了", "amount_fen": 1200}, headers={**a, "Idempotency-Key": key("rf")}
    )
    assert r.status_code == 201, r.text
    refund = r.json()
    assert refund["status"] == "processing" and refund["amount_fen"] == 1200
    assert (await patient_api.get(f"/refunds/{refund['id']}", headers=a)).json()["refund_no"] == refund[
        "refund_no"
    ]
    assert (await patient_api.get(f"/refunds/{refund['id']}", headers=b)).status_code == 404
    view = (await patient_api.get(f"/orders/{order.id}", headers=a)).json()
    assert view["status"] == "refunding" and view["refundable_fen"] == 2500


async def test_the_notify_endpoint_is_public_and_refuses_unknown_providers(patient_api):
    r = await patient_api.post("/payments/notify/paypal", content=b"{}")
    assert r.status_code == 404 and r.json()["code"] == "provider_unknown"


async def test_clinicians_see_whether_their_institutions_orders_are_paid(clinician_api, core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.billing_world import trade
    from tests.integration.flows import bearer, staff_tokens

    account, patient = await new_patient("单庚")
    order = await make_order(account, patient, 1000)
    wang = bearer(await staff_tokens(clinician_api, "dr.wang"))
    ma = bearer(await staff_tokens(clinician_api, "dr.machao"))  # township clinic
    r = await clinician_api.get(f"/orders/{order.id}/paid", headers=wang)
    assert r.status_code == 200 and r.json()["paid"] is False and r.json()["patient_name_masked"] == "测**庚"
    assert "paid_fen" not in r.json()
    assert (await clinician_api.get(f"/orders/{order.id}/paid", headers=ma)).status_code == 404
    start = await payments.start_payment(
        patient_actor(account), order.id, PayCommand(provider="alipay"), key("pay")
    )
    await payments.apply_trade(SYSTEM, "alipay", trade(start.out_trade_no, "succeeded", 1000))
    r = await clinician_api.get(f"/patients/{patient}/orders/paid", headers=wang)
    assert [(x["order_id"], x["paid"]) for x in r.json()] == [(str(order.id), True)]
    assert (await clinician_api.get(f"/patients/{patient}/orders/paid", headers=ma)).json() == []
