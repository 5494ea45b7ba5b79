from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bill_view import BillView
    from ..models.category_fees import CategoryFees


T = TypeVar("T", bound="VisitFees")


@_attrs_define
class VisitFees:
    """
    Attributes:
        bills (list[BillView]):
        categories (list[CategoryFees]):
        charged_fen (int):
        department (str):
        doctor (str):
        institution_name (str):
        refunded_fen (int):
        total_fen (int):
        uncharged_fen (int):
        visit_at (datetime.datetime):
        visit_no (str):
    """

    bills: list[BillView]
    categories: list[CategoryFees]
    charged_fen: int
    department: str
    doctor: str
    institution_name: str
    refunded_fen: int
    total_fen: int
    uncharged_fen: int
    visit_at: datetime.datetime
    visit_no: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bills = []
        for bills_item_data in self.bills:
            bills_item = bills_item_data.to_dict()
            bills.append(bills_item)

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.to_dict()
            categories.append(categories_item)

        charged_fen = self.charged_fen

        department = self.department

        doctor = self.doctor

        institution_name = self.institution_name

        refunded_fen = self.refunded_fen

        total_fen = self.total_fen

        uncharged_fen = self.uncharged_fen

        visit_at = self.visit_at.isoformat()

        visit_no = self.visit_no

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bills": bills,
                "categories": categories,
                "charged_fen": charged_fen,
                "department": department,
                "doctor": doctor,
                "institution_name": institution_name,
                "refunded_fen": refunded_fen,
                "total_fen": total_fen,
                "uncharged_fen": uncharged_fen,
                "visit_at": visit_at,
                "visit_no": visit_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bill_view import BillView
        from ..models.category_fees import CategoryFees

        d = dict(src_dict)
        bills = []
        _bills = d.pop("bills")
        for bills_item_data in _bills:
            bills_item = BillView.from_dict(bills_item_data)

            bills.append(bills_item)

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = CategoryFees.from_dict(categories_item_data)

            categories.append(categories_item)

        charged_fen = d.pop("charged_fen")

        department = d.pop("department")

        doctor = d.pop("doctor")

        institution_name = d.pop("institution_name")

        refunded_fen = d.pop("refunded_fen")

        total_fen = d.pop("total_fen")

        uncharged_fen = d.pop("uncharged_fen")

        visit_at = datetime.datetime.fromisoformat(d.pop("visit_at"))

        visit_no = d.pop("visit_no")

        visit_fees = cls(
            bills=bills,
            categories=categories,
            charged_fen=charged_fen,
            department=department,
            doctor=doctor,
            institution_name=institution_name,
            refunded_fen=refunded_fen,
            total_fen=total_fen,
            uncharged_fen=uncharged_fen,
            visit_at=visit_at,
            visit_no=visit_no,
        )

        visit_fees.additional_properties = d
        return visit_fees

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
