from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bill_view_status import BillViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bill_item_view import BillItemView


T = TypeVar("T", bound="BillView")


@_attrs_define
class BillView:
    """
    Attributes:
        bill_no (str):
        department (str):
        doctor (str):
        institution_name (str):
        issued_at (datetime.datetime):
        items (list[BillItemView]):
        kind (str):
        kind_label (str):
        paid_at (datetime.datetime | None):
        status (BillViewStatus):
        status_text (str):
        title (str):
        total_fen (int):
        visit_at (datetime.datetime):
        visit_no (str):
        order_id (None | Unset | UUID):
        order_no (None | str | Unset):
        order_status (None | str | Unset):
    """

    bill_no: str
    department: str
    doctor: str
    institution_name: str
    issued_at: datetime.datetime
    items: list[BillItemView]
    kind: str
    kind_label: str
    paid_at: datetime.datetime | None
    status: BillViewStatus
    status_text: str
    title: str
    total_fen: int
    visit_at: datetime.datetime
    visit_no: str
    order_id: None | Unset | UUID = UNSET
    order_no: None | str | Unset = UNSET
    order_status: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bill_no = self.bill_no

        department = self.department

        doctor = self.doctor

        institution_name = self.institution_name

        issued_at = self.issued_at.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        kind = self.kind

        kind_label = self.kind_label

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        status = self.status.value

        status_text = self.status_text

        title = self.title

        total_fen = self.total_fen

        visit_at = self.visit_at.isoformat()

        visit_no = self.visit_no

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        elif isinstance(self.order_id, UUID):
            order_id = str(self.order_id)
        else:
            order_id = self.order_id

        order_no: None | str | Unset
        if isinstance(self.order_no, Unset):
            order_no = UNSET
        else:
            order_no = self.order_no

        order_status: None | str | Unset
        if isinstance(self.order_status, Unset):
            order_status = UNSET
        else:
            order_status = self.order_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bill_no": bill_no,
                "department": department,
                "doctor": doctor,
                "institution_name": institution_name,
                "issued_at": issued_at,
                "items": items,
                "kind": kind,
                "kind_label": kind_label,
                "paid_at": paid_at,
                "status": status,
                "status_text": status_text,
                "title": title,
                "total_fen": total_fen,
                "visit_at": visit_at,
                "visit_no": visit_no,
            }
        )
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if order_no is not UNSET:
            field_dict["order_no"] = order_no
        if order_status is not UNSET:
            field_dict["order_status"] = order_status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.bill_item_view import BillItemView

        d = dict(src_dict)
        bill_no = d.pop("bill_no")

        department = d.pop("department")

        doctor = d.pop("doctor")

        institution_name = d.pop("institution_name")

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = BillItemView.from_dict(items_item_data)

            items.append(items_item)

        kind = d.pop("kind")

        kind_label = d.pop("kind_label")

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

        status = BillViewStatus(d.pop("status"))

        status_text = d.pop("status_text")

        title = d.pop("title")

        total_fen = d.pop("total_fen")

        visit_at = datetime.datetime.fromisoformat(d.pop("visit_at"))

        visit_no = d.pop("visit_no")

        def _parse_order_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                order_id_type_0 = UUID(data)

                return order_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))

        def _parse_order_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_no = _parse_order_no(d.pop("order_no", UNSET))

        def _parse_order_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_status = _parse_order_status(d.pop("order_status", UNSET))

        bill_view = cls(
            bill_no=bill_no,
            department=department,
            doctor=doctor,
            institution_name=institution_name,
            issued_at=issued_at,
            items=items,
            kind=kind,
            kind_label=kind_label,
            paid_at=paid_at,
            status=status,
            status_text=status_text,
            title=title,
            total_fen=total_fen,
            visit_at=visit_at,
            visit_no=visit_no,
            order_id=order_id,
            order_no=order_no,
            order_status=order_status,
        )

        bill_view.additional_properties = d
        return bill_view

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
