from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OutageEnded")


@_attrs_define
class OutageEnded:
    """
    Attributes:
        bands_reopened (int):
        outage_id (UUID):
    """

    bands_reopened: int
    outage_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bands_reopened = self.bands_reopened

        outage_id = str(self.outage_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bands_reopened": bands_reopened,
                "outage_id": outage_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bands_reopened = d.pop("bands_reopened")

        outage_id = UUID(d.pop("outage_id"))

        outage_ended = cls(
            bands_reopened=bands_reopened,
            outage_id=outage_id,
        )

        outage_ended.additional_properties = d
        return outage_ended

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
