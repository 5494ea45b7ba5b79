"""Patient accounts, the profiles an account manages (self and family), and visit cards."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.access import require_patient_access
from yiqiao.identity.types import AddProfile, BindCard, HealthQr, ProfileView, VisitCardView
from yiqiao.integrations.his import get_his_provider
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound
from yiqiao.kit.idcard import parse_id_number
from yiqiao.kit.ids import new_id
from yiqiao.kit.mask import mask_id_number, mask_name, mask_phone
from yiqiao.kit.pii import blind_index, decrypt_pii, encrypt_pii
from yiqiao.kit.qr import make_health_qr
from yiqiao.settings import get_settings

MAX_PROFILES_PER_ACCOUNT = 8


def mask_card_no(card_no: str) -> str:
    return card_no[:4] + "*" * max(len(card_no) - 8, 2) + card_no[-4:] if len(card_no) > 8 else "****"


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


async def _cards(patient_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[VisitCardView]]:
    if not patient_ids:
        return {}
    rows = await db.fetch(
        "SELECT c.id, c.patient, c.card_no, c.kind, i.short_name FROM visit_card c"
        " JOIN institution i ON i.id = c.issuer WHERE c.patient = ANY({}) ORDER BY c.created_at",
        patient_ids,
    )
    out: dict[uuid.UUID, list[VisitCardView]] = {}
    for r in rows:
        out.setdefault(r["patient"], []).append(
            VisitCardView(
                id=r["id"],
                card_no_masked=mask_card_no(r["card_no"]),
                kind=r["kind"],
                issuer_name=r["short_name"],
            )
        )
    return out


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
    cards = await _cards([r["id"] for r in rows])
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
    cards = await _cards([patient_id])
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


# --- visit cards (002 §2.1.1.1.1) ---------------------------------------------------------


async def _patient_identity(patient_id: uuid.UUID) -> tuple[str, str, str, Any]:
    rows = await db.fetch(
        "SELECT name_enc, id_number_enc, sex, birth_date FROM patient WHERE id = {}", patient_id
    )
    if not rows:
        raise NotFound("No such patient profile.", code="profile_not_found")
    r = rows[0]
    return decrypt_pii(r["name_enc"]), decrypt_pii(r["id_number_enc"]), r["sex"], r["birth_date"]


async def _issuer_id(institution_code: str) -> uuid.UUID:
    rows = await db.fetch("SELECT id FROM institution WHERE code = {}", institution_code)
    if not rows:
        raise Invalid(
            "The card was issued by an institution outside this medical community.",
            code="card_issuer_unknown",
        )
    issuer: uuid.UUID = rows[0]["id"]
    return issuer


async def _insert_card(
    actor: Actor, patient_id: uuid.UUID, card_no: str, kind: str, issuer: uuid.UUID, action: str
) -> VisitCardView:
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO visit_card (id, patient, card_no, kind, issuer) VALUES ({}, {}, {}, {}, {})"
            " ON CONFLICT (card_no) DO NOTHING RETURNING id",
            new_id(),
            patient_id,
            card_no,
            kind,
            issuer,
        )
        if not rows:
            raise Conflict("This card is already bound.", code="card_already_bound")
        await audit.record(actor, action, "visit_card", rows[0]["id"], {"patient": str(patient_id)})
    names = await db.fetch("SELECT short_name FROM institution WHERE id = {}", issuer)
    return VisitCardView(
        id=rows[0]["id"], card_no_masked=mask_card_no(card_no), kind=kind, issuer_name=names[0]["short_name"]
    )


async def bind_card(actor: Actor, patient_id: uuid.UUID, cmd: BindCard) -> VisitCardView:
    """Bind a card issued at a hospital window, after checking its holder is this profile."""
    await require_patient_access(actor, patient_id)
    name, id_number, _, _ = await _patient_identity(patient_id)
    card = await get_his_provider().get_card(cmd.card_no.upper())
    if card is None or card.id_number != id_number or card.name != name:
        # One answer for "no such card" and "someone else's card": card numbers cannot be probed.
        raise Invalid(
            "No card with this number belongs to this person. Check the number on the "
            "card, or create an electronic card instead.",
            code="card_not_matched",
        )
    return await _insert_card(
        actor, patient_id, card.card_no, card.kind, await _issuer_id(card.institution_code), "visit_card.bind"
    )


async def create_electronic_card(actor: Actor, patient_id: uuid.UUID, institution_code: str) -> VisitCardView:
    """Register the patient in the HIS (建档) and issue an electronic card. If the HIS already
    holds a record for this person, say so and point to binding it instead."""
    await require_patient_access(actor, patient_id)
    name, id_number, sex, birth = await _patient_identity(patient_id)
    his = get_his_provider()
    existing = await his.cards_for_person(id_number)
    unbound = [c for c in existing if not await _card_bound(c.card_no)]
    if existing and unbound:
        raise Conflict(
            "The hospital already has a record for this person: bind the existing card "
            f"{mask_card_no(unbound[0].card_no)} instead.",
            code="his_record_exists",
            card_no_masked=mask_card_no(unbound[0].card_no),
        )
    if any(c.kind == "electronic" for c in existing):
        raise Conflict("This person already has an electronic card.", code="ecard_exists")
    card = await his.register(
        name=name, id_number=id_number, sex=sex, birth_date=birth, institution_code=institution_code
    )
    return await _insert_card(
        actor,
        patient_id,
        card.card_no,
        card.kind,
        await _issuer_id(card.institution_code),
        "visit_card.create_electronic",
    )


async def _card_bound(card_no: str) -> bool:
    return bool(await db.fetch("SELECT 1 FROM visit_card WHERE card_no = {}", card_no))


async def health_qr(actor: Actor, patient_id: uuid.UUID, card_id: uuid.UUID) -> HealthQr:
    """A fresh signed e-health code for one card; it expires, so a screenshot cannot be reused."""
    await require_patient_access(actor, patient_id)
    rows = await db.fetch(
        "SELECT card_no FROM visit_card WHERE id = {} AND patient = {}", card_id, patient_id
    )
    if not rows:
        raise NotFound("No such card.", code="card_not_found")
    ttl = get_settings().health_qr_ttl_s
    return HealthQr(
        card_id=card_id,
        payload=make_health_qr(patient_id, rows[0]["card_no"], ttl),
        expires_at=clock.now() + timedelta(seconds=ttl),
    )


async def system_bind_card(patient_id: uuid.UUID, card_no: str) -> None:
    """Bind a card without the holder's session (demo data)."""
    card = await get_his_provider().get_card(card_no)
    if card is None:
        raise NotFound("No such card in the HIS.", code="card_not_found")
    if not await _card_bound(card_no):
        await _insert_card(
            SYSTEM,
            patient_id,
            card.card_no,
            card.kind,
            await _issuer_id(card.institution_code),
            "visit_card.bind",
        )


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


async def lead_institution_code() -> str:
    """The county hospital that heads the medical community (issues e-cards by default)."""
    rows = await db.fetch(
        "SELECT code FROM institution WHERE kind = 'county_hospital' AND parent IS NULL"
        " ORDER BY created_at LIMIT 1"
    )
    if not rows:
        raise NotFound("No lead hospital is configured.", code="no_lead_institution")
    code: str = rows[0]["code"]
    return code
