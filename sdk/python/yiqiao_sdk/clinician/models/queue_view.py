from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.queue_entry_view import QueueEntryView


T = TypeVar("T", bound="QueueView")


@_attrs_define
class QueueView:
    """
    Attributes:
        average_consult_minutes (float):
        calling (list[QueueEntryView]):
        completed (int):
        day (datetime.date):
        department_id (UUID):
        department_name (str):
        doctor_id (UUID):
        doctor_name (str):
        passed (list[QueueEntryView]):
        room (str):
        schedule_id (UUID):
        session (str):
        waiting (list[QueueEntryView]):
    """

    average_consult_minutes: float
    calling: list[QueueEntryView]
    completed: int
    day: datetime.date
    department_id: UUID
    department_name: str
    doctor_id: UUID
    doctor_name: str
    passed: list[QueueEntryView]
    room: str
    schedule_id: UUID
    session: str
    waiting: list[QueueEntryView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        average_consult_minutes = self.average_consult_minutes

        calling = []
        for calling_item_data in self.calling:
            calling_item = calling_item_data.to_dict()
            calling.append(calling_item)

        completed = self.completed

        day = self.day.isoformat()

        department_id = str(self.department_id)

        department_name = self.department_name

        doctor_id = str(self.doctor_id)

        doctor_name = self.doctor_name

        passed = []
        for passed_item_data in self.passed:
            passed_item = passed_item_data.to_dict()
            passed.append(passed_item)

        room = self.room

        schedule_id = str(self.schedule_id)

        session = self.session

        waiting = []
        for waiting_item_data in self.waiting:
            waiting_item = waiting_item_data.to_dict()
            waiting.append(waiting_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "average_consult_minutes": average_consult_minutes,
                "calling": calling,
                "completed": completed,
                "day": day,
                "department_id": department_id,
                "department_name": department_name,
                "doctor_id": doctor_id,
                "doctor_name": doctor_name,
                "passed": passed,
                "room": room,
                "schedule_id": schedule_id,
                "session": session,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.queue_entry_view import QueueEntryView

        d = dict(src_dict)
        average_consult_minutes = d.pop("average_consult_minutes")

        calling = []
        _calling = d.pop("calling")
        for calling_item_data in _calling:
            calling_item = QueueEntryView.from_dict(calling_item_data)

            calling.append(calling_item)

        completed = d.pop("completed")

        day = datetime.date.fromisoformat(d.pop("day"))

        department_id = UUID(d.pop("department_id"))

        department_name = d.pop("department_name")

        doctor_id = UUID(d.pop("doctor_id"))

        doctor_name = d.pop("doctor_name")

        passed = []
        _passed = d.pop("passed")
        for passed_item_data in _passed:
            passed_item = QueueEntryView.from_dict(passed_item_data)

            passed.append(passed_item)

        room = d.pop("room")

        schedule_id = UUID(d.pop("schedule_id"))

        session = d.pop("session")

        waiting = []
        _waiting = d.pop("waiting")
        for waiting_item_data in _waiting:
            waiting_item = QueueEntryView.from_dict(waiting_item_data)

            waiting.append(waiting_item)

        queue_view = cls(
            average_consult_minutes=average_consult_minutes,
            calling=calling,
            completed=completed,
            day=day,
            department_id=department_id,
            department_name=department_name,
            doctor_id=doctor_id,
            doctor_name=doctor_name,
            passed=passed,
            room=room,
            schedule_id=schedule_id,
            session=session,
            waiting=waiting,
        )

        queue_view.additional_properties = d
        return queue_view

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
