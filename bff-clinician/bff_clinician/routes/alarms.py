"""Alarms on the clinician's phone: my ward's open alarms, acknowledge, resolve; a patient's own
alarm rules. Thin: every rule and check lives in ``yiqiao.monitoring.alarms``."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK
from yiqiao.monitoring.alarms import service as alarms
from yiqiao.monitoring.alarms.types import AlarmView, PatientRules, PatientRulesView, ResolveAlarm


@get("/ward/alarms", tags=["alarms"], summary="Open alarms of my ward, most severe and newest first")
async def ward_alarms(actor: CurrentActor) -> list[AlarmView]:
    return await alarms.ward_alarms(actor)


class AlarmController(Controller):
    path = "/alarms"
    tags = ["alarms"]

    @post("/{alarm_id:uuid}/acknowledge", status_code=HTTP_200_OK, summary="Acknowledge an alarm")
    async def acknowledge_alarm(self, actor: CurrentActor, alarm_id: FromPath[uuid.UUID]) -> AlarmView:
        return await alarms.acknowledge(actor, alarm_id)

    @post(
        "/{alarm_id:uuid}/resolve", status_code=HTTP_200_OK, summary="Resolve an alarm, with an optional note"
    )
    async def resolve_alarm(
        self, actor: CurrentActor, alarm_id: FromPath[uuid.UUID], data: JSONBody[ResolveAlarm | None] = None
    ) -> AlarmView:
        return await alarms.resolve(actor, alarm_id, data.note if data else "")


class PatientAlarmRulesController(Controller):
    path = "/patients/{patient_id:uuid}/alarm-rules"
    tags = ["alarms"]

    @get("/", summary="A patient's own alarm rules (they override the device kind's defaults)")
    async def patient_alarm_rules(
        self, actor: CurrentActor, patient_id: FromPath[uuid.UUID]
    ) -> PatientRulesView:
        return await alarms.patient_rules(actor, patient_id)

    @put("/", summary="Replace a patient's own alarm rules (doctors and head nurses)")
    async def set_patient_alarm_rules(
        self, actor: CurrentActor, patient_id: FromPath[uuid.UUID], data: JSONBody[PatientRules]
    ) -> PatientRulesView:
        return await alarms.set_patient_rules(actor, patient_id, data.rules)


ALARM_ROUTES = [ward_alarms, AlarmController, PatientAlarmRulesController]
