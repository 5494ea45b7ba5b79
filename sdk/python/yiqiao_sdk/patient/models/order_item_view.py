from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderItemView")


@_attrs_define
class OrderItemView:
    """
    Attributes:
        amount_fen (int):
        category (str):
        code (str):
        insurance_class (str):
        line_no (int):
        name (str):
        quantity (int):
        refundable (bool):
        refunded_fen (int):
        unit_fen (int):
        his_ref (None | str | Unset):
    """

    amount_fen: int
    category: str
    code: str
    insurance_class: str
    line_no: int
    name: str
    quantity: int
    refundable: bool
    refunded_fen: int
    unit_fen: int
    his_ref: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        category = self.category

        code = self.code

        insurance_class = self.insurance_class

        line_no = self.line_no

        name = self.name

        quantity = self.quantity

        refundable = self.refundable

        refunded_fen = self.refunded_fen

        unit_fen = self.unit_fen

        his_ref: None | str | Unset
        if isinstance(self.his_ref, Unset):
            his_ref = UNSET
        else:
            his_ref = self.his_ref

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
                "refundable": refundable,
                "refunded_fen": refunded_fen,
                "unit_fen": unit_fen,
            }
        )
        if his_ref is not UNSET:
            field_dict["his_ref"] = his_ref

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

        refundable = d.pop("refundable")

        refunded_fen = d.pop("refunded_fen")

        unit_fen = d.pop("unit_fen")

        def _parse_his_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        his_ref = _parse_his_ref(d.pop("his_ref", UNSET))

        order_item_view = cls(
            amount_fen=amount_fen,
            category=category,
            code=code,
            insurance_class=insurance_class,
            line_no=line_no,
            name=name,
            quantity=quantity,
            refundable=refundable,
            refunded_fen=refunded_fen,
            unit_fen=unit_fen,
            his_ref=his_ref,
        )

        order_item_view.additional_properties = d
        return order_item_view

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
