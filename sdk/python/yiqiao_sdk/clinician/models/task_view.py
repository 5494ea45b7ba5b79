from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_view_status import TaskViewStatus

T = TypeVar("T", bound="TaskView")


@_attrs_define
class TaskView:
    """
    Attributes:
        closed_at (datetime.datetime | None):
        created_at (datetime.datetime):
        destination_department_id (UUID):
        destination_institution_id (UUID):
        id (UUID):
        institution_id (UUID):
        patient_id (None | UUID):
        status (TaskViewStatus):
        summary (str):
        updated_at (datetime.datetime):
        vehicle_id (UUID):
    """

    closed_at: datetime.datetime | None
    created_at: datetime.datetime
    destination_department_id: UUID
    destination_institution_id: UUID
    id: UUID
    institution_id: UUID
    patient_id: None | UUID
    status: TaskViewStatus
    summary: str
    updated_at: datetime.datetime
    vehicle_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_at = self.created_at.isoformat()

        destination_department_id = str(self.destination_department_id)

        destination_institution_id = str(self.destination_institution_id)

        id = str(self.id)

        institution_id = str(self.institution_id)

        patient_id: None | str
        if isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        status = self.status.value

        summary = self.summary

        updated_at = self.updated_at.isoformat()

        vehicle_id = str(self.vehicle_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_at": closed_at,
                "created_at": created_at,
                "destination_department_id": destination_department_id,
                "destination_institution_id": destination_institution_id,
                "id": id,
                "institution_id": institution_id,
                "patient_id": patient_id,
                "status": status,
                "summary": summary,
                "updated_at": updated_at,
                "vehicle_id": vehicle_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        destination_department_id = UUID(d.pop("destination_department_id"))

        destination_institution_id = UUID(d.pop("destination_institution_id"))

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

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

        status = TaskViewStatus(d.pop("status"))

        summary = d.pop("summary")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        vehicle_id = UUID(d.pop("vehicle_id"))

        task_view = cls(
            closed_at=closed_at,
            created_at=created_at,
            destination_department_id=destination_department_id,
            destination_institution_id=destination_institution_id,
            id=id,
            institution_id=institution_id,
            patient_id=patient_id,
            status=status,
            summary=summary,
            updated_at=updated_at,
            vehicle_id=vehicle_id,
        )

        task_view.additional_properties = d
        return task_view

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
