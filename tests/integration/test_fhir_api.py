"""The clinician BFF's FHIR endpoints: a ward's vitals as Observations and its devices as Device,
valid R4 (fhir.resources' R4B models), scoped to the caller's own ward."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.device import Device
from fhir.resources.R4B.observation import Observation

from tests.integration.flows import bearer, staff_tokens


async def _store(
    device_code: str,
    seq: int,
    values: dict[str, tuple[float, str]],
    ago_s: float = 0,
    patient: uuid.UUID | None = None,
) -> None:
    """Store readings as the gateway would, stamped with ``patient`` (the device's binding)."""
    import msgspec
    from yiqiao.kit import clock
    from yiqiao.monitoring import service as monitoring
    from yiqiao.monitoring.types import ReadingIn

    device = await monitoring.device_ref(device_code)
    assert device is not None
    device = msgspec.structs.replace(device, patient_id=patient)
    at = clock.now() - timedelta(seconds=ago_s)
    await monitoring.store_readings(
        [
            ReadingIn(
                device=device,
                seq=seq,
                code=c,
                value=v,
                unit=u,
                measured_at=at,
                received_at=at,
                patient_id=patient,
            )
            for c, (v, u) in values.items()
        ]
    )


def _loinc(resource: dict[str, Any]) -> str:
    return next(c["code"] for c in resource["code"]["coding"] if c["system"] == "http://loinc.org")


async def test_a_nurse_exports_her_patients_vitals_as_fhir(clinician_api):
    from yiqiao import db
    from yiqiao.monitoring import service as monitoring

    wear = await monitoring.device_ref("DEV-WEAR-002")
    bp = await monitoring.device_ref("DEV-BP-001")
    assert wear is not None and bp is not None and wear.department_id == bp.department_id
    patient = (await db.fetch("SELECT id FROM patient ORDER BY created_at LIMIT 1"))[0]["id"]
    seq = int(time.time() * 1000)
    await _store(
        "DEV-BP-001",
        seq,
        {
            "MDC_PRESS_BLD_NONINV_SYS": (142.0, "mm[Hg]"),
            "MDC_PRESS_BLD_NONINV_DIA": (91.0, "mm[Hg]"),
            "MDC_PULS_RATE": (77.0, "/min"),
        },
        patient=patient,
    )
    await _store("DEV-WEAR-002", seq, {"MDC_PULS_OXIM_SAT_O2": (95.0, "%")}, ago_s=1)

    nurse = bearer(await staff_tokens(clinician_api, "nurse.he"))
    r = await clinician_api.get("/fhir/Observation", params={"patient": f"Patient/{patient}"}, headers=nurse)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/fhir+json")
    bundle = r.json()
    Bundle.model_validate(bundle)
    assert bundle["type"] == "searchset"
    mine = [
        e["resource"] for e in bundle["entry"] if e["resource"]["device"]["reference"] == f"Device/{bp.id}"
    ]
    for res in mine:
        Observation.model_validate(res)
        assert res["subject"] == {"reference": f"Patient/{patient}"}
    panel = next(
        o for o in mine if _loinc(o) == "85354-9" and o["identifier"][0]["value"].endswith(f"/{seq}/85354-9")
    )
    assert {(c["code"]["coding"][0]["code"], c["valueQuantity"]["value"]) for c in panel["component"]} == {
        ("8480-6", 142.0),
        ("8462-4", 91.0),
    }
    assert panel["effectiveDateTime"].endswith("Z")
    # The unbound wearable's reading is not the patient's.
    assert not any(e["resource"]["device"]["reference"] == f"Device/{wear.id}" for e in bundle["entry"])

    r = await clinician_api.get(
        "/fhir/Observation", params={"device": str(wear.id), "code": "2708-6"}, headers=nurse
    )
    assert r.status_code == 200, r.text
    entries = [e["resource"] for e in r.json()["entry"]]
    assert entries and all(_loinc(o) == "59408-5" and "subject" not in o for o in entries)
    assert any(
        o["valueQuantity"] == {"value": 95.0, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"}
        for o in entries
    )

    r = await clinician_api.get(
        "/fhir/Observation",
        params={"device": str(bp.id), "code": "http://loinc.org|8867-4", "_count": 1},
        headers=nurse,
    )
    assert r.status_code == 200 and [_loinc(e["resource"]) for e in r.json()["entry"]] == ["8867-4"]


async def test_fhir_is_scoped_to_the_callers_ward(clinician_api):
    from yiqiao.monitoring import service as monitoring

    wear = await monitoring.device_ref("DEV-WEAR-002")
    assert wear is not None
    await _store("DEV-WEAR-002", int(time.time() * 1000) + 1, {"MDC_PULS_RATE": (66.0, "/min")})
    doctor = bearer(await staff_tokens(clinician_api, "dr.wutao"))  # paediatrics, another campus
    r = await clinician_api.get("/fhir/Observation", params={"device": str(wear.id)}, headers=doctor)
    assert r.status_code == 200 and r.json()["entry"] == []
    r = await clinician_api.get(f"/fhir/Device/{wear.id}", headers=doctor)
    assert r.status_code == 403

    nurse = bearer(await staff_tokens(clinician_api, "nurse.he"))
    r = await clinician_api.get(f"/fhir/Device/{wear.id}", headers=nurse)
    assert r.status_code == 200, r.text
    device = r.json()
    Device.model_validate(device)
    assert device["identifier"][0]["value"] == "DEV-WEAR-002" and device["status"] == "active"
    assert device["owner"] == {"reference": f"Organization/{wear.institution_id}"}


async def test_fhir_bad_requests_are_4xx(clinician_api):
    nurse = bearer(await staff_tokens(clinician_api, "nurse.he"))
    for params in (
        {"patient": "nobody"},
        {"code": "heart"},
        {"code": "http://snomed.info/sct|364075005"},
        {"_count": 0},
    ):
        r = await clinician_api.get("/fhir/Observation", params=params, headers=nurse)
        assert r.status_code in (400, 422), (params, r.status_code, r.text)
    r = await clinician_api.get(f"/fhir/Device/{uuid.uuid4()}", headers=nurse)
    assert r.status_code == 404
    r = await clinician_api.get("/fhir/Observation")
    assert r.status_code == 401
    r = await clinician_api.get("/fhir/Observation", params={"code": "0000-0"}, headers=nurse)
    assert r.status_code == 200 and r.json()["entry"] == []
