from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.admission_view import AdmissionView
    from ..models.order_view import OrderView
    from ..models.refund_view import RefundView


T = TypeVar("T", bound="SettlementView")


@_attrs_define
class SettlementView:
    """
    Attributes:
        admission (AdmissionView):
        discharge_order (None | OrderView):
        refunds (list[RefundView]):
    """

    admission: AdmissionView
    discharge_order: None | OrderView
    refunds: list[RefundView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.order_view import OrderView

        admission = self.admission.to_dict()

        discharge_order: dict[str, Any] | None
        if isinstance(self.discharge_order, OrderView):
            discharge_order = self.discharge_order.to_dict()
        else:
            discharge_order = self.discharge_order

        refunds = []
        for refunds_item_data in self.refunds:
            refunds_item = refunds_item_data.to_dict()
            refunds.append(refunds_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admission": admission,
                "discharge_order": discharge_order,
                "refunds": refunds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.admission_view import AdmissionView
        from ..models.order_view import OrderView
        from ..models.refund_view import RefundView

        d = dict(src_dict)
        admission = AdmissionView.from_dict(d.pop("admission"))

        def _parse_discharge_order(data: object) -> None | OrderView:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                discharge_order_type_0 = OrderView.from_dict(data)

                return discharge_order_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderView, data)

        discharge_order = _parse_discharge_order(d.pop("discharge_order"))

        refunds = []
        _refunds = d.pop("refunds")
        for refunds_item_data in _refunds:
            refunds_item = RefundView.from_dict(refunds_item_data)

            refunds.append(refunds_item)

        settlement_view = cls(
            admission=admission,
            discharge_order=discharge_order,
            refunds=refunds,
        )

        settlement_view.additional_properties = d
        return settlement_view

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
