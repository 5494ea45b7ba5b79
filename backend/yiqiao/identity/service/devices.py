"""Devices: kiosk/IPTV sign-in with a device secret, and the registry the gateway and broker use."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.types import DeviceView
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, NotFound, Unauthorized
from yiqiao.kit.passwords import verify_password

HTTP_DEVICE_KINDS = ("kiosk", "iptv")


def _view(r: dict[str, Any]) -> DeviceView:
    return DeviceView(
        id=r["id"],
        code=r["code"],
        kind=r["kind"],
        name=r["name"],
        institution_id=r["institution"],
        department_id=r["department"],
        location=r["location"],
        bed_label=r["bed_label"],
    )


async def authenticate(code: str, secret: str, ip: str | None = None) -> DeviceView:
    rows = await db.fetch("SELECT * FROM device WHERE code = {}", code)
    if not rows or rows[0]["secret_hash"] is None or rows[0]["kind"] not in HTTP_DEVICE_KINDS:
        raise Unauthorized("Unknown device or wrong device secret.", code="bad_device_credentials")
    row = rows[0]
    if not await verify_password(row["secret_hash"], secret):
        raise Unauthorized("Unknown device or wrong device secret.", code="bad_device_credentials")
    if not row["active"]:
        raise Forbidden("This device has been retired; contact hospital IT.", code="device_retired")
    async with db.transaction():
        await audit.record(
            Actor(kind="kiosk", id=row["id"], institution_id=row["institution"], ip=ip),
            "device.login",
            "device",
            row["id"],
            {"ip": ip or ""},
        )
    return _view(row)


async def get_device(device_id: uuid.UUID) -> DeviceView:
    rows = await db.fetch("SELECT * FROM device WHERE id = {}", device_id)
    if not rows:
        raise NotFound("No such device.", code="device_not_found")
    return _view(rows[0])


async def get_device_by_code(code: str) -> DeviceView | None:
    rows = await db.fetch("SELECT * FROM device WHERE code = {} AND active", code)
    return _view(rows[0]) if rows else None


async def mqtt_credentials() -> list[tuple[str, str]]:
    """(username, mosquitto password hash) for every active MQTT device."""
    rows = await db.fetch(
        "SELECT code, mqtt_password_hash FROM device WHERE active AND mqtt_password_hash IS NOT NULL"
        " ORDER BY code"
    )
    return [(r["code"], r["mqtt_password_hash"]) for r in rows]


async def mqtt_devices(code: str | None = None) -> list[DeviceView]:
    """Active devices that talk MQTT (they have a broker credential); one code, or all."""
    rows = await db.fetch(
        "SELECT * FROM device WHERE active AND mqtt_password_hash IS NOT NULL"
        " AND ({}::text IS NULL OR code = {}) ORDER BY code",
        code,
        code,
    )
    return [_view(r) for r in rows]


async def devices_by_id(ids: list[uuid.UUID]) -> dict[uuid.UUID, DeviceView]:
    rows = await db.fetch("SELECT * FROM device WHERE id = ANY({})", ids)
    return {r["id"]: _view(r) for r in rows}
