"""The embedded HIS's outpatient charging (门诊收费): our own tables (migration 0018) act as the
hospital's billing system.

The module functions are what happens inside the hospital, as its windows, doctors and pharmacy
would do it (demo data, tests): open a visit, issue a bill from the doctor's orders, perform an
exam or hand out drugs (the item can then no longer be refunded by the patient), withdraw an
unpaid bill. :class:`LocalOutpatientBilling` is the HIS interface we call, with the HIS's own
rules: a bill is paid once, by one settlement of exactly what it costs; a cancelled bill cannot
be paid; refunds are recorded once per refund and item and never exceed what the item cost.

Tables:

- ``local_his_visit``        门诊就诊: card, department, doctor, time
- ``local_his_bill``         处方 / 申请单 / 治疗单 of a visit: unpaid → paid | cancelled
- ``local_his_charge_item``  its lines, with executed / dispensed times and what was refunded
- ``local_his_refund``       each refund we told the HIS about, per item
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.his.base import (
    HisBill,
    HisBillKind,
    HisChargeItem,
    HisItemCategory,
    HisRefundLine,
    HisVisit,
)
from yiqiao.kit import clock

# Which categories the pharmacy dispenses (the rest are executed by a department).
DISPENSED = ("drug", "herb")


class NewCharge(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a bill as the doctor's order produces it."""

    code: str
    name: str
    category: HisItemCategory
    unit_fen: int
    quantity: int = 1
    spec: str = ""
    unit: str = ""
    insurance_class: str = "self"


def item_no(bill_no: str, line_no: int) -> str:
    return f"{bill_no}/{line_no}"


def split_item_no(value: str) -> tuple[str, int]:
    bill_no, _, line = value.rpartition("/")
    if not bill_no or not line.isdigit():
        raise ProviderError("item_unknown", f"no charge item {value!r}", transient=False)
    return bill_no, int(line)


# --- what happens inside the hospital -------------------------------------------------------------


async def open_visit(
    *,
    card_no: str,
    institution_code: str,
    department: str,
    doctor: str,
    visit_at: dt.datetime | None = None,
) -> str:
    """A visit registered at a window or from a booking; returns its visit number (门诊号)."""
    at = visit_at or clock.now()
    seq = await db.fetch("SELECT nextval('local_his_visit_seq') AS n")
    visit_no = f"MZ{clock.local(at):%Y%m%d}{seq[0]['n']:06d}"
    await db.execute(
        "INSERT INTO local_his_visit (visit_no, card_no, institution_code, department, doctor, visit_at)"
        " VALUES ({}, {}, {}, {}, {}, {})",
        visit_no,
        card_no,
        institution_code,
        department,
        doctor,
        at,
    )
    return visit_no


_BILL_PREFIX: dict[str, str] = {
    "prescription": "CF",
    "herbal": "ZY",
    "exam": "JC",
    "lab": "JY",
    "treatment": "ZL",
    "material": "CL",
    "registration": "GH",
}


async def issue_bill(
    *,
    visit_no: str,
    kind: HisBillKind,
    title: str,
    items: Sequence[NewCharge],
    issued_at: dt.datetime | None = None,
) -> str:
    """The doctor signs orders: the HIS prices them into one unpaid bill; returns its number."""
    if not items:
        raise ValueError("a bill has at least one item")
    at = issued_at or clock.now()
    seq = await db.fetch("SELECT nextval('local_his_bill_seq') AS n")
    bill_no = f"{_BILL_PREFIX[kind]}{clock.local(at):%y%m%d}{seq[0]['n']:07d}"
    total = sum(i.unit_fen * i.quantity for i in items)
    async with db.transaction():
        await db.execute(
            "INSERT INTO local_his_bill (bill_no, visit_no, kind, title, status, total_fen, issued_at)"
            " VALUES ({}, {}, {}, {}, 'unpaid', {}, {})",
            bill_no,
            visit_no,
            kind,
            title,
            total,
            at,
        )
        for n, i in enumerate(items, start=1):
            await db.execute(
                "INSERT INTO local_his_charge_item (bill_no, line_no, code, name, category, spec, unit,"
                " unit_fen, quantity, amount_fen, insurance_class)"
                " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                bill_no,
                n,
                i.code,
                i.name,
                i.category,
                i.spec,
                i.unit,
                i.unit_fen,
                i.quantity,
                i.unit_fen * i.quantity,
                i.insurance_class,
            )
    return bill_no


async def execute_items(bill_no: str, line_nos: Sequence[int] | None = None) -> int:
    """The department performs the exam / treatment (or the lab takes the sample); only what is
    paid and not refunded is performed. Returns how many lines changed."""
    rows = await db.fetch(
        "UPDATE local_his_charge_item i SET executed_at = {} FROM local_his_bill b"
        " WHERE b.bill_no = i.bill_no AND i.bill_no = {} AND b.status = 'paid' AND i.executed_at IS NULL"
        " AND i.refunded_fen < i.amount_fen"
        " AND i.category <> ALL({}) AND ({}::int[] IS NULL OR i.line_no = ANY({}::int[]))"
        " RETURNING i.line_no",
        clock.now(),
        bill_no,
        list(DISPENSED),
        list(line_nos) if line_nos is not None else None,
        list(line_nos) if line_nos is not None else None,
    )
    return len(rows)


async def dispense_bill(bill_no: str) -> int:
    """The pharmacy hands out the drugs of a paid prescription (not those refunded). Returns how
    many lines changed."""
    rows = await db.fetch(
        "UPDATE local_his_charge_item i SET dispensed_at = {} FROM local_his_bill b"
        " WHERE b.bill_no = i.bill_no AND i.bill_no = {} AND b.status = 'paid' AND i.dispensed_at IS NULL"
        " AND i.refunded_fen < i.amount_fen"
        " AND i.category = ANY({}) RETURNING i.line_no",
        clock.now(),
        bill_no,
        list(DISPENSED),
    )
    return len(rows)


async def cancel_bill(bill_no: str) -> bool:
    """The doctor withdraws an unpaid bill (作废). False when it was not unpaid any more."""
    rows = await db.fetch(
        "UPDATE local_his_bill SET status = 'cancelled', cancelled_at = {}"
        " WHERE bill_no = {} AND status = 'unpaid' RETURNING bill_no",
        clock.now(),
        bill_no,
    )
    return bool(rows)


# --- the HIS interface ----------------------------------------------------------------------------

_BILL_SQL = (
    "SELECT b.*, v.card_no, v.institution_code, v.department, v.doctor, v.visit_at"
    " FROM local_his_bill b JOIN local_his_visit v ON v.visit_no = b.visit_no"
)


async def _bills(where: str, *args: Any) -> list[HisBill]:
    rows = await db.fetch(f"{_BILL_SQL} WHERE {where}", *args)  # fixed fragments only; values are bound
    if not rows:
        return []
    lines = await db.fetch(
        "SELECT * FROM local_his_charge_item WHERE bill_no = ANY({}) ORDER BY bill_no, line_no",
        [r["bill_no"] for r in rows],
    )
    by_bill: dict[str, list[HisChargeItem]] = {}
    for i in lines:
        by_bill.setdefault(i["bill_no"], []).append(
            HisChargeItem(
                item_no=item_no(i["bill_no"], i["line_no"]),
                line_no=i["line_no"],
                code=i["code"],
                name=i["name"],
                category=i["category"],
                spec=i["spec"],
                unit=i["unit"],
                unit_fen=i["unit_fen"],
                quantity=i["quantity"],
                amount_fen=i["amount_fen"],
                insurance_class=i["insurance_class"],
                executed=i["executed_at"] is not None,
                dispensed=i["dispensed_at"] is not None,
                refunded_fen=i["refunded_fen"],
            )
        )
    return [
        HisBill(
            bill_no=r["bill_no"],
            visit_no=r["visit_no"],
            card_no=r["card_no"],
            institution_code=r["institution_code"],
            department=r["department"],
            doctor=r["doctor"],
            kind=r["kind"],
            title=r["title"],
            status=r["status"],
            total_fen=r["total_fen"],
            items=by_bill.get(r["bill_no"], []),
            issued_at=r["issued_at"],
            visit_at=r["visit_at"],
            paid_at=r["paid_at"],
            settlement_ref=r["settlement_ref"] or "",
        )
        for r in rows
    ]


class LocalOutpatientBilling:
    async def outpatient_visits(
        self, card_nos: Sequence[str], *, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> list[HisVisit]:
        visits = await db.fetch(
            "SELECT * FROM local_his_visit WHERE card_no = ANY({})"
            " AND ({}::timestamptz IS NULL OR visit_at >= {}) AND ({}::timestamptz IS NULL OR visit_at < {})"
            " ORDER BY visit_at DESC, visit_no DESC LIMIT 500",
            list(card_nos),
            since,
            since,
            until,
            until,
        )
        if not visits:
            return []
        bills = await _bills(
            "b.visit_no = ANY({}) ORDER BY b.issued_at, b.bill_no", [v["visit_no"] for v in visits]
        )
        by_visit: dict[str, list[HisBill]] = {}
        for b in bills:
            by_visit.setdefault(b.visit_no, []).append(b)
        return [
            HisVisit(
                visit_no=v["visit_no"],
                card_no=v["card_no"],
                institution_code=v["institution_code"],
                department=v["department"],
                doctor=v["doctor"],
                visit_at=v["visit_at"],
                bills=by_visit.get(v["visit_no"], []),
            )
            for v in visits
        ]

    async def pending_outpatient_bills(self, card_nos: Sequence[str]) -> list[HisBill]:
        return await _bills(
            "v.card_no = ANY({}) AND b.status = 'unpaid' ORDER BY b.issued_at, b.bill_no", list(card_nos)
        )

    async def outpatient_bills(self, bill_nos: Sequence[str]) -> list[HisBill]:
        return await _bills("b.bill_no = ANY({}) ORDER BY b.issued_at, b.bill_no", list(bill_nos))

    async def unpaid_outpatient_bills(self, *, issued_after: dt.datetime, limit: int = 1000) -> list[HisBill]:
        return await _bills(
            "b.status = 'unpaid' AND b.issued_at > {} ORDER BY b.issued_at, b.bill_no LIMIT {}",
            issued_after,
            limit,
        )

    async def confirm_outpatient_payment(
        self, bill_nos: Sequence[str], *, settlement_ref: str, amount_fen: int, paid_at: dt.datetime
    ) -> None:
        wanted = sorted(set(bill_nos))
        if not wanted:
            raise ProviderError("bill_unknown", "no bills to settle", transient=False)
        async with db.transaction():
            rows = await db.fetch(
                "SELECT bill_no, status, total_fen, settlement_ref FROM local_his_bill"
                " WHERE bill_no = ANY({}) ORDER BY bill_no FOR UPDATE",
                wanted,
            )
            found = {r["bill_no"]: r for r in rows}
            missing = [b for b in wanted if b not in found]
            if missing:
                raise ProviderError("bill_unknown", f"no such bill {missing[0]}", transient=False)
            if all(r["status"] == "paid" and r["settlement_ref"] == settlement_ref for r in rows):
                return  # the same settlement again
            for r in rows:
                if r["status"] != "unpaid":
                    why = "was cancelled" if r["status"] == "cancelled" else "was paid by another settlement"
                    raise ProviderError("bill_not_payable", f"bill {r['bill_no']} {why}", transient=False)
            total = sum(r["total_fen"] for r in rows)
            if total != amount_fen:
                raise ProviderError(
                    "bill_amount_mismatch",
                    f"the bills cost {total} fen, the settlement says {amount_fen} fen",
                    transient=False,
                )
            await db.execute(
                "UPDATE local_his_bill SET status = 'paid', settlement_ref = {}, paid_at = {}"
                " WHERE bill_no = ANY({})",
                settlement_ref,
                paid_at,
                wanted,
            )

    async def record_outpatient_refund(self, *, refund_ref: str, lines: Sequence[HisRefundLine]) -> None:
        # Check every line before writing any, so a refused refund leaves nothing half-recorded
        # (the caller may be inside a larger transaction).
        async with db.transaction():
            adding: dict[tuple[str, int], int] = {}
            for line in lines:
                bill_no, line_no = split_item_no(line.item_no)
                if line.amount_fen <= 0:
                    raise ProviderError("refund_amount_invalid", "a refund moves money", transient=False)
                item = await db.fetch(
                    "SELECT i.amount_fen, i.refunded_fen, b.status,"
                    " EXISTS (SELECT 1 FROM local_his_refund r WHERE r.refund_ref = {}"
                    "   AND r.bill_no = i.bill_no AND r.line_no = i.line_no) AS recorded"
                    " FROM local_his_charge_item i JOIN local_his_bill b ON b.bill_no = i.bill_no"
                    " WHERE i.bill_no = {} AND i.line_no = {} FOR UPDATE OF i",
                    refund_ref,
                    bill_no,
                    line_no,
                )
                if not item or item[0]["status"] != "paid":
                    raise ProviderError(
                        "item_unknown", f"no paid charge item {line.item_no}", transient=False
                    )
                if item[0]["recorded"]:
                    continue  # this refund was recorded before
                key = (bill_no, line_no)
                adding[key] = adding.get(key, 0) + line.amount_fen
                if item[0]["refunded_fen"] + adding[key] > item[0]["amount_fen"]:
                    raise ProviderError(
                        "refund_exceeds_item",
                        f"item {line.item_no} would be refunded beyond what it cost",
                        transient=False,
                    )
            for (bill_no, line_no), amount in adding.items():
                await db.execute(
                    "INSERT INTO local_his_refund (refund_ref, bill_no, line_no, amount_fen)"
                    " VALUES ({}, {}, {}, {})",
                    refund_ref,
                    bill_no,
                    line_no,
                    amount,
                )
                await db.execute(
                    "UPDATE local_his_charge_item SET refunded_fen = refunded_fen + {}"
                    " WHERE bill_no = {} AND line_no = {}",
                    amount,
                    bill_no,
                    line_no,
                )
