from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT
from yiqiao.notify import service as notices
from yiqiao.notify.types import NoticePage, Preference, PreferenceUpdate


class NoticeController(Controller):
    path = "/notices"
    tags = ["notices"]

    @get("/", summary="Notices, newest first")
    async def list_notices(
        self, actor: CurrentActor, unread_only: FromQuery[bool] = False, limit: FromQuery[int] = 20
    ) -> NoticePage:
        return await notices.list_notices(actor, limit=limit, unread_only=unread_only)

    @post("/{notice_id:uuid}/read", status_code=HTTP_204_NO_CONTENT, summary="Mark a notice read")
    async def mark_read(self, actor: CurrentActor, notice_id: FromPath[uuid.UUID]) -> None:
        await notices.mark_read(actor, notice_id)

    @get("/preferences", summary="Which notices you receive, and how")
    async def get_preferences(self, actor: CurrentActor) -> list[Preference]:
        return await notices.preferences(actor)

    @put("/preferences", summary="Switch a kind of notice on or off, or choose its channels")
    async def update_preference(self, actor: CurrentActor, data: JSONBody[PreferenceUpdate]) -> Preference:
        return await notices.update_preference(actor, data)
