"""The production entry point under granian: ``granian --interface asgi --factory bff_common.serve:app``
with ``YIQIAO_BFF=patient|clinician|kiosk``.

granian has no ``--proxy-headers`` switch (uvicorn's), so the client address (rate limits, the audit
log) is taken from ``X-Forwarded-For``/``X-Forwarded-Proto`` here, and only when the connection
comes from an address in ``FORWARDED_ALLOW_IPS`` (comma-separated; default 127.0.0.1), as before.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

BFFS = ("patient", "clinician", "kiosk")


def app() -> Any:
    name = os.environ.get("YIQIAO_BFF", "")
    if name not in BFFS:
        raise SystemExit(f"set YIQIAO_BFF to one of {', '.join(BFFS)} (got {name!r})")
    from granian.utils.proxies import wrap_asgi_with_proxy_headers

    inner = importlib.import_module(f"bff_{name}.app").create_app()
    trusted = [h.strip() for h in os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1").split(",") if h.strip()]
    return wrap_asgi_with_proxy_headers(inner, trusted_hosts=trusted)
