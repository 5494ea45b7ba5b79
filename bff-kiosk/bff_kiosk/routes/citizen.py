from __future__ import annotations

from typing import Any

from bff_common.auth import CurrentActor, client_ip
from litestar import Controller, Request, delete, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT
from yiqiao.auth import citizen, otp
from yiqiao.auth.types import CitizenSession, CitizenSms, IdCardRead, OtpRequest, OtpSent
from yiqiao.identity.service import patients

from bff_kiosk.citizen import CitizenHeader, as_citizen
from bff_kiosk.screens import CitizenCardsScreen


class CitizenController(Controller):
    path = "/citizen"
    tags = ["citizen"]

    @post(
        "/session/id-card",
        status_code=HTTP_201_CREATED,
        summary="Open a citizen session from the ID-card reader's payload",
    )
    async def open_by_id_card(self, actor: CurrentActor, data: JSONBody[IdCardRead]) -> CitizenSession:
        return await citizen.open_by_id_card(actor, data)

    @post("/session/otp", status_code=HTTP_202_ACCEPTED, summary="Send an SMS code to sign in at the kiosk")
    async def request_otp(
        self, actor: CurrentActor, data: JSONBody[OtpRequest], request: Request[Any, Any, Any]
    ) -> OtpSent:
        citizen.require_kiosk(actor)
        resend, expires = await otp.request_code("kiosk_citizen", data.phone, client_ip(request))
        return OtpSent(sent=True, resend_after_s=resend, expires_in_s=expires)

    @post("/session/sms", status_code=HTTP_201_CREATED, summary="Open a citizen session with an SMS code")
    async def open_by_sms(self, actor: CurrentActor, data: JSONBody[CitizenSms]) -> CitizenSession:
        return await citizen.open_by_sms(actor, data.phone, data.code)

    @delete("/session", status_code=HTTP_204_NO_CONTENT, summary="End the citizen session (walk-away)")
    async def close(self, actor: CurrentActor, session_token: CitizenHeader) -> None:
        await citizen.close(actor, session_token)

    @get("/cards", summary="The citizen's profile and visit cards, masked")
    async def cards(self, actor: CurrentActor, session_token: CitizenHeader) -> CitizenCardsScreen:
        who = await as_citizen(actor, session_token)
        assert who.citizen_patient_id is not None
        return CitizenCardsScreen(profile=await patients.get_profile(who, who.citizen_patient_id))
