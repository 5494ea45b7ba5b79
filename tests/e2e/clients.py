"""The e2e story's calls, one method per user action, through the generated Python SDK
(``yiqiao_sdk``) — the same client field tools and integrations use. Only the dev-only SMS
inbox, which is not part of the production contract, is read with plain httpx."""

from __future__ import annotations

from typing import Any

import httpx
from yiqiao_sdk.clinician import AuthenticatedClient as ClinicianAuthed
from yiqiao_sdk.clinician import Client as ClinicianClient
from yiqiao_sdk.clinician.api.auth import login as staff_login
from yiqiao_sdk.clinician.api.me import me as clinician_me
from yiqiao_sdk.clinician.api.ward import ward_vitals
from yiqiao_sdk.clinician.models import StaffLogin
from yiqiao_sdk.kiosk import AuthenticatedClient as KioskAuthed
from yiqiao_sdk.kiosk import Client as KioskClient
from yiqiao_sdk.kiosk.api.auth import login as device_login
from yiqiao_sdk.kiosk.api.citizen import cards as citizen_cards
from yiqiao_sdk.kiosk.api.citizen import open_by_id_card
from yiqiao_sdk.kiosk.models import DeviceLogin, IdCardRead
from yiqiao_sdk.patient import AuthenticatedClient as PatientAuthed
from yiqiao_sdk.patient import Client as PatientClient
from yiqiao_sdk.patient.api.auth import login_sms, request_otp
from yiqiao_sdk.patient.api.home import home
from yiqiao_sdk.patient.models import OtpRequest, SmsLogin


def _ok(response: Any) -> Any:
    assert response.status_code < 300, response.content
    return response.parsed


class Clients:
    def __init__(self, patient_url: str, clinician_url: str, kiosk_url: str) -> None:
        self.urls = {"patient": patient_url, "clinician": clinician_url, "kiosk": kiosk_url}
        self.patient = PatientClient(base_url=patient_url, timeout=httpx.Timeout(15))
        self.clinician = ClinicianClient(base_url=clinician_url, timeout=httpx.Timeout(15))
        self.kiosk = KioskClient(base_url=kiosk_url, timeout=httpx.Timeout(15))
        self.patient_token = self.staff_token = self.kiosk_token = ""

    def patient_request_otp(self, phone: str) -> None:
        _ok(request_otp.sync_detailed(client=self.patient, body=OtpRequest(phone=phone)))

    def patient_latest_sms(self, phone: str) -> str:
        r = httpx.get(f"{self.urls['patient']}/dev/sms/latest", params={"phone": phone}, timeout=15)
        assert r.status_code == 200, r.text
        text: str = r.json()["text"]
        return text

    def patient_login(self, phone: str, code: str) -> None:
        self.patient_token = _ok(
            login_sms.sync_detailed(client=self.patient, body=SmsLogin(phone=phone, code=code))
        ).access_token

    def patient_home(self) -> dict[str, Any]:
        authed = PatientAuthed(base_url=self.urls["patient"], token=self.patient_token)
        screen: dict[str, Any] = _ok(home.sync_detailed(client=authed)).to_dict()
        return screen

    def staff_login(self, username: str, password: str) -> None:
        body = StaffLogin(username=username, password=password)
        self.staff_token = _ok(staff_login.sync_detailed(client=self.clinician, body=body)).access_token

    def clinician_me(self) -> dict[str, Any]:
        authed = ClinicianAuthed(base_url=self.urls["clinician"], token=self.staff_token)
        screen: dict[str, Any] = _ok(clinician_me.sync_detailed(client=authed)).to_dict()
        return screen

    def clinician_ward_vitals(self) -> list[dict[str, Any]]:
        authed = ClinicianAuthed(base_url=self.urls["clinician"], token=self.staff_token)
        return [v.to_dict() for v in _ok(ward_vitals.sync_detailed(client=authed))]

    def kiosk_login(self, code: str, secret: str) -> None:
        body = DeviceLogin(device_code=code, secret=secret)
        self.kiosk_token = _ok(device_login.sync_detailed(client=self.kiosk, body=body)).access_token

    def _kiosk_authed(self) -> KioskAuthed:
        return KioskAuthed(base_url=self.urls["kiosk"], token=self.kiosk_token)

    def kiosk_open_citizen_session(self, id_number: str, name: str) -> str:
        body = IdCardRead(id_number=id_number, name=name)
        session: str = _ok(
            open_by_id_card.sync_detailed(client=self._kiosk_authed(), body=body)
        ).session_token
        return session

    def kiosk_citizen_cards(self, session: str) -> dict[str, Any]:
        screen: dict[str, Any] = _ok(
            citizen_cards.sync_detailed(client=self._kiosk_authed(), x_citizen_session=session)
        ).to_dict()
        return screen
