"""Identity tables. PII columns hold SM4 ciphertext (``*_enc``) beside an SM3-HMAC blind index
(``*_bidx``) used for lookups; plaintext PII is never stored."""

from typing import Any

from piccolo.columns import (
    UUID,
    Boolean,
    Bytea,
    Date,
    ForeignKey,
    Integer,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Institution(Table, tablename="institution"):
    """A member of the county medical community: the lead hospital, its campuses, township clinics."""

    id = UUID(primary_key=True)
    code = Varchar(length=32, unique=True)
    name = Varchar(length=128)
    short_name = Varchar(length=32)
    # county_hospital | campus | township_clinic | community_centre
    kind = Varchar(length=24)
    parent: ForeignKey[Any] = ForeignKey("self", null=True, default=None)
    address = Varchar(length=256, default="")
    created_at = Timestamptz(default=TimestamptzNow())


class Department(Table, tablename="department"):
    id = UUID(primary_key=True)
    institution = ForeignKey(Institution, null=False)
    code = Varchar(length=32)
    name = Varchar(length=64)
    # clinical | ward | medtech | pharmacy | admin
    kind = Varchar(length=16, default="clinical")
    parent: ForeignKey[Any] = ForeignKey("self", null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class Staff(Table, tablename="staff"):
    id = UUID(primary_key=True)
    institution = ForeignKey(Institution, null=False)
    department = ForeignKey(Department, null=False)
    username = Varchar(length=64, unique=True)
    password_hash = Varchar(length=256)
    # Staff names are public on schedules and signatures, so they are stored plain.
    name = Varchar(length=32)
    # doctor | nurse | head_nurse | pharmacist | admin
    role = Varchar(length=16)
    title = Varchar(length=32, default="")
    phone_enc = Bytea(null=True, default=None)
    phone_bidx = Varchar(length=64, null=True, default=None, index=True)
    failed_logins = Integer(default=0)
    locked_until = Timestamptz(null=True, default=None)
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class Account(Table, tablename="account"):
    """A patient-side login (phone, WeChat). It manages one or more patient profiles."""

    id = UUID(primary_key=True)
    phone_enc = Bytea()
    phone_bidx = Varchar(length=64, unique=True)
    wechat_openid = Varchar(length=64, null=True, default=None, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    last_login_at = Timestamptz(null=True, default=None)


class Patient(Table, tablename="patient"):
    """A person who receives care. One person is one row, whoever manages the profile."""

    id = UUID(primary_key=True)
    name_enc = Bytea()
    id_number_enc = Bytea()
    id_number_bidx = Varchar(length=64, unique=True)
    birth_date = Date()
    sex = Varchar(length=8)
    phone_enc = Bytea(null=True, default=None)
    phone_bidx = Varchar(length=64, null=True, default=None, index=True)
    address_enc = Bytea(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class AccountPatient(Table, tablename="account_patient"):
    """Which account manages which profile, and how they are related (002 §2.1.1.1.1)."""

    id = UUID(primary_key=True)
    account = ForeignKey(Account, null=False, index=True)
    patient = ForeignKey(Patient, null=False, index=True)
    # self | child | parent | spouse | other
    relationship = Varchar(length=16)
    created_at = Timestamptz(default=TimestamptzNow())


class VisitCard(Table, tablename="visit_card"):
    """就诊卡: a physical card bound after identity checks, or an electronic one we issue."""

    id = UUID(primary_key=True)
    patient = ForeignKey(Patient, null=False, index=True)
    card_no = Varchar(length=32, unique=True)
    # electronic | physical | social_security
    kind = Varchar(length=24)
    issuer = ForeignKey(Institution, null=False)
    created_at = Timestamptz(default=TimestamptzNow())


class Device(Table, tablename="device"):
    """Kiosks, IPTV boxes and MQTT devices, each with its own credential."""

    id = UUID(primary_key=True)
    institution = ForeignKey(Institution, null=False)
    department = ForeignKey(Department, null=True, default=None)
    code = Varchar(length=48, unique=True)
    # kiosk | iptv | wearable | bp_monitor | glucometer | ambulance_monitor | ecg | infusion_pump |
    # bed_sensor | mattress | env_sensor | call_button
    kind = Varchar(length=24)
    name = Varchar(length=64)
    location = Varchar(length=128, default="")
    # argon2 hash for HTTP device login (kiosk, IPTV)
    secret_hash = Varchar(length=256, null=True, default=None)
    # Mosquitto PBKDF2-SHA512 hash for MQTT devices (written into the broker's password file)
    mqtt_password_hash = Varchar(length=256, null=True, default=None)
    bed_label = Varchar(length=16, default="")
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())
