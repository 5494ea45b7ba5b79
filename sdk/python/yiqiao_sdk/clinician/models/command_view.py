from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.command_view_name import CommandViewName
from ..models.command_view_status import CommandViewStatus

if TYPE_CHECKING:
    from ..models.command_view_args import CommandViewArgs
    from ..models.command_view_result_type_0 import CommandViewResultType0


T = TypeVar("T", bound="CommandView")


@_attrs_define
class CommandView:
    """
    Attributes:
        args (CommandViewArgs):
        delivered_at (datetime.datetime | None):
        device_id (UUID):
        error (None | str):
        expires_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        id (UUID):
        issued_at (datetime.datetime):
        issued_by (str):
        name (CommandViewName):
        result (CommandViewResultType0 | None):
        sent_at (datetime.datetime | None):
        status (CommandViewStatus):
    """

    args: CommandViewArgs
    delivered_at: datetime.datetime | None
    device_id: UUID
    error: None | str
    expires_at: datetime.datetime
    finished_at: datetime.datetime | None
    id: UUID
    issued_at: datetime.datetime
    issued_by: str
    name: CommandViewName
    result: CommandViewResultType0 | None
    sent_at: datetime.datetime | None
    status: CommandViewStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.command_view_result_type_0 import CommandViewResultType0

        args = self.args.to_dict()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        device_id = str(self.device_id)

        error: None | str
        error = self.error

        expires_at = self.expires_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        issued_at = self.issued_at.isoformat()

        issued_by = self.issued_by

        name = self.name.value

        result: dict[str, Any] | None
        if isinstance(self.result, CommandViewResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        sent_at: None | str
        if isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "args": args,
                "delivered_at": delivered_at,
                "device_id": device_id,
                "error": error,
                "expires_at": expires_at,
                "finished_at": finished_at,
                "id": id,
                "issued_at": issued_at,
                "issued_by": issued_by,
                "name": name,
                "result": result,
                "sent_at": sent_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.command_view_args import CommandViewArgs
        from ..models.command_view_result_type_0 import CommandViewResultType0

        d = dict(src_dict)
        args = CommandViewArgs.from_dict(d.pop("args"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        device_id = UUID(d.pop("device_id"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = UUID(d.pop("id"))

        issued_at = datetime.datetime.fromisoformat(d.pop("issued_at"))

        issued_by = d.pop("issued_by")

        name = CommandViewName(d.pop("name"))

        def _parse_result(data: object) -> CommandViewResultType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = CommandViewResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CommandViewResultType0 | None, data)

        result = _parse_result(d.pop("result"))

        def _parse_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sent_at = _parse_sent_at(d.pop("sent_at"))

        status = CommandViewStatus(d.pop("status"))

        command_view = cls(
            args=args,
            delivered_at=delivered_at,
            device_id=device_id,
            error=error,
            expires_at=expires_at,
            finished_at=finished_at,
            id=id,
            issued_at=issued_at,
            issued_by=issued_by,
            name=name,
            result=result,
            sent_at=sent_at,
            status=status,
        )

        command_view.additional_properties = d
        return command_view

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
