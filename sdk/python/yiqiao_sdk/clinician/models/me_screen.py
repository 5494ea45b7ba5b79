from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.department_view import DepartmentView
    from ..models.institution_view import InstitutionView
    from ..models.staff_view import StaffView


T = TypeVar("T", bound="MeScreen")


@_attrs_define
class MeScreen:
    """
    Attributes:
        colleagues (list[StaffView]):
        department (DepartmentView):
        institution (InstitutionView):
        me (StaffView):
    """

    colleagues: list[StaffView]
    department: DepartmentView
    institution: InstitutionView
    me: StaffView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        colleagues = []
        for colleagues_item_data in self.colleagues:
            colleagues_item = colleagues_item_data.to_dict()
            colleagues.append(colleagues_item)

        department = self.department.to_dict()

        institution = self.institution.to_dict()

        me = self.me.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "colleagues": colleagues,
                "department": department,
                "institution": institution,
                "me": me,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.department_view import DepartmentView
        from ..models.institution_view import InstitutionView
        from ..models.staff_view import StaffView

        d = dict(src_dict)
        colleagues = []
        _colleagues = d.pop("colleagues")
        for colleagues_item_data in _colleagues:
            colleagues_item = StaffView.from_dict(colleagues_item_data)

            colleagues.append(colleagues_item)

        department = DepartmentView.from_dict(d.pop("department"))

        institution = InstitutionView.from_dict(d.pop("institution"))

        me = StaffView.from_dict(d.pop("me"))

        me_screen = cls(
            colleagues=colleagues,
            department=department,
            institution=institution,
            me=me,
        )

        me_screen.additional_properties = d
        return me_screen

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
