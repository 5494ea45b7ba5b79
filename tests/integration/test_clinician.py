"""A nurse signs in and sees her own department; staff scoping comes from the token."""

from __future__ import annotations

from tests.integration.flows import bearer, staff_tokens


async def test_nurse_sees_her_department(clinician_api):
    h = bearer(await staff_tokens(clinician_api, "nurse.lin"))
    r = await clinician_api.get("/me", headers=h)
    assert r.status_code == 200
    screen = r.json()
    assert screen["me"]["name"] == "林小红" and screen["me"]["role"] == "head_nurse"
    assert screen["department"]["name"] == "心血管内科病区"
    assert screen["institution"]["short_name"] == "县人民医院"
    names = {c["name"] for c in screen["colleagues"]}
    assert {"何娟", "高雪"} <= names and "吴涛" not in names  # 吴涛 is in paediatrics at another campus


async def test_doctor_in_another_department_sees_another_roster(clinician_api):
    h = bearer(await staff_tokens(clinician_api, "dr.wutao"))
    screen = (await clinician_api.get("/me", headers=h)).json()
    assert screen["department"]["name"] == "儿科" and screen["institution"]["short_name"] == "城东院区"
    assert "林小红" not in {c["name"] for c in screen["colleagues"]}


async def test_ward_vitals_are_for_ward_staff_only(clinician_api):
    from yiqiao.kit import clock
    from yiqiao.monitoring import service as monitoring
    from yiqiao.monitoring.types import ReadingIn

    device = await monitoring.device_ref("DEV-WEAR-002")
    assert device is not None
    now = clock.now()
    await monitoring.store_readings(
        [
            ReadingIn(
                device=device,
                seq=777001,
                code="MDC_PULS_OXIM_SAT_O2",
                value=93.0,
                unit="%",
                measured_at=now,
                received_at=now,
            )
        ]
    )
    nurse = bearer(await staff_tokens(clinician_api, "nurse.he"))
    r = await clinician_api.get("/ward/vitals", headers=nurse)
    assert r.status_code == 200
    assert any(
        v["device_code"] == "DEV-WEAR-002" and v["value"] == 93.0 and v["bed_label"] == "301-2"
        for v in r.json()
    )
    # A paediatrics doctor gets her own ward's board; the ward comes from her token, so she
    # cannot ask for cardiology's.
    doctor = bearer(await staff_tokens(clinician_api, "dr.wutao"))
    r = await clinician_api.get("/ward/vitals", headers=doctor)
    assert r.status_code == 200 and not any(v["device_code"] == "DEV-WEAR-002" for v in r.json())
