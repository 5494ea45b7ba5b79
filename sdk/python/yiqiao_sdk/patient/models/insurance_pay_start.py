from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.insurance_split_view import InsuranceSplitView
    from ..models.payment_start import PaymentStart


T = TypeVar("T", bound="InsurancePayStart")


@_attrs_define
class InsurancePayStart:
    """
    Attributes:
        order_status (str):
        split (InsuranceSplitView):
        payment (None | PaymentStart | Unset):
    """

    order_status: str
    split: InsuranceSplitView
    payment: None | PaymentStart | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payment_start import PaymentStart

        order_status = self.order_status

        split = self.split.to_dict()

        payment: dict[str, Any] | None | Unset
        if isinstance(self.payment, Unset):
            payment = UNSET
        elif isinstance(self.payment, PaymentStart):
            payment = self.payment.to_dict()
        else:
            payment = self.payment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_status": order_status,
                "split": split,
            }
        )
        if payment is not UNSET:
            field_dict["payment"] = payment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.insurance_split_view import InsuranceSplitView
        from ..models.payment_start import PaymentStart

        d = dict(src_dict)
        order_status = d.pop("order_status")

        split = InsuranceSplitView.from_dict(d.pop("split"))

        def _parse_payment(data: object) -> None | PaymentStart | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payment_type_0 = PaymentStart.from_dict(data)

                return payment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentStart | Unset, data)

        payment = _parse_payment(d.pop("payment", UNSET))

        insurance_pay_start = cls(
            order_status=order_status,
            split=split,
            payment=payment,
        )

        insurance_pay_start.additional_properties = d
        return insurance_pay_start

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
