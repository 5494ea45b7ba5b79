from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, Protocol

import msgspec

from yiqiao.integrations.his.inpatient_types import HisAdmission, HisCharge, HisDepositPosting


class HisCard(msgspec.Struct, frozen=True, kw_only=True):
    """A card in the HIS patient master index (EMPI)."""

    card_no: str
    kind: str  # physical | electronic | social_security
    name: str
    id_number: str
    institution_code: str


# Outpatient charging (门诊收费): what a visit's orders cost, and whether each item may still be
# refunded. Amounts are integer fen; times UTC.
HisBillKind = Literal["prescription", "herbal", "exam", "lab", "treatment", "material", "registration"]
HisItemCategory = Literal["registration", "drug", "herb", "exam", "lab", "treatment", "material", "other"]


class HisChargeItem(msgspec.Struct, frozen=True, kw_only=True):
    """One charge line of a bill (收费明细). ``executed`` (the exam was done, the treatment given,
    the sample taken) and ``dispensed`` (the pharmacy handed the drug out) make it unrefundable
    for the patient."""

    item_no: str  # "<bill_no>/<line_no>": the HIS's id of the line
    line_no: int
    code: str  # the HIS charge code (收费项目编码)
    name: str
    category: HisItemCategory
    spec: str = ""  # 规格, e.g. "0.25g×24粒"
    unit: str = ""  # 单位, e.g. "盒"
    unit_fen: int
    quantity: int
    amount_fen: int
    insurance_class: Literal["A", "B", "C", "self"] = "self"
    executed: bool = False
    dispensed: bool = False
    refunded_fen: int = 0

    @property
    def refundable(self) -> bool:
        return not self.executed and not self.dispensed and self.refunded_fen < self.amount_fen


class HisBill(msgspec.Struct, frozen=True, kw_only=True):
    """A bill (处方 / 申请单 / 治疗单) the doctor's orders produced in one visit."""

    bill_no: str
    visit_no: str
    card_no: str
    institution_code: str
    department: str
    doctor: str
    kind: HisBillKind
    title: str
    status: Literal["unpaid", "paid", "cancelled"]
    total_fen: int
    items: list[HisChargeItem]
    issued_at: dt.datetime
    visit_at: dt.datetime
    paid_at: dt.datetime | None = None
    settlement_ref: str = ""  # what we told the HIS settled it (our order number)


class HisVisit(msgspec.Struct, frozen=True, kw_only=True):
    """An outpatient visit (门诊就诊) with all its bills, whatever their status."""

    visit_no: str
    card_no: str
    institution_code: str
    department: str
    doctor: str
    visit_at: dt.datetime
    bills: list[HisBill]


class HisRefundLine(msgspec.Struct, frozen=True, kw_only=True):
    item_no: str
    amount_fen: int


class HisProvider(Protocol):
    async def get_card(self, card_no: str) -> HisCard | None: ...

    async def cards_for_person(self, id_number: str) -> list[HisCard]:
        """Every card the HIS holds for this ID number (duplicate-record detection)."""
        ...

    async def register(
        self, *, name: str, id_number: str, sex: str, birth_date: dt.date, institution_code: str
    ) -> HisCard:
        """Create a patient record (建档) and issue an electronic card."""
        ...

    async def outpatient_visits(
        self, card_nos: Sequence[str], *, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> list[HisVisit]:
        """Outpatient visits of these cards between ``since`` and ``until`` (visit time), newest
        first, with every bill and charge item (费用明细)."""
        ...

    async def pending_outpatient_bills(self, card_nos: Sequence[str]) -> list[HisBill]:
        """Bills of these cards still waiting to be paid (待缴费), oldest first."""
        ...

    async def outpatient_bills(self, bill_nos: Sequence[str]) -> list[HisBill]:
        """These bills as the HIS holds them now (unknown numbers are left out)."""
        ...

    async def unpaid_outpatient_bills(self, *, issued_after: dt.datetime, limit: int = 1000) -> list[HisBill]:
        """Every bill issued after ``issued_after`` and still unpaid, oldest first (缴费提醒)."""
        ...

    async def confirm_outpatient_payment(
        self, bill_nos: Sequence[str], *, settlement_ref: str, amount_fen: int, paid_at: dt.datetime
    ) -> None:
        """Mark these bills paid (缴费确认) by one settlement of ``amount_fen``. Repeating the same
        settlement is a no-op. Raises ``ProviderError`` (not transient) when a bill is no longer
        payable (cancelled, paid by another settlement) or the amount is not what the bills cost."""
        ...

    async def record_outpatient_refund(self, *, refund_ref: str, lines: Sequence[HisRefundLine]) -> None:
        """Tell the HIS money went back for these items (退费). Repeating a refund is a no-op."""
        ...

    # Inpatient (住院): admissions, the daily itemised charges (每日清单), deposits, discharge.

    async def open_admissions(self) -> list[HisAdmission]:
        """Every admission not yet discharged at the HIS (in a bed, or waiting for settlement)."""
        ...

    async def get_admission(self, admission_no: str) -> HisAdmission | None: ...

    async def inpatient_charges(
        self, admission_no: str, *, first_day: dt.date | None = None, last_day: dt.date | None = None
    ) -> list[HisCharge]:
        """The stay's charges posted so far, by day and line, between the two days (inclusive)."""
        ...

    async def post_deposit(self, admission_no: str, *, ref: str, amount_fen: int) -> HisDepositPosting:
        """Record a deposit movement (+ a top-up, - the remainder refunded at discharge). The same
        ``ref`` is the same movement. Raises ``ProviderError`` (not transient) when the stay is
        closed or a refund would take out more than was deposited."""
        ...

    async def settle_discharge(
        self, admission_no: str, *, ref: str, charges_fen: int, insurance_fen: int, self_pay_fen: int
    ) -> None:
        """The discharge settlement is done (出院结算): the HIS closes the stay. Raises
        ``ProviderError`` (not transient) when the nurse has not verified the discharge orders or
        the charges are not what the HIS holds. Repeating the same ``ref`` is a no-op."""
        ...
