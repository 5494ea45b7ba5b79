from __future__ import annotations

from bff_common.auth import CurrentActor
from litestar import get
from yiqiao.identity.service import staff

from bff_clinician.screens import MeScreen


@get("/me", tags=["me"], summary="Me, my institution, my department and colleagues")
async def me(actor: CurrentActor) -> MeScreen:
    institution, department, colleagues = await staff.my_department(actor)
    assert actor.id is not None
    return MeScreen(
        me=await staff.get_staff(actor.id),
        institution=institution,
        department=department,
        colleagues=colleagues,
    )
