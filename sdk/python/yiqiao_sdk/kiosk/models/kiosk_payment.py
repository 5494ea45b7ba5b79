from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.order_view import OrderView


T = TypeVar("T", bound="KioskPayment")


@_attrs_define
class KioskPayment:
    """
    Attributes:
        amount_fen (int):
        code_url (str):
        expires_at (datetime.datetime):
        order (OrderView):
        out_trade_no (str):
        payment_id (UUID):
    """

    amount_fen: int
    code_url: str
    expires_at: datetime.datetime
    order: OrderView
    out_trade_no: str
    payment_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        code_url = self.code_url

        expires_at = self.expires_at.isoformat()

        order = self.order.to_dict()

        out_trade_no = self.out_trade_no

        payment_id = str(self.payment_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_fen": amount_fen,
                "code_url": code_url,
                "expires_at": expires_at,
                "order": order,
                "out_trade_no": out_trade_no,
                "payment_id": payment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_view import OrderView

        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        code_url = d.pop("code_url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        order = OrderView.from_dict(d.pop("order"))

        out_trade_no = d.pop("out_trade_no")

        payment_id = UUID(d.pop("payment_id"))

        kiosk_payment = cls(
            amount_fen=amount_fen,
            code_url=code_url,
            expires_at=expires_at,
            order=order,
            out_trade_no=out_trade_no,
            payment_id=payment_id,
        )

        kiosk_payment.additional_properties = d
        return kiosk_payment

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
