"""Personal data is not readable in the database: only SM4 ciphertext and blind indexes."""

from __future__ import annotations

from tests.integration.flows import ZHANG_SAN_ID, demo_id_number, superuser_url


async def test_pii_is_not_readable_in_the_database(core, services):
    import asyncpg

    id_number = demo_id_number(*ZHANG_SAN_ID)
    conn = await asyncpg.connect(superuser_url(services))
    try:
        dump = []
        for table in (
            "patient",
            "account",
            "local_his_card",
            "local_sms_message",
            "visit_card",
            "audit_entry",
            "outbox_message",
            "staff",
        ):
            rows = await conn.fetch(f"SELECT * FROM {table}")
            dump.append(" ".join(repr(dict(r)) for r in rows))
            raw = b"".join(v for r in rows for v in r.values() if isinstance(v, bytes))
            assert id_number.encode() not in raw and "张三".encode() not in raw
        text = "\n".join(dump)
    finally:
        await conn.close()
    assert id_number not in text
    assert "13800138001" not in text
    assert "张三" not in text


async def test_blind_index_finds_a_patient_without_decrypting_all(core):
    from yiqiao.identity.service import patients

    found = await patients.patient_id_by_id_number(demo_id_number(*ZHANG_SAN_ID).lower())
    assert found is not None
    assert await patients.patient_name_matches(found, "张三")
