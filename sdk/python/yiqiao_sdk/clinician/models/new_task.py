from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewTask")


@_attrs_define
class NewTask:
    """
    Attributes:
        destination_department_id (UUID):
        vehicle_id (UUID):
        patient_id (None | Unset | UUID):
        summary (str | Unset):  Default: ''.
    """

    destination_department_id: UUID
    vehicle_id: UUID
    patient_id: None | Unset | UUID = UNSET
    summary: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        destination_department_id = str(self.destination_department_id)

        vehicle_id = str(self.vehicle_id)

        patient_id: None | str | Unset
        if isinstance(self.patient_id, Unset):
            patient_id = UNSET
        elif isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "destination_department_id": destination_department_id,
                "vehicle_id": vehicle_id,
            }
        )
        if patient_id is not UNSET:
            field_dict["patient_id"] = patient_id
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        destination_department_id = UUID(d.pop("destination_department_id"))

        vehicle_id = UUID(d.pop("vehicle_id"))

        def _parse_patient_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                patient_id_type_0 = UUID(data)

                return patient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        patient_id = _parse_patient_id(d.pop("patient_id", UNSET))

        summary = d.pop("summary", UNSET)

        new_task = cls(
            destination_department_id=destination_department_id,
            vehicle_id=vehicle_id,
            patient_id=patient_id,
            summary=summary,
        )

        new_task.additional_properties = d
        return new_task

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
