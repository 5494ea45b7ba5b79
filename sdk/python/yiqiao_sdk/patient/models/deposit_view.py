from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deposit_view_payer_kind import DepositViewPayerKind

T = TypeVar("T", bound="DepositView")


@_attrs_define
class DepositView:
    """
    Attributes:
        admission_id (UUID):
        admission_no (str):
        amount_fen (int):
        created_at (datetime.datetime):
        id (UUID):
        order_id (UUID):
        order_no (str):
        paid_at (datetime.datetime | None):
        payer_kind (DepositViewPayerKind):
        payer_masked (str):
        refunded_fen (int):
        status (str):
        status_text (str):
    """

    admission_id: UUID
    admission_no: str
    amount_fen: int
    created_at: datetime.datetime
    id: UUID
    order_id: UUID
    order_no: str
    paid_at: datetime.datetime | None
    payer_kind: DepositViewPayerKind
    payer_masked: str
    refunded_fen: int
    status: str
    status_text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admission_id = str(self.admission_id)

        admission_no = self.admission_no

        amount_fen = self.amount_fen

        created_at = self.created_at.isoformat()

        id = str(self.id)

        order_id = str(self.order_id)

        order_no = self.order_no

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        payer_kind = self.payer_kind.value

        payer_masked = self.payer_masked

        refunded_fen = self.refunded_fen

        status = self.status

        status_text = self.status_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admission_id": admission_id,
                "admission_no": admission_no,
                "amount_fen": amount_fen,
                "created_at": created_at,
                "id": id,
                "order_id": order_id,
                "order_no": order_no,
                "paid_at": paid_at,
                "payer_kind": payer_kind,
                "payer_masked": payer_masked,
                "refunded_fen": refunded_fen,
                "status": status,
                "status_text": status_text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        admission_id = UUID(d.pop("admission_id"))

        admission_no = d.pop("admission_no")

        amount_fen = d.pop("amount_fen")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        order_id = UUID(d.pop("order_id"))

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

        payer_kind = DepositViewPayerKind(d.pop("payer_kind"))

        payer_masked = d.pop("payer_masked")

        refunded_fen = d.pop("refunded_fen")

        status = d.pop("status")

        status_text = d.pop("status_text")

        deposit_view = cls(
            admission_id=admission_id,
            admission_no=admission_no,
            amount_fen=amount_fen,
            created_at=created_at,
            id=id,
            order_id=order_id,
            order_no=order_no,
            paid_at=paid_at,
            payer_kind=payer_kind,
            payer_masked=payer_masked,
            refunded_fen=refunded_fen,
            status=status,
            status_text=status_text,
        )

        deposit_view.additional_properties = d
        return deposit_view

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
