from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookSeries")


@_attrs_define
class BookSeries:
    """
    Attributes:
        first_day (datetime.date):
        order_id (UUID):
        time_local (str):
        weekdays (list[int]):
        resource_id (None | Unset | UUID):
        sessions (int | None | Unset):
    """

    first_day: datetime.date
    order_id: UUID
    time_local: str
    weekdays: list[int]
    resource_id: None | Unset | UUID = UNSET
    sessions: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_day = self.first_day.isoformat()

        order_id = str(self.order_id)

        time_local = self.time_local

        weekdays = self.weekdays

        resource_id: None | str | Unset
        if isinstance(self.resource_id, Unset):
            resource_id = UNSET
        elif isinstance(self.resource_id, UUID):
            resource_id = str(self.resource_id)
        else:
            resource_id = self.resource_id

        sessions: int | None | Unset
        if isinstance(self.sessions, Unset):
            sessions = UNSET
        else:
            sessions = self.sessions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first_day": first_day,
                "order_id": order_id,
                "time_local": time_local,
                "weekdays": weekdays,
            }
        )
        if resource_id is not UNSET:
            field_dict["resource_id"] = resource_id
        if sessions is not UNSET:
            field_dict["sessions"] = sessions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        first_day = datetime.date.fromisoformat(d.pop("first_day"))

        order_id = UUID(d.pop("order_id"))

        time_local = d.pop("time_local")

        weekdays = cast(list[int], d.pop("weekdays"))

        def _parse_resource_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resource_id_type_0 = UUID(data)

                return resource_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        resource_id = _parse_resource_id(d.pop("resource_id", UNSET))

        def _parse_sessions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sessions = _parse_sessions(d.pop("sessions", UNSET))

        book_series = cls(
            first_day=first_day,
            order_id=order_id,
            time_local=time_local,
            weekdays=weekdays,
            resource_id=resource_id,
            sessions=sessions,
        )

        book_series.additional_properties = d
        return book_series

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
