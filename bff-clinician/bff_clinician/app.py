"""The clinician BFF: doctors and nurses on phones, scoped to their institution and department."""

from __future__ import annotations

from bff_common.app import create_bff
from bff_common.session_routes import session_controller
from litestar import Litestar
from yiqiao.kit import realtime
from yiqiao.kit.actor import Actor

from bff_clinician.routes.alarms import ALARM_ROUTES
from bff_clinician.routes.auth import StaffAuthController
from bff_clinician.routes.billing import BILLING_ROUTES
from bff_clinician.routes.device_routes import DEVICE_ROUTES
from bff_clinician.routes.fhir import FhirController
from bff_clinician.routes.me import me
from bff_clinician.routes.medtech import MEDTECH_ROUTES
from bff_clinician.routes.queue import QueueController
from bff_clinician.routes.reconciliation import ReconciliationController
from bff_clinician.routes.referrals import ReferralController
from bff_clinician.routes.schedules import ScheduleController
from bff_clinician.routes.ward import ward_vitals


async def channels_for(actor: Actor) -> list[str]:
    """A clinician hears their own messages and their department's (live vitals, alarms)."""
    assert actor.id is not None
    channels = [realtime.channel("staff", actor.id)]
    if actor.department_id is not None:
        channels.append(realtime.channel("department", actor.department_id))
    return channels


def create_app() -> Litestar:
    return create_bff(
        name="clinician",
        title="Yiqiao Clinician API",
        description="For doctors' and nurses' phones.",
        audience="clinician",
        route_handlers=[
            StaffAuthController,
            session_controller("clinician"),
            me,
            ward_vitals,
            ScheduleController,
            QueueController,
            ReferralController,
            FhirController,
            *DEVICE_ROUTES,
            *ALARM_ROUTES,
            *BILLING_ROUTES,
            ReconciliationController,
            *MEDTECH_ROUTES,
        ],
        channels_for=channels_for,
    )
