"""E-invoices (医疗收费电子票据, 002 §2.1.1.3.11, 000 §5.4.1-3(d)): issued through the e-invoice
platform after an order is paid, reversed (红冲) and reissued for what remains after a refund,
listed and downloaded by whoever may act for the patient, verified by anyone who holds the bill.

One rule decides everything, ``sync_order``: an order that collected money has exactly one live
(blue) bill whose amount is what was collected and not refunded. After a payment there is none, so
one is issued; after a refund settles the live one no longer matches, so it is reversed by a
red-letter bill and, if anything remains, a new blue one is issued for the remainder. The event
subscribers ``on_order_paid`` and ``on_refund_succeeded`` call it; so does the sweep. Running it
twice, late, or for events out of order changes nothing more.

A stay in hospital is billed once, when it is settled here (出院结算, ``sync_admission``): one
inpatient bill for every charge of the stay, the insurance fund's share and the patient's. Its
deposits (预交金) and its discharge order (the difference) get no bill of their own: they are how
the patient's share was paid. A stay settled at the hospital's window is billed by the window.

Invoice lifecycle (our row per bill requested)::

    (create) ──▶ issuing ──issue──▶ issued ──reverse──▶ reversed      (blue)
    (create) ──▶ issuing ──issue──▶ issued                            (red: reverses a blue one)

``issuing`` is a request the platform has not confirmed (busy, or the reply was lost). It is
retried with the same request number, which the platform answers with the bill it already issued,
if any: a retry never issues twice. The platform is called outside our transactions (it is
another system); each transition is a conditional UPDATE and an audit entry in one transaction,
with the patient's notice ("电子票据已开具")."""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any, Literal

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.billing.service.orders import may_see
from yiqiao.identity.service import directory
from yiqiao.identity.service.access import patients_spoken_for, require_patient_access
from yiqiao.identity.service.names import masked_names, name_for_receipt
from yiqiao.integrations.einvoice import get_einvoice_provider
from yiqiao.integrations.einvoice.base import (
    BillDetail,
    BillItem,
    IssuedBill,
    IssueRequest,
    MedicalKind,
    ReverseRequest,
)
from yiqiao.integrations.einvoice.numerals import amount_in_words
from yiqiao.integrations.errors import ProviderError
from yiqiao.kit import clock, ratelimit
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound, Unavailable
from yiqiao.kit.ids import new_id
from yiqiao.notify.service import notify

log = logging.getLogger("yiqiao.billing.invoices")

InvoiceColour = Literal["blue", "red"]
InvoiceStatus = Literal["issuing", "issued", "reversed"]

# Our item categories as the fiscal bill's charge items (收费项目): code, name.
CATEGORY_ITEMS: dict[str, tuple[str, str]] = {
    "bed": ("01", "床位费"),
    "consultation": ("02", "诊察费"),
    "exam": ("03", "检查费"),
    "lab": ("04", "化验费"),
    "treatment": ("05", "治疗费"),
    "nursing": ("07", "护理费"),
    "material": ("08", "卫生材料费"),
    "drug": ("09", "西药费"),
    "herb": ("10", "中药饮片费"),
    "registration": ("13", "挂号费"),
    "other": ("14", "其他费"),
}
# Deposits (预交金) and the discharge order (补缴) pay the patient's share of a stay: the stay's
# bill, issued at settlement for what was actually charged, covers them.
NOT_INVOICED = ("inpatient_deposit", "discharge")
ADMISSION = "admission"
# How far back the sweep looks for settled stays without a bill.
STAY_LOOKBACK_DAYS = 30
# Statuses in which an order has collected money (some of which may have gone back).
COLLECTED = ("paid", "refunding", "partially_refunded", "refunded")


class InvoiceTransition(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    target: str


INVOICE_TRANSITIONS: dict[str, InvoiceTransition] = {
    # the platform confirmed the bill: its code, number and check code are known
    "issue": InvoiceTransition(("issuing",), "issued"),
    # a blue bill's red-letter bill was issued: the blue one is no longer valid
    "reverse": InvoiceTransition(("issued",), "reversed"),
}

STATUS_WORDS = {
    "issuing": "being issued (the e-invoice platform will confirm shortly)",
    "issued": "issued",
    "reversed": "reversed (红冲) after a refund; see the bill that replaced it",
}


class InvoiceView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    # What the bill is for: an order (outpatient) or a settled stay in hospital (inpatient).
    title: str
    patient_id: uuid.UUID
    patient_name_masked: str
    institution_name: str
    # blue: a receipt for what was paid; red: a red-letter bill reversing a blue one (negative)
    colour: InvoiceColour
    medical_kind: MedicalKind
    status: InvoiceStatus
    status_text: str
    total_fen: int
    insurance_fen: int
    self_pay_fen: int
    total_in_words: str  # 大写, e.g. 壹佰贰拾叁元肆角伍分
    created_at: dt.datetime
    # Known once issued: 票据代码, 票据号码, 校验码, and the verification link the QR encodes.
    bill_code: str | None = None
    bill_no: str | None = None
    check_code: str | None = None
    verify_url: str | None = None
    issued_at: dt.datetime | None = None
    # red: the blue bill it reverses; blue: the reversed bill it replaces (after a partial refund)
    related_id: uuid.UUID | None = None
    # blue and reversed: the red-letter bill that reversed it
    reversed_by_id: uuid.UUID | None = None
    order_id: uuid.UUID | None = None
    order_no: str | None = None
    admission_id: uuid.UUID | None = None
    admission_no: str | None = None


class VerifyResult(msgspec.Struct, kw_only=True):
    """Public verification (票据查验): whether a bill is genuine and still valid; masked payer."""

    result: Literal["valid", "reversed"]
    result_text: str
    colour: InvoiceColour
    bill_code: str
    bill_no: str
    institution_name: str
    medical_kind: MedicalKind
    payer_masked: str
    total_fen: int
    total_in_words: str
    issued_on: dt.date
    # reversed: the red-letter bill that reversed it; red: the bill it reverses
    related_bill_code: str = ""
    related_bill_no: str = ""
    # Whether the QR's signature was checked (true) or no signature was given (false)
    signature_checked: bool = False


# ---------------------------------------------------------------------------------------------
# What the live bill of an order should say


class _Wanted(msgspec.Struct, frozen=True, kw_only=True):
    total_fen: int
    insurance_fen: int
    self_pay_fen: int
    items: list[BillItem]
    details: list[BillDetail]


def _category(category: str) -> tuple[str, str]:
    return CATEGORY_ITEMS.get(category, CATEGORY_ITEMS["other"])


def wanted_bill(order: dict[str, Any], lines: list[dict[str, Any]], refunds: list[dict[str, Any]]) -> _Wanted:
    """What the live bill must say for this order now: the lines collected minus what settled
    refunds gave back. A refund that names lines takes from them; any part it does not attribute
    is taken from the last lines first. Late-payment refunds return a duplicate payment, never
    part of the order, and do not count."""
    refunds = [r for r in refunds if r["status"] == "succeeded" and r["initiated_by"] != "late_payment"]
    remaining = {line["line_no"]: int(line["amount_fen"]) for line in lines}
    unattributed = 0
    refunded_insurance = 0
    for r in refunds:
        items = r["items"]
        if isinstance(items, str):
            items = msgspec.json.decode(items)
        attributed = 0
        for part in items or []:
            line_no, amount = int(part["line_no"]), int(part["amount_fen"])
            take = min(amount, remaining.get(line_no, 0))
            remaining[line_no] = remaining.get(line_no, 0) - take
            attributed += take
        unattributed += int(r["amount_fen"]) - attributed
        refunded_insurance += int(r["insurance_fen"])
    for line_no in sorted(remaining, reverse=True):
        take = min(unattributed, remaining[line_no])
        remaining[line_no] -= take
        unattributed -= take
    details: list[BillDetail] = []
    sums: dict[str, int] = defaultdict(int)
    for line in sorted(lines, key=lambda x: x["line_no"]):
        amount = remaining[line["line_no"]]
        if amount <= 0:
            continue
        _, item_name = _category(line["category"])
        unit, qty, name = int(line["unit_fen"]), int(line["quantity"]), line["name"]
        if amount != unit * qty:
            if unit > 0 and amount % unit == 0:
                qty = amount // unit
            else:
                name = f"{name}（部分退费）"
        details.append(
            BillDetail(name=name, category=item_name, quantity=qty, unit_fen=unit, amount_fen=amount)
        )
        sums[line["category"]] += amount
    items = sorted(
        (
            BillItem(code=_category(cat)[0], name=_category(cat)[1], amount_fen=amount)
            for cat, amount in sums.items()
        ),
        key=lambda i: i.code,
    )
    # Categories without a fiscal item of their own share "其他费": merge same-code items.
    merged: dict[str, BillItem] = {}
    for item in items:
        prev = merged.get(item.code)
        merged[item.code] = (
            item
            if prev is None
            else BillItem(code=item.code, name=item.name, amount_fen=prev.amount_fen + item.amount_fen)
        )
    total = sum(d.amount_fen for d in details)
    insurance = min(max(int(order["insurance_fen"]) - refunded_insurance, 0), total)
    return _Wanted(
        total_fen=total,
        insurance_fen=insurance,
        self_pay_fen=total - insurance,
        items=list(merged.values()),
        details=details,
    )


# ---------------------------------------------------------------------------------------------
# Keeping an order's bills in line with its money


class _Step(msgspec.Struct, frozen=True, kw_only=True):
    invoice_id: uuid.UUID
    colour: InvoiceColour
    institution_code: str
    request: dict[str, Any]


async def _institution(institution_id: uuid.UUID) -> tuple[str, str]:
    for i in await directory.institutions():
        if i.id == institution_id:
            return i.code, i.name
    raise NotFound("No such institution.", code="institution_not_found")


def _step(row: dict[str, Any], institution_code: str) -> _Step:
    request = row["request"]
    if isinstance(request, str):
        request = msgspec.json.decode(request)
    return _Step(
        invoice_id=row["id"], colour=row["colour"], institution_code=institution_code, request=request
    )


async def _plan(order_id: uuid.UUID) -> _Step | None:
    """Under the order's invoice lock: the next request to send to the platform, created here if
    needed (a pending one first), or None when the order's bills already match its money."""
    async with db.transaction():
        await db.execute("SELECT pg_advisory_xact_lock(hashtext({}))", f"billing_invoice:{order_id}")
        orders = await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id)
        if not orders:
            return None
        order = orders[0]
        if order["kind"] in NOT_INVOICED or order["status"] not in COLLECTED:
            return None
        institution_code, institution_name = await _institution(order["institution_id"])
        invoices = await db.fetch(
            "SELECT * FROM billing_invoice WHERE order_id = {} ORDER BY created_at", order_id
        )
        pending = [i for i in invoices if i["status"] == "issuing"]
        if pending:  # a red one before a blue one: the reissue waits for the reversal
            pending.sort(key=lambda i: i["colour"] != "red")
            return _step(pending[0], institution_code)
        lines = await db.fetch("SELECT * FROM billing_order_item WHERE order_id = {}", order_id)
        refunds = await db.fetch("SELECT * FROM billing_refund WHERE order_id = {}", order_id)
        wanted = wanted_bill(order, lines, refunds)
        target = _Target(order_id=order_id, order_no=order["order_no"])
        live = next((i for i in invoices if i["colour"] == "blue" and i["status"] == "issued"), None)
        if live is not None:
            if live["total_fen"] == wanted.total_fen and live["insurance_fen"] == wanted.insurance_fen:
                return None
            red_id = new_id()
            reverse = ReverseRequest(
                biz_no=red_id.hex,
                institution_code=institution_code,
                bill_code=live["bill_code"],
                bill_no=live["bill_no"],
                reason="全额退费" if wanted.total_fen == 0 else "部分退费，冲红后按剩余金额重开",
            )
            row = await _insert(
                red_id,
                target,
                order,
                "red",
                "outpatient",
                -live["total_fen"],
                -live["insurance_fen"],
                live["id"],
                msgspec.to_builtins(reverse),
            )
            return _step(row, institution_code)
        if wanted.total_fen <= 0:
            return None
        replaced = next(
            (i for i in reversed(invoices) if i["colour"] == "blue" and i["status"] == "reversed"), None
        )
        blue_id = new_id()
        issue = IssueRequest(
            biz_no=blue_id.hex,
            institution_code=institution_code,
            institution_name=institution_name,
            medical_kind="outpatient",
            payer_name=await _payer(order["patient_id"]),
            order_no=order["order_no"],
            total_fen=wanted.total_fen,
            insurance_fen=wanted.insurance_fen,
            self_pay_fen=wanted.self_pay_fen,
            items=wanted.items,
            details=wanted.details,
            remark=order["title"],
            replaces=f"{replaced['bill_code']}-{replaced['bill_no']}" if replaced else "",
        )
        row = await _insert(
            blue_id,
            target,
            order,
            "blue",
            "outpatient",
            wanted.total_fen,
            wanted.insurance_fen,
            replaced["id"] if replaced else None,
            msgspec.to_builtins(issue),
        )
        return _step(row, institution_code)


async def _payer(patient_id: uuid.UUID) -> str:
    payer = await name_for_receipt(patient_id)
    if not payer:
        raise NotFound("No such patient profile.", code="profile_not_found")
    return payer


# How ``inpatient`` marks a stay the HIS closed at the hospital's window (``settle_offline``): the
# window issues that stay's bill, not us. (A test settles a stay at the window and checks it.)
SETTLED_AT_WINDOW = "the stay was settled at the hospital"


async def _plan_admission(admission_id: uuid.UUID) -> _Step | None:
    """Under the stay's invoice lock: the stay's one bill, once it is settled here (all its
    charges, the fund's share and the patient's), or None."""
    from yiqiao.billing.service import inpatient

    async with db.transaction():
        await db.execute("SELECT pg_advisory_xact_lock(hashtext({}))", f"billing_invoice:stay:{admission_id}")
        stays = await db.fetch("SELECT * FROM inpatient_admission WHERE id = {}", admission_id)
        if not stays:
            return None
        stay = stays[0]
        if stay["status"] != "settled" or not stay["charges_fen"]:
            return None
        institution_code, institution_name = await _institution(stay["institution_id"])
        invoices = await db.fetch("SELECT * FROM billing_invoice WHERE admission_id = {}", admission_id)
        pending = [i for i in invoices if i["status"] == "issuing"]
        if pending:
            return _step(pending[0], institution_code)
        if invoices or stay["status_reason"] == SETTLED_AT_WINDOW:
            return None
        charges = [
            msgspec.to_builtins(line)
            for line in inpatient.fee_lines(await inpatient.charges_of(stay["admission_no"]))
        ]
        wanted = wanted_bill({"insurance_fen": stay["insurance_fen"]}, charges, [])
        if wanted.total_fen != stay["charges_fen"] or wanted.insurance_fen != stay["insurance_fen"]:
            # The HIS's lines no longer add up to what was settled: bill what was settled, in one line.
            log.warning("stay %s: the HIS's charges differ from the settlement", stay["admission_no"])
            wanted = _Wanted(
                total_fen=stay["charges_fen"],
                insurance_fen=stay["insurance_fen"],
                self_pay_fen=stay["self_pay_fen"],
                items=[
                    BillItem(code=CATEGORY_ITEMS["other"][0], name="住院费用", amount_fen=stay["charges_fen"])
                ],
                details=[],
            )
        blue_id = new_id()
        issue = IssueRequest(
            biz_no=blue_id.hex,
            institution_code=institution_code,
            institution_name=institution_name,
            medical_kind="inpatient",
            payer_name=await _payer(stay["patient_id"]),
            order_no=stay["admission_no"],
            total_fen=wanted.total_fen,
            insurance_fen=wanted.insurance_fen,
            self_pay_fen=wanted.self_pay_fen,
            items=wanted.items,
            details=wanted.details,
            remark=f"住院号{stay['admission_no']} {stay['department']}",
        )
        target = _Target(admission_id=admission_id, admission_no=stay["admission_no"])
        row = await _insert(
            blue_id,
            target,
            stay,
            "blue",
            "inpatient",
            wanted.total_fen,
            wanted.insurance_fen,
            None,
            msgspec.to_builtins(issue),
        )
        return _step(row, institution_code)


class _Target(msgspec.Struct, frozen=True, kw_only=True):
    """What a bill is for: an order or a stay."""

    order_id: uuid.UUID | None = None
    order_no: str = ""
    admission_id: uuid.UUID | None = None
    admission_no: str = ""


async def _insert(
    invoice_id: uuid.UUID,
    target: _Target,
    owner: dict[str, Any],
    colour: InvoiceColour,
    medical_kind: MedicalKind,
    total_fen: int,
    insurance_fen: int,
    related_id: uuid.UUID | None,
    request: dict[str, Any],
) -> dict[str, Any]:
    """The request row (status issuing), audited; ``owner`` is the order or stay row (patient and
    institution)."""
    rows = await db.fetch(
        "INSERT INTO billing_invoice (id, order_id, admission_id, institution_id, patient_id, colour,"
        " medical_kind, status, total_fen, insurance_fen, self_pay_fen, related_id, request)"
        " VALUES ({}, {}, {}, {}, {}, {}, {}, 'issuing', {}, {}, {}, {}, {}) RETURNING *",
        invoice_id,
        target.order_id,
        target.admission_id,
        owner["institution_id"],
        owner["patient_id"],
        colour,
        medical_kind,
        total_fen,
        insurance_fen,
        total_fen - insurance_fen,
        related_id,
        msgspec.json.encode(request).decode(),
    )
    await audit.record(
        SYSTEM,
        "billing_invoice.request",
        "billing_invoice",
        invoice_id,
        {
            "to": "issuing",
            "colour": colour,
            "order_no": target.order_no or None,
            "admission_no": target.admission_no or None,
            "total_fen": total_fen,
            "related_id": str(related_id) if related_id else None,
        },
        institution_id=owner["institution_id"],
    )
    return rows[0]


async def _send(step: _Step) -> IssuedBill:
    provider = get_einvoice_provider()
    if step.colour == "red":
        return await provider.reverse(msgspec.convert(step.request, ReverseRequest))
    return await provider.issue(msgspec.convert(step.request, IssueRequest))


async def apply_invoice(
    actor: Actor, invoice_id: uuid.UUID, name: str, *, bill: IssuedBill | None = None
) -> dict[str, Any] | None:
    """Apply invoice transition ``name`` (``issue`` records the platform's bill); None when the
    invoice is not in a source state (someone else applied it first)."""
    t = INVOICE_TRANSITIONS[name]
    now = clock.now()
    if name == "issue":
        assert bill is not None
        rows = await db.fetch(
            "UPDATE billing_invoice SET status = {}, bill_code = {}, bill_no = {}, check_code = {},"
            " verify_url = {}, issued_at = {}, last_error = '', updated_at = {}"
            " WHERE id = {} AND status = ANY({}) RETURNING *",
            t.target,
            bill.bill_code,
            bill.bill_no,
            bill.check_code,
            bill.verify_url,
            bill.issued_at,
            now,
            invoice_id,
            list(t.sources),
        )
    else:
        rows = await db.fetch(
            "UPDATE billing_invoice SET status = {}, updated_at = {} WHERE id = {} AND status = ANY({})"
            " AND colour = 'blue' RETURNING *",
            t.target,
            now,
            invoice_id,
            list(t.sources),
        )
    if not rows:
        return None
    row = rows[0]
    await audit.record(
        actor,
        f"billing_invoice.{name}",
        "billing_invoice",
        invoice_id,
        {
            "to": t.target,
            "colour": row["colour"],
            "bill_code": row["bill_code"],
            "bill_no": row["bill_no"],
            "total_fen": row["total_fen"],
        },
        institution_id=row["institution_id"],
    )
    return row


async def _record(step: _Step, bill: IssuedBill) -> None:
    async with db.transaction():
        row = await apply_invoice(SYSTEM, step.invoice_id, "issue", bill=bill)
        if row is None:
            return  # a concurrent run recorded it first
        if row["colour"] == "red" and row["related_id"] is not None:
            await apply_invoice(SYSTEM, row["related_id"], "reverse")
        await _notice(row)


async def _failed(step: _Step, exc: ProviderError) -> None:
    await db.execute(
        "UPDATE billing_invoice SET failed_attempts = failed_attempts + 1, last_error = {}, updated_at = {}"
        " WHERE id = {} AND status = 'issuing'",
        f"{exc.code}: {exc.message}"[:500],
        clock.now(),
        step.invoice_id,
    )


async def _sync(plan: Callable[[], Awaitable[_Step | None]], what: str) -> int:
    """Send what ``plan`` says until it says nothing is left; returns how many bills were issued.

    A transient platform error is recorded on the invoice and raised again (the outbox retries
    the event with backoff, the sweep later still); a refusal is recorded and logged: retrying the
    same request cannot help, and it must not hold up the event's other subscribers."""
    issued = 0
    for _ in range(6):  # at most: a pending red, a pending blue, a new red, a new blue
        step = await plan()
        if step is None:
            return issued
        try:
            bill = await _send(step)
        except ProviderError as exc:
            await _failed(step, exc)
            if exc.transient:
                raise
            log.error("e-invoice refused for %s (invoice %s): %s", what, step.invoice_id, exc)
            return issued
        await _record(step, bill)
        issued += 1
    return issued


async def sync_order(order_id: uuid.UUID) -> int:
    """Bring the order's bills in line with its money; returns how many bills were issued."""
    return await _sync(lambda: _plan(order_id), f"order {order_id}")


async def sync_admission(admission_id: uuid.UUID) -> int:
    """Issue the stay's bill once it is settled here; returns how many bills were issued (0 or 1).
    Whoever settles a stay may call it after the commit; the events and the sweep call it too."""
    return await _sync(lambda: _plan_admission(admission_id), f"stay {admission_id}")


async def _stay_of(order_id: uuid.UUID) -> uuid.UUID | None:
    """The stay an order pays for: its discharge order, or one of its deposits."""
    rows = await db.fetch(
        "SELECT o.subject_id AS stay FROM billing_order o WHERE o.id = {} AND o.kind = 'discharge'"
        " AND o.subject_type = {} UNION ALL SELECT d.admission_id::text FROM inpatient_deposit d"
        " WHERE d.order_id = {}",
        order_id,
        ADMISSION,
        order_id,
    )
    return uuid.UUID(rows[0]["stay"]) if rows else None


async def on_order_paid(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """Subscriber of ``billing.order_paid``: issue the order's e-invoice (or, for the discharge
    order that settled a stay, the stay's)."""
    await sync_order(order_id)
    if (stay := await _stay_of(order_id)) is not None:
        await sync_admission(stay)


async def on_refund_succeeded(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """Subscriber of ``billing.refund_succeeded``: reverse the bill and reissue for the rest (or,
    when the last of a stay's deposits came back and that settled the stay, the stay's bill)."""
    await sync_order(order_id)
    if (stay := await _stay_of(order_id)) is not None:
        await sync_admission(stay)


async def sweep(*, older_than_s: int = 120, limit: int = 100) -> int:
    """A worker cron: retry requests the platform has not confirmed (after the outbox gave up on an
    outage, or a process died between the platform and our commit), and bill stays settled without
    an event (deposits that covered the share exactly). Returns bills issued."""
    pending = await db.fetch(
        "SELECT order_id, admission_id FROM billing_invoice WHERE status = 'issuing' AND updated_at < {}"
        " GROUP BY order_id, admission_id LIMIT {}",
        clock.now() - dt.timedelta(seconds=older_than_s),
        limit,
    )
    stays = await db.fetch(
        "SELECT a.id FROM inpatient_admission a WHERE a.status = 'settled' AND a.charges_fen > 0"
        " AND a.status_reason <> {} AND a.settled_at > {}"
        " AND NOT EXISTS (SELECT 1 FROM billing_invoice i WHERE i.admission_id = a.id) LIMIT {}",
        SETTLED_AT_WINDOW,
        clock.now() - dt.timedelta(days=STAY_LOOKBACK_DAYS),
        limit,
    )
    issued = 0
    try:
        for r in pending:
            if r["order_id"] is not None:
                issued += await sync_order(r["order_id"])
            else:
                issued += await sync_admission(r["admission_id"])
        for r in stays:
            issued += await sync_admission(r["id"])
    except ProviderError as exc:
        log.warning("e-invoice platform still failing: %s", exc)  # try again on the next sweep
    return issued


async def sweep_invoices(ctx: dict[str, Any]) -> int:
    """The worker's cron entry."""
    issued = await sweep()
    if issued:
        log.info("e-invoices: %d issued by the sweep", issued)
    return issued


async def _notice(row: dict[str, Any]) -> None:
    """The patient hears about each bill, in the transaction that records it."""
    order = None
    if row["order_id"] is not None:
        order = (await db.fetch("SELECT * FROM billing_order WHERE id = {}", row["order_id"]))[0]
        what = order["title"]
        account = order["account_id"] or await directory.self_account_of(row["patient_id"])
    else:
        stay = await db.fetch(
            "SELECT admission_no FROM inpatient_admission WHERE id = {}", row["admission_id"]
        )
        what = f"住院号{stay[0]['admission_no']}出院结算"
        account = await directory.self_account_of(row["patient_id"])
    if account is None:
        return
    amount = amount_in_words(abs(row["total_fen"]))
    if row["colour"] == "red":
        title = "电子票据已冲红"
        body = (
            f"因{what}退费，原电子票据已冲红（红字票据代码{row['bill_code']}，号码{row['bill_no']}，"
            f"金额{amount}）。"
        )
    else:
        title = "电子票据已开具"
        again = "退费后按剩余金额重新开具的" if row["related_id"] else ""
        body = (
            f"{what}{again}电子票据已开具：票据代码{row['bill_code']}，号码{row['bill_no']}，"
            f"金额{amount}。可在“我的票据”中查看和下载。"
        )
    data: dict[str, Any] = {
        "invoice_id": str(row["id"]),
        "event": "invoice_reversed" if row["colour"] == "red" else "invoice_issued",
    }
    if order is not None:
        data |= {"order_id": str(order["id"]), "order_no": order["order_no"]}
    else:
        data |= {"admission_id": str(row["admission_id"])}
    await notify(
        account,
        "payment",
        title,
        body,
        dedupe_key=f"invoice:{row['id']}:issued",
        patient_id=row["patient_id"],
        data=data,
    )


# ---------------------------------------------------------------------------------------------
# Reading: the patient's bills, one bill, its PDF; public verification

_SELECT = (
    "SELECT i.*, o.order_no, o.title AS order_title, a.admission_no,"
    " (SELECT r.id FROM billing_invoice r WHERE r.related_id = i.id AND r.colour = 'red') AS reversed_by_id"
    " FROM billing_invoice i LEFT JOIN billing_order o ON o.id = i.order_id"
    " LEFT JOIN inpatient_admission a ON a.id = i.admission_id"
)


async def _views(rows: list[dict[str, Any]]) -> list[InvoiceView]:
    names = await masked_names(r["patient_id"] for r in rows)
    institutions = {i.id: i.name for i in await directory.institutions()} if rows else {}
    return [
        InvoiceView(
            id=r["id"],
            title=r["order_title"] or f"住院结算 住院号{r['admission_no']}",
            order_id=r["order_id"],
            order_no=r["order_no"],
            admission_id=r["admission_id"],
            admission_no=r["admission_no"],
            patient_id=r["patient_id"],
            patient_name_masked=names.get(r["patient_id"], ""),
            institution_name=institutions.get(r["institution_id"], ""),
            colour=r["colour"],
            medical_kind=r["medical_kind"],
            status=r["status"],
            status_text=STATUS_WORDS[r["status"]],
            total_fen=r["total_fen"],
            insurance_fen=r["insurance_fen"],
            self_pay_fen=r["self_pay_fen"],
            total_in_words=amount_in_words(r["total_fen"]),
            created_at=r["created_at"],
            bill_code=r["bill_code"],
            bill_no=r["bill_no"],
            check_code=r["check_code"],
            verify_url=r["verify_url"],
            issued_at=r["issued_at"],
            related_id=r["related_id"],
            reversed_by_id=r["reversed_by_id"],
        )
        for r in rows
    ]


async def list_invoices(
    actor: Actor,
    *,
    patient_id: uuid.UUID | None = None,
    order_id: uuid.UUID | None = None,
    limit: int = 50,
) -> list[InvoiceView]:
    """Bills of one profile, or of every profile the account manages (or the citizen at a kiosk),
    newest first; ``order_id`` narrows to one order's bills (its history of reversals)."""
    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose invoices to list.", code="patient_required")
    rows = await db.fetch(
        _SELECT + " WHERE i.patient_id = ANY({}) AND ({}::uuid IS NULL OR i.order_id = {})"
        " ORDER BY i.created_at DESC LIMIT {}",
        ids,
        order_id,
        order_id,
        min(max(limit, 1), 200),
    )
    if actor.kind == "staff":
        rows = [r for r in rows if r["institution_id"] == actor.institution_id]
    return await _views(rows)


def _not_found() -> NotFound:
    return NotFound("No such invoice.", code="invoice_not_found")


async def _visible(actor: Actor, invoice_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch(_SELECT + " WHERE i.id = {}", invoice_id)
    if not rows or not await may_see(actor, rows[0]):
        raise _not_found()
    return rows[0]


async def get_invoice(actor: Actor, invoice_id: uuid.UUID) -> InvoiceView:
    return (await _views([await _visible(actor, invoice_id)]))[0]


async def invoice_pdf(actor: Actor, invoice_id: uuid.UUID) -> tuple[str, bytes]:
    """``(file name, PDF)`` of an issued bill (a reversed one too: it is still a document the
    patient was given, and its red-letter bill is a separate download)."""
    row = await _visible(actor, invoice_id)
    if row["status"] == "issuing":
        raise Conflict(
            "This e-invoice is still being issued; try again in a minute.",
            code="invoice_not_ready",
            invoice_status=row["status"],
        )
    try:
        pdf = await get_einvoice_provider().pdf(row["bill_code"], row["bill_no"])
    except ProviderError as exc:
        raise Unavailable(
            "The e-invoice platform did not answer; try again later.", code="einvoice_unavailable"
        ) from exc
    await audit.record(
        actor,
        "billing_invoice.download",
        "billing_invoice",
        invoice_id,
        {"bill_code": row["bill_code"], "bill_no": row["bill_no"]},
        institution_id=row["institution_id"],
    )
    return f"{row['bill_code']}-{row['bill_no']}.pdf", pdf


_CODE = re.compile(r"\d{8}")
_NUMBER = re.compile(r"\d{10}")
_CHECK = re.compile(r"[0-9A-Fa-f]{6}")
_SIG = re.compile(r"[A-Za-z0-9_-]{86}")
VERIFY_PER_IP_PER_MINUTE = 30


async def verify(
    bill_code: str, bill_no: str, check_code: str, signature: str = "", *, client_ip: str | None = None
) -> VerifyResult:
    """Anyone holding a bill (an employer, an insurer reimbursing the patient) checks it: code,
    number and check code as printed, or the QR's link (which adds the issuer's signature).
    Unknown and mistyped bills look the same (404); an altered QR is refused (422)."""
    bill_code, bill_no, check_code, signature = (
        bill_code.strip(),
        bill_no.strip(),
        check_code.strip(),
        signature.strip(),
    )
    if not _CODE.fullmatch(bill_code):
        raise Invalid("The bill code (票据代码) is 8 digits.", code="bill_code_invalid")
    if not _NUMBER.fullmatch(bill_no):
        raise Invalid("The bill number (票据号码) is 10 digits.", code="bill_no_invalid")
    if not _CHECK.fullmatch(check_code):
        raise Invalid("The check code (校验码) is 6 letters and digits.", code="check_code_invalid")
    if signature and not _SIG.fullmatch(signature):
        raise Invalid(
            "This QR code was altered: its signature is not readable.", code="invoice_signature_invalid"
        )
    await ratelimit.hit(
        f"einvoice-verify:{client_ip or 'unknown'}",
        VERIFY_PER_IP_PER_MINUTE,
        60,
        "Too many verifications from here; wait a minute.",
    )
    try:
        found = await get_einvoice_provider().verify(bill_code, bill_no, check_code, signature)
    except ProviderError as exc:
        raise Unavailable(
            "The e-invoice platform did not answer; try again later.", code="einvoice_unavailable"
        ) from exc
    if found is None:
        raise NotFound(
            "No bill has this code, number and check code; check what you typed.", code="invoice_not_found"
        )
    if found.signature_valid is False:
        raise Invalid(
            "This QR code was altered: its signature is not the issuer's.", code="invoice_signature_invalid"
        )
    reversed_ = found.state == "reversed"
    if reversed_:
        text = f"已冲红作废 (reversed by red-letter bill {found.related_code}-{found.related_no})"
    elif found.colour == "red":
        text = f"有效红字票据 (a valid red-letter bill reversing {found.related_code}-{found.related_no})"
    else:
        text = "有效 (valid)"
    return VerifyResult(
        result="reversed" if reversed_ else "valid",
        result_text=text,
        colour=found.colour,
        bill_code=found.bill_code,
        bill_no=found.bill_no,
        institution_name=found.institution_name,
        medical_kind=found.medical_kind,
        payer_masked=found.payer_masked,
        total_fen=found.total_fen,
        total_in_words=amount_in_words(found.total_fen),
        issued_on=clock.local(found.issued_at).date(),
        related_bill_code=found.related_code,
        related_bill_no=found.related_no,
        signature_checked=found.signature_valid is True,
    )
