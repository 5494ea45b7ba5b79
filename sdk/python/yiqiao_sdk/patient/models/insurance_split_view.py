from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.insurance_split_view_status import InsuranceSplitViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.insurance_line_view import InsuranceLineView


T = TypeVar("T", bound="InsuranceSplitView")


@_attrs_define
class InsuranceSplitView:
    """
    Attributes:
        account_fen (int):
        capped (bool):
        card_no_masked (str):
        cash_fen (int):
        deductible_fen (int):
        eligible_fen (int):
        first_self_pay_fen (int):
        fund_fen (int):
        insured_type (str):
        insured_type_text (str):
        level (str):
        level_text (str):
        lines (list[InsuranceLineView]):
        order_id (UUID):
        order_no (str):
        ratio_bp (int):
        status (InsuranceSplitViewStatus):
        status_text (str):
        summary (str):
        total_fen (int):
        uncovered_fen (int):
        refunded_account_fen (int | Unset):  Default: 0.
        refunded_fund_fen (int | Unset):  Default: 0.
        settled_at (datetime.datetime | None | Unset):
        status_reason (str | Unset):  Default: ''.
    """

    account_fen: int
    capped: bool
    card_no_masked: str
    cash_fen: int
    deductible_fen: int
    eligible_fen: int
    first_self_pay_fen: int
    fund_fen: int
    insured_type: str
    insured_type_text: str
    level: str
    level_text: str
    lines: list[InsuranceLineView]
    order_id: UUID
    order_no: str
    ratio_bp: int
    status: InsuranceSplitViewStatus
    status_text: str
    summary: str
    total_fen: int
    uncovered_fen: int
    refunded_account_fen: int | Unset = 0
    refunded_fund_fen: int | Unset = 0
    settled_at: datetime.datetime | None | Unset = UNSET
    status_reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_fen = self.account_fen

        capped = self.capped

        card_no_masked = self.card_no_masked

        cash_fen = self.cash_fen

        deductible_fen = self.deductible_fen

        eligible_fen = self.eligible_fen

        first_self_pay_fen = self.first_self_pay_fen

        fund_fen = self.fund_fen

        insured_type = self.insured_type

        insured_type_text = self.insured_type_text

        level = self.level

        level_text = self.level_text

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        order_id = str(self.order_id)

        order_no = self.order_no

        ratio_bp = self.ratio_bp

        status = self.status.value

        status_text = self.status_text

        summary = self.summary

        total_fen = self.total_fen

        uncovered_fen = self.uncovered_fen

        refunded_account_fen = self.refunded_account_fen

        refunded_fund_fen = self.refunded_fund_fen

        settled_at: None | str | Unset
        if isinstance(self.settled_at, Unset):
            settled_at = UNSET
        elif isinstance(self.settled_at, datetime.datetime):
            settled_at = self.settled_at.isoformat()
        else:
            settled_at = self.settled_at

        status_reason = self.status_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_fen": account_fen,
                "capped": capped,
                "card_no_masked": card_no_masked,
                "cash_fen": cash_fen,
                "deductible_fen": deductible_fen,
                "eligible_fen": eligible_fen,
                "first_self_pay_fen": first_self_pay_fen,
                "fund_fen": fund_fen,
                "insured_type": insured_type,
                "insured_type_text": insured_type_text,
                "level": level,
                "level_text": level_text,
                "lines": lines,
                "order_id": order_id,
                "order_no": order_no,
                "ratio_bp": ratio_bp,
                "status": status,
                "status_text": status_text,
                "summary": summary,
                "total_fen": total_fen,
                "uncovered_fen": uncovered_fen,
            }
        )
        if refunded_account_fen is not UNSET:
            field_dict["refunded_account_fen"] = refunded_account_fen
        if refunded_fund_fen is not UNSET:
            field_dict["refunded_fund_fen"] = refunded_fund_fen
        if settled_at is not UNSET:
            field_dict["settled_at"] = settled_at
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.insurance_line_view import InsuranceLineView

        d = dict(src_dict)
        account_fen = d.pop("account_fen")

        capped = d.pop("capped")

        card_no_masked = d.pop("card_no_masked")

        cash_fen = d.pop("cash_fen")

        deductible_fen = d.pop("deductible_fen")

        eligible_fen = d.pop("eligible_fen")

        first_self_pay_fen = d.pop("first_self_pay_fen")

        fund_fen = d.pop("fund_fen")

        insured_type = d.pop("insured_type")

        insured_type_text = d.pop("insured_type_text")

        level = d.pop("level")

        level_text = d.pop("level_text")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = InsuranceLineView.from_dict(lines_item_data)

            lines.append(lines_item)

        order_id = UUID(d.pop("order_id"))

        order_no = d.pop("order_no")

        ratio_bp = d.pop("ratio_bp")

        status = InsuranceSplitViewStatus(d.pop("status"))

        status_text = d.pop("status_text")

        summary = d.pop("summary")

        total_fen = d.pop("total_fen")

        uncovered_fen = d.pop("uncovered_fen")

        refunded_account_fen = d.pop("refunded_account_fen", UNSET)

        refunded_fund_fen = d.pop("refunded_fund_fen", UNSET)

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

        status_reason = d.pop("status_reason", UNSET)

        insurance_split_view = cls(
            account_fen=account_fen,
            capped=capped,
            card_no_masked=card_no_masked,
            cash_fen=cash_fen,
            deductible_fen=deductible_fen,
            eligible_fen=eligible_fen,
            first_self_pay_fen=first_self_pay_fen,
            fund_fen=fund_fen,
            insured_type=insured_type,
            insured_type_text=insured_type_text,
            level=level,
            level_text=level_text,
            lines=lines,
            order_id=order_id,
            order_no=order_no,
            ratio_bp=ratio_bp,
            status=status,
            status_text=status_text,
            summary=summary,
            total_fen=total_fen,
            uncovered_fen=uncovered_fen,
            refunded_account_fen=refunded_account_fen,
            refunded_fund_fen=refunded_fund_fen,
            settled_at=settled_at,
            status_reason=status_reason,
        )

        insurance_split_view.additional_properties = d
        return insurance_split_view

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
