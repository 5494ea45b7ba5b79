from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnplacedExam")


@_attrs_define
class UnplacedExam:
    """
    Attributes:
        item_name (str):
        order_id (UUID):
        reason (str):
        reason_code (str):
    """

    item_name: str
    order_id: UUID
    reason: str
    reason_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        item_name = self.item_name

        order_id = str(self.order_id)

        reason = self.reason

        reason_code = self.reason_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "item_name": item_name,
                "order_id": order_id,
                "reason": reason,
                "reason_code": reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        item_name = d.pop("item_name")

        order_id = UUID(d.pop("order_id"))

        reason = d.pop("reason")

        reason_code = d.pop("reason_code")

        unplaced_exam = cls(
            item_name=item_name,
            order_id=order_id,
            reason=reason,
            reason_code=reason_code,
        )

        unplaced_exam.additional_properties = d
        return unplaced_exam

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
