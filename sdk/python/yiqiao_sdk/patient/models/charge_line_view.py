from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChargeLineView")


@_attrs_define
class ChargeLineView:
    """
    Attributes:
        amount_fen (int):
        category (str):
        code (str):
        insurance_class (str):
        line_no (int):
        name (str):
        quantity (int):
        spec (str):
        unit (str):
        unit_fen (int):
    """

    amount_fen: int
    category: str
    code: str
    insurance_class: str
    line_no: int
    name: str
    quantity: int
    spec: str
    unit: str
    unit_fen: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        category = self.category

        code = self.code

        insurance_class = self.insurance_class

        line_no = self.line_no

        name = self.name

        quantity = self.quantity

        spec = self.spec

        unit = self.unit

        unit_fen = self.unit_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_fen": amount_fen,
                "category": category,
                "code": code,
                "insurance_class": insurance_class,
                "line_no": line_no,
                "name": name,
                "quantity": quantity,
                "spec": spec,
                "unit": unit,
                "unit_fen": unit_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        category = d.pop("category")

        code = d.pop("code")

        insurance_class = d.pop("insurance_class")

        line_no = d.pop("line_no")

        name = d.pop("name")

        quantity = d.pop("quantity")

        spec = d.pop("spec")

        unit = d.pop("unit")

        unit_fen = d.pop("unit_fen")

        charge_line_view = cls(
            amount_fen=amount_fen,
            category=category,
            code=code,
            insurance_class=insurance_class,
            line_no=line_no,
            name=name,
            quantity=quantity,
            spec=spec,
            unit=unit,
            unit_fen=unit_fen,
        )

        charge_line_view.additional_properties = d
        return charge_line_view

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
