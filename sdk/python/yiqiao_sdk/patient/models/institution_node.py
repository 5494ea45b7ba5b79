from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.department_node import DepartmentNode


T = TypeVar("T", bound="InstitutionNode")


@_attrs_define
class InstitutionNode:
    """
    Attributes:
        code (str):
        departments (list[DepartmentNode]):
        id (UUID):
        kind (str):
        name (str):
        campuses (list[InstitutionNode] | Unset):
    """

    code: str
    departments: list[DepartmentNode]
    id: UUID
    kind: str
    name: str
    campuses: list[InstitutionNode] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        departments = []
        for departments_item_data in self.departments:
            departments_item = departments_item_data.to_dict()
            departments.append(departments_item)

        id = str(self.id)

        kind = self.kind

        name = self.name

        campuses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.campuses, Unset):
            campuses = []
            for campuses_item_data in self.campuses:
                campuses_item = campuses_item_data.to_dict()
                campuses.append(campuses_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "departments": departments,
                "id": id,
                "kind": kind,
                "name": name,
            }
        )
        if campuses is not UNSET:
            field_dict["campuses"] = campuses

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.department_node import DepartmentNode

        d = dict(src_dict)
        code = d.pop("code")

        departments = []
        _departments = d.pop("departments")
        for departments_item_data in _departments:
            departments_item = DepartmentNode.from_dict(departments_item_data)

            departments.append(departments_item)

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        name = d.pop("name")

        _campuses = d.pop("campuses", UNSET)
        campuses: list[InstitutionNode] | Unset = UNSET
        if _campuses is not UNSET:
            campuses = []
            for campuses_item_data in _campuses:
                campuses_item = InstitutionNode.from_dict(campuses_item_data)

                campuses.append(campuses_item)

        institution_node = cls(
            code=code,
            departments=departments,
            id=id,
            kind=kind,
            name=name,
            campuses=campuses,
        )

        institution_node.additional_properties = d
        return institution_node

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
