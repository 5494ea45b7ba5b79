from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.admission_view_status import AdmissionViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pre_settlement_view import PreSettlementView


T = TypeVar("T", bound="AdmissionView")


@_attrs_define
class AdmissionView:
    """
    Attributes:
        admission_no (str):
        admitted_at (datetime.datetime):
        balance_fen (int):
        bed (str):
        charges_fen (int):
        days (int):
        department (str):
        deposits_fen (int):
        id (UUID):
        institution_id (UUID):
        low_balance (bool):
        low_balance_threshold_fen (int):
        patient_id (UUID):
        patient_name_masked (str):
        status (AdmissionViewStatus):
        status_text (str):
        takes_deposits (bool):
        ward (str):
        discharge_order_id (None | Unset | UUID):
        presettlement (None | PreSettlementView | Unset):
        settled_at (datetime.datetime | None | Unset):
    """

    admission_no: str
    admitted_at: datetime.datetime
    balance_fen: int
    bed: str
    charges_fen: int
    days: int
    department: str
    deposits_fen: int
    id: UUID
    institution_id: UUID
    low_balance: bool
    low_balance_threshold_fen: int
    patient_id: UUID
    patient_name_masked: str
    status: AdmissionViewStatus
    status_text: str
    takes_deposits: bool
    ward: str
    discharge_order_id: None | Unset | UUID = UNSET
    presettlement: None | PreSettlementView | Unset = UNSET
    settled_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pre_settlement_view import PreSettlementView

        admission_no = self.admission_no

        admitted_at = self.admitted_at.isoformat()

        balance_fen = self.balance_fen

        bed = self.bed

        charges_fen = self.charges_fen

        days = self.days

        department = self.department

        deposits_fen = self.deposits_fen

        id = str(self.id)

        institution_id = str(self.institution_id)

        low_balance = self.low_balance

        low_balance_threshold_fen = self.low_balance_threshold_fen

        patient_id = str(self.patient_id)

        patient_name_masked = self.patient_name_masked

        status = self.status.value

        status_text = self.status_text

        takes_deposits = self.takes_deposits

        ward = self.ward

        discharge_order_id: None | str | Unset
        if isinstance(self.discharge_order_id, Unset):
            discharge_order_id = UNSET
        elif isinstance(self.discharge_order_id, UUID):
            discharge_order_id = str(self.discharge_order_id)
        else:
            discharge_order_id = self.discharge_order_id

        presettlement: dict[str, Any] | None | Unset
        if isinstance(self.presettlement, Unset):
            presettlement = UNSET
        elif isinstance(self.presettlement, PreSettlementView):
            presettlement = self.presettlement.to_dict()
        else:
            presettlement = self.presettlement

        settled_at: None | str | Unset
        if isinstance(self.settled_at, Unset):
            settled_at = UNSET
        elif isinstance(self.settled_at, datetime.datetime):
            settled_at = self.settled_at.isoformat()
        else:
            settled_at = self.settled_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admission_no": admission_no,
                "admitted_at": admitted_at,
                "balance_fen": balance_fen,
                "bed": bed,
                "charges_fen": charges_fen,
                "days": days,
                "department": department,
                "deposits_fen": deposits_fen,
                "id": id,
                "institution_id": institution_id,
                "low_balance": low_balance,
                "low_balance_threshold_fen": low_balance_threshold_fen,
                "patient_id": patient_id,
                "patient_name_masked": patient_name_masked,
                "status": status,
                "status_text": status_text,
                "takes_deposits": takes_deposits,
                "ward": ward,
            }
        )
        if discharge_order_id is not UNSET:
            field_dict["discharge_order_id"] = discharge_order_id
        if presettlement is not UNSET:
            field_dict["presettlement"] = presettlement
        if settled_at is not UNSET:
            field_dict["settled_at"] = settled_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pre_settlement_view import PreSettlementView

        d = dict(src_dict)
        admission_no = d.pop("admission_no")

        admitted_at = datetime.datetime.fromisoformat(d.pop("admitted_at"))

        balance_fen = d.pop("balance_fen")

        bed = d.pop("bed")

        charges_fen = d.pop("charges_fen")

        days = d.pop("days")

        department = d.pop("department")

        deposits_fen = d.pop("deposits_fen")

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        low_balance = d.pop("low_balance")

        low_balance_threshold_fen = d.pop("low_balance_threshold_fen")

        patient_id = UUID(d.pop("patient_id"))

        patient_name_masked = d.pop("patient_name_masked")

        status = AdmissionViewStatus(d.pop("status"))

        status_text = d.pop("status_text")

        takes_deposits = d.pop("takes_deposits")

        ward = d.pop("ward")

        def _parse_discharge_order_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discharge_order_id_type_0 = UUID(data)

                return discharge_order_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        discharge_order_id = _parse_discharge_order_id(
            d.pop("discharge_order_id", UNSET)
        )

        def _parse_presettlement(data: object) -> None | PreSettlementView | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                presettlement_type_0 = PreSettlementView.from_dict(data)

                return presettlement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PreSettlementView | Unset, data)

        presettlement = _parse_presettlement(d.pop("presettlement", UNSET))

        def _parse_settled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_at_type_0 = datetime.datetime.fromisoformat(data)

                return settled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        settled_at = _parse_settled_at(d.pop("settled_at", UNSET))

        admission_view = cls(
            admission_no=admission_no,
            admitted_at=admitted_at,
            balance_fen=balance_fen,
            bed=bed,
            charges_fen=charges_fen,
            days=days,
            department=department,
            deposits_fen=deposits_fen,
            id=id,
            institution_id=institution_id,
            low_balance=low_balance,
            low_balance_threshold_fen=low_balance_threshold_fen,
            patient_id=patient_id,
            patient_name_masked=patient_name_masked,
            status=status,
            status_text=status_text,
            takes_deposits=takes_deposits,
            ward=ward,
            discharge_order_id=discharge_order_id,
            presettlement=presettlement,
            settled_at=settled_at,
        )

        admission_view.additional_properties = d
        return admission_view

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
