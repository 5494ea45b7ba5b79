"""Unpaid-bill reminders (缴费提醒, 002 §2.1.1.2.23): an outpatient bill the doctor issued and nobody
has paid is reminded of once a day, through ``notify`` (category "payment", so the outbox), to every
account that manages the patient's profile; tapping it opens the pending bills.

A bill is first due ``YQ_BILL_REMINDER_DELAY_MINUTES`` after it was issued (time to pay at the
window first), then every following day, for ``YQ_BILL_REMINDER_DAYS`` days counting the day of
issue, and only between ``YQ_BILL_REMINDER_FROM`` and ``YQ_BILL_REMINDER_UNTIL`` (Asia/Shanghai):
nobody is woken at night by a bill. The dedupe key (bill, account, local day) makes every run after
the first of the day a no-op. A bill in an order that is being paid, or paid, is not reminded of."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from yiqiao import db
from yiqiao.billing.service.bills import KIND_LABELS
from yiqiao.identity.service.names import masked_names
from yiqiao.integrations.his import get_his_provider
from yiqiao.integrations.his.base import HisBill
from yiqiao.kit import clock
from yiqiao.kit.money import yuan
from yiqiao.notify.service import notify
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.billing.reminders")


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


def due_day(issued_at: dt.datetime, now: dt.datetime) -> dt.date | None:
    """The Asia/Shanghai day whose reminder an unpaid bill issued at ``issued_at`` is due for at
    ``now``, or None when none is due now."""
    s = get_settings()
    today = clock.local(now).date()
    age_days = (today - clock.local(issued_at).date()).days
    if age_days < 0 or age_days >= s.bill_reminder_days:
        return None
    start = max(
        _at(today, s.bill_reminder_from), issued_at + dt.timedelta(minutes=s.bill_reminder_delay_minutes)
    )
    if start <= now < _at(today, s.bill_reminder_until):
        return today
    return None


async def _accounts_by_card(card_nos: list[str]) -> dict[str, tuple[uuid.UUID, list[uuid.UUID]]]:
    """card -> (patient, every account that manages that profile)."""
    rows = await db.fetch(
        "SELECT c.card_no, c.patient, ap.account FROM visit_card c"
        " JOIN account_patient ap ON ap.patient = c.patient WHERE c.card_no = ANY({}) ORDER BY ap.created_at",
        card_nos,
    )
    out: dict[str, tuple[uuid.UUID, list[uuid.UUID]]] = {}
    for r in rows:
        out.setdefault(r["card_no"], (r["patient"], []))[1].append(r["account"])
    return out


async def _being_paid(bill_nos: list[str]) -> set[str]:
    rows = await db.fetch(
        "SELECT b.bill_no FROM billing_his_bill b JOIN billing_order o ON o.id = b.order_id"
        " WHERE b.bill_no = ANY({}) AND o.status IN ('paying', 'paid', 'refunding', 'partially_refunded')",
        bill_nos,
    )
    return {r["bill_no"] for r in rows}


async def _remind(
    bill: HisBill, day: dt.date, patient: uuid.UUID, accounts: list[uuid.UUID], name: str
) -> int:
    what = KIND_LABELS.get(bill.kind, bill.kind)
    body = (
        f"就诊人{name}在{bill.department}有一张待缴费的{what}（{bill.title}），金额{yuan(bill.total_fen)}元，"
        "请尽快在手机上或自助机缴费，以免耽误检查、治疗或取药。"
    )
    sent = 0
    for account in accounts:
        if await notify(
            account,
            "payment",
            "缴费提醒",
            body,
            dedupe_key=f"bill:{bill.bill_no}:remind:{day.isoformat()}:{account}",
            patient_id=patient,
            data={
                "event": "bill_unpaid",
                "bill_no": bill.bill_no,
                "visit_no": bill.visit_no,
                "patient_id": str(patient),
                "total_fen": str(bill.total_fen),
            },
        ):
            sent += 1
    return sent


async def send_due(now: dt.datetime | None = None, limit: int = 2000) -> int:
    """Send every unpaid-bill reminder due now; returns how many notices were made."""
    now = now or clock.now()
    s = get_settings()
    since = clock.local(now).date() - dt.timedelta(days=s.bill_reminder_days)
    bills = await get_his_provider().unpaid_outpatient_bills(issued_after=_at(since, "00:00"), limit=limit)
    due = [(b, d) for b in bills if (d := due_day(b.issued_at, now)) is not None]
    if not due:
        return 0
    owners = await _accounts_by_card(sorted({b.card_no for b, _ in due}))
    busy = await _being_paid([b.bill_no for b, _ in due])
    names = await masked_names({owners[b.card_no][0] for b, _ in due if b.card_no in owners})
    sent = 0
    for bill, day in due:
        if bill.card_no not in owners or bill.bill_no in busy:
            continue
        patient, accounts = owners[bill.card_no]
        sent += await _remind(bill, day, patient, accounts, names.get(patient, ""))
    return sent


async def remind_unpaid_bills(ctx: dict[str, Any]) -> int:
    """The worker's cron entry."""
    sent = await send_due()
    if sent:
        log.info("unpaid-bill reminders: %d sent", sent)
    return sent
