from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.preference_category import PreferenceCategory
from ..models.preference_channels_item import PreferenceChannelsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="Preference")


@_attrs_define
class Preference:
    """
    Attributes:
        category (PreferenceCategory):
        channels (list[PreferenceChannelsItem] | Unset):
        critical (bool | Unset):  Default: False.
        enabled (bool | Unset):  Default: True.
        label (str | Unset):  Default: ''.
    """

    category: PreferenceCategory
    channels: list[PreferenceChannelsItem] | Unset = UNSET
    critical: bool | Unset = False
    enabled: bool | Unset = True
    label: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category.value

        channels: list[str] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = []
            for channels_item_data in self.channels:
                channels_item = channels_item_data.value
                channels.append(channels_item)

        critical = self.critical

        enabled = self.enabled

        label = self.label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
            }
        )
        if channels is not UNSET:
            field_dict["channels"] = channels
        if critical is not UNSET:
            field_dict["critical"] = critical
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = PreferenceCategory(d.pop("category"))

        _channels = d.pop("channels", UNSET)
        channels: list[PreferenceChannelsItem] | Unset = UNSET
        if _channels is not UNSET:
            channels = []
            for channels_item_data in _channels:
                channels_item = PreferenceChannelsItem(channels_item_data)

                channels.append(channels_item)

        critical = d.pop("critical", UNSET)

        enabled = d.pop("enabled", UNSET)

        label = d.pop("label", UNSET)

        preference = cls(
            category=category,
            channels=channels,
            critical=critical,
            enabled=enabled,
            label=label,
        )

        preference.additional_properties = d
        return preference

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
