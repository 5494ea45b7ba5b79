"""Notices reach the patient through the channels they chose (002 §2.1.1.4.3), via the outbox."""

from __future__ import annotations

import uuid

from tests.integration.flows import ZHANG_SAN_PHONE, bearer, patient_tokens


async def _account_id(api, headers) -> uuid.UUID:
    from yiqiao.kit.tokens import decode

    return uuid.UUID(decode(headers["Authorization"].split()[1], "patient")["sub"])


async def test_critical_notices_cannot_be_switched_off(patient_api):
    h = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    prefs = {p["category"]: p for p in (await patient_api.get("/notices/preferences", headers=h)).json()}
    assert prefs["visit"]["critical"] and not prefs["news"]["critical"]
    r = await patient_api.put("/notices/preferences", headers=h, json={"category": "visit", "enabled": False})
    assert r.status_code == 422 and r.json()["code"] == "critical_notice_required"
    r = await patient_api.put(
        "/notices/preferences", headers=h, json={"category": "visit", "enabled": True, "channels": []}
    )
    assert r.status_code == 422 and r.json()["code"] == "notice_channel_required"
    r = await patient_api.put("/notices/preferences", headers=h, json={"category": "news", "enabled": False})
    assert r.status_code == 200 and r.json()["enabled"] is False


async def test_notice_delivery_follows_preferences_and_dedupes(patient_api):
    from yiqiao import db
    from yiqiao.notify import service as notify
    from yiqiao.outbox.delivery import deliver_due

    phone = "13600136001"
    h = bearer(await patient_tokens(patient_api, phone))
    account = await _account_id(patient_api, h)
    r = await patient_api.put(
        "/notices/preferences", headers=h, json={"category": "followup", "enabled": True, "channels": ["sms"]}
    )
    assert r.status_code == 200
    await patient_api.put("/notices/preferences", headers=h, json={"category": "news", "enabled": False})

    key = f"test:{uuid.uuid4()}"
    async with db.transaction():
        assert await notify.notify(account, "followup", "随访提醒", "请填写术后随访问卷", dedupe_key=key)
        assert not await notify.notify(account, "followup", "随访提醒", "请填写术后随访问卷", dedupe_key=key)
        assert await notify.notify(account, "news", "医院资讯", "新院区开诊", dedupe_key=key + ":news")
    await deliver_due()
    sms = await db.fetch("SELECT template FROM local_sms_message WHERE dedupe_key LIKE {}", key + "%")
    assert [s["template"] for s in sms] == ["notice"]  # one SMS: dedupe, and news was switched off
    page = (await patient_api.get("/notices", headers=h, params={"unread_only": True})).json()
    titles = sorted(n["title"] for n in page["items"])
    assert titles == ["医院资讯", "随访提醒"]  # switched-off news still lands in the inbox, silently
    notice_id = next(n["id"] for n in page["items"] if n["title"] == "随访提醒")
    assert (await patient_api.post(f"/notices/{notice_id}/read", headers=h)).status_code == 204
    assert (await patient_api.get("/home", headers=h)).json()["unread_notices"] == 1


async def test_someone_elses_notice_cannot_be_marked_read(patient_api):
    from yiqiao import db
    from yiqiao.notify import service as notify

    owner = bearer(await patient_tokens(patient_api, "13600136002"))
    other = bearer(await patient_tokens(patient_api, "13600136003"))
    async with db.transaction():
        await notify.notify(
            await _account_id(patient_api, owner),
            "report",
            "报告已出",
            "血常规报告已出",
            dedupe_key=f"test:{uuid.uuid4()}",
        )
    nid = (await patient_api.get("/notices", headers=owner)).json()["items"][0]["id"]
    r = await patient_api.post(f"/notices/{nid}/read", headers=other)
    assert r.status_code == 404
    assert (await patient_api.get("/notices", headers=owner)).json()["unread"] == 1


async def test_transient_sms_failure_is_retried_with_backoff(patient_api):
    from yiqiao import db
    from yiqiao.integrations.sms.local import fail_next
    from yiqiao.notify import service as notify
    from yiqiao.outbox.delivery import deliver_due

    h = bearer(await patient_tokens(patient_api, "13600136004"))
    await deliver_due()  # nothing else queued may take the injected failure
    key = f"test:{uuid.uuid4()}"
    async with db.transaction():
        await notify.notify(await _account_id(patient_api, h), "report", "报告已出", "请查看", dedupe_key=key)
    await fail_next(1)
    await deliver_due()
    row = (
        await db.fetch(
            "SELECT status, attempts, last_error, next_attempt_at > now() AS later"
            " FROM outbox_message WHERE dedupe_key = {}",
            key + ":sms",
        )
    )[0]
    assert row["status"] == "pending" and row["attempts"] == 1 and row["later"]
    assert "BUSINESS_LIMIT_CONTROL" in row["last_error"]
    await db.execute("UPDATE outbox_message SET next_attempt_at = now() WHERE dedupe_key = {}", key + ":sms")
    await deliver_due()
    row = (await db.fetch("SELECT status FROM outbox_message WHERE dedupe_key = {}", key + ":sms"))[0]
    assert row["status"] == "delivered"
