from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refund_view_status import RefundViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.refund_view_items_item import RefundViewItemsItem


T = TypeVar("T", bound="RefundView")


@_attrs_define
class RefundView:
    """
    Attributes:
        amount_fen (int):
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        id (UUID):
        initiated_by (str):
        insurance_fen (int):
        items (list[RefundViewItemsItem]):
        order_id (UUID):
        order_no (str):
        provider (None | str):
        reason (str):
        refund_no (str):
        status (RefundViewStatus):
        status_text (str):
        failure_reason (str | Unset):  Default: ''.
    """

    amount_fen: int
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    id: UUID
    initiated_by: str
    insurance_fen: int
    items: list[RefundViewItemsItem]
    order_id: UUID
    order_no: str
    provider: None | str
    reason: str
    refund_no: str
    status: RefundViewStatus
    status_text: str
    failure_reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        initiated_by = self.initiated_by

        insurance_fen = self.insurance_fen

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        order_id = str(self.order_id)

        order_no = self.order_no

        provider: None | str
        provider = self.provider

        reason = self.reason

        refund_no = self.refund_no

        status = self.status.value

        status_text = self.status_text

        failure_reason = self.failure_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_fen": amount_fen,
                "created_at": created_at,
                "finished_at": finished_at,
                "id": id,
                "initiated_by": initiated_by,
                "insurance_fen": insurance_fen,
                "items": items,
                "order_id": order_id,
                "order_no": order_no,
                "provider": provider,
                "reason": reason,
                "refund_no": refund_no,
                "status": status,
                "status_text": status_text,
            }
        )
        if failure_reason is not UNSET:
            field_dict["failure_reason"] = failure_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.refund_view_items_item import RefundViewItemsItem

        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = UUID(d.pop("id"))

        initiated_by = d.pop("initiated_by")

        insurance_fen = d.pop("insurance_fen")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RefundViewItemsItem.from_dict(items_item_data)

            items.append(items_item)

        order_id = UUID(d.pop("order_id"))

        order_no = d.pop("order_no")

        def _parse_provider(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provider = _parse_provider(d.pop("provider"))

        reason = d.pop("reason")

        refund_no = d.pop("refund_no")

        status = RefundViewStatus(d.pop("status"))

        status_text = d.pop("status_text")

        failure_reason = d.pop("failure_reason", UNSET)

        refund_view = cls(
            amount_fen=amount_fen,
            created_at=created_at,
            finished_at=finished_at,
            id=id,
            initiated_by=initiated_by,
            insurance_fen=insurance_fen,
            items=items,
            order_id=order_id,
            order_no=order_no,
            provider=provider,
            reason=reason,
            refund_no=refund_no,
            status=status,
            status_text=status_text,
            failure_reason=failure_reason,
        )

        refund_view.additional_properties = d
        return refund_view

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
