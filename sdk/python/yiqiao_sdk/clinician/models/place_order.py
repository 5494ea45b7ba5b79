from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PlaceOrder")


@_attrs_define
class PlaceOrder:
    """
    Attributes:
        item_code (str):
        patient_id (UUID):
        clinical_note (str | Unset):  Default: ''.
        performing_department_id (None | Unset | UUID):
        sessions (int | Unset):  Default: 1.
    """

    item_code: str
    patient_id: UUID
    clinical_note: str | Unset = ""
    performing_department_id: None | Unset | UUID = UNSET
    sessions: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        item_code = self.item_code

        patient_id = str(self.patient_id)

        clinical_note = self.clinical_note

        performing_department_id: None | str | Unset
        if isinstance(self.performing_department_id, Unset):
            performing_department_id = UNSET
        elif isinstance(self.performing_department_id, UUID):
            performing_department_id = str(self.performing_department_id)
        else:
            performing_department_id = self.performing_department_id

        sessions = self.sessions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "item_code": item_code,
                "patient_id": patient_id,
            }
        )
        if clinical_note is not UNSET:
            field_dict["clinical_note"] = clinical_note
        if performing_department_id is not UNSET:
            field_dict["performing_department_id"] = performing_department_id
        if sessions is not UNSET:
            field_dict["sessions"] = sessions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        item_code = d.pop("item_code")

        patient_id = UUID(d.pop("patient_id"))

        clinical_note = d.pop("clinical_note", UNSET)

        def _parse_performing_department_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                performing_department_id_type_0 = UUID(data)

                return performing_department_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        performing_department_id = _parse_performing_department_id(
            d.pop("performing_department_id", UNSET)
        )

        sessions = d.pop("sessions", UNSET)

        place_order = cls(
            item_code=item_code,
            patient_id=patient_id,
            clinical_note=clinical_note,
            performing_department_id=performing_department_id,
            sessions=sessions,
        )

        place_order.additional_properties = d
        return place_order

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
