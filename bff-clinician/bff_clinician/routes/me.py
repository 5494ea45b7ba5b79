from __future__ import annotations

from litestar import get

from bff_clinician.screens import MeScreen
from yiqiao.identity.service import staff
from yiqiao.kit.actor import Actor


@get("/me", tags=["me"], summary="Me, my institution, my department and colleagues")
async def me(actor: Actor) -> MeScreen:
    institution, department, colleagues = await staff.my_department(actor)
    assert actor.id is not None
    return MeScreen(me=await staff.get_staff(actor.id), institution=institution, department=department,
                    colleagues=colleagues)
