"""Referral booking across the medical community (医共体): a township-clinic doctor books a
county-hospital slot for a patient from the referral quota."""

from __future__ import annotations

from typing import Annotated

from bff_common.auth import CurrentActor
from litestar import Controller, post
from litestar.params import HeaderParameter, JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.scheduling.service import community
from yiqiao.scheduling.types import AppointmentView, ReferralBookCommand

IdempotencyHeader = Annotated[
    str,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=8,
        max_length=64,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description="A new random key per booking; retries with the same key return the same booking",
    ),
]


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
