from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DepartmentView")


@_attrs_define
class DepartmentView:
    """
    Attributes:
        code (str):
        id (UUID):
        institution_id (UUID):
        kind (str):
        name (str):
    """

    code: str
    id: UUID
    institution_id: UUID
    kind: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        id = str(self.id)

        institution_id = str(self.institution_id)

        kind = self.kind

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "id": id,
                "institution_id": institution_id,
                "kind": kind,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        kind = d.pop("kind")

        name = d.pop("name")

        department_view = cls(
            code=code,
            id=id,
            institution_id=institution_id,
            kind=kind,
            name=name,
        )

        department_view.additional_properties = d
        return department_view

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
