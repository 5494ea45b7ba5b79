from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CategoryFees")


@_attrs_define
class CategoryFees:
    """
    Attributes:
        category (str):
        charged_fen (int):
        label (str):
        total_fen (int):
        uncharged_fen (int):
    """

    category: str
    charged_fen: int
    label: str
    total_fen: int
    uncharged_fen: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        charged_fen = self.charged_fen

        label = self.label

        total_fen = self.total_fen

        uncharged_fen = self.uncharged_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "charged_fen": charged_fen,
                "label": label,
                "total_fen": total_fen,
                "uncharged_fen": uncharged_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = d.pop("category")

        charged_fen = d.pop("charged_fen")

        label = d.pop("label")

        total_fen = d.pop("total_fen")

        uncharged_fen = d.pop("uncharged_fen")

        category_fees = cls(
            category=category,
            charged_fen=charged_fen,
            label=label,
            total_fen=total_fen,
            uncharged_fen=uncharged_fen,
        )

        category_fees.additional_properties = d
        return category_fees

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
