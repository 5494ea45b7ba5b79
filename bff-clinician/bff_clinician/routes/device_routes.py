"""Every route of the devices, patients' vitals, emergency and infusion screens (registered in
app.py with one line)."""

from __future__ import annotations

from typing import Any

from bff_clinician.routes.devices import DeviceController
from bff_clinician.routes.ecg import device_ecg
from bff_clinician.routes.emergency import EmergencyController
from bff_clinician.routes.infusions import InfusionController
from bff_clinician.routes.patients import patient_vitals

DEVICE_ROUTES: list[Any] = [
    DeviceController,
    EmergencyController,
    InfusionController,
    patient_vitals,
    device_ecg,
]
