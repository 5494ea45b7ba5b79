from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_payload_channel import PaymentPayloadChannel
from ..models.payment_payload_provider import PaymentPayloadProvider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payment_payload_params import PaymentPayloadParams


T = TypeVar("T", bound="PaymentPayload")


@_attrs_define
class PaymentPayload:
    """
    Attributes:
        channel (PaymentPayloadChannel):
        prepay_id (str):
        provider (PaymentPayloadProvider):
        code_url (str | Unset):  Default: ''.
        params (PaymentPayloadParams | Unset):
    """

    channel: PaymentPayloadChannel
    prepay_id: str
    provider: PaymentPayloadProvider
    code_url: str | Unset = ""
    params: PaymentPayloadParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        prepay_id = self.prepay_id

        provider = self.provider.value

        code_url = self.code_url

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "prepay_id": prepay_id,
                "provider": provider,
            }
        )
        if code_url is not UNSET:
            field_dict["code_url"] = code_url
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.payment_payload_params import PaymentPayloadParams

        d = dict(src_dict)
        channel = PaymentPayloadChannel(d.pop("channel"))

        prepay_id = d.pop("prepay_id")

        provider = PaymentPayloadProvider(d.pop("provider"))

        code_url = d.pop("code_url", UNSET)

        _params = d.pop("params", UNSET)
        params: PaymentPayloadParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = PaymentPayloadParams.from_dict(_params)

        payment_payload = cls(
            channel=channel,
            prepay_id=prepay_id,
            provider=provider,
            code_url=code_url,
            params=params,
        )

        payment_payload.additional_properties = d
        return payment_payload

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
