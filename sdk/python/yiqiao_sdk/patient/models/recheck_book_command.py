from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecheckBookCommand")


@_attrs_define
class RecheckBookCommand:
    """
    Attributes:
        patient_id (UUID):
        schedule_id (UUID):
        band_start (datetime.datetime | None | Unset):
    """

    patient_id: UUID
    schedule_id: UUID
    band_start: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        patient_id = str(self.patient_id)

        schedule_id = str(self.schedule_id)

        band_start: None | str | Unset
        if isinstance(self.band_start, Unset):
            band_start = UNSET
        elif isinstance(self.band_start, datetime.datetime):
            band_start = self.band_start.isoformat()
        else:
            band_start = self.band_start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "patient_id": patient_id,
                "schedule_id": schedule_id,
            }
        )
        if band_start is not UNSET:
            field_dict["band_start"] = band_start

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        patient_id = UUID(d.pop("patient_id"))

        schedule_id = UUID(d.pop("schedule_id"))

        def _parse_band_start(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                band_start_type_0 = datetime.datetime.fromisoformat(data)

                return band_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        band_start = _parse_band_start(d.pop("band_start", UNSET))

        recheck_book_command = cls(
            patient_id=patient_id,
            schedule_id=schedule_id,
            band_start=band_start,
        )

        recheck_book_command.additional_properties = d
        return recheck_book_command

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
