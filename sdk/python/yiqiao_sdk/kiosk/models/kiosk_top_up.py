from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kiosk_top_up_provider import KioskTopUpProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="KioskTopUp")


@_attrs_define
class KioskTopUp:
    """
    Attributes:
        amount_fen (int):
        provider (KioskTopUpProvider | Unset):  Default: KioskTopUpProvider.WECHAT.
    """

    amount_fen: int
    provider: KioskTopUpProvider | Unset = KioskTopUpProvider.WECHAT
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        provider: str | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_fen": amount_fen,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        _provider = d.pop("provider", UNSET)
        provider: KioskTopUpProvider | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = KioskTopUpProvider(_provider)

        kiosk_top_up = cls(
            amount_fen=amount_fen,
            provider=provider,
        )

        kiosk_top_up.additional_properties = d
        return kiosk_top_up

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
