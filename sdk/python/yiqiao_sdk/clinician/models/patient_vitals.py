from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.patient_reading import PatientReading
    from ..models.trend_point import TrendPoint


T = TypeVar("T", bound="PatientVitals")


@_attrs_define
class PatientVitals:
    """
    Attributes:
        bucket_s (int):
        latest (list[PatientReading]):
        patient_id (UUID):
        since (datetime.datetime):
        trend (list[TrendPoint]):
    """

    bucket_s: int
    latest: list[PatientReading]
    patient_id: UUID
    since: datetime.datetime
    trend: list[TrendPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket_s = self.bucket_s

        latest = []
        for latest_item_data in self.latest:
            latest_item = latest_item_data.to_dict()
            latest.append(latest_item)

        patient_id = str(self.patient_id)

        since = self.since.isoformat()

        trend = []
        for trend_item_data in self.trend:
            trend_item = trend_item_data.to_dict()
            trend.append(trend_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bucket_s": bucket_s,
                "latest": latest,
                "patient_id": patient_id,
                "since": since,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.patient_reading import PatientReading
        from ..models.trend_point import TrendPoint

        d = dict(src_dict)
        bucket_s = d.pop("bucket_s")

        latest = []
        _latest = d.pop("latest")
        for latest_item_data in _latest:
            latest_item = PatientReading.from_dict(latest_item_data)

            latest.append(latest_item)

        patient_id = UUID(d.pop("patient_id"))

        since = datetime.datetime.fromisoformat(d.pop("since"))

        trend = []
        _trend = d.pop("trend")
        for trend_item_data in _trend:
            trend_item = TrendPoint.from_dict(trend_item_data)

            trend.append(trend_item)

        patient_vitals = cls(
            bucket_s=bucket_s,
            latest=latest,
            patient_id=patient_id,
            since=since,
            trend=trend,
        )

        patient_vitals.additional_properties = d
        return patient_vitals

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
