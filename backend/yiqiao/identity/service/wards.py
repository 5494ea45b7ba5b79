"""Who works on a ward: the roster other contexts route work to (e.g. alarm escalation)."""

from __future__ import annotations

import uuid

from yiqiao import db
from yiqiao.identity.types import StaffView


async def ward_staff(department_id: uuid.UUID, roles: tuple[str, ...]) -> list[StaffView]:
    """Active staff of the department with one of ``roles``, in a stable order (role order as
    given, then name, then id)."""
    rows = await db.fetch(
        "SELECT id, name, role, title, institution, department FROM staff"
        " WHERE department = {} AND active AND role = ANY({})",
        department_id,
        list(roles),
    )
    rows.sort(key=lambda r: (roles.index(r["role"]), r["name"], r["id"]))
    return [
        StaffView(
            id=r["id"],
            name=r["name"],
            role=r["role"],
            title=r["title"],
            institution_id=r["institution"],
            department_id=r["department"],
        )
        for r in rows
    ]
