from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_view_status import OrderViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_item_view import OrderItemView
    from ..models.payment_view import PaymentView
    from ..models.refund_view import RefundView


T = TypeVar("T", bound="OrderView")


@_attrs_define
class OrderView:
    """
    Attributes:
        created_at (datetime.datetime):
        expires_at (datetime.datetime):
        id (UUID):
        institution_id (UUID):
        insurance_fen (int):
        items (list[OrderItemView]):
        kind (str):
        order_no (str):
        paid_at (datetime.datetime | None):
        paid_fen (int):
        patient_id (UUID):
        patient_name_masked (str):
        payments (list[PaymentView]):
        refunded_fen (int):
        refunds (list[RefundView]):
        self_pay_fen (int):
        status (OrderViewStatus):
        status_text (str):
        title (str):
        total_fen (int):
        refund_held_fen (int | Unset):  Default: 0.
        refundable_fen (int | Unset):  Default: 0.
        subject_id (None | str | Unset):
        subject_type (None | str | Unset):
    """

    created_at: datetime.datetime
    expires_at: datetime.datetime
    id: UUID
    institution_id: UUID
    insurance_fen: int
    items: list[OrderItemView]
    kind: str
    order_no: str
    paid_at: datetime.datetime | None
    paid_fen: int
    patient_id: UUID
    patient_name_masked: str
    payments: list[PaymentView]
    refunded_fen: int
    refunds: list[RefundView]
    self_pay_fen: int
    status: OrderViewStatus
    status_text: str
    title: str
    total_fen: int
    refund_held_fen: int | Unset = 0
    refundable_fen: int | Unset = 0
    subject_id: None | str | Unset = UNSET
    subject_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        institution_id = str(self.institution_id)

        insurance_fen = self.insurance_fen

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        kind = self.kind

        order_no = self.order_no

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        paid_fen = self.paid_fen

        patient_id = str(self.patient_id)

        patient_name_masked = self.patient_name_masked

        payments = []
        for payments_item_data in self.payments:
            payments_item = payments_item_data.to_dict()
            payments.append(payments_item)

        refunded_fen = self.refunded_fen

        refunds = []
        for refunds_item_data in self.refunds:
            refunds_item = refunds_item_data.to_dict()
            refunds.append(refunds_item)

        self_pay_fen = self.self_pay_fen

        status = self.status.value

        status_text = self.status_text

        title = self.title

        total_fen = self.total_fen

        refund_held_fen = self.refund_held_fen

        refundable_fen = self.refundable_fen

        subject_id: None | str | Unset
        if isinstance(self.subject_id, Unset):
            subject_id = UNSET
        else:
            subject_id = self.subject_id

        subject_type: None | str | Unset
        if isinstance(self.subject_type, Unset):
            subject_type = UNSET
        else:
            subject_type = self.subject_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "expires_at": expires_at,
                "id": id,
                "institution_id": institution_id,
                "insurance_fen": insurance_fen,
                "items": items,
                "kind": kind,
                "order_no": order_no,
                "paid_at": paid_at,
                "paid_fen": paid_fen,
                "patient_id": patient_id,
                "patient_name_masked": patient_name_masked,
                "payments": payments,
                "refunded_fen": refunded_fen,
                "refunds": refunds,
                "self_pay_fen": self_pay_fen,
                "status": status,
                "status_text": status_text,
                "title": title,
                "total_fen": total_fen,
            }
        )
        if refund_held_fen is not UNSET:
            field_dict["refund_held_fen"] = refund_held_fen
        if refundable_fen is not UNSET:
            field_dict["refundable_fen"] = refundable_fen
        if subject_id is not UNSET:
            field_dict["subject_id"] = subject_id
        if subject_type is not UNSET:
            field_dict["subject_type"] = subject_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_item_view import OrderItemView
        from ..models.payment_view import PaymentView
        from ..models.refund_view import RefundView

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        insurance_fen = d.pop("insurance_fen")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = OrderItemView.from_dict(items_item_data)

            items.append(items_item)

        kind = d.pop("kind")

        order_no = d.pop("order_no")

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        paid_fen = d.pop("paid_fen")

        patient_id = UUID(d.pop("patient_id"))

        patient_name_masked = d.pop("patient_name_masked")

        payments = []
        _payments = d.pop("payments")
        for payments_item_data in _payments:
            payments_item = PaymentView.from_dict(payments_item_data)

            payments.append(payments_item)

        refunded_fen = d.pop("refunded_fen")

        refunds = []
        _refunds = d.pop("refunds")
        for refunds_item_data in _refunds:
            refunds_item = RefundView.from_dict(refunds_item_data)

            refunds.append(refunds_item)

        self_pay_fen = d.pop("self_pay_fen")

        status = OrderViewStatus(d.pop("status"))

        status_text = d.pop("status_text")

        title = d.pop("title")

        total_fen = d.pop("total_fen")

        refund_held_fen = d.pop("refund_held_fen", UNSET)

        refundable_fen = d.pop("refundable_fen", UNSET)

        def _parse_subject_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject_id = _parse_subject_id(d.pop("subject_id", UNSET))

        def _parse_subject_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject_type = _parse_subject_type(d.pop("subject_type", UNSET))

        order_view = cls(
            created_at=created_at,
            expires_at=expires_at,
            id=id,
            institution_id=institution_id,
            insurance_fen=insurance_fen,
            items=items,
            kind=kind,
            order_no=order_no,
            paid_at=paid_at,
            paid_fen=paid_fen,
            patient_id=patient_id,
            patient_name_masked=patient_name_masked,
            payments=payments,
            refunded_fen=refunded_fen,
            refunds=refunds,
            self_pay_fen=self_pay_fen,
            status=status,
            status_text=status_text,
            title=title,
            total_fen=total_fen,
            refund_held_fen=refund_held_fen,
            refundable_fen=refundable_fen,
            subject_id=subject_id,
            subject_type=subject_type,
        )

        order_view.additional_properties = d
        return order_view

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
