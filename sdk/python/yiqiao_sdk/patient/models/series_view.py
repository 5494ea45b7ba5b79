from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.series_view_status import SeriesViewStatus

if TYPE_CHECKING:
    from ..models.exam_booking_view import ExamBookingView


T = TypeVar("T", bound="SeriesView")


@_attrs_define
class SeriesView:
    """
    Attributes:
        cancelled (int):
        created_at (datetime.datetime):
        done (int):
        id (UUID):
        item_code (str):
        item_name (str):
        location (str):
        missed (int):
        next_session (ExamBookingView | None):
        order_id (UUID):
        patient_id (UUID):
        patient_name_masked (str):
        pattern_local (str):
        prep_notes (str):
        remaining (int):
        resource_id (UUID):
        resource_name (str):
        series_no (str):
        sessions (list[ExamBookingView]):
        sessions_total (int):
        status (SeriesViewStatus):
        status_label (str):
    """

    cancelled: int
    created_at: datetime.datetime
    done: int
    id: UUID
    item_code: str
    item_name: str
    location: str
    missed: int
    next_session: ExamBookingView | None
    order_id: UUID
    patient_id: UUID
    patient_name_masked: str
    pattern_local: str
    prep_notes: str
    remaining: int
    resource_id: UUID
    resource_name: str
    series_no: str
    sessions: list[ExamBookingView]
    sessions_total: int
    status: SeriesViewStatus
    status_label: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.exam_booking_view import ExamBookingView

        cancelled = self.cancelled

        created_at = self.created_at.isoformat()

        done = self.done

        id = str(self.id)

        item_code = self.item_code

        item_name = self.item_name

        location = self.location

        missed = self.missed

        next_session: dict[str, Any] | None
        if isinstance(self.next_session, ExamBookingView):
            next_session = self.next_session.to_dict()
        else:
            next_session = self.next_session

        order_id = str(self.order_id)

        patient_id = str(self.patient_id)

        patient_name_masked = self.patient_name_masked

        pattern_local = self.pattern_local

        prep_notes = self.prep_notes

        remaining = self.remaining

        resource_id = str(self.resource_id)

        resource_name = self.resource_name

        series_no = self.series_no

        sessions = []
        for sessions_item_data in self.sessions:
            sessions_item = sessions_item_data.to_dict()
            sessions.append(sessions_item)

        sessions_total = self.sessions_total

        status = self.status.value

        status_label = self.status_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cancelled": cancelled,
                "created_at": created_at,
                "done": done,
                "id": id,
                "item_code": item_code,
                "item_name": item_name,
                "location": location,
                "missed": missed,
                "next_session": next_session,
                "order_id": order_id,
                "patient_id": patient_id,
                "patient_name_masked": patient_name_masked,
                "pattern_local": pattern_local,
                "prep_notes": prep_notes,
                "remaining": remaining,
                "resource_id": resource_id,
                "resource_name": resource_name,
                "series_no": series_no,
                "sessions": sessions,
                "sessions_total": sessions_total,
                "status": status,
                "status_label": status_label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exam_booking_view import ExamBookingView

        d = dict(src_dict)
        cancelled = d.pop("cancelled")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        done = d.pop("done")

        id = UUID(d.pop("id"))

        item_code = d.pop("item_code")

        item_name = d.pop("item_name")

        location = d.pop("location")

        missed = d.pop("missed")

        def _parse_next_session(data: object) -> ExamBookingView | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_session_type_0 = ExamBookingView.from_dict(data)

                return next_session_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExamBookingView | None, data)

        next_session = _parse_next_session(d.pop("next_session"))

        order_id = UUID(d.pop("order_id"))

        patient_id = UUID(d.pop("patient_id"))

        patient_name_masked = d.pop("patient_name_masked")

        pattern_local = d.pop("pattern_local")

        prep_notes = d.pop("prep_notes")

        remaining = d.pop("remaining")

        resource_id = UUID(d.pop("resource_id"))

        resource_name = d.pop("resource_name")

        series_no = d.pop("series_no")

        sessions = []
        _sessions = d.pop("sessions")
        for sessions_item_data in _sessions:
            sessions_item = ExamBookingView.from_dict(sessions_item_data)

            sessions.append(sessions_item)

        sessions_total = d.pop("sessions_total")

        status = SeriesViewStatus(d.pop("status"))

        status_label = d.pop("status_label")

        series_view = cls(
            cancelled=cancelled,
            created_at=created_at,
            done=done,
            id=id,
            item_code=item_code,
            item_name=item_name,
            location=location,
            missed=missed,
            next_session=next_session,
            order_id=order_id,
            patient_id=patient_id,
            patient_name_masked=patient_name_masked,
            pattern_local=pattern_local,
            prep_notes=prep_notes,
            remaining=remaining,
            resource_id=resource_id,
            resource_name=resource_name,
            series_no=series_no,
            sessions=sessions,
            sessions_total=sessions_total,
            status=status,
            status_label=status_label,
        )

        series_view.additional_properties = d
        return series_view

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
