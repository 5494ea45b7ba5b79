from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.day_entry_status import DayEntryStatus

T = TypeVar("T", bound="DayEntry")


@_attrs_define
class DayEntry:
    """
    Attributes:
        booking_id (UUID):
        booking_no (str):
        checked_in_at (datetime.datetime | None):
        contrast (bool):
        fasting (bool):
        item_name (str):
        patient_name_masked (str):
        session_no (int | None):
        status (DayEntryStatus):
        status_label (str):
    """

    booking_id: UUID
    booking_no: str
    checked_in_at: datetime.datetime | None
    contrast: bool
    fasting: bool
    item_name: str
    patient_name_masked: str
    session_no: int | None
    status: DayEntryStatus
    status_label: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        booking_id = str(self.booking_id)

        booking_no = self.booking_no

        checked_in_at: None | str
        if isinstance(self.checked_in_at, datetime.datetime):
            checked_in_at = self.checked_in_at.isoformat()
        else:
            checked_in_at = self.checked_in_at

        contrast = self.contrast

        fasting = self.fasting

        item_name = self.item_name

        patient_name_masked = self.patient_name_masked

        session_no: int | None
        session_no = self.session_no

        status = self.status.value

        status_label = self.status_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "booking_id": booking_id,
                "booking_no": booking_no,
                "checked_in_at": checked_in_at,
                "contrast": contrast,
                "fasting": fasting,
                "item_name": item_name,
                "patient_name_masked": patient_name_masked,
                "session_no": session_no,
                "status": status,
                "status_label": status_label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        booking_id = UUID(d.pop("booking_id"))

        booking_no = d.pop("booking_no")

        def _parse_checked_in_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checked_in_at_type_0 = datetime.datetime.fromisoformat(data)

                return checked_in_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        checked_in_at = _parse_checked_in_at(d.pop("checked_in_at"))

        contrast = d.pop("contrast")

        fasting = d.pop("fasting")

        item_name = d.pop("item_name")

        patient_name_masked = d.pop("patient_name_masked")

        def _parse_session_no(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        session_no = _parse_session_no(d.pop("session_no"))

        status = DayEntryStatus(d.pop("status"))

        status_label = d.pop("status_label")

        day_entry = cls(
            booking_id=booking_id,
            booking_no=booking_no,
            checked_in_at=checked_in_at,
            contrast=contrast,
            fasting=fasting,
            item_name=item_name,
            patient_name_masked=patient_name_masked,
            session_no=session_no,
            status=status,
            status_label=status_label,
        )

        day_entry.additional_properties = d
        return day_entry

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
