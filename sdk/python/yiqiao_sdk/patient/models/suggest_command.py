from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SuggestCommand")


@_attrs_define
class SuggestCommand:
    """
    Attributes:
        patient_id (UUID):
        from_date (datetime.date | None | Unset):
        order_ids (list[UUID] | None | Unset):
    """

    patient_id: UUID
    from_date: datetime.date | None | Unset = UNSET
    order_ids: list[UUID] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        patient_id = str(self.patient_id)

        from_date: None | str | Unset
        if isinstance(self.from_date, Unset):
            from_date = UNSET
        elif isinstance(self.from_date, datetime.date):
            from_date = self.from_date.isoformat()
        else:
            from_date = self.from_date

        order_ids: list[str] | None | Unset
        if isinstance(self.order_ids, Unset):
            order_ids = UNSET
        elif isinstance(self.order_ids, list):
            order_ids = []
            for order_ids_type_0_item_data in self.order_ids:
                order_ids_type_0_item = str(order_ids_type_0_item_data)
                order_ids.append(order_ids_type_0_item)

        else:
            order_ids = self.order_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "patient_id": patient_id,
            }
        )
        if from_date is not UNSET:
            field_dict["from_date"] = from_date
        if order_ids is not UNSET:
            field_dict["order_ids"] = order_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        patient_id = UUID(d.pop("patient_id"))

        def _parse_from_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_date_type_0 = datetime.date.fromisoformat(data)

                return from_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        from_date = _parse_from_date(d.pop("from_date", UNSET))

        def _parse_order_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                order_ids_type_0 = []
                _order_ids_type_0 = data
                for order_ids_type_0_item_data in _order_ids_type_0:
                    order_ids_type_0_item = UUID(order_ids_type_0_item_data)

                    order_ids_type_0.append(order_ids_type_0_item)

                return order_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        order_ids = _parse_order_ids(d.pop("order_ids", UNSET))

        suggest_command = cls(
            patient_id=patient_id,
            from_date=from_date,
            order_ids=order_ids,
        )

        suggest_command.additional_properties = d
        return suggest_command

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
