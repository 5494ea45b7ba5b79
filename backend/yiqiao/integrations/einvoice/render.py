"""The printed form (版式文件) of a medical-charge e-receipt: an A5 landscape PDF in Chinese with the
CJK TrueType font embedded (a subset, so any viewer or printer renders it), laid out like the
fiscal platform's bills: title, verification QR, code / number / check code / date, payer, the
charge items by category, the total in capital numerals (大写) and figures, the insurance share
and the self-paid share, remarks, the issuing unit and its SM2 signature; then the itemised list
(费用明细) on as many pages as it needs. A red-letter bill is printed in red with negative amounts
and names the bill it reverses."""

from __future__ import annotations

import datetime as dt
import io

import msgspec

from yiqiao.integrations.einvoice.base import BillColour, BillDetail, BillItem, MedicalKind
from yiqiao.integrations.einvoice.numerals import amount_in_words, yuan_text
from yiqiao.kit import clock
from yiqiao.kit.cjkfont import register_cjk_font

WIDTH_MM = 210
HEIGHT_MM = 148
TITLES: dict[MedicalKind, str] = {
    "outpatient": "医疗门诊收费票据（电子）",
    "inpatient": "医疗住院收费票据（电子）",
}
_DETAILS_PER_PAGE = 22


class BillDocument(msgspec.Struct, frozen=True, kw_only=True):
    """Everything printed on one bill."""

    colour: BillColour
    medical_kind: MedicalKind
    institution_name: str
    bill_code: str
    bill_no: str
    check_code: str
    issued_at: dt.datetime
    payer_name: str
    order_no: str
    total_fen: int
    insurance_fen: int
    self_pay_fen: int
    items: list[BillItem]
    details: list[BillDetail]
    remark: str
    signature: str
    verify_url: str
    original_code: str = ""
    original_no: str = ""


def header_lines(doc: BillDocument) -> list[tuple[str, str]]:
    """The labelled fields of the bill, in print order (also what tests read back)."""
    lines = [
        ("票据代码", doc.bill_code),
        ("票据号码", doc.bill_no),
        ("校验码", doc.check_code),
        ("开票日期", clock.local(doc.issued_at).strftime("%Y-%m-%d")),
        ("交款人", doc.payer_name),
        ("业务流水号", doc.order_no),
    ]
    return lines


def remark_text(doc: BillDocument) -> str:
    parts = []
    if doc.colour == "red":
        parts.append(f"红字冲销：原票据代码{doc.original_code} 原票据号码{doc.original_no}")
    if doc.remark:
        parts.append(doc.remark)
    return "；".join(parts)


def render_bill(doc: BillDocument) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = register_cjk_font()
    ink = colors.HexColor("#b00000") if doc.colour == "red" else colors.black
    buf = io.BytesIO()
    w, h = WIDTH_MM * mm, HEIGHT_MM * mm
    c = canvas.Canvas(buf, pagesize=(w, h), invariant=True)
    c.setTitle(f"{doc.bill_code}-{doc.bill_no}")
    c.setSubject(doc.verify_url)
    c.setAuthor(doc.institution_name)
    c.setFillColor(ink)
    c.setStrokeColor(ink)

    # Title
    c.setFont(font, 16)
    title = TITLES[doc.medical_kind] + ("（红字）" if doc.colour == "red" else "")
    c.drawCentredString(w / 2, h - 14 * mm, title)
    c.setLineWidth(0.6)
    c.line(w / 2 - 55 * mm, h - 16.5 * mm, w / 2 + 55 * mm, h - 16.5 * mm)

    # QR (top left) and the bill's identity (top right)
    size = 26 * mm
    qr = QrCodeWidget(doc.verify_url)
    x0, y0, x1, y1 = qr.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(qr)
    renderPDF.draw(d, c, 8 * mm, h - 12 * mm - size)
    c.setFont(font, 9)
    y = h - 24 * mm
    for label, value in header_lines(doc)[:4]:
        c.drawString(w - 66 * mm, y, f"{label}：{value}")
        y -= 5 * mm
    payer, serial = header_lines(doc)[4:6]
    c.drawString(38 * mm, h - 29 * mm, f"{payer[0]}：{payer[1]}")
    c.drawString(38 * mm, h - 34 * mm, f"{serial[0]}：{serial[1]}")

    # Items table
    left, right = 8 * mm, w - 8 * mm
    top = h - 46 * mm
    row = 6 * mm
    c.setLineWidth(0.4)
    c.rect(left, top - row * 9, right - left, row * 9)
    c.setFont(font, 9)
    mid = w / 2
    for x in (left, mid):
        c.drawString(x + 2 * mm, top - row + 2 * mm, "项目名称")
        c.drawRightString(x + (mid - left) - 4 * mm, top - row + 2 * mm, "金额（元）")
    c.line(mid, top, mid, top - row * 7)
    c.line(left, top - row, right, top - row)
    for i, item in enumerate(doc.items[:12]):
        col, r = divmod(i, 6)
        x = left if col == 0 else mid
        yy = top - row * (r + 2) + 2 * mm
        c.drawString(x + 2 * mm, yy, item.name)
        c.drawRightString(x + (mid - left) - 4 * mm, yy, yuan_text(item.amount_fen))
    if len(doc.items) > 12:  # never in practice: there are fewer categories than that
        c.drawString(left + 2 * mm, top - row * 7 + 2 * mm, f"另有{len(doc.items) - 12}项，见费用明细")
    c.line(left, top - row * 7, right, top - row * 7)
    c.drawString(
        left + 2 * mm,
        top - row * 8 + 2 * mm,
        f"合计（大写）：{amount_in_words(doc.total_fen)}",
    )
    c.drawRightString(right - 4 * mm, top - row * 8 + 2 * mm, f"（小写）¥{yuan_text(doc.total_fen)}")
    c.line(left, top - row * 8, right, top - row * 8)
    c.drawString(left + 2 * mm, top - row * 9 + 2 * mm, f"医保统筹基金支付：{yuan_text(doc.insurance_fen)}")
    c.drawString(mid + 2 * mm, top - row * 9 + 2 * mm, f"个人现金支付：{yuan_text(doc.self_pay_fen)}")

    # Remarks, issuer and signature
    y = top - row * 9 - 6 * mm
    remark = remark_text(doc)
    c.drawString(left, y, f"备注：{remark}" if remark else "备注：")
    y -= 6 * mm
    c.drawString(left, y, f"收款单位（章）：{doc.institution_name}")
    c.drawString(mid + 2 * mm, y, "收款人：自助缴费")
    c.setFont(font, 6)
    c.drawString(left, 8 * mm, f"电子签名（SM2）：{doc.signature[:64]}")
    c.drawString(left, 5 * mm, f"{' ' * 30}{doc.signature[64:]}")
    c.drawRightString(right, 5 * mm, "扫描二维码或凭票据代码、号码和校验码查验真伪")
    c.showPage()

    # The itemised list
    pages = [doc.details[i : i + _DETAILS_PER_PAGE] for i in range(0, len(doc.details), _DETAILS_PER_PAGE)]
    for n, chunk in enumerate(pages, start=1):
        c.setFillColor(ink)
        c.setFont(font, 13)
        c.drawCentredString(w / 2, h - 14 * mm, f"费用明细（{n}/{len(pages)}）")
        c.setFont(font, 8)
        c.drawString(
            left, h - 22 * mm, f"票据代码：{doc.bill_code}  票据号码：{doc.bill_no}  交款人：{doc.payer_name}"
        )
        cols = (left, left + 80 * mm, left + 115 * mm, left + 140 * mm, right)
        y = h - 30 * mm
        for x, label in zip(cols[:4], ("名称", "类别", "数量", "单价（元）"), strict=True):
            c.drawString(x, y, label)
        c.drawRightString(cols[4], y, "金额（元）")
        y -= 2 * mm
        c.line(left, y, right, y)
        for line in chunk:
            y -= 4.5 * mm
            c.drawString(cols[0], y, line.name[:36])
            c.drawString(cols[1], y, line.category)
            c.drawString(cols[2], y, str(line.quantity))
            c.drawString(cols[3], y, yuan_text(line.unit_fen))
            c.drawRightString(cols[4], y, yuan_text(line.amount_fen))
        c.showPage()
    c.save()
    return buf.getvalue()
