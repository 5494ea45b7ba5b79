"""Commands and views of the billing context. Money is integer fen everywhere; times are UTC.

The constraints in the ``Meta`` annotations are what a BFF checks when it decodes a request; the
services check the same rules again (``orders._check_items``), because other contexts build these
structs in code, where msgspec validates nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from yiqiao.integrations.payment.base import Channel, PaymentPayload, ProviderName

OrderKind = Literal[
    "registration",
    "outpatient",
    "consultation",
    "self_order",
    "home_nursing",
    "inpatient_deposit",
    "discharge",
    "medtech",
]
OrderStatus = Literal[
    "created", "paying", "paid", "refunding", "partially_refunded", "refunded", "closed", "failed"
]
ItemCategory = Literal[
    "registration",
    "drug",
    "herb",
    "exam",
    "lab",
    "treatment",
    "material",
    "nursing",
    "bed",
    "consultation",
    "deposit",
    "other",
]
InsuranceClass = Literal["A", "B", "C", "self"]
PaymentStatus = Literal["pending", "succeeded", "failed", "closed"]
RefundStatusWord = Literal["processing", "succeeded", "failed"]
RefundInitiator = Literal["patient", "staff", "stop_clinic", "late_payment", "discharge", "system"]

# Bounds that keep a typo from becoming a bill: 1,000,000 yuan per line, 9,999 units.
MAX_UNIT_FEN = 100_000_000
MAX_QUANTITY = 9_999
MAX_ITEMS = 200

Fen = Annotated[int, msgspec.Meta(ge=0, le=MAX_UNIT_FEN)]
PositiveFen = Annotated[int, msgspec.Meta(gt=0, le=MAX_UNIT_FEN * MAX_QUANTITY)]


class OrderItemIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One charge line as the caller knows it; the amount is computed (unit × quantity)."""

    code: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    category: ItemCategory
    unit_fen: Fen
    quantity: Annotated[int, msgspec.Meta(ge=1, le=MAX_QUANTITY)]
    insurance_class: InsuranceClass = "self"
    his_ref: str | None = None
    # False once the item was executed or the drug dispensed: the patient may no longer refund it.
    refundable: bool = True


class NewOrder(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a patient will owe for one thing. ``subject_type``/``subject_id`` name what is paid for
    (an appointment, an admission ...): at most one live order per subject, and paying it tells the
    subject (``billing.subjects``)."""

    patient_id: uuid.UUID
    kind: OrderKind
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    items: Annotated[list[OrderItemIn], msgspec.Meta(min_length=1, max_length=MAX_ITEMS)]
    institution_id: uuid.UUID
    subject_type: str | None = None
    subject_id: str | None = None
    # When an unpaid order closes; default now + ``billing_order_timeout_s``.
    expires_at: dt.datetime | None = None


class OrderItemView(msgspec.Struct, kw_only=True):
    line_no: int
    code: str
    name: str
    category: str
    unit_fen: int
    quantity: int
    amount_fen: int
    insurance_class: str
    refundable: bool
    # Refunded or being refunded; what is left to refund is amount_fen - refunded_fen.
    refunded_fen: int
    his_ref: str | None = None


class PaymentView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    out_trade_no: str
    provider: str
    channel: str
    amount_fen: int
    status: PaymentStatus
    status_text: str
    # Paid after the order had closed or been paid another way: refunded automatically.
    late: bool
    paid_by_other: bool  # paid by another account than the patient's own (family, 代缴)
    created_at: dt.datetime
    finished_at: dt.datetime | None
    failure_reason: str = ""


class RefundView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    refund_no: str
    order_id: uuid.UUID
    order_no: str
    amount_fen: int
    insurance_fen: int  # the part that goes back to the insurance fund
    status: RefundStatusWord
    status_text: str
    initiated_by: str
    reason: str
    # [{"line_no": 1, "amount_fen": 500}, ...]
    items: list[dict[str, int]]
    provider: str | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    failure_reason: str = ""


class OrderView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    order_no: str
    kind: str
    title: str
    status: OrderStatus
    status_text: str
    total_fen: int
    insurance_fen: int
    self_pay_fen: int
    paid_fen: int
    refunded_fen: int
    items: list[OrderItemView]
    patient_id: uuid.UUID
    patient_name_masked: str
    institution_id: uuid.UUID
    created_at: dt.datetime
    expires_at: dt.datetime
    paid_at: dt.datetime | None
    payments: list[PaymentView]
    refunds: list[RefundView]
    subject_type: str | None = None
    subject_id: str | None = None
    refund_held_fen: int = 0
    # What the patient could still ask back here (refundable lines, not yet refunded or being
    # refunded); 0 for a fee that comes back by cancelling what it paid for (a booking).
    refundable_fen: int = 0


class PayCommand(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    provider: ProviderName
    channel: Channel = "mini_program"
    # The payer's id at the provider (WeChat openid) when the client knows it; never PII.
    payer_ref: Annotated[str, msgspec.Meta(max_length=128)] = ""


class PaymentStart(msgspec.Struct, kw_only=True):
    order_id: uuid.UUID
    order_no: str
    payment_id: uuid.UUID
    out_trade_no: str
    amount_fen: int
    payload: PaymentPayload
    expires_at: dt.datetime


class RefundLine(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Refund (part of) one line; without ``amount_fen`` whatever is left of it."""

    line_no: Annotated[int, msgspec.Meta(ge=1, le=MAX_ITEMS)]
    amount_fen: PositiveFen | None = None


class RefundCommand(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Give nothing to refund everything refundable; ``amount_fen`` for a partial refund (taken
    from refundable lines in line order); ``item_lines`` to name the lines."""

    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    amount_fen: PositiveFen | None = None
    item_lines: Annotated[list[RefundLine], msgspec.Meta(min_length=1, max_length=MAX_ITEMS)] | None = None


class PaidAnswer(msgspec.Struct, kw_only=True):
    """The clinician's question 'has this patient paid for it?', answered without the money detail."""

    order_id: uuid.UUID
    order_no: str
    kind: str
    title: str
    status: OrderStatus
    status_text: str
    paid: bool  # money collected and not all given back
    paid_at: dt.datetime | None
    patient_name_masked: str
