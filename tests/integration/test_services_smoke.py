"""The session's PostgreSQL, Redis and Mosquitto answer, and the broker demands a password."""

from __future__ import annotations

import asyncio
import uuid

import aiomqtt
import asyncpg
import pytest
import redis.asyncio as aioredis

from tests.support import TestServices


async def test_postgres_answers_as_the_app_role(services: TestServices) -> None:
    conn = await asyncpg.connect(services.database_url, timeout=10)
    try:
        assert await conn.fetchval("SELECT 1") == 1
        assert await conn.fetchval("SELECT current_user") == "yiqiao"
        assert await conn.fetchval("SELECT current_database()") == "yiqiao"
    finally:
        await conn.close()


async def test_redis_answers(services: TestServices) -> None:
    client = aioredis.Redis.from_url(services.redis_url)
    try:
        assert await client.ping() is True
    finally:
        await client.aclose()


def _client(
    services: TestServices, username: str | None = None, password: str | None = None
) -> aiomqtt.Client:
    return aiomqtt.Client(
        services.mqtt_host,
        services.mqtt_port,
        username=username,
        password=password,
        identifier=f"smoke-{uuid.uuid4().hex[:8]}",
        timeout=10,
    )


async def _gateway_round_trip(services: TestServices) -> None:
    topic = f"devices/smoke-{uuid.uuid4().hex[:8]}/ping"
    async with _client(services, username=services.gateway_username, password=services.gateway_password) as c:
        await c.subscribe(topic, qos=1)
        await c.publish(topic, b"ping", qos=1)
        async with asyncio.timeout(5):
            async for message in c.messages:
                assert message.payload == b"ping"
                break


async def test_mqtt_gateway_credentials_are_accepted(services: TestServices) -> None:
    await _gateway_round_trip(services)


async def test_mqtt_anonymous_connect_is_refused(services: TestServices) -> None:
    with pytest.raises(aiomqtt.MqttError):
        async with _client(services):
            pass


async def test_mosquitto_restart_keeps_port_and_passwords(services: TestServices) -> None:
    if services.mosquitto is None:
        pytest.skip("external broker (YQ_MQTT_URL)")
    port = services.mqtt_port
    services.restart_mosquitto()
    assert services.mosquitto.port == port
    await _gateway_round_trip(services)
