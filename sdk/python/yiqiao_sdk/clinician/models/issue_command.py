from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.issue_command_name import IssueCommandName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.issue_command_args import IssueCommandArgs


T = TypeVar("T", bound="IssueCommand")


@_attrs_define
class IssueCommand:
    """
    Attributes:
        name (IssueCommandName):
        args (IssueCommandArgs | Unset):
    """

    name: IssueCommandName
    args: IssueCommandArgs | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name.value

        args: dict[str, Any] | Unset = UNSET
        if not isinstance(self.args, Unset):
            args = self.args.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if args is not UNSET:
            field_dict["args"] = args

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.issue_command_args import IssueCommandArgs

        d = dict(src_dict)
        name = IssueCommandName(d.pop("name"))

        _args = d.pop("args", UNSET)
        args: IssueCommandArgs | Unset
        if isinstance(_args, Unset):
            args = UNSET
        else:
            args = IssueCommandArgs.from_dict(_args)

        issue_command = cls(
            name=name,
            args=args,
        )

        issue_command.additional_properties = d
        return issue_command

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
