from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BandView")


@_attrs_define
class BandView:
    """
    Attributes:
        band_end (datetime.datetime):
        band_start (datetime.datetime):
        label_local (str):
        remaining (int):
    """

    band_end: datetime.datetime
    band_start: datetime.datetime
    label_local: str
    remaining: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        band_end = self.band_end.isoformat()

        band_start = self.band_start.isoformat()

        label_local = self.label_local

        remaining = self.remaining

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "band_end": band_end,
                "band_start": band_start,
                "label_local": label_local,
                "remaining": remaining,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        band_end = datetime.datetime.fromisoformat(d.pop("band_end"))

        band_start = datetime.datetime.fromisoformat(d.pop("band_start"))

        label_local = d.pop("label_local")

        remaining = d.pop("remaining")

        band_view = cls(
            band_end=band_end,
            band_start=band_start,
            label_local=label_local,
            remaining=remaining,
        )

        band_view.additional_properties = d
        return band_view

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
