"""A ward of our own for the binding, command and view tests: an institution, a ward that is
also the emergency department, a nurse who can sign in, devices with broker credentials, an
ambulance and two patients. Created once per module; nothing of the demo seed is touched."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from tests.integration.flows import bearer
from tests.support import TestServices

PASSWORD = "Ward@Test2026"


@dataclass(frozen=True)
class Dev:
    id: uuid.UUID
    code: str
    kind: str
    password: str


@dataclass
class Ward:
    institution_id: uuid.UUID
    department_id: uuid.UUID
    nurse: str
    outsider: str
    vehicle_ids: list[uuid.UUID]
    patients: list[uuid.UUID]
    devs: dict[str, Dev] = field(default_factory=dict)


async def _patient() -> uuid.UUID:
    from yiqiao import db

    pid = uuid.uuid4()
    await db.execute(
        "INSERT INTO patient (id, name_enc, id_number_enc, id_number_bidx, birth_date, sex, created_at)"
        " VALUES ({}, {}, {}, {}, '1950-01-01', 'female', now())",
        pid,
        b"x",
        b"x",
        secrets.token_hex(16),
    )
    return pid


async def make_ward(services: TestServices, kinds: dict[str, str]) -> Ward:
    from yiqiao import db
    from yiqiao.kit.passwords import hash_password
    from yiqiao.monitoring.broker import mosquitto_hash

    tag = secrets.token_hex(3).upper()
    inst, dept, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await db.execute(
        "INSERT INTO institution (id, code, name, short_name, kind, address, created_at)"
        " VALUES ({}, {}, {}, 'DV', 'county_hospital', '', now())",
        inst,
        f"DV-{tag}",
        f"设备测试医院{tag}",
    )
    for d, code in ((dept, f"DVE-{tag}"), (other, f"DVO-{tag}")):
        await db.execute(
            "INSERT INTO department (id, institution, code, name, kind, created_at)"
            " VALUES ({}, {}, {}, '急诊', 'clinical', now())",
            d,
            inst,
            code,
        )
    hashed = await hash_password(PASSWORD)
    names = {}
    for who, d in (("nurse", dept), ("outsider", other)):
        names[who] = f"t.{who}.{tag.lower()}"
        await db.execute(
            "INSERT INTO staff (id, institution, department, username, password_hash, name, role, title)"
            " VALUES ({}, {}, {}, {}, {}, '测试', 'nurse', '')",
            uuid.uuid4(),
            inst,
            d,
            names[who],
            hashed,
        )
    ward = Ward(inst, dept, names["nurse"], names["outsider"], [], [await _patient(), await _patient()])
    for name, kind in kinds.items():
        dev = Dev(uuid.uuid4(), f"T-DV-{tag}-{name.upper()}", kind, secrets.token_urlsafe(12))
        await db.execute(
            "INSERT INTO device (id, institution, department, code, kind, name, location,"
            " mqtt_password_hash, bed_label, active, created_at)"
            " VALUES ({}, {}, {}, {}, {}, {}, '', {}, '', true, now())",
            dev.id,
            inst,
            dept,
            dev.code,
            kind,
            name,
            mosquitto_hash(dev.password),
        )
        ward.devs[name] = dev
    for n in (1, 2):
        vid = uuid.uuid4()
        await db.execute(
            "INSERT INTO ambulance_vehicle (id, institution, plate, call_sign) VALUES ({}, {}, {}, '')",
            vid,
            inst,
            f"T{tag}{n}",
        )
        ward.vehicle_ids.append(vid)
    await asyncio.to_thread(services.reload_broker_files)
    return ward


async def staff_headers(api: Any, username: str) -> dict[str, str]:
    r = await api.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return bearer(r.json())
