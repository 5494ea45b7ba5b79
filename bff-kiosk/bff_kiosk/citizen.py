"""The ``X-Citizen-Session`` header: which citizen is standing at this kiosk right now."""

from __future__ import annotations

from typing import Annotated

from litestar.params import HeaderParameter
from yiqiao.auth import citizen
from yiqiao.kit.actor import Actor

CitizenHeader = Annotated[
    str,
    HeaderParameter(
        name="X-Citizen-Session",
        min_length=10,
        max_length=128,
        description="The token from opening a citizen session",
    ),
]


async def as_citizen(actor: Actor, session_token: str) -> Actor:
    patient_id = await citizen.resolve(actor, session_token)
    return Actor(
        kind=actor.kind,
        id=actor.id,
        institution_id=actor.institution_id,
        department_id=actor.department_id,
        roles=actor.roles,
        citizen_patient_id=patient_id,
        ip=actor.ip,
    )
