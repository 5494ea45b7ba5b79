from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alarm_view_category import AlarmViewCategory
from ..models.alarm_view_severity import AlarmViewSeverity
from ..models.alarm_view_state import AlarmViewState

T = TypeVar("T", bound="AlarmView")


@_attrs_define
class AlarmView:
    """
    Attributes:
        acknowledged_at (datetime.datetime | None):
        acknowledged_by (None | UUID):
        assignee_id (None | UUID):
        bed_label (str):
        category (AlarmViewCategory):
        code (None | str):
        department_id (None | UUID):
        device_code (str):
        device_id (UUID):
        escalated_at (datetime.datetime | None):
        event (None | str):
        id (UUID):
        last_at (datetime.datetime):
        level (int):
        message (str):
        patient_id (None | UUID):
        raised_at (datetime.datetime):
        repeats (int):
        resolution_note (None | str):
        resolved_at (datetime.datetime | None):
        rule_key (str):
        severity (AlarmViewSeverity):
        state (AlarmViewState):
        unit (None | str):
        value (float | None):
    """

    acknowledged_at: datetime.datetime | None
    acknowledged_by: None | UUID
    assignee_id: None | UUID
    bed_label: str
    category: AlarmViewCategory
    code: None | str
    department_id: None | UUID
    device_code: str
    device_id: UUID
    escalated_at: datetime.datetime | None
    event: None | str
    id: UUID
    last_at: datetime.datetime
    level: int
    message: str
    patient_id: None | UUID
    raised_at: datetime.datetime
    repeats: int
    resolution_note: None | str
    resolved_at: datetime.datetime | None
    rule_key: str
    severity: AlarmViewSeverity
    state: AlarmViewState
    unit: None | str
    value: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acknowledged_at: None | str
        if isinstance(self.acknowledged_at, datetime.datetime):
            acknowledged_at = self.acknowledged_at.isoformat()
        else:
            acknowledged_at = self.acknowledged_at

        acknowledged_by: None | str
        if isinstance(self.acknowledged_by, UUID):
            acknowledged_by = str(self.acknowledged_by)
        else:
            acknowledged_by = self.acknowledged_by

        assignee_id: None | str
        if isinstance(self.assignee_id, UUID):
            assignee_id = str(self.assignee_id)
        else:
            assignee_id = self.assignee_id

        bed_label = self.bed_label

        category = self.category.value

        code: None | str
        code = self.code

        department_id: None | str
        if isinstance(self.department_id, UUID):
            department_id = str(self.department_id)
        else:
            department_id = self.department_id

        device_code = self.device_code

        device_id = str(self.device_id)

        escalated_at: None | str
        if isinstance(self.escalated_at, datetime.datetime):
            escalated_at = self.escalated_at.isoformat()
        else:
            escalated_at = self.escalated_at

        event: None | str
        event = self.event

        id = str(self.id)

        last_at = self.last_at.isoformat()

        level = self.level

        message = self.message

        patient_id: None | str
        if isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        raised_at = self.raised_at.isoformat()

        repeats = self.repeats

        resolution_note: None | str
        resolution_note = self.resolution_note

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        rule_key = self.rule_key

        severity = self.severity.value

        state = self.state.value

        unit: None | str
        unit = self.unit

        value: float | None
        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "acknowledged_at": acknowledged_at,
                "acknowledged_by": acknowledged_by,
                "assignee_id": assignee_id,
                "bed_label": bed_label,
                "category": category,
                "code": code,
                "department_id": department_id,
                "device_code": device_code,
                "device_id": device_id,
                "escalated_at": escalated_at,
                "event": event,
                "id": id,
                "last_at": last_at,
                "level": level,
                "message": message,
                "patient_id": patient_id,
                "raised_at": raised_at,
                "repeats": repeats,
                "resolution_note": resolution_note,
                "resolved_at": resolved_at,
                "rule_key": rule_key,
                "severity": severity,
                "state": state,
                "unit": unit,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acknowledged_at = _parse_acknowledged_at(d.pop("acknowledged_at"))

        def _parse_acknowledged_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acknowledged_by_type_0 = UUID(data)

                return acknowledged_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        acknowledged_by = _parse_acknowledged_by(d.pop("acknowledged_by"))

        def _parse_assignee_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_id_type_0 = UUID(data)

                return assignee_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id"))

        bed_label = d.pop("bed_label")

        category = AlarmViewCategory(d.pop("category"))

        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))

        def _parse_department_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_id_type_0 = UUID(data)

                return department_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        department_id = _parse_department_id(d.pop("department_id"))

        device_code = d.pop("device_code")

        device_id = UUID(d.pop("device_id"))

        def _parse_escalated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalated_at_type_0 = datetime.datetime.fromisoformat(data)

                return escalated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        escalated_at = _parse_escalated_at(d.pop("escalated_at"))

        def _parse_event(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        event = _parse_event(d.pop("event"))

        id = UUID(d.pop("id"))

        last_at = datetime.datetime.fromisoformat(d.pop("last_at"))

        level = d.pop("level")

        message = d.pop("message")

        def _parse_patient_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                patient_id_type_0 = UUID(data)

                return patient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        patient_id = _parse_patient_id(d.pop("patient_id"))

        raised_at = datetime.datetime.fromisoformat(d.pop("raised_at"))

        repeats = d.pop("repeats")

        def _parse_resolution_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        resolution_note = _parse_resolution_note(d.pop("resolution_note"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        rule_key = d.pop("rule_key")

        severity = AlarmViewSeverity(d.pop("severity"))

        state = AlarmViewState(d.pop("state"))

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))

        alarm_view = cls(
            acknowledged_at=acknowledged_at,
            acknowledged_by=acknowledged_by,
            assignee_id=assignee_id,
            bed_label=bed_label,
            category=category,
            code=code,
            department_id=department_id,
            device_code=device_code,
            device_id=device_id,
            escalated_at=escalated_at,
            event=event,
            id=id,
            last_at=last_at,
            level=level,
            message=message,
            patient_id=patient_id,
            raised_at=raised_at,
            repeats=repeats,
            resolution_note=resolution_note,
            resolved_at=resolved_at,
            rule_key=rule_key,
            severity=severity,
            state=state,
            unit=unit,
            value=value,
        )

        alarm_view.additional_properties = d
        return alarm_view

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
