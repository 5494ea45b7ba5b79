from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProxyDepositIn")


@_attrs_define
class ProxyDepositIn:
    """
    Attributes:
        admission_no (str):
        amount_fen (int):
        patient_name (str):
    """

    admission_no: str
    amount_fen: int
    patient_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admission_no = self.admission_no

        amount_fen = self.amount_fen

        patient_name = self.patient_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admission_no": admission_no,
                "amount_fen": amount_fen,
                "patient_name": patient_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        admission_no = d.pop("admission_no")

        amount_fen = d.pop("amount_fen")

        patient_name = d.pop("patient_name")

        proxy_deposit_in = cls(
            admission_no=admission_no,
            amount_fen=amount_fen,
            patient_name=patient_name,
        )

        proxy_deposit_in.additional_properties = d
        return proxy_deposit_in

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
