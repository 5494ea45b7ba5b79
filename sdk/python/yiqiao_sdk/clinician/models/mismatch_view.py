from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mismatch_view_cause import MismatchViewCause
from ..models.mismatch_view_kind import MismatchViewKind

T = TypeVar("T", bound="MismatchView")


@_attrs_define
class MismatchView:
    """
    Attributes:
        at (datetime.datetime | None):
        cause (MismatchViewCause):
        cause_text (str):
        day (datetime.date):
        first_seen_at (datetime.datetime):
        id (int):
        kind (MismatchViewKind):
        order_id (None | UUID):
        order_no (None | str):
        our_amount_fen (int | None):
        out_refund_no (str):
        out_trade_no (str):
        provider (str):
        provider_ref (str):
        their_amount_fen (int | None):
    """

    at: datetime.datetime | None
    cause: MismatchViewCause
    cause_text: str
    day: datetime.date
    first_seen_at: datetime.datetime
    id: int
    kind: MismatchViewKind
    order_id: None | UUID
    order_no: None | str
    our_amount_fen: int | None
    out_refund_no: str
    out_trade_no: str
    provider: str
    provider_ref: str
    their_amount_fen: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at: None | str
        if isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        cause = self.cause.value

        cause_text = self.cause_text

        day = self.day.isoformat()

        first_seen_at = self.first_seen_at.isoformat()

        id = self.id

        kind = self.kind.value

        order_id: None | str
        if isinstance(self.order_id, UUID):
            order_id = str(self.order_id)
        else:
            order_id = self.order_id

        order_no: None | str
        order_no = self.order_no

        our_amount_fen: int | None
        our_amount_fen = self.our_amount_fen

        out_refund_no = self.out_refund_no

        out_trade_no = self.out_trade_no

        provider = self.provider

        provider_ref = self.provider_ref

        their_amount_fen: int | None
        their_amount_fen = self.their_amount_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "cause": cause,
                "cause_text": cause_text,
                "day": day,
                "first_seen_at": first_seen_at,
                "id": id,
                "kind": kind,
                "order_id": order_id,
                "order_no": order_no,
                "our_amount_fen": our_amount_fen,
                "out_refund_no": out_refund_no,
                "out_trade_no": out_trade_no,
                "provider": provider,
                "provider_ref": provider_ref,
                "their_amount_fen": their_amount_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        at = _parse_at(d.pop("at"))

        cause = MismatchViewCause(d.pop("cause"))

        cause_text = d.pop("cause_text")

        day = datetime.date.fromisoformat(d.pop("day"))

        first_seen_at = datetime.datetime.fromisoformat(d.pop("first_seen_at"))

        id = d.pop("id")

        kind = MismatchViewKind(d.pop("kind"))

        def _parse_order_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                order_id_type_0 = UUID(data)

                return order_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        order_id = _parse_order_id(d.pop("order_id"))

        def _parse_order_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_no = _parse_order_no(d.pop("order_no"))

        def _parse_our_amount_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        our_amount_fen = _parse_our_amount_fen(d.pop("our_amount_fen"))

        out_refund_no = d.pop("out_refund_no")

        out_trade_no = d.pop("out_trade_no")

        provider = d.pop("provider")

        provider_ref = d.pop("provider_ref")

        def _parse_their_amount_fen(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        their_amount_fen = _parse_their_amount_fen(d.pop("their_amount_fen"))

        mismatch_view = cls(
            at=at,
            cause=cause,
            cause_text=cause_text,
            day=day,
            first_seen_at=first_seen_at,
            id=id,
            kind=kind,
            order_id=order_id,
            order_no=order_no,
            our_amount_fen=our_amount_fen,
            out_refund_no=out_refund_no,
            out_trade_no=out_trade_no,
            provider=provider,
            provider_ref=provider_ref,
            their_amount_fen=their_amount_fen,
        )

        mismatch_view.additional_properties = d
        return mismatch_view

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
