"""Two wards of our own for the alarm tests (so the demo seed stays untouched): ward A with two
nurses, a head nurse, a doctor and devices of every kind that alarms; ward B with one nurse and
a wearable; a fresh patient. Staff sign in with the demo password. Imports ``yiqiao`` lazily."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.integration.flows import DEMO_PASSWORD


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    username: str
    role: str


@dataclass(frozen=True)
class Dev:
    id: uuid.UUID
    code: str
    kind: str
    password: str
    department_id: uuid.UUID


@dataclass
class World:
    institution_id: uuid.UUID
    ward_a: uuid.UUID
    ward_b: uuid.UUID
    patient_id: uuid.UUID
    staff: dict[str, Person] = field(default_factory=dict)
    devices: dict[str, Dev] = field(default_factory=dict)

    def ref(self, name: str, patient_id: uuid.UUID | None = None) -> Any:
        """The gateway's view of a device (what the evaluator receives)."""
        from yiqiao.monitoring.types import DeviceRef

        d = self.devices[name]
        return DeviceRef(
            id=d.id,
            code=d.code,
            kind=d.kind,
            institution_id=self.institution_id,
            department_id=d.department_id,
            patient_id=patient_id,
            bed_label=name[-2:],
        )


DEVICES_A = (
    ("wear1", "wearable"),
    ("wear2", "wearable"),
    ("wear3", "wearable"),
    ("bp01", "bp_monitor"),
    ("glu1", "glucometer"),
    ("pump1", "infusion_pump"),
    ("bed01", "bed_sensor"),
    ("call1", "call_button"),
)


async def build_world() -> World:
    from yiqiao import db
    from yiqiao.kit.passwords import hash_password
    from yiqiao.kit.pii import blind_index, encrypt_pii
    from yiqiao.monitoring.broker import mosquitto_hash

    tag = secrets.token_hex(3).upper()
    inst, ward_a, ward_b, patient = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await db.execute(
        "INSERT INTO institution (id, code, name, short_name, kind, address, created_at)"
        " VALUES ({}, {}, {}, 'AL', 'county_hospital', '', now())",
        inst,
        f"AL-{tag}",
        f"报警测试医院{tag}",
    )
    for dept, name in ((ward_a, "A"), (ward_b, "B")):
        await db.execute(
            "INSERT INTO department (id, institution, code, name, kind, created_at)"
            " VALUES ({}, {}, {}, {}, 'ward', now())",
            dept,
            inst,
            f"AL{name}-{tag}",
            f"报警测试病区{name}",
        )
    world = World(inst, ward_a, ward_b, patient)
    pw = await hash_password(DEMO_PASSWORD)
    for key, role, dept in (
        ("nurse_a1", "nurse", ward_a),
        ("nurse_a2", "nurse", ward_a),
        ("head_a", "head_nurse", ward_a),
        ("doctor_a", "doctor", ward_a),
        ("nurse_b", "nurse", ward_b),
    ):
        sid = uuid.uuid4()
        username = f"al.{key}.{tag}".lower()
        await db.execute(
            "INSERT INTO staff (id, institution, department, username, password_hash, name, role, title,"
            " failed_logins, active, created_at) VALUES ({}, {}, {}, {}, {}, {}, {}, '', 0, true, now())",
            sid,
            inst,
            dept,
            username,
            pw,
            f"{key}{tag}",
            role,
        )
        world.staff[key] = Person(sid, username, role)
    devices = [(n, k, ward_a) for n, k in DEVICES_A] + [("wearb", "wearable", ward_b)]
    for name, kind, dept in devices:
        dev = Dev(uuid.uuid4(), f"T-AL-{tag}-{name.upper()}", kind, secrets.token_urlsafe(12), dept)
        await db.execute(
            "INSERT INTO device (id, institution, department, code, kind, name, location,"
            " mqtt_password_hash, bed_label, active, created_at)"
            " VALUES ({}, {}, {}, {}, {}, {}, '', {}, {}, true, now())",
            dev.id,
            inst,
            dept,
            dev.code,
            kind,
            name,
            mosquitto_hash(dev.password),
            name[-2:],
        )
        world.devices[name] = dev
    id_number = f"X{tag}{secrets.token_hex(4)}"
    await db.execute(
        "INSERT INTO patient (id, name_enc, id_number_enc, id_number_bidx, birth_date, sex, created_at)"
        " VALUES ({}, {}, {}, {}, '1950-01-01', 'F', now())",
        patient,
        encrypt_pii("报警测试"),
        encrypt_pii(id_number),
        blind_index("id_number", id_number),
    )
    return world


def reading(dev: Any, code: str, value: float, unit: str, *, seq: int = 1, at: datetime | None = None) -> Any:
    from yiqiao.monitoring.types import ReadingIn

    now = datetime.now(UTC)
    return ReadingIn(
        device=dev, seq=seq, code=code, value=value, unit=unit, measured_at=at or now, received_at=now
    )


def event(dev: Any, name: str, *, seq: int = 1) -> Any:
    from yiqiao.monitoring.types import EventIn

    now = datetime.now(UTC)
    return EventIn(device=dev, seq=seq, event=name, detail={}, occurred_at=now, received_at=now)


async def open_alarms(device_id: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT * FROM alarm WHERE device_id = {} AND state <> 'resolved' ORDER BY raised_at", device_id
    )


async def audit_actions(alarm_id: uuid.UUID) -> list[str]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT action FROM audit_entry WHERE entity = 'alarm' AND entity_id = {} ORDER BY id", str(alarm_id)
    )
    return [r["action"] for r in rows]
