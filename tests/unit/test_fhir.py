"""FHIR export: every resource we produce validates as R4 (fhir.resources' R4B models, which
are R4-compatible), and our MDC codes map to the LOINC codes the vital-signs profiles ask for."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.device import Device
from fhir.resources.R4B.observation import Observation
from yiqiao.monitoring import fhir
from yiqiao.monitoring.fhir import FhirReading

DEVICE = uuid.UUID("01900000-0000-7000-8000-000000000001")
PATIENT = uuid.UUID("01900000-0000-7000-8000-000000000002")
T0 = datetime(2026, 11, 22, 11, 30, 5, 250000, tzinfo=timezone(timedelta(hours=8)))


def reading(
    code: str, value: float, unit: str, *, seq: int = 7, patient: uuid.UUID | None = PATIENT
) -> FhirReading:
    return FhirReading(
        device_id=DEVICE,
        device_code="DEV-WEAR-001",
        seq=seq,
        code=code,
        value=value,
        unit=unit,
        measured_at=T0,
        patient_id=patient,
    )


def valid(resource: dict[str, Any]) -> dict[str, Any]:
    model = {"Observation": Observation, "Device": Device, "Bundle": Bundle}[resource["resourceType"]]
    model.model_validate(resource)  # raises on anything R4 does not allow
    return resource


def codings(concept: dict[str, Any], system: str = fhir.LOINC) -> list[str]:
    return [c["code"] for c in concept.get("coding", []) if c["system"] == system]


@pytest.mark.parametrize(
    ("mdc", "unit", "loinc"),
    [
        ("MDC_PULS_RATE", "/min", ["8867-4"]),
        ("MDC_ECG_HEART_RATE", "/min", ["8867-4"]),
        ("MDC_PULS_OXIM_SAT_O2", "%", ["59408-5", "2708-6"]),
        ("MDC_TEMP_BODY", "Cel", ["8310-5"]),
        ("MDC_RESP_RATE", "/min", ["9279-1"]),
        ("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", "mg/dL", ["2339-0"]),
        ("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", "mmol/L", ["15074-8"]),
        ("8867-4", "/min", ["8867-4"]),  # a device that sends LOINC already
    ],
)
def test_single_readings_map_to_loinc_with_ucum(mdc: str, unit: str, loinc: list[str]) -> None:
    obs = valid(fhir.observation(reading(mdc, 42.5, unit)))
    assert codings(obs["code"]) == loinc
    if mdc.startswith("MDC_"):
        assert codings(obs["code"], fhir.MDC) == [mdc]
    assert obs["valueQuantity"] == {
        "value": 42.5,
        "unit": unit,
        "system": "http://unitsofmeasure.org",
        "code": unit,
    }
    assert obs["status"] == "final"
    assert obs["subject"] == {"reference": f"Patient/{PATIENT}"}
    assert obs["device"]["reference"] == f"Device/{DEVICE}"
    assert obs["effectiveDateTime"] == "2026-11-22T03:30:05.250000Z"  # UTC, not the device's +08:00
    category = codings(obs["category"][0], "http://terminology.hl7.org/CodeSystem/observation-category")
    assert category == (["laboratory"] if "GLU" in mdc else ["vital-signs"])


def test_vital_signs_profile_is_claimed_only_with_a_subject() -> None:
    bound = valid(fhir.observation(reading("MDC_PULS_RATE", 72, "/min")))
    assert bound["meta"]["profile"] == ["http://hl7.org/fhir/StructureDefinition/vitalsigns"]
    unbound = valid(fhir.observation(reading("MDC_PULS_RATE", 72, "/min", patient=None)))
    assert "subject" not in unbound and "meta" not in unbound
    glucose = valid(fhir.observation(reading("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", 6.1, "mmol/L")))
    assert "meta" not in glucose  # not a vital sign


def test_systolic_and_diastolic_of_one_message_become_one_bp_panel() -> None:
    batch = [
        reading("MDC_PRESS_BLD_NONINV_SYS", 128, "mm[Hg]"),
        reading("MDC_PULS_RATE", 70, "/min"),
        reading("MDC_PRESS_BLD_NONINV_DIA", 82, "mm[Hg]"),
        reading("MDC_PRESS_BLD_NONINV_SYS", 131, "mm[Hg]", seq=8),  # another message: its own panel
    ]
    out = [valid(o) for o in fhir.observations(batch)]
    assert [codings(o["code"])[0] for o in out] == ["85354-9", "8867-4", "85354-9"]
    panel = out[0]
    assert "valueQuantity" not in panel
    assert [
        (codings(c["code"]), c["valueQuantity"]["value"], c["valueQuantity"]["code"])
        for c in panel["component"]
    ] == [
        (["8480-6"], 128, "mm[Hg]"),
        (["8462-4"], 82, "mm[Hg]"),
    ]
    assert [codings(c["code"]) for c in out[2]["component"]] == [["8480-6"]]
    assert len({o["id"] for o in out}) == 3


def test_unmapped_codes_keep_their_code_and_no_category() -> None:
    obs = valid(fhir.observation(reading("MDC_ATTR_INFUS_RATE", 80, "mL/h")))
    assert codings(obs["code"]) == [] and codings(obs["code"], fhir.MDC) == ["MDC_ATTR_INFUS_RATE"]
    assert "category" not in obs


def test_ids_are_stable_and_per_reading() -> None:
    a = fhir.observation(reading("MDC_PULS_RATE", 72, "/min"))
    assert a["id"] == fhir.observation(reading("MDC_PULS_RATE", 99, "/min"))["id"]
    assert a["id"] != fhir.observation(reading("MDC_PULS_RATE", 72, "/min", seq=8))["id"]
    assert a["id"] != fhir.observation(reading("MDC_TEMP_BODY", 36.6, "Cel"))["id"]


def test_search_codes_cover_the_panel_and_both_spo2_codes() -> None:
    assert fhir.codes_for_loinc("85354-9") >= {"MDC_PRESS_BLD_NONINV_SYS", "MDC_PRESS_BLD_NONINV_DIA"}
    assert "MDC_PULS_OXIM_SAT_O2" in fhir.codes_for_loinc("2708-6")
    assert "MDC_PULS_OXIM_SAT_O2" in fhir.codes_for_loinc("59408-5")
    assert "MDC_PULS_RATE" in fhir.codes_for_loinc("8867-4")
    assert fhir.codes_for_loinc("0000-0") == frozenset()
    assert "2339-0" in fhir.loinc_matches("MDC_CONC_GLU_GEN", "mg/dL")
    assert "2339-0" not in fhir.loinc_matches("MDC_CONC_GLU_GEN", "mmol/L")


def test_device_and_bundle_validate() -> None:
    inst = uuid.uuid4()
    dev = valid(
        fhir.device(
            id=DEVICE,
            code="DEV-WEAR-001",
            kind="wearable",
            name="智能手环",
            institution_id=inst,
            bed_label="301-1",
            location="住院楼3楼",
        )
    )
    assert dev["identifier"] == [{"system": fhir.DEVICE_CODE_SYSTEM, "value": "DEV-WEAR-001"}]
    assert dev["status"] == "active" and dev["owner"] == {"reference": f"Organization/{inst}"}
    assert dev["type"]["coding"][0]["code"] == "wearable"
    retired = valid(fhir.device(id=DEVICE, code="X", kind="ecg", name="", institution_id=inst, active=False))
    assert retired["status"] == "inactive" and "location" not in retired

    obs = fhir.observations([reading("MDC_PULS_RATE", 72, "/min"), reading("MDC_TEMP_BODY", 36.6, "Cel")])
    bundle = valid(fhir.searchset(obs, "https://h.example/fhir/", "https://h.example/fhir/Observation?x=1"))
    assert bundle["type"] == "searchset" and len(bundle["entry"]) == 2
    assert bundle["entry"][0]["fullUrl"] == f"https://h.example/fhir/Observation/{obs[0]['id']}"
    assert (
        valid(fhir.searchset([], "https://h.example/fhir", "https://h.example/fhir/Observation"))["entry"]
        == []
    )


def test_utc_instant() -> None:
    assert fhir.instant(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01T00:00:00Z"
