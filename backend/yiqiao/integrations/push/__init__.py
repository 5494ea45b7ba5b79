from __future__ import annotations

from functools import lru_cache

from yiqiao.integrations.push.base import PushProvider
from yiqiao.settings import get_settings


@lru_cache(maxsize=1)
def get_push_provider() -> PushProvider:
    name = get_settings().push_provider
    if name == "local":
        from yiqiao.integrations.push.local import LocalPushProvider

        return LocalPushProvider()
    raise SystemExit(f"Unknown push provider {name!r} (YQ_PUSH_PROVIDER)")
