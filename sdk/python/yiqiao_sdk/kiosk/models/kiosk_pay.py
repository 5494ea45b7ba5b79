from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kiosk_pay_provider import KioskPayProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="KioskPay")


@_attrs_define
class KioskPay:
    """
    Attributes:
        bill_nos (list[str]):
        provider (KioskPayProvider | Unset):  Default: KioskPayProvider.WECHAT.
    """

    bill_nos: list[str]
    provider: KioskPayProvider | Unset = KioskPayProvider.WECHAT
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bill_nos = self.bill_nos

        provider: str | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bill_nos": bill_nos,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bill_nos = cast(list[str], d.pop("bill_nos"))

        _provider = d.pop("provider", UNSET)
        provider: KioskPayProvider | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = KioskPayProvider(_provider)

        kiosk_pay = cls(
            bill_nos=bill_nos,
            provider=provider,
        )

        kiosk_pay.additional_properties = d
        return kiosk_pay

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
