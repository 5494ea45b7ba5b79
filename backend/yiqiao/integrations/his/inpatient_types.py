"""What the HIS says about a stay in hospital (住院): the admission (住院号, ward, bed, discharge-order
state), its itemised charges day by day (每日清单), and what it records of deposits and of the
discharge settlement. Amounts are integer fen; days are Asia/Shanghai calendar days."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

# in_stay: admitted and in a bed; discharge_ordered: the doctor issued the discharge order (出院单);
# orders_verified: the ward nurse verified the orders, so the charges are final and the cashier may
# pre-settle; discharged: the stay is settled and closed at the HIS.
HisAdmissionStatus = Literal["in_stay", "discharge_ordered", "orders_verified", "discharged"]
InsuranceType = Literal["employee", "resident", "self_pay"]
ChargeCategory = Literal[
    "drug", "herb", "exam", "lab", "treatment", "material", "nursing", "bed", "consultation", "other"
]
InsuranceClass = Literal["A", "B", "C", "self"]


class HisAdmission(msgspec.Struct, frozen=True, kw_only=True):
    admission_no: str  # 住院号
    institution_code: str
    card_no: str
    name: str
    id_number: str
    department: str
    ward: str
    bed: str
    insurance_type: InsuranceType
    admitted_at: dt.datetime
    status: HisAdmissionStatus
    discharge_ordered_at: dt.datetime | None = None
    orders_verified_at: dt.datetime | None = None
    discharged_at: dt.datetime | None = None


class HisCharge(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the daily list: what was charged to the stay on one day."""

    admission_no: str
    day: dt.date
    line_no: int
    code: str
    name: str
    category: ChargeCategory
    spec: str
    unit: str
    unit_fen: int
    quantity: int
    amount_fen: int
    insurance_class: InsuranceClass
    posted_at: dt.datetime


class HisDepositPosting(msgspec.Struct, frozen=True, kw_only=True):
    """The HIS's receipt for a deposit movement (+ top-up, - refund of the remainder)."""

    admission_no: str
    receipt_no: str
    ref: str
    amount_fen: int
    posted_at: dt.datetime
