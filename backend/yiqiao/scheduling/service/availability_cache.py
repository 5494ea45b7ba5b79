"""What is left per pool of a sold-out session, in Redis, so the 08:00 storm's refusals skip PostgreSQL.

The database stays the source of truth: a slot is only ever taken by the conditional UPDATE in
``slots.take_and_insert``. This cache may only ever *refuse* a booking, and only where the database
would refuse it too, so it must never show fewer slots than the database. It holds, per schedule,
one Redis hash ``yq:avail:<schedule>``: each pool's remaining count and ``~ends`` (when the session
ends, epoch ms). An entry is created only from a database read that answered "sold out", so the
schedule was released and not stopped; it is lowered (never raised) by later observations.

Why it is never below the database:

* Within one *generation* the database count only goes down (takes), so every observation is an
  upper bound of the count now, and the entry keeps the lowest one (``observe``).
* Anything that raises a count or changes the schedule (``slots.give_back`` for cancel, hold
  expiry and waitlist give-back; stopping a session) calls ``invalidate``: the entry is deleted,
  the generation changes, and for ``STALE_MS`` no observation is written. ``invalidate`` runs
  inside the changing transaction, before its commit; an observation is only written when the
  request that made it read the generation with no stale mark (so its database read was not in the
  window between an invalidation and that commit) and the generation is still the same when it
  writes (so a slow request cannot write what it read before an invalidation).
* An entry lives at most ``ENTRY_TTL_MS``: if a changing transaction ever commits more than
  ``STALE_MS`` after its invalidation, or Redis missed an invalidation, a wrong refusal lasts at
  most that long.

A request the database might answer differently than "sold out" is never refused here: a retry of
an idempotency key that booked (the *taker marks* ``mark_taker`` sets before every take), a
patient who booked in the session (same), a band or 回检 request, a session past its end. The
caller (``booking.book``) also counts every pool the caller could ever take from (its channel
quota, every reserve, the priority reserve), so reserve release times and age do not matter.
Redis being down only means every attempt goes to the database, as before.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from collections.abc import Awaitable
from typing import cast

import msgspec
from redis.asyncio import Redis
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError

from yiqiao.kit.redis import redis

PREFIX = "yq:avail:"
STALE_MS = 3_000
ENTRY_TTL_MS = 30_000
_GEN_TTL_MS = 86_400_000
_MARK_MARGIN_S = 60
_ENDS = "~ends"

log = logging.getLogger(__name__)

# KEYS: entry, generation, stale mark, key mark, patient mark.
# Returns {generation, stale?, marked?, field1, value1, ...} (fields only when neither is set).
_READ = """
local gen = redis.call('GET', KEYS[2]) or '0'
local stale = redis.call('EXISTS', KEYS[3])
local marked = redis.call('EXISTS', KEYS[4], KEYS[5])
if stale > 0 or marked > 0 then return {gen, tostring(stale), tostring(marked)} end
local out = {gen, '0', '0'}
local h = redis.call('HGETALL', KEYS[1])
for i = 1, #h do out[#out + 1] = h[i] end
return out
"""

# KEYS: entry, generation, stale mark. ARGV: generation read, create (1/0), ttl ms, ends ms,
# then pool, count pairs. Creates the entry (create=1) or lowers the counts it already has.
_OBSERVE = """
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[2] ~= '1' then return 0 end
  redis.call('HSET', KEYS[1], '~ends', ARGV[4])
  for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
for i = 5, #ARGV, 2 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if cur and tonumber(ARGV[i + 1]) < tonumber(cur) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 2
"""

# KEYS: entry, generation, stale mark. ARGV: new generation, stale ms, generation ttl ms.
_INVALIDATE = """
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
return 1
"""

_scripts: dict[tuple[int, str], AsyncScript] = {}


def _script(r: Redis, lua: str) -> AsyncScript:
    """EVALSHA (loading the script on first use) on the current client."""
    key = (id(r), lua)
    s = _scripts.get(key)
    if s is None:
        if len(_scripts) > 64:  # clients come and go in tests (one per event loop)
            _scripts.clear()
        s = _scripts[key] = r.register_script(lua)
    return s


def _entry(schedule_id: uuid.UUID) -> str:
    return f"{PREFIX}{schedule_id}"


def _keys(schedule_id: uuid.UUID) -> list[str]:
    e = _entry(schedule_id)
    return [e, e + ":gen", e + ":stale"]


def _key_mark(booked_by: str, idempotency_key: str) -> str:
    return f"{PREFIX}key:{booked_by}:{idempotency_key}"


def _patient_mark(schedule_id: uuid.UUID, patient_id: uuid.UUID) -> str:
    return f"{_entry(schedule_id)}:p:{patient_id}"


def _ms(t: dt.datetime) -> int:
    return int(t.timestamp() * 1000)


class Seen(msgspec.Struct, frozen=True):
    """What one request read: the generation (to write back under), whether it may write at all
    (no stale mark and no taker mark), and the entry's counts (empty when there is none)."""

    generation: str
    writable: bool
    counts: dict[str, int]
    ends_ms: int | None

    def sold_out_for(self, pools: list[str], now: dt.datetime) -> bool:
        """True only when the entry says none of ``pools`` has a slot, before the session ends."""
        if not self.writable or self.ends_ms is None or _ms(now) >= self.ends_ms:
            return False
        return sum(self.counts.get(p, 0) for p in pools) == 0


UNKNOWN = Seen(generation="", writable=False, counts={}, ends_ms=None)


async def read(schedule_id: uuid.UUID, booked_by: str, idempotency_key: str, patient_id: uuid.UUID) -> Seen:
    """One round trip: the entry, unless a taker mark says this request must go to the database."""
    keys = [
        *_keys(schedule_id),
        _key_mark(booked_by, idempotency_key),
        _patient_mark(schedule_id, patient_id),
    ]
    try:
        r = redis()
        raw = await _script(r, _READ)(keys=keys, args=[], client=r)
    except RedisError as exc:
        log.warning("availability cache unreadable (%s); asking the database", type(exc).__name__)
        return UNKNOWN
    gen = raw[0].decode()
    if raw[1] != b"0" or raw[2] != b"0":
        return Seen(generation=gen, writable=False, counts={}, ends_ms=None)
    counts: dict[str, int] = {}
    ends: int | None = None
    for i in range(3, len(raw) - 1, 2):
        name, value = raw[i].decode(), int(raw[i + 1])
        if name == _ENDS:
            ends = value
        else:
            counts[name] = value
    return Seen(generation=gen, writable=True, counts=counts, ends_ms=ends)


async def observe(
    schedule_id: uuid.UUID,
    seen: Seen,
    counts: dict[str, int],
    *,
    create: bool,
    ends_at: dt.datetime,
    now: dt.datetime,
) -> None:
    """Write what the database just said (after it said it, and after a take committed): create the
    entry (``create``: the answer was "sold out"; ``counts`` has every pool) or lower its counts."""
    if not seen.writable or not counts:
        return
    ttl = min(ENTRY_TTL_MS, _ms(ends_at) - _ms(now))
    if ttl <= 0:
        return
    args: list[str | int] = [seen.generation, 1 if create else 0, ttl, _ms(ends_at)]
    for pool, n in counts.items():
        args += [pool, int(n)]
    try:
        r = redis()
        await _script(r, _OBSERVE)(keys=_keys(schedule_id), args=args, client=r)
    except RedisError as exc:  # the entry stays as it was (or absent): never below the database
        log.warning("availability cache not updated (%s)", type(exc).__name__)


async def invalidate(schedule_id: uuid.UUID) -> None:
    """A count went up or the schedule changed: forget the entry, and write nothing for a while
    (call it in the changing transaction, before it commits, or right after)."""
    try:
        r = redis()
        args: list[str | int] = [secrets.token_hex(8), STALE_MS, _GEN_TTL_MS]
        await _script(r, _INVALIDATE)(keys=_keys(schedule_id), args=args, client=r)
    except RedisError as exc:
        # The entry (if any) lapses within ENTRY_TTL_MS; until then it may refuse a freed slot.
        log.error("availability cache not invalidated for %s (%s)", schedule_id, type(exc).__name__)


# KEYS: entry, generation, stale mark, key mark, patient mark. ARGV: now ms, mark ttl s, pools...
# Returns 0 (sold out: nothing set) or 1 (marks set: go and take).
_CLAIM = """
if redis.call('EXISTS', KEYS[3], KEYS[4], KEYS[5]) == 0 then
  local ends = redis.call('HGET', KEYS[1], '~ends')
  if ends and tonumber(ARGV[1]) < tonumber(ends) then
    local left = 0
    for i = 3, #ARGV do left = left + tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0') end
    if left == 0 then return 0 end
  end
end
redis.call('SET', KEYS[4], '1', 'EX', ARGV[2])
redis.call('SET', KEYS[5], '1', 'EX', ARGV[2])
return 1
"""


async def claim(
    schedule_id: uuid.UUID,
    booked_by: str,
    idempotency_key: str,
    patient_id: uuid.UUID,
    pools: list[str],
    ends_at: dt.datetime,
    now: dt.datetime,
) -> bool:
    """Right before a take (after waiting for a turn): False when the entry now says none of
    ``pools`` has a slot (others took them meanwhile; nothing is set), else set the taker marks
    (see ``mark_taker``) and return True. One round trip."""
    ttl_s = int((ends_at - now).total_seconds()) + _MARK_MARGIN_S
    if ttl_s <= 0:
        return True
    keys = [
        *_keys(schedule_id),
        _key_mark(booked_by, idempotency_key),
        _patient_mark(schedule_id, patient_id),
    ]
    try:
        r = redis()
        verdict = await _script(r, _CLAIM)(keys=keys, args=[_ms(now), ttl_s, *pools], client=r)
    except RedisError as exc:
        log.warning("taker marks not set (%s); dropping the entry", type(exc).__name__)
        await invalidate(schedule_id)
        return True
    return bool(verdict)


async def mark_taker(
    schedule_id: uuid.UUID,
    booked_by: str,
    idempotency_key: str,
    patient_id: uuid.UUID,
    ends_at: dt.datetime,
    now: dt.datetime,
) -> None:
    """Before a take: a retry of this key, and any attempt of this patient for this session, must
    be answered by the database (a replay or 'already booked'), never by the entry. Set before the
    take, so no booking exists without its marks; kept until the session ends."""
    ttl_s = int((ends_at - now).total_seconds()) + _MARK_MARGIN_S
    if ttl_s <= 0:
        return
    try:
        r = redis()
        async with r.pipeline(transaction=False) as p:
            p.set(_key_mark(booked_by, idempotency_key), 1, ex=ttl_s)
            p.set(_patient_mark(schedule_id, patient_id), 1, ex=ttl_s)
            await p.execute()
    except RedisError as exc:
        # Without the marks a retry could be refused from the entry: drop the entry instead.
        log.warning("taker marks not set (%s); dropping the entry", type(exc).__name__)
        await invalidate(schedule_id)


async def counts_of(schedule_id: uuid.UUID) -> dict[str, int] | None:
    """The entry's counts (None when there is none): for tests and the storm benchmark."""
    raw = await cast(Awaitable[dict[bytes, bytes]], redis().hgetall(_entry(schedule_id)))
    if not raw:
        return None
    return {k.decode(): int(v) for k, v in raw.items() if k.decode() != _ENDS}
