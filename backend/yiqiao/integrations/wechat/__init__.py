from __future__ import annotations

from functools import lru_cache

from yiqiao.integrations.wechat.base import WeChatProvider
from yiqiao.settings import get_settings


@lru_cache(maxsize=1)
def get_wechat_provider() -> WeChatProvider:
    name = get_settings().wechat_provider
    if name == "local":
        from yiqiao.integrations.wechat.local import LocalWeChatProvider

        return LocalWeChatProvider()
    raise SystemExit(f"Unknown WeChat provider {name!r} (YQ_WECHAT_PROVIDER)")
