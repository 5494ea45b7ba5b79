from __future__ import annotations

from functools import lru_cache

from yiqiao.integrations.insurance.base import InsuranceProvider
from yiqiao.settings import get_settings


@lru_cache(maxsize=1)
def get_insurance_provider() -> InsuranceProvider:
    name = get_settings().insurance_provider
    if name == "local":
        from yiqiao.integrations.insurance.local import LocalInsuranceProvider

        return LocalInsuranceProvider()
    raise SystemExit(f"Unknown insurance provider {name!r} (YQ_INSURANCE_PROVIDER)")
