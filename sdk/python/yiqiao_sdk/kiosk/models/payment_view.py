from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_view_status import PaymentViewStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentView")


@_attrs_define
class PaymentView:
    """
    Attributes:
        amount_fen (int):
        channel (str):
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        id (UUID):
        late (bool):
        out_trade_no (str):
        paid_by_other (bool):
        provider (str):
        status (PaymentViewStatus):
        status_text (str):
        failure_reason (str | Unset):  Default: ''.
    """

    amount_fen: int
    channel: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    id: UUID
    late: bool
    out_trade_no: str
    paid_by_other: bool
    provider: str
    status: PaymentViewStatus
    status_text: str
    failure_reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        channel = self.channel

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        late = self.late

        out_trade_no = self.out_trade_no

        paid_by_other = self.paid_by_other

        provider = self.provider

        status = self.status.value

        status_text = self.status_text

        failure_reason = self.failure_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_fen": amount_fen,
                "channel": channel,
                "created_at": created_at,
                "finished_at": finished_at,
                "id": id,
                "late": late,
                "out_trade_no": out_trade_no,
                "paid_by_other": paid_by_other,
                "provider": provider,
                "status": status,
                "status_text": status_text,
            }
        )
        if failure_reason is not UNSET:
            field_dict["failure_reason"] = failure_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        channel = d.pop("channel")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = UUID(d.pop("id"))

        late = d.pop("late")

        out_trade_no = d.pop("out_trade_no")

        paid_by_other = d.pop("paid_by_other")

        provider = d.pop("provider")

        status = PaymentViewStatus(d.pop("status"))

        status_text = d.pop("status_text")

        failure_reason = d.pop("failure_reason", UNSET)

        payment_view = cls(
            amount_fen=amount_fen,
            channel=channel,
            created_at=created_at,
            finished_at=finished_at,
            id=id,
            late=late,
            out_trade_no=out_trade_no,
            paid_by_other=paid_by_other,
            provider=provider,
            status=status,
            status_text=status_text,
            failure_reason=failure_reason,
        )

        payment_view.additional_properties = d
        return payment_view

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
