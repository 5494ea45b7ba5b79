"""E-invoices (电子票据) on real services.

The local e-bill platform: bill codes and numbers per unit and kind, check codes, the same request
number is one bill, red-letter reversal (红冲) once, public verification with the QR's signature,
busy and lost-reply failures, the PDF. Billing's side: a paid order gets one e-invoice (however
often or concurrently the event comes), a refund reverses it and reissues the remainder, a failing
platform is retried through the outbox and the sweep without a second bill, patients see and
download their own and their family's bills only, anyone can verify a bill, bad input is a 4xx that
changes nothing."""

from __future__ import annotations

import asyncio
import itertools
import re
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.pdftext import pdf_text

_UNITS = itertools.count(1)


def _unit() -> str:
    """A unit (institution code) of the platform no other test issues for."""
    return f"QX-EINV-T{next(_UNITS):02d}"


def _request(unit: str, total: int = 12345, insurance: int = 2345, **extra: Any) -> Any:
    from yiqiao.integrations.einvoice.base import BillDetail, BillItem, IssueRequest

    fields: dict[str, Any] = {
        "biz_no": uuid.uuid4().hex,
        "institution_code": unit,
        "institution_name": "青溪县人民医院",
        "medical_kind": "outpatient",
        "payer_name": "张三丰",
        "order_no": "YQ2026112200000001",
        "total_fen": total,
        "insurance_fen": insurance,
        "self_pay_fen": total - insurance,
        "items": [BillItem(code="09", name="西药费", amount_fen=total)],
        "details": [BillDetail(name="阿莫西林胶囊", category="西药费", quantity=1, unit_fen=total, amount_fen=total)],
    }
    fields.update(extra)
    return IssueRequest(**fields)


def _qr(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


async def _bills(unit: str) -> int:
    from yiqiao import db

    rows = await db.fetch("SELECT count(*) AS n FROM einvoice_local_bill WHERE institution_code = {}", unit)
    return int(rows[0]["n"])


@pytest.fixture
async def platform(core: None) -> Any:
    from yiqiao.integrations.einvoice.local import LocalEInvoiceProvider, fail_next, lose_reply_next

    yield LocalEInvoiceProvider()
    await fail_next(0)
    await lose_reply_next(0)


# ---------------------------------------------------------------------------------------------
# The platform


async def test_platform_numbers_bills_per_unit_kind_and_year(platform):
    from yiqiao.kit import clock

    unit, other = _unit(), _unit()
    yy = f"{clock.local(clock.now()).year % 100:02d}"
    first = await platform.issue(_request(unit))
    assert re.fullmatch(r"\d{10}", first.bill_no) and re.fullmatch(r"[0-9a-f]{6}", first.check_code)
    assert first.bill_code == f"500205{yy}", "region 5002, 05 = outpatient, the year"
    assert first.colour == "blue" and first.total_fen == 12345
    block = first.bill_no[:2]
    second = await platform.issue(_request(unit, total=500, insurance=0))
    assert second.bill_code == first.bill_code and second.bill_no == f"{block}{int(first.bill_no[2:]) + 1:08d}"
    inpatient = await platform.issue(_request(unit, medical_kind="inpatient"))
    assert inpatient.bill_code == f"500206{yy}" and inpatient.bill_no == f"{block}00000001"
    elsewhere = await platform.issue(_request(other))
    assert elsewhere.bill_no[:2] != block and elsewhere.bill_no[2:] == "00000001", "another unit, its own block"
    assert len({first.check_code, second.check_code, inpatient.check_code}) == 3


async def test_the_same_request_number_is_one_bill(platform):
    unit = _unit()
    req = _request(unit)
    bills = await asyncio.gather(*(platform.issue(req) for _ in range(4)))
    assert len({(b.bill_code, b.bill_no) for b in bills}) == 1
    assert await _bills(unit) == 1
    assert await platform.find(unit, req.biz_no) == bills[0]
    assert await platform.find(unit, "never-asked") is None


async def test_verification_by_code_number_and_check_code_and_by_the_qr(platform):
    unit = _unit()
    bill = await platform.issue(_request(unit))
    found = await platform.verify(bill.bill_code, bill.bill_no, bill.check_code)
    assert found is not None and found.state == "valid" and found.colour == "blue"
    assert found.payer_masked == "张*丰" and found.total_fen == 12345 and found.institution_name == "青溪县人民医院"
    assert found.signature_valid is None
    assert await platform.verify(bill.bill_code, bill.bill_no, bill.check_code.upper()) is not None
    wrong = "000000" if bill.check_code != "000000" else "111111"
    assert await platform.verify(bill.bill_code, bill.bill_no, wrong) is None
    qr = _qr(bill.verify_url)
    assert (qr["code"], qr["number"], qr["check"]) == (bill.bill_code, bill.bill_no, bill.check_code)
    signed = await platform.verify(qr["code"], qr["number"], qr["check"], qr["sig"])
    assert signed is not None and signed.signature_valid is True
    # Another bill's genuine signature on this bill's QR: an altered QR.
    other = await platform.issue(_request(unit))
    forged = await platform.verify(qr["code"], qr["number"], qr["check"], _qr(other.verify_url)["sig"])
    assert forged is not None and forged.signature_valid is False
    assert (await platform.verify(qr["code"], qr["number"], qr["check"], "AAAA")).signature_valid is False


async def test_red_letter_reversal_once(platform):
    from yiqiao.integrations.einvoice.base import ReverseRequest
    from yiqiao.integrations.errors import ProviderError

    unit = _unit()
    blue = await platform.issue(_request(unit))
    req = ReverseRequest(
        biz_no=uuid.uuid4().hex, institution_code=unit, bill_code=blue.bill_code, bill_no=blue.bill_no, reason="退费"
    )
    red = await platform.reverse(req)
    assert red.colour == "red" and red.total_fen == -12345
    assert (red.original_code, red.original_no) == (blue.bill_code, blue.bill_no)
    assert red.bill_no != blue.bill_no and red.bill_code == blue.bill_code
    assert await platform.reverse(req) == red, "the same request number: the same red bill"
    was = await platform.verify(blue.bill_code, blue.bill_no, blue.check_code)
    assert was is not None and was.state == "reversed" and (was.related_code, was.related_no) == (
        red.bill_code,
        red.bill_no,
    )
    red_found = await platform.verify(red.bill_code, red.bill_no, red.check_code, _qr(red.verify_url)["sig"])
    assert red_found is not None and red_found.colour == "red" and red_found.state == "valid"
    assert red_found.signature_valid is True and red_found.total_fen == -12345
    before = await _bills(unit)
    for bad in (
        ReverseRequest(biz_no="again", institution_code=unit, bill_code=blue.bill_code, bill_no=blue.bill_no, reason="x"),
        ReverseRequest(biz_no="red", institution_code=unit, bill_code=red.bill_code, bill_no=red.bill_no, reason="x"),
        ReverseRequest(biz_no="none", institution_code=unit, bill_code=blue.bill_code, bill_no="0000000000", reason="x"),
    ):
        with pytest.raises(ProviderError) as exc:
            await platform.reverse(bad)
        assert not exc.value.transient
    assert await _bills(unit) == before


async def test_platform_refuses_bills_that_do_not_add_up(platform):
    from yiqiao.integrations.einvoice.base import BillItem
    from yiqiao.integrations.errors import ProviderError

    unit = _unit()
    for bad in (
        _request(unit, total=0, insurance=0, items=[]),
        _request(unit, items=[BillItem(code="09", name="西药费", amount_fen=100)]),
        _request(unit, insurance=20000),
        _request(unit, payer_name=" "),
    ):
        with pytest.raises(ProviderError) as exc:
            await platform.issue(bad)
        assert exc.value.code in {"E-AMOUNT", "E-PAYER"} and not exc.value.transient
    assert await _bills(unit) == 0


async def test_a_busy_platform_issues_nothing_and_a_lost_reply_is_found_again(platform):
    from yiqiao.integrations.einvoice.local import fail_next, lose_reply_next
    from yiqiao.integrations.errors import ProviderError

    unit = _unit()
    req = _request(unit)
    await fail_next(2)
    for _ in range(2):
        with pytest.raises(ProviderError) as exc:
            await platform.issue(req)
        assert exc.value.transient and exc.value.code == "E-BUSY"
    assert await _bills(unit) == 0
    await lose_reply_next(1)
    with pytest.raises(ProviderError) as exc:
        await platform.issue(req)
    assert exc.value.transient and exc.value.code == "E-TIMEOUT"
    assert await _bills(unit) == 1, "issued, only the reply was lost"
    bill = await platform.issue(req)
    assert await _bills(unit) == 1 and await platform.find(unit, req.biz_no) == bill


async def test_the_pdf_is_rendered_once_and_reads_like_the_bill(platform):
    from yiqiao import db

    unit = _unit()
    bill = await platform.issue(_request(unit))
    pdf = await platform.pdf(bill.bill_code, bill.bill_no)
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf
    text = pdf_text(pdf)
    for expected in (
        f"票据代码：{bill.bill_code}",
        f"票据号码：{bill.bill_no}",
        f"校验码：{bill.check_code}",
        "交款人：张三丰",
        "合计（大写）：壹佰贰拾叁元肆角伍分",
        "医保统筹基金支付：23.45",
        "个人现金支付：100.00",
    ):
        assert expected in text, expected
    assert await platform.pdf(bill.bill_code, bill.bill_no) == pdf
    rows = await db.fetch(
        "SELECT pdf IS NOT NULL AS cached, payer_enc FROM einvoice_local_bill WHERE bill_no = {} AND bill_code = {}",
        bill.bill_no,
        bill.bill_code,
    )
    assert rows[0]["cached"] and "张三丰".encode() not in bytes(rows[0]["payer_enc"]), "the payer is encrypted"
