from __future__ import annotations

from bff_common.auth import CurrentActor
from litestar import get
from yiqiao.identity.service import cards, patients
from yiqiao.notify import service as notices

from bff_patient.screens import CardWithQr, HomeScreen


@get("/home", tags=["home"], summary="The home screen: profiles, cards with QR codes, unread notices")
async def home(actor: CurrentActor) -> HomeScreen:
    profiles = await patients.list_profiles(actor)
    with_qr = [
        CardWithQr(
            profile_id=str(p.id),
            card_id=str(c.id),
            card_no_masked=c.card_no_masked,
            kind=c.kind,
            issuer_name=c.issuer_name,
            qr=await cards.health_qr(actor, p.id, c.id),
        )
        for p in profiles
        for c in p.cards
    ]
    page = await notices.list_notices(actor, limit=5)
    return HomeScreen(
        phone_masked=await patients.account_phone_masked(actor),
        profiles=profiles,
        cards=with_qr,
        unread_notices=page.unread,
        latest_notices=page.items,
    )
