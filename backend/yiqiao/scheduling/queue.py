"""The clinic queue's rules, in one place (pure functions; the services apply them under a lock).

- Lanes: the elderly (``YQ_QUEUE_PRIORITY_AGE``) and 回检 patients (back the same day with results
  for the same department) wait in the priority lane, which is called before the normal lane.
- Order within a lane: check-in time, but never ahead of the booked time band (a patient who
  checks in early for 10:00 does not pass the 08:30 patients who arrive at 08:35).
- Going back in: a skipped patient (顺延), or a passed one (过号) who checks in again, goes in
  right after the ``YQ_QUEUE_REJOIN_AFTER``-th patient now waiting (at the end if fewer wait).
- Wait estimate: (patients ahead + the one being seen) × the session's average consultation, or
  ``YQ_QUEUE_CONSULT_MINUTES`` until it has finished consultations of its own."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol, TypeVar

from yiqiao.settings import get_settings

LANE_PRIORITY = 0
LANE_NORMAL = 1
HALF = Decimal("0.5")


class Queued(Protocol):
    @property
    def lane(self) -> int: ...
    @property
    def sort_at(self) -> dt.datetime: ...
    @property
    def seq(self) -> Decimal | int: ...


Q = TypeVar("Q", bound=Queued)


def age_on(birth: dt.date | None, day: dt.date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def priority_reason(age: int | None, return_visit: bool) -> str:
    """Why a patient waits in the priority lane ("" when they do not)."""
    if return_visit:
        return "return_visit"
    if age is not None and age >= get_settings().queue_priority_age:
        return "elderly"
    return ""


def lane_of(reason: str) -> int:
    return LANE_PRIORITY if reason else LANE_NORMAL


def arrival_key(checked_in_at: dt.datetime, band_start: dt.datetime) -> dt.datetime:
    """Check-in time, never earlier than the booked band."""
    return max(checked_in_at, band_start)


def ordered(entries: Sequence[Q]) -> list[Q]:
    return sorted(entries, key=lambda e: (e.lane, e.sort_at, e.seq))


def place_after_others(
    waiting_in_order: Sequence[Queued], now: dt.datetime
) -> tuple[int, dt.datetime, Decimal | None]:
    """(lane, sort_at, seq) that puts a returning patient right after the N-th patient now waiting
    (N = ``YQ_QUEUE_REJOIN_AFTER``), before the one after them even when both share a sort time;
    seq None means a fresh one (the returning patient goes last)."""
    n = get_settings().queue_rejoin_after
    if len(waiting_in_order) <= max(n, 0):
        return (LANE_NORMAL, now, None) if not waiting_in_order else _behind(waiting_in_order[-1], None)
    if n <= 0:
        first = waiting_in_order[0]
        return first.lane, first.sort_at, Decimal(first.seq) - HALF
    return _behind(waiting_in_order[n - 1], waiting_in_order[n])


def _behind(anchor: Queued, after: Queued | None) -> tuple[int, dt.datetime, Decimal | None]:
    if after is not None and (after.lane, after.sort_at) == (anchor.lane, anchor.sort_at):
        return anchor.lane, anchor.sort_at, (Decimal(anchor.seq) + Decimal(after.seq)) / 2
    return anchor.lane, anchor.sort_at, Decimal(anchor.seq) + HALF


def average_consult_minutes(durations_s: Sequence[float]) -> float:
    """The mean of the session's finished consultations (the last ten), or the configured default."""
    recent = [d for d in durations_s if d > 0][-10:]
    if not recent:
        return float(get_settings().queue_consult_minutes)
    return sum(recent) / len(recent) / 60.0


def estimated_wait_minutes(ahead: int, someone_in_room: bool, per_patient_minutes: float) -> int:
    return math.ceil((ahead + (1 if someone_in_room else 0)) * per_patient_minutes)
