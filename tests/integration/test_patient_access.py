"""A patient sees only the profiles and cards they manage; ids of others behave as missing."""

from __future__ import annotations

from tests.integration.flows import LI_MEI_PHONE, ZHANG_SAN_PHONE, bearer, patient_tokens


async def test_two_patients_cannot_see_each_others_profiles_or_cards(patient_api):
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))

    zhang_profiles = (await patient_api.get("/profiles", headers=zhang)).json()
    li_profiles = (await patient_api.get("/profiles", headers=li)).json()
    assert {p["relationship"] for p in zhang_profiles} == {"self", "parent", "child"}
    assert not {p["id"] for p in zhang_profiles} & {p["id"] for p in li_profiles}

    victim = zhang_profiles[0]
    card = victim["cards"][0]
    for path in (f"/profiles/{victim['id']}", f"/profiles/{victim['id']}/cards/{card['id']}/qr"):
        r = await patient_api.get(path, headers=li)
        assert r.status_code == 404, r.text
        assert r.json()["code"] == "profile_not_found"
        assert "张" not in r.text
    r = await patient_api.post(
        f"/profiles/{victim['id']}/cards", headers=li, json={"card_no": "100200300999"}
    )
    assert r.status_code == 404
    r = await patient_api.delete(f"/profiles/{victim['id']}", headers=li)
    assert r.status_code == 404
    # Zhang still manages the profile Li tried to remove.
    assert (await patient_api.get(f"/profiles/{victim['id']}", headers=zhang)).status_code == 200


async def test_home_screen_in_one_call_is_masked(patient_api):
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    r = await patient_api.get("/home", headers=zhang)
    assert r.status_code == 200
    home = r.json()
    assert home["phone_masked"] == "138****8001"
    me = next(p for p in home["profiles"] if p["relationship"] == "self")
    assert me["name_masked"] == "张*"
    assert me["id_number_masked"].startswith("500") and "*" * 11 in me["id_number_masked"]
    assert len(home["cards"]) == 3 and all(c["qr"]["payload"].startswith("YQHC1.") for c in home["cards"])
    assert "13800138001" not in r.text and "19680307" not in r.text
    assert isinstance(home["unread_notices"], int)


async def test_home_needs_a_patient_token(patient_api, clinician_api):
    r = await patient_api.get("/home")
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    staff = (
        await clinician_api.post("/auth/login", json={"username": "dr.li", "password": "Yiqiao@2026"})
    ).json()
    r = await patient_api.get("/home", headers=bearer(staff))
    assert r.status_code == 401 and r.json()["code"] == "token_wrong_audience"
