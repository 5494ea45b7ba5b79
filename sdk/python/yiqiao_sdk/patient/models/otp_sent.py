from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OtpSent")


@_attrs_define
class OtpSent:
    """
    Attributes:
        expires_in_s (int):
        resend_after_s (int):
        sent (bool):
    """

    expires_in_s: int
    resend_after_s: int
    sent: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expires_in_s = self.expires_in_s

        resend_after_s = self.resend_after_s

        sent = self.sent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_in_s": expires_in_s,
                "resend_after_s": resend_after_s,
                "sent": sent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        expires_in_s = d.pop("expires_in_s")

        resend_after_s = d.pop("resend_after_s")

        sent = d.pop("sent")

        otp_sent = cls(
            expires_in_s=expires_in_s,
            resend_after_s=resend_after_s,
            sent=sent,
        )

        otp_sent.additional_properties = d
        return otp_sent

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
