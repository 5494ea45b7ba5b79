from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.paid_answer_status import PaidAnswerStatus

T = TypeVar("T", bound="PaidAnswer")


@_attrs_define
class PaidAnswer:
    """
    Attributes:
        kind (str):
        order_id (UUID):
        order_no (str):
        paid (bool):
        paid_at (datetime.datetime | None):
        patient_name_masked (str):
        status (PaidAnswerStatus):
        status_text (str):
        title (str):
    """

    kind: str
    order_id: UUID
    order_no: str
    paid: bool
    paid_at: datetime.datetime | None
    patient_name_masked: str
    status: PaidAnswerStatus
    status_text: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        order_id = str(self.order_id)

        order_no = self.order_no

        paid = self.paid

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        patient_name_masked = self.patient_name_masked

        status = self.status.value

        status_text = self.status_text

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "order_id": order_id,
                "order_no": order_no,
                "paid": paid,
                "paid_at": paid_at,
                "patient_name_masked": patient_name_masked,
                "status": status,
                "status_text": status_text,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = d.pop("kind")

        order_id = UUID(d.pop("order_id"))

        order_no = d.pop("order_no")

        paid = d.pop("paid")

        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        patient_name_masked = d.pop("patient_name_masked")

        status = PaidAnswerStatus(d.pop("status"))

        status_text = d.pop("status_text")

        title = d.pop("title")

        paid_answer = cls(
            kind=kind,
            order_id=order_id,
            order_no=order_no,
            paid=paid,
            paid_at=paid_at,
            patient_name_masked=patient_name_masked,
            status=status,
            status_text=status_text,
            title=title,
        )

        paid_answer.additional_properties = d
        return paid_answer

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
