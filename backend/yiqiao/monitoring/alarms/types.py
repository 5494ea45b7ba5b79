"""Alarm rules and alarms: commands and views."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

RuleKind = Literal["threshold", "rate", "event", "silent", "time_to_empty"]
Severity = Literal["high", "medium", "low"]
Category = Literal["physiological", "event", "infusion", "technical"]
AlarmState = Literal["raised", "acknowledged", "escalated", "resolved"]
EventName = Literal["fall", "sos", "infusion_complete", "occlusion", "bed_exit", "call_button"]

SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}

MeasurementCode = Annotated[str, Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class Rule(msgspec.Struct, frozen=True, kw_only=True):
    """One thing to watch. ``key`` names what is watched (``threshold:MDC_PULS_RATE``,
    ``event:fall``, ``silent``…): a patient's rule overrides the device kind's rule of that key.

    - threshold:     ``code`` below ``low`` or above ``high``
    - rate:          ``code`` moved by ``delta`` or more within ``window_s`` (delta > 0: a rise,
                     delta < 0: a fall)
    - event:         the device reported ``event``
    - silent:        no data from the device for ``after_s`` seconds (a technical alarm)
    - time_to_empty: an infusion's remaining volume (``code``, mL) at the reported rate
                     (MDC_FLOW_FLUID_PUMP, mL/h) runs out in less than ``low`` minutes
    """

    key: str
    kind: RuleKind
    severity: Severity
    category: Category
    code: str | None = None
    event: str | None = None
    low: float | None = None
    high: float | None = None
    delta: float | None = None
    window_s: int | None = None
    after_s: int | None = None
    enabled: bool = True


class RuleIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A patient-specific rule, as a doctor or head nurse sets it."""

    kind: RuleKind
    code: MeasurementCode | None = None
    event: EventName | None = None
    low: float | None = None
    high: float | None = None
    delta: float | None = None
    window_s: Annotated[int, Meta(ge=5, le=3600)] | None = None
    after_s: Annotated[int, Meta(ge=10, le=86_400)] | None = None
    severity: Severity = "high"
    enabled: Annotated[
        bool, Meta(description="false switches the device kind's rule of the same key off for this patient")
    ] = True


class PatientRules(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    rules: Annotated[list[RuleIn], Meta(max_length=50)]


class PatientRulesView(msgspec.Struct, frozen=True, kw_only=True):
    patient_id: uuid.UUID
    rules: list[Rule]


class ResolveAlarm(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    note: Annotated[str, Meta(max_length=500)] = ""


class AlarmView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    state: AlarmState
    level: int
    severity: Severity
    category: Category
    rule_key: str
    message: str
    device_id: uuid.UUID
    device_code: str
    bed_label: str
    department_id: uuid.UUID | None
    patient_id: uuid.UUID | None
    assignee_id: uuid.UUID | None
    code: str | None
    value: float | None
    unit: str | None
    event: str | None
    repeats: int
    raised_at: datetime
    last_at: datetime
    escalated_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: uuid.UUID | None
    resolved_at: datetime | None
    resolution_note: str | None


class Breach(msgspec.Struct, kw_only=True):
    """What the evaluator found: raise an alarm for it (or count a repeat on the open one)."""

    rule: Rule
    message: str
    at: datetime
    code: str | None = None
    value: float | None = None
    unit: str | None = None
    event: str | None = None
    count: int = 1
