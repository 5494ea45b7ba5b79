"""The e2e story's HTTP calls, one method per user action."""

from __future__ import annotations

from typing import Any

import httpx


class Clients:
    def __init__(self, patient_url: str, clinician_url: str, kiosk_url: str) -> None:
        self.patient = httpx.Client(base_url=patient_url, timeout=15)
        self.clinician = httpx.Client(base_url=clinician_url, timeout=15)
        self.kiosk = httpx.Client(base_url=kiosk_url, timeout=15)
        self.patient_token = self.staff_token = self.kiosk_token = ""

    @staticmethod
    def _ok(r: httpx.Response) -> Any:
        assert r.status_code < 300, r.text
        return r.json() if r.content else None

    def patient_request_otp(self, phone: str) -> None:
        self._ok(self.patient.post("/auth/otp", json={"phone": phone}))

    def patient_latest_sms(self, phone: str) -> str:
        text: str = self._ok(self.patient.get("/dev/sms/latest", params={"phone": phone}))["text"]
        return text

    def patient_login(self, phone: str, code: str) -> None:
        self.patient_token = self._ok(self.patient.post("/auth/login/sms", json={"phone": phone, "code": code}))[
            "access_token"]

    def patient_home(self) -> dict[str, Any]:
        home: dict[str, Any] = self._ok(self.patient.get("/home", headers=self._bearer(self.patient_token)))
        return home

    def staff_login(self, username: str, password: str) -> None:
        self.staff_token = self._ok(self.clinician.post("/auth/login", json={"username": username,
                                                                              "password": password}))["access_token"]

    def clinician_me(self) -> dict[str, Any]:
        me: dict[str, Any] = self._ok(self.clinician.get("/me", headers=self._bearer(self.staff_token)))
        return me

    def kiosk_login(self, code: str, secret: str) -> None:
        self.kiosk_token = self._ok(self.kiosk.post("/auth/device", json={"device_code": code, "secret": secret}))[
            "access_token"]

    def kiosk_open_citizen_session(self, id_number: str, name: str) -> str:
        session: str = self._ok(self.kiosk.post("/citizen/session/id-card", headers=self._bearer(self.kiosk_token),
                                                json={"id_number": id_number, "name": name}))["session_token"]
        return session

    def kiosk_citizen_cards(self, session: str) -> dict[str, Any]:
        cards: dict[str, Any] = self._ok(self.kiosk.get("/citizen/cards", headers={
            **self._bearer(self.kiosk_token), "X-Citizen-Session": session}))
        return cards

    @staticmethod
    def _bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}
