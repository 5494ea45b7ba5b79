"""Demo ambulance: one vehicle of the county hospital with a multi-parameter monitor and a
12-lead ECG mounted in it, on a task heading to the hospital's emergency department
(004 §3.7.5). Idempotent; called from ``seed.demo.seed``."""

from __future__ import annotations

import json
import secrets

from yiqiao import db
from yiqiao.kit.actor import SYSTEM
from yiqiao.monitoring import bindings
from yiqiao.monitoring.binding_types import BindVehicle

INSTITUTION = "QX-RMYY"
DEPARTMENT = "EMER"
PLATE = "渝D·120A1"
# code, kind, name
DEVICES = [
    ("AMB-MON-01", "ambulance_monitor", "救护车多参数监护仪"),
    ("AMB-ECG-01", "ecg", "救护车12导联心电图机"),
]


async def _devices() -> None:
    from yiqiao.monitoring.broker import mosquitto_hash
    from yiqiao.seed.demo import credentials_path, sid

    path = credentials_path()
    creds: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    for code, kind, name in DEVICES:
        await db.execute(
            "INSERT INTO device (id, institution, department, code, kind, name, location, bed_label)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, '') ON CONFLICT (code) DO NOTHING",
            sid("device", code),
            sid("inst", INSTITUTION),
            sid("dept", f"{INSTITUTION}/{DEPARTMENT}"),
            code,
            kind,
            name,
            f"救护车 {PLATE}",
        )
        if code not in creds:
            creds[code] = secrets.token_urlsafe(18)
            await db.execute(
                "UPDATE device SET mqtt_password_hash = {} WHERE code = {}", mosquitto_hash(creds[code]), code
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(creds, indent=2, sort_keys=True))
    tmp.chmod(0o600)
    tmp.replace(path)


async def seed() -> None:
    from yiqiao.seed.demo import sid  # demo.py calls this module: import here, not at the top

    await _devices()
    vehicle = sid("vehicle", PLATE)
    await db.execute(
        "INSERT INTO ambulance_vehicle (id, institution, plate, call_sign) VALUES ({}, {}, {}, {})"
        " ON CONFLICT (plate) DO NOTHING",
        vehicle,
        sid("inst", INSTITUTION),
        PLATE,
        "青溪120-1",
    )
    for code, _, _ in DEVICES:
        await bindings.bind(SYSTEM, sid("device", code), BindVehicle(vehicle_id=vehicle))  # bound: no-op
    dest = sid("dept", f"{INSTITUTION}/{DEPARTMENT}")
    await db.execute(
        "INSERT INTO emergency_task (id, institution, vehicle_id, status, destination_institution,"
        " destination_department, summary) VALUES ({}, {}, {}, 'transporting', {}, {}, {})"
        " ON CONFLICT (id) DO NOTHING",
        sid("task", PLATE),
        sid("inst", INSTITUTION),
        vehicle,
        sid("inst", INSTITUTION),
        dest,
        "胸痛待查，男，62岁，石门镇接回",
    )
