"""Outpatient bills (门诊缴费, 002 §2.1.1.2.1) and fee details per visit (费用查看, §2.1.1.2.9(1)).

The HIS holds what a visit's orders cost: bills (处方, 检查/检验申请, 治疗单) of charge items, each
item executed (exam done, treatment given) or dispensed (drugs handed out) at some point. This
module shows a patient their pending bills and turns the ones they choose into one ``outpatient``
order priced from the HIS's items — never from the client. ``billing_his_bill`` (migration 0018)
records which bills an order settles: a bill is in at most one open or paid order (creators of
orders for the same bill take turns on an advisory lock), and choosing exactly the bills of an
open order gives that order back, so the kiosk and the phone pay the same one.

When the order is paid (the ``billing.order_paid`` event, after the payment committed) the HIS is
told (缴费确认, idempotent by our order number). If the HIS no longer takes the money — the doctor
withdrew a bill, it was paid at a window meanwhile, its amount changed — the order is refunded in
full at once (initiated by the system). Refunds that succeed are reported to the HIS (退费).

Which items the patient may still refund follows the HIS: ``sync_refundable`` marks order lines
whose item was executed or dispensed as not refundable (once not refundable, never again).

Kiosk orders: the kiosk that created an order hears its status on its WebSocket channel
(``payment.status``) when it is paid or money goes back."""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Annotated, Any, Literal

import msgspec

from yiqiao import db
from yiqiao.billing import lifecycle
from yiqiao.billing.service import orders
from yiqiao.billing.types import NewOrder, OrderItemIn, OrderView
from yiqiao.identity.service import directory
from yiqiao.identity.service.access import require_patient_access
from yiqiao.identity.service.names import masked_names
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.his import get_his_provider
from yiqiao.integrations.his.base import HisBill, HisChargeItem, HisRefundLine
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.outbox import service as outbox

log = logging.getLogger("yiqiao.billing.bills")

MAX_BILLS = 20
BILL_NO = re.compile(r"^[A-Za-z0-9_-]{1,40}$")

CATEGORY_LABELS = {
    "registration": "挂号费",
    "drug": "西药费",
    "herb": "中药费",
    "exam": "检查费",
    "lab": "化验费",
    "treatment": "治疗费",
    "material": "材料费",
    "other": "其他",
}
KIND_LABELS = {
    "prescription": "处方",
    "herbal": "中药处方",
    "exam": "检查申请",
    "lab": "检验申请",
    "treatment": "治疗单",
    "material": "材料",
    "registration": "挂号",
}
BILL_STATUS_WORDS = {"unpaid": "待缴费", "paid": "已缴费", "cancelled": "已作废"}


class BillItemView(msgspec.Struct, kw_only=True):
    item_no: str
    line_no: int
    code: str
    name: str
    category: str
    category_label: str
    spec: str
    unit: str
    unit_fen: int
    quantity: int
    amount_fen: int
    insurance_class: str
    executed: bool
    dispensed: bool
    refunded_fen: int
    # Paid, not executed or dispensed, not all refunded: the patient may still ask for it back.
    refundable: bool


class BillView(msgspec.Struct, kw_only=True):
    bill_no: str
    visit_no: str
    kind: str
    kind_label: str
    title: str
    institution_name: str
    department: str
    doctor: str
    status: Literal["unpaid", "paid", "cancelled"]
    status_text: str
    total_fen: int
    issued_at: dt.datetime
    visit_at: dt.datetime
    paid_at: dt.datetime | None
    items: list[BillItemView]
    # The unpaid or paid order this bill is in, if any (a bill being paid elsewhere says so).
    order_id: uuid.UUID | None = None
    order_no: str | None = None
    order_status: str | None = None


class PendingBills(msgspec.Struct, kw_only=True):
    """待缴费: a profile's unpaid bills, oldest first."""

    patient_id: uuid.UUID
    patient_name_masked: str
    total_fen: int
    bills: list[BillView]


class CategoryFees(msgspec.Struct, kw_only=True):
    category: str
    label: str
    charged_fen: int  # 已收费: paid (refunds not subtracted)
    uncharged_fen: int  # 未收费: waiting to be paid
    total_fen: int


class VisitFees(msgspec.Struct, kw_only=True):
    """门诊费用: one visit's fees by category and bill, with every item."""

    visit_no: str
    visit_at: dt.datetime
    institution_name: str
    department: str
    doctor: str
    charged_fen: int
    uncharged_fen: int
    refunded_fen: int
    total_fen: int
    categories: list[CategoryFees]
    bills: list[BillView]


class PayBills(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Pay these bills of one profile in one order (the amount comes from the HIS)."""

    patient_id: uuid.UUID
    bill_nos: Annotated[
        list[Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{1,40}$")]],
        msgspec.Meta(min_length=1, max_length=MAX_BILLS),
    ]


# --- reading --------------------------------------------------------------------------------------


async def cards_of(patient_id: uuid.UUID) -> list[str]:
    rows = await db.fetch("SELECT card_no FROM visit_card WHERE patient = {} ORDER BY created_at", patient_id)
    return [r["card_no"] for r in rows]


async def _institution_names() -> dict[str, tuple[uuid.UUID, str]]:
    return {i.code: (i.id, i.name) for i in await directory.institutions()}


async def _orders_of_bills(bill_nos: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The order each bill is (being) paid in: an unpaid-and-open or a paid one, newest first."""
    if not bill_nos:
        return {}
    rows = await db.fetch(
        "SELECT b.bill_no, o.id, o.order_no, o.status, o.expires_at FROM billing_his_bill b"
        " JOIN billing_order o ON o.id = b.order_id WHERE b.bill_no = ANY({})"
        " AND o.status IN ('created', 'paying', 'failed', 'paid', 'refunding', 'partially_refunded')"
        " ORDER BY o.created_at DESC",
        list(bill_nos),
    )
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        out.setdefault(r["bill_no"], r)
    return out


def _item_view(i: HisChargeItem, paid: bool) -> BillItemView:
    return BillItemView(
        item_no=i.item_no,
        line_no=i.line_no,
        code=i.code,
        name=i.name,
        category=i.category,
        category_label=CATEGORY_LABELS.get(i.category, i.category),
        spec=i.spec,
        unit=i.unit,
        unit_fen=i.unit_fen,
        quantity=i.quantity,
        amount_fen=i.amount_fen,
        insurance_class=i.insurance_class,
        executed=i.executed,
        dispensed=i.dispensed,
        refunded_fen=i.refunded_fen,
        refundable=paid and i.refundable,
    )


def _bill_view(b: HisBill, institution: str, order: dict[str, Any] | None) -> BillView:
    return BillView(
        bill_no=b.bill_no,
        visit_no=b.visit_no,
        kind=b.kind,
        kind_label=KIND_LABELS.get(b.kind, b.kind),
        title=b.title,
        institution_name=institution,
        department=b.department,
        doctor=b.doctor,
        status=b.status,
        status_text=BILL_STATUS_WORDS[b.status],
        total_fen=b.total_fen,
        issued_at=b.issued_at,
        visit_at=b.visit_at,
        paid_at=b.paid_at,
        items=[_item_view(i, b.status == "paid") for i in b.items],
        order_id=order["id"] if order else None,
        order_no=order["order_no"] if order else None,
        order_status=order["status"] if order else None,
    )


async def pending_bills(actor: Actor, patient_id: uuid.UUID) -> PendingBills:
    """The profile's bills waiting to be paid (待缴费), for whoever may act for it."""
    await require_patient_access(actor, patient_id)
    cards = await cards_of(patient_id)
    bills = await get_his_provider().pending_outpatient_bills(cards) if cards else []
    names = await _institution_names()
    in_orders = await _orders_of_bills([b.bill_no for b in bills])
    masked = await masked_names([patient_id])
    return PendingBills(
        patient_id=patient_id,
        patient_name_masked=masked.get(patient_id, ""),
        total_fen=sum(b.total_fen for b in bills),
        bills=[_bill_view(b, _name(names, b.institution_code), in_orders.get(b.bill_no)) for b in bills],
    )


def _name(names: dict[str, tuple[uuid.UUID, str]], code: str) -> str:
    return names[code][1] if code in names else code


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=clock.SHANGHAI)


def _local_bounds(
    since: dt.date | None, until: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Two Asia/Shanghai days, inclusive, as a half-open interval of instants."""
    start = _midnight(since) if since else None
    end = _midnight(until + dt.timedelta(days=1)) if until else None
    return start, end


async def fee_details(
    actor: Actor, patient_id: uuid.UUID, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[VisitFees]:
    """门诊费用查询: every outpatient visit of the profile between two days (Asia/Shanghai,
    inclusive), newest first: charged and uncharged amounts by category, and every item."""
    await require_patient_access(actor, patient_id)
    if since and until and since > until:
        raise Invalid("The first day comes after the last.", code="date_range_invalid")
    cards = await cards_of(patient_id)
    if not cards:
        return []
    start, end = _local_bounds(since, until)
    visits = await get_his_provider().outpatient_visits(cards, since=start, until=end)
    names = await _institution_names()
    in_orders = await _orders_of_bills([b.bill_no for v in visits for b in v.bills])
    out: list[VisitFees] = []
    for v in visits:
        bills = [b for b in v.bills if b.status != "cancelled"]
        charged: dict[str, int] = defaultdict(int)
        uncharged: dict[str, int] = defaultdict(int)
        for b in bills:
            for i in b.items:
                (charged if b.status == "paid" else uncharged)[i.category] += i.amount_fen
        cats = [
            CategoryFees(
                category=c,
                label=label,
                charged_fen=charged[c],
                uncharged_fen=uncharged[c],
                total_fen=charged[c] + uncharged[c],
            )
            for c, label in CATEGORY_LABELS.items()
            if charged[c] or uncharged[c]
        ]
        institution = _name(names, v.institution_code)
        out.append(
            VisitFees(
                visit_no=v.visit_no,
                visit_at=v.visit_at,
                institution_name=institution,
                department=v.department,
                doctor=v.doctor,
                charged_fen=sum(charged.values()),
                uncharged_fen=sum(uncharged.values()),
                refunded_fen=sum(i.refunded_fen for b in bills for i in b.items),
                total_fen=sum(charged.values()) + sum(uncharged.values()),
                categories=cats,
                bills=[_bill_view(b, institution, in_orders.get(b.bill_no)) for b in bills],
            )
        )
    return out


async def visit_fees(actor: Actor, patient_id: uuid.UUID, visit_no: str) -> VisitFees:
    """One visit of the profile (the same 404 for someone else's visit and a missing one)."""
    await require_patient_access(actor, patient_id)
    cards = await cards_of(patient_id)
    visits = await get_his_provider().outpatient_visits(cards) if cards else []
    if visit_no not in {v.visit_no for v in visits}:
        raise NotFound("No such visit.", code="visit_not_found")
    day = clock.local(next(v.visit_at for v in visits if v.visit_no == visit_no)).date()
    return next(
        v for v in await fee_details(actor, patient_id, since=day, until=day) if v.visit_no == visit_no
    )


# --- paying ---------------------------------------------------------------------------------------


def _title(bills: list[HisBill]) -> str:
    departments = list(dict.fromkeys(b.department for b in bills))
    what = "、".join(departments[:2]) + ("等" if len(departments) > 2 else "")
    return f"门诊缴费-{what}（{len(bills)}张单据）"


async def create_bill_order(actor: Actor, cmd: PayBills, idempotency_key: str) -> OrderView:
    """One order for these unpaid bills of the profile, priced from the HIS's items. The same
    bills already in an open order give that order (the kiosk and the phone pay the same order);
    a bill in another open order, or already paid, is a 409."""
    await require_patient_access(actor, cmd.patient_id)
    wanted = sorted(set(cmd.bill_nos))
    if not wanted or len(wanted) > MAX_BILLS or not all(BILL_NO.match(b) for b in wanted):
        raise Invalid(f"Name 1 to {MAX_BILLS} bills by their numbers.", code="bill_nos_invalid")
    replay = await db.fetch(
        "SELECT id, patient_id FROM billing_order WHERE created_by = {} AND idempotency_key = {}",
        actor.label,
        idempotency_key,
    )
    if replay:
        same = replay[0]["patient_id"] == cmd.patient_id
        if not same or (await bills_of_orders([replay[0]["id"]])).get(replay[0]["id"]) != wanted:
            raise Conflict(
                "This idempotency key was already used for a different order; use a new key.",
                code="idempotency_key_reused",
            )
        return await orders.get_order(actor, replay[0]["id"], access_checked=True)
    cards = set(await cards_of(cmd.patient_id))
    bills = await get_his_provider().outpatient_bills(wanted)
    mine = [b for b in bills if b.card_no in cards]
    if len(mine) != len(wanted):
        # Someone else's bill and a missing one look the same.
        raise NotFound("No such bill for this patient.", code="bill_not_found")
    for b in mine:
        if b.status != "unpaid":
            raise Conflict(
                f"Bill {b.bill_no} is {BILL_STATUS_WORDS[b.status]}; it cannot be paid.",
                code="bill_not_payable",
                bill_no=b.bill_no,
                bill_status=b.status,
            )
    institutions = await _institution_names()
    codes = {b.institution_code for b in mine}
    if len(codes) != 1 or next(iter(codes)) not in institutions:
        raise Invalid("Pay the bills of one hospital at a time.", code="bills_of_several_institutions")
    institution_id = institutions[next(iter(codes))][0]
    items = [
        OrderItemIn(
            code=i.code,
            name=i.name,
            category=i.category if i.category in CATEGORY_LABELS else "other",
            unit_fen=i.unit_fen,
            quantity=i.quantity,
            insurance_class=i.insurance_class,
            his_ref=i.item_no,
            refundable=i.refundable,
        )
        for b in mine
        for i in b.items
    ]
    new = NewOrder(
        patient_id=cmd.patient_id,
        kind="outpatient",
        title=_title(mine),
        items=items,
        institution_id=institution_id,
    )
    async with db.transaction():
        # One creator at a time per bill, so two orders cannot both take the same bill.
        for bill_no in wanted:
            await db.execute("SELECT pg_advisory_xact_lock(hashtext({}))", f"his_bill:{bill_no}")
        reuse = await _open_order_for(wanted)
        if reuse is not None:
            return await orders.get_order(actor, reuse, access_checked=True)
        view = await orders.create_order(actor, new, idempotency_key, access_checked=True)
        await db.execute(
            "INSERT INTO billing_his_bill (bill_no, order_id, patient_id)"
            " SELECT unnest({}::text[]), {}, {} ON CONFLICT DO NOTHING",
            wanted,
            view.id,
            cmd.patient_id,
        )
    return view


async def bills_of_orders(order_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    rows = await db.fetch(
        "SELECT order_id, bill_no FROM billing_his_bill WHERE order_id = ANY({}) ORDER BY bill_no",
        list(order_ids),
    )
    out: dict[uuid.UUID, list[str]] = defaultdict(list)
    for r in rows:
        out[r["order_id"]].append(r["bill_no"])
    return out


async def _open_order_for(wanted: list[str]) -> uuid.UUID | None:
    """The open order for exactly these bills, to pay again; 409 when one of them is paid or in
    an open order together with other bills."""
    taken = await _orders_of_bills(wanted)
    for bill_no, o in taken.items():
        if o["status"] not in lifecycle.PAYABLE:
            raise Conflict(
                f"Bill {bill_no} is already paid (order {o['order_no']}).",
                code="bill_already_paid",
                bill_no=bill_no,
                order_no=o["order_no"],
            )
    now = clock.now()
    open_ = {
        o["id"]: (bill_no, o)
        for bill_no, o in taken.items()
        if o["expires_at"] > now or o["status"] == "paying"
    }
    sets = await bills_of_orders(list(open_))
    reuse: uuid.UUID | None = None
    for order_id, (bill_no, o) in open_.items():
        if sets.get(order_id) == wanted:
            reuse = order_id
            continue
        raise Conflict(
            f"Bill {bill_no} is being paid in order {o['order_no']}; pay that order or wait until"
            f" it closes at {clock.local(o['expires_at']):%H:%M}.",
            code="bill_in_open_order",
            bill_no=bill_no,
            order_id=str(o["id"]),
            order_no=o["order_no"],
        )
    return reuse


# --- what paying and refunding does at the HIS ----------------------------------------------------


async def settle_at_his(order: dict[str, Any]) -> bool:
    """Tell the HIS this paid order settled its bills (idempotent). If the HIS refuses for good,
    the order is refunded in full (initiated by the system) and False is returned."""
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.actor import SYSTEM

    bill_nos = (await bills_of_orders([order["id"]])).get(order["id"], [])
    if not bill_nos or order["status"] not in ("paid", "partially_refunded", "refunding"):
        return False
    try:
        await get_his_provider().confirm_outpatient_payment(
            bill_nos,
            settlement_ref=order["order_no"],
            amount_fen=order["total_fen"],
            paid_at=order["paid_at"] or clock.now(),
        )
    except ProviderError as exc:
        if exc.transient:
            raise  # the outbox tries again later
        log.warning("order %s: the HIS refused the settlement (%s); refunding it", order["order_no"], exc)
        try:
            await refunds.request_refund(
                SYSTEM,
                order["id"],
                RefundCommand(
                    reason="医院已撤销或变更该缴费单，款项原路退回"
                    " (the hospital withdrew or changed the bill, or it was paid elsewhere)"[:200]
                ),
                f"his-refused:{order['id']}",
                initiated_by="system",
            )
        except Conflict as refused:
            # Already refunded (a retried event) or nothing left: nothing more to do.
            log.info("order %s: no refund after the HIS refused: %s", order["order_no"], refused.detail)
        return False
    return True


async def sync_refundable(order_id: uuid.UUID) -> int:
    """Mark the order's lines whose HIS item was executed or dispensed as not refundable (the
    patient can no longer refund them, 002 §2.1.1.2.1(2)). Returns how many lines changed."""
    lines = await db.fetch(
        "SELECT line_no, his_ref FROM billing_order_item"
        " WHERE order_id = {} AND refundable AND his_ref IS NOT NULL",
        order_id,
    )
    if not lines:
        return 0
    bill_nos = sorted({r["his_ref"].rpartition("/")[0] for r in lines})
    done = {
        i.item_no
        for b in await get_his_provider().outpatient_bills(bill_nos)
        for i in b.items
        if i.executed or i.dispensed
    }
    changed = [r["line_no"] for r in lines if r["his_ref"] in done]
    if changed:
        await db.execute(
            "UPDATE billing_order_item SET refundable = false WHERE order_id = {} AND line_no = ANY({})",
            order_id,
            changed,
        )
    return len(changed)


async def refund_lines_for_his(order_id: uuid.UUID, refund: dict[str, Any]) -> list[HisRefundLine]:
    """The HIS items a refund gave money back for: its lines, or (a whole-order refund) every line."""
    items = refund["items"]
    if isinstance(items, str):
        items = msgspec.json.decode(items)
    lines = await db.fetch(
        "SELECT line_no, his_ref, amount_fen FROM billing_order_item WHERE order_id = {} ORDER BY line_no",
        order_id,
    )
    by_line = {r["line_no"]: r for r in lines}
    out: list[HisRefundLine] = []
    if items:
        for it in items:
            r = by_line.get(int(it["line_no"]))
            if r is not None and r["his_ref"] and int(it["amount_fen"]) > 0:
                out.append(HisRefundLine(item_no=r["his_ref"], amount_fen=int(it["amount_fen"])))
        return out
    # No lines named: the refund is spread over the lines in order, as far as it goes.
    left = int(refund["amount_fen"])
    for r in lines:
        if left <= 0:
            break
        take = min(left, r["amount_fen"])
        if r["his_ref"] and take > 0:
            out.append(HisRefundLine(item_no=r["his_ref"], amount_fen=take))
        left -= take
    return out


async def on_refund_succeeded(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """Event subscriber: tell the HIS what went back (退费), once per refund; the kiosk that
    created the order hears it too."""
    rows = await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id)
    if not rows:
        return
    order = rows[0]
    await _push_to_kiosk(order, order["status"])
    bill_nos = (await bills_of_orders([order_id])).get(order_id, [])
    if not bill_nos:
        return
    refund = await db.fetch("SELECT * FROM billing_refund WHERE id = {}", uuid.UUID(payload["refund_id"]))
    if not refund:
        return
    his = get_his_provider()
    bills = await his.outpatient_bills(bill_nos)
    if not bills or any(b.settlement_ref != order["order_no"] for b in bills):
        return  # the HIS never took this order's money (a payment refunded as unwanted)
    lines = await refund_lines_for_his(order_id, refund[0])
    if not lines:
        return
    try:
        await his.record_outpatient_refund(refund_ref=refund[0]["refund_no"], lines=lines)
    except ProviderError as exc:
        if exc.transient:
            raise
        # Retrying would not change the answer; the money went back, so say so loudly.
        log.error("refund %s: the HIS refused to record it: %s", refund[0]["refund_no"], exc)


async def on_order_paid(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """Event subscriber: an outpatient order's bills are settled at the HIS; the kiosk that
    created the order (any kind) hears that it is paid."""
    rows = await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id)
    if not rows:
        return
    order = rows[0]
    if order["kind"] == "outpatient" and not await settle_at_his(order):
        # Refused by the HIS and refunded: the kiosk hears where the order stands now.
        rows = await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id)
        order = rows[0]
    await _push_to_kiosk(order, "paid" if order["status"] == "paid" else order["status"])


def _kiosk_of(order: dict[str, Any]) -> uuid.UUID | None:
    kind, _, ident = str(order["created_by"]).partition(":")
    if kind != "kiosk":
        return None
    try:
        return uuid.UUID(ident)
    except ValueError:
        return None


async def on_order_not_paid(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """Event subscriber: the kiosk that created the order hears that the patient's payment failed
    (they may scan again with another wallet) or that the order closed unpaid."""
    rows = await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id)
    if rows:
        await _push_to_kiosk(
            rows[0], payload.get("status") or rows[0]["status"], attempt=payload.get("attempt", "")
        )


async def _push_to_kiosk(order: dict[str, Any], status: str, *, attempt: str = "") -> None:
    """``payment.status`` on the creating kiosk's channel, through the outbox (after commit). No
    names or ids of the patient: the kiosk matches it to the QR it shows by order id."""
    kiosk = _kiosk_of(order)
    if kiosk is None:
        return
    data = {
        "order_id": str(order["id"]),
        "order_no": order["order_no"],
        "status": status,
        "status_text": lifecycle.ORDER_STATUS_WORDS.get(status, status),
        "total_fen": order["total_fen"],
        "paid_fen": order["paid_fen"],
        "refunded_fen": order["refunded_fen"],
    }
    await outbox.enqueue(
        "pubsub",
        "payment.status",
        {"channel": realtime.channel("kiosk", kiosk), "type": "payment.status", "data": data},
        f"kiosk:{kiosk}:order:{order['id']}:{status}:{order['refunded_fen']}:{attempt}",
    )


# --- a kiosk waiting for the patient to scan --------------------------------------------------------


async def refresh_order(actor: Actor, order_id: uuid.UUID) -> OrderView:
    """The order as its payer sees it, after asking the provider about every attempt still
    pending (a kiosk polling while the patient scans: the callback may be late or lost). What
    the provider answers takes effect through ``payments.apply_trade``, exactly once."""
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    view = await orders.get_order(actor, order_id)
    pending = [p for p in view.payments if p.status == "pending"]
    for p in pending:
        try:
            status = await payments.provider(p.provider).query(p.out_trade_no)
        except ProviderError as exc:
            log.warning("payment %s: query failed: %s", p.out_trade_no, exc)
            continue
        await payments.apply_trade(SYSTEM, p.provider, status)
    return await orders.get_order(actor, order_id) if pending else view


async def refundable_order(actor: Actor, order_id: uuid.UUID) -> OrderView:
    """An order as the payer sees it before asking for money back: for an outpatient order, the
    lines the HIS has meanwhile executed or dispensed are marked not refundable first."""
    view = await orders.get_order(actor, order_id)
    if view.kind == "outpatient" and await sync_refundable(order_id):
        return await orders.get_order(actor, order_id)
    return view


async def pending_for_account(actor: Actor) -> list[PendingBills]:
    """待缴费 for every profile the signed-in account manages (or the citizen at a kiosk)."""
    from yiqiao.identity.service.access import patients_spoken_for

    ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose bills to list.", code="patient_required")
    return [await pending_bills(actor, p) for p in ids]
