"""Bad input gets a clear problem+json 4xx with a stable code: never a 500, never a trace."""

from __future__ import annotations

import pytest

from tests.integration.flows import bearer, kiosk_tokens, patient_tokens


def _problem(r, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == code and body["status"] == status and body["detail"]
    assert "Traceback" not in r.text and 'File "' not in r.text


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b'{"phone": "1380013', "malformed_json"),
        (b"not json at all", "malformed_json"),
        (b'{"phone": 13800138001}', "validation_failed"),
        (b'{"phone": "13800138001", "admin": true}', "unknown_field"),
        (b'{"phone": "12345"}', "validation_failed"),
        (b"{}", "validation_failed"),
        (b"[]", "validation_failed"),
    ],
)
async def test_bad_bodies_are_4xx(patient_api, body, code):
    r = await patient_api.post("/auth/otp", content=body, headers={"content-type": "application/json"})
    _problem(r, 400, code)


async def test_oversized_body_is_413(patient_api):
    r = await patient_api.post(
        "/auth/otp",
        content=b'{"phone":"' + b"1" * 2_000_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    _problem(r, 413, "body_too_large")


async def test_invalid_id_number_and_wrong_types_in_authenticated_calls(patient_api, kiosk_api):
    h = bearer(await patient_tokens(patient_api, "13400134001"))
    r = await patient_api.post(
        "/profiles",
        headers=h,
        json={"name": "某人", "id_number": "110101199003071235", "relationship": "self"},
    )
    _problem(r, 422, "invalid_id_number")
    r = await patient_api.post(
        "/profiles",
        headers=h,
        json={"name": "某人", "id_number": "110101199003071234", "relationship": "boss"},
    )
    _problem(r, 400, "validation_failed")
    r = await patient_api.get("/profiles/not-a-uuid", headers=h)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    k = bearer(await kiosk_tokens(kiosk_api))
    r = await kiosk_api.post(
        "/citizen/session/id-card", headers=k, json={"id_number": "123456789012345678", "name": "x"}
    )
    _problem(r, 422, "invalid_id_number")


async def test_bad_tokens_are_401(patient_api):
    for header in ("Bearer garbage", "Basic abc", "Bearer "):
        r = await patient_api.get("/home", headers={"Authorization": header})
        assert r.status_code == 401 and r.json()["code"] in {"token_invalid", "token_missing"}


async def test_format_errors_say_what_to_type(patient_api):
    r = await patient_api.post("/auth/otp", json={"phone": "12345"})
    _problem(r, 400, "validation_failed")
    assert "11-digit mainland mobile number" in r.json()["detail"] and "regex" not in r.text
