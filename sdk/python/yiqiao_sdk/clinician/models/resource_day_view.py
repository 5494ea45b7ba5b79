from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.day_band import DayBand
    from ..models.resource_view import ResourceView


T = TypeVar("T", bound="ResourceDayView")


@_attrs_define
class ResourceDayView:
    """
    Attributes:
        bands (list[DayBand]):
        booked (int):
        checked_in (int):
        completed (int):
        day (datetime.date):
        resource (ResourceView):
    """

    bands: list[DayBand]
    booked: int
    checked_in: int
    completed: int
    day: datetime.date
    resource: ResourceView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bands = []
        for bands_item_data in self.bands:
            bands_item = bands_item_data.to_dict()
            bands.append(bands_item)

        booked = self.booked

        checked_in = self.checked_in

        completed = self.completed

        day = self.day.isoformat()

        resource = self.resource.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bands": bands,
                "booked": booked,
                "checked_in": checked_in,
                "completed": completed,
                "day": day,
                "resource": resource,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.day_band import DayBand
        from ..models.resource_view import ResourceView

        d = dict(src_dict)
        bands = []
        _bands = d.pop("bands")
        for bands_item_data in _bands:
            bands_item = DayBand.from_dict(bands_item_data)

            bands.append(bands_item)

        booked = d.pop("booked")

        checked_in = d.pop("checked_in")

        completed = d.pop("completed")

        day = datetime.date.fromisoformat(d.pop("day"))

        resource = ResourceView.from_dict(d.pop("resource"))

        resource_day_view = cls(
            bands=bands,
            booked=booked,
            checked_in=checked_in,
            completed=completed,
            day=day,
            resource=resource,
        )

        resource_day_view.additional_properties = d
        return resource_day_view

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
