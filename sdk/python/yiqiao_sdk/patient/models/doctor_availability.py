from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.doctor_view import DoctorView
    from ..models.schedule_view import ScheduleView


T = TypeVar("T", bound="DoctorAvailability")


@_attrs_define
class DoctorAvailability:
    """
    Attributes:
        doctor (DoctorView):
        schedules (list[ScheduleView]):
    """

    doctor: DoctorView
    schedules: list[ScheduleView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        doctor = self.doctor.to_dict()

        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "doctor": doctor,
                "schedules": schedules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.doctor_view import DoctorView
        from ..models.schedule_view import ScheduleView

        d = dict(src_dict)
        doctor = DoctorView.from_dict(d.pop("doctor"))

        schedules = []
        _schedules = d.pop("schedules")
        for schedules_item_data in _schedules:
            schedules_item = ScheduleView.from_dict(schedules_item_data)

            schedules.append(schedules_item)

        doctor_availability = cls(
            doctor=doctor,
            schedules=schedules,
        )

        doctor_availability.additional_properties = d
        return doctor_availability

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
