from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResourceView")


@_attrs_define
class ResourceView:
    """
    Attributes:
        code (str):
        department_id (UUID):
        department_name (str):
        down_now (bool):
        id (UUID):
        institution_id (UUID):
        institution_name (str):
        location (str):
        modality (str):
        modality_label (str):
        name (str):
        down_until (datetime.datetime | None | Unset):
    """

    code: str
    department_id: UUID
    department_name: str
    down_now: bool
    id: UUID
    institution_id: UUID
    institution_name: str
    location: str
    modality: str
    modality_label: str
    name: str
    down_until: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        department_id = str(self.department_id)

        department_name = self.department_name

        down_now = self.down_now

        id = str(self.id)

        institution_id = str(self.institution_id)

        institution_name = self.institution_name

        location = self.location

        modality = self.modality

        modality_label = self.modality_label

        name = self.name

        down_until: None | str | Unset
        if isinstance(self.down_until, Unset):
            down_until = UNSET
        elif isinstance(self.down_until, datetime.datetime):
            down_until = self.down_until.isoformat()
        else:
            down_until = self.down_until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "department_id": department_id,
                "department_name": department_name,
                "down_now": down_now,
                "id": id,
                "institution_id": institution_id,
                "institution_name": institution_name,
                "location": location,
                "modality": modality,
                "modality_label": modality_label,
                "name": name,
            }
        )
        if down_until is not UNSET:
            field_dict["down_until"] = down_until

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        department_id = UUID(d.pop("department_id"))

        department_name = d.pop("department_name")

        down_now = d.pop("down_now")

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        institution_name = d.pop("institution_name")

        location = d.pop("location")

        modality = d.pop("modality")

        modality_label = d.pop("modality_label")

        name = d.pop("name")

        def _parse_down_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                down_until_type_0 = datetime.datetime.fromisoformat(data)

                return down_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        down_until = _parse_down_until(d.pop("down_until", UNSET))

        resource_view = cls(
            code=code,
            department_id=department_id,
            department_name=department_name,
            down_now=down_now,
            id=id,
            institution_id=institution_id,
            institution_name=institution_name,
            location=location,
            modality=modality,
            modality_label=modality_label,
            name=name,
            down_until=down_until,
        )

        resource_view.additional_properties = d
        return resource_view

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
