"""A citizen's short session at a kiosk: opened by an ID-card read or an SMS code, bound to that
one kiosk, and ended after ``citizen_session_idle_s`` without use (people walk away)."""

from __future__ import annotations

import secrets
import uuid

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.auth import otp
from yiqiao.auth.types import CitizenSession, IdCardRead
from yiqiao.identity.service import patients
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid, NotFound, Unauthorized
from yiqiao.kit.mask import mask_name
from yiqiao.kit.redis import redis
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.settings import get_settings

_KEY = "yq:citizen:"


class _Stored(msgspec.Struct):
    device_id: str
    patient_id: str
    method: str


def require_kiosk(actor: Actor) -> uuid.UUID:
    if actor.kind != "kiosk" or actor.id is None:
        raise Forbidden("Only a kiosk opens citizen sessions.", code="not_a_kiosk")
    return actor.id


async def _open(actor: Actor, patient_id: uuid.UUID, method: str, name: str) -> CitizenSession:
    device_id = require_kiosk(actor)
    token = secrets.token_urlsafe(32)
    idle = get_settings().citizen_session_idle_s
    stored = _Stored(device_id=str(device_id), patient_id=str(patient_id), method=method)
    await redis().set(_KEY + sm3_hex(token.encode()), msgspec.json.encode(stored), ex=idle)
    async with db.transaction():
        await audit.record(actor, "citizen_session.open", "patient", patient_id, {"method": method})
    return CitizenSession(
        session_token=token, name_masked=mask_name(name), idle_timeout_s=idle, method=method
    )


async def open_by_id_card(actor: Actor, read: IdCardRead) -> CitizenSession:
    if read.valid_until is not None and read.valid_until < clock.local(clock.now()).date():
        raise Invalid(
            "This ID card has expired; please use a valid card or sign in by SMS.", code="id_card_expired"
        )
    patient_id = await patients.patient_id_by_id_number(read.id_number)
    if patient_id is None or not await patients.patient_name_matches(patient_id, read.name):
        raise NotFound(
            "No patient record for this ID card yet. Please register at the counter or in the app first.",
            code="no_patient_record",
        )
    return await _open(actor, patient_id, "id_card", read.name)


async def open_by_sms(actor: Actor, phone: str, code: str) -> CitizenSession:
    require_kiosk(actor)
    await otp.verify_code("kiosk_citizen", phone, code)
    patient_id = await patients.self_patient_of_phone(phone)
    if patient_id is None:
        raise NotFound("No patient profile is linked to this phone yet.", code="no_patient_record")
    profile = await patients.get_profile(Actor(kind="system"), patient_id)
    return await _open(actor, patient_id, "sms", profile.name_masked)


async def resolve(actor: Actor, token: str) -> uuid.UUID:
    """The patient of an open session at this kiosk; each use restarts the idle timer."""
    device_id = require_kiosk(actor)
    key = _KEY + sm3_hex(token.encode())
    r = redis()
    raw = await r.get(key)
    if raw is None:
        raise Unauthorized(
            "The session ended after a while without use. Please read your card again.",
            code="citizen_session_expired",
        )
    stored = msgspec.json.decode(raw, type=_Stored)
    if stored.device_id != str(device_id):
        raise Unauthorized("This session belongs to another kiosk.", code="citizen_session_expired")
    await r.expire(key, get_settings().citizen_session_idle_s)
    return uuid.UUID(stored.patient_id)


async def close(actor: Actor, token: str) -> None:
    require_kiosk(actor)
    await redis().delete(_KEY + sm3_hex(token.encode()))
