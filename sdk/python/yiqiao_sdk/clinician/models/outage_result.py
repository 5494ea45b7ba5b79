from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OutageResult")


@_attrs_define
class OutageResult:
    """
    Attributes:
        bands_closed (int):
        cancelled_bookings (int):
        ends_at (datetime.datetime):
        notified_patients (int):
        outage_id (UUID):
        resource_id (UUID):
        starts_at (datetime.datetime):
    """

    bands_closed: int
    cancelled_bookings: int
    ends_at: datetime.datetime
    notified_patients: int
    outage_id: UUID
    resource_id: UUID
    starts_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bands_closed = self.bands_closed

        cancelled_bookings = self.cancelled_bookings

        ends_at = self.ends_at.isoformat()

        notified_patients = self.notified_patients

        outage_id = str(self.outage_id)

        resource_id = str(self.resource_id)

        starts_at = self.starts_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bands_closed": bands_closed,
                "cancelled_bookings": cancelled_bookings,
                "ends_at": ends_at,
                "notified_patients": notified_patients,
                "outage_id": outage_id,
                "resource_id": resource_id,
                "starts_at": starts_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bands_closed = d.pop("bands_closed")

        cancelled_bookings = d.pop("cancelled_bookings")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        notified_patients = d.pop("notified_patients")

        outage_id = UUID(d.pop("outage_id"))

        resource_id = UUID(d.pop("resource_id"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        outage_result = cls(
            bands_closed=bands_closed,
            cancelled_bookings=cancelled_bookings,
            ends_at=ends_at,
            notified_patients=notified_patients,
            outage_id=outage_id,
            resource_id=resource_id,
            starts_at=starts_at,
        )

        outage_result.additional_properties = d
        return outage_result

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
