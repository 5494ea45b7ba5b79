from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InsurancePreSettle")


@_attrs_define
class InsurancePreSettle:
    """
    Attributes:
        use_personal_account (bool | Unset):  Default: True.
    """

    use_personal_account: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        use_personal_account = self.use_personal_account

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if use_personal_account is not UNSET:
            field_dict["use_personal_account"] = use_personal_account

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        use_personal_account = d.pop("use_personal_account", UNSET)

        insurance_pre_settle = cls(
            use_personal_account=use_personal_account,
        )

        insurance_pre_settle.additional_properties = d
        return insurance_pre_settle

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
