from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ecg_block_view import EcgBlockView


T = TypeVar("T", bound="EcgStrip")


@_attrs_define
class EcgStrip:
    """
    Attributes:
        blocks (list[EcgBlockView]):
        device_code (str):
        device_id (UUID):
        seconds (int):
    """

    blocks: list[EcgBlockView]
    device_code: str
    device_id: UUID
    seconds: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        blocks = []
        for blocks_item_data in self.blocks:
            blocks_item = blocks_item_data.to_dict()
            blocks.append(blocks_item)

        device_code = self.device_code

        device_id = str(self.device_id)

        seconds = self.seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "blocks": blocks,
                "device_code": device_code,
                "device_id": device_id,
                "seconds": seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ecg_block_view import EcgBlockView

        d = dict(src_dict)
        blocks = []
        _blocks = d.pop("blocks")
        for blocks_item_data in _blocks:
            blocks_item = EcgBlockView.from_dict(blocks_item_data)

            blocks.append(blocks_item)

        device_code = d.pop("device_code")

        device_id = UUID(d.pop("device_id"))

        seconds = d.pop("seconds")

        ecg_strip = cls(
            blocks=blocks,
            device_code=device_code,
            device_id=device_id,
            seconds=seconds,
        )

        ecg_strip.additional_properties = d
        return ecg_strip

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
