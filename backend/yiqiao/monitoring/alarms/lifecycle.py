"""The alarm state machine, the one place an alarm changes state.

    (none) --raise--> raised
    raised, escalated --acknowledge--> acknowledged
    raised, escalated --escalate--> escalated (level + 1: next nurse, then head nurse)
    raised, acknowledged, escalated --resolve--> resolved

A transition is one conditional UPDATE (so two nurses acknowledging at once cannot both win),
audited with ``audit.record`` in the same transaction, then published to the ward's channel and
the target nurse's channel after the commit (best effort: the ward screen reloads
``GET /ward/alarms`` on reconnect, and an alarm nobody acknowledges escalates anyway). A nurse
whose socket hears both channels gets the message twice when the alarm is hers; each message
names its ``channel``, and clients key alarms by id. Anything
else is a :class:`Conflict` naming the transition and the state. ``raise_alarm`` suppresses
duplicates: while an alarm of the same (device, rule) is open, a new breach counts a repeat on it.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.monitoring.alarms import ladder
from yiqiao.monitoring.alarms.types import AlarmState, AlarmView, Breach
from yiqiao.monitoring.types import DeviceRef

OPEN: Final[tuple[AlarmState, ...]] = ("raised", "acknowledged", "escalated")
# transition name → (states it may start from, state it ends in)
TRANSITIONS: Final[dict[str, tuple[tuple[AlarmState, ...], AlarmState]]] = {
    "acknowledge": (("raised", "escalated"), "acknowledged"),
    "escalate": (("raised", "escalated"), "escalated"),
    "resolve": (("raised", "acknowledged", "escalated"), "resolved"),
}


def view(row: dict[str, Any]) -> AlarmView:
    return msgspec.convert(row, AlarmView)


async def get(alarm_id: uuid.UUID) -> AlarmView:
    rows = await db.fetch("SELECT * FROM alarm WHERE id = {}", alarm_id)
    if not rows:
        raise NotFound("No such alarm.", code="alarm_not_found")
    return view(rows[0])


async def _publish(alarm: AlarmView, type_: str, extra_staff: uuid.UUID | None = None) -> None:
    chans = []
    if alarm.department_id is not None:
        chans.append(realtime.channel("department", alarm.department_id))
    for staff_id in {alarm.assignee_id, extra_staff} - {None}:
        chans.append(realtime.channel("staff", staff_id))  # type: ignore[arg-type]
    data = msgspec.to_builtins(alarm)
    await realtime.publish_many((ch, type_, data) for ch in chans)


async def raise_alarm(device: DeviceRef, breach: Breach) -> AlarmView | None:
    """Open an alarm for ``breach`` on ``device``, or count ``breach.count`` repeats on the open
    alarm of the same (device, rule). Returns the new alarm, or None for a repeat."""
    rule = breach.rule
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO alarm (id, institution_id, department_id, device_id, device_code, bed_label,"
            " patient_id, rule_key, category, severity, state, code, value, unit, event, message,"
            " repeats, raised_at, last_at)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 'raised', {}, {}, {}, {}, {}, {}, {}, {})"
            " ON CONFLICT (device_id, rule_key) WHERE state <> 'resolved' DO UPDATE SET"
            " repeats = alarm.repeats + EXCLUDED.repeats + 1,"
            " last_at = GREATEST(alarm.last_at, EXCLUDED.last_at),"
            " value = COALESCE(EXCLUDED.value, alarm.value)"
            " RETURNING id, (xmax = 0) AS inserted",
            new_id(),
            device.institution_id,
            device.department_id,
            device.id,
            device.code,
            device.bed_label,
            device.patient_id,
            rule.key,
            rule.category,
            rule.severity,
            breach.code,
            breach.value,
            breach.unit,
            breach.event,
            breach.message,
            breach.count - 1,
            breach.at,
            breach.at,
        )
        if not rows[0]["inserted"]:
            return None
        alarm_id = rows[0]["id"]
        level, assignee = ladder.first_level(await ladder.ladder(device.department_id, device.id))
        await db.execute(
            "UPDATE alarm SET level = {}, assignee_id = {} WHERE id = {}", level, assignee, alarm_id
        )
        await audit.record(
            Actor(kind="device", id=device.id, institution_id=device.institution_id),
            "alarm.raised",
            "alarm",
            alarm_id,
            {
                "rule_key": rule.key,
                "severity": rule.severity,
                "value": breach.value,
                "event": breach.event,
                "level": level,
                "assignee_id": str(assignee or ""),
            },
        )
        alarm = await get(alarm_id)
    await _publish(alarm, "alarm.raised")
    return alarm


async def _apply(
    actor: Actor,
    alarm_id: uuid.UUID,
    name: str,
    sets: dict[str, Any],
    detail: dict[str, Any],
    *,
    fill: dict[str, Any] | None = None,
    **where: Any,
) -> AlarmView:
    """Run transition ``name``: set ``sets``, set ``fill`` where still empty, audit it."""
    starts, ends = TRANSITIONS[name]
    fill = fill or {}
    # Column names come from this module, never from input; values are bound.
    assignments = ", ".join(
        [*(f"{col} = {{}}" for col in ("state", *sets)), *(f"{col} = COALESCE({col}, {{}})" for col in fill)]
    )
    conditions = "".join(f" AND {col} = {{}}" for col in where)
    async with db.transaction():
        rows = await db.fetch(
            f"UPDATE alarm SET {assignments} WHERE id = {{}} AND state = ANY({{}}){conditions}"  # noqa: S608
            " RETURNING *",
            ends,
            *sets.values(),
            *fill.values(),
            alarm_id,
            list(starts),
            *where.values(),
        )
        if not rows:
            current = await get(alarm_id)
            raise Conflict(
                f"Cannot {name} an alarm that is {current.state}"
                + (f" at level {current.level}." if current.state == "escalated" else "."),
                code="alarm_transition_illegal",
                transition=name,
                state=current.state,
            )
        alarm = view(rows[0])
        await audit.record(actor, f"alarm.{ends}", "alarm", alarm_id, {"transition": name, **detail})
    return alarm


async def acknowledge(actor: Actor, alarm_id: uuid.UUID) -> AlarmView:
    now = clock.now()
    alarm = await _apply(
        actor, alarm_id, "acknowledge", {"acknowledged_at": now, "acknowledged_by": actor.id}, {}
    )
    await _publish(alarm, "alarm.acknowledged")
    return alarm


async def resolve(actor: Actor, alarm_id: uuid.UUID, note: str = "") -> AlarmView:
    """Resolving an alarm nobody acknowledged also acknowledges it (by whoever resolves it)."""
    now = clock.now()
    alarm = await _apply(
        actor,
        alarm_id,
        "resolve",
        {"resolved_at": now, "resolved_by": actor.label, "resolution_note": note},
        {"note": note},
        fill={"acknowledged_at": now, "acknowledged_by": actor.id if actor.kind == "staff" else None},
    )
    await _publish(alarm, "alarm.resolved")
    return alarm


async def escalate(actor: Actor, alarm_id: uuid.UUID) -> AlarmView:
    """Hand an unacknowledged alarm to the next level of its ward's ladder."""
    current = await get(alarm_id)
    if current.state not in TRANSITIONS["escalate"][0]:
        raise Conflict(
            f"Cannot escalate an alarm that is {current.state}.",
            code="alarm_transition_illegal",
            transition="escalate",
            state=current.state,
        )
    step = ladder.next_level(await ladder.ladder(current.department_id, current.device_id), current.level)
    if step is None:
        raise Conflict(
            f"The alarm is already at the top of its ward's ladder (level {current.level}).",
            code="alarm_no_next_level",
            level=current.level,
        )
    level, assignee = step
    previous = current.assignee_id
    alarm = await _apply(
        actor,
        alarm_id,
        "escalate",
        {"level": level, "assignee_id": assignee, "escalated_at": clock.now()},
        {"level": level, "assignee_id": str(assignee), "from_assignee_id": str(previous or "")},
        level=current.level,  # two sweeps at once escalate once
    )
    await _publish(alarm, "alarm.escalated", extra_staff=previous)
    return alarm
