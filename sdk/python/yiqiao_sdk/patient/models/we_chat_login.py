from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WeChatLogin")


@_attrs_define
class WeChatLogin:
    """
    Attributes:
        code (str):
        phone (None | str | Unset): Mainland mobile number
        sms_code (None | str | Unset): 6-digit SMS code
    """

    code: str
    phone: None | str | Unset = UNSET
    sms_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        sms_code: None | str | Unset
        if isinstance(self.sms_code, Unset):
            sms_code = UNSET
        else:
            sms_code = self.sms_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
            }
        )
        if phone is not UNSET:
            field_dict["phone"] = phone
        if sms_code is not UNSET:
            field_dict["sms_code"] = sms_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_sms_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sms_code = _parse_sms_code(d.pop("sms_code", UNSET))

        we_chat_login = cls(
            code=code,
            phone=phone,
            sms_code=sms_code,
        )

        we_chat_login.additional_properties = d
        return we_chat_login

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
