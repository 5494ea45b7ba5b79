"""Commands and views of inpatient money: admissions with their balance, deposits (预交金, also paid
by someone else: 代缴), the daily itemised list (每日清单), and the discharge pre-settlement and
settlement (出院结算). Money is integer fen; times are UTC; days are Asia/Shanghai days."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from yiqiao.billing.types import OrderView, RefundView

# One top-up: at least 1 yuan, at most 50,000 yuan (the payment channels' single-payment limit).
DEPOSIT_MIN_FEN = 100
DEPOSIT_MAX_FEN = 5_000_000
DepositFen = Annotated[int, msgspec.Meta(ge=DEPOSIT_MIN_FEN, le=DEPOSIT_MAX_FEN)]
AdmissionNo = Annotated[str, msgspec.Meta(min_length=4, max_length=32, pattern=r"^[A-Za-z0-9-]+$")]
PersonName = Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
PayerKind = Literal["self", "family", "proxy", "kiosk"]
AdmissionStatus = Literal["in_stay", "discharge_ordered", "pre_settled", "settling", "settled"]


class PreSettlementView(msgspec.Struct, kw_only=True):
    """出院预结算, as frozen when it was run (the deposits and what is due are as of now)."""

    charges_fen: int  # every charge of the stay
    insurance_fen: int  # the insurance fund's share
    self_pay_fen: int  # the patient's share
    deposits_fen: int  # deposits held now (paid, not refunded)
    due_fen: int  # still to pay (0 when the deposits cover it)
    refund_fen: int  # to go back to the deposits' payment paths (0 when nothing is left over)
    presettled_at: dt.datetime
    # How the insurance share came about (the centre's split), or why there is none.
    insurance_note: str = ""


class AdmissionView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    admission_no: str
    patient_id: uuid.UUID
    patient_name_masked: str
    institution_id: uuid.UUID
    department: str
    ward: str
    bed: str
    admitted_at: dt.datetime
    days: int  # calendar days in hospital so far (the day of admission counts)
    status: AdmissionStatus
    status_text: str
    deposits_fen: int  # deposits paid and not refunded (money is usable as soon as it is paid)
    charges_fen: int  # charges posted so far
    # In a bed: deposits - charges so far (negative: in arrears); once pre-settled: deposits - the
    # patient's share (negative: still due); settled: 0.
    balance_fen: int
    low_balance: bool  # below the reminder threshold: top up
    low_balance_threshold_fen: int
    takes_deposits: bool
    presettlement: PreSettlementView | None = None
    discharge_order_id: uuid.UUID | None = None
    settled_at: dt.datetime | None = None


class ChargeLineView(msgspec.Struct, kw_only=True):
    line_no: int
    code: str
    name: str
    category: str
    spec: str
    unit: str
    unit_fen: int
    quantity: int
    amount_fen: int
    insurance_class: str


class DayCharges(msgspec.Struct, kw_only=True):
    day: dt.date
    total_fen: int
    lines: list[ChargeLineView]


class CategoryTotal(msgspec.Struct, kw_only=True):
    category: str
    label: str
    amount_fen: int


class DailyList(msgspec.Struct, kw_only=True):
    """每日清单 for one day or a period: the lines by day, and the totals by category."""

    admission_id: uuid.UUID
    admission_no: str
    patient_name_masked: str
    first_day: dt.date
    last_day: dt.date
    total_fen: int
    by_category: list[CategoryTotal]
    days: list[DayCharges]


class DepositIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    amount_fen: DepositFen


class ProxyLookup(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """代缴: whoever pays for someone else names the stay by its number and the patient's name."""

    admission_no: AdmissionNo
    patient_name: PersonName


class ProxyDepositIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    admission_no: AdmissionNo
    patient_name: PersonName
    amount_fen: DepositFen


class ProxyMatch(msgspec.Struct, kw_only=True):
    """All someone paying for another person sees of the stay: masked name, where they lie."""

    admission_no: str
    patient_name_masked: str
    institution_name: str
    department: str
    ward: str


class DepositView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    admission_id: uuid.UUID
    admission_no: str
    order_id: uuid.UUID
    order_no: str
    amount_fen: int
    status: str  # the order's status
    status_text: str
    payer_kind: PayerKind
    payer_masked: str  # who paid, masked (138****5678), for the patient's proxy-payment list
    refunded_fen: int
    created_at: dt.datetime
    paid_at: dt.datetime | None


class ProxyDepositView(msgspec.Struct, kw_only=True):
    """A top-up as the person who paid for someone else sees it (no balance, no charges)."""

    id: uuid.UUID
    order_id: uuid.UUID
    order_no: str
    admission_no: str
    patient_name_masked: str
    ward: str
    amount_fen: int
    status: str
    status_text: str
    refunded_fen: int
    created_at: dt.datetime
    paid_at: dt.datetime | None


class SettlementView(msgspec.Struct, kw_only=True):
    """Where the discharge settlement stands: the order for the difference, or the refunds."""

    admission: AdmissionView
    discharge_order: OrderView | None
    refunds: list[RefundView]
