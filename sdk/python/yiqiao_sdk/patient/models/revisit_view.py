from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.doctor_view import DoctorView
    from ..models.schedule_view import ScheduleView


T = TypeVar("T", bound="RevisitView")


@_attrs_define
class RevisitView:
    """
    Attributes:
        doctor (DoctorView | None):
        last_visit_day (datetime.date | None):
        patient_id (UUID):
        schedules (list[ScheduleView]):
    """

    doctor: DoctorView | None
    last_visit_day: datetime.date | None
    patient_id: UUID
    schedules: list[ScheduleView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.doctor_view import DoctorView

        doctor: dict[str, Any] | None
        if isinstance(self.doctor, DoctorView):
            doctor = self.doctor.to_dict()
        else:
            doctor = self.doctor

        last_visit_day: None | str
        if isinstance(self.last_visit_day, datetime.date):
            last_visit_day = self.last_visit_day.isoformat()
        else:
            last_visit_day = self.last_visit_day

        patient_id = str(self.patient_id)

        schedules = []
        for schedules_item_data in self.schedules:
            schedules_item = schedules_item_data.to_dict()
            schedules.append(schedules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "doctor": doctor,
                "last_visit_day": last_visit_day,
                "patient_id": patient_id,
                "schedules": schedules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.doctor_view import DoctorView
        from ..models.schedule_view import ScheduleView

        d = dict(src_dict)

        def _parse_doctor(data: object) -> DoctorView | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                doctor_type_0 = DoctorView.from_dict(data)

                return doctor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DoctorView | None, data)

        doctor = _parse_doctor(d.pop("doctor"))

        def _parse_last_visit_day(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_visit_day_type_0 = datetime.date.fromisoformat(data)

                return last_visit_day_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_visit_day = _parse_last_visit_day(d.pop("last_visit_day"))

        patient_id = UUID(d.pop("patient_id"))

        schedules = []
        _schedules = d.pop("schedules")
        for schedules_item_data in _schedules:
            schedules_item = ScheduleView.from_dict(schedules_item_data)

            schedules.append(schedules_item)

        revisit_view = cls(
            doctor=doctor,
            last_visit_day=last_visit_day,
            patient_id=patient_id,
            schedules=schedules,
        )

        revisit_view.additional_properties = d
        return revisit_view

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
