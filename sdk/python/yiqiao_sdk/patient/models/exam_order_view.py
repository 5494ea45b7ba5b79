from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.exam_order_view_status import ExamOrderViewStatus

if TYPE_CHECKING:
    from ..models.exam_item_view import ExamItemView


T = TypeVar("T", bound="ExamOrderView")


@_attrs_define
class ExamOrderView:
    """
    Attributes:
        active_booking_ids (list[UUID]):
        clinical_note (str):
        expires_at (datetime.datetime):
        id (UUID):
        item (ExamItemView):
        order_no (str):
        ordered_at (datetime.datetime):
        ordered_by_name (str):
        ordering_department_name (str):
        patient_id (UUID):
        patient_name_masked (str):
        performing_department_id (UUID):
        performing_department_name (str):
        sessions_booked (int):
        sessions_done (int):
        sessions_left (int):
        sessions_total (int):
        status (ExamOrderViewStatus):
        status_label (str):
    """

    active_booking_ids: list[UUID]
    clinical_note: str
    expires_at: datetime.datetime
    id: UUID
    item: ExamItemView
    order_no: str
    ordered_at: datetime.datetime
    ordered_by_name: str
    ordering_department_name: str
    patient_id: UUID
    patient_name_masked: str
    performing_department_id: UUID
    performing_department_name: str
    sessions_booked: int
    sessions_done: int
    sessions_left: int
    sessions_total: int
    status: ExamOrderViewStatus
    status_label: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_booking_ids = []
        for active_booking_ids_item_data in self.active_booking_ids:
            active_booking_ids_item = str(active_booking_ids_item_data)
            active_booking_ids.append(active_booking_ids_item)

        clinical_note = self.clinical_note

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        item = self.item.to_dict()

        order_no = self.order_no

        ordered_at = self.ordered_at.isoformat()

        ordered_by_name = self.ordered_by_name

        ordering_department_name = self.ordering_department_name

        patient_id = str(self.patient_id)

        patient_name_masked = self.patient_name_masked

        performing_department_id = str(self.performing_department_id)

        performing_department_name = self.performing_department_name

        sessions_booked = self.sessions_booked

        sessions_done = self.sessions_done

        sessions_left = self.sessions_left

        sessions_total = self.sessions_total

        status = self.status.value

        status_label = self.status_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_booking_ids": active_booking_ids,
                "clinical_note": clinical_note,
                "expires_at": expires_at,
                "id": id,
                "item": item,
                "order_no": order_no,
                "ordered_at": ordered_at,
                "ordered_by_name": ordered_by_name,
                "ordering_department_name": ordering_department_name,
                "patient_id": patient_id,
                "patient_name_masked": patient_name_masked,
                "performing_department_id": performing_department_id,
                "performing_department_name": performing_department_name,
                "sessions_booked": sessions_booked,
                "sessions_done": sessions_done,
                "sessions_left": sessions_left,
                "sessions_total": sessions_total,
                "status": status,
                "status_label": status_label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exam_item_view import ExamItemView

        d = dict(src_dict)
        active_booking_ids = []
        _active_booking_ids = d.pop("active_booking_ids")
        for active_booking_ids_item_data in _active_booking_ids:
            active_booking_ids_item = UUID(active_booking_ids_item_data)

            active_booking_ids.append(active_booking_ids_item)

        clinical_note = d.pop("clinical_note")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        item = ExamItemView.from_dict(d.pop("item"))

        order_no = d.pop("order_no")

        ordered_at = datetime.datetime.fromisoformat(d.pop("ordered_at"))

        ordered_by_name = d.pop("ordered_by_name")

        ordering_department_name = d.pop("ordering_department_name")

        patient_id = UUID(d.pop("patient_id"))

        patient_name_masked = d.pop("patient_name_masked")

        performing_department_id = UUID(d.pop("performing_department_id"))

        performing_department_name = d.pop("performing_department_name")

        sessions_booked = d.pop("sessions_booked")

        sessions_done = d.pop("sessions_done")

        sessions_left = d.pop("sessions_left")

        sessions_total = d.pop("sessions_total")

        status = ExamOrderViewStatus(d.pop("status"))

        status_label = d.pop("status_label")

        exam_order_view = cls(
            active_booking_ids=active_booking_ids,
            clinical_note=clinical_note,
            expires_at=expires_at,
            id=id,
            item=item,
            order_no=order_no,
            ordered_at=ordered_at,
            ordered_by_name=ordered_by_name,
            ordering_department_name=ordering_department_name,
            patient_id=patient_id,
            patient_name_masked=patient_name_masked,
            performing_department_id=performing_department_id,
            performing_department_name=performing_department_name,
            sessions_booked=sessions_booked,
            sessions_done=sessions_done,
            sessions_left=sessions_left,
            sessions_total=sessions_total,
            status=status,
            status_label=status_label,
        )

        exam_order_view.additional_properties = d
        return exam_order_view

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
