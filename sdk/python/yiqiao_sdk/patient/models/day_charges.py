from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.charge_line_view import ChargeLineView


T = TypeVar("T", bound="DayCharges")


@_attrs_define
class DayCharges:
    """
    Attributes:
        day (datetime.date):
        lines (list[ChargeLineView]):
        total_fen (int):
    """

    day: datetime.date
    lines: list[ChargeLineView]
    total_fen: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day.isoformat()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        total_fen = self.total_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "lines": lines,
                "total_fen": total_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.charge_line_view import ChargeLineView

        d = dict(src_dict)
        day = datetime.date.fromisoformat(d.pop("day"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = ChargeLineView.from_dict(lines_item_data)

            lines.append(lines_item)

        total_fen = d.pop("total_fen")

        day_charges = cls(
            day=day,
            lines=lines,
            total_fen=total_fen,
        )

        day_charges.additional_properties = d
        return day_charges

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
