"""Inpatient money on real services: stays come from the embedded HIS, which posts the same daily
itemised list (每日清单) however often it is read; deposits paid by the patient, a family member or
someone else (代缴, who sees only masked data) count at once; the balance is deposits - charges; the
low-balance reminder goes once a day; the discharge pre-settlement waits for the ward, and the
settlement either refunds the remainder to the deposits' payments (most recent first) or opens
one order for the difference. Every admission transition is audited; a second patient never sees
or pays anything of the first; bad input changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import uuid
from typing import Any

import pytest

from tests.integration.billing_world import audit_actions, key, refund_status, trade
from tests.integration.flows import bearer, patient_tokens

_N = itertools.count()


# --- the world --------------------------------------------------------------------------------


async def person(label: str) -> dict[str, Any]:
    """A new account with its own profile and a card at the HIS (unique by construction)."""
    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.integrations.his.local import add_card
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.idcard import make_id_number

    n = next(_N)
    phone = f"1585{n:07d}"
    name = f"住院{label}"
    number = make_id_number(f"4401{50 + n // 15000:02d}", dt.date(1950, 1, 1) + dt.timedelta(days=n), "123")
    account = await patients.account_for_phone(phone)
    actor = Actor(kind="patient", id=account)
    profile = await patients.add_profile(actor, AddProfile(name=name, id_number=number, relationship="self"))
    card = f"IPT{n:09d}"
    await add_card(card_no=card, kind="physical", name=name, id_number=number, institution_code="QX-RMYY")
    return {
        "account": account,
        "actor": actor,
        "patient": profile.id,
        "phone": phone,
        "name": name,
        "card": card,
        "id_number": number,
    }


async def family_member(holder: dict[str, Any], label: str) -> dict[str, Any]:
    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.integrations.his.local import add_card
    from yiqiao.kit.idcard import make_id_number

    n = next(_N)
    name = f"家属{label}"
    number = make_id_number(f"4401{50 + n // 15000:02d}", dt.date(1950, 1, 1) + dt.timedelta(days=n), "124")
    profile = await patients.add_profile(
        holder["actor"], AddProfile(name=name, id_number=number, relationship="parent")
    )
    card = f"IPT{n:09d}"
    await add_card(card_no=card, kind="physical", name=name, id_number=number, institution_code="QX-RMYY")
    return {"patient": profile.id, "name": name, "card": card}


async def admitted(
    who: dict[str, Any], *, days_ago: int = 0, profile: str = "general", insurance: str = "self_pay"
) -> Any:
    """Admit to a bed at the HIS (10:30 Beijing time, ``days_ago``) and let billing see the stay."""
    from yiqiao import db
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import local_inpatient
    from yiqiao.kit import clock

    day = clock.local(clock.now()).date() - dt.timedelta(days=days_ago)
    at = dt.datetime.combine(day, dt.time(0, 30), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)
    his = await local_inpatient.admit(
        card_no=who["card"],
        department="普通外科",
        ward="普通外科病区",
        bed=f"5{next(_N) % 100:02d}-1",
        admitted_at=at,
        charge_profile=profile,
        insurance_type=insurance,  # type: ignore[arg-type]
    )
    await inpatient.sync_admissions()
    rows = await db.fetch("SELECT * FROM inpatient_admission WHERE admission_no = {}", his.admission_no)
    return rows[0]


def expected_charges(admission_no: str, profile: str, admitted_on: dt.date, last: dt.date) -> int:
    from yiqiao.integrations.his.local_inpatient_charging import daily_lines

    total, day = 0, admitted_on
    while day <= last:
        total += sum(x.unit_fen * x.quantity for x in daily_lines(admission_no, profile, admitted_on, day))
        day += dt.timedelta(days=1)
    return total


def today() -> dt.date:
    from yiqiao.kit import clock

    return clock.local(clock.now()).date()


async def top_up(actor: Any, admission_id: uuid.UUID, amount: int, k: str | None = None) -> Any:
    from yiqiao.billing.inpatient_types import DepositIn
    from yiqiao.billing.service import deposits

    return await deposits.top_up(actor, admission_id, DepositIn(amount_fen=amount), k or key("dep"))


async def pay(actor: Any, deposit_id: uuid.UUID, amount: int) -> str:
    """Pay a top-up through the (recording) provider; the provider says it succeeded."""
    from yiqiao.billing.service import deposits, payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.actor import SYSTEM

    start = await deposits.pay_deposit(actor, deposit_id, PayCommand(provider="wechat"), key("pay"))
    assert start.amount_fen == amount
    return await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", amount))


async def paid_deposit(actor: Any, admission_id: uuid.UUID, amount: int) -> Any:
    d = await top_up(actor, admission_id, amount)
    assert await pay(actor, d.id, amount) == "applied"
    return d


async def view(actor: Any, admission_id: uuid.UUID) -> Any:
    from yiqiao.billing.service import inpatient

    return await inpatient.get_admission(actor, admission_id)


async def deliver() -> None:
    from yiqiao.outbox.delivery import deliver_due

    await deliver_due()


async def notices(account: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT title, category, body, data::text AS data FROM notice WHERE account_id = {} ORDER BY created_at",
        account,
    )


async def discharge_verified(row: Any) -> None:
    """The doctor issues the discharge order and the ward nurse verifies it; billing follows."""
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import local_inpatient

    await local_inpatient.order_discharge(row["admission_no"])
    await local_inpatient.verify_discharge_orders(row["admission_no"])
    await inpatient.sync_admissions()


async def counts() -> tuple[int, int]:
    from yiqiao import db

    r = await db.fetch(
        "SELECT (SELECT count(*) FROM inpatient_deposit) AS d, (SELECT count(*) FROM billing_order) AS o"
    )
    return r[0]["d"], r[0]["o"]


# --- the HIS: stays and the daily list ------------------------------------------------------------


async def test_the_his_posts_each_day_once_deterministically_and_stops_at_the_discharge_order(core):
    from yiqiao.integrations.errors import ProviderError
    from yiqiao.integrations.his import get_his_provider, local_inpatient

    p = await person("甲")
    row = await admitted(p, days_ago=3, profile="cardiology")
    his = get_his_provider()
    first, *again = await asyncio.gather(*(his.inpatient_charges(row["admission_no"]) for _ in range(5)))
    assert all(a == first for a in again), "concurrent readers see one posting"
    assert sorted({c.day for c in first}) == [today() - dt.timedelta(days=d) for d in (3, 2, 1, 0)]
    assert sum(c.amount_fen for c in first) == expected_charges(
        row["admission_no"], "cardiology", today() - dt.timedelta(days=3), today()
    )
    day0 = [c.name for c in first if c.day == today() - dt.timedelta(days=3)]
    assert "血常规(五分类)" in day0 and "肌钙蛋白I测定" in day0 and "普通病房床位费(三人间)" in day0
    assert all(c.amount_fen == c.unit_fen * c.quantity for c in first)
    # An executed order's charge joins the day's list after the charging run's lines.
    surgery = await local_inpatient.post_order_charge(
        row["admission_no"],
        code="330100001",
        name="经皮冠状动脉支架置入术",
        category="treatment",
        unit_fen=450000,
    )
    assert surgery.line_no == local_inpatient.ORDER_LINE_BASE + 1
    await local_inpatient.order_discharge(row["admission_no"])
    await local_inpatient.verify_discharge_orders(row["admission_no"])
    after = await his.inpatient_charges(row["admission_no"])
    assert len(after) == len(first) + 1
    with pytest.raises(ProviderError) as exc:
        await local_inpatient.post_order_charge(
            row["admission_no"], code="X", name="x", category="other", unit_fen=100
        )
    assert exc.value.code == "charges_final"
    with pytest.raises(ProviderError) as exc:
        await local_inpatient.admit(card_no=p["card"], department="d", ward="w", bed="1")
    assert exc.value.code == "already_admitted"


async def test_stays_are_recorded_for_known_patients_and_listed_with_their_balance(core, patient_api):
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import local_inpatient
    from yiqiao.integrations.his.local import add_card
    from yiqiao.kit.errors import NotFound
    from yiqiao.kit.idcard import make_id_number

    p = await person("乙")
    other = await person("丙")
    row = await admitted(p, days_ago=1)
    # Someone the HIS admitted who has no profile with us: not recorded (nobody to show it to).
    stranger_card = f"IPX{next(_N):09d}"
    await add_card(
        card_no=stranger_card,
        kind="physical",
        name="路人",
        id_number=make_id_number("440199", dt.date(1970, 1, 1), f"{next(_N) % 1000:03d}"),
        institution_code="QX-RMYY",
    )
    stranger = await local_inpatient.admit(card_no=stranger_card, department="d", ward="w", bed="9")
    report = await inpatient.sync_admissions()
    assert report.unknown_patients >= 1
    assert await inpatient.ensure_admission(stranger.admission_no) is None
    assert await audit_actions(row["id"]) == ["inpatient_admission.admit"]

    tokens = await patient_tokens(patient_api, p["phone"])
    r = await patient_api.get("/inpatient/admissions", headers=bearer(tokens))
    assert r.status_code == 200, r.text
    [stay] = r.json()
    charges = expected_charges(row["admission_no"], "general", today() - dt.timedelta(days=1), today())
    assert stay["admission_no"] == row["admission_no"] and stay["status"] == "in_stay" and stay["days"] == 2
    assert stay["ward"] == "普通外科病区" and stay["patient_name_masked"] == "住*乙"
    assert stay["charges_fen"] == charges and stay["deposits_fen"] == 0 and stay["balance_fen"] == -charges
    assert stay["low_balance"] is True and stay["takes_deposits"] is True
    # The other patient sees nothing of it, and cannot tell it exists.
    other_tokens = await patient_tokens(patient_api, other["phone"])
    r = await patient_api.get("/inpatient/admissions", headers=bearer(other_tokens))
    assert r.status_code == 200 and r.json() == []
    for path in ("", "/charges", "/deposits", "/settlement"):
        r = await patient_api.get(f"/inpatient/admissions/{row['id']}{path}", headers=bearer(other_tokens))
        assert r.status_code == 404 and r.json()["code"] == "admission_not_found", (path, r.text)
    r = await patient_api.get(f"/inpatient/admissions/{uuid.uuid4()}", headers=bearer(tokens))
    assert r.status_code == 404 and r.json()["code"] == "admission_not_found"
    with pytest.raises(NotFound):
        await inpatient.list_admissions(other["actor"], patient_id=p["patient"])


async def test_daily_list_by_day_and_by_period_and_as_a_download(core, patient_api):
    p = await person("丁")
    row = await admitted(p, days_ago=4)
    first = today() - dt.timedelta(days=4)
    tokens = await patient_tokens(patient_api, p["phone"])
    base = f"/inpatient/admissions/{row['id']}/charges"
    r = await patient_api.get(
        base, params={"first_day": str(first), "last_day": str(first)}, headers=bearer(tokens)
    )
    assert r.status_code == 200, r.text
    one = r.json()
    assert [d["day"] for d in one["days"]] == [str(first)]
    assert one["total_fen"] == expected_charges(row["admission_no"], "general", first, first)
    assert {ln["name"] for ln in one["days"][0]["lines"]} >= {"血常规(五分类)", "胸部数字化摄影(DR)"}
    r = await patient_api.get(base, headers=bearer(tokens))
    whole = r.json()
    assert len(whole["days"]) == 5 and whole["first_day"] == str(first) and whole["last_day"] == str(today())
    assert (
        whole["total_fen"]
        == sum(d["total_fen"] for d in whole["days"])
        == sum(c["amount_fen"] for c in whole["by_category"])
    )
    assert {c["label"] for c in whole["by_category"]} >= {"床位费", "护理费", "化验费", "西药费"}
    r = await patient_api.get(
        base,
        params={
            "first_day": str(first + dt.timedelta(days=1)),
            "last_day": str(first + dt.timedelta(days=2)),
        },
        headers=bearer(tokens),
    )
    assert [d["day"] for d in r.json()["days"]] == [
        str(first + dt.timedelta(days=1)),
        str(first + dt.timedelta(days=2)),
    ]
    r = await patient_api.get(base + "/download", headers=bearer(tokens))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith("\ufeff住院号".encode()) and "当日小计" in r.text
    assert row["admission_no"] in r.headers["content-disposition"]
    # Bad periods: a clear 4xx.
    r = await patient_api.get(
        base, params={"first_day": str(today()), "last_day": str(first)}, headers=bearer(tokens)
    )
    assert r.status_code == 422 and r.json()["code"] == "period_invalid"
    r = await patient_api.get(
        base, params={"first_day": "2020-01-01", "last_day": "2022-01-01"}, headers=bearer(tokens)
    )
    assert r.status_code == 422 and r.json()["code"] == "period_too_long"
    r = await patient_api.get(base, params={"first_day": "not-a-day"}, headers=bearer(tokens))
    assert r.status_code == 400


# --- deposits -------------------------------------------------------------------------------------


async def test_a_top_up_is_usable_as_soon_as_it_is_paid_and_reaches_the_his(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import orders

    p = await person("戊")
    row = await admitted(p)
    before = await view(p["actor"], row["id"])
    d = await top_up(p["actor"], row["id"], 300_000)
    assert d.status == "created" and d.payer_kind == "self" and d.payer_masked.startswith("158")
    order = await orders.get_order(p["actor"], d.order_id)
    assert order.kind == "inpatient_deposit" and order.total_fen == 300_000
    assert (order.subject_type, order.subject_id) == ("inpatient_deposit", str(d.id))
    assert order.items[0].category == "deposit" and order.items[0].refundable is False
    assert (await view(p["actor"], row["id"])).deposits_fen == 0, "not usable before it is paid"
    assert await pay(p["actor"], d.id, 300_000) == "applied"
    after = await view(p["actor"], row["id"])
    assert after.deposits_fen == 300_000 and after.balance_fen == before.balance_fen + 300_000
    assert after.low_balance is False
    assert await audit_actions(d.id) == ["inpatient_deposit.create", "inpatient_deposit.paid"]
    await deliver()
    his = await db.fetch("SELECT * FROM local_his_deposit WHERE admission_no = {}", row["admission_no"])
    assert [(h["amount_fen"], h["ref"]) for h in his] == [(300_000, f"YQ-D-{d.id}")]
    [record] = await __import__("yiqiao.billing.service.deposits", fromlist=["x"]).deposits_of(
        p["actor"], row["id"]
    )
    assert record.status == "paid" and record.paid_at is not None
    titles = [n["title"] for n in await notices(p["account"])]
    assert "缴费成功" in titles and "住院预交金到账" not in titles, "the payer hears once"
    await deliver()
    assert (
        len(await db.fetch("SELECT * FROM local_his_deposit WHERE admission_no = {}", row["admission_no"]))
        == 1
    )


async def test_a_family_member_tops_up_and_the_patient_account_is_told(core, providers):
    holder = await person("己")
    parent = await family_member(holder, "己父")
    row = await admitted(parent)
    d = await paid_deposit(holder["actor"], row["id"], 50_000)
    assert d.payer_kind == "family"
    assert (await view(holder["actor"], row["id"])).deposits_fen == 50_000


async def test_same_key_same_top_up_other_body_409_and_bad_amounts_change_nothing(core, patient_api):
    from yiqiao.kit.errors import Conflict, Invalid

    p = await person("庚")
    stranger = await person("辛")
    row = await admitted(p)
    k = key("same")
    a = await top_up(p["actor"], row["id"], 20_000, k)
    b = await top_up(p["actor"], row["id"], 20_000, k)
    assert (a.id, a.order_id) == (b.id, b.order_id)
    before = await counts()
    with pytest.raises(Conflict) as exc:
        await top_up(p["actor"], row["id"], 30_000, k)
    assert exc.value.code == "idempotency_key_reused"
    with pytest.raises(Invalid):
        await top_up(p["actor"], row["id"], 99)
    tokens = await patient_tokens(patient_api, p["phone"])
    url = f"/inpatient/admissions/{row['id']}/deposits"
    for body in ({"amount_fen": 0}, {"amount_fen": -100}, {"amount_fen": 150.5}, {"amount_fen": "1e9"},
                 {"amount_fen": 99}, {"amount_fen": 5_000_001}, {}, {"amount_fen": 1000, "extra": 1}):  # fmt: skip
        r = await patient_api.post(url, json=body, headers={**bearer(tokens), "Idempotency-Key": key("bad")})
        assert r.status_code in (400, 422), (body, r.text)
    r = await patient_api.post(url, json={"amount_fen": 1000}, headers=bearer(tokens))
    assert r.status_code == 400, "no Idempotency-Key"
    other = await patient_tokens(patient_api, stranger["phone"])
    r = await patient_api.post(
        url, json={"amount_fen": 1000}, headers={**bearer(other), "Idempotency-Key": key("x")}
    )
    assert r.status_code == 404 and r.json()["code"] == "admission_not_found"
    r = await patient_api.post(
        f"/inpatient/admissions/{uuid.uuid4()}/deposits",
        json={"amount_fen": 1000},
        headers={**bearer(tokens), "Idempotency-Key": key("x")},
    )
    assert r.status_code == 404
    # Nor can the stranger pay the patient's top-up.
    r = await patient_api.post(
        f"/inpatient/deposits/{a.id}/pay",
        json={"provider": "wechat"},
        headers={**bearer(other), "Idempotency-Key": key("x")},
    )
    assert r.status_code == 404 and r.json()["code"] == "deposit_not_found"
    assert await counts() == before


async def test_someone_else_pays_by_admission_number_and_name_and_sees_only_masked_data(
    core, patient_api, providers
):
    from yiqiao import db

    p = await person("壬")
    payer = await person("癸")
    nosy = await person("子")
    row = await admitted(p)
    tokens = await patient_tokens(patient_api, payer["phone"])
    h = bearer(tokens)
    r = await patient_api.post(
        "/inpatient/proxy/lookup",
        json={"admission_no": row["admission_no"], "patient_name": p["name"]},
        headers=h,
    )
    assert r.status_code == 200, r.text
    assert r.json() == {
        "admission_no": row["admission_no"],
        "patient_name_masked": "住*壬",
        "institution_name": "青溪县人民医院",
        "department": "普通外科",
        "ward": "普通外科病区",
    }
    for body in (
        {"admission_no": row["admission_no"], "patient_name": "住院某"},
        {"admission_no": "ZY2099999999", "patient_name": p["name"]},
    ):
        r = await patient_api.post("/inpatient/proxy/lookup", json=body, headers=h)
        assert r.status_code == 404 and r.json()["code"] == "admission_not_matched", r.text
    r = await patient_api.post(
        "/inpatient/proxy/lookup", json={"admission_no": "x", "patient_name": ""}, headers=h
    )
    assert r.status_code == 400
    r = await patient_api.post(
        "/inpatient/proxy/deposits",
        json={"admission_no": row["admission_no"], "patient_name": p["name"], "amount_fen": 80_000},
        headers={**h, "Idempotency-Key": key("proxy")},
    )
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["patient_name_masked"] == "住*壬" and made["status"] == "created"
    assert "balance_fen" not in made and "charges_fen" not in made
    # The payer pays it; the patient's stay has the money at once.
    r = await patient_api.post(
        f"/inpatient/deposits/{made['id']}/pay",
        json={"provider": "alipay"},
        headers={**h, "Idempotency-Key": key("p")},
    )
    assert r.status_code == 201, r.text
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    assert await payments.apply_trade(
        SYSTEM, "alipay", trade(r.json()["out_trade_no"], "succeeded", 80_000)
    ) == ("applied")
    assert (await view(p["actor"], row["id"])).deposits_fen == 80_000
    # The patient's list shows who paid, masked; the payer's list shows what they paid for.
    from yiqiao.billing.service import deposits

    [record] = await deposits.deposits_of(p["actor"], row["id"])
    assert (
        record.payer_kind == "proxy"
        and record.payer_masked == payer["phone"][:3] + "****" + payer["phone"][-4:]
    )
    r = await patient_api.get("/inpatient/proxy/deposits", headers=h)
    assert [(x["id"], x["status"]) for x in r.json()] == [(made["id"], "paid")]
    r = await patient_api.get(f"/inpatient/proxy/deposits/{made['id']}", headers=h)
    assert r.status_code == 200 and r.json()["paid_at"] is not None
    # The payer still cannot open the stay, its list or its orders.
    assert (await patient_api.get(f"/inpatient/admissions/{row['id']}", headers=h)).status_code == 404
    assert (await patient_api.get(f"/orders/{made['order_id']}", headers=h)).status_code == 404
    # Nobody else can pay or read the payer's top-up.
    nosy_h = bearer(await patient_tokens(patient_api, nosy["phone"]))
    r = await patient_api.post(
        f"/inpatient/deposits/{made['id']}/pay",
        json={"provider": "wechat"},
        headers={**nosy_h, "Idempotency-Key": key()},
    )
    assert r.status_code == 404
    assert (
        await patient_api.get(f"/inpatient/proxy/deposits/{made['id']}", headers=nosy_h)
    ).status_code == 404
    await deliver()
    [told] = [n for n in await notices(p["account"]) if n["title"] == "住院预交金到账"]
    assert "代缴" in told["body"] and "800.00" in told["body"]
    his = await db.fetch(
        "SELECT amount_fen FROM local_his_deposit WHERE admission_no = {}", row["admission_no"]
    )
    assert [x["amount_fen"] for x in his] == [80_000]


async def test_proxy_lookups_are_rate_limited(core, patient_api):
    p = await person("丑")
    payer = await person("寅")
    row = await admitted(p)
    h = bearer(await patient_tokens(patient_api, payer["phone"]))
    codes = []
    for _ in range(22):
        r = await patient_api.post(
            "/inpatient/proxy/lookup",
            json={"admission_no": row["admission_no"], "patient_name": "猜名字"},
            headers=h,
        )
        codes.append(r.status_code)
    assert codes[:20] == [404] * 20 and codes[20:] == [429, 429]


# --- the low-balance reminder ------------------------------------------------------------------


async def test_low_balance_reminder_once_a_day_from_the_reminder_time_and_not_when_topped_up(core, providers):
    from yiqiao.billing.service import inpatient
    from yiqiao.kit import clock

    p = await person("卯")
    rich = await person("辰")
    low = await admitted(p, days_ago=1)
    well = await admitted(rich)
    await paid_deposit(rich["actor"], well["id"], 500_000)
    day = today()

    def at(d: dt.date, hh: int, mm: int = 0) -> dt.datetime:
        return dt.datetime.combine(d, dt.time(hh, mm), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)

    await inpatient.remind_low_balances(at(day, 8, 59))
    assert [n for n in await notices(p["account"]) if n["title"] == "住院预交金不足"] == []
    await inpatient.remind_low_balances(at(day, 9, 0))
    await inpatient.remind_low_balances(at(day, 15, 0))
    sent = [n for n in await notices(p["account"]) if n["title"] == "住院预交金不足"]
    assert len(sent) == 1 and sent[0]["category"] == "payment"
    assert (
        json.loads(sent[0]["data"])["action"] == "deposit_top_up" and low["admission_no"] in sent[0]["body"]
    )
    await inpatient.remind_low_balances(at(day + dt.timedelta(days=1), 9, 30))
    assert len([n for n in await notices(p["account"]) if n["title"] == "住院预交金不足"]) == 2
    assert [n for n in await notices(rich["account"]) if n["title"] == "住院预交金不足"] == []


# --- discharge ------------------------------------------------------------------------------------


async def test_pre_settlement_waits_for_the_ward_and_only_the_hospital_runs_it(core, providers):
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import local_inpatient
    from yiqiao.kit.errors import Conflict, Forbidden

    p = await person("巳")
    row = await admitted(p)
    await local_inpatient.order_discharge(row["admission_no"])
    await inpatient.sync_admissions()
    v = await view(p["actor"], row["id"])
    assert v.status == "discharge_ordered" and v.presettlement is None and v.takes_deposits
    with pytest.raises(Conflict) as exc:
        await inpatient.settle(p["actor"], row["id"], key("s"))
    assert exc.value.code == "not_presettled"
    with pytest.raises(Forbidden):
        await inpatient.pre_settle(p["actor"], row["id"])
    from yiqiao.kit.actor import SYSTEM

    with pytest.raises(Conflict) as exc:
        await inpatient.pre_settle(SYSTEM, row["id"])
    assert exc.value.code == "orders_not_verified"
    await paid_deposit(p["actor"], row["id"], 10_000)  # still taken while waiting for the ward
    await local_inpatient.verify_discharge_orders(row["admission_no"])
    await inpatient.sync_admissions()
    v = await view(p["actor"], row["id"])
    charges = expected_charges(row["admission_no"], "general", today(), today())
    assert v.status == "pre_settled" and v.presettlement is not None
    assert v.presettlement.charges_fen == charges == v.presettlement.self_pay_fen
    assert v.presettlement.insurance_fen == 0 and v.presettlement.due_fen == charges - 10_000
    assert v.balance_fen == 10_000 - charges and v.low_balance is False, "what is due, not a reminder"
    [n] = [n for n in await notices(p["account"]) if n["title"] == "出院预结算"]
    assert json.loads(n["data"])["action"] == "discharge_settle"
    assert await audit_actions(row["id"]) == [
        "inpatient_admission.admit",
        "inpatient_admission.order_discharge",
        "inpatient_admission.pre_settle",
    ]


async def test_settling_refunds_the_remainder_most_recent_deposit_first_then_closes_the_stay(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import inpatient, payments
    from yiqiao.integrations.his import get_his_provider
    from yiqiao.kit.actor import SYSTEM

    p = await person("午")
    other = await person("未")
    row = await admitted(p)
    older = await paid_deposit(p["actor"], row["id"], 200_000)
    newer = await paid_deposit(p["actor"], row["id"], 100_000)
    await discharge_verified(row)
    charges = expected_charges(row["admission_no"], "general", today(), today())
    assert charges < 100_000, "the newest deposit alone covers the remainder's first part"
    from yiqiao.kit.errors import NotFound

    with pytest.raises(NotFound):
        await inpatient.settle(other["actor"], row["id"], key("s"))
    s = await inpatient.settle(p["actor"], row["id"], key("s"))
    remainder = 300_000 - charges
    assert s.admission.status == "settling" and s.discharge_order is None
    assert [(r.initiated_by, r.status, r.amount_fen) for r in s.refunds] == [
        ("discharge", "processing", 100_000),
        ("discharge", "processing", remainder - 100_000),
    ]
    assert [r.order_id for r in s.refunds] == [newer.order_id, older.order_id]
    # Settling again while the refunds run asks for nothing more.
    again = await inpatient.settle(p["actor"], row["id"], key("s"))
    assert len(again.refunds) == 2 and again.admission.presettlement.refund_fen == remainder
    sent = providers["wechat"].refunds
    assert sorted(x.amount_fen for x in sent) == sorted([100_000, remainder - 100_000])
    for req in sent:
        assert (
            await payments.apply_refund_status(
                SYSTEM, "wechat", refund_status(req.out_refund_no, "succeeded", req.amount_fen)
            )
            == "applied"
        )
    await deliver()
    v = await view(p["actor"], row["id"])
    assert v.status == "settled" and v.deposits_fen == charges and v.settled_at is not None
    assert v.balance_fen == 0 and v.presettlement.due_fen == 0
    his = get_his_provider()
    assert (await his.get_admission(row["admission_no"])).status == "discharged"
    ledger = await db.fetch(
        "SELECT amount_fen FROM local_his_deposit WHERE admission_no = {}", row["admission_no"]
    )
    assert sum(x["amount_fen"] for x in ledger) == charges
    assert [n["title"] for n in await notices(p["account"])].count("出院结算完成") == 1
    assert await audit_actions(row["id"]) == [
        "inpatient_admission.admit",
        "inpatient_admission.order_discharge",
        "inpatient_admission.pre_settle",
        "inpatient_admission.await_refunds",
        "inpatient_admission.settle",
    ]
    # A deposit made now is not taken.
    from yiqiao.kit.errors import Conflict

    with pytest.raises(Conflict) as exc:
        await top_up(p["actor"], row["id"], 10_000)
    assert exc.value.code == "admission_not_taking_deposits"


async def test_two_settlements_racing_refund_the_remainder_once(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import inpatient

    p = await person("申")
    row = await admitted(p)
    for amount in (60_000, 70_000, 80_000):
        await paid_deposit(p["actor"], row["id"], amount)
    await discharge_verified(row)
    charges = expected_charges(row["admission_no"], "general", today(), today())
    results = await asyncio.gather(
        *(inpatient.settle(p["actor"], row["id"], key("race")) for _ in range(4)), return_exceptions=True
    )
    assert any(not isinstance(x, BaseException) for x in results), results
    refunds = await db.fetch(
        "SELECT r.amount_fen FROM billing_refund r JOIN inpatient_deposit d ON d.order_id = r.order_id"
        " WHERE d.admission_id = {}",
        row["id"],
    )
    assert sum(r["amount_fen"] for r in refunds) == 210_000 - charges


async def test_a_shortfall_opens_one_discharge_order_and_paying_it_settles_the_stay(
    core, providers, patient_api
):
    from yiqiao import db
    from yiqiao.billing.service import payments
    from yiqiao.integrations.his import get_his_provider
    from yiqiao.kit.actor import SYSTEM

    p = await person("酉")
    row = await admitted(p)
    await paid_deposit(p["actor"], row["id"], 10_000)
    late = await top_up(p["actor"], row["id"], 5_000)  # its payment starts before the settlement
    from yiqiao.billing.service import deposits
    from yiqiao.billing.types import PayCommand

    late_start = await deposits.pay_deposit(p["actor"], late.id, PayCommand(provider="wechat"), key("late"))
    await discharge_verified(row)
    charges = expected_charges(row["admission_no"], "general", today(), today())
    tokens = await patient_tokens(patient_api, p["phone"])
    r = await patient_api.post(
        f"/inpatient/admissions/{row['id']}/settlement",
        headers={**bearer(tokens), "Idempotency-Key": key("s")},
    )
    assert r.status_code == 200, r.text
    s = r.json()
    order = s["discharge_order"]
    assert s["admission"]["status"] == "settling" and s["refunds"] == []
    assert order["kind"] == "discharge" and order["total_fen"] == charges - 10_000
    assert (order["subject_type"], order["subject_id"]) == ("admission", str(row["id"]))
    # Another settle (another key) points at the same order.
    r = await patient_api.post(
        f"/inpatient/admissions/{row['id']}/settlement",
        headers={**bearer(tokens), "Idempotency-Key": key("s")},
    )
    assert r.json()["discharge_order"]["id"] == order["id"]
    # The late top-up's payment comes through now: the stay no longer takes it, it goes back.
    assert await payments.apply_trade(
        SYSTEM, "wechat", trade(late_start.out_trade_no, "succeeded", 5_000)
    ) == ("late_refunded")
    late_order = await db.fetch("SELECT * FROM billing_order WHERE id = {}", late.order_id)
    assert late_order[0]["refund_held_fen"] == 5_000 or late_order[0]["refunded_fen"] == 5_000
    assert (await view(p["actor"], row["id"])).deposits_fen == 10_000
    # And no new payment of a top-up starts now.
    from yiqiao.kit.errors import Conflict

    another = await db.fetch("SELECT id FROM inpatient_deposit WHERE order_id = {}", late.order_id)
    with pytest.raises(Conflict) as exc:
        await deposits.pay_deposit(p["actor"], another[0]["id"], PayCommand(provider="alipay"), key("late2"))
    assert exc.value.code == "admission_not_taking_deposits"
    # Pay the difference through the order's own pay route.
    r = await patient_api.post(
        f"/orders/{order['id']}/pay",
        json={"provider": "unionpay"},
        headers={**bearer(tokens), "Idempotency-Key": key()},
    )
    assert r.status_code == 201, r.text
    assert (
        await payments.apply_trade(
            SYSTEM, "unionpay", trade(r.json()["out_trade_no"], "succeeded", charges - 10_000)
        )
        == "applied"
    )
    v = await view(p["actor"], row["id"])
    assert v.status == "settled" and v.presettlement.due_fen == 0
    await deliver()
    assert (await get_his_provider().get_admission(row["admission_no"])).status == "discharged"
    assert await audit_actions(row["id"]) == [
        "inpatient_admission.admit",
        "inpatient_admission.order_discharge",
        "inpatient_admission.pre_settle",
        "inpatient_admission.await_payment",
        "inpatient_admission.settle",
    ]


async def test_a_discharge_order_that_closes_unpaid_reopens_the_settlement(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import inpatient
    from yiqiao.billing.service.sweeps import close_expired_orders

    p = await person("戌")
    row = await admitted(p)
    await discharge_verified(row)
    first = await inpatient.settle(p["actor"], row["id"], key("s"))
    assert first.discharge_order is not None
    await db.execute(
        "UPDATE billing_order SET expires_at = now() - interval '1 second' WHERE id = {}",
        first.discharge_order.id,
    )
    await close_expired_orders()
    v = await view(p["actor"], row["id"])
    assert v.status == "pre_settled" and v.discharge_order_id is None
    second = await inpatient.settle(p["actor"], row["id"], key("s"))
    assert second.discharge_order is not None and second.discharge_order.id != first.discharge_order.id
    assert (await audit_actions(row["id"]))[-3:] == [
        "inpatient_admission.await_payment",
        "inpatient_admission.reopen",
        "inpatient_admission.await_payment",
    ]


async def test_deposits_that_cover_the_share_exactly_settle_at_once(core, providers):
    from yiqiao.billing.service import inpatient

    p = await person("亥")
    row = await admitted(p)
    charges = expected_charges(row["admission_no"], "general", today(), today())
    await paid_deposit(p["actor"], row["id"], charges)
    await discharge_verified(row)
    s = await inpatient.settle(p["actor"], row["id"], key("s"))
    assert s.admission.status == "settled" and s.discharge_order is None and s.refunds == []


async def test_a_stay_settled_at_the_hospital_window_is_settled_here_too(core, providers):
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import get_his_provider

    p = await person("甲二")
    row = await admitted(p)
    await discharge_verified(row)
    charges = expected_charges(row["admission_no"], "general", today(), today())
    await get_his_provider().settle_discharge(
        row["admission_no"], ref="WINDOW-1", charges_fen=charges, insurance_fen=0, self_pay_fen=charges
    )
    await inpatient.sync_admissions()
    v = await view(p["actor"], row["id"])
    assert v.status == "settled" and v.takes_deposits is False
    assert (await audit_actions(row["id"]))[-1] == "inpatient_admission.settle_offline"


async def test_a_transition_from_the_wrong_state_is_refused_and_changes_nothing(core):
    from yiqiao import db
    from yiqiao.billing import admission_lifecycle
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict, NotFound

    p = await person("乙二")
    row = await admitted(p)
    for name in ("pre_settle", "await_payment", "await_refunds", "reopen", "settle"):
        with pytest.raises(Conflict) as exc:
            await admission_lifecycle.apply(SYSTEM, row["id"], name)
        assert exc.value.code == "admission_wrong_state"
    with pytest.raises(NotFound):
        await admission_lifecycle.apply(SYSTEM, uuid.uuid4(), "settle")
    with pytest.raises(ValueError):
        await admission_lifecycle.apply(SYSTEM, row["id"], "order_discharge", values={"refund_fen": 1})
    now = await db.fetch("SELECT status FROM inpatient_admission WHERE id = {}", row["id"])
    assert now[0]["status"] == "in_stay" and await audit_actions(row["id"]) == ["inpatient_admission.admit"]
    assert set(admission_lifecycle.TRANSITIONS) == {
        "order_discharge", "pre_settle", "await_payment", "await_refunds", "reopen", "settle", "settle_offline",
    }  # fmt: skip


async def test_an_insured_stay_is_split_by_the_insurance_centre_and_settled_there_too(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import get_his_provider
    from yiqiao.integrations.insurance import get_insurance_provider
    from yiqiao.integrations.insurance.local import enrol

    p = await person("丙二")
    await enrol(id_number=p["id_number"], name=p["name"], insured_type="resident")
    row = await admitted(p, days_ago=2, insurance="resident")
    charges = expected_charges(row["admission_no"], "general", today() - dt.timedelta(days=2), today())
    await paid_deposit(p["actor"], row["id"], 10_000)
    await discharge_verified(row)
    v = await view(p["actor"], row["id"])
    pre = v.presettlement
    assert v.status == "pre_settled" and pre is not None and pre.charges_fen == charges
    assert 0 < pre.insurance_fen < charges and pre.self_pay_fen == charges - pre.insurance_fen
    assert "统筹基金" in pre.insurance_note
    stored = (await db.fetch("SELECT * FROM inpatient_admission WHERE id = {}", row["id"]))[0]
    centre = await get_insurance_provider().query(stored["insurance_pay_order_id"])
    assert centre.state == "pre_settled" and centre.fund_fen + centre.account_fen == pre.insurance_fen
    # The patient's share is more than the deposit: the difference is paid, then the centre settles.
    s = await inpatient.settle(p["actor"], row["id"], key("s"))
    assert s.discharge_order is not None and s.discharge_order.total_fen == pre.self_pay_fen - 10_000
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.actor import SYSTEM

    start = await payments.start_payment(
        p["actor"], s.discharge_order.id, PayCommand(provider="wechat"), key()
    )
    await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", start.amount_fen))
    await deliver()
    assert (await get_insurance_provider().query(stored["insurance_pay_order_id"])).state == "settled"
    assert (await get_his_provider().get_admission(row["admission_no"])).status == "discharged"
    assert "inpatient_admission.insurance_settle" in await audit_actions(row["id"])


async def test_a_patient_the_centre_does_not_insure_pays_everything(core, providers):
    from yiqiao.billing.service import inpatient

    p = await person("丁二")
    row = await admitted(p, insurance="employee")  # the HIS thinks so; the centre knows nobody
    await discharge_verified(row)
    v = await inpatient.get_admission(p["actor"], row["id"])
    assert v.presettlement is not None and v.presettlement.insurance_fen == 0
    assert v.presettlement.insurance_note == "not covered: insured_not_found"


async def test_a_citizen_tops_up_at_the_kiosk_by_qr_and_another_citizen_cannot(core, providers, kiosk_api):
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    from tests.integration.flows import kiosk_tokens

    p = await person("戊二")
    other = await person("己二")
    row = await admitted(p)
    k = bearer(await kiosk_tokens(kiosk_api))

    async def session(who: dict[str, Any]) -> dict[str, str]:
        r = await kiosk_api.post(
            "/citizen/session/id-card", json={"id_number": who["id_number"], "name": who["name"]}, headers=k
        )
        assert r.status_code == 201, r.text
        return {**k, "X-Citizen-Session": r.json()["session_token"]}

    h = await session(p)
    r = await kiosk_api.get("/inpatient/admissions", headers=h)
    assert r.status_code == 200 and [a["admission_no"] for a in r.json()] == [row["admission_no"]]
    r = await kiosk_api.post(
        f"/inpatient/admissions/{row['id']}/deposits",
        json={"amount_fen": 100_000, "provider": "wechat"},
        headers={**h, "Idempotency-Key": key("kiosk")},
    )
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["deposit"]["payer_kind"] == "kiosk" and made["code_url"] and made["amount_fen"] == 100_000
    assert providers["wechat"].created[-1].channel == "qr"
    await payments.apply_trade(SYSTEM, "wechat", trade(made["out_trade_no"], "succeeded", 100_000))
    r = await kiosk_api.get(f"/payment/orders/{made['deposit']['order_id']}", headers=h)
    assert r.status_code == 200 and r.json()["status"] == "paid"
    assert (await view(p["actor"], row["id"])).deposits_fen == 100_000
    h2 = await session(other)
    r = await kiosk_api.get("/inpatient/admissions", headers=h2)
    assert r.status_code == 200 and r.json() == []
    r = await kiosk_api.post(
        f"/inpatient/admissions/{row['id']}/deposits",
        json={"amount_fen": 100_000},
        headers={**h2, "Idempotency-Key": key("kiosk")},
    )
    assert r.status_code == 404
    r = await kiosk_api.post(
        f"/inpatient/admissions/{row['id']}/deposits",
        json={"amount_fen": -5},
        headers={**h, "Idempotency-Key": key("kiosk")},
    )
    assert r.status_code == 400


async def test_a_bed_transfer_at_the_his_shows_in_the_app_and_is_audited(core):
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import local_inpatient

    p = await person("庚二")
    row = await admitted(p)
    await local_inpatient.transfer(
        row["admission_no"], ward="心血管内科病区", bed="302-2", department="心血管内科"
    )
    report = await inpatient.sync_admissions()
    assert report.changed >= 1
    v = await view(p["actor"], row["id"])
    assert (v.department, v.ward, v.bed) == ("心血管内科", "心血管内科病区", "302-2")
    assert await audit_actions(row["id"]) == ["inpatient_admission.admit", "inpatient_admission.transfer"]


async def test_the_demo_stays_are_there_for_the_demo_families(core, patient_api):
    from tests.integration.flows import ZHANG_SAN_PHONE

    r = await patient_api.get(
        "/inpatient/admissions", headers=bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    )
    [father] = [a for a in r.json() if a["admission_no"] == "ZY2026900101"]
    assert father["patient_name_masked"] == "张*福" and father["bed"] == "301-1" and father["days"] == 4
    assert father["status"] == "in_stay" and father["charges_fen"] > 0
    r = await patient_api.get(
        "/inpatient/admissions", headers=bearer(await patient_tokens(patient_api, "13800138003"))
    )
    [wife] = [a for a in r.json() if a["admission_no"] == "ZY2026900102"]
    assert wife["status"] == "pre_settled" and wife["presettlement"]["charges_fen"] == wife["charges_fen"]
    assert 0 < wife["presettlement"]["insurance_fen"] < wife["charges_fen"], "刘桂兰 is insured (resident)"


async def test_two_pre_settlements_racing_keep_one_and_the_centre_holds_only_that_one(core):
    from yiqiao import db
    from yiqiao.billing.service import inpatient
    from yiqiao.integrations.his import local_inpatient
    from yiqiao.integrations.insurance.local import enrol
    from yiqiao.kit.actor import SYSTEM

    p = await person("辛二")
    await enrol(id_number=p["id_number"], name=p["name"], insured_type="employee")
    row = await admitted(p, days_ago=1, insurance="employee")
    await local_inpatient.order_discharge(row["admission_no"])
    await inpatient.sync_admissions()
    await local_inpatient.verify_discharge_orders(row["admission_no"])
    results = await asyncio.gather(
        *(inpatient.pre_settle(SYSTEM, row["id"]) for _ in range(3)), return_exceptions=True
    )
    assert any(not isinstance(r, BaseException) for r in results), results
    for r in results:
        assert not isinstance(r, BaseException) or getattr(r, "code", "") == "presettled_meanwhile", r
    stored = (await db.fetch("SELECT * FROM inpatient_admission WHERE id = {}", row["id"]))[0]
    live = await db.fetch(
        "SELECT pay_order_id FROM local_insurance_settlement WHERE med_org_order_no LIKE {} AND state = 'pre_settled'",
        row["admission_no"] + "-%",
    )
    assert [x["pay_order_id"] for x in live] == [stored["insurance_pay_order_id"]]
    assert stored["status"] == "pre_settled" and stored["insurance_fen"] > 0


async def test_end_to_end_a_proxy_top_up_through_the_wechat_sandbox_and_the_remainder_back_through_it(
    patient_api,
):
    """No stand-ins but the payers' thumbs: someone else pays the deposit in the sandbox wallet, its
    signed callback reaches the notify endpoint and the money counts for the stay; at discharge the
    remainder goes back through the sandbox (its refund callback too) and the stay is settled."""
    wallet = pytest.importorskip("yiqiao.integrations.payment.local.wallet")
    delivery = pytest.importorskip("yiqiao.integrations.payment.local.delivery")
    from yiqiao.billing.service import inpatient

    p = await person("壬二")
    payer = await person("癸二")
    row = await admitted(p)
    h = bearer(await patient_tokens(patient_api, payer["phone"]))
    r = await patient_api.post(
        "/inpatient/proxy/deposits",
        json={"admission_no": row["admission_no"], "patient_name": p["name"], "amount_fen": 100_000},
        headers={**h, "Idempotency-Key": key("e2e")},
    )
    assert r.status_code == 201, r.text
    deposit = r.json()
    r = await patient_api.post(
        f"/inpatient/deposits/{deposit['id']}/pay",
        json={"provider": "wechat", "channel": "mini_program"},
        headers={**h, "Idempotency-Key": key("e2e")},
    )
    assert r.status_code == 201, r.text
    await wallet.pay(r.json()["payload"]["prepay_id"])
    await delivery.deliver_due(client=patient_api)
    assert (await view(p["actor"], row["id"])).deposits_fen == 100_000
    await deliver()
    await discharge_verified(row)
    charges = expected_charges(row["admission_no"], "general", today(), today())
    s = await inpatient.settle(p["actor"], row["id"], key("e2e"))
    assert [(x.amount_fen, x.status) for x in s.refunds] == [(100_000 - charges, s.refunds[0].status)]
    await delivery.deliver_due(client=patient_api, until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    await deliver()
    v = await view(p["actor"], row["id"])
    assert v.status == "settled" and v.deposits_fen == charges
    r = await patient_api.get("/inpatient/proxy/deposits", headers=h)
    [mine] = r.json()
    assert mine["status"] == "partially_refunded" and mine["refunded_fen"] == 100_000 - charges
