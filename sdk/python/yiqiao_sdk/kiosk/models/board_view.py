from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.board_line import BoardLine


T = TypeVar("T", bound="BoardView")


@_attrs_define
class BoardView:
    """
    Attributes:
        calling (list[BoardLine]):
        department_id (UUID):
        department_name (str):
        doctor_name (str):
        next_ (list[BoardLine]):
        room (str):
        schedule_id (UUID):
        waiting_count (int):
    """

    calling: list[BoardLine]
    department_id: UUID
    department_name: str
    doctor_name: str
    next_: list[BoardLine]
    room: str
    schedule_id: UUID
    waiting_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calling = []
        for calling_item_data in self.calling:
            calling_item = calling_item_data.to_dict()
            calling.append(calling_item)

        department_id = str(self.department_id)

        department_name = self.department_name

        doctor_name = self.doctor_name

        next_ = []
        for next_item_data in self.next_:
            next_item = next_item_data.to_dict()
            next_.append(next_item)

        room = self.room

        schedule_id = str(self.schedule_id)

        waiting_count = self.waiting_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calling": calling,
                "department_id": department_id,
                "department_name": department_name,
                "doctor_name": doctor_name,
                "next": next_,
                "room": room,
                "schedule_id": schedule_id,
                "waiting_count": waiting_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.board_line import BoardLine

        d = dict(src_dict)
        calling = []
        _calling = d.pop("calling")
        for calling_item_data in _calling:
            calling_item = BoardLine.from_dict(calling_item_data)

            calling.append(calling_item)

        department_id = UUID(d.pop("department_id"))

        department_name = d.pop("department_name")

        doctor_name = d.pop("doctor_name")

        next_ = []
        _next_ = d.pop("next")
        for next_item_data in _next_:
            next_item = BoardLine.from_dict(next_item_data)

            next_.append(next_item)

        room = d.pop("room")

        schedule_id = UUID(d.pop("schedule_id"))

        waiting_count = d.pop("waiting_count")

        board_view = cls(
            calling=calling,
            department_id=department_id,
            department_name=department_name,
            doctor_name=doctor_name,
            next_=next_,
            room=room,
            schedule_id=schedule_id,
            waiting_count=waiting_count,
        )

        board_view.additional_properties = d
        return board_view

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
