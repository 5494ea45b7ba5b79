from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InsuranceLineView")


@_attrs_define
class InsuranceLineView:
    """
    Attributes:
        account_fen (int):
        amount_fen (int):
        cash_fen (int):
        class_text (str):
        fund_fen (int):
        insurance_class (str):
        line_no (int):
        name (str):
    """

    account_fen: int
    amount_fen: int
    cash_fen: int
    class_text: str
    fund_fen: int
    insurance_class: str
    line_no: int
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_fen = self.account_fen

        amount_fen = self.amount_fen

        cash_fen = self.cash_fen

        class_text = self.class_text

        fund_fen = self.fund_fen

        insurance_class = self.insurance_class

        line_no = self.line_no

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_fen": account_fen,
                "amount_fen": amount_fen,
                "cash_fen": cash_fen,
                "class_text": class_text,
                "fund_fen": fund_fen,
                "insurance_class": insurance_class,
                "line_no": line_no,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_fen = d.pop("account_fen")

        amount_fen = d.pop("amount_fen")

        cash_fen = d.pop("cash_fen")

        class_text = d.pop("class_text")

        fund_fen = d.pop("fund_fen")

        insurance_class = d.pop("insurance_class")

        line_no = d.pop("line_no")

        name = d.pop("name")

        insurance_line_view = cls(
            account_fen=account_fen,
            amount_fen=amount_fen,
            cash_fen=cash_fen,
            class_text=class_text,
            fund_fen=fund_fen,
            insurance_class=insurance_class,
            line_no=line_no,
            name=name,
        )

        insurance_line_view.additional_properties = d
        return insurance_line_view

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
