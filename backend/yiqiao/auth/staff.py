"""Staff sign-in: username + password (argon2), lockout after repeated failures."""

from __future__ import annotations

from yiqiao.auth import sessions
from yiqiao.auth.types import TokenPair
from yiqiao.identity.service import staff as staff_service
from yiqiao.kit.tokens import Audience

AUDIENCE: Audience = "clinician"


async def login(username: str, password: str, ip: str | None) -> TokenPair:
    member = await staff_service.authenticate(username, password, ip)
    return await sessions.issue_pair(
        member.id,
        AUDIENCE,
        {
            "kind": "staff",
            "inst": str(member.institution_id),
            "dept": str(member.department_id),
            "roles": [member.role],
        },
    )
