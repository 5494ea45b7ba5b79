from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TrendPoint")


@_attrs_define
class TrendPoint:
    """
    Attributes:
        bucket_start (datetime.datetime):
        code (str):
        count (int):
        high (float):
        low (float):
        mean (float):
        unit (str):
    """

    bucket_start: datetime.datetime
    code: str
    count: int
    high: float
    low: float
    mean: float
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket_start = self.bucket_start.isoformat()

        code = self.code

        count = self.count

        high = self.high

        low = self.low

        mean = self.mean

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bucket_start": bucket_start,
                "code": code,
                "count": count,
                "high": high,
                "low": low,
                "mean": mean,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bucket_start = datetime.datetime.fromisoformat(d.pop("bucket_start"))

        code = d.pop("code")

        count = d.pop("count")

        high = d.pop("high")

        low = d.pop("low")

        mean = d.pop("mean")

        unit = d.pop("unit")

        trend_point = cls(
            bucket_start=bucket_start,
            code=code,
            count=count,
            high=high,
            low=low,
            mean=mean,
            unit=unit,
        )

        trend_point.additional_properties = d
        return trend_point

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
