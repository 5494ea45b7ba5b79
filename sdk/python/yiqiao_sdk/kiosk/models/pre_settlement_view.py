from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PreSettlementView")


@_attrs_define
class PreSettlementView:
    """
    Attributes:
        charges_fen (int):
        deposits_fen (int):
        due_fen (int):
        insurance_fen (int):
        presettled_at (datetime.datetime):
        refund_fen (int):
        self_pay_fen (int):
        insurance_note (str | Unset):  Default: ''.
    """

    charges_fen: int
    deposits_fen: int
    due_fen: int
    insurance_fen: int
    presettled_at: datetime.datetime
    refund_fen: int
    self_pay_fen: int
    insurance_note: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        charges_fen = self.charges_fen

        deposits_fen = self.deposits_fen

        due_fen = self.due_fen

        insurance_fen = self.insurance_fen

        presettled_at = self.presettled_at.isoformat()

        refund_fen = self.refund_fen

        self_pay_fen = self.self_pay_fen

        insurance_note = self.insurance_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "charges_fen": charges_fen,
                "deposits_fen": deposits_fen,
                "due_fen": due_fen,
                "insurance_fen": insurance_fen,
                "presettled_at": presettled_at,
                "refund_fen": refund_fen,
                "self_pay_fen": self_pay_fen,
            }
        )
        if insurance_note is not UNSET:
            field_dict["insurance_note"] = insurance_note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        charges_fen = d.pop("charges_fen")

        deposits_fen = d.pop("deposits_fen")

        due_fen = d.pop("due_fen")

        insurance_fen = d.pop("insurance_fen")

        presettled_at = datetime.datetime.fromisoformat(d.pop("presettled_at"))

        refund_fen = d.pop("refund_fen")

        self_pay_fen = d.pop("self_pay_fen")

        insurance_note = d.pop("insurance_note", UNSET)

        pre_settlement_view = cls(
            charges_fen=charges_fen,
            deposits_fen=deposits_fen,
            due_fen=due_fen,
            insurance_fen=insurance_fen,
            presettled_at=presettled_at,
            refund_fen=refund_fen,
            self_pay_fen=self_pay_fen,
            insurance_note=insurance_note,
        )

        pre_settlement_view.additional_properties = d
        return pre_settlement_view

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
