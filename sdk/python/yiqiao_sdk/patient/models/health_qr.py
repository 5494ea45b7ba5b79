from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HealthQr")


@_attrs_define
class HealthQr:
    """
    Attributes:
        card_id (UUID):
        expires_at (datetime.datetime):
        payload (str):
    """

    card_id: UUID
    expires_at: datetime.datetime
    payload: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        card_id = str(self.card_id)

        expires_at = self.expires_at.isoformat()

        payload = self.payload

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "card_id": card_id,
                "expires_at": expires_at,
                "payload": payload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        card_id = UUID(d.pop("card_id"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        payload = d.pop("payload")

        health_qr = cls(
            card_id=card_id,
            expires_at=expires_at,
            payload=payload,
        )

        health_qr.additional_properties = d
        return health_qr

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
