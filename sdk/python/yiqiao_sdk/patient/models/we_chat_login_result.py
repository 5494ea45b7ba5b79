from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.token_pair import TokenPair


T = TypeVar("T", bound="WeChatLoginResult")


@_attrs_define
class WeChatLoginResult:
    """
    Attributes:
        needs_phone (bool | Unset):  Default: False.
        tokens (None | TokenPair | Unset):
    """

    needs_phone: bool | Unset = False
    tokens: None | TokenPair | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.token_pair import TokenPair

        needs_phone = self.needs_phone

        tokens: dict[str, Any] | None | Unset
        if isinstance(self.tokens, Unset):
            tokens = UNSET
        elif isinstance(self.tokens, TokenPair):
            tokens = self.tokens.to_dict()
        else:
            tokens = self.tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if needs_phone is not UNSET:
            field_dict["needs_phone"] = needs_phone
        if tokens is not UNSET:
            field_dict["tokens"] = tokens

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.token_pair import TokenPair

        d = dict(src_dict)
        needs_phone = d.pop("needs_phone", UNSET)

        def _parse_tokens(data: object) -> None | TokenPair | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tokens_type_0 = TokenPair.from_dict(data)

                return tokens_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TokenPair | Unset, data)

        tokens = _parse_tokens(d.pop("tokens", UNSET))

        we_chat_login_result = cls(
            needs_phone=needs_phone,
            tokens=tokens,
        )

        we_chat_login_result.additional_properties = d
        return we_chat_login_result

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
