from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.schedule_view import ScheduleView


T = TypeVar("T", bound="DepartmentDay")


@_attrs_define
class DepartmentDay:
    """
    Attributes:
        day (datetime.date):
        department_id (UUID):
        schedules (list[ScheduleView]):
    """

    day: datetime.date
    department_id: UUID
    schedules: list[ScheduleView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        department_id = str(self.department_id)

        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "department_id": department_id,
                "schedules": schedules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.schedule_view import ScheduleView

        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))

        department_id = UUID(d.pop("department_id"))

        schedules = []
        _schedules = d.pop("schedules")
        for schedules_item_data in _schedules:
            schedules_item = ScheduleView.from_dict(schedules_item_data)

            schedules.append(schedules_item)

        department_day = cls(
            day=day,
            department_id=department_id,
            schedules=schedules,
        )

        department_day.additional_properties = d
        return department_day

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
