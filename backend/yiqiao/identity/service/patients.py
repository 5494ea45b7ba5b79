"""Patient accounts, the profiles an account manages (self and family), and visit cards."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.access import require_patient_access
from yiqiao.identity.service.cards import cards_of
from yiqiao.identity.types import AddProfile, ProfileView, VisitCardView
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound
from yiqiao.kit.idcard import parse_id_number
from yiqiao.kit.ids import new_id
from yiqiao.kit.mask import mask_id_number, mask_name, mask_phone
from yiqiao.kit.pii import blind_index, decrypt_pii, encrypt_pii

MAX_PROFILES_PER_ACCOUNT = 8


# --- accounts -------------------------------------------------------------------------------


async def account_for_phone(phone: str) -> uuid.UUID:
    """The account that logs in with this phone, created on first login."""
    bidx = blind_index("phone", phone)
    rows = await db.fetch("SELECT id FROM account WHERE phone_bidx = {}", bidx)
    if rows:
        account_id: uuid.UUID = rows[0]["id"]
        return account_id
    async with db.transaction():
        new = new_id()
        rows = await db.fetch(
            "INSERT INTO account (id, phone_enc, phone_bidx) VALUES ({}, {}, {})"
            " ON CONFLICT (phone_bidx) DO NOTHING RETURNING id",
            new,
            encrypt_pii(phone),
            bidx,
        )
        if rows:
            await audit.record(Actor(kind="patient", id=new), "account.create", "account", new)
            return new
    rows = await db.fetch("SELECT id FROM account WHERE phone_bidx = {}", bidx)
    existing: uuid.UUID = rows[0]["id"]
    return existing


async def account_for_openid(openid: str) -> uuid.UUID | None:
    rows = await db.fetch("SELECT id FROM account WHERE wechat_openid = {}", openid)
    return rows[0]["id"] if rows else None


async def link_openid(account_id: uuid.UUID, openid: str) -> None:
    async with db.transaction():
        other = await account_for_openid(openid)
        if other is not None and other != account_id:
            raise Conflict(
                "This WeChat user is already linked to another phone number.", code="wechat_already_linked"
            )
        await db.execute("UPDATE account SET wechat_openid = {} WHERE id = {}", openid, account_id)
        await audit.record(Actor(kind="patient", id=account_id), "account.link_wechat", "account", account_id)


async def touch_login(account_id: uuid.UUID) -> None:
    await db.execute("UPDATE account SET last_login_at = {} WHERE id = {}", clock.now(), account_id)


async def account_contact(account_id: uuid.UUID) -> tuple[str, str | None]:
    """Phone and WeChat openid, for delivering a notice (worker side only)."""
    rows = await db.fetch("SELECT phone_enc, wechat_openid FROM account WHERE id = {}", account_id)
    if not rows:
        raise NotFound("No such account.", code="account_not_found")
    return decrypt_pii(rows[0]["phone_enc"]), rows[0]["wechat_openid"]


# --- profiles -------------------------------------------------------------------------------


def _profile(row: dict[str, Any], relationship: str, cards: list[VisitCardView]) -> ProfileView:
    phone = decrypt_pii(row["phone_enc"]) if row["phone_enc"] else None
    return ProfileView(
        id=row["id"],
        name_masked=mask_name(decrypt_pii(row["name_enc"])),
        id_number_masked=mask_id_number(decrypt_pii(row["id_number_enc"])),
        phone_masked=mask_phone(phone) if phone else None,
        sex=row["sex"],
        birth_date=row["birth_date"],
        relationship=relationship,  # type: ignore[arg-type]
        cards=cards,
    )


async def list_profiles(actor: Actor) -> list[ProfileView]:
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Only a patient account manages profiles.", code="not_a_patient_account")
    rows = await db.fetch(
        "SELECT p.*, ap.relationship FROM account_patient ap JOIN patient p ON p.id = ap.patient"
        " WHERE ap.account = {} ORDER BY ap.relationship <> 'self', ap.created_at",
        actor.id,
    )
    cards = await cards_of([r["id"] for r in rows])
    return [_profile(r, r["relationship"], cards.get(r["id"], [])) for r in rows]


async def get_profile(actor: Actor, patient_id: uuid.UUID) -> ProfileView:
    await require_patient_access(actor, patient_id)
    rows = await db.fetch("SELECT * FROM patient WHERE id = {}", patient_id)
    if not rows:
        raise NotFound("No such patient profile.", code="profile_not_found")
    rel = "self"
    if actor.kind == "patient" and actor.id is not None:
        rel_rows = await db.fetch(
            "SELECT relationship FROM account_patient WHERE account = {} AND patient = {}",
            actor.id,
            patient_id,
        )
        rel = rel_rows[0]["relationship"]
    else:
        await audit.record(actor, "patient.read", "patient", patient_id)
    cards = await cards_of([patient_id])
    return _profile(rows[0], rel, cards.get(patient_id, []))


async def add_profile(actor: Actor, cmd: AddProfile) -> ProfileView:
    """Add a profile to the account: the holder (self) or a family member.

    A person already known (same ID number) is linked, not duplicated, but only when the name
    matches; nobody can claim to *be* a person who is already someone else's 'self'."""
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Only a patient account manages profiles.", code="not_a_patient_account")
    info = parse_id_number(cmd.id_number)
    name = cmd.name.strip()
    bidx = blind_index("id_number", info.number)
    async with db.transaction():
        await db.execute("SELECT id FROM account WHERE id = {} FOR UPDATE", actor.id)
        links = await db.fetch(
            "SELECT patient, relationship FROM account_patient WHERE account = {}", actor.id
        )
        if len(links) >= MAX_PROFILES_PER_ACCOUNT:
            raise Conflict(
                f"An account can manage at most {MAX_PROFILES_PER_ACCOUNT} profiles.",
                code="too_many_profiles",
            )
        if cmd.relationship == "self" and any(link["relationship"] == "self" for link in links):
            raise Conflict("This account already has its own profile.", code="self_profile_exists")
        existing = await db.fetch("SELECT * FROM patient WHERE id_number_bidx = {}", bidx)
        if existing:
            patient = existing[0]
            if decrypt_pii(patient["name_enc"]) != name:
                raise Invalid("The name does not match the ID number on record.", code="identity_mismatch")
            if any(link["patient"] == patient["id"] for link in links):
                raise Conflict("This person is already in your profiles.", code="profile_exists")
            if cmd.relationship == "self":
                claimed = await db.fetch(
                    "SELECT 1 FROM account_patient WHERE patient = {} AND relationship = 'self'",
                    patient["id"],
                )
                if claimed:
                    raise Conflict(
                        "This person already manages their own profile from another account.",
                        code="self_claimed_elsewhere",
                    )
            patient_id = patient["id"]
        else:
            patient_id = new_id()
            await db.execute(
                "INSERT INTO patient (id, name_enc, id_number_enc, id_number_bidx, birth_date, sex,"
                " phone_enc, phone_bidx, address_enc) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {})",
                patient_id,
                encrypt_pii(name),
                encrypt_pii(info.number),
                bidx,
                info.birth_date,
                info.sex,
                encrypt_pii(cmd.phone) if cmd.phone else None,
                blind_index("phone", cmd.phone) if cmd.phone else None,
                encrypt_pii(cmd.address) if cmd.address else None,
            )
            await audit.record(actor, "patient.create", "patient", patient_id)
        await db.execute(
            "INSERT INTO account_patient (id, account, patient, relationship) VALUES ({}, {}, {}, {})",
            new_id(),
            actor.id,
            patient_id,
            cmd.relationship,
        )
        await audit.record(actor, "profile.link", "patient", patient_id, {"relationship": cmd.relationship})
    return await get_profile(actor, patient_id)


async def remove_profile(actor: Actor, patient_id: uuid.UUID) -> None:
    await require_patient_access(actor, patient_id)
    async with db.transaction():
        await db.execute(
            "DELETE FROM account_patient WHERE account = {} AND patient = {}", actor.id, patient_id
        )
        await audit.record(actor, "profile.unlink", "patient", patient_id)


async def patient_id_by_id_number(id_number: str) -> uuid.UUID | None:
    info = parse_id_number(id_number)
    rows = await db.fetch(
        "SELECT id, name_enc FROM patient WHERE id_number_bidx = {}", blind_index("id_number", info.number)
    )
    return rows[0]["id"] if rows else None


async def patient_name_matches(patient_id: uuid.UUID, name: str) -> bool:
    rows = await db.fetch("SELECT name_enc FROM patient WHERE id = {}", patient_id)
    return bool(rows) and decrypt_pii(rows[0]["name_enc"]) == name.strip()


async def self_patient_of_phone(phone: str) -> uuid.UUID | None:
    """The profile the holder of this phone manages as 'self' (kiosk SMS sign-in)."""
    rows = await db.fetch(
        "SELECT ap.patient FROM account a JOIN account_patient ap ON ap.account = a.id"
        " WHERE a.phone_bidx = {} AND ap.relationship = 'self'",
        blind_index("phone", phone),
    )
    return rows[0]["patient"] if rows else None


async def account_phone_masked(actor: Actor) -> str:
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Only a patient account has a phone.", code="not_a_patient_account")
    rows = await db.fetch("SELECT phone_enc FROM account WHERE id = {}", actor.id)
    if not rows:
        raise NotFound("No such account.", code="account_not_found")
    return mask_phone(decrypt_pii(rows[0]["phone_enc"]))


async def managed_patient_ids(account_id: uuid.UUID) -> list[uuid.UUID]:
    rows = await db.fetch("SELECT patient FROM account_patient WHERE account = {}", account_id)
    return [r["patient"] for r in rows]
