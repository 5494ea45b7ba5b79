"""The printable slip (挂号/签到凭条) a kiosk prints for a booking: an 80 mm receipt in Chinese with
the CJK font embedded (a TrueType subset, so any printer renders it), the masked name, the booking
number as text and QR code, and the queue ticket once the patient has checked in."""

from __future__ import annotations

import io
import uuid

from yiqiao.audit import service as audit
from yiqiao.identity.service import directory
from yiqiao.identity.service.names import masked_names
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.cjkfont import register_cjk_font
from yiqiao.scheduling.queue_types import QueueStatusView
from yiqiao.scheduling.service.checkin import queue_status, visible_appointment
from yiqiao.scheduling.views import local_stamp

WIDTH_MM = 80
HEIGHT_MM = 130


async def booking_slip(actor: Actor, appointment_id: uuid.UUID) -> bytes:
    """The slip as PDF bytes, for a booking the caller may see (the citizen at the kiosk)."""
    a = await visible_appointment(actor, appointment_id)
    q = await queue_status(actor, appointment_id)
    name = (await masked_names([a["patient_id"]])).get(a["patient_id"], "")
    institution = next((i.name for i in await directory.institutions() if i.id == a["institution_id"]), "")
    pdf = render_slip(institution, name, q)
    await audit.record(
        actor,
        "appointment.print_slip",
        "appointment",
        appointment_id,
        {"booking_no": a["booking_no"]},
        a["institution_id"],
    )
    return pdf


def render_slip(institution: str, name_masked: str, q: QueueStatusView) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = register_cjk_font()
    buf = io.BytesIO()
    w, h = WIDTH_MM * mm, HEIGHT_MM * mm
    c = canvas.Canvas(buf, pagesize=(w, h), invariant=True)
    c.setTitle(f"{q.booking_no}")
    y = h - 12 * mm
    c.setFont(font, 12)
    c.drawCentredString(w / 2, y, institution)
    y -= 7 * mm
    c.setFont(font, 14)
    in_queue = q.ticket_no is not None
    c.drawCentredString(w / 2, y, "签到凭条" if in_queue else "预约挂号凭条")
    y -= 9 * mm
    lines = [
        ("患者", name_masked),
        ("预约号", q.booking_no),
        ("科室", q.department_name),
        ("医生", q.doctor_name),
        ("就诊时间", q.band_local),
    ]
    if q.room:
        lines.append(("诊室", q.room))
    if in_queue:
        lines.append(("排队号", q.ticket_label))
        if q.ahead is not None:
            lines.append(("前方等候", f"{q.ahead}人，约{q.estimated_wait_minutes}分钟"))
    else:
        lines.append(("签到开始", q.checkin_opens_local))
    c.setFont(font, 10)
    for label, value in lines:
        c.drawString(6 * mm, y, f"{label}：{value}")
        y -= 6 * mm
    qr = QrCodeWidget(q.booking_no)
    x0, y0, x1, y1 = qr.getBounds()
    size = 28 * mm
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(qr)
    renderPDF.draw(d, c, (w - size) / 2, y - size)
    y -= size + 5 * mm
    c.setFont(font, 8)
    c.drawCentredString(w / 2, y, "请按时到诊室候诊；过号请重新签到。")
    c.drawCentredString(w / 2, y - 4 * mm, f"打印时间 {local_stamp(clock.now())}")
    c.showPage()
    c.save()
    return buf.getvalue()
