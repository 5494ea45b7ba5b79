from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VisitCardView")


@_attrs_define
class VisitCardView:
    """
    Attributes:
        card_no_masked (str):
        id (UUID):
        issuer_name (str):
        kind (str):
    """

    card_no_masked: str
    id: UUID
    issuer_name: str
    kind: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        card_no_masked = self.card_no_masked

        id = str(self.id)

        issuer_name = self.issuer_name

        kind = self.kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "card_no_masked": card_no_masked,
                "id": id,
                "issuer_name": issuer_name,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        card_no_masked = d.pop("card_no_masked")

        id = UUID(d.pop("id"))

        issuer_name = d.pop("issuer_name")

        kind = d.pop("kind")

        visit_card_view = cls(
            card_no_masked=card_no_masked,
            id=id,
            issuer_name=issuer_name,
            kind=kind,
        )

        visit_card_view.additional_properties = d
        return visit_card_view

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
