from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_view_colour import InvoiceViewColour
from ..models.invoice_view_medical_kind import InvoiceViewMedicalKind
from ..models.invoice_view_status import InvoiceViewStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceView")


@_attrs_define
class InvoiceView:
    """
    Attributes:
        colour (InvoiceViewColour):
        created_at (datetime.datetime):
        id (UUID):
        institution_name (str):
        insurance_fen (int):
        medical_kind (InvoiceViewMedicalKind):
        patient_id (UUID):
        patient_name_masked (str):
        self_pay_fen (int):
        status (InvoiceViewStatus):
        status_text (str):
        title (str):
        total_fen (int):
        total_in_words (str):
        admission_id (None | Unset | UUID):
        admission_no (None | str | Unset):
        bill_code (None | str | Unset):
        bill_no (None | str | Unset):
        check_code (None | str | Unset):
        issued_at (datetime.datetime | None | Unset):
        order_id (None | Unset | UUID):
        order_no (None | str | Unset):
        related_id (None | Unset | UUID):
        reversed_by_id (None | Unset | UUID):
        verify_url (None | str | Unset):
    """

    colour: InvoiceViewColour
    created_at: datetime.datetime
    id: UUID
    institution_name: str
    insurance_fen: int
    medical_kind: InvoiceViewMedicalKind
    patient_id: UUID
    patient_name_masked: str
    self_pay_fen: int
    status: InvoiceViewStatus
    status_text: str
    title: str
    total_fen: int
    total_in_words: str
    admission_id: None | Unset | UUID = UNSET
    admission_no: None | str | Unset = UNSET
    bill_code: None | str | Unset = UNSET
    bill_no: None | str | Unset = UNSET
    check_code: None | str | Unset = UNSET
    issued_at: datetime.datetime | None | Unset = UNSET
    order_id: None | Unset | UUID = UNSET
    order_no: None | str | Unset = UNSET
    related_id: None | Unset | UUID = UNSET
    reversed_by_id: None | Unset | UUID = UNSET
    verify_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        colour = self.colour.value

        created_at = self.created_at.isoformat()

        id = str(self.id)

        institution_name = self.institution_name

        insurance_fen = self.insurance_fen

        medical_kind = self.medical_kind.value

        patient_id = str(self.patient_id)

        patient_name_masked = self.patient_name_masked

        self_pay_fen = self.self_pay_fen

        status = self.status.value

        status_text = self.status_text

        title = self.title

        total_fen = self.total_fen

        total_in_words = self.total_in_words

        admission_id: None | str | Unset
        if isinstance(self.admission_id, Unset):
            admission_id = UNSET
        elif isinstance(self.admission_id, UUID):
            admission_id = str(self.admission_id)
        else:
            admission_id = self.admission_id

        admission_no: None | str | Unset
        if isinstance(self.admission_no, Unset):
            admission_no = UNSET
        else:
            admission_no = self.admission_no

        bill_code: None | str | Unset
        if isinstance(self.bill_code, Unset):
            bill_code = UNSET
        else:
            bill_code = self.bill_code

        bill_no: None | str | Unset
        if isinstance(self.bill_no, Unset):
            bill_no = UNSET
        else:
            bill_no = self.bill_no

        check_code: None | str | Unset
        if isinstance(self.check_code, Unset):
            check_code = UNSET
        else:
            check_code = self.check_code

        issued_at: None | str | Unset
        if isinstance(self.issued_at, Unset):
            issued_at = UNSET
        elif isinstance(self.issued_at, datetime.datetime):
            issued_at = self.issued_at.isoformat()
        else:
            issued_at = self.issued_at

        order_id: None | str | Unset
        if isinstance(self.order_id, Unset):
            order_id = UNSET
        elif isinstance(self.order_id, UUID):
            order_id = str(self.order_id)
        else:
            order_id = self.order_id

        order_no: None | str | Unset
        if isinstance(self.order_no, Unset):
            order_no = UNSET
        else:
            order_no = self.order_no

        related_id: None | str | Unset
        if isinstance(self.related_id, Unset):
            related_id = UNSET
        elif isinstance(self.related_id, UUID):
            related_id = str(self.related_id)
        else:
            related_id = self.related_id

        reversed_by_id: None | str | Unset
        if isinstance(self.reversed_by_id, Unset):
            reversed_by_id = UNSET
        elif isinstance(self.reversed_by_id, UUID):
            reversed_by_id = str(self.reversed_by_id)
        else:
            reversed_by_id = self.reversed_by_id

        verify_url: None | str | Unset
        if isinstance(self.verify_url, Unset):
            verify_url = UNSET
        else:
            verify_url = self.verify_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "colour": colour,
                "created_at": created_at,
                "id": id,
                "institution_name": institution_name,
                "insurance_fen": insurance_fen,
                "medical_kind": medical_kind,
                "patient_id": patient_id,
                "patient_name_masked": patient_name_masked,
                "self_pay_fen": self_pay_fen,
                "status": status,
                "status_text": status_text,
                "title": title,
                "total_fen": total_fen,
                "total_in_words": total_in_words,
            }
        )
        if admission_id is not UNSET:
            field_dict["admission_id"] = admission_id
        if admission_no is not UNSET:
            field_dict["admission_no"] = admission_no
        if bill_code is not UNSET:
            field_dict["bill_code"] = bill_code
        if bill_no is not UNSET:
            field_dict["bill_no"] = bill_no
        if check_code is not UNSET:
            field_dict["check_code"] = check_code
        if issued_at is not UNSET:
            field_dict["issued_at"] = issued_at
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if order_no is not UNSET:
            field_dict["order_no"] = order_no
        if related_id is not UNSET:
            field_dict["related_id"] = related_id
        if reversed_by_id is not UNSET:
            field_dict["reversed_by_id"] = reversed_by_id
        if verify_url is not UNSET:
            field_dict["verify_url"] = verify_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        colour = InvoiceViewColour(d.pop("colour"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        institution_name = d.pop("institution_name")

        insurance_fen = d.pop("insurance_fen")

        medical_kind = InvoiceViewMedicalKind(d.pop("medical_kind"))

        patient_id = UUID(d.pop("patient_id"))

        patient_name_masked = d.pop("patient_name_masked")

        self_pay_fen = d.pop("self_pay_fen")

        status = InvoiceViewStatus(d.pop("status"))

        status_text = d.pop("status_text")

        title = d.pop("title")

        total_fen = d.pop("total_fen")

        total_in_words = d.pop("total_in_words")

        def _parse_admission_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                admission_id_type_0 = UUID(data)

                return admission_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        admission_id = _parse_admission_id(d.pop("admission_id", UNSET))

        def _parse_admission_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        admission_no = _parse_admission_no(d.pop("admission_no", UNSET))

        def _parse_bill_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bill_code = _parse_bill_code(d.pop("bill_code", UNSET))

        def _parse_bill_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bill_no = _parse_bill_no(d.pop("bill_no", UNSET))

        def _parse_check_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        check_code = _parse_check_code(d.pop("check_code", UNSET))

        def _parse_issued_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issued_at_type_0 = datetime.datetime.fromisoformat(data)

                return issued_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        issued_at = _parse_issued_at(d.pop("issued_at", UNSET))

        def _parse_order_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                order_id_type_0 = UUID(data)

                return order_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        order_id = _parse_order_id(d.pop("order_id", UNSET))

        def _parse_order_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_no = _parse_order_no(d.pop("order_no", UNSET))

        def _parse_related_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                related_id_type_0 = UUID(data)

                return related_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        related_id = _parse_related_id(d.pop("related_id", UNSET))

        def _parse_reversed_by_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reversed_by_id_type_0 = UUID(data)

                return reversed_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        reversed_by_id = _parse_reversed_by_id(d.pop("reversed_by_id", UNSET))

        def _parse_verify_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verify_url = _parse_verify_url(d.pop("verify_url", UNSET))

        invoice_view = cls(
            colour=colour,
            created_at=created_at,
            id=id,
            institution_name=institution_name,
            insurance_fen=insurance_fen,
            medical_kind=medical_kind,
            patient_id=patient_id,
            patient_name_masked=patient_name_masked,
            self_pay_fen=self_pay_fen,
            status=status,
            status_text=status_text,
            title=title,
            total_fen=total_fen,
            total_in_words=total_in_words,
            admission_id=admission_id,
            admission_no=admission_no,
            bill_code=bill_code,
            bill_no=bill_no,
            check_code=check_code,
            issued_at=issued_at,
            order_id=order_id,
            order_no=order_no,
            related_id=related_id,
            reversed_by_id=reversed_by_id,
            verify_url=verify_url,
        )

        invoice_view.additional_properties = d
        return invoice_view

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
