from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_in_event_type_1 import RuleInEventType1
from ..models.rule_in_event_type_2_type_1 import RuleInEventType2Type1
from ..models.rule_in_event_type_3_type_1 import RuleInEventType3Type1
from ..models.rule_in_kind import RuleInKind
from ..models.rule_in_severity import RuleInSeverity
from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleIn")


@_attrs_define
class RuleIn:
    """
    Attributes:
        kind (RuleInKind):
        after_s (int | None | Unset):
        code (None | str | Unset):
        delta (float | None | Unset):
        enabled (bool | Unset): false switches the device kind's rule of the same key off for this patient Default:
            True.
        event (None | RuleInEventType1 | RuleInEventType2Type1 | RuleInEventType3Type1 | Unset):
        high (float | None | Unset):
        low (float | None | Unset):
        severity (RuleInSeverity | Unset):  Default: RuleInSeverity.HIGH.
        window_s (int | None | Unset):
    """

    kind: RuleInKind
    after_s: int | None | Unset = UNSET
    code: None | str | Unset = UNSET
    delta: float | None | Unset = UNSET
    enabled: bool | Unset = True
    event: (
        None | RuleInEventType1 | RuleInEventType2Type1 | RuleInEventType3Type1 | Unset
    ) = UNSET
    high: float | None | Unset = UNSET
    low: float | None | Unset = UNSET
    severity: RuleInSeverity | Unset = RuleInSeverity.HIGH
    window_s: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        after_s: int | None | Unset
        if isinstance(self.after_s, Unset):
            after_s = UNSET
        else:
            after_s = self.after_s

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        delta: float | None | Unset
        if isinstance(self.delta, Unset):
            delta = UNSET
        else:
            delta = self.delta

        enabled = self.enabled

        event: None | str | Unset
        if isinstance(self.event, Unset):
            event = UNSET
        elif (
            isinstance(self.event, RuleInEventType1)
            or isinstance(self.event, RuleInEventType2Type1)
            or isinstance(self.event, RuleInEventType3Type1)
        ):
            event = self.event.value
        else:
            event = self.event

        high: float | None | Unset
        if isinstance(self.high, Unset):
            high = UNSET
        else:
            high = self.high

        low: float | None | Unset
        if isinstance(self.low, Unset):
            low = UNSET
        else:
            low = self.low

        severity: str | Unset = UNSET
        if not isinstance(self.severity, Unset):
            severity = self.severity.value

        window_s: int | None | Unset
        if isinstance(self.window_s, Unset):
            window_s = UNSET
        else:
            window_s = self.window_s

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
            }
        )
        if after_s is not UNSET:
            field_dict["after_s"] = after_s
        if code is not UNSET:
            field_dict["code"] = code
        if delta is not UNSET:
            field_dict["delta"] = delta
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if event is not UNSET:
            field_dict["event"] = event
        if high is not UNSET:
            field_dict["high"] = high
        if low is not UNSET:
            field_dict["low"] = low
        if severity is not UNSET:
            field_dict["severity"] = severity
        if window_s is not UNSET:
            field_dict["window_s"] = window_s

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = RuleInKind(d.pop("kind"))

        def _parse_after_s(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        after_s = _parse_after_s(d.pop("after_s", UNSET))

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_delta(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        delta = _parse_delta(d.pop("delta", UNSET))

        enabled = d.pop("enabled", UNSET)

        def _parse_event(
            data: object,
        ) -> (
            None
            | RuleInEventType1
            | RuleInEventType2Type1
            | RuleInEventType3Type1
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_type_1 = RuleInEventType1(data)

                return event_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_type_2_type_1 = RuleInEventType2Type1(data)

                return event_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                event_type_3_type_1 = RuleInEventType3Type1(data)

                return event_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                None
                | RuleInEventType1
                | RuleInEventType2Type1
                | RuleInEventType3Type1
                | Unset,
                data,
            )

        event = _parse_event(d.pop("event", UNSET))

        def _parse_high(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        high = _parse_high(d.pop("high", UNSET))

        def _parse_low(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        low = _parse_low(d.pop("low", UNSET))

        _severity = d.pop("severity", UNSET)
        severity: RuleInSeverity | Unset
        if isinstance(_severity, Unset):
            severity = UNSET
        else:
            severity = RuleInSeverity(_severity)

        def _parse_window_s(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        window_s = _parse_window_s(d.pop("window_s", UNSET))

        rule_in = cls(
            kind=kind,
            after_s=after_s,
            code=code,
            delta=delta,
            enabled=enabled,
            event=event,
            high=high,
            low=low,
            severity=severity,
            window_s=window_s,
        )

        rule_in.additional_properties = d
        return rule_in

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
