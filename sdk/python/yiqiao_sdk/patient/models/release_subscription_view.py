from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.release_subscription_view_status import ReleaseSubscriptionViewStatus

T = TypeVar("T", bound="ReleaseSubscriptionView")


@_attrs_define
class ReleaseSubscriptionView:
    """
    Attributes:
        created_at (datetime.datetime):
        doctor_id (UUID):
        doctor_name (str):
        id (UUID):
        status (ReleaseSubscriptionViewStatus):
    """

    created_at: datetime.datetime
    doctor_id: UUID
    doctor_name: str
    id: UUID
    status: ReleaseSubscriptionViewStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        doctor_id = str(self.doctor_id)

        doctor_name = self.doctor_name

        id = str(self.id)

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "doctor_id": doctor_id,
                "doctor_name": doctor_name,
                "id": id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        doctor_id = UUID(d.pop("doctor_id"))

        doctor_name = d.pop("doctor_name")

        id = UUID(d.pop("id"))

        status = ReleaseSubscriptionViewStatus(d.pop("status"))

        release_subscription_view = cls(
            created_at=created_at,
            doctor_id=doctor_id,
            doctor_name=doctor_name,
            id=id,
            status=status,
        )

        release_subscription_view.additional_properties = d
        return release_subscription_view

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
