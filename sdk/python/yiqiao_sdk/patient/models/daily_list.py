from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.category_total import CategoryTotal
    from ..models.day_charges import DayCharges


T = TypeVar("T", bound="DailyList")


@_attrs_define
class DailyList:
    """
    Attributes:
        admission_id (UUID):
        admission_no (str):
        by_category (list[CategoryTotal]):
        days (list[DayCharges]):
        first_day (datetime.date):
        last_day (datetime.date):
        patient_name_masked (str):
        total_fen (int):
    """

    admission_id: UUID
    admission_no: str
    by_category: list[CategoryTotal]
    days: list[DayCharges]
    first_day: datetime.date
    last_day: datetime.date
    patient_name_masked: str
    total_fen: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admission_id = str(self.admission_id)

        admission_no = self.admission_no

        by_category = []
        for by_category_item_data in self.by_category:
            by_category_item = by_category_item_data.to_dict()
            by_category.append(by_category_item)

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        first_day = self.first_day.isoformat()

        last_day = self.last_day.isoformat()

        patient_name_masked = self.patient_name_masked

        total_fen = self.total_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admission_id": admission_id,
                "admission_no": admission_no,
                "by_category": by_category,
                "days": days,
                "first_day": first_day,
                "last_day": last_day,
                "patient_name_masked": patient_name_masked,
                "total_fen": total_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.category_total import CategoryTotal
        from ..models.day_charges import DayCharges

        d = dict(src_dict)
        admission_id = UUID(d.pop("admission_id"))

        admission_no = d.pop("admission_no")

        by_category = []
        _by_category = d.pop("by_category")
        for by_category_item_data in _by_category:
            by_category_item = CategoryTotal.from_dict(by_category_item_data)

            by_category.append(by_category_item)

        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = DayCharges.from_dict(days_item_data)

            days.append(days_item)

        first_day = datetime.date.fromisoformat(d.pop("first_day"))

        last_day = datetime.date.fromisoformat(d.pop("last_day"))

        patient_name_masked = d.pop("patient_name_masked")

        total_fen = d.pop("total_fen")

        daily_list = cls(
            admission_id=admission_id,
            admission_no=admission_no,
            by_category=by_category,
            days=days,
            first_day=first_day,
            last_day=last_day,
            patient_name_masked=patient_name_masked,
            total_fen=total_fen,
        )

        daily_list.additional_properties = d
        return daily_list

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
