from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.queue_entry_view_status import QueueEntryViewStatus

T = TypeVar("T", bound="QueueEntryView")


@_attrs_define
class QueueEntryView:
    """
    Attributes:
        appointment_id (UUID):
        band_local (str):
        call_count (int):
        checked_in_local (str):
        checked_in_via (str):
        name_masked (str):
        priority_reason (str):
        status (QueueEntryViewStatus):
        ticket_label (str):
        ticket_no (int):
    """

    appointment_id: UUID
    band_local: str
    call_count: int
    checked_in_local: str
    checked_in_via: str
    name_masked: str
    priority_reason: str
    status: QueueEntryViewStatus
    ticket_label: str
    ticket_no: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        appointment_id = str(self.appointment_id)

        band_local = self.band_local

        call_count = self.call_count

        checked_in_local = self.checked_in_local

        checked_in_via = self.checked_in_via

        name_masked = self.name_masked

        priority_reason = self.priority_reason

        status = self.status.value

        ticket_label = self.ticket_label

        ticket_no = self.ticket_no

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "appointment_id": appointment_id,
                "band_local": band_local,
                "call_count": call_count,
                "checked_in_local": checked_in_local,
                "checked_in_via": checked_in_via,
                "name_masked": name_masked,
                "priority_reason": priority_reason,
                "status": status,
                "ticket_label": ticket_label,
                "ticket_no": ticket_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        appointment_id = UUID(d.pop("appointment_id"))

        band_local = d.pop("band_local")

        call_count = d.pop("call_count")

        checked_in_local = d.pop("checked_in_local")

        checked_in_via = d.pop("checked_in_via")

        name_masked = d.pop("name_masked")

        priority_reason = d.pop("priority_reason")

        status = QueueEntryViewStatus(d.pop("status"))

        ticket_label = d.pop("ticket_label")

        ticket_no = d.pop("ticket_no")

        queue_entry_view = cls(
            appointment_id=appointment_id,
            band_local=band_local,
            call_count=call_count,
            checked_in_local=checked_in_local,
            checked_in_via=checked_in_via,
            name_masked=name_masked,
            priority_reason=priority_reason,
            status=status,
            ticket_label=ticket_label,
            ticket_no=ticket_no,
        )

        queue_entry_view.additional_properties = d
        return queue_entry_view

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
