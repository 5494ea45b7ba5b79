"""Load the demo medical community. Idempotent: ids are derived from codes, inserts skip what
exists. Refuses to run in production."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from pathlib import Path

from yiqiao import db
from yiqiao.identity.service import cards, patients
from yiqiao.integrations.his.local import add_card
from yiqiao.kit.idcard import make_id_number
from yiqiao.kit.passwords import hash_password
from yiqiao.kit.pii import blind_index, encrypt_pii
from yiqiao.seed import bills as bills_seed
from yiqiao.seed import emergency
from yiqiao.seed import inpatient as inpatient_seed
from yiqiao.seed import insurance as insurance_seed
from yiqiao.seed import medtech as medtech_seed
from yiqiao.seed.community import (
    DEMO_STAFF_PASSWORD,
    DEPARTMENTS,
    DEVICES,
    INSTITUTIONS,
    KIOSK_SECRETS,
    PATIENTS,
    STAFF,
    UNBOUND_CARD,
)
from yiqiao.seed.scheduling import seed_schedules
from yiqiao.settings import get_settings

NS = uuid.UUID("6b1f3c2e-59a1-4c1e-9a55-7969716f0001")


def sid(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NS, f"{kind}:{key}")


def credentials_path() -> Path:
    return Path(get_settings().data_dir) / "device-credentials.json"


async def _institutions() -> None:
    for code, name, short, kind, parent in INSTITUTIONS:
        await db.execute(
            "INSERT INTO institution (id, code, name, short_name, kind, parent)"
            " VALUES ({}, {}, {}, {}, {}, {}) ON CONFLICT (code) DO NOTHING",
            sid("inst", code),
            code,
            name,
            short,
            kind,
            sid("inst", parent) if parent else None,
        )
    for inst, code, name, kind in DEPARTMENTS:
        await db.execute(
            "INSERT INTO department (id, institution, code, name, kind) VALUES ({}, {}, {}, {}, {})"
            " ON CONFLICT (id) DO NOTHING",
            sid("dept", f"{inst}/{code}"),
            sid("inst", inst),
            code,
            name,
            kind,
        )


async def _staff() -> int:
    existing = {r["username"] for r in await db.fetch("SELECT username FROM staff")}
    todo = [s for s in STAFF if s[0] not in existing]
    if todo:
        hashed = await hash_password(DEMO_STAFF_PASSWORD)
    for username, name, role, title, inst, dept in todo:
        await db.execute(
            "INSERT INTO staff (id, institution, department, username, password_hash, name, role, title)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT (username) DO NOTHING",
            sid("staff", username),
            sid("inst", inst),
            sid("dept", f"{inst}/{dept}"),
            username,
            hashed,
            name,
            role,
            title,
        )
    return len(todo)


async def _devices() -> None:
    from yiqiao.monitoring.broker import mosquitto_hash

    path = credentials_path()
    creds: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    for code, kind, name, inst, dept, location, bed in DEVICES:
        dept_id = sid("dept", f"{inst}/{dept}") if dept else None
        await db.execute(
            "INSERT INTO device (id, institution, department, code, kind, name, location, bed_label)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT (code) DO NOTHING",
            sid("device", code),
            sid("inst", inst),
            dept_id,
            code,
            kind,
            name,
            location,
            bed,
        )
        if code in KIOSK_SECRETS:
            rows = await db.fetch("SELECT secret_hash FROM device WHERE code = {}", code)
            if rows[0]["secret_hash"] is None:
                await db.execute(
                    "UPDATE device SET secret_hash = {} WHERE code = {}",
                    await hash_password(KIOSK_SECRETS[code]),
                    code,
                )
        elif code not in creds:
            creds[code] = secrets.token_urlsafe(18)
            await db.execute(
                "UPDATE device SET mqtt_password_hash = {} WHERE code = {}", mosquitto_hash(creds[code]), code
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(creds, indent=2, sort_keys=True))
    tmp.chmod(0o600)
    tmp.replace(path)


async def _person(name: str, region: str, birth: str, seq: str, phone: str | None) -> uuid.UUID:
    number = make_id_number(region, dt.date.fromisoformat(birth), seq)
    pid = sid("patient", number)
    sex = "male" if int(number[16]) % 2 else "female"
    await db.execute(
        "INSERT INTO patient (id, name_enc, id_number_enc, id_number_bidx, birth_date, sex, phone_enc,"
        " phone_bidx) VALUES ({}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT (id_number_bidx) DO NOTHING",
        pid,
        encrypt_pii(name),
        encrypt_pii(number),
        blind_index("id_number", number),
        dt.date.fromisoformat(birth),
        sex,
        encrypt_pii(phone) if phone else None,
        blind_index("phone", phone) if phone else None,
    )
    card_no = f"1002{number[-8:]}"
    await add_card(card_no=card_no, kind="physical", name=name, id_number=number, institution_code="QX-RMYY")
    await cards.system_bind_card(pid, card_no)
    return pid


async def _patients() -> None:
    for phone, (name, region, birth, seq), family in PATIENTS:
        account_id = await patients.account_for_phone(phone)
        links = [("self", await _person(name, region, birth, seq, phone))]
        for rel, fname, fregion, fbirth, fseq in family:
            links.append((rel, await _person(fname, fregion, fbirth, fseq, None)))
        for rel, pid in links:
            await db.execute(
                "INSERT INTO account_patient (id, account, patient, relationship) VALUES ({}, {}, {}, {})"
                " ON CONFLICT (account, patient) DO NOTHING",
                sid("link", f"{account_id}/{pid}"),
                account_id,
                pid,
                rel,
            )
    card, name, region, birth, seq = UNBOUND_CARD
    await add_card(
        card_no=card,
        kind="physical",
        name=name,
        id_number=make_id_number(region, dt.date.fromisoformat(birth), seq),
        institution_code="QX-RMYY",
    )


async def seed() -> str:
    if get_settings().is_production:
        raise SystemExit("Refusing to load demo data in production.")
    async with db.transaction():
        await _institutions()
        new_staff = await _staff()
        await _devices()
        await _patients()
        await emergency.seed()
        await seed_schedules()
        await bills_seed.seed()
        await insurance_seed.seed()
        await inpatient_seed.seed()
        await medtech_seed.seed()
    counts = await db.fetch(
        "SELECT (SELECT count(*) FROM institution) AS institutions, (SELECT count(*) FROM department)"
        " AS departments, (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM device) AS devices,"
        " (SELECT count(*) FROM patient) AS patients, (SELECT count(*) FROM visit_card) AS cards"
    )
    c = counts[0]
    return (
        f"demo data ready: {c['institutions']} institutions, {c['departments']} departments, "
        f"{c['staff']} staff ({new_staff} new), {c['devices']} devices, {c['patients']} patients, "
        f"{c['cards']} visit cards"
    )


def demo_logins() -> str:
    lines = [
        "Demo logins (dev only):",
        "  Patient app (:8001)  phone 13800138001 … 13800138005, SMS code from the log or",
        "                       GET /dev/sms/latest?phone=13800138001",
        f"  Clinician (:8002)    nurse.lin / {DEMO_STAFF_PASSWORD} (head nurse, 心血管内科病区),",
        f"                       dr.wang / {DEMO_STAFF_PASSWORD} (cardiology); any username in the seed",
        f"                       tech.chen / {DEMO_STAFF_PASSWORD} (CT/MRI technician: /medtech day lists)",
        "  Kiosk (:8003)        device KIOSK-01 / kiosk-01-dev-secret; citizen by ID card of a demo",
        "                       patient, e.g. 张三 " + make_id_number("500235", dt.date(1968, 3, 7), "123"),
        f"  Devices (MQTT)       credentials in {credentials_path()}",
    ]
    return "\n".join(lines)
