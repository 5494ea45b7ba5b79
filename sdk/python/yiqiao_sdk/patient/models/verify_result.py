from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.verify_result_colour import VerifyResultColour
from ..models.verify_result_medical_kind import VerifyResultMedicalKind
from ..models.verify_result_result import VerifyResultResult
from ..types import UNSET, Unset

T = TypeVar("T", bound="VerifyResult")


@_attrs_define
class VerifyResult:
    """
    Attributes:
        bill_code (str):
        bill_no (str):
        colour (VerifyResultColour):
        institution_name (str):
        issued_on (datetime.date):
        medical_kind (VerifyResultMedicalKind):
        payer_masked (str):
        result (VerifyResultResult):
        result_text (str):
        total_fen (int):
        total_in_words (str):
        related_bill_code (str | Unset):  Default: ''.
        related_bill_no (str | Unset):  Default: ''.
        signature_checked (bool | Unset):  Default: False.
    """

    bill_code: str
    bill_no: str
    colour: VerifyResultColour
    institution_name: str
    issued_on: datetime.date
    medical_kind: VerifyResultMedicalKind
    payer_masked: str
    result: VerifyResultResult
    result_text: str
    total_fen: int
    total_in_words: str
    related_bill_code: str | Unset = ""
    related_bill_no: str | Unset = ""
    signature_checked: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bill_code = self.bill_code

        bill_no = self.bill_no

        colour = self.colour.value

        institution_name = self.institution_name

        issued_on = self.issued_on.isoformat()

        medical_kind = self.medical_kind.value

        payer_masked = self.payer_masked

        result = self.result.value

        result_text = self.result_text

        total_fen = self.total_fen

        total_in_words = self.total_in_words

        related_bill_code = self.related_bill_code

        related_bill_no = self.related_bill_no

        signature_checked = self.signature_checked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bill_code": bill_code,
                "bill_no": bill_no,
                "colour": colour,
                "institution_name": institution_name,
                "issued_on": issued_on,
                "medical_kind": medical_kind,
                "payer_masked": payer_masked,
                "result": result,
                "result_text": result_text,
                "total_fen": total_fen,
                "total_in_words": total_in_words,
            }
        )
        if related_bill_code is not UNSET:
            field_dict["related_bill_code"] = related_bill_code
        if related_bill_no is not UNSET:
            field_dict["related_bill_no"] = related_bill_no
        if signature_checked is not UNSET:
            field_dict["signature_checked"] = signature_checked

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bill_code = d.pop("bill_code")

        bill_no = d.pop("bill_no")

        colour = VerifyResultColour(d.pop("colour"))

        institution_name = d.pop("institution_name")

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        medical_kind = VerifyResultMedicalKind(d.pop("medical_kind"))

        payer_masked = d.pop("payer_masked")

        result = VerifyResultResult(d.pop("result"))

        result_text = d.pop("result_text")

        total_fen = d.pop("total_fen")

        total_in_words = d.pop("total_in_words")

        related_bill_code = d.pop("related_bill_code", UNSET)

        related_bill_no = d.pop("related_bill_no", UNSET)

        signature_checked = d.pop("signature_checked", UNSET)

        verify_result = cls(
            bill_code=bill_code,
            bill_no=bill_no,
            colour=colour,
            institution_name=institution_name,
            issued_on=issued_on,
            medical_kind=medical_kind,
            payer_masked=payer_masked,
            result=result,
            result_text=result_text,
            total_fen=total_fen,
            total_in_words=total_in_words,
            related_bill_code=related_bill_code,
            related_bill_no=related_bill_no,
            signature_checked=signature_checked,
        )

        verify_result.additional_properties = d
        return verify_result

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
