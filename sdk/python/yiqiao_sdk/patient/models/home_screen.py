from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.card_with_qr import CardWithQr
    from ..models.notice_view import NoticeView
    from ..models.profile_view import ProfileView


T = TypeVar("T", bound="HomeScreen")


@_attrs_define
class HomeScreen:
    """
    Attributes:
        cards (list[CardWithQr]):
        latest_notices (list[NoticeView]):
        phone_masked (str):
        profiles (list[ProfileView]):
        unread_notices (int):
    """

    cards: list[CardWithQr]
    latest_notices: list[NoticeView]
    phone_masked: str
    profiles: list[ProfileView]
    unread_notices: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cards = []
        for cards_item_data in self.cards:
            cards_item = cards_item_data.to_dict()
            cards.append(cards_item)

        latest_notices = []
        for latest_notices_item_data in self.latest_notices:
            latest_notices_item = latest_notices_item_data.to_dict()
            latest_notices.append(latest_notices_item)

        phone_masked = self.phone_masked

        profiles = []
        for profiles_item_data in self.profiles:
            profiles_item = profiles_item_data.to_dict()
            profiles.append(profiles_item)

        unread_notices = self.unread_notices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cards": cards,
                "latest_notices": latest_notices,
                "phone_masked": phone_masked,
                "profiles": profiles,
                "unread_notices": unread_notices,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.card_with_qr import CardWithQr
        from ..models.notice_view import NoticeView
        from ..models.profile_view import ProfileView

        d = dict(src_dict)
        cards = []
        _cards = d.pop("cards")
        for cards_item_data in _cards:
            cards_item = CardWithQr.from_dict(cards_item_data)

            cards.append(cards_item)

        latest_notices = []
        _latest_notices = d.pop("latest_notices")
        for latest_notices_item_data in _latest_notices:
            latest_notices_item = NoticeView.from_dict(latest_notices_item_data)

            latest_notices.append(latest_notices_item)

        phone_masked = d.pop("phone_masked")

        profiles = []
        _profiles = d.pop("profiles")
        for profiles_item_data in _profiles:
            profiles_item = ProfileView.from_dict(profiles_item_data)

            profiles.append(profiles_item)

        unread_notices = d.pop("unread_notices")

        home_screen = cls(
            cards=cards,
            latest_notices=latest_notices,
            phone_masked=phone_masked,
            profiles=profiles,
            unread_notices=unread_notices,
        )

        home_screen.additional_properties = d
        return home_screen

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
