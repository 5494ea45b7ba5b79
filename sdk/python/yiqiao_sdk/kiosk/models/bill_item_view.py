from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BillItemView")


@_attrs_define
class BillItemView:
    """
    Attributes:
        amount_fen (int):
        category (str):
        category_label (str):
        code (str):
        dispensed (bool):
        executed (bool):
        insurance_class (str):
        item_no (str):
        line_no (int):
        name (str):
        quantity (int):
        refundable (bool):
        refunded_fen (int):
        spec (str):
        unit (str):
        unit_fen (int):
    """

    amount_fen: int
    category: str
    category_label: str
    code: str
    dispensed: bool
    executed: bool
    insurance_class: str
    item_no: str
    line_no: int
    name: str
    quantity: int
    refundable: bool
    refunded_fen: int
    spec: str
    unit: str
    unit_fen: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        category = self.category

        category_label = self.category_label

        code = self.code

        dispensed = self.dispensed

        executed = self.executed

        insurance_class = self.insurance_class

        item_no = self.item_no

        line_no = self.line_no

        name = self.name

        quantity = self.quantity

        refundable = self.refundable

        refunded_fen = self.refunded_fen

        spec = self.spec

        unit = self.unit

        unit_fen = self.unit_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_fen": amount_fen,
                "category": category,
                "category_label": category_label,
                "code": code,
                "dispensed": dispensed,
                "executed": executed,
                "insurance_class": insurance_class,
                "item_no": item_no,
                "line_no": line_no,
                "name": name,
                "quantity": quantity,
                "refundable": refundable,
                "refunded_fen": refunded_fen,
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

        category_label = d.pop("category_label")

        code = d.pop("code")

        dispensed = d.pop("dispensed")

        executed = d.pop("executed")

        insurance_class = d.pop("insurance_class")

        item_no = d.pop("item_no")

        line_no = d.pop("line_no")

        name = d.pop("name")

        quantity = d.pop("quantity")

        refundable = d.pop("refundable")

        refunded_fen = d.pop("refunded_fen")

        spec = d.pop("spec")

        unit = d.pop("unit")

        unit_fen = d.pop("unit_fen")

        bill_item_view = cls(
            amount_fen=amount_fen,
            category=category,
            category_label=category_label,
            code=code,
            dispensed=dispensed,
            executed=executed,
            insurance_class=insurance_class,
            item_no=item_no,
            line_no=line_no,
            name=name,
            quantity=quantity,
            refundable=refundable,
            refunded_fen=refunded_fen,
            spec=spec,
            unit=unit,
            unit_fen=unit_fen,
        )

        bill_item_view.additional_properties = d
        return bill_item_view

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
