from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.health_qr import HealthQr


T = TypeVar("T", bound="CardWithQr")


@_attrs_define
class CardWithQr:
    """
    Attributes:
        card_id (str):
        card_no_masked (str):
        issuer_name (str):
        kind (str):
        profile_id (str):
        qr (HealthQr):
    """

    card_id: str
    card_no_masked: str
    issuer_name: str
    kind: str
    profile_id: str
    qr: HealthQr
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        card_id = self.card_id

        card_no_masked = self.card_no_masked

        issuer_name = self.issuer_name

        kind = self.kind

        profile_id = self.profile_id

        qr = self.qr.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "card_id": card_id,
                "card_no_masked": card_no_masked,
                "issuer_name": issuer_name,
                "kind": kind,
                "profile_id": profile_id,
                "qr": qr,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.health_qr import HealthQr

        d = dict(src_dict)
        card_id = d.pop("card_id")

        card_no_masked = d.pop("card_no_masked")

        issuer_name = d.pop("issuer_name")

        kind = d.pop("kind")

        profile_id = d.pop("profile_id")

        qr = HealthQr.from_dict(d.pop("qr"))

        card_with_qr = cls(
            card_id=card_id,
            card_no_masked=card_no_masked,
            issuer_name=issuer_name,
            kind=kind,
            profile_id=profile_id,
            qr=qr,
        )

        card_with_qr.additional_properties = d
        return card_with_qr

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
