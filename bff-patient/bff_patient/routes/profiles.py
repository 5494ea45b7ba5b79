from __future__ import annotations

import uuid

import msgspec
from bff_common.auth import CurrentActor
from litestar import Controller, delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from yiqiao.identity.service import cards, patients
from yiqiao.identity.types import AddProfile, BindCard, HealthQr, ProfileView, VisitCardView


class NewElectronicCard(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    institution_code: str | None = None


class ProfileController(Controller):
    path = "/profiles"
    tags = ["profiles"]

    @get("/", summary="Profiles this account manages (self and family)")
    async def list_profiles(self, actor: CurrentActor) -> list[ProfileView]:
        return await patients.list_profiles(actor)

    @post("/", status_code=HTTP_201_CREATED, summary="Add yourself or a family member")
    async def add_profile(self, actor: CurrentActor, data: JSONBody[AddProfile]) -> ProfileView:
        return await patients.add_profile(actor, data)

    @get("/{patient_id:uuid}", summary="One profile with its cards")
    async def get_profile(self, actor: CurrentActor, patient_id: FromPath[uuid.UUID]) -> ProfileView:
        return await patients.get_profile(actor, patient_id)

    @delete("/{patient_id:uuid}", status_code=HTTP_204_NO_CONTENT, summary="Stop managing this profile")
    async def remove_profile(self, actor: CurrentActor, patient_id: FromPath[uuid.UUID]) -> None:
        await patients.remove_profile(actor, patient_id)

    @post(
        "/{patient_id:uuid}/cards",
        status_code=HTTP_201_CREATED,
        summary="Bind a hospital card after checking it belongs to this person",
    )
    async def bind_card(
        self, actor: CurrentActor, patient_id: FromPath[uuid.UUID], data: JSONBody[BindCard]
    ) -> VisitCardView:
        return await cards.bind_card(actor, patient_id, data)

    @post(
        "/{patient_id:uuid}/cards/electronic",
        status_code=HTTP_201_CREATED,
        summary="Create a hospital record and an electronic card",
    )
    async def create_electronic_card(
        self, actor: CurrentActor, patient_id: FromPath[uuid.UUID], data: JSONBody[NewElectronicCard]
    ) -> VisitCardView:
        code = data.institution_code or await cards.lead_institution_code()
        return await cards.create_electronic_card(actor, patient_id, code)

    @get("/{patient_id:uuid}/cards/{card_id:uuid}/qr", summary="A fresh e-health QR code for a card")
    async def card_qr(
        self, actor: CurrentActor, patient_id: FromPath[uuid.UUID], card_id: FromPath[uuid.UUID]
    ) -> HealthQr:
        return await cards.health_qr(actor, patient_id, card_id)
