"""Device status for operations (003 §6-6): online, last seen and battery of every MQTT device
of the caller's institution, from what the gateway recorded (``device_status``)."""

from __future__ import annotations

from yiqiao import db
from yiqiao.identity.service import devices
from yiqiao.kit.actor import Actor
from yiqiao.monitoring import scope
from yiqiao.monitoring.view_types import DeviceStatusView


async def institution_devices(actor: Actor) -> list[DeviceStatusView]:
    """Offline devices first (they need someone), then by ward, bed and code."""
    scope.require_staff(actor)
    mine = [d for d in await devices.mqtt_devices() if d.institution_id == actor.institution_id]
    rows = await db.fetch(
        "SELECT device_id, online, battery, firmware, rssi, received_at FROM device_status"
        " WHERE device_id = ANY({})",
        [d.id for d in mine],
    )
    status = {r["device_id"]: r for r in rows}
    out = []
    for d in mine:
        s = status.get(d.id)
        out.append(
            DeviceStatusView(
                device_id=d.id,
                code=d.code,
                kind=d.kind,
                name=d.name,
                department_id=d.department_id,
                location=d.location,
                bed_label=d.bed_label,
                state="unknown" if s is None else "online" if s["online"] else "offline",
                battery=s["battery"] if s else None,
                firmware=s["firmware"] if s else None,
                rssi=s["rssi"] if s else None,
                last_seen_at=s["received_at"] if s else None,
            )
        )
    order = {"offline": 0, "unknown": 1, "online": 2}
    out.sort(key=lambda v: (order[v.state], str(v.department_id or ""), v.bed_label, v.code))
    return out
