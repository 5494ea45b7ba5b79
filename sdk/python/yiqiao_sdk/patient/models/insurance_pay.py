from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.insurance_pay_channel import InsurancePayChannel
from ..models.insurance_pay_provider import InsurancePayProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="InsurancePay")


@_attrs_define
class InsurancePay:
    """
    Attributes:
        provider (InsurancePayProvider):
        channel (InsurancePayChannel | Unset):  Default: InsurancePayChannel.MINI_PROGRAM.
        payer_ref (str | Unset):  Default: ''.
        use_personal_account (bool | Unset):  Default: True.
    """

    provider: InsurancePayProvider
    channel: InsurancePayChannel | Unset = InsurancePayChannel.MINI_PROGRAM
    payer_ref: str | Unset = ""
    use_personal_account: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider = self.provider.value

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        payer_ref = self.payer_ref

        use_personal_account = self.use_personal_account

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider": provider,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel
        if payer_ref is not UNSET:
            field_dict["payer_ref"] = payer_ref
        if use_personal_account is not UNSET:
            field_dict["use_personal_account"] = use_personal_account

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        provider = InsurancePayProvider(d.pop("provider"))

        _channel = d.pop("channel", UNSET)
        channel: InsurancePayChannel | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = InsurancePayChannel(_channel)

        payer_ref = d.pop("payer_ref", UNSET)

        use_personal_account = d.pop("use_personal_account", UNSET)

        insurance_pay = cls(
            provider=provider,
            channel=channel,
            payer_ref=payer_ref,
            use_personal_account=use_personal_account,
        )

        insurance_pay.additional_properties = d
        return insurance_pay

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
