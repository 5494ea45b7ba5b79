"""The gateway's alarm hook: evaluate each stored batch of readings and events.

Cheap by construction: the rules live in memory (reloaded every ``alarm_rules_refresh_s``);
a reading costs a dictionary lookup when no rule watches its code, and a comparison or two
when one does (rate of change keeps a monotonic min/max window per device and code, O(1)
amortised). The database is touched only to raise an alarm (or count a repeat on the open one)
and to note, at most every ``SEEN_FLUSH_S`` per device, when it last sent data (the silent-device
watch). Every failure is logged and swallowed: ingest never breaks because of alarms.

The whole batch is evaluated, duplicates included, so a batch redelivered after a crash between
storing and evaluating still raises its alarms; the open-alarm suppression makes that harmless.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections import deque
from collections.abc import Sequence
from datetime import datetime

from yiqiao import db
from yiqiao.monitoring.alarms import lifecycle
from yiqiao.monitoring.alarms.rules import INFUSION_RATE, INFUSION_VOLUME, Effective, RuleBook
from yiqiao.monitoring.alarms.types import Breach, Rule
from yiqiao.monitoring.types import DeviceRef, EventIn, ReadingIn
from yiqiao.settings import get_settings

log = logging.getLogger(__name__)

SEEN_FLUSH_S = 5.0
LABELS = {
    "MDC_PULS_RATE": "Heart rate",
    "MDC_PULS_OXIM_SAT_O2": "SpO2",
    "MDC_PRESS_BLD_NONINV_SYS": "Systolic BP",
    "MDC_PRESS_BLD_NONINV_DIA": "Diastolic BP",
    "MDC_TEMP_BODY": "Body temperature",
    "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD": "Blood glucose",
    "MDC_RESP_RATE": "Respiratory rate",
    "MDC_VOL_FLUID_TBI_REMAIN": "Infusion volume remaining",
}
EVENT_LABELS = {
    "fall": "Fall detected",
    "sos": "SOS pressed",
    "bed_exit": "Patient left the bed",
    "call_button": "Nurse call",
    "occlusion": "Infusion occlusion",
    "infusion_complete": "Infusion complete",
}


def _fmt(x: float) -> str:
    return f"{x:g}"


class Window:
    """Sliding min and max of one signal over ``span`` seconds (monotonic deques)."""

    __slots__ = ("last_t", "maxs", "mins", "span")

    def __init__(self, span: float) -> None:
        self.span = span
        self.mins: deque[tuple[float, float]] = deque()
        self.maxs: deque[tuple[float, float]] = deque()
        self.last_t = -math.inf

    def push(self, t: float, v: float) -> tuple[float, float] | None:
        """Add a sample; return (min, max) of the earlier samples still in the window, or None
        when there are none or the sample is out of order (a resend, or a clock step back)."""
        if t <= self.last_t:
            return None
        self.last_t = t
        horizon = t - self.span
        mins, maxs = self.mins, self.maxs
        while mins and mins[0][0] < horizon:
            mins.popleft()
        while maxs and maxs[0][0] < horizon:
            maxs.popleft()
        seen = (mins[0][1], maxs[0][1]) if mins else None
        while mins and mins[-1][1] >= v:
            mins.pop()
        mins.append((t, v))
        while maxs and maxs[-1][1] <= v:
            maxs.pop()
        maxs.append((t, v))
        return seen


def check_threshold(rule: Rule, r: ReadingIn) -> Breach | None:
    label = LABELS.get(r.code, r.code)
    if rule.low is not None and r.value < rule.low:
        msg = f"{label} {_fmt(r.value)} {r.unit}, below {_fmt(rule.low)}"
    elif rule.high is not None and r.value > rule.high:
        msg = f"{label} {_fmt(r.value)} {r.unit}, above {_fmt(rule.high)}"
    else:
        return None
    return Breach(rule=rule, message=msg, at=r.received_at, code=r.code, value=r.value, unit=r.unit)


def check_rate(rule: Rule, r: ReadingIn, seen: tuple[float, float] | None) -> Breach | None:
    if seen is None or rule.delta is None:
        return None
    lo, hi = seen
    moved = r.value - lo if rule.delta > 0 else r.value - hi
    if (rule.delta > 0 and moved < rule.delta) or (rule.delta < 0 and moved > rule.delta):
        return None
    label = LABELS.get(r.code, r.code)
    msg = f"{label} {'rose' if moved > 0 else 'fell'} by {_fmt(abs(moved))} {r.unit} within {rule.window_s} s"
    return Breach(rule=rule, message=msg, at=r.received_at, code=r.code, value=r.value, unit=r.unit)


class Evaluator:
    def __init__(self, refresh_s: float | None = None) -> None:
        self.refresh_s = get_settings().alarm_rules_refresh_s if refresh_s is None else refresh_s
        self.book = RuleBook()
        self.loaded_at = -math.inf
        self.windows: dict[tuple[uuid.UUID, str, int], Window] = {}
        self.infusion: dict[uuid.UUID, dict[str, float]] = {}
        self.flushed: dict[uuid.UUID, float] = {}

    async def reload(self) -> None:
        await self.book.load()
        self.loaded_at = time.monotonic()

    async def _fresh_rules(self) -> None:
        if time.monotonic() - self.loaded_at < self.refresh_s:
            return
        try:
            await self.reload()
        except Exception as exc:
            if self.loaded_at == -math.inf:
                raise
            self.loaded_at = time.monotonic()  # try again after another refresh period
            log.warning("alarm rules not reloaded, keeping the cached ones: %s", exc)

    async def evaluate_batch(self, readings: Sequence[ReadingIn], events: Sequence[EventIn]) -> int:
        """Evaluate a stored batch; raise what breaches. Returns how many alarms were opened.
        Never raises."""
        try:
            await self._fresh_rules()
            breaches = self.check(readings, events)
            await self._note_seen(readings, events)
            opened = 0
            for device, breach in breaches.values():
                if await lifecycle.raise_alarm(device, breach) is not None:
                    opened += 1
            return opened
        except Exception:
            log.exception(
                "alarm evaluation failed for a batch of %d readings and %d events (ingest goes on)",
                len(readings),
                len(events),
            )
            return 0

    def check(
        self, readings: Sequence[ReadingIn], events: Sequence[EventIn]
    ) -> dict[tuple[uuid.UUID, str], tuple[DeviceRef, Breach]]:
        """The breaches of a batch, one per (device, rule) with its repeat count (no I/O)."""
        found: dict[tuple[uuid.UUID, str], tuple[DeviceRef, Breach]] = {}

        def add(device: DeviceRef, breach: Breach | None) -> None:
            if breach is None:
                return
            key = (device.id, breach.rule.key)
            prev = found.get(key)
            if prev is None:
                found[key] = (device, breach)
            else:
                breach.count += prev[1].count
                found[key] = (device, breach)  # the latest value, all the repeats

        book = self.book
        for r in readings:
            d = r.device
            eff = book.effective(d.kind, d.patient_id)
            rules = eff.by_code.get(r.code)
            if rules is None:
                continue
            for rule in rules:
                if rule.kind == "threshold":
                    add(d, check_threshold(rule, r))
                else:
                    add(d, self._rate(rule, r))
            if eff.time_to_empty is not None and r.code in (INFUSION_VOLUME, INFUSION_RATE):
                add(d, self._time_to_empty(eff, r))
        for e in events:
            d = e.device
            event_rule = book.effective(d.kind, d.patient_id).by_event.get(e.event)
            if event_rule is not None:
                where = f" at bed {d.bed_label}" if d.bed_label else ""
                add(
                    d,
                    Breach(
                        rule=event_rule,
                        message=f"{EVENT_LABELS.get(e.event, e.event)}{where}",
                        at=e.received_at,
                        event=e.event,
                    ),
                )
        return found

    def _rate(self, rule: Rule, r: ReadingIn) -> Breach | None:
        span = rule.window_s or 60
        key = (r.device.id, r.code, span)
        window = self.windows.get(key)
        if window is None:
            window = self.windows[key] = Window(span)
        return check_rate(rule, r, window.push(r.measured_at.timestamp(), r.value))

    def _time_to_empty(self, eff: Effective, r: ReadingIn) -> Breach | None:
        rule = eff.time_to_empty
        latest = self.infusion.setdefault(r.device.id, {})
        latest[r.code] = r.value
        volume, rate = latest.get(INFUSION_VOLUME), latest.get(INFUSION_RATE)
        if rule is None or rule.low is None or volume is None or not rate or rate <= 0:
            return None
        minutes = volume / rate * 60
        if minutes >= rule.low:
            return None
        return Breach(
            rule=rule,
            message=f"Infusion runs out in {minutes:.0f} min ({_fmt(volume)} mL left at {_fmt(rate)} mL/h)",
            at=r.received_at,
            value=round(minutes, 1),
            unit="min",
        )

    async def _note_seen(self, readings: Sequence[ReadingIn], events: Sequence[EventIn]) -> None:
        now = time.monotonic()
        due: dict[uuid.UUID, datetime] = {}
        received: list[tuple[uuid.UUID, datetime]] = [(r.device.id, r.received_at) for r in readings]
        received += [(e.device.id, e.received_at) for e in events]
        for dev, at in received:
            if now - self.flushed.get(dev, -math.inf) < SEEN_FLUSH_S:
                continue
            if dev not in due or at > due[dev]:
                due[dev] = at
        if not due:
            return
        await db.execute(
            "INSERT INTO alarm_device_seen (device_id, last_data_at)"
            " SELECT * FROM unnest({}::uuid[], {}::timestamptz[])"
            " ON CONFLICT (device_id) DO UPDATE SET"
            " last_data_at = GREATEST(alarm_device_seen.last_data_at, EXCLUDED.last_data_at)",
            list(due),
            list(due.values()),
        )
        for dev in due:
            self.flushed[dev] = now


_evaluator: Evaluator | None = None


def evaluator() -> Evaluator:
    """The process's one evaluator (the gateway's)."""
    global _evaluator
    if _evaluator is None:
        _evaluator = Evaluator()
    return _evaluator


async def evaluate_batch(readings: Sequence[ReadingIn], events: Sequence[EventIn]) -> int:
    """The gateway's hook, called after each stored batch. Never raises."""
    return await evaluator().evaluate_batch(readings, events)
