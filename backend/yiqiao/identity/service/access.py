"""Per-record authorisation for patient data. Every read or write of a patient's data in any
context goes through ``require_patient_access``. A refusal looks exactly like a missing record,
so ids cannot be probed."""

from __future__ import annotations

import uuid

from yiqiao import db
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import NotFound


async def managed_relationship(account_id: uuid.UUID, patient_id: uuid.UUID) -> str | None:
    rows = await db.fetch(
        "SELECT relationship FROM account_patient WHERE account = {} AND patient = {}", account_id, patient_id
    )
    return rows[0]["relationship"] if rows else None


async def require_patient_access(actor: Actor, patient_id: uuid.UUID) -> None:
    relationship = None
    if actor.kind == "patient" and actor.id is not None:
        relationship = await managed_relationship(actor.id, patient_id)
    decide_patient_access(actor, patient_id, relationship)


# For a hot path that reads the account's link in a query of its own (booking at 08:00): the
# relationship column of ``account_patient`` for (actor.id, patient_id), or None when unlinked.
RELATIONSHIP_SQL = "SELECT relationship FROM account_patient WHERE account = {} AND patient = {}"


def decide_patient_access(actor: Actor, patient_id: uuid.UUID, relationship: str | None) -> None:
    """The rule itself, given the account's link to the profile (``RELATIONSHIP_SQL``)."""
    allowed = False
    if actor.kind == "system":
        allowed = True
    elif actor.kind == "patient" and actor.id is not None:
        allowed = relationship is not None
    elif actor.kind == "kiosk":
        allowed = actor.citizen_patient_id == patient_id
    elif actor.kind == "staff":
        # Clinicians of the medical community may open a patient's record; every such read is
        # audited by the caller. Care-team scoping narrows this in the clinical contexts.
        allowed = True
    if not allowed:
        raise NotFound("No such patient profile.", code="profile_not_found")


async def patients_spoken_for(actor: Actor) -> list[uuid.UUID] | None:
    """The profiles an actor acts for without naming one: every profile a patient account
    manages, or the citizen signed in at a kiosk. None for anyone else (staff name a patient)."""
    if actor.kind == "patient" and actor.id is not None:
        rows = await db.fetch("SELECT patient FROM account_patient WHERE account = {}", actor.id)
        return [r["patient"] for r in rows]
    if actor.kind == "kiosk" and actor.citizen_patient_id is not None:
        return [actor.citizen_patient_id]
    return None
