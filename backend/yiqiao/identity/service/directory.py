"""Read-only directory lookups other contexts need: the institution and department tree, who a
patient's own account is, and a patient's birth date (for age-based priority groups)."""

from __future__ import annotations

import datetime as dt
import uuid

from yiqiao import db
from yiqiao.identity.types import DepartmentView, InstitutionView


async def institutions() -> list[InstitutionView]:
    rows = await db.fetch("SELECT id, code, name, short_name, kind, parent FROM institution ORDER BY code")
    return [
        InstitutionView(
            id=r["id"],
            code=r["code"],
            name=r["name"],
            short_name=r["short_name"],
            kind=r["kind"],
            parent_id=r["parent"],
        )
        for r in rows
    ]


async def departments(kind: str | None = None) -> list[DepartmentView]:
    rows = await db.fetch(
        "SELECT id, institution, code, name, kind FROM department WHERE ({}::text IS NULL OR kind = {})"
        " ORDER BY code",
        kind,
        kind,
    )
    return [
        DepartmentView(
            id=r["id"], institution_id=r["institution"], code=r["code"], name=r["name"], kind=r["kind"]
        )
        for r in rows
    ]


async def department(department_id: uuid.UUID) -> DepartmentView | None:
    rows = await db.fetch(
        "SELECT id, institution, code, name, kind FROM department WHERE id = {}", department_id
    )
    if not rows:
        return None
    r = rows[0]
    return DepartmentView(
        id=r["id"], institution_id=r["institution"], code=r["code"], name=r["name"], kind=r["kind"]
    )


async def self_account_of(patient_id: uuid.UUID) -> uuid.UUID | None:
    """The account whose own profile this is (where a notice about this patient goes first)."""
    rows = await db.fetch(
        "SELECT account FROM account_patient WHERE patient = {}"
        " ORDER BY (relationship = 'self') DESC, created_at LIMIT 1",
        patient_id,
    )
    return rows[0]["account"] if rows else None


async def birth_date_of(patient_id: uuid.UUID) -> dt.date | None:
    rows = await db.fetch("SELECT birth_date FROM patient WHERE id = {}", patient_id)
    return rows[0]["birth_date"] if rows else None
