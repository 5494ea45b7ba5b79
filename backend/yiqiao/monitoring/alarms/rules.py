"""Alarm rules: their keys, their validation, and the rule book read from ``alarm_rule``.

The rule book holds every rule in memory: the device kind defaults and the per-patient
overrides. ``effective(kind, patient)`` merges them (a patient's rule replaces the kind's rule
of the same key; a disabled one switches it off) and indexes the result by measurement code and
by event, memoised until the next load, so evaluating a reading is a few dictionary lookups.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from yiqiao import db
from yiqiao.kit.errors import Invalid
from yiqiao.monitoring.alarms.types import Category, Rule, RuleIn, RuleKind

INFUSION_VOLUME = "MDC_VOL_FLUID_TBI_REMAIN"  # mL still to be infused
INFUSION_RATE = "MDC_FLOW_FLUID_PUMP"  # mL/h
INFUSION_CODES = frozenset({INFUSION_VOLUME, INFUSION_RATE})
_EVENT_CATEGORY: dict[str, Category] = {"occlusion": "infusion", "infusion_complete": "infusion"}


def rule_key(kind: RuleKind, code: str | None, event: str | None) -> str:
    if kind in ("threshold", "rate"):
        return f"{kind}:{code}"
    if kind == "event":
        return f"event:{event}"
    return kind  # silent, time_to_empty: one per device


def validate(rule: RuleIn) -> Rule:
    """A patient rule as stored, or :class:`Invalid` saying what is missing or contradictory."""
    k = rule.kind

    def need(ok: bool, what: str) -> None:
        if not ok:
            raise Invalid(f"A {k} rule {what}.", code="alarm_rule_invalid")

    if k == "threshold":
        need(rule.code is not None, "needs a measurement code")
        need(rule.low is not None or rule.high is not None, "needs low, high or both")
        if rule.low is not None and rule.high is not None:
            need(rule.low < rule.high, "needs low below high")
    elif k == "rate":
        need(rule.code is not None, "needs a measurement code")
        need(rule.delta is not None and rule.delta != 0, "needs a non-zero delta")
        need(rule.window_s is not None, "needs window_s")
    elif k == "event":
        need(rule.event is not None, "needs an event")
    elif k == "silent":
        need(rule.after_s is not None, "needs after_s")
    else:  # time_to_empty
        need(rule.low is not None and rule.low > 0, "needs low (minutes) above zero")
    code = INFUSION_VOLUME if k == "time_to_empty" else rule.code if k in ("threshold", "rate") else None
    category: Category = (
        "technical"
        if k == "silent"
        else "infusion"
        if k == "time_to_empty" or code in INFUSION_CODES
        else _EVENT_CATEGORY.get(rule.event or "", "event")
        if k == "event"
        else "physiological"
    )
    return Rule(
        key=rule_key(k, code, rule.event),
        kind=k,
        severity=rule.severity,
        category=category,
        code=code,
        event=rule.event if k == "event" else None,
        low=rule.low if k in ("threshold", "time_to_empty") else None,
        high=rule.high if k == "threshold" else None,
        delta=rule.delta if k == "rate" else None,
        window_s=rule.window_s if k == "rate" else None,
        after_s=rule.after_s if k == "silent" else None,
        enabled=rule.enabled,
    )


def from_row(r: dict[str, Any]) -> Rule:
    return Rule(
        key=r["rule_key"],
        kind=r["kind"],
        severity=r["severity"],
        category=r["category"],
        code=r["code"],
        event=r["event"],
        low=r["low"],
        high=r["high"],
        delta=r["delta"],
        window_s=r["window_s"],
        after_s=r["after_s"],
        enabled=r["enabled"],
    )


@dataclass(slots=True)
class Effective:
    """The rules that apply to one (device kind, patient), indexed for the evaluator."""

    by_code: dict[str, list[Rule]] = field(default_factory=dict)
    by_event: dict[str, Rule] = field(default_factory=dict)
    silent: Rule | None = None
    time_to_empty: Rule | None = None

    @classmethod
    def of(cls, rules: dict[str, Rule]) -> Effective:
        eff = cls()
        for rule in rules.values():
            if not rule.enabled:
                continue
            if rule.kind in ("threshold", "rate") and rule.code:
                eff.by_code.setdefault(rule.code, []).append(rule)
            elif rule.kind == "event" and rule.event:
                eff.by_event[rule.event] = rule
            elif rule.kind == "silent":
                eff.silent = rule
            elif rule.kind == "time_to_empty":
                eff.time_to_empty = rule
        if eff.time_to_empty is not None:  # watch both codes it is computed from
            for code in INFUSION_CODES:
                eff.by_code.setdefault(code, [])
        return eff


class RuleBook:
    def __init__(self) -> None:
        self.by_kind: dict[str, dict[str, Rule]] = {}
        self.by_patient: dict[uuid.UUID, dict[str, Rule]] = {}
        self._memo: dict[tuple[str, uuid.UUID | None], Effective] = {}

    async def load(self) -> None:
        rows = await db.fetch(
            "SELECT device_kind, patient_id, rule_key, kind, code, event, low, high, delta, window_s,"
            " after_s, severity, category, enabled FROM alarm_rule"
        )
        by_kind: dict[str, dict[str, Rule]] = {}
        by_patient: dict[uuid.UUID, dict[str, Rule]] = {}
        for r in rows:
            if r["device_kind"] is not None:
                by_kind.setdefault(r["device_kind"], {})[r["rule_key"]] = from_row(r)
            else:
                by_patient.setdefault(r["patient_id"], {})[r["rule_key"]] = from_row(r)
        self.by_kind, self.by_patient, self._memo = by_kind, by_patient, {}

    def effective(self, kind: str, patient_id: uuid.UUID | None) -> Effective:
        memo_key = (kind, patient_id)
        eff = self._memo.get(memo_key)
        if eff is None:
            merged = dict(self.by_kind.get(kind, {}))
            if patient_id is not None:
                merged.update(self.by_patient.get(patient_id, {}))
            eff = self._memo[memo_key] = Effective.of(merged)
        return eff
