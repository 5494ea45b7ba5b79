"""Family profiles and visit cards (002 §2.1.1.1.1): add, bind after identity checks, e-cards."""

from __future__ import annotations

import datetime as dt

from tests.integration.flows import bearer, demo_id_number, patient_tokens

NEW_PHONE = "13900139011"


async def test_add_family_member_validates_the_id_number(patient_api):
    h = bearer(await patient_tokens(patient_api, NEW_PHONE))
    bad = demo_id_number("110101", "1990-03-07", "123")[:-1] + "0"
    r = await patient_api.post(
        "/profiles", headers=h, json={"name": "赵六", "id_number": bad, "relationship": "self"}
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_id_number"
    future = demo_id_number("110101", (dt.date.today() + dt.timedelta(days=40)).isoformat(), "123")
    r = await patient_api.post(
        "/profiles", headers=h, json={"name": "赵六", "id_number": future, "relationship": "self"}
    )
    assert r.status_code == 422
    r = await patient_api.post(
        "/profiles", headers=h, json={"name": "赵六", "id_number": "abc", "relationship": "self"}
    )
    assert r.status_code in (400, 422)
    assert (await patient_api.get("/profiles", headers=h)).json() == []


async def test_self_and_family_then_electronic_card(patient_api):
    h = bearer(await patient_tokens(patient_api, "13900139012"))
    me_id = demo_id_number("110101", "1990-03-07", "135")
    r = await patient_api.post(
        "/profiles",
        headers=h,
        json={"name": "赵六", "id_number": me_id, "relationship": "self", "phone": "13900139012"},
    )
    assert r.status_code == 201, r.text
    me = r.json()
    assert me["name_masked"] == "赵*" and me["sex"] == "male" and me["birth_date"] == "1990-03-07"
    r = await patient_api.post(
        "/profiles", headers=h, json={"name": "赵七", "id_number": me_id, "relationship": "self"}
    )
    assert r.status_code == 409 and r.json()["code"] == "self_profile_exists"
    kid = demo_id_number("110101", "2018-05-01", "246")
    r = await patient_api.post(
        "/profiles", headers=h, json={"name": "赵小七", "id_number": kid, "relationship": "child"}
    )
    assert r.status_code == 201 and r.json()["sex"] == "female"

    r = await patient_api.post(f"/profiles/{me['id']}/cards/electronic", headers=h, json={})
    assert r.status_code == 201, r.text
    card = r.json()
    assert card["kind"] == "electronic" and "*" in card["card_no_masked"]
    r = await patient_api.post(f"/profiles/{me['id']}/cards/electronic", headers=h, json={})
    assert r.status_code == 409 and r.json()["code"] == "ecard_exists"
    qr = (await patient_api.get(f"/profiles/{me['id']}/cards/{card['id']}/qr", headers=h)).json()
    from yiqiao.kit.qr import read_health_qr

    assert str(read_health_qr(qr["payload"]).patient_id) == me["id"]


async def test_binding_a_card_checks_the_holder(patient_api):
    """张三 adds nothing new; a fresh account adds 张德福 (who has an unbound HIS card) and binds it."""
    h = bearer(await patient_tokens(patient_api, "13900139013"))
    dad_id = demo_id_number("500235", "1941-11-02", "031")
    r = await patient_api.post(
        "/profiles", headers=h, json={"name": "张德富", "id_number": dad_id, "relationship": "parent"}
    )
    assert r.status_code == 422 and r.json()["code"] == "identity_mismatch"
    r = await patient_api.post(
        "/profiles", headers=h, json={"name": "张德福", "id_number": dad_id, "relationship": "parent"}
    )
    assert r.status_code == 201, r.text
    dad = r.json()
    # A card of someone else and a card that does not exist get the same answer.
    for card_no in ("1002" + demo_id_number("500235", "1968-03-07", "123")[-8:], "999999999999"):
        r = await patient_api.post(f"/profiles/{dad['id']}/cards", headers=h, json={"card_no": card_no})
        assert r.status_code == 422 and r.json()["code"] == "card_not_matched"
    r = await patient_api.post(f"/profiles/{dad['id']}/cards", headers=h, json={"card_no": "100200300999"})
    assert r.status_code == 201, r.text
    r = await patient_api.post(f"/profiles/{dad['id']}/cards", headers=h, json={"card_no": "100200300999"})
    assert r.status_code == 409 and r.json()["code"] == "card_already_bound"


async def test_existing_hospital_record_is_reported_instead_of_duplicated(patient_api):
    from yiqiao.integrations.his.local import add_card

    h = bearer(await patient_tokens(patient_api, "13900139014"))
    pid = demo_id_number("110101", "1980-01-01", "357")
    await add_card(
        card_no="100200355501", kind="physical", name="孙八", id_number=pid, institution_code="QX-RMYY"
    )
    me = (
        await patient_api.post(
            "/profiles", headers=h, json={"name": "孙八", "id_number": pid, "relationship": "self"}
        )
    ).json()
    r = await patient_api.post(f"/profiles/{me['id']}/cards/electronic", headers=h, json={})
    assert r.status_code == 409
    assert r.json()["code"] == "his_record_exists" and r.json()["card_no_masked"] == "1002****5501"
