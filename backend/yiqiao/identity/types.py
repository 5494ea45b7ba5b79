"""Commands and views of the identity context. Views carry masked PII only."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

Relationship = Literal["self", "child", "parent", "spouse", "other"]
PhoneStr = Annotated[str, msgspec.Meta(pattern=r"^1[3-9]\d{9}$", description="Mainland mobile number")]
IdNumberStr = Annotated[
    str, msgspec.Meta(min_length=15, max_length=18, description="Mainland resident ID number (18 digits)")
]
NameStr = Annotated[str, msgspec.Meta(min_length=1, max_length=32)]


class InstitutionView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: uuid.UUID | None = None


class DepartmentView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    institution_id: uuid.UUID
    code: str
    name: str
    kind: str


class StaffView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    name: str
    role: str
    title: str
    institution_id: uuid.UUID
    department_id: uuid.UUID


class AddProfile(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: NameStr
    id_number: IdNumberStr
    relationship: Relationship
    phone: PhoneStr | None = None
    address: Annotated[str, msgspec.Meta(max_length=200)] | None = None


class VisitCardView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    card_no_masked: str
    kind: str
    issuer_name: str


class ProfileView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    name_masked: str
    id_number_masked: str
    phone_masked: str | None
    sex: str
    birth_date: dt.date
    relationship: Relationship
    cards: list[VisitCardView] = []


class BindCard(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    card_no: Annotated[str, msgspec.Meta(min_length=4, max_length=32, pattern=r"^[A-Za-z0-9]+$")]


class HealthQr(msgspec.Struct, kw_only=True):
    card_id: uuid.UUID
    payload: str
    expires_at: dt.datetime


class DeviceView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    code: str
    kind: str
    name: str
    institution_id: uuid.UUID
    department_id: uuid.UUID | None
    location: str
    bed_label: str = ""
