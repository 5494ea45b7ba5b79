from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pay_command_channel import PayCommandChannel
from ..models.pay_command_provider import PayCommandProvider
from ..types import UNSET, Unset

T = TypeVar("T", bound="PayCommand")


@_attrs_define
class PayCommand:
    """
    Attributes:
        provider (PayCommandProvider):
        channel (PayCommandChannel | Unset):  Default: PayCommandChannel.MINI_PROGRAM.
        payer_ref (str | Unset):  Default: ''.
    """

    provider: PayCommandProvider
    channel: PayCommandChannel | Unset = PayCommandChannel.MINI_PROGRAM
    payer_ref: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider = self.provider.value

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        payer_ref = self.payer_ref

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

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        provider = PayCommandProvider(d.pop("provider"))

        _channel = d.pop("channel", UNSET)
        channel: PayCommandChannel | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = PayCommandChannel(_channel)

        payer_ref = d.pop("payer_ref", UNSET)

        pay_command = cls(
            provider=provider,
            channel=channel,
            payer_ref=payer_ref,
        )

        pay_command.additional_properties = d
        return pay_command

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
