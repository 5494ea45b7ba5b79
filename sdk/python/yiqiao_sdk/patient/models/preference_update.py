from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.preference_update_category import PreferenceUpdateCategory
from ..models.preference_update_channels_item import PreferenceUpdateChannelsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="PreferenceUpdate")


@_attrs_define
class PreferenceUpdate:
    """
    Attributes:
        category (PreferenceUpdateCategory):
        enabled (bool):
        channels (list[PreferenceUpdateChannelsItem] | Unset):
    """

    category: PreferenceUpdateCategory
    enabled: bool
    channels: list[PreferenceUpdateChannelsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        enabled = self.enabled

        channels: list[str] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = []
            for channels_item_data in self.channels:
                channels_item = channels_item_data.value
                channels.append(channels_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "enabled": enabled,
            }
        )
        if channels is not UNSET:
            field_dict["channels"] = channels

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = PreferenceUpdateCategory(d.pop("category"))

        enabled = d.pop("enabled")

        _channels = d.pop("channels", UNSET)
        channels: list[PreferenceUpdateChannelsItem] | Unset = UNSET
        if _channels is not UNSET:
            channels = []
            for channels_item_data in _channels:
                channels_item = PreferenceUpdateChannelsItem(channels_item_data)

                channels.append(channels_item)

        preference_update = cls(
            category=category,
            enabled=enabled,
            channels=channels,
        )

        preference_update.additional_properties = d
        return preference_update

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
