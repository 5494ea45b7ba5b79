"""Who is acting, for which institution. Every core use-case takes one explicitly."""

from __future__ import annotations

import uuid
from typing import Literal

import msgspec

ActorKind = Literal["patient", "staff", "kiosk", "device", "system"]
StaffRole = Literal["doctor", "nurse", "head_nurse", "pharmacist", "admin"]


class Actor(msgspec.Struct, frozen=True, kw_only=True):
    kind: ActorKind
    id: uuid.UUID | None = None  # account id, staff id, device id
    institution_id: uuid.UUID | None = None
    department_id: uuid.UUID | None = None
    roles: tuple[str, ...] = ()
    # A kiosk acting for a citizen who identified themselves at it.
    citizen_patient_id: uuid.UUID | None = None
    ip: str | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.id}" if self.id else self.kind


SYSTEM = Actor(kind="system")
