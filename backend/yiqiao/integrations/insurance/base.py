"""What a medical-insurance (医保) centre does for mobile payment, whichever is live: modelled on the
national 医保移动支付 flow.

1. ``find_insured``      人员信息获取: who is insured, their card, type (职工/居民), status, account
2. ``upload_fees``       费用明细上传 (6201): the bill's lines, classified by the catalogue; the
                         centre answers with its payment order id (``pay_order_id``)
3. ``pre_settle``        预结算 (6202): the fund share, the personal-account share and the cash
                         (self-pay) share, per line; nothing is paid yet
4. the patient pays the cash share through a payment provider (混合支付)
5. ``settle``            结算: the centre pays its shares; it recomputes and refuses when the
                         pre-settlement no longer holds
6. ``query``             结算结果查询 (6301), and the centre's signed 结算通知 (6302) to our
                         notify endpoint (``verify_notice``/``ack``)
7. ``revoke``            撤销 (6205): withdraw an upload that was never settled
8. ``refund``            退费 (6203): give back (part of) a settlement, by line; the whole of it
                         is the reversal (冲正)

Amounts are integer fen. ``med_org_order_no`` is our number for one upload (the order number and
an attempt counter); ``out_refund_no`` our number for one insurance refund. A transient
``ProviderError`` (``fund_timeout``) means: the outcome is unknown, ask ``query`` before trying
again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal, Protocol

import msgspec

from yiqiao.integrations.insurance.rules import (
    CatalogueClass,
    InsuredType,
    Level,
    LineRefund,
    LineShare,
    VisitType,
)

SettlementState = Literal["uploaded", "pre_settled", "settled", "revoked", "reversed"]


class InsuredPerson(msgspec.Struct, frozen=True, kw_only=True):
    psn_no: str  # 人员编号 at the centre
    card_no_masked: str  # 社保卡号 / 医保电子凭证, masked
    name_masked: str
    insured_type: InsuredType
    area_code: str  # 参保地 (统筹区)
    status: Literal["active", "frozen", "terminated"]
    account_balance_fen: int  # 个人账户余额 (0 for residents)


class FeeLine(msgspec.Struct, frozen=True, kw_only=True):
    line_no: int
    code: str  # our charge code; the centre maps it to its catalogue (对照)
    name: str
    category: str
    unit_fen: int
    quantity: int
    amount_fen: int
    insurance_class: CatalogueClass  # as our catalogue mapping says; the centre's catalogue wins


class FeeUpload(msgspec.Struct, frozen=True, kw_only=True):
    med_org_order_no: str
    institution_code: str  # 定点医疗机构编码
    psn_no: str
    visit_type: VisitType
    lines: list[FeeLine]
    total_fen: int
    use_account: bool  # the patient lets the personal account pay their share
    notify_url: str


class FeeUploadResult(msgspec.Struct, frozen=True, kw_only=True):
    pay_order_id: str
    # Lines whose class the centre's catalogue decided differently from what we sent (对照 QC).
    remapped: dict[str, str] = {}


class PreSettlement(msgspec.Struct, frozen=True, kw_only=True):
    pay_order_id: str
    total_fen: int
    fund_fen: int  # 统筹基金支付
    account_fen: int  # 个人账户支付
    cash_fen: int  # 现金自付 (through a payment provider)
    eligible_fen: int
    first_self_pay_fen: int
    uncovered_fen: int
    deductible_fen: int
    ratio_bp: int
    capped: bool
    level: Level
    lines: list[LineShare]


class SettleRequest(msgspec.Struct, frozen=True, kw_only=True):
    pay_order_id: str
    cash_fen: int  # what the patient paid in cash; must be the pre-settled cash share
    cash_payment_ref: str  # our payment attempt (out_trade_no), or "" when the cash share was 0


class Settlement(msgspec.Struct, frozen=True, kw_only=True):
    pay_order_id: str
    med_org_order_no: str
    state: SettlementState
    total_fen: int
    fund_fen: int
    account_fen: int
    cash_fen: int
    setl_id: str = ""  # 结算ID, once settled
    settled_at: dt.datetime | None = None
    refunded_fen: int = 0  # of the total, whoever paid it
    refunded_fund_fen: int = 0
    refunded_account_fen: int = 0


class InsuranceRefundRequest(msgspec.Struct, frozen=True, kw_only=True):
    pay_order_id: str
    out_refund_no: str
    # Per line: the amount refunded and what of it the fund and the account give back
    # (``rules.refund_line``). The centre checks them against the settlement: never more than a
    # line's shares, and a line refunded in full gives its shares back in full.
    lines: list[LineRefund]
    reason: str


class InsuranceRefundResult(msgspec.Struct, frozen=True, kw_only=True):
    out_refund_no: str
    refund_id: str  # the centre's id
    state: Literal["succeeded"]
    fund_fen: int
    account_fen: int
    lines: list[LineRefund]
    settlement_state: SettlementState  # 'reversed' once the whole bill went back


class SettlementNotice(msgspec.Struct, frozen=True, kw_only=True):
    """A verified 结算通知: the centre tells us a settlement (or a refund) happened."""

    notify_id: str
    sent_at: dt.datetime
    kind: Literal["settled", "refunded"]
    settlement: Settlement
    out_refund_no: str = ""


class NoticeAck(msgspec.Struct, frozen=True, kw_only=True):
    status_code: int
    body: bytes
    content_type: str


class InvalidNotice(Exception):
    """A notice we must not believe: bad or missing signature, undecodable body."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class InsuranceProvider(Protocol):
    name: str

    async def find_insured(self, *, id_number: str, name: str) -> InsuredPerson:
        """Raises ``ProviderError('insured_not_found')`` when nobody with this ID number and name
        is insured (the two must match)."""
        ...

    async def upload_fees(self, req: FeeUpload) -> FeeUploadResult:
        """Raises ``ProviderError`` ``card_frozen``, ``institution_not_designated``,
        ``duplicate_upload`` (this ``med_org_order_no`` is live), ``fund_timeout`` (transient)."""
        ...

    async def pre_settle(self, pay_order_id: str) -> PreSettlement: ...

    async def settle(self, req: SettleRequest) -> Settlement:
        """Settle a pre-settlement; the same request again answers the same settlement. Raises
        ``presettle_stale`` (the shares changed since: the person's year moved on), ``card_frozen``,
        ``cash_mismatch``, ``revoked``; ``fund_timeout`` (transient: it may have happened)."""
        ...

    async def query(self, pay_order_id: str) -> Settlement: ...

    async def revoke(self, pay_order_id: str) -> Settlement:
        """Withdraw an upload that was not settled; a settled one raises ``already_settled``."""
        ...

    async def refund(self, req: InsuranceRefundRequest) -> InsuranceRefundResult:
        """Give back parts of a settlement; the same ``out_refund_no`` is one refund."""
        ...

    async def verify_notice(self, headers: Mapping[str, str], body: bytes) -> SettlementNotice:
        """Check the centre's SM2 signature over the notice as received; raises ``InvalidNotice``."""
        ...

    def ack(self, accepted: bool) -> NoticeAck: ...
