"""Gateway tuning and where the broker is (from yiqiao settings: YQ_MQTT_URL and the gateway's
broker credentials)."""

from __future__ import annotations

from urllib.parse import urlsplit

import msgspec
from yiqiao.settings import Settings, get_settings


class GatewayConfig(msgspec.Struct, frozen=True, kw_only=True):
    host: str
    port: int
    tls: bool
    username: str
    password: str
    client_id: str = "yq-gateway"
    # One persistent session: the broker keeps queued and unacknowledged messages for a day.
    session_expiry_s: int = 86_400
    # MQTT 5 Receive Maximum: how many unacknowledged QoS 1 messages the broker may send us.
    # Mosquitto 2.0 overshoots it, so memory is bounded by the next two, not by this.
    receive_max: int = 2_000
    # Classified messages waiting for the database; past it the reader waits.
    queue_max: int = 2_000
    # Raw messages waiting for the reader; past it the socket is not read (TCP backpressure).
    inbox_max: int = 1_000
    batch_rows: int = 500
    batch_ms: float = 50.0
    stats_interval_s: float = 10.0
    registry_refresh_s: float = 15.0
    unknown_retry_s: float = 5.0
    backoff_max_s: float = 30.0


def broker_address(url: str) -> tuple[str, int, bool]:
    """``mqtt://host:port`` or ``mqtts://host:port`` → (host, port, tls)."""
    parts = urlsplit(url)
    if parts.scheme not in ("mqtt", "mqtts", "tcp", "ssl"):
        raise SystemExit(f"YQ_MQTT_URL must be mqtt://host:port or mqtts://host:port, not {url!r}")
    tls = parts.scheme in ("mqtts", "ssl")
    return parts.hostname or "127.0.0.1", parts.port or (8883 if tls else 1883), tls


def from_settings(s: Settings | None = None) -> GatewayConfig:
    s = s or get_settings()
    host, port, tls = broker_address(s.mqtt_url)
    return GatewayConfig(
        host=host, port=port, tls=tls, username=s.mqtt_gateway_username, password=s.mqtt_gateway_password
    )
