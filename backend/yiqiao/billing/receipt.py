"""Printed money documents, in Chinese with the CJK font embedded (a TrueType subset, so any printer
or phone renders it):

- the payment receipt (缴费凭条) a kiosk prints after the patient paid: 80 mm wide, the masked name,
  the order number as text and QR code, each line, the insurance and self-pay shares, the payment
  method and what was refunded;
- the fee list (费用清单) of one outpatient visit the patient downloads on the phone
  (002 §2.1.1.2.9(1)): A4, every bill and item, charged and uncharged by category.

Names are masked; nothing else about the patient is printed."""

from __future__ import annotations

import io
import uuid
from typing import Any

from yiqiao.audit import service as audit
from yiqiao.billing.service import orders
from yiqiao.billing.service.bills import VisitFees, visit_fees
from yiqiao.billing.types import OrderView
from yiqiao.identity.service import directory
from yiqiao.identity.service.names import masked_names
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.cjkfont import register_cjk_font
from yiqiao.kit.errors import Conflict
from yiqiao.kit.money import yuan

PROVIDER_LABELS = {
    "wechat": "微信支付",
    "alipay": "支付宝",
    "unionpay": "云闪付",
    "ecny": "数字人民币",
    "credit": "信用就医",
}
PRINTABLE = ("paid", "refunding", "partially_refunded", "refunded")
WIDTH_MM = 80


def _stamp(t: Any) -> str:
    return clock.local(t).strftime("%Y-%m-%d %H:%M") if t else ""


async def payment_receipt(actor: Actor, order_id: uuid.UUID) -> bytes:
    """The receipt of a paid order the caller may see (the citizen at the kiosk), as PDF bytes."""
    view = await orders.get_order(actor, order_id)
    if view.status not in PRINTABLE:
        raise Conflict(
            "Only a paid order has a receipt; pay it first.", code="order_not_paid", order_status=view.status
        )
    institution = next((i.name for i in await directory.institutions() if i.id == view.institution_id), "")
    pdf = render_receipt(institution, view)
    await audit.record(
        actor,
        "billing_order.print_receipt",
        "billing_order",
        order_id,
        {"order_no": view.order_no},
        institution_id=view.institution_id,
    )
    return pdf


def _qr(c: Any, text: str, x: float, y: float, size: float) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    qr = QrCodeWidget(text)
    x0, y0, x1, y1 = qr.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(qr)
    renderPDF.draw(d, c, x, y)


def render_receipt(institution: str, view: OrderView) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = register_cjk_font()
    paid = next((p for p in view.payments if p.status == "succeeded" and not p.late), None)
    refunded = [r for r in view.refunds if r.status == "succeeded"]
    height = (120 + 5 * len(view.items) + 5 * len(refunded) + (5 if view.insurance_fen else 0)) * mm
    w = WIDTH_MM * mm
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w, height), invariant=True)
    c.setTitle(view.order_no)
    y = height - 12 * mm
    c.setFont(font, 12)
    c.drawCentredString(w / 2, y, institution)
    y -= 7 * mm
    c.setFont(font, 14)
    c.drawCentredString(w / 2, y, "缴费凭条")
    y -= 9 * mm
    c.setFont(font, 9)
    head = [
        ("患者", view.patient_name_masked),
        ("订单号", view.order_no),
        ("项目", view.title),
        ("缴费时间", _stamp(view.paid_at)),
    ]
    if paid is not None:
        head.append(("支付方式", PROVIDER_LABELS.get(paid.provider, paid.provider)))
        head.append(("交易单号", paid.out_trade_no))
    for label, value in head:
        c.drawString(5 * mm, y, f"{label}：{value}"[:40])
        y -= 5 * mm
    y -= 1 * mm
    c.line(5 * mm, y + 3 * mm, w - 5 * mm, y + 3 * mm)
    for item in view.items:
        c.drawString(5 * mm, y, f"{item.name[:16]} ×{item.quantity}")
        c.drawRightString(w - 5 * mm, y, f"{yuan(item.amount_fen)}")
        y -= 5 * mm
    c.line(5 * mm, y + 3 * mm, w - 5 * mm, y + 3 * mm)
    c.setFont(font, 10)
    c.drawString(5 * mm, y, "合计")
    c.drawRightString(w - 5 * mm, y, f"{yuan(view.total_fen)}元")
    y -= 5 * mm
    if view.insurance_fen:
        c.drawString(5 * mm, y, "医保支付")
        c.drawRightString(w - 5 * mm, y, f"{yuan(view.insurance_fen)}元")
        y -= 5 * mm
    c.drawString(5 * mm, y, "个人支付")
    c.drawRightString(w - 5 * mm, y, f"{yuan(view.paid_fen)}元")
    y -= 5 * mm
    for r in refunded:
        c.drawString(5 * mm, y, f"已退款 {r.refund_no}")
        c.drawRightString(w - 5 * mm, y, f"-{yuan(r.amount_fen)}元")
        y -= 5 * mm
    size = 26 * mm
    _qr(c, view.order_no, (w - size) / 2, y - size, size)
    y -= size + 5 * mm
    c.setFont(font, 8)
    c.drawCentredString(w / 2, y, "请妥善保管。电子票据可在手机端“我的票据”查看下载。")
    c.drawCentredString(w / 2, y - 4 * mm, f"打印时间 {_stamp(clock.now())}")
    c.showPage()
    c.save()
    return buf.getvalue()


async def fee_list(actor: Actor, patient_id: uuid.UUID, visit_no: str) -> bytes:
    """The fee list of one visit of a profile the caller may act for, as PDF bytes."""
    visit = await visit_fees(actor, patient_id, visit_no)
    name = (await masked_names([patient_id])).get(patient_id, "")
    pdf = render_fee_list(name, visit)
    await audit.record(actor, "outpatient_fees.download", "patient", patient_id, {"visit_no": visit_no})
    return pdf


def render_fee_list(name_masked: str, v: VisitFees) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = register_cjk_font()
    w, h = A4
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    c.setTitle(f"{v.visit_no} 门诊费用清单")
    y = h - 20 * mm

    def line(text: str, *, size: int = 10, x: float = 18 * mm, right: str | None = None) -> None:
        nonlocal y
        if y < 20 * mm:
            c.showPage()
            y = h - 20 * mm
        c.setFont(font, size)
        c.drawString(x, y, text)
        if right is not None:
            c.drawRightString(w - 18 * mm, y, right)
        y -= size * 1.6  # points

    line(f"{v.institution_name} 门诊费用清单", size=15)
    line(f"患者：{name_masked}    门诊号：{v.visit_no}    就诊时间：{_stamp(v.visit_at)}")
    line(f"科室：{v.department}    医生：{v.doctor}")
    line("")
    for b in v.bills:
        line(
            f"{b.kind_label} {b.bill_no}  {b.title}", size=11, right=f"{b.status_text} {yuan(b.total_fen)}元"
        )
        for i in b.items:
            flags = "已执行" if i.executed else ("已发药" if i.dispensed else "")
            if i.refunded_fen:
                flags += f" 已退{yuan(i.refunded_fen)}元"
            line(
                f"{i.name} {i.spec} {yuan(i.unit_fen)}元×{i.quantity}{i.unit} {flags}".strip(),
                size=9,
                x=24 * mm,
                right=f"{yuan(i.amount_fen)}",
            )
        line("")
    line("按类别汇总", size=11)
    for cat in v.categories:
        line(
            f"{cat.label}：已收费 {yuan(cat.charged_fen)}元，未收费 {yuan(cat.uncharged_fen)}元",
            size=9,
            x=24 * mm,
            right=f"{yuan(cat.total_fen)}元",
        )
    line(
        f"合计：已收费 {yuan(v.charged_fen)}元，未收费 {yuan(v.uncharged_fen)}元，"
        f"已退费 {yuan(v.refunded_fen)}元",
        size=11,
        right=f"{yuan(v.total_fen)}元",
    )
    line(f"下载时间 {_stamp(clock.now())}", size=8)
    c.showPage()
    c.save()
    return buf.getvalue()
