"""What clinicians do with alarms: see their ward's open alarms, acknowledge, resolve; and set a
patient's own alarm rules (doctors and head nurses).

Only staff of an alarm's ward may see or act on it; to anyone else it does not exist (404), so
alarm ids cannot be probed across wards.
"""

from __future__ import annotations

import uuid

from asyncpg.exceptions import ForeignKeyViolationError

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.access import require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid, NotFound
from yiqiao.monitoring.alarms import lifecycle
from yiqiao.monitoring.alarms.rules import from_row, validate
from yiqiao.monitoring.alarms.types import SEVERITY_ORDER, AlarmView, PatientRulesView, RuleIn

RULE_EDITORS = ("doctor", "head_nurse")


def _ward_of(actor: Actor) -> uuid.UUID:
    if actor.kind != "staff" or actor.id is None:
        raise Forbidden("Only ward staff handle alarms.", code="not_staff")
    if actor.department_id is None:
        raise Forbidden("Your account has no ward.", code="no_ward")
    return actor.department_id


async def _ward_alarm(actor: Actor, alarm_id: uuid.UUID) -> AlarmView:
    ward = _ward_of(actor)
    alarm = await lifecycle.get(alarm_id)
    if alarm.department_id != ward:
        raise NotFound("No such alarm.", code="alarm_not_found")
    return alarm


async def ward_alarms(actor: Actor, limit: int = 200) -> list[AlarmView]:
    """Open alarms of my ward: high severity first, then the newest."""
    ward = _ward_of(actor)
    rows = await db.fetch(
        "SELECT * FROM alarm WHERE department_id = {} AND state <> 'resolved'"
        " ORDER BY raised_at DESC LIMIT {}",
        ward,
        min(max(limit, 1), 500),
    )
    alarms = [lifecycle.view(r) for r in rows]
    alarms.sort(key=lambda a: SEVERITY_ORDER[a.severity])  # stable: newest first within a severity
    return alarms


async def acknowledge(actor: Actor, alarm_id: uuid.UUID) -> AlarmView:
    await _ward_alarm(actor, alarm_id)
    return await lifecycle.acknowledge(actor, alarm_id)


async def resolve(actor: Actor, alarm_id: uuid.UUID, note: str = "") -> AlarmView:
    await _ward_alarm(actor, alarm_id)
    return await lifecycle.resolve(actor, alarm_id, note.strip())


async def patient_rules(actor: Actor, patient_id: uuid.UUID) -> PatientRulesView:
    if actor.kind != "staff":
        raise Forbidden("Only clinicians see alarm rules.", code="not_staff")
    await require_patient_access(actor, patient_id)
    rows = await db.fetch("SELECT * FROM alarm_rule WHERE patient_id = {} ORDER BY rule_key", patient_id)
    return PatientRulesView(patient_id=patient_id, rules=[from_row(r) for r in rows])


async def set_patient_rules(actor: Actor, patient_id: uuid.UUID, rules: list[RuleIn]) -> PatientRulesView:
    """Replace the patient's own rules (an empty list goes back to the device kind defaults).
    The gateway applies them within ``alarm_rules_refresh_s``."""
    if actor.kind != "staff" or not set(actor.roles) & set(RULE_EDITORS):
        raise Forbidden("Only doctors and head nurses set a patient's alarm rules.", code="not_rule_editor")
    await require_patient_access(actor, patient_id)
    validated = [validate(r) for r in rules]
    keys = [r.key for r in validated]
    if len(set(keys)) != len(keys):
        dup = next(k for k in keys if keys.count(k) > 1)
        raise Invalid(f"Two rules watch the same thing ({dup}); send one.", code="alarm_rule_duplicate")
    now = clock.now()
    try:
        async with db.transaction():
            await db.execute("DELETE FROM alarm_rule WHERE patient_id = {}", patient_id)
            for r in validated:
                await db.execute(
                    "INSERT INTO alarm_rule (patient_id, rule_key, kind, code, event, low, high, delta,"
                    " window_s, after_s, severity, category, enabled, updated_at, updated_by)"
                    " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                    patient_id,
                    r.key,
                    r.kind,
                    r.code,
                    r.event,
                    r.low,
                    r.high,
                    r.delta,
                    r.window_s,
                    r.after_s,
                    r.severity,
                    r.category,
                    r.enabled,
                    now,
                    actor.label,
                )
            await audit.record(actor, "alarm_rule.set", "patient", patient_id, {"rule_keys": keys})
    except ForeignKeyViolationError:
        raise NotFound("No such patient profile.", code="profile_not_found") from None
    return await patient_rules(actor, patient_id)
