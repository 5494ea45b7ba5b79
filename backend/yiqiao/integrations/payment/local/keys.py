"""The sandboxes' keys: generated once per database, kept in ``local_pay_key``, shared by every
process (the BFF that verifies callbacks, the worker that signs them, a benchmark, a test).

Each provider gets a signing key of its own (RSA-2048; SM2 for e-CNY), a merchant key of ours,
merchant ids, and the secret both parties hold (WeChat's APIv3 key, the e-CNY data key). The row
is SM4-GCM encrypted under the deployment's PII key (``kit.keys``), so a database dump alone does
not give them away. Our side reading the provider's *public* key from here plays the part of
downloading the platform certificate (WeChat ``/v3/certificates``) or configuring Alipay's
public key.

``verify_notification`` is synchronous (the Protocol's choice: it is pure computation once keys are
loaded). The async paths load keys through the pool; if a process's very first payment call is a
callback to verify, ``material_blocking`` reads them once on its own short connection."""

from __future__ import annotations

import asyncio
import secrets
import string
import threading
from concurrent.futures import ThreadPoolExecutor

import asyncpg
import msgspec

from yiqiao import db
from yiqiao.integrations.payment.base import ProviderName
from yiqiao.integrations.payment.wire import KeyMaterial, digits, new_rsa_pem, rsa_public_pem
from yiqiao.kit import sm2
from yiqiao.kit.keys import load_keys
from yiqiao.kit.sm4 import sm4_gcm_decrypt, sm4_gcm_encrypt
from yiqiao.settings import get_settings

_AAD = b"yiqiao-payment-sandbox-keys"
_cache: dict[str, KeyMaterial] = {}
_lock = threading.Lock()


def generate(provider: ProviderName) -> KeyMaterial:
    """Fresh keys and ids for one provider, shaped like the real ones (CPU: ~0.1 s per RSA key)."""
    if provider == "ecny":
        operator, ours = sm2.generate_keypair(), sm2.generate_keypair()
        return KeyMaterial(
            provider=provider,
            merchant_id="DC" + digits(13),
            platform_key_id=secrets.token_hex(8).upper(),
            platform_private=operator.private_key,
            platform_public=operator.public_key,
            merchant_key_id=secrets.token_hex(8).upper(),
            merchant_private=ours.private_key,
            merchant_public=ours.public_key,
            secret=secrets.token_hex(16),
        )
    platform, merchant = new_rsa_pem(), new_rsa_pem()
    ids: dict[str, str]
    if provider == "wechat":
        api_v3 = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        ids = {
            "merchant_id": "16" + digits(8),
            "app_id": "wx" + secrets.token_hex(8),
            "platform_key_id": secrets.token_hex(20).upper(),
            "merchant_key_id": secrets.token_hex(20).upper(),
            "secret": api_v3,
        }
    elif provider == "alipay":
        ids = {"merchant_id": "2088" + digits(12), "app_id": "2021" + digits(12)}
    elif provider == "unionpay":
        ids = {
            "merchant_id": "898" + digits(12),
            "platform_key_id": "69" + digits(9),
            "merchant_key_id": digits(11),
        }
    else:
        ids = {"merchant_id": "CP" + digits(10), "platform_key_id": "cred-" + secrets.token_hex(4)}
    return KeyMaterial(
        provider=provider,
        platform_private=platform,
        platform_public=rsa_public_pem(platform),
        merchant_private=merchant,
        merchant_public=rsa_public_pem(merchant),
        **ids,
    )


def _seal(material: KeyMaterial) -> bytes:
    return sm4_gcm_encrypt(load_keys(get_settings()).pii_key, msgspec.json.encode(material), _AAD)


def _open(blob: bytes) -> KeyMaterial:
    plain = sm4_gcm_decrypt(load_keys(get_settings()).pii_key, bytes(blob), _AAD)
    return msgspec.json.decode(plain, type=KeyMaterial)


def _remember(material: KeyMaterial) -> KeyMaterial:
    with _lock:
        return _cache.setdefault(material.provider, material)


async def material(provider: ProviderName) -> KeyMaterial:
    """The provider's keys, generated and stored on first use (the first process to store wins)."""
    found = _cache.get(provider)
    if found is not None:
        return found
    rows = await db.fetch("SELECT material_enc FROM local_pay_key WHERE provider = {}", provider)
    if not rows:
        fresh = await asyncio.to_thread(generate, provider)
        await db.execute(
            "INSERT INTO local_pay_key (provider, material_enc) VALUES ({}, {})"
            " ON CONFLICT (provider) DO NOTHING",
            provider,
            _seal(fresh),
        )
        rows = await db.fetch("SELECT material_enc FROM local_pay_key WHERE provider = {}", provider)
    return _remember(_open(rows[0]["material_enc"]))


async def _load_on_own_connection(provider: ProviderName) -> KeyMaterial:
    conn = await asyncpg.connect(get_settings().database_url)
    try:
        blob = await conn.fetchval("SELECT material_enc FROM local_pay_key WHERE provider = $1", provider)
        if blob is None:
            await conn.execute(
                "INSERT INTO local_pay_key (provider, material_enc) VALUES ($1, $2)"
                " ON CONFLICT (provider) DO NOTHING",
                provider,
                _seal(generate(provider)),
            )
            blob = await conn.fetchval("SELECT material_enc FROM local_pay_key WHERE provider = $1", provider)
    finally:
        await conn.close()
    return _open(blob)


def material_blocking(provider: ProviderName) -> KeyMaterial:
    """For synchronous callers (``verify_notification``): cached, else read once on a short
    connection of its own in a helper thread (the pool belongs to the running event loop)."""
    found = _cache.get(provider)
    if found is not None:
        return found
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pay-keys") as pool:
        loaded = pool.submit(asyncio.run, _load_on_own_connection(provider)).result(timeout=30)
    return _remember(loaded)


def forget() -> None:
    """Drop the cached keys (tests that replace the stored keys)."""
    with _lock:
        _cache.clear()
