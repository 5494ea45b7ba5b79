from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.payment_payload import PaymentPayload


T = TypeVar("T", bound="PaymentStart")


@_attrs_define
class PaymentStart:
    """
    Attributes:
        amount_fen (int):
        expires_at (datetime.datetime):
        order_id (UUID):
        order_no (str):
        out_trade_no (str):
        payload (PaymentPayload):
        payment_id (UUID):
    """

    amount_fen: int
    expires_at: datetime.datetime
    order_id: UUID
    order_no: str
    out_trade_no: str
    payload: PaymentPayload
    payment_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        expires_at = self.expires_at.isoformat()

        order_id = str(self.order_id)

        order_no = self.order_no

        out_trade_no = self.out_trade_no

        payload = self.payload.to_dict()

        payment_id = str(self.payment_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_fen": amount_fen,
                "expires_at": expires_at,
                "order_id": order_id,
                "order_no": order_no,
                "out_trade_no": out_trade_no,
                "payload": payload,
                "payment_id": payment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.payment_payload import PaymentPayload

        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        order_id = UUID(d.pop("order_id"))

        order_no = d.pop("order_no")

        out_trade_no = d.pop("out_trade_no")

        payload = PaymentPayload.from_dict(d.pop("payload"))

        payment_id = UUID(d.pop("payment_id"))

        payment_start = cls(
            amount_fen=amount_fen,
            expires_at=expires_at,
            order_id=order_id,
            order_no=order_no,
            out_trade_no=out_trade_no,
            payload=payload,
            payment_id=payment_id,
        )

        payment_start.additional_properties = d
        return payment_start

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
