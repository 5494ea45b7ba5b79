"""Sign-in and sessions: OTP limits, refresh rotation with reuse detection, logout, audiences,
staff lockout, WeChat mini-program sign-in."""

from __future__ import annotations

from tests.integration.flows import bearer, kiosk_tokens, patient_tokens, sms_code, staff_tokens

PHONE = "13700137001"


async def test_otp_cannot_be_brute_forced(patient_api):
    assert (await patient_api.post("/auth/otp", json={"phone": PHONE})).status_code == 202
    right = await sms_code(patient_api, PHONE)
    wrong = [f"{(int(right) + i) % 1_000_000:06d}" for i in range(1, 6)]
    codes = []
    for guess in wrong:
        r = await patient_api.post("/auth/login/sms", json={"phone": PHONE, "code": guess})
        assert r.status_code == 422
        codes.append(r.json()["code"])
    assert codes[:4] == ["otp_wrong"] * 4 and codes[4] == "otp_too_many_attempts"
    # After five wrong guesses even the right code no longer works.
    r = await patient_api.post("/auth/login/sms", json={"phone": PHONE, "code": right})
    assert r.status_code == 422 and r.json()["code"] == "otp_expired"


async def test_otp_is_single_use_and_rate_limited(patient_api):
    tokens = await patient_tokens(patient_api, PHONE)
    assert tokens["access_token"]
    code = await sms_code(patient_api, PHONE)
    r = await patient_api.post("/auth/login/sms", json={"phone": PHONE, "code": code})
    assert r.status_code == 422 and r.json()["code"] == "otp_expired"
    # A second code within the resend interval is refused with a Retry-After.
    await patient_api.post("/auth/otp", json={"phone": "13700137002"})
    r = await patient_api.post("/auth/otp", json={"phone": "13700137002"})
    assert r.status_code == 429 and r.json()["code"] == "otp_resend_too_soon"
    assert int(r.headers["retry-after"]) > 0


async def test_otp_per_phone_hourly_limit(patient_api):
    from yiqiao.kit.redis import redis

    phone = "13700137003"
    statuses = []
    for _ in range(6):
        await redis().delete(*[k async for k in redis().scan_iter(match="yq:otp:resend:*")] or ["-"])
        statuses.append((await patient_api.post("/auth/otp", json={"phone": phone})).status_code)
    assert statuses == [202] * 5 + [429]


async def test_refresh_rotates_and_reuse_ends_the_session(patient_api):
    first = await patient_tokens(patient_api, "13700137004")
    r = await patient_api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert (await patient_api.get("/profiles", headers=bearer(second))).status_code == 200
    # The old refresh token is replayed (say, stolen): the whole family is revoked.
    r = await patient_api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 401 and r.json()["code"] == "refresh_token_reused"
    r = await patient_api.get("/profiles", headers=bearer(second))
    assert r.status_code == 401 and r.json()["code"] == "session_revoked"
    r = await patient_api.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert r.status_code == 401


async def test_logout_revokes_access_and_refresh(patient_api):
    t = await patient_tokens(patient_api, "13700137005")
    assert (await patient_api.post("/auth/logout", headers=bearer(t))).status_code == 204
    assert (await patient_api.get("/home", headers=bearer(t))).status_code == 401
    assert (
        await patient_api.post("/auth/refresh", json={"refresh_token": t["refresh_token"]})
    ).status_code == 401


async def test_each_bff_refuses_other_audiences(patient_api, clinician_api, kiosk_api):
    patient = bearer(await patient_tokens(patient_api, "13700137006"))
    staff = bearer(await staff_tokens(clinician_api, "nurse.he"))
    kiosk = bearer(await kiosk_tokens(kiosk_api))
    r = await clinician_api.get("/me", headers=patient)
    assert r.status_code == 401 and r.json()["code"] == "token_wrong_audience"
    r = await kiosk_api.get("/citizen/cards", headers={**patient, "X-Citizen-Session": "x" * 20})
    assert r.status_code == 401
    assert (await patient_api.get("/home", headers=kiosk)).status_code == 401
    assert (
        await kiosk_api.get("/citizen/cards", headers={**staff, "X-Citizen-Session": "x" * 20})
    ).status_code == 401
    assert (await clinician_api.get("/me", headers=staff)).status_code == 200


async def test_staff_lockout_after_repeated_failures(clinician_api):
    for _ in range(5):
        r = await clinician_api.post("/auth/login", json={"username": "nurse.gao", "password": "wrong"})
        assert r.status_code == 401 and r.json()["code"] == "bad_credentials"
    r = await clinician_api.post("/auth/login", json={"username": "nurse.gao", "password": "Yiqiao@2026"})
    assert r.status_code == 423 and r.json()["code"] == "account_locked"
    assert r.json()["retry_after_s"] > 0
    # An unknown username gives the same answer as a wrong password.
    r = await clinician_api.post("/auth/login", json={"username": "nobody", "password": "x"})
    assert r.status_code == 401 and r.json()["code"] == "bad_credentials"


async def test_wechat_mini_program_sign_in_links_a_phone_once(patient_api):
    async def wx_code() -> str:
        return (await patient_api.post("/dev/wechat/code", json={"openid": "o-test-001"})).json()["code"]

    r = await patient_api.post("/auth/login/wechat", json={"code": await wx_code()})
    assert r.status_code == 200 and r.json() == {"tokens": None, "needs_phone": True}
    await patient_api.post("/auth/otp", json={"phone": "13700137007"})
    sms = await sms_code(patient_api, "13700137007")
    r = await patient_api.post(
        "/auth/login/wechat", json={"code": await wx_code(), "phone": "13700137007", "sms_code": sms}
    )
    assert r.status_code == 200 and r.json()["tokens"]["access_token"]
    r = await patient_api.post("/auth/login/wechat", json={"code": await wx_code()})
    assert r.json()["tokens"]["access_token"] and not r.json()["needs_phone"]
    code = await wx_code()
    await patient_api.post("/auth/login/wechat", json={"code": code})
    r = await patient_api.post("/auth/login/wechat", json={"code": code})
    assert r.status_code == 401 and r.json()["code"] == "wechat_code_invalid"


async def test_otp_per_ip_hourly_limit(patient_api):
    """One network asking codes for many phones (an SMS-bombing script) is cut off."""
    statuses = [
        (await patient_api.post("/auth/otp", json={"phone": f"1370014{i:04d}"})).status_code
        for i in range(31)
    ]
    assert statuses[:30] == [202] * 30
    r = await patient_api.post("/auth/otp", json={"phone": "13700149999"})
    assert r.status_code == 429 and r.json()["code"] == "otp_ip_limit"


def test_dev_only_endpoints_do_not_exist_in_production(services):
    import os

    import httpx

    from tests.support import run_bff

    env = {**os.environ, "YQ_ENV": "production", "YQ_MQTT_GATEWAY_PASSWORD": "a-production-password"}
    with run_bff("patient", env=env) as bff:
        assert httpx.get(f"{bff.url}/dev/sms/latest", params={"phone": "13800138001"}).status_code == 404
        assert httpx.post(f"{bff.url}/dev/wechat/code", json={"openid": "x"}).status_code == 404
        assert httpx.post(f"{bff.url}/auth/otp", json={"phone": "13800138001"}).status_code in (202, 429)


async def test_a_revocation_reaches_this_process_through_the_subscription(core):
    """Another process revokes (the Redis key, then the news): this process knows it from its own
    set within a second, with no Redis round trip; while the subscription is down it says so."""
    import asyncio
    import time
    import uuid

    from redis.asyncio import Redis
    from yiqiao.auth import revocations
    from yiqiao.settings import get_settings

    revocations.start()
    deadline = time.monotonic() + 5
    while revocations.known_revoked("warm-up") is None:
        assert time.monotonic() < deadline, "the subscription never went live"
        await asyncio.sleep(0.01)
    family = uuid.uuid4().hex
    assert revocations.known_revoked(family) is False
    other = Redis.from_url(get_settings().redis_url)  # stands in for another BFF process
    try:
        await other.set(revocations.PREFIX + family, 1, ex=60)
        await other.publish(revocations.CHANNEL, family)
        start = time.monotonic()
        while revocations.known_revoked(family) is not True:
            assert time.monotonic() - start < 1.0, "the revocation did not arrive within a second"
            await asyncio.sleep(0.005)
    finally:
        await other.aclose()
    await revocations.stop()
    assert revocations.known_revoked(family) is None  # not listening (yet): "ask Redis"


async def test_a_reconnected_subscription_reloads_what_it_missed(core):
    import asyncio
    import time
    import uuid

    from yiqiao.auth import revocations
    from yiqiao.kit.redis import redis

    await revocations.stop()
    family = uuid.uuid4().hex
    await redis().set(revocations.PREFIX + family, 1, ex=30 * 24 * 3600)  # revoked while nobody listened
    deadline = time.monotonic() + 5
    while (known := revocations.known_revoked(family)) is None:
        assert time.monotonic() < deadline, "the subscription never went live"
        await asyncio.sleep(0.01)
    assert known is True


def test_logout_in_one_bff_process_refuses_the_token_in_another_within_a_second(services):
    """Two real patient BFF processes: sign in and log out on A; B refuses the token within a
    second (each process keeps revoked sessions in memory from the Redis subscription)."""
    import re
    import time

    import httpx

    from tests.support import run_bff

    with run_bff("patient") as a, run_bff("patient") as b:
        phone = "13700137091"
        assert httpx.post(f"{a.url}/auth/otp", json={"phone": phone}).status_code == 202
        text = httpx.get(f"{a.url}/dev/sms/latest", params={"phone": phone}).json()["text"]
        code = re.search(r"(\d{6})", text).group(1)  # type: ignore[union-attr]
        t = httpx.post(f"{a.url}/auth/login/sms", json={"phone": phone, "code": code}).json()
        auth = {"Authorization": f"Bearer {t['access_token']}"}
        assert httpx.get(f"{b.url}/home", headers=auth).status_code == 200
        time.sleep(0.5)  # B's subscription is live by now (it starts with the app)
        assert httpx.post(f"{a.url}/auth/logout", headers=auth).status_code == 204
        start = time.monotonic()
        while (r := httpx.get(f"{b.url}/home", headers=auth)).status_code != 401:
            assert r.status_code == 200
            assert time.monotonic() - start < 1.0, "B still accepts the token a second after logout"
            time.sleep(0.02)
        assert r.json()["code"] == "session_revoked"
