from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schedule_view_reg_type import ScheduleViewRegType
from ..models.schedule_view_session import ScheduleViewSession
from ..models.schedule_view_status import ScheduleViewStatus

if TYPE_CHECKING:
    from ..models.band_view import BandView


T = TypeVar("T", bound="ScheduleView")


@_attrs_define
class ScheduleView:
    """
    Attributes:
        bands (list[BandView]):
        day (datetime.date):
        department_id (UUID):
        doctor_id (UUID):
        doctor_name (str):
        doctor_title (str):
        ends_at (datetime.datetime):
        fee_fen (int):
        id (UUID):
        institution_id (UUID):
        reg_type (ScheduleViewRegType):
        reg_type_label (str):
        release_at (datetime.datetime):
        release_local (str):
        released (bool):
        remaining (int):
        session (ScheduleViewSession):
        session_label (str):
        starts_at (datetime.datetime):
        status (ScheduleViewStatus):
        stop_reason (str):
    """

    bands: list[BandView]
    day: datetime.date
    department_id: UUID
    doctor_id: UUID
    doctor_name: str
    doctor_title: str
    ends_at: datetime.datetime
    fee_fen: int
    id: UUID
    institution_id: UUID
    reg_type: ScheduleViewRegType
    reg_type_label: str
    release_at: datetime.datetime
    release_local: str
    released: bool
    remaining: int
    session: ScheduleViewSession
    session_label: str
    starts_at: datetime.datetime
    status: ScheduleViewStatus
    stop_reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bands = []
        for bands_item_data in self.bands:
            bands_item = bands_item_data.to_dict()
            bands.append(bands_item)

        day = self.day.isoformat()

        department_id = str(self.department_id)

        doctor_id = str(self.doctor_id)

        doctor_name = self.doctor_name

        doctor_title = self.doctor_title

        ends_at = self.ends_at.isoformat()

        fee_fen = self.fee_fen

        id = str(self.id)

        institution_id = str(self.institution_id)

        reg_type = self.reg_type.value

        reg_type_label = self.reg_type_label

        release_at = self.release_at.isoformat()

        release_local = self.release_local

        released = self.released

        remaining = self.remaining

        session = self.session.value

        session_label = self.session_label

        starts_at = self.starts_at.isoformat()

        status = self.status.value

        stop_reason = self.stop_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bands": bands,
                "day": day,
                "department_id": department_id,
                "doctor_id": doctor_id,
                "doctor_name": doctor_name,
                "doctor_title": doctor_title,
                "ends_at": ends_at,
                "fee_fen": fee_fen,
                "id": id,
                "institution_id": institution_id,
                "reg_type": reg_type,
                "reg_type_label": reg_type_label,
                "release_at": release_at,
                "release_local": release_local,
                "released": released,
                "remaining": remaining,
                "session": session,
                "session_label": session_label,
                "starts_at": starts_at,
                "status": status,
                "stop_reason": stop_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.band_view import BandView

        d = dict(src_dict)
        bands = []
        _bands = d.pop("bands")
        for bands_item_data in _bands:
            bands_item = BandView.from_dict(bands_item_data)

            bands.append(bands_item)

        day = datetime.date.fromisoformat(d.pop("day"))

        department_id = UUID(d.pop("department_id"))

        doctor_id = UUID(d.pop("doctor_id"))

        doctor_name = d.pop("doctor_name")

        doctor_title = d.pop("doctor_title")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        fee_fen = d.pop("fee_fen")

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        reg_type = ScheduleViewRegType(d.pop("reg_type"))

        reg_type_label = d.pop("reg_type_label")

        release_at = datetime.datetime.fromisoformat(d.pop("release_at"))

        release_local = d.pop("release_local")

        released = d.pop("released")

        remaining = d.pop("remaining")

        session = ScheduleViewSession(d.pop("session"))

        session_label = d.pop("session_label")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        status = ScheduleViewStatus(d.pop("status"))

        stop_reason = d.pop("stop_reason")

        schedule_view = cls(
            bands=bands,
            day=day,
            department_id=department_id,
            doctor_id=doctor_id,
            doctor_name=doctor_name,
            doctor_title=doctor_title,
            ends_at=ends_at,
            fee_fen=fee_fen,
            id=id,
            institution_id=institution_id,
            reg_type=reg_type,
            reg_type_label=reg_type_label,
            release_at=release_at,
            release_local=release_local,
            released=released,
            remaining=remaining,
            session=session,
            session_label=session_label,
            starts_at=starts_at,
            status=status,
            stop_reason=stop_reason,
        )

        schedule_view.additional_properties = d
        return schedule_view

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
