"""One settings Struct, read from ``YQ_*`` environment variables.

Defaults make the embedded mode (``make dev``) work untouched: the launcher starts PostgreSQL,
Redis and Mosquitto on these ports when they are free, or on free ones it passes in through the
same variables. Every field is documented in the README's configuration table.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Annotated, Literal

import msgspec

Env = Literal["dev", "test", "production"]
DEV_GATEWAY_PASSWORD = "dev-gateway-password"  # noqa: S105 (refused in production, see from_env)


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    env: Env = "dev"
    database_url: str = "postgresql://yiqiao@127.0.0.1:55432/yiqiao"
    db_pool_min: int = 2
    db_pool_max: int = 20
    # Independent audit hash chains (appends to different chains do not wait for each other).
    audit_chains: Annotated[int, msgspec.Meta(ge=1, le=1024)] = 16
    redis_url: str = "redis://127.0.0.1:56379/0"
    mqtt_url: str = "mqtt://127.0.0.1:51883"
    # Credentials the gateway and the simulator use on the broker (the broker's own password file).
    mqtt_gateway_username: str = "yq-gateway"
    mqtt_gateway_password: str = DEV_GATEWAY_PASSWORD
    keys_file: str = ".dev/keys.json"
    # Key material from the environment; each one given overrides the keys file (see kit/keys.py).
    pii_key: str = ""
    blind_index_key: str = ""
    jwt_keys: str = ""
    jwt_active_kid: str = ""
    qr_key: str = ""
    sm2_private_key: str = ""
    data_dir: str = ".dev"
    # Public URL of each BFF, printed by `make dev` and used by the SDK tests.
    patient_port: int = 8001
    clinician_port: int = 8002
    kiosk_port: int = 8003
    bind_host: str = "127.0.0.1"
    max_body_bytes: int = 1_048_576
    access_token_ttl_s: int = 900
    refresh_token_ttl_s: int = 30 * 24 * 3600
    otp_ttl_s: int = 300
    otp_max_attempts: int = 5
    otp_per_phone_per_hour: int = 5
    otp_per_ip_per_hour: int = 30
    otp_resend_interval_s: int = 60
    staff_max_failed_logins: int = 5
    staff_lockout_s: int = 900
    citizen_session_idle_s: int = 120
    health_qr_ttl_s: int = 300
    outbox_max_attempts: int = 8
    # How long a worker holds a claimed message before another may take it over.
    outbox_claim_s: int = 60
    # Alarms: how often the gateway reloads alarm rules; how long an alarm may stay unacknowledged
    # before it goes to the next nurse (then the head nurse); how often the worker sweeps.
    alarm_rules_refresh_s: float = 15.0
    alarm_escalate_after_s: int = 120
    alarm_sweep_s: int = 5
    # Outpatient bills (缴费提醒) and daily reconciliation (对账): see the README's configuration table.
    bill_reminder_delay_minutes: int = 30
    bill_reminder_days: int = 3
    bill_reminder_from: str = "09:00"
    bill_reminder_until: str = "21:00"
    reconcile_time: str = "10:30"
    # Scheduling (排班 and booking): see the README's configuration table.
    booking_max_band_minutes: int = 30
    booking_release_days_ahead: int = 7
    booking_release_time: str = "08:00"
    booking_reserve_release_hours: int = 24
    booking_hold_s: int = 900
    booking_cancel_cutoff_minutes: int = 120
    booking_noshow_limit: int = 3
    booking_noshow_window_days: int = 90
    booking_noshow_ban_days: int = 30
    booking_flag_cancels: int = 5
    booking_flag_window_days: int = 7
    booking_alternatives: int = 3
    booking_revisit_days: int = 14
    booking_release_alert_hours: int = 24
    # Billing (orders, payments, refunds): see the README's configuration table.
    billing_order_timeout_s: int = 900
    billing_notify_base_url: str = "http://127.0.0.1:8001"
    billing_replay_window_s: int = 300
    billing_query_after_s: int = 60
    # Payment providers (integrations/payment) and the local sandboxes: see the README's table.
    payment_provider: str = "local"
    payment_methods: str = "wechat,alipay,unionpay,ecny,credit"
    payment_credit_limit_fen: Annotated[int, msgspec.Meta(ge=0)] = 200_000
    payment_refund_settle_s: Annotated[int, msgspec.Meta(ge=0)] = 0
    payment_callback_retry_scale: Annotated[float, msgspec.Meta(ge=0)] = 1.0
    payment_callback_faults: str = ""
    payment_callback_fault_seed: int = 0
    payment_callback_late_s: Annotated[int, msgspec.Meta(ge=0)] = 1200
    payment_callback_reorder_s: Annotated[int, msgspec.Meta(ge=0)] = 20
    # Inpatient money: a stay's deposit balance below this (fen) gets one reminder a day, from this
    # Asia/Shanghai time on (住院补缴提醒).
    inpatient_low_balance_fen: Annotated[int, msgspec.Meta(ge=0)] = 100_000
    inpatient_low_balance_time: Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "09:00"
    # Clinic day (签到, 候诊, 叫号, visit reminders): see the README's configuration table.
    checkin_open_minutes: int = 60
    queue_priority_age: int = 65
    queue_rejoin_after: int = 3
    queue_consult_minutes: int = 8
    visit_reminder_time: str = "18:00"
    visit_reminder_morning_time: str = "07:00"
    # Medical-tech and treatment booking (医技预约): see the README's configuration table.
    medtech_contrast_gap_days: int = 2
    medtech_fasting_before: str = "12:00"
    medtech_suggest_days: int = 14
    medtech_open_days: int = 14
    medtech_order_valid_days: int = 30
    # A device command not answered within this many seconds is marked expired.
    device_command_ttl_s: int = 30
    # E-invoices (医疗收费电子票据): the platform behind the Protocol, the public verification page
    # the bill's QR points at, and the region part (4 digits) of the bill codes the platform issues.
    einvoice_provider: str = "local"
    einvoice_verify_url: str = "http://127.0.0.1:8001/invoices/verify"
    einvoice_region_code: Annotated[str, msgspec.Meta(pattern=r"^\d{4}$")] = "5002"
    sms_provider: str = "local"
    wechat_provider: str = "local"
    push_provider: str = "local"
    # The 医保 centre behind integrations/insurance (local = the embedded sandbox, local_insurance_*).
    insurance_provider: str = "local"
    log_level: str = "INFO"

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        source = os.environ if environ is None else environ
        raw = {k[3:].lower(): v for k, v in source.items() if k.startswith("YQ_")}
        known = {f for f in cls.__struct_fields__}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise SystemExit(f"Unknown settings: {', '.join('YQ_' + u.upper() for u in unknown)}")
        try:
            settings = msgspec.convert(raw, cls, strict=False)
        except msgspec.ValidationError as exc:
            raise SystemExit(f"Invalid setting: {exc}") from None
        if settings.is_production and settings.mqtt_gateway_password == DEV_GATEWAY_PASSWORD:
            raise SystemExit(
                "YQ_MQTT_GATEWAY_PASSWORD must be set in production (the dev default is public)."
            )
        return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env()
