from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProxyMatch")


@_attrs_define
class ProxyMatch:
    """
    Attributes:
        admission_no (str):
        department (str):
        institution_name (str):
        patient_name_masked (str):
        ward (str):
    """

    admission_no: str
    department: str
    institution_name: str
    patient_name_masked: str
    ward: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admission_no = self.admission_no

        department = self.department

        institution_name = self.institution_name

        patient_name_masked = self.patient_name_masked

        ward = self.ward

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admission_no": admission_no,
                "department": department,
                "institution_name": institution_name,
                "patient_name_masked": patient_name_masked,
                "ward": ward,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        admission_no = d.pop("admission_no")

        department = d.pop("department")

        institution_name = d.pop("institution_name")

        patient_name_masked = d.pop("patient_name_masked")

        ward = d.pop("ward")

        proxy_match = cls(
            admission_no=admission_no,
            department=department,
            institution_name=institution_name,
            patient_name_masked=patient_name_masked,
            ward=ward,
        )

        proxy_match.additional_properties = d
        return proxy_match

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
