"""Visit cards (就诊卡, 002 §2.1.1.1.1): bind a card issued at a window after checking its holder,
or register with the HIS and issue an electronic card; and the signed e-health QR code per card."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.access import require_patient_access
from yiqiao.identity.types import BindCard, HealthQr, VisitCardView
from yiqiao.integrations.his import get_his_provider
from yiqiao.integrations.his.base import HisCard
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.kit.pii import decrypt_pii
from yiqiao.kit.qr import make_health_qr
from yiqiao.settings import get_settings


def mask_card_no(card_no: str) -> str:
    return card_no[:4] + "*" * max(len(card_no) - 8, 2) + card_no[-4:] if len(card_no) > 8 else "****"


async def cards_of(patient_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[VisitCardView]]:
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


async def _attach(actor: Actor, patient_id: uuid.UUID, card: HisCard, action: str) -> VisitCardView:
    """Record that this HIS card belongs to this profile (once: a bound card cannot move)."""
    issuer = await _issuer_id(card.institution_code)
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO visit_card (id, patient, card_no, kind, issuer) VALUES ({}, {}, {}, {}, {})"
            " ON CONFLICT (card_no) DO NOTHING RETURNING id",
            new_id(),
            patient_id,
            card.card_no,
            card.kind,
            issuer,
        )
        if not rows:
            raise Conflict("This card is already bound.", code="card_already_bound")
        await audit.record(actor, action, "visit_card", rows[0]["id"], {"patient": str(patient_id)})
    names = await db.fetch("SELECT short_name FROM institution WHERE id = {}", issuer)
    return VisitCardView(
        id=rows[0]["id"],
        card_no_masked=mask_card_no(card.card_no),
        kind=card.kind,
        issuer_name=names[0]["short_name"],
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
    return await _attach(actor, patient_id, card, "visit_card.bind")


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
    return await _attach(actor, patient_id, card, "visit_card.create_electronic")


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
        await _attach(SYSTEM, patient_id, card, "visit_card.bind")


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
