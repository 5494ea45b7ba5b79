from __future__ import annotations

from functools import lru_cache

from yiqiao.integrations.his.base import HisProvider


@lru_cache(maxsize=1)
def get_his_provider() -> HisProvider:
    # Only the embedded HIS exists so far; a vendor HIS plugs in here behind the same Protocol.
    from yiqiao.integrations.his.local import LocalHisProvider

    return LocalHisProvider()
