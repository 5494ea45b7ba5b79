"""Who may touch a ward's devices: staff of that ward (or the system). One rule, used by every
monitoring use-case that changes or reads a device."""

from __future__ import annotations

import uuid

from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden


def require_staff(actor: Actor) -> None:
    if actor.kind == "system":
        return
    if actor.kind != "staff" or actor.id is None:
        raise Forbidden("Only hospital staff may do this.", code="not_staff")


def require_ward_staff(actor: Actor, department_id: uuid.UUID | None) -> None:
    if actor.kind == "system":
        return
    if actor.kind != "staff" or department_id is None or actor.department_id != department_id:
        raise Forbidden("Only staff of this ward may see or change its devices.", code="not_ward_staff")


def require_institution_staff(actor: Actor, institution_id: uuid.UUID) -> None:
    if actor.kind == "system":
        return
    if actor.kind != "staff" or actor.institution_id != institution_id:
        raise Forbidden("Only staff of this institution may do this.", code="not_institution_staff")
