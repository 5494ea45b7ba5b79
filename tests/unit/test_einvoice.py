"""E-invoices without a database: amounts in capital numerals (大写) by the PBOC bill-filling
rules, the printed bill (CJK font embedded, what a person reads on it, red-letter bills), and the
signature the verification QR carries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from yiqiao.integrations.einvoice.base import BillDetail, BillItem
from yiqiao.integrations.einvoice.numerals import amount_in_words, yuan_text

from tests.support.pdftext import pdf_text


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (12345, "壹佰贰拾叁元肆角伍分"),
        # ends at 元: 整; after 角 no 整; after 分 never
        (10000, "壹佰元整"),
        (140950, "壹仟肆佰零玖元伍角"),
        (1, "壹分"),
        (5, "伍分"),
        (50, "伍角"),
        (45, "肆角伍分"),
        (0, "零元整"),
        (100, "壹元整"),
        # a leading ten keeps its 壹
        (1000, "壹拾元整"),
        (1500, "壹拾伍元整"),
        (11000, "壹佰壹拾元整"),
        (10000000, "壹拾万元整"),
        # zeros inside a section: one 零
        (600714, "陆仟零柒元壹角肆分"),
        (100500, "壹仟零伍元整"),
        (101000, "壹仟零壹拾元整"),
        (10100, "壹佰零壹元整"),
        # 元 digit 0 but 角 not: 零 after 元 (the rules' first form)
        (168032, "壹仟陆佰捌拾元零叁角贰分"),
        (160032, "壹仟陆佰元零叁角贰分"),
        (168030, "壹仟陆佰捌拾元零叁角"),
        # 角 0 but 分 not: 零 after 元
        (32504, "叁佰贰拾伍元零肆分"),
        (1640902, "壹万陆仟肆佰零玖元零贰分"),
        (168002, "壹仟陆佰捌拾元零贰分"),
        # section boundaries: trailing zeros of a section are absorbed by 万/亿
        (10700053, "壹拾万柒仟元零伍角叁分"),
        (100100000, "壹佰万壹仟元整"),
        (1000100, "壹万零壹元整"),
        (1001000, "壹万零壹拾元整"),
        (10010000, "壹拾万零壹佰元整"),
        (100000000, "壹佰万元整"),
        (1000000000, "壹仟万元整"),
        (10000000000, "壹亿元整"),
        (10000000100, "壹亿零壹元整"),
        (10000100000, "壹亿零壹仟元整"),
        (10001000000, "壹亿零壹万元整"),
        (10010000000, "壹亿零壹拾万元整"),
        (12345678901, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元零壹分"),
        (100000000000000, "壹万亿元整"),
        (999999999999999999, "玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        # red-letter bills carry negative amounts
        (-12345, "负壹佰贰拾叁元肆角伍分"),
        (-10000, "负壹佰元整"),
    ],
)
def test_capital_numerals(fen: int, words: str) -> None:
    assert amount_in_words(fen) == words


def test_capital_numerals_refuse_what_is_not_an_amount() -> None:
    for bad in (1.5, "100", True, None):
        with pytest.raises(ValueError, match="integer fen"):
            amount_in_words(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="too large"):
        amount_in_words(10**18)
    with pytest.raises(ValueError, match="too large"):
        amount_in_words(-(10**18))


def test_capital_numerals_use_only_the_bill_characters() -> None:
    allowed = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负")
    for fen in range(0, 2_000_000, 7919):
        words = amount_in_words(fen)
        assert set(words) <= allowed, words
        assert ("零零" not in words and not words.startswith("零")) or words == "零元整"
        assert not words.endswith("零")


def test_small_letter_amounts() -> None:
    assert yuan_text(12345) == "123.45"
    assert yuan_text(5) == "0.05"
    assert yuan_text(-10000) == "-100.00"
    assert yuan_text(0) == "0.00"


def _doc(**overrides: object) -> object:
    from yiqiao.integrations.einvoice.render import BillDocument

    fields: dict[str, object] = {
        "colour": "blue",
        "medical_kind": "outpatient",
        "institution_name": "青溪县人民医院",
        "bill_code": "50020526",
        "bill_no": "0100000042",
        "check_code": "3fa9c1",
        "issued_at": dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC),
        "payer_name": "张三丰",
        "order_no": "O202611220000042",
        "total_fen": 12345,
        "insurance_fen": 2345,
        "self_pay_fen": 10000,
        "items": [
            BillItem(code="C01", name="西药费", amount_fen=10000),
            BillItem(code="C13", name="挂号费", amount_fen=2345),
        ],
        "details": [
            BillDetail(name="阿莫西林胶囊", category="西药费", quantity=2, unit_fen=5000, amount_fen=10000),
            BillDetail(name="普通门诊挂号", category="挂号费", quantity=1, unit_fen=2345, amount_fen=2345),
        ],
        "remark": "",
        "signature": "ab" * 64,
        "verify_url": "http://127.0.0.1:8001/invoices/verify?code=50020526&number=0100000042&check=3fa9c1&sig=x",
    }
    fields.update(overrides)
    return BillDocument(**fields)  # type: ignore[arg-type]


def _font_or_fail() -> None:
    from yiqiao.kit.cjkfont import find_cjk_font
    from yiqiao.kit.errors import Unavailable

    try:
        find_cjk_font()
    except Unavailable as exc:
        pytest.fail(f"{exc.detail} (devtools/bootstrap.sh installs it when run as root)")


def test_bill_pdf_embeds_the_font_and_reads_like_a_receipt() -> None:
    from yiqiao.integrations.einvoice.render import render_bill

    _font_or_fail()
    pdf = render_bill(_doc())  # type: ignore[arg-type]
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf, "the TrueType font program must be embedded"
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+", pdf), "a subset of the CJK font"
    assert b"/Count 2" in pdf, "the bill and one page of itemised list"
    text = pdf_text(pdf)
    for expected in (
        "医疗门诊收费票据（电子）",
        "票据代码：50020526",
        "票据号码：0100000042",
        "校验码：3fa9c1",
        "开票日期：2026-11-22",
        "交款人：张三丰",
        "西药费\n100.00",
        "挂号费\n23.45",
        "合计（大写）：壹佰贰拾叁元肆角伍分",
        "（小写）¥123.45",
        "医保统筹基金支付：23.45",
        "个人现金支付：100.00",
        "收款单位（章）：青溪县人民医院",
        "费用明细（1/1）",
        "阿莫西林胶囊\n西药费\n2\n50.00\n100.00",
    ):
        assert expected in text, expected
    assert "红字" not in text


def test_bill_pdf_is_deterministic_and_pages_a_long_itemised_list() -> None:
    from yiqiao.integrations.einvoice.render import render_bill

    _font_or_fail()
    details = [
        BillDetail(name=f"检查项目{i}", category="检查费", quantity=1, unit_fen=100, amount_fen=100)
        for i in range(50)
    ]
    doc = _doc(
        total_fen=5000,
        insurance_fen=0,
        self_pay_fen=5000,
        items=[BillItem(code="C03", name="检查费", amount_fen=5000)],
        details=details,
        medical_kind="inpatient",
    )
    pdf = render_bill(doc)  # type: ignore[arg-type]
    assert pdf == render_bill(doc)  # type: ignore[arg-type]
    text = pdf_text(pdf)
    assert "医疗住院收费票据（电子）" in text
    assert "费用明细（1/3）" in text and "费用明细（3/3）" in text
    assert "检查项目0\n" in text and "检查项目49\n" in text
    assert "合计（大写）：伍拾元整" in text


def test_red_letter_bill_names_the_original_and_prints_negative_amounts() -> None:
    from yiqiao.integrations.einvoice.render import render_bill

    _font_or_fail()
    doc = _doc(
        colour="red",
        bill_no="0100000043",
        total_fen=-12345,
        insurance_fen=-2345,
        self_pay_fen=-10000,
        items=[
            BillItem(code="C01", name="西药费", amount_fen=-10000),
            BillItem(code="C13", name="挂号费", amount_fen=-2345),
        ],
        details=[],
        remark="退费",
        original_code="50020526",
        original_no="0100000042",
    )
    text = pdf_text(render_bill(doc))  # type: ignore[arg-type]
    assert "医疗门诊收费票据（电子）（红字）" in text
    assert "合计（大写）：负壹佰贰拾叁元肆角伍分" in text
    assert "（小写）¥-123.45" in text
    assert "红字冲销：原票据代码50020526 原票据号码0100000042；退费" in text
    assert "费用明细" not in text


@pytest.mark.usefixtures("keys_file")
def test_the_qr_carries_code_number_check_code_and_the_seal_signature() -> None:
    from urllib.parse import parse_qs, urlsplit

    from yiqiao.integrations.einvoice.local import signature_from_qr, signed_text, verify_url
    from yiqiao.kit import sm2

    pair = sm2.generate_keypair()
    row = {
        "bill_code": "50020526",
        "bill_no": "0100000042",
        "check_code": "3fa9c1",
        "colour": "blue",
        "total_fen": 12345,
        "issued_at": dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC),
        "institution_code": "QX-RMYY",
        "original_code": "",
        "original_no": "",
    }
    signature = sm2.sign(pair.private_key, signed_text(row))
    url = verify_url("50020526", "0100000042", "3fa9c1", signature)
    parts = urlsplit(url)
    assert parts.path == "/invoices/verify"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["code"] == "50020526" and query["number"] == "0100000042" and query["check"] == "3fa9c1"
    sig = signature_from_qr(query["sig"])
    assert sig == signature and len(query["sig"]) == 86
    assert sm2.verify(pair.public_key, signed_text(row), sig)
    # Another amount (a tampered bill) does not verify under the same signature.
    assert not sm2.verify(pair.public_key, signed_text({**row, "total_fen": 92345}), sig)
    assert signature_from_qr("not-base64!") is None
    assert signature_from_qr("AAAA") is None


def _line(line_no: int, category: str, unit: int, qty: int, name: str = "") -> dict[str, object]:
    return {
        "line_no": line_no,
        "category": category,
        "unit_fen": unit,
        "quantity": qty,
        "amount_fen": unit * qty,
        "name": name or f"项目{line_no}",
    }


def _refund(amount: int, items: list[dict[str, int]], **extra: object) -> dict[str, object]:
    return {
        "status": "succeeded",
        "initiated_by": "patient",
        "amount_fen": amount,
        "insurance_fen": 0,
        "items": items,
        **extra,
    }


def test_the_bill_groups_lines_by_fiscal_item_in_item_order() -> None:
    from yiqiao.billing.service.invoices import wanted_bill

    lines = [
        _line(1, "registration", 1000, 1, "普通门诊挂号"),
        _line(2, "drug", 1250, 3, "阿莫西林胶囊"),
        _line(3, "exam", 8000, 1, "胸部CT"),
        _line(4, "drug", 500, 2, "布洛芬"),
        _line(5, "deposit", 100, 1, "奇怪的行"),
        _line(6, "other", 300, 1, "病历本"),
        _line(7, "exam", 0, 1, "免费复查"),
    ]
    w = wanted_bill({"insurance_fen": 3000}, lines, [])
    assert [(i.code, i.name, i.amount_fen) for i in w.items] == [
        ("03", "检查费", 8000),
        ("09", "西药费", 4750),
        ("13", "挂号费", 1000),
        ("14", "其他费", 400),
    ]
    assert w.total_fen == 14150 and w.insurance_fen == 3000 and w.self_pay_fen == 11150
    assert [d.name for d in w.details] == [
        "普通门诊挂号",
        "阿莫西林胶囊",
        "胸部CT",
        "布洛芬",
        "奇怪的行",
        "病历本",
    ]
    assert sum(d.amount_fen for d in w.details) == w.total_fen


def test_the_bill_after_refunds_takes_named_lines_then_the_last_lines() -> None:
    from yiqiao.billing.service.invoices import wanted_bill

    lines = [_line(1, "registration", 1000, 1), _line(2, "drug", 1250, 3), _line(3, "exam", 8000, 1)]
    refunds = [
        _refund(1250, [{"line_no": 2, "amount_fen": 1250}], insurance_fen=250),
        # an amount refund that names no line: taken from the last lines first
        _refund(8100, []),
        # not counted: failed, still processing, or a duplicate payment sent back
        _refund(1000, [{"line_no": 1, "amount_fen": 1000}], status="failed"),
        _refund(1000, [{"line_no": 1, "amount_fen": 1000}], status="processing"),
        _refund(12750, [], initiated_by="late_payment"),
    ]
    w = wanted_bill({"insurance_fen": 1000}, lines, refunds)
    assert [(d.name, d.quantity, d.unit_fen, d.amount_fen) for d in w.details] == [
        ("项目1", 1, 1000, 1000),
        ("项目2（部分退费）", 3, 1250, 2400),
    ]
    assert [(i.name, i.amount_fen) for i in w.items] == [("西药费", 2400), ("挂号费", 1000)]
    assert w.total_fen == 3400 and w.insurance_fen == 750 and w.self_pay_fen == 2650
    everything = wanted_bill({"insurance_fen": 0}, lines, [_refund(12750, [])])
    assert everything.total_fen == 0 and everything.items == [] and everything.details == []


def test_a_line_refunded_by_whole_units_shows_the_units_left() -> None:
    from yiqiao.billing.service.invoices import wanted_bill

    w = wanted_bill(
        {"insurance_fen": 0},
        [_line(1, "drug", 1250, 4)],
        [_refund(2500, [{"line_no": 1, "amount_fen": 2500}])],
    )
    assert [(d.name, d.quantity, d.amount_fen) for d in w.details] == [("项目1", 2, 2500)]
