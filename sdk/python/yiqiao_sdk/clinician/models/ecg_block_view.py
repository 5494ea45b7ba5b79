from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EcgBlockView")


@_attrs_define
class EcgBlockView:
    """
    Attributes:
        leads (list[str]):
        patient_id (None | UUID):
        sample_rate_hz (int):
        samples (str):
        scale_uv (float):
        seq (int):
        started_at (datetime.datetime):
    """

    leads: list[str]
    patient_id: None | UUID
    sample_rate_hz: int
    samples: str
    scale_uv: float
    seq: int
    started_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        leads = self.leads

        patient_id: None | str
        if isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        sample_rate_hz = self.sample_rate_hz

        samples = self.samples

        scale_uv = self.scale_uv

        seq = self.seq

        started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "leads": leads,
                "patient_id": patient_id,
                "sample_rate_hz": sample_rate_hz,
                "samples": samples,
                "scale_uv": scale_uv,
                "seq": seq,
                "started_at": started_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        leads = cast(list[str], d.pop("leads"))

        def _parse_patient_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                patient_id_type_0 = UUID(data)

                return patient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        patient_id = _parse_patient_id(d.pop("patient_id"))

        sample_rate_hz = d.pop("sample_rate_hz")

        samples = d.pop("samples")

        scale_uv = d.pop("scale_uv")

        seq = d.pop("seq")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        ecg_block_view = cls(
            leads=leads,
            patient_id=patient_id,
            sample_rate_hz=sample_rate_hz,
            samples=samples,
            scale_uv=scale_uv,
            seq=seq,
            started_at=started_at,
        )

        ecg_block_view.additional_properties = d
        return ecg_block_view

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
