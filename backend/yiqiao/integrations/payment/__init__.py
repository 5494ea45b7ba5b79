"""Payment providers: WeChat Pay, Alipay, UnionPay (云闪付), digital RMB (e-CNY) and credit care
(信用就医), each behind ``base.PaymentProvider``. ``get_payment_provider(name)`` gives the live one;
billing never knows which implementation that is.

``YQ_PAYMENT_PROVIDER=local`` (the default) is the sandboxes in ``local/``; ``YQ_PAYMENT_METHODS``
lists the providers the hospitals offer. Each provider's wire format (signatures, encryption,
acknowledgements, statement files) is in its own module (``wechat``, ``alipay``, ...), so a real
vendor integration reuses the verification and parsing unchanged."""

from __future__ import annotations

from functools import lru_cache
from typing import get_args

from yiqiao.integrations.payment.base import PaymentProvider, ProviderName
from yiqiao.kit.errors import DomainError
from yiqiao.settings import get_settings

PROVIDER_NAMES: tuple[ProviderName, ...] = get_args(ProviderName)


class UnknownPaymentProvider(DomainError):
    status = 400
    default_code = "unknown_payment_provider"
    title = "Unknown payment provider"


@lru_cache(maxsize=4)
def _offered(methods: str) -> tuple[ProviderName, ...]:
    names = tuple(n.strip() for n in methods.split(",") if n.strip())
    unknown = [n for n in names if n not in PROVIDER_NAMES]
    if unknown:
        known = ", ".join(PROVIDER_NAMES)
        raise SystemExit(f"YQ_PAYMENT_METHODS names unknown providers {', '.join(unknown)}; known: {known}")
    return tuple(n for n in PROVIDER_NAMES if n in names)


def all_provider_names() -> list[ProviderName]:
    """The providers the hospitals offer, in a fixed order."""
    return list(_offered(get_settings().payment_methods))


def get_payment_provider(name: str) -> PaymentProvider:
    """The live provider behind ``name``; a name not offered raises ``UnknownPaymentProvider``
    (400 ``unknown_payment_provider``)."""
    offered = _offered(get_settings().payment_methods)
    if name not in offered:
        raise UnknownPaymentProvider(
            f"Unknown payment provider {name!r}; use one of {', '.join(offered)}.", provider=name
        )
    return _provider(name)


@lru_cache(maxsize=len(PROVIDER_NAMES))
def _provider(name: ProviderName) -> PaymentProvider:
    implementation = get_settings().payment_provider
    if implementation == "local":
        from yiqiao.integrations.payment.local.provider import local_provider

        return local_provider(name)
    raise SystemExit(f"Unknown payment provider implementation {implementation!r} (YQ_PAYMENT_PROVIDER)")


__all__ = ["PROVIDER_NAMES", "UnknownPaymentProvider", "all_provider_names", "get_payment_provider"]
