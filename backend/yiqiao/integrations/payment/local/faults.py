"""The sandboxes' fault plan: how real payment services misbehave, on purpose.

- ``duplicate``:    the callback is delivered twice (same notification id, as when our first
                    acknowledgement got lost);
- ``late``:         it is held back ``payment_callback_late_s`` (past an order's timeout);
- ``out_of_order``: it is held back ``payment_callback_reorder_s``, so later callbacks overtake it
                    (a refund's result before the payment's, an old attempt's failure after a new
                    attempt's success);
- ``failure``:      the payment or refund itself fails (bank declined, refund abnormal) and the
                    callback says so.

Two sources, in this order: a Redis override that tests and demos arm one callback at a time
(``fault_next("late", provider="wechat")``, like ``integrations.sms.local.fail_next``), then the
settings plan ``payment_callback_faults`` (``duplicate=0.1,late=0.05``), where whether a given
callback is hit is a hash of ``payment_callback_fault_seed`` and its notification id (the same
answer in every process, and on every replay of a seeded run)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Literal, get_args

from yiqiao.kit.redis import redis
from yiqiao.settings import get_settings

Fault = Literal["duplicate", "late", "out_of_order", "failure"]
FAULTS: tuple[str, ...] = get_args(Fault)
DELIVERY_FAULTS: tuple[Fault, ...] = ("duplicate", "late", "out_of_order")
OVERRIDE_KEY = "yq:local:pay:faults"

# Takes at most one armed count per requested kind, provider-specific first, then any-provider.
_TAKE = """
local taken = {}
for i = 2, #ARGV do
  for _, field in ipairs({ARGV[1] .. ':' .. ARGV[i], '*:' .. ARGV[i]}) do
    local n = tonumber(redis.call('HGET', KEYS[1], field) or '0')
    if n > 0 then
      redis.call('HINCRBY', KEYS[1], field, -1)
      table.insert(taken, ARGV[i])
      break
    end
  end
end
return taken
"""


@lru_cache(maxsize=4)
def parse_plan(text: str) -> dict[str, float]:
    """``"duplicate=0.1, late=0.05"`` -> {"duplicate": 0.1, "late": 0.05}; refuses anything else."""
    plan: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, sep, rate = part.partition("=")
        kind = kind.strip()
        if not sep or kind not in FAULTS:
            raise ValueError(
                f"YQ_PAYMENT_CALLBACK_FAULTS: {part!r}; use kind=share with kinds {', '.join(FAULTS)}"
            )
        try:
            share = float(rate)
        except ValueError:
            raise ValueError(f"YQ_PAYMENT_CALLBACK_FAULTS: {part!r} needs a share between 0 and 1") from None
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"YQ_PAYMENT_CALLBACK_FAULTS: {part!r} needs a share between 0 and 1")
        plan[kind] = share
    return plan


def planned(kind: Fault, key: str) -> bool:
    """Whether the settings plan hits ``key`` (a notification id, a refund number) with ``kind``."""
    s = get_settings()
    share = parse_plan(s.payment_callback_faults).get(kind, 0.0)
    if share <= 0.0:
        return False
    digest = hashlib.sha256(f"{s.payment_callback_fault_seed}:{kind}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


async def take(provider: str, kinds: tuple[Fault, ...], key: str) -> set[Fault]:
    """The faults that hit this callback (or payment, or refund): armed overrides, then the plan."""
    raw = await redis().eval(_TAKE, 1, OVERRIDE_KEY, provider, *kinds)  # type: ignore[misc]
    armed = {item.decode() if isinstance(item, bytes) else str(item) for item in raw or []}
    return {kind for kind in kinds if kind in armed or planned(kind, key)}


async def fault_next(kind: Fault, n: int = 1, *, provider: str | None = None) -> None:
    """Arm ``kind`` for the next ``n`` callbacks (payments/refunds for ``failure``) of ``provider``
    (any provider when None)."""
    if kind not in FAULTS:
        raise ValueError(f"unknown fault {kind!r}")
    await redis().hincrby(OVERRIDE_KEY, f"{provider or '*'}:{kind}", n)  # type: ignore[misc]


async def clear() -> None:
    """Disarm every override."""
    await redis().delete(OVERRIDE_KEY)
