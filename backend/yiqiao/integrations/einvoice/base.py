"""What every e-invoice platform does, whichever is live: the provincial fiscal e-bill platform
(财政电子票据平台) issuing medical-charge e-receipts (医疗收费电子票据) for a hospital. ``billing``
talks only to this Protocol; the local platform (``integrations.einvoice.local``) behaves like the
real one: it numbers bills per institution, signs them, renders the PDF with a verification QR,
reverses them with red-letter bills (红冲), answers public verification, and is sometimes busy.

A bill is identified by its bill code (票据代码, 8 digits) and bill number (票据号码, 10 digits);
the check code (校验码, 6 characters) printed on it is what a third party (an employer or an
insurer reimbursing the patient) types in with code and number to verify it. Amounts are integer
fen; a red-letter bill carries negative amounts. ``biz_no`` is our id for one request (业务流水号):
the same ``biz_no`` is one bill, so a retried request after a timeout cannot issue twice."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Protocol

import msgspec

# 门诊 (registration fees, outpatient bills, consultations, self-ordered tests, home nursing) or
# 住院 (the discharge settlement of an admission).
MedicalKind = Literal["outpatient", "inpatient"]
# blue: an ordinary bill; red: a red-letter bill (红字票据) that reverses a blue one in full.
BillColour = Literal["blue", "red"]
BillState = Literal["valid", "reversed"]


class BillItem(msgspec.Struct, frozen=True, kw_only=True):
    """One charge item on the bill (收费项目), the line items of an order grouped by category:
    西药费, 中药饮片费, 检查费, 化验费, 治疗费, 挂号费 ..."""

    code: str  # the fiscal item code of the category, e.g. "C01" (see CATEGORY_ITEMS)
    name: str
    amount_fen: int


class BillDetail(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the itemised list (费用明细) printed with the bill."""

    name: str
    category: str  # the item name it is grouped under
    quantity: int
    unit_fen: int
    amount_fen: int


class IssueRequest(msgspec.Struct, frozen=True, kw_only=True):
    biz_no: str
    institution_code: str
    institution_name: str
    medical_kind: MedicalKind
    payer_name: str  # 交款人, the patient; the platform stores it encrypted and masks it when shown
    order_no: str  # 业务单号, printed in the remarks
    total_fen: int
    insurance_fen: int  # 医保统筹基金支付
    self_pay_fen: int  # 个人现金支付
    items: list[BillItem]
    details: list[BillDetail] = []
    remark: str = ""
    # For a reissue after a partial refund: the bill this one replaces (printed in the remarks).
    replaces: str = ""


class ReverseRequest(msgspec.Struct, frozen=True, kw_only=True):
    biz_no: str
    institution_code: str
    bill_code: str
    bill_no: str
    reason: str


class IssuedBill(msgspec.Struct, frozen=True, kw_only=True):
    """The platform's answer to an issue or a reversal."""

    biz_no: str
    colour: BillColour
    bill_code: str
    bill_no: str
    check_code: str
    issued_at: dt.datetime
    total_fen: int
    # SM2 signature (r || s, hex) of the issuing unit over ``signed_text`` of the bill.
    signature: str
    verify_url: str  # what the QR on the bill encodes
    # For a red-letter bill: the blue bill it reverses.
    original_code: str = ""
    original_no: str = ""


class BillVerification(msgspec.Struct, frozen=True, kw_only=True):
    """What the platform's public verification (票据查验) shows: never the whole payer name."""

    bill_code: str
    bill_no: str
    colour: BillColour
    state: BillState
    institution_name: str
    medical_kind: MedicalKind
    payer_masked: str
    total_fen: int
    issued_at: dt.datetime
    # When state is 'reversed': the red-letter bill that reversed it; when colour is 'red': the
    # bill it reverses.
    related_code: str = ""
    related_no: str = ""
    # Whether the signature from the QR is this bill's own; None when none was given.
    signature_valid: bool | None = None


class EInvoiceProvider(Protocol):
    async def issue(self, req: IssueRequest) -> IssuedBill:
        """Issue a bill (开具). The same ``biz_no`` returns the bill already issued for it.
        Raises ``ProviderError`` (transient: the platform is busy, retry later)."""
        ...

    async def reverse(self, req: ReverseRequest) -> IssuedBill:
        """Reverse a blue bill in full with a red-letter bill (红冲). The same ``biz_no`` returns
        the red bill already issued for it; a bill reversed under another ``biz_no`` is refused."""
        ...

    async def find(self, institution_code: str, biz_no: str) -> IssuedBill | None:
        """The bill issued for a request, if any (查询开票结果)."""
        ...

    async def pdf(self, bill_code: str, bill_no: str) -> bytes:
        """The bill as PDF (版式文件), Chinese font embedded, with the verification QR."""
        ...

    async def verify(
        self, bill_code: str, bill_no: str, check_code: str, signature: str = ""
    ) -> BillVerification | None:
        """Public verification (票据查验): None when no bill has this code, number and check code.
        ``signature`` is the ``sig`` of the QR (base64url of r || s); when given, the answer says
        whether it is this bill's own (an altered QR is not)."""
        ...
