"""E-invoices (医疗收费电子票据): the platform Protocol (``base``), the local platform (``local``),
the printed form (``render``) and amounts in capital numerals (``numerals``)."""

from __future__ import annotations

from functools import lru_cache

from yiqiao.integrations.einvoice.base import EInvoiceProvider
from yiqiao.settings import get_settings


@lru_cache(maxsize=1)
def get_einvoice_provider() -> EInvoiceProvider:
    name = get_settings().einvoice_provider
    if name == "local":
        from yiqiao.integrations.einvoice.local import LocalEInvoiceProvider

        return LocalEInvoiceProvider()
    raise SystemExit(f"Unknown e-invoice provider {name!r} (YQ_EINVOICE_PROVIDER)")
