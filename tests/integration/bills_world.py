"""Helpers for the outpatient-bill, kiosk-payment and reconciliation tests: patients with a visit
card bound (made through the core; phones 1345…, ID numbers of region 4403xx and cards P7… are used
by no other test helper), visits and bills issued in the embedded HIS as its doctors would, and a
citizen session at a kiosk."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

import httpx

from tests.integration.flows import bearer, kiosk_tokens

_COUNTER = itertools.count()
# What the tests know about the patients they made (the core only ever shows them masked).
PEOPLE: dict[uuid.UUID, dict[str, str]] = {}


async def patient_with_card(label: str) -> tuple[uuid.UUID, uuid.UUID, str]:
    """A new account with its own 'self' profile and a bound HIS card: (account, patient, card)."""
    from yiqiao.identity.service import cards, patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.integrations.his.local import add_card
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.idcard import make_id_number

    n = next(_COUNTER)
    phone = f"1345{n:07d}"
    name = f"缴费{label}"
    account = await patients.account_for_phone(phone)
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=n % 20000)
    number = make_id_number(f"4403{5 + n // 1000:02d}", birth, f"{n % 1000:03d}")
    profile = await patients.add_profile(
        Actor(kind="patient", id=account), AddProfile(name=name, id_number=number, relationship="self")
    )
    card_no = f"P7{n:010d}"
    await add_card(card_no=card_no, kind="physical", name=name, id_number=number, institution_code="QX-RMYY")
    await cards.system_bind_card(profile.id, card_no)
    PEOPLE[profile.id] = {"name": name, "id_number": number, "phone": phone, "card_no": card_no}
    return account, profile.id, card_no


async def family_member(account: uuid.UUID, label: str) -> tuple[uuid.UUID, str]:
    """A child profile managed by ``account``, with its own card: (patient, card)."""
    from yiqiao.identity.service import cards, patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.integrations.his.local import add_card
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.idcard import make_id_number

    n = next(_COUNTER)
    name = f"家属{label}"
    number = make_id_number(f"4403{5 + n // 1000:02d}", dt.date(2015, 6, 1), f"{n % 1000:03d}")
    profile = await patients.add_profile(
        Actor(kind="patient", id=account), AddProfile(name=name, id_number=number, relationship="child")
    )
    card_no = f"P7{n:010d}"
    await add_card(card_no=card_no, kind="physical", name=name, id_number=number, institution_code="QX-RMYY")
    await cards.system_bind_card(profile.id, card_no)
    PEOPLE[profile.id] = {"name": name, "id_number": number, "card_no": card_no}
    return profile.id, card_no


def drugs(n: int = 2) -> list[Any]:
    from yiqiao.integrations.his.local_outpatient import NewCharge

    lines = [
        NewCharge(
            code="Y0101",
            name="阿莫西林胶囊",
            category="drug",
            unit_fen=1850,
            quantity=2,
            spec="0.25g×24粒",
            unit="盒",
            insurance_class="A",
        ),
        NewCharge(code="Y0207", name="布洛芬缓释胶囊", category="drug", unit_fen=2330, quantity=1, unit="盒"),
        NewCharge(code="Y0311", name="复方甘草片", category="drug", unit_fen=560, quantity=3, unit="瓶"),
    ]
    return lines[:n]


def exams() -> list[Any]:
    from yiqiao.integrations.his.local_outpatient import NewCharge

    return [
        NewCharge(
            code="J1001", name="腹部彩色多普勒超声", category="exam", unit_fen=16000, insurance_class="B"
        ),
        NewCharge(code="C0001", name="一次性耦合剂", category="material", unit_fen=300),
    ]


def labs() -> list[Any]:
    from yiqiao.integrations.his.local_outpatient import NewCharge

    return [
        NewCharge(code="L2001", name="血常规（五分类）", category="lab", unit_fen=2500, insurance_class="A")
    ]


def total(lines: list[Any]) -> int:
    return sum(x.unit_fen * x.quantity for x in lines)


async def visit(
    card_no: str, *, department: str = "心血管内科", doctor: str = "王医生", at: Any = None
) -> str:
    from yiqiao.integrations.his.local_outpatient import open_visit

    return await open_visit(
        card_no=card_no, institution_code="QX-RMYY", department=department, doctor=doctor, visit_at=at
    )


async def bill(visit_no: str, kind: str, lines: list[Any], *, title: str = "", at: Any = None) -> str:
    from yiqiao.integrations.his.local_outpatient import issue_bill

    return await issue_bill(
        visit_no=visit_no,
        kind=kind,  # type: ignore[arg-type]
        title=title or {"prescription": "西药处方", "exam": "检查申请", "lab": "检验申请"}.get(kind, kind),
        items=lines,
        issued_at=at,
    )


async def his_bill(bill_no: str) -> Any:
    from yiqiao.integrations.his import get_his_provider

    found = await get_his_provider().outpatient_bills([bill_no])
    assert found, bill_no
    return found[0]


async def deliver() -> int:
    """Run the outbox once, as the worker would (events after payment, notices, kiosk pushes)."""
    from yiqiao.outbox.delivery import deliver_due

    return await deliver_due()


async def citizen(
    kiosk_api: httpx.AsyncClient, patient: uuid.UUID, kiosk: str = "KIOSK-01"
) -> dict[str, str]:
    """Headers of a kiosk with this patient's citizen session open (by ID card)."""
    k = bearer(await kiosk_tokens(kiosk_api, kiosk))
    who = PEOPLE[patient]
    r = await kiosk_api.post(
        "/citizen/session/id-card", json={"id_number": who["id_number"], "name": who["name"]}, headers=k
    )
    assert r.status_code == 201, r.text
    return {**k, "X-Citizen-Session": r.json()["session_token"]}


def actor(account: uuid.UUID) -> Any:
    from yiqiao.kit.actor import Actor

    return Actor(kind="patient", id=account)


def key(label: str) -> str:
    return f"p7-{label}-{next(_COUNTER):06d}"
