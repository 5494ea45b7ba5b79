from __future__ import annotations

from functools import lru_cache

from yiqiao.integrations.sms.base import SmsProvider
from yiqiao.settings import get_settings


@lru_cache(maxsize=1)
def get_sms_provider() -> SmsProvider:
    name = get_settings().sms_provider
    if name == "local":
        from yiqiao.integrations.sms.local import LocalSmsProvider

        return LocalSmsProvider()
    raise SystemExit(f"Unknown SMS provider {name!r} (YQ_SMS_PROVIDER)")
