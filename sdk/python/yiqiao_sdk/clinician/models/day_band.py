from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.day_band_status import DayBandStatus

if TYPE_CHECKING:
    from ..models.day_entry import DayEntry


T = TypeVar("T", bound="DayBand")


@_attrs_define
class DayBand:
    """
    Attributes:
        band_end (datetime.datetime):
        band_id (int):
        band_start (datetime.datetime):
        capacity (int):
        entries (list[DayEntry]):
        label_local (str):
        remaining (int):
        status (DayBandStatus):
    """

    band_end: datetime.datetime
    band_id: int
    band_start: datetime.datetime
    capacity: int
    entries: list[DayEntry]
    label_local: str
    remaining: int
    status: DayBandStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        band_end = self.band_end.isoformat()

        band_id = self.band_id

        band_start = self.band_start.isoformat()

        capacity = self.capacity

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        label_local = self.label_local

        remaining = self.remaining

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "band_end": band_end,
                "band_id": band_id,
                "band_start": band_start,
                "capacity": capacity,
                "entries": entries,
                "label_local": label_local,
                "remaining": remaining,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.day_entry import DayEntry

        d = dict(src_dict)
        band_end = datetime.datetime.fromisoformat(d.pop("band_end"))

        band_id = d.pop("band_id")

        band_start = datetime.datetime.fromisoformat(d.pop("band_start"))

        capacity = d.pop("capacity")

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = DayEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        label_local = d.pop("label_local")

        remaining = d.pop("remaining")

        status = DayBandStatus(d.pop("status"))

        day_band = cls(
            band_end=band_end,
            band_id=band_id,
            band_start=band_start,
            capacity=capacity,
            entries=entries,
            label_local=label_local,
            remaining=remaining,
            status=status,
        )

        day_band.additional_properties = d
        return day_band

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
