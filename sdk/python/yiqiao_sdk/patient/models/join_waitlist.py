from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="JoinWaitlist")


@_attrs_define
class JoinWaitlist:
    """
    Attributes:
        patient_id (UUID):
        schedule_id (UUID):
    """

    patient_id: UUID
    schedule_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        patient_id = str(self.patient_id)

        schedule_id = str(self.schedule_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "patient_id": patient_id,
                "schedule_id": schedule_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        patient_id = UUID(d.pop("patient_id"))

        schedule_id = UUID(d.pop("schedule_id"))

        join_waitlist = cls(
            patient_id=patient_id,
            schedule_id=schedule_id,
        )

        join_waitlist.additional_properties = d
        return join_waitlist

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
