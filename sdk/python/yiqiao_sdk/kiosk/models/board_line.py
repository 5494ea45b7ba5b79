from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BoardLine")


@_attrs_define
class BoardLine:
    """
    Attributes:
        name_masked (str):
        ticket_label (str):
    """

    name_masked: str
    ticket_label: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name_masked = self.name_masked

        ticket_label = self.ticket_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name_masked": name_masked,
                "ticket_label": ticket_label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name_masked = d.pop("name_masked")

        ticket_label = d.pop("ticket_label")

        board_line = cls(
            name_masked=name_masked,
            ticket_label=ticket_label,
        )

        board_line.additional_properties = d
        return board_line

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
