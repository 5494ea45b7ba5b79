"""The kiosk BFF: self-service kiosks and IPTV boxes (device sign-in plus short citizen sessions)."""

from __future__ import annotations

from bff_common.app import create_bff
from bff_common.session_routes import session_controller
from litestar import Litestar
from yiqiao.kit import realtime
from yiqiao.kit.actor import Actor
from yiqiao.scheduling.service.queue_views import board_channels

from bff_kiosk.routes.auth import DeviceAuthController
from bff_kiosk.routes.booking import KioskBookingController
from bff_kiosk.routes.citizen import CitizenController
from bff_kiosk.routes.clinic_day import KioskClinicController
from bff_kiosk.routes.inpatient import KioskInpatientController
from bff_kiosk.routes.medtech import KioskExamController
from bff_kiosk.routes.payment import KioskPaymentController
from bff_kiosk.routes.vitals import record_vitals


async def channels_for(actor: Actor) -> list[str]:
    """A kiosk hears what is addressed to it (payment results, vital-sign peripherals) and the call
    boards of its department, or of its institution when it has none (masked names only)."""
    assert actor.id is not None
    return [realtime.channel("kiosk", actor.id), *board_channels(actor)]


def create_app() -> Litestar:
    return create_bff(
        name="kiosk",
        title="Yiqiao Kiosk API",
        description="For self-service kiosks and IPTV boxes.",
        audience="kiosk",
        route_handlers=[
            DeviceAuthController,
            session_controller("kiosk"),
            CitizenController,
            KioskBookingController,
            KioskClinicController,
            KioskInpatientController,
            KioskPaymentController,
            KioskExamController,
            record_vitals,
        ],
        channels_for=channels_for,
    )
