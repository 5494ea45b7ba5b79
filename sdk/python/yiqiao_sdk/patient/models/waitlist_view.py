from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.waitlist_view_status import WaitlistViewStatus

T = TypeVar("T", bound="WaitlistView")


@_attrs_define
class WaitlistView:
    """
    Attributes:
        appointment_id (None | UUID):
        created_at (datetime.datetime):
        id (UUID):
        patient_id (UUID):
        position (int | None):
        schedule_id (UUID):
        status (WaitlistViewStatus):
    """

    appointment_id: None | UUID
    created_at: datetime.datetime
    id: UUID
    patient_id: UUID
    position: int | None
    schedule_id: UUID
    status: WaitlistViewStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        appointment_id: None | str
        if isinstance(self.appointment_id, UUID):
            appointment_id = str(self.appointment_id)
        else:
            appointment_id = self.appointment_id

        created_at = self.created_at.isoformat()

        id = str(self.id)

        patient_id = str(self.patient_id)

        position: int | None
        position = self.position

        schedule_id = str(self.schedule_id)

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "appointment_id": appointment_id,
                "created_at": created_at,
                "id": id,
                "patient_id": patient_id,
                "position": position,
                "schedule_id": schedule_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_appointment_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                appointment_id_type_0 = UUID(data)

                return appointment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        appointment_id = _parse_appointment_id(d.pop("appointment_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        patient_id = UUID(d.pop("patient_id"))

        def _parse_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        position = _parse_position(d.pop("position"))

        schedule_id = UUID(d.pop("schedule_id"))

        status = WaitlistViewStatus(d.pop("status"))

        waitlist_view = cls(
            appointment_id=appointment_id,
            created_at=created_at,
            id=id,
            patient_id=patient_id,
            position=position,
            schedule_id=schedule_id,
            status=status,
        )

        waitlist_view.additional_properties = d
        return waitlist_view

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
