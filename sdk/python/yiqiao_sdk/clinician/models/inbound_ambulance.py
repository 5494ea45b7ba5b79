from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.patient_reading import PatientReading
    from ..models.position import Position
    from ..models.task_view import TaskView
    from ..models.vehicle_view import VehicleView


T = TypeVar("T", bound="InboundAmbulance")


@_attrs_define
class InboundAmbulance:
    """
    Attributes:
        position (None | Position):
        task (TaskView):
        vehicle (VehicleView):
        vitals (list[PatientReading]):
    """

    position: None | Position
    task: TaskView
    vehicle: VehicleView
    vitals: list[PatientReading]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.position import Position

        position: dict[str, Any] | None
        if isinstance(self.position, Position):
            position = self.position.to_dict()
        else:
            position = self.position

        task = self.task.to_dict()

        vehicle = self.vehicle.to_dict()

        vitals = []
        for vitals_item_data in self.vitals:
            vitals_item = vitals_item_data.to_dict()
            vitals.append(vitals_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "position": position,
                "task": task,
                "vehicle": vehicle,
                "vitals": vitals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.patient_reading import PatientReading
        from ..models.position import Position
        from ..models.task_view import TaskView
        from ..models.vehicle_view import VehicleView

        d = dict(src_dict)

        def _parse_position(data: object) -> None | Position:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                position_type_0 = Position.from_dict(data)

                return position_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Position, data)

        position = _parse_position(d.pop("position"))

        task = TaskView.from_dict(d.pop("task"))

        vehicle = VehicleView.from_dict(d.pop("vehicle"))

        vitals = []
        _vitals = d.pop("vitals")
        for vitals_item_data in _vitals:
            vitals_item = PatientReading.from_dict(vitals_item_data)

            vitals.append(vitals_item)

        inbound_ambulance = cls(
            position=position,
            task=task,
            vehicle=vehicle,
            vitals=vitals,
        )

        inbound_ambulance.additional_properties = d
        return inbound_ambulance

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
