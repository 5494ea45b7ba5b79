from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CitizenSession")


@_attrs_define
class CitizenSession:
    """
    Attributes:
        idle_timeout_s (int):
        method (str):
        name_masked (str):
        session_token (str):
    """

    idle_timeout_s: int
    method: str
    name_masked: str
    session_token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        idle_timeout_s = self.idle_timeout_s

        method = self.method

        name_masked = self.name_masked

        session_token = self.session_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "idle_timeout_s": idle_timeout_s,
                "method": method,
                "name_masked": name_masked,
                "session_token": session_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        idle_timeout_s = d.pop("idle_timeout_s")

        method = d.pop("method")

        name_masked = d.pop("name_masked")

        session_token = d.pop("session_token")

        citizen_session = cls(
            idle_timeout_s=idle_timeout_s,
            method=method,
            name_masked=name_masked,
            session_token=session_token,
        )

        citizen_session.additional_properties = d
        return citizen_session

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
