from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExamBandView")


@_attrs_define
class ExamBandView:
    """
    Attributes:
        available (bool):
        band_end (datetime.datetime):
        band_id (int):
        band_start (datetime.datetime):
        day (datetime.date):
        label_local (str):
        location (str):
        remaining (int):
        resource_id (UUID):
        resource_name (str):
        conflict (None | str | Unset):
        conflict_code (None | str | Unset):
    """

    available: bool
    band_end: datetime.datetime
    band_id: int
    band_start: datetime.datetime
    day: datetime.date
    label_local: str
    location: str
    remaining: int
    resource_id: UUID
    resource_name: str
    conflict: None | str | Unset = UNSET
    conflict_code: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        band_end = self.band_end.isoformat()

        band_id = self.band_id

        band_start = self.band_start.isoformat()

        day = self.day.isoformat()

        label_local = self.label_local

        location = self.location

        remaining = self.remaining

        resource_id = str(self.resource_id)

        resource_name = self.resource_name

        conflict: None | str | Unset
        if isinstance(self.conflict, Unset):
            conflict = UNSET
        else:
            conflict = self.conflict

        conflict_code: None | str | Unset
        if isinstance(self.conflict_code, Unset):
            conflict_code = UNSET
        else:
            conflict_code = self.conflict_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "band_end": band_end,
                "band_id": band_id,
                "band_start": band_start,
                "day": day,
                "label_local": label_local,
                "location": location,
                "remaining": remaining,
                "resource_id": resource_id,
                "resource_name": resource_name,
            }
        )
        if conflict is not UNSET:
            field_dict["conflict"] = conflict
        if conflict_code is not UNSET:
            field_dict["conflict_code"] = conflict_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        available = d.pop("available")

        band_end = datetime.datetime.fromisoformat(d.pop("band_end"))

        band_id = d.pop("band_id")

        band_start = datetime.datetime.fromisoformat(d.pop("band_start"))

        day = datetime.date.fromisoformat(d.pop("day"))

        label_local = d.pop("label_local")

        location = d.pop("location")

        remaining = d.pop("remaining")

        resource_id = UUID(d.pop("resource_id"))

        resource_name = d.pop("resource_name")

        def _parse_conflict(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conflict = _parse_conflict(d.pop("conflict", UNSET))

        def _parse_conflict_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        conflict_code = _parse_conflict_code(d.pop("conflict_code", UNSET))

        exam_band_view = cls(
            available=available,
            band_end=band_end,
            band_id=band_id,
            band_start=band_start,
            day=day,
            label_local=label_local,
            location=location,
            remaining=remaining,
            resource_id=resource_id,
            resource_name=resource_name,
            conflict=conflict,
            conflict_code=conflict_code,
        )

        exam_band_view.additional_properties = d
        return exam_band_view

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
