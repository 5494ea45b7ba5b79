"""Read-only FHIR R4 endpoints for ward staff: vitals as Observations, devices as Device.

Scoped like the ward board: a nurse or doctor sees the readings stored for their own department
and the devices that sit in it (from the token, never from the request).
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

from bff_common.auth import CurrentActor
from litestar import Controller, Request, Response, get
from litestar.params import FromPath, QueryParameter
from yiqiao.kit.errors import Forbidden, Invalid
from yiqiao.monitoring import export, fhir

FHIR_JSON = "application/fhir+json"
LOINC_PATTERN = r"^\d{1,7}-\d$"


def _reference_id(value: str, resource: str) -> uuid.UUID:
    """``<uuid>`` or ``<Resource>/<uuid>`` → the uuid (FHIR search accepts both)."""
    raw = value.removeprefix(f"{resource}/")
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise Invalid(f"{resource} must be an id or {resource}/<id>.", code="bad_reference") from None


def _loinc(value: str) -> str:
    system, sep, code = value.rpartition("|")
    if sep and system not in ("", fhir.LOINC):
        raise Invalid("Only LOINC codes are searchable: code=http://loinc.org|<code>.", code="bad_code")
    return code


class FhirController(Controller):
    path = "/fhir"
    tags = ["fhir"]

    @get(
        "/Observation",
        summary="My ward's vital signs as a FHIR R4 searchset Bundle of Observations, newest first",
        media_type=FHIR_JSON,
    )
    async def search_observations(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        patient: Annotated[str | None, QueryParameter(description="Patient id (or Patient/<id>)")] = None,
        device: Annotated[str | None, QueryParameter(description="Device id (or Device/<id>)")] = None,
        code: Annotated[
            str | None, QueryParameter(description="LOINC code, e.g. 8867-4 or http://loinc.org|8867-4")
        ] = None,
        count: Annotated[int, QueryParameter(name="_count", ge=1, le=export.MAX_COUNT)] = 100,
    ) -> Response[dict[str, Any]]:
        """The newest ``_count`` readings stored for my department (a BP panel is one entry made of
        two readings); there is no paging yet: ask for a larger ``_count`` (at most 1000)."""
        if actor.department_id is None:
            raise Forbidden("Your account has no ward.", code="no_ward")
        loinc = _loinc(code) if code is not None else None
        if loinc is not None and not re.fullmatch(LOINC_PATTERN, loinc):
            raise Invalid("code must be a LOINC code such as 8867-4.", code="bad_code")
        observations, _more = await export.ward_observations(
            actor,
            actor.department_id,
            patient_id=_reference_id(patient, "Patient") if patient is not None else None,
            device_id=_reference_id(device, "Device") if device is not None else None,
            loinc=loinc,
            count=count,
        )
        base = f"{str(request.base_url).rstrip('/')}/fhir"
        return Response(fhir.searchset(observations, base, str(request.url)), media_type=FHIR_JSON)

    @get("/Device/{device_id:uuid}", summary="A device of my ward as a FHIR R4 Device", media_type=FHIR_JSON)
    async def read_device(
        self, actor: CurrentActor, device_id: FromPath[uuid.UUID]
    ) -> Response[dict[str, Any]]:
        return Response(await export.ward_device(actor, device_id), media_type=FHIR_JSON)
