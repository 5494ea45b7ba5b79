from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.binding_view_kind import BindingViewKind

T = TypeVar("T", bound="BindingView")


@_attrs_define
class BindingView:
    """
    Attributes:
        bed_label (str):
        bound_by (str):
        department_id (None | UUID):
        device_id (UUID):
        id (int):
        kind (BindingViewKind):
        patient_id (None | UUID):
        unbound_by (None | str):
        valid_from (datetime.datetime):
        valid_to (datetime.datetime | None):
        vehicle_id (None | UUID):
    """

    bed_label: str
    bound_by: str
    department_id: None | UUID
    device_id: UUID
    id: int
    kind: BindingViewKind
    patient_id: None | UUID
    unbound_by: None | str
    valid_from: datetime.datetime
    valid_to: datetime.datetime | None
    vehicle_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bed_label = self.bed_label

        bound_by = self.bound_by

        department_id: None | str
        if isinstance(self.department_id, UUID):
            department_id = str(self.department_id)
        else:
            department_id = self.department_id

        device_id = str(self.device_id)

        id = self.id

        kind = self.kind.value

        patient_id: None | str
        if isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        unbound_by: None | str
        unbound_by = self.unbound_by

        valid_from = self.valid_from.isoformat()

        valid_to: None | str
        if isinstance(self.valid_to, datetime.datetime):
            valid_to = self.valid_to.isoformat()
        else:
            valid_to = self.valid_to

        vehicle_id: None | str
        if isinstance(self.vehicle_id, UUID):
            vehicle_id = str(self.vehicle_id)
        else:
            vehicle_id = self.vehicle_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bed_label": bed_label,
                "bound_by": bound_by,
                "department_id": department_id,
                "device_id": device_id,
                "id": id,
                "kind": kind,
                "patient_id": patient_id,
                "unbound_by": unbound_by,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "vehicle_id": vehicle_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bed_label = d.pop("bed_label")

        bound_by = d.pop("bound_by")

        def _parse_department_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_id_type_0 = UUID(data)

                return department_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        department_id = _parse_department_id(d.pop("department_id"))

        device_id = UUID(d.pop("device_id"))

        id = d.pop("id")

        kind = BindingViewKind(d.pop("kind"))

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

        def _parse_unbound_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unbound_by = _parse_unbound_by(d.pop("unbound_by"))

        valid_from = datetime.datetime.fromisoformat(d.pop("valid_from"))

        def _parse_valid_to(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_to_type_0 = datetime.datetime.fromisoformat(data)

                return valid_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        valid_to = _parse_valid_to(d.pop("valid_to"))

        def _parse_vehicle_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                vehicle_id_type_0 = UUID(data)

                return vehicle_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        vehicle_id = _parse_vehicle_id(d.pop("vehicle_id"))

        binding_view = cls(
            bed_label=bed_label,
            bound_by=bound_by,
            department_id=department_id,
            device_id=device_id,
            id=id,
            kind=kind,
            patient_id=patient_id,
            unbound_by=unbound_by,
            valid_from=valid_from,
            valid_to=valid_to,
            vehicle_id=vehicle_id,
        )

        binding_view.additional_properties = d
        return binding_view

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
