from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.exam_booking_view_status import ExamBookingViewStatus

T = TypeVar("T", bound="ExamBookingView")


@_attrs_define
class ExamBookingView:
    """
    Attributes:
        band_end (datetime.datetime):
        band_id (int):
        band_local (str):
        band_start (datetime.datetime):
        booking_no (str):
        cancel_until (datetime.datetime):
        checked_in_at (datetime.datetime | None):
        checkin_opens_at (datetime.datetime):
        completed_at (datetime.datetime | None):
        contrast (bool):
        created_at (datetime.datetime):
        day (datetime.date):
        department_id (UUID):
        fasting (bool):
        id (UUID):
        institution_id (UUID):
        item_code (str):
        item_name (str):
        location (str):
        modality (str):
        order_id (UUID):
        order_no (str):
        patient_id (UUID):
        patient_name_masked (str):
        prep_notes (str):
        rescheduled_from (None | UUID):
        rescheduled_to (None | UUID):
        resource_id (UUID):
        resource_name (str):
        series_id (None | UUID):
        session_no (int | None):
        status (ExamBookingViewStatus):
        status_label (str):
        status_reason (str):
    """

    band_end: datetime.datetime
    band_id: int
    band_local: str
    band_start: datetime.datetime
    booking_no: str
    cancel_until: datetime.datetime
    checked_in_at: datetime.datetime | None
    checkin_opens_at: datetime.datetime
    completed_at: datetime.datetime | None
    contrast: bool
    created_at: datetime.datetime
    day: datetime.date
    department_id: UUID
    fasting: bool
    id: UUID
    institution_id: UUID
    item_code: str
    item_name: str
    location: str
    modality: str
    order_id: UUID
    order_no: str
    patient_id: UUID
    patient_name_masked: str
    prep_notes: str
    rescheduled_from: None | UUID
    rescheduled_to: None | UUID
    resource_id: UUID
    resource_name: str
    series_id: None | UUID
    session_no: int | None
    status: ExamBookingViewStatus
    status_label: str
    status_reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        band_end = self.band_end.isoformat()

        band_id = self.band_id

        band_local = self.band_local

        band_start = self.band_start.isoformat()

        booking_no = self.booking_no

        cancel_until = self.cancel_until.isoformat()

        checked_in_at: None | str
        if isinstance(self.checked_in_at, datetime.datetime):
            checked_in_at = self.checked_in_at.isoformat()
        else:
            checked_in_at = self.checked_in_at

        checkin_opens_at = self.checkin_opens_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        contrast = self.contrast

        created_at = self.created_at.isoformat()

        day = self.day.isoformat()

        department_id = str(self.department_id)

        fasting = self.fasting

        id = str(self.id)

        institution_id = str(self.institution_id)

        item_code = self.item_code

        item_name = self.item_name

        location = self.location

        modality = self.modality

        order_id = str(self.order_id)

        order_no = self.order_no

        patient_id = str(self.patient_id)

        patient_name_masked = self.patient_name_masked

        prep_notes = self.prep_notes

        rescheduled_from: None | str
        if isinstance(self.rescheduled_from, UUID):
            rescheduled_from = str(self.rescheduled_from)
        else:
            rescheduled_from = self.rescheduled_from

        rescheduled_to: None | str
        if isinstance(self.rescheduled_to, UUID):
            rescheduled_to = str(self.rescheduled_to)
        else:
            rescheduled_to = self.rescheduled_to

        resource_id = str(self.resource_id)

        resource_name = self.resource_name

        series_id: None | str
        if isinstance(self.series_id, UUID):
            series_id = str(self.series_id)
        else:
            series_id = self.series_id

        session_no: int | None
        session_no = self.session_no

        status = self.status.value

        status_label = self.status_label

        status_reason = self.status_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "band_end": band_end,
                "band_id": band_id,
                "band_local": band_local,
                "band_start": band_start,
                "booking_no": booking_no,
                "cancel_until": cancel_until,
                "checked_in_at": checked_in_at,
                "checkin_opens_at": checkin_opens_at,
                "completed_at": completed_at,
                "contrast": contrast,
                "created_at": created_at,
                "day": day,
                "department_id": department_id,
                "fasting": fasting,
                "id": id,
                "institution_id": institution_id,
                "item_code": item_code,
                "item_name": item_name,
                "location": location,
                "modality": modality,
                "order_id": order_id,
                "order_no": order_no,
                "patient_id": patient_id,
                "patient_name_masked": patient_name_masked,
                "prep_notes": prep_notes,
                "rescheduled_from": rescheduled_from,
                "rescheduled_to": rescheduled_to,
                "resource_id": resource_id,
                "resource_name": resource_name,
                "series_id": series_id,
                "session_no": session_no,
                "status": status,
                "status_label": status_label,
                "status_reason": status_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        band_end = datetime.datetime.fromisoformat(d.pop("band_end"))

        band_id = d.pop("band_id")

        band_local = d.pop("band_local")

        band_start = datetime.datetime.fromisoformat(d.pop("band_start"))

        booking_no = d.pop("booking_no")

        cancel_until = datetime.datetime.fromisoformat(d.pop("cancel_until"))

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

        checkin_opens_at = datetime.datetime.fromisoformat(d.pop("checkin_opens_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        contrast = d.pop("contrast")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        day = datetime.date.fromisoformat(d.pop("day"))

        department_id = UUID(d.pop("department_id"))

        fasting = d.pop("fasting")

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        item_code = d.pop("item_code")

        item_name = d.pop("item_name")

        location = d.pop("location")

        modality = d.pop("modality")

        order_id = UUID(d.pop("order_id"))

        order_no = d.pop("order_no")

        patient_id = UUID(d.pop("patient_id"))

        patient_name_masked = d.pop("patient_name_masked")

        prep_notes = d.pop("prep_notes")

        def _parse_rescheduled_from(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rescheduled_from_type_0 = UUID(data)

                return rescheduled_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rescheduled_from = _parse_rescheduled_from(d.pop("rescheduled_from"))

        def _parse_rescheduled_to(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rescheduled_to_type_0 = UUID(data)

                return rescheduled_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rescheduled_to = _parse_rescheduled_to(d.pop("rescheduled_to"))

        resource_id = UUID(d.pop("resource_id"))

        resource_name = d.pop("resource_name")

        def _parse_series_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                series_id_type_0 = UUID(data)

                return series_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        series_id = _parse_series_id(d.pop("series_id"))

        def _parse_session_no(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        session_no = _parse_session_no(d.pop("session_no"))

        status = ExamBookingViewStatus(d.pop("status"))

        status_label = d.pop("status_label")

        status_reason = d.pop("status_reason")

        exam_booking_view = cls(
            band_end=band_end,
            band_id=band_id,
            band_local=band_local,
            band_start=band_start,
            booking_no=booking_no,
            cancel_until=cancel_until,
            checked_in_at=checked_in_at,
            checkin_opens_at=checkin_opens_at,
            completed_at=completed_at,
            contrast=contrast,
            created_at=created_at,
            day=day,
            department_id=department_id,
            fasting=fasting,
            id=id,
            institution_id=institution_id,
            item_code=item_code,
            item_name=item_name,
            location=location,
            modality=modality,
            order_id=order_id,
            order_no=order_no,
            patient_id=patient_id,
            patient_name_masked=patient_name_masked,
            prep_notes=prep_notes,
            rescheduled_from=rescheduled_from,
            rescheduled_to=rescheduled_to,
            resource_id=resource_id,
            resource_name=resource_name,
            series_id=series_id,
            session_no=session_no,
            status=status,
            status_label=status_label,
            status_reason=status_reason,
        )

        exam_booking_view.additional_properties = d
        return exam_booking_view

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
