from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DoctorView")


@_attrs_define
class DoctorView:
    """
    Attributes:
        department_id (UUID):
        department_name (str):
        id (UUID):
        institution_id (UUID):
        institution_name (str):
        name (str):
        pinyin_initials (str):
        title (str):
        intro (str | Unset):  Default: ''.
        specialties (str | Unset):  Default: ''.
    """

    department_id: UUID
    department_name: str
    id: UUID
    institution_id: UUID
    institution_name: str
    name: str
    pinyin_initials: str
    title: str
    intro: str | Unset = ""
    specialties: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department_id = str(self.department_id)

        department_name = self.department_name

        id = str(self.id)

        institution_id = str(self.institution_id)

        institution_name = self.institution_name

        name = self.name

        pinyin_initials = self.pinyin_initials

        title = self.title

        intro = self.intro

        specialties = self.specialties

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department_id": department_id,
                "department_name": department_name,
                "id": id,
                "institution_id": institution_id,
                "institution_name": institution_name,
                "name": name,
                "pinyin_initials": pinyin_initials,
                "title": title,
            }
        )
        if intro is not UNSET:
            field_dict["intro"] = intro
        if specialties is not UNSET:
            field_dict["specialties"] = specialties

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        department_id = UUID(d.pop("department_id"))

        department_name = d.pop("department_name")

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        institution_name = d.pop("institution_name")

        name = d.pop("name")

        pinyin_initials = d.pop("pinyin_initials")

        title = d.pop("title")

        intro = d.pop("intro", UNSET)

        specialties = d.pop("specialties", UNSET)

        doctor_view = cls(
            department_id=department_id,
            department_name=department_name,
            id=id,
            institution_id=institution_id,
            institution_name=institution_name,
            name=name,
            pinyin_initials=pinyin_initials,
            title=title,
            intro=intro,
            specialties=specialties,
        )

        doctor_view.additional_properties = d
        return doctor_view

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
