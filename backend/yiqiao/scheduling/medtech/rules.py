"""Conflict rules between one patient's exams and treatments, and the planner that proposes a
schedule for the patient's pending exams (5.1.1-4: auto-suggest from pending exams, stagger
mutually interfering ones). Pure functions: no database, no clock; the services feed them rows.

The rules, each with a stable code and a message a patient can act on:

- ``fasting_not_morning``: an exam that needs fasting is booked in the morning (starts before
  ``YQ_MEDTECH_FASTING_BEFORE``). So every fasting exam of one day is in that day's one morning,
  and the patient fasts once.
- ``time_overlap``: two of the patient's exams or treatment sessions may not overlap. An item
  takes the patient from the start of its band for its band or its duration, whichever is longer
  (a sedated gastroscopy needs time to recover).
- ``overlaps_visit``: nor may one overlap a clinic visit (registration appointment) the patient has.
- ``contrast_too_close``: two exams with a contrast agent (iodine, gadolinium) are at least
  ``YQ_MEDTECH_CONTRAST_GAP_DAYS`` calendar days apart, so the body clears the first one.
- ``exam_interference``: item B may not start within N hours after item A ends where the catalogue
  says A interferes with B (gas from a gastroscopy blurs an abdominal ultrasound: ultrasound first).

The planner places the most constrained items first (fasting, then contrast), tries to put all
fasting exams in one morning (the earliest that fits them all), then searches the remaining items
in time order, backtracking when a rule refuses; the first complete assignment found is the
earliest by item order. It gives up searching after a fixed number of steps and then places what
fits one by one, reporting the rest as unplaced with the reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import msgspec

from yiqiao.kit import clock


class Item(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    name: str
    fasting: bool = False
    contrast: bool = False
    duration_minutes: int = 30


class Placed(msgspec.Struct, frozen=True, kw_only=True):
    """An item at a time band: a booking the patient has, or one being considered."""

    ref: str
    item: Item
    start: dt.datetime
    end: dt.datetime

    @property
    def busy_until(self) -> dt.datetime:
        return max(self.end, self.start + dt.timedelta(minutes=self.item.duration_minutes))


class Busy(msgspec.Struct, frozen=True, kw_only=True):
    """Another commitment of the patient (a clinic visit), described for a person."""

    label: str
    start: dt.datetime
    end: dt.datetime


class Interference(msgspec.Struct, frozen=True, kw_only=True):
    """``then_code`` may not start within ``gap_hours`` after ``first_code`` ends, because ``reason``."""

    first_code: str
    then_code: str
    gap_hours: int
    reason: str


class Params(msgspec.Struct, frozen=True, kw_only=True):
    contrast_gap_days: int = 2
    fasting_before: dt.time = dt.time(12, 0)
    interferences: tuple[Interference, ...] = ()

    def interference(self, first: str, then: str) -> Interference | None:
        for i in self.interferences:
            if i.first_code == first and i.then_code == then:
                return i
        return None


class Violation(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    message: str
    other_ref: str | None = None


class Slot(msgspec.Struct, frozen=True, kw_only=True):
    """A free time band the planner may use."""

    band_id: int
    start: dt.datetime
    end: dt.datetime


class Want(msgspec.Struct, frozen=True, kw_only=True):
    """An item to place, with its free bands (any order; the planner sorts them)."""

    ref: str
    item: Item
    slots: tuple[Slot, ...]


class Plan(msgspec.Struct, kw_only=True):
    chosen: dict[str, Slot]
    # ref -> reason code: "no_free_time" (no free band at all) or "no_fitting_time" (none fits the rules)
    unplaced: dict[str, str]


def _local(t: dt.datetime) -> dt.datetime:
    return clock.local(t)


def when(t: dt.datetime) -> str:
    """``11-24 08:00`` (Beijing time)."""
    return f"{_local(t):%m-%d %H:%M}"


def is_morning(start: dt.datetime, params: Params) -> bool:
    return _local(start).time() < params.fasting_before


def _overlap(a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime) -> bool:
    return a_start < b_end and b_start < a_end


def check(new: Placed, others: Sequence[Placed], busy: Sequence[Busy], params: Params) -> list[Violation]:
    """Every rule ``new`` breaks against the patient's ``others`` and ``busy`` times (empty: fine)."""
    found: list[Violation] = []
    name = new.item.name
    if new.item.fasting and not is_morning(new.start, params):
        found.append(
            Violation(
                code="fasting_not_morning",
                message=f"{name} needs you to fast beforehand, so it is booked only in the morning "
                f"(starting before {params.fasting_before:%H:%M}); please choose a morning time.",
            )
        )
    for o in others:
        if o.ref == new.ref:
            continue
        if _overlap(new.start, new.busy_until, o.start, o.busy_until):
            found.append(
                Violation(
                    code="time_overlap",
                    message=f"{name} at {when(new.start)} would overlap your {o.item.name} at "
                    f"{when(o.start)}; please choose another time.",
                    other_ref=o.ref,
                )
            )
        gap = params.contrast_gap_days
        if new.item.contrast and o.item.contrast and gap > 0:
            days = abs((_local(new.start).date() - _local(o.start).date()).days)
            if days < gap:
                found.append(
                    Violation(
                        code="contrast_too_close",
                        message=f"{name} and your {o.item.name} ({_local(o.start):%m-%d}) both use a "
                        f"contrast agent (造影剂); they must be at least {gap} days apart so your body "
                        "can clear the first one. Please choose another day.",
                        other_ref=o.ref,
                    )
                )
        for first, then in ((o, new), (new, o)):
            rule = params.interference(first.item.code, then.item.code)
            if rule is None:
                continue
            if first.start <= then.start < first.busy_until + dt.timedelta(hours=rule.gap_hours):
                found.append(
                    Violation(
                        code="exam_interference",
                        message=f"{then.item.name} cannot be within {rule.gap_hours} hours after "
                        f"{first.item.name} ({rule.reason}). Please have {then.item.name} first or "
                        "on another day.",
                        other_ref=o.ref,
                    )
                )
    for b in busy:
        if _overlap(new.start, new.busy_until, b.start, b.end):
            found.append(
                Violation(
                    code="overlaps_visit",
                    message=f"{name} at {when(new.start)} would overlap your clinic visit ({b.label}); "
                    "please choose another time.",
                )
            )
    return found


def advice(placed: Sequence[Placed]) -> list[str]:
    """Soft notes on a patient's whole set of bookings (not refusals)."""
    notes: list[str] = []
    fasting_days = sorted({_local(p.start).date() for p in placed if p.item.fasting})
    if len(fasting_days) > 1:
        days = "、".join(f"{d:%m-%d}" for d in fasting_days)
        notes.append(
            f"Your fasting exams are on {len(fasting_days)} different mornings ({days}), so you will "
            "fast more than once. Ask for a suggested schedule to have them in one morning."
        )
    return notes


class _Search:
    def __init__(self, fixed: Sequence[Placed], busy: Sequence[Busy], params: Params, max_steps: int) -> None:
        self.fixed = list(fixed)
        self.busy = list(busy)
        self.params = params
        self.steps = max_steps

    def fits(self, p: Placed, assigned: Sequence[Placed]) -> bool:
        return not check(p, [*self.fixed, *assigned], self.busy, self.params)

    def dfs(
        self, wants: Sequence[Want], allowed: Mapping[str, Sequence[Slot]], assigned: list[Placed]
    ) -> list[Placed] | None:
        if len(assigned) == len(wants):
            return list(assigned)
        w = wants[len(assigned)]
        tried: set[tuple[dt.datetime, dt.datetime]] = set()
        for s in allowed[w.ref]:
            if (s.start, s.end) in tried:
                continue  # the same time on another room fails or succeeds the same way
            tried.add((s.start, s.end))
            self.steps -= 1
            if self.steps < 0:
                return None
            p = Placed(ref=w.ref, item=w.item, start=s.start, end=s.end)
            if not self.fits(p, assigned):
                continue
            assigned.append(p)
            found = self.dfs(wants, allowed, assigned)
            if found is not None:
                return found
            assigned.pop()
        return None


def plan(
    wants: Sequence[Want],
    fixed: Sequence[Placed],
    busy: Sequence[Busy],
    params: Params,
    *,
    max_steps: int = 20_000,
) -> Plan:
    """The earliest assignment of a band to every want that breaks no rule with the patient's
    ``fixed`` bookings, ``busy`` times and each other; fasting exams in one morning where possible."""
    unplaced: dict[str, str] = {}
    allowed: dict[str, list[Slot]] = {}
    for w in wants:
        slots = sorted(w.slots, key=lambda s: (s.start, s.end, s.band_id))
        if w.item.fasting:
            slots = [s for s in slots if is_morning(s.start, params)]
        if slots:
            allowed[w.ref] = slots
        else:
            unplaced[w.ref] = "no_free_time"
    todo = sorted(
        (w for w in wants if w.ref in allowed),
        key=lambda w: (not w.item.fasting, not w.item.contrast, len(allowed[w.ref]), w.ref),
    )
    search = _Search(fixed, busy, params, max_steps)
    fasting = [w for w in todo if w.item.fasting]
    result: list[Placed] | None = None
    if len(fasting) > 1:
        per_item = [{_local(s.start).date() for s in allowed[w.ref]} for w in fasting]
        for day in sorted(set.intersection(*per_item)):
            one_morning = {
                **allowed,
                **{w.ref: [s for s in allowed[w.ref] if _local(s.start).date() == day] for w in fasting},
            }
            result = search.dfs(todo, one_morning, [])
            if result is not None or search.steps < 0:
                break
    if result is None and search.steps >= 0:
        result = search.dfs(todo, allowed, [])
    if result is None:
        # No assignment of all of them (or the search ran long): place what fits, one by one.
        result = []
        for w in todo:
            candidates = (Placed(ref=w.ref, item=w.item, start=s.start, end=s.end) for s in allowed[w.ref])
            p = next((c for c in candidates if search.fits(c, result)), None)
            if p is None:
                unplaced[w.ref] = "no_fitting_time"
            else:
                result.append(p)
    first_slot: dict[tuple[str, dt.datetime, dt.datetime], Slot] = {}
    for ref, slots in allowed.items():
        for s in slots:
            first_slot.setdefault((ref, s.start, s.end), s)
    chosen = {p.ref: first_slot[(p.ref, p.start, p.end)] for p in result}
    return Plan(chosen=chosen, unplaced=unplaced)
