from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notice_view_data import NoticeViewData


T = TypeVar("T", bound="NoticeView")


@_attrs_define
class NoticeView:
    """
    Attributes:
        body (str):
        category (str):
        created_at (datetime.datetime):
        id (UUID):
        read (bool):
        title (str):
        data (NoticeViewData | Unset):
        patient_id (None | Unset | UUID):
    """

    body: str
    category: str
    created_at: datetime.datetime
    id: UUID
    read: bool
    title: str
    data: NoticeViewData | Unset = UNSET
    patient_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        category = self.category

        created_at = self.created_at.isoformat()

        id = str(self.id)

        read = self.read

        title = self.title

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        patient_id: None | str | Unset
        if isinstance(self.patient_id, Unset):
            patient_id = UNSET
        elif isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "category": category,
                "created_at": created_at,
                "id": id,
                "read": read,
                "title": title,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if patient_id is not UNSET:
            field_dict["patient_id"] = patient_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.notice_view_data import NoticeViewData

        d = dict(src_dict)
        body = d.pop("body")

        category = d.pop("category")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        read = d.pop("read")

        title = d.pop("title")

        _data = d.pop("data", UNSET)
        data: NoticeViewData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = NoticeViewData.from_dict(_data)

        def _parse_patient_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                patient_id_type_0 = UUID(data)

                return patient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        patient_id = _parse_patient_id(d.pop("patient_id", UNSET))

        notice_view = cls(
            body=body,
            category=category,
            created_at=created_at,
            id=id,
            read=read,
            title=title,
            data=data,
            patient_id=patient_id,
        )

        notice_view.additional_properties = d
        return notice_view

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
