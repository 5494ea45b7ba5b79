from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.profile_view_relationship import ProfileViewRelationship
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.visit_card_view import VisitCardView


T = TypeVar("T", bound="ProfileView")


@_attrs_define
class ProfileView:
    """
    Attributes:
        birth_date (datetime.date):
        id (UUID):
        id_number_masked (str):
        name_masked (str):
        phone_masked (None | str):
        relationship (ProfileViewRelationship):
        sex (str):
        cards (list[VisitCardView] | Unset):
    """

    birth_date: datetime.date
    id: UUID
    id_number_masked: str
    name_masked: str
    phone_masked: None | str
    relationship: ProfileViewRelationship
    sex: str
    cards: list[VisitCardView] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        birth_date = self.birth_date.isoformat()

        id = str(self.id)

        id_number_masked = self.id_number_masked

        name_masked = self.name_masked

        phone_masked: None | str
        phone_masked = self.phone_masked

        relationship = self.relationship.value

        sex = self.sex

        cards: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cards, Unset):
            cards = []
            for cards_item_data in self.cards:
                cards_item = cards_item_data.to_dict()
                cards.append(cards_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "birth_date": birth_date,
                "id": id,
                "id_number_masked": id_number_masked,
                "name_masked": name_masked,
                "phone_masked": phone_masked,
                "relationship": relationship,
                "sex": sex,
            }
        )
        if cards is not UNSET:
            field_dict["cards"] = cards

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.visit_card_view import VisitCardView

        d = dict(src_dict)
        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        id = UUID(d.pop("id"))

        id_number_masked = d.pop("id_number_masked")

        name_masked = d.pop("name_masked")

        def _parse_phone_masked(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone_masked = _parse_phone_masked(d.pop("phone_masked"))

        relationship = ProfileViewRelationship(d.pop("relationship"))

        sex = d.pop("sex")

        _cards = d.pop("cards", UNSET)
        cards: list[VisitCardView] | Unset = UNSET
        if _cards is not UNSET:
            cards = []
            for cards_item_data in _cards:
                cards_item = VisitCardView.from_dict(cards_item_data)

                cards.append(cards_item)

        profile_view = cls(
            birth_date=birth_date,
            id=id,
            id_number_masked=id_number_masked,
            name_masked=name_masked,
            phone_masked=phone_masked,
            relationship=relationship,
            sex=sex,
            cards=cards,
        )

        profile_view.additional_properties = d
        return profile_view

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
