"""FHIR R4 views of monitoring data: readings as ``Observation``, devices as ``Device``.

Pure functions from our Structs to JSON-ready dicts (no I/O). Readings arrive with IEEE 11073 MDC
codes (or LOINC already) and UCUM units; each exported Observation carries the LOINC coding the
vital-signs profiles ask for, and keeps the MDC code as a second coding. Systolic and diastolic
pressure from one message become one blood-pressure panel with two components, as the R4 BP
profile wants. Glucose is not a vital sign in R4 (no profile, category ``laboratory``), and its
LOINC code depends on the unit: mass (mg/dL, 2339-0) or moles (mmol/L, 15074-8).

Resource ids are stable (a UUID v5 of device, seq, measured_at and code), so exporting the same
reading twice yields the same resource.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec

LOINC = "http://loinc.org"
MDC = "urn:iso:std:iso:11073:10101"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
VITALSIGNS_PROFILE = "http://hl7.org/fhir/StructureDefinition/vitalsigns"
# Our own identifier and code systems.
DEVICE_CODE_SYSTEM = "urn:yiqiao:device-code"
DEVICE_KIND_SYSTEM = "urn:yiqiao:device-kind"
READING_SYSTEM = "urn:yiqiao:reading"
_ID_NAMESPACE = uuid.UUID("5b0c3f7e-4f0a-4c55-9a55-1d3c6e0f9a11")

BP_PANEL = "85354-9"
BP_SYSTOLIC = "8480-6"
BP_DIASTOLIC = "8462-4"


@dataclass(frozen=True, slots=True)
class Concept:
    """One LOINC concept (plus extra LOINC codings the profile requires), and its category."""

    loinc: str
    display: str
    category: str = "vital-signs"
    also: tuple[tuple[str, str], ...] = ()


HEART_RATE = Concept("8867-4", "Heart rate")
# The R4 oxygen-saturation profile requires 2708-6; 59408-5 says it came from a pulse oximeter.
SPO2 = Concept(
    "59408-5",
    "Oxygen saturation in Arterial blood by Pulse oximetry",
    also=(("2708-6", "Oxygen saturation in Arterial blood"),),
)
BODY_TEMP = Concept("8310-5", "Body temperature")
RESP_RATE = Concept("9279-1", "Respiratory rate")
SYSTOLIC = Concept(BP_SYSTOLIC, "Systolic blood pressure")
DIASTOLIC = Concept(BP_DIASTOLIC, "Diastolic blood pressure")
BP = Concept(BP_PANEL, "Blood pressure panel with all children optional")
GLUCOSE_MASS = Concept("2339-0", "Glucose [Mass/volume] in Blood", category="laboratory")
GLUCOSE_MOLES = Concept("15074-8", "Glucose [Moles/volume] in Blood", category="laboratory")

# MDC reference id → concept. Glucose is decided by unit (see concept()).
MDC_TO_LOINC: dict[str, Concept] = {
    "MDC_PULS_RATE": HEART_RATE,
    "MDC_ECG_HEART_RATE": HEART_RATE,
    "MDC_PULS_OXIM_PULS_RATE": HEART_RATE,
    "MDC_PULS_OXIM_SAT_O2": SPO2,
    "MDC_TEMP_BODY": BODY_TEMP,
    "MDC_RESP_RATE": RESP_RATE,
    "MDC_PRESS_BLD_NONINV_SYS": SYSTOLIC,
    "MDC_PRESS_BLD_NONINV_DIA": DIASTOLIC,
}
_GLUCOSE_MDC = frozenset(
    {"MDC_CONC_GLU_GEN", "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", "MDC_CONC_GLU_CAPILLARY_PLASMA"}
)
_BY_LOINC: dict[str, Concept] = {
    c.loinc: c
    for c in (HEART_RATE, SPO2, BODY_TEMP, RESP_RATE, SYSTOLIC, DIASTOLIC, GLUCOSE_MASS, GLUCOSE_MOLES)
}
_BY_LOINC["2708-6"] = SPO2


class FhirReading(msgspec.Struct, frozen=True, kw_only=True):
    """A stored reading, as the FHIR export needs it."""

    device_id: uuid.UUID
    device_code: str
    seq: int
    code: str
    value: float
    unit: str
    measured_at: datetime
    patient_id: uuid.UUID | None


def concept(code: str, unit: str) -> Concept | None:
    """The LOINC concept of one of our codes (MDC, or LOINC sent as is); None when unmapped."""
    if code in _GLUCOSE_MDC:
        return GLUCOSE_MOLES if unit.lower().startswith("mmol") else GLUCOSE_MASS
    return MDC_TO_LOINC.get(code) or _BY_LOINC.get(code)


def loinc_matches(code: str, unit: str) -> frozenset[str]:
    """Every LOINC code a search may use to find this reading (a BP part also finds the panel)."""
    c = concept(code, unit)
    if c is None:
        return frozenset()
    codes = {c.loinc, *(x for x, _ in c.also)}
    if c.loinc in (BP_SYSTOLIC, BP_DIASTOLIC):
        codes.add(BP_PANEL)
    return frozenset(codes)


def instant(dt: datetime) -> str:
    """UTC, ISO 8601 with ``Z`` (FHIR dateTime/instant)."""
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _quantity(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def _code(c: Concept | None, mdc_code: str) -> dict[str, Any]:
    coding: list[dict[str, str]] = []
    if c is not None:
        coding.append({"system": LOINC, "code": c.loinc, "display": c.display})
        coding += [{"system": LOINC, "code": code, "display": display} for code, display in c.also]
    if mdc_code.startswith("MDC_"):
        coding.append({"system": MDC, "code": mdc_code})
    out: dict[str, Any] = {"text": c.display if c else mdc_code}
    if coding:
        out["coding"] = coding
    return out


def _id(r: FhirReading, code: str) -> str:
    return str(uuid.uuid5(_ID_NAMESPACE, f"{r.device_id}|{r.seq}|{r.measured_at.isoformat()}|{code}"))


def _base(r: FhirReading, c: Concept | None, code: str) -> dict[str, Any]:
    obs: dict[str, Any] = {"resourceType": "Observation", "id": _id(r, code)}
    if c is not None and c.category == "vital-signs" and r.patient_id is not None:
        obs["meta"] = {"profile": [VITALSIGNS_PROFILE]}  # the profile requires a subject
    obs["identifier"] = [{"system": READING_SYSTEM, "value": f"{r.device_code}/{r.seq}/{code}"}]
    obs["status"] = "final"
    if c is not None:
        obs["category"] = [
            {"coding": [{"system": OBS_CATEGORY, "code": c.category}], "text": c.category.replace("-", " ")}
        ]
    if r.patient_id is not None:
        obs["subject"] = {"reference": f"Patient/{r.patient_id}"}
    obs["effectiveDateTime"] = instant(r.measured_at)
    obs["device"] = {"reference": f"Device/{r.device_id}", "display": r.device_code}
    return obs


def observation(r: FhirReading) -> dict[str, Any]:
    """One reading as one Observation with a ``valueQuantity``."""
    c = concept(r.code, r.unit)
    obs = _base(r, c, r.code)
    obs["code"] = _code(c, r.code)
    obs["valueQuantity"] = _quantity(r.value, r.unit)
    return _ordered(obs)


def bp_panel(systolic: FhirReading | None, diastolic: FhirReading | None) -> dict[str, Any]:
    """Systolic and/or diastolic from one message as one BP panel with components."""
    first = systolic or diastolic
    if first is None:
        raise ValueError("a blood-pressure panel needs a systolic or a diastolic reading")
    obs = _base(first, BP, BP_PANEL)
    obs["code"] = _code(BP, "")
    obs["component"] = [
        {"code": _code(part, r.code), "valueQuantity": _quantity(r.value, r.unit)}
        for part, r in ((SYSTOLIC, systolic), (DIASTOLIC, diastolic))
        if r is not None
    ]
    return _ordered(obs)


_ORDER = (
    "resourceType",
    "id",
    "meta",
    "identifier",
    "status",
    "category",
    "code",
    "subject",
    "effectiveDateTime",
    "valueQuantity",
    "device",
    "component",
)


def _ordered(obs: dict[str, Any]) -> dict[str, Any]:
    return {k: obs[k] for k in _ORDER if k in obs}


def observations(readings: Iterable[FhirReading]) -> list[dict[str, Any]]:
    """Readings → Observations, in the order given; the BP parts of one message (same device,
    seq and time) are joined into one panel, placed where its first part was."""
    out: list[dict[str, Any] | tuple[uuid.UUID, int, datetime]] = []
    panels: dict[tuple[uuid.UUID, int, datetime], dict[str, FhirReading]] = {}
    for r in readings:
        c = concept(r.code, r.unit)
        if c is not None and c.loinc in (BP_SYSTOLIC, BP_DIASTOLIC):
            key = (r.device_id, r.seq, r.measured_at)
            if key not in panels:
                panels[key] = {}
                out.append(key)
            panels[key].setdefault(c.loinc, r)
        else:
            out.append(observation(r))
    return [
        x if isinstance(x, dict) else bp_panel(panels[x].get(BP_SYSTOLIC), panels[x].get(BP_DIASTOLIC))
        for x in out
    ]


def device(
    *,
    id: uuid.UUID,
    code: str,
    kind: str,
    name: str,
    institution_id: uuid.UUID,
    bed_label: str = "",
    location: str = "",
    active: bool = True,
) -> dict[str, Any]:
    """One of our devices as a FHIR Device (identifier = our code, owner = its institution)."""
    res: dict[str, Any] = {
        "resourceType": "Device",
        "id": str(id),
        "identifier": [{"system": DEVICE_CODE_SYSTEM, "value": code}],
        "status": "active" if active else "inactive",
        "deviceName": [{"name": name or code, "type": "user-friendly-name"}],
        "type": {"coding": [{"system": DEVICE_KIND_SYSTEM, "code": kind}], "text": kind.replace("_", " ")},
        "owner": {"reference": f"Organization/{institution_id}"},
    }
    place = " · ".join(x for x in (location, f"bed {bed_label}" if bed_label else "") if x)
    if place:
        res["location"] = {"display": place}
    return res


def searchset(resources: Sequence[dict[str, Any]], base_url: str, self_url: str) -> dict[str, Any]:
    """A FHIR searchset Bundle of ``resources`` (every one a match); ``base_url`` is the FHIR
    base the entries' absolute ``fullUrl`` hang under."""
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "link": [{"relation": "self", "url": self_url}],
        "entry": [
            {
                "fullUrl": f"{base_url.rstrip('/')}/{r['resourceType']}/{r['id']}",
                "resource": r,
                "search": {"mode": "match"},
            }
            for r in resources
        ],
    }


def codes_for_loinc(loinc: str) -> frozenset[str]:
    """Our codes (MDC, or LOINC sent as is) whose readings a search by ``loinc`` may find. Check
    each row with :func:`loinc_matches` too: for glucose the unit decides."""
    ours = {code for code in (*MDC_TO_LOINC, *_BY_LOINC) if loinc in loinc_matches(code, "")}
    if loinc in (GLUCOSE_MASS.loinc, GLUCOSE_MOLES.loinc):
        ours |= _GLUCOSE_MDC
    return frozenset(ours)
