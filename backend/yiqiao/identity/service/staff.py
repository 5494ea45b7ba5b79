"""Staff: password sign-in with lockout, and what a clinician may see of their own department."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.types import DepartmentView, InstitutionView, StaffView
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Locked, NotFound, Unauthorized
from yiqiao.kit.passwords import hash_password, verify_password
from yiqiao.settings import get_settings

# Verified against when the username is unknown, so a wrong username costs the same time as a
# wrong password and usernames cannot be discovered by timing.
_DUMMY_HASH: str | None = None


async def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = await hash_password("not-a-real-password")
    return _DUMMY_HASH


async def authenticate(username: str, password: str, ip: str | None = None) -> StaffView:
    s = get_settings()
    rows = await db.fetch(
        "SELECT id, password_hash, failed_logins, locked_until, active FROM staff WHERE username = {}",
        username.strip().lower(),
    )
    if not rows:
        await verify_password(await _dummy_hash(), password)
        raise Unauthorized("Wrong username or password.", code="bad_credentials")
    row = rows[0]
    now = clock.now()
    if row["locked_until"] is not None and row["locked_until"] > now:
        minutes = max(1, int((row["locked_until"] - now).total_seconds() // 60) + 1)
        raise Locked(
            f"Too many wrong passwords: this account is locked for {minutes} more minutes. "
            "Ask the IT desk to unlock it sooner.",
            code="account_locked",
            retry_after_s=int((row["locked_until"] - now).total_seconds()),
        )
    if not row["active"]:
        raise Forbidden("This staff account is disabled.", code="account_disabled")
    actor = Actor(kind="staff", id=row["id"], ip=ip)
    if not await verify_password(row["password_hash"], password):
        async with db.transaction():
            failed = await db.fetch(
                "UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = {} RETURNING failed_logins",
                row["id"],
            )
            count = failed[0]["failed_logins"]
            if count >= s.staff_max_failed_logins:
                await db.execute(
                    "UPDATE staff SET locked_until = {}, failed_logins = 0 WHERE id = {}",
                    now + timedelta(seconds=s.staff_lockout_s),
                    row["id"],
                )
                await audit.record(actor, "staff.locked", "staff", row["id"], {"ip": ip or ""})
            else:
                await audit.record(actor, "staff.login_failed", "staff", row["id"], {"ip": ip or ""})
        raise Unauthorized("Wrong username or password.", code="bad_credentials")
    async with db.transaction():
        await db.execute("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = {}", row["id"])
        await audit.record(actor, "staff.login", "staff", row["id"], {"ip": ip or ""})
    return await get_staff(row["id"])


async def get_staff(staff_id: uuid.UUID) -> StaffView:
    rows = await db.fetch(
        "SELECT id, name, role, title, institution, department FROM staff WHERE id = {}", staff_id
    )
    if not rows:
        raise NotFound("No such staff member.", code="staff_not_found")
    return _staff_view(rows[0])


def _staff_view(r: dict[str, Any]) -> StaffView:
    return StaffView(
        id=r["id"],
        name=r["name"],
        role=r["role"],
        title=r["title"],
        institution_id=r["institution"],
        department_id=r["department"],
    )


def _require_staff(actor: Actor) -> uuid.UUID:
    if actor.kind != "staff" or actor.id is None:
        raise Forbidden("Only staff may do this.", code="not_staff")
    return actor.id


async def my_department(actor: Actor) -> tuple[InstitutionView, DepartmentView, list[StaffView]]:
    """The clinician's institution, department and colleagues (scoped by the token's claims)."""
    _require_staff(actor)
    dept = await db.fetch(
        "SELECT * FROM department WHERE id = {} AND institution = {}",
        actor.department_id,
        actor.institution_id,
    )
    if not dept:
        raise NotFound("Your department no longer exists.", code="department_not_found")
    inst = await db.fetch("SELECT * FROM institution WHERE id = {}", actor.institution_id)
    colleagues = await db.fetch(
        "SELECT id, name, role, title, institution, department FROM staff"
        " WHERE department = {} AND active ORDER BY role, name",
        actor.department_id,
    )
    d, i = dept[0], inst[0]
    return (
        InstitutionView(
            id=i["id"],
            code=i["code"],
            name=i["name"],
            short_name=i["short_name"],
            kind=i["kind"],
            parent_id=i["parent"],
        ),
        DepartmentView(
            id=d["id"], institution_id=d["institution"], code=d["code"], name=d["name"], kind=d["kind"]
        ),
        [_staff_view(c) for c in colleagues],
    )
