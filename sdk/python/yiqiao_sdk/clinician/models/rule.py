from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_category import RuleCategory
from ..models.rule_kind import RuleKind
from ..models.rule_severity import RuleSeverity
from ..types import UNSET, Unset

T = TypeVar("T", bound="Rule")


@_attrs_define
class Rule:
    """
    Attributes:
        category (RuleCategory):
        key (str):
        kind (RuleKind):
        severity (RuleSeverity):
        after_s (int | None | Unset):
        code (None | str | Unset):
        delta (float | None | Unset):
        enabled (bool | Unset):  Default: True.
        event (None | str | Unset):
        high (float | None | Unset):
        low (float | None | Unset):
        window_s (int | None | Unset):
    """

    category: RuleCategory
    key: str
    kind: RuleKind
    severity: RuleSeverity
    after_s: int | None | Unset = UNSET
    code: None | str | Unset = UNSET
    delta: float | None | Unset = UNSET
    enabled: bool | Unset = True
    event: None | str | Unset = UNSET
    high: float | None | Unset = UNSET
    low: float | None | Unset = UNSET
    window_s: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        key = self.key

        kind = self.kind.value

        severity = self.severity.value

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

        window_s: int | None | Unset
        if isinstance(self.window_s, Unset):
            window_s = UNSET
        else:
            window_s = self.window_s

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "key": key,
                "kind": kind,
                "severity": severity,
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
        if window_s is not UNSET:
            field_dict["window_s"] = window_s

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = RuleCategory(d.pop("category"))

        key = d.pop("key")

        kind = RuleKind(d.pop("kind"))

        severity = RuleSeverity(d.pop("severity"))

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

        def _parse_event(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

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

        def _parse_window_s(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        window_s = _parse_window_s(d.pop("window_s", UNSET))

        rule = cls(
            category=category,
            key=key,
            kind=kind,
            severity=severity,
            after_s=after_s,
            code=code,
            delta=delta,
            enabled=enabled,
            event=event,
            high=high,
            low=low,
            window_s=window_s,
        )

        rule.additional_properties = d
        return rule

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
