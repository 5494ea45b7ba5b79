from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.recon_run_view_status import ReconRunViewStatus

T = TypeVar("T", bound="ReconRunView")


@_attrs_define
class ReconRunView:
    """
    Attributes:
        attempts (int):
        day (datetime.date):
        error (str):
        finished_at (datetime.datetime | None):
        id (UUID):
        matched (int):
        mismatches (int):
        our_entries (int):
        our_payments_fen (int):
        our_refunds_fen (int):
        provider (str):
        started_at (datetime.datetime):
        status (ReconRunViewStatus):
        their_lines (int):
        their_payments_fen (int):
        their_refunds_fen (int):
    """

    attempts: int
    day: datetime.date
    error: str
    finished_at: datetime.datetime | None
    id: UUID
    matched: int
    mismatches: int
    our_entries: int
    our_payments_fen: int
    our_refunds_fen: int
    provider: str
    started_at: datetime.datetime
    status: ReconRunViewStatus
    their_lines: int
    their_payments_fen: int
    their_refunds_fen: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        day = self.day.isoformat()

        error = self.error

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        matched = self.matched

        mismatches = self.mismatches

        our_entries = self.our_entries

        our_payments_fen = self.our_payments_fen

        our_refunds_fen = self.our_refunds_fen

        provider = self.provider

        started_at = self.started_at.isoformat()

        status = self.status.value

        their_lines = self.their_lines

        their_payments_fen = self.their_payments_fen

        their_refunds_fen = self.their_refunds_fen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "day": day,
                "error": error,
                "finished_at": finished_at,
                "id": id,
                "matched": matched,
                "mismatches": mismatches,
                "our_entries": our_entries,
                "our_payments_fen": our_payments_fen,
                "our_refunds_fen": our_refunds_fen,
                "provider": provider,
                "started_at": started_at,
                "status": status,
                "their_lines": their_lines,
                "their_payments_fen": their_payments_fen,
                "their_refunds_fen": their_refunds_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        day = datetime.date.fromisoformat(d.pop("day"))

        error = d.pop("error")

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

        matched = d.pop("matched")

        mismatches = d.pop("mismatches")

        our_entries = d.pop("our_entries")

        our_payments_fen = d.pop("our_payments_fen")

        our_refunds_fen = d.pop("our_refunds_fen")

        provider = d.pop("provider")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        status = ReconRunViewStatus(d.pop("status"))

        their_lines = d.pop("their_lines")

        their_payments_fen = d.pop("their_payments_fen")

        their_refunds_fen = d.pop("their_refunds_fen")

        recon_run_view = cls(
            attempts=attempts,
            day=day,
            error=error,
            finished_at=finished_at,
            id=id,
            matched=matched,
            mismatches=mismatches,
            our_entries=our_entries,
            our_payments_fen=our_payments_fen,
            our_refunds_fen=our_refunds_fen,
            provider=provider,
            started_at=started_at,
            status=status,
            their_lines=their_lines,
            their_payments_fen=their_payments_fen,
            their_refunds_fen=their_refunds_fen,
        )

        recon_run_view.additional_properties = d
        return recon_run_view

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
