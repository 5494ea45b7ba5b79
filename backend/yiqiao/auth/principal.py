"""Turn verified token claims into the ``Actor`` the core understands."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao.kit.actor import Actor


def _uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


def actor_from_claims(
    claims: dict[str, Any], *, ip: str | None = None, citizen_patient_id: uuid.UUID | None = None
) -> Actor:
    return Actor(
        kind=claims["kind"],
        id=uuid.UUID(claims["sub"]),
        institution_id=_uuid(claims.get("inst")),
        department_id=_uuid(claims.get("dept")),
        roles=tuple(claims.get("roles", ())),
        citizen_patient_id=citizen_patient_id,
        ip=ip,
    )
