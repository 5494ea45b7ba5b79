from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.refund_line import RefundLine


T = TypeVar("T", bound="RefundCommand")


@_attrs_define
class RefundCommand:
    """
    Attributes:
        reason (str):
        amount_fen (int | None | Unset):
        item_lines (list[RefundLine] | None | Unset):
    """

    reason: str
    amount_fen: int | None | Unset = UNSET
    item_lines: list[RefundLine] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        amount_fen: int | None | Unset
        if isinstance(self.amount_fen, Unset):
            amount_fen = UNSET
        else:
            amount_fen = self.amount_fen

        item_lines: list[dict[str, Any]] | None | Unset
        if isinstance(self.item_lines, Unset):
            item_lines = UNSET
        elif isinstance(self.item_lines, list):
            item_lines = []
            for item_lines_type_0_item_data in self.item_lines:
                item_lines_type_0_item = item_lines_type_0_item_data.to_dict()
                item_lines.append(item_lines_type_0_item)

        else:
            item_lines = self.item_lines

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if amount_fen is not UNSET:
            field_dict["amount_fen"] = amount_fen
        if item_lines is not UNSET:
            field_dict["item_lines"] = item_lines

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.refund_line import RefundLine

        d = dict(src_dict)
        reason = d.pop("reason")

        def _parse_amount_fen(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount_fen = _parse_amount_fen(d.pop("amount_fen", UNSET))

        def _parse_item_lines(data: object) -> list[RefundLine] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                item_lines_type_0 = []
                _item_lines_type_0 = data
                for item_lines_type_0_item_data in _item_lines_type_0:
                    item_lines_type_0_item = RefundLine.from_dict(
                        item_lines_type_0_item_data
                    )

                    item_lines_type_0.append(item_lines_type_0_item)

                return item_lines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RefundLine] | None | Unset, data)

        item_lines = _parse_item_lines(d.pop("item_lines", UNSET))

        refund_command = cls(
            reason=reason,
            amount_fen=amount_fen,
            item_lines=item_lines,
        )

        refund_command.additional_properties = d
        return refund_command

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
