"""Referral booking across the medical community (医共体): a township-clinic doctor books a
county-hospital slot for a patient from the referral quota."""

from __future__ import annotations

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.scheduling.service import community
from yiqiao.scheduling.types import AppointmentView, ReferralBookCommand


class ReferralController(Controller):
    path = "/referrals"
    tags = ["referrals"]

    @post(
        "/bookings",
        status_code=HTTP_201_CREATED,
        summary="Book a county-hospital slot from the referral quota",
    )
    async def book(
        self, actor: CurrentActor, data: JSONBody[ReferralBookCommand], idempotency_key: IdempotencyHeader
    ) -> AppointmentView:
        return await community.book_referral(actor, data, idempotency_key)
