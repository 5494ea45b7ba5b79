"""Payment providers by name. Written by billing core as a minimal registry until the payment
lane replaces it: each provider's local sandbox lives in ``integrations.payment.local.<name>``
and is imported on first use."""

from __future__ import annotations

import importlib
from functools import cache

from yiqiao.integrations.payment.base import PaymentProvider


@cache
def get_payment_provider(name: str) -> PaymentProvider:
    if name not in ("wechat", "alipay", "unionpay", "ecny", "credit"):
        raise LookupError(f"Unknown payment provider {name!r}")
    module = importlib.import_module(f"yiqiao.integrations.payment.local.{name}")
    provider: PaymentProvider = module.provider()
    return provider
