from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bill_view import BillView


T = TypeVar("T", bound="PendingBills")


@_attrs_define
class PendingBills:
    """
    Attributes:
        bills (list[BillView]):
        patient_id (UUID):
        patient_name_masked (str):
        total_fen (int):
    """

    bills: list[BillView]
    patient_id: UUID
    patient_name_masked: str
    total_fen: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bills = []
        for bills_item_data in self.bills:
            bills_item = bills_item_data.to_dict()
            bills.append(bills_item)

        patient_id = str(self.patient_id)

        patient_name_masked = self.patient_name_masked

        total_fen = self.total_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bills": bills,
                "patient_id": patient_id,
                "patient_name_masked": patient_name_masked,
                "total_fen": total_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bill_view import BillView

        d = dict(src_dict)
        bills = []
        _bills = d.pop("bills")
        for bills_item_data in _bills:
            bills_item = BillView.from_dict(bills_item_data)

            bills.append(bills_item)

        patient_id = UUID(d.pop("patient_id"))

        patient_name_masked = d.pop("patient_name_masked")

        total_fen = d.pop("total_fen")

        pending_bills = cls(
            bills=bills,
            patient_id=patient_id,
            patient_name_masked=patient_name_masked,
            total_fen=total_fen,
        )

        pending_bills.additional_properties = d
        return pending_bills

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
