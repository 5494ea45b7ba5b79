from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PayBills")


@_attrs_define
class PayBills:
    """
    Attributes:
        bill_nos (list[str]):
        patient_id (UUID):
    """

    bill_nos: list[str]
    patient_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bill_nos = self.bill_nos

        patient_id = str(self.patient_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bill_nos": bill_nos,
                "patient_id": patient_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bill_nos = cast(list[str], d.pop("bill_nos"))

        patient_id = UUID(d.pop("patient_id"))

        pay_bills = cls(
            bill_nos=bill_nos,
            patient_id=patient_id,
        )

        pay_bills.additional_properties = d
        return pay_bills

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
