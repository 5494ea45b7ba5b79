from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StaffView")


@_attrs_define
class StaffView:
    """
    Attributes:
        department_id (UUID):
        id (UUID):
        institution_id (UUID):
        name (str):
        role (str):
        title (str):
    """

    department_id: UUID
    id: UUID
    institution_id: UUID
    name: str
    role: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department_id = str(self.department_id)

        id = str(self.id)

        institution_id = str(self.institution_id)

        name = self.name

        role = self.role

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department_id": department_id,
                "id": id,
                "institution_id": institution_id,
                "name": name,
                "role": role,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        department_id = UUID(d.pop("department_id"))

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        name = d.pop("name")

        role = d.pop("role")

        title = d.pop("title")

        staff_view = cls(
            department_id=department_id,
            id=id,
            institution_id=institution_id,
            name=name,
            role=role,
            title=title,
        )

        staff_view.additional_properties = d
        return staff_view

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
