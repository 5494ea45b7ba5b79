"""The patient BFF: app and mini-program (phone + SMS or WeChat sign-in, family profiles)."""

from __future__ import annotations

from typing import Any

from bff_common.app import create_bff
from bff_common.session_routes import session_controller
from litestar import Litestar
from yiqiao.identity.service import patients
from yiqiao.kit import realtime
from yiqiao.kit.actor import Actor
from yiqiao.settings import get_settings

from bff_patient.routes.auth import PatientAuthController
from bff_patient.routes.billing import BILLING_ROUTES
from bff_patient.routes.bills import BillController
from bff_patient.routes.clinic_day import ClinicDayController
from bff_patient.routes.home import home
from bff_patient.routes.inpatient import InpatientController
from bff_patient.routes.insurance import INSURANCE_ROUTES
from bff_patient.routes.invoices import InvoiceController
from bff_patient.routes.medtech import MEDTECH_ROUTES
from bff_patient.routes.notices import NoticeController
from bff_patient.routes.profiles import ProfileController
from bff_patient.routes.readings import profile_readings
from bff_patient.routes.scheduling import SCHEDULING_ROUTES


async def channels_for(actor: Actor) -> list[str]:
    """A patient hears about their account and every profile they manage."""
    assert actor.id is not None
    ids = await patients.managed_patient_ids(actor.id)
    return [realtime.channel("account", actor.id), *(realtime.channel("patient", p) for p in ids)]


def create_app() -> Litestar:
    handlers: list[Any] = [
        PatientAuthController,
        session_controller("patient"),
        home,
        ProfileController,
        NoticeController,
        *SCHEDULING_ROUTES,
        ClinicDayController,
        InpatientController,
        InvoiceController,
        *MEDTECH_ROUTES,
        profile_readings,
        *BILLING_ROUTES,
        *INSURANCE_ROUTES,
        BillController,
    ]
    if not get_settings().is_production:
        from bff_patient.routes.dev import DevController
        from bff_patient.routes.sandbox_wallet import SandboxWalletController

        handlers.append(DevController)
        handlers.append(SandboxWalletController)
    return create_bff(
        name="patient",
        title="Yiqiao Patient API",
        description="For the patient app and mini-program.",
        audience="patient",
        route_handlers=handlers,
        channels_for=channels_for,
    )
