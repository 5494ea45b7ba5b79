"""Orders: create one (items priced in fen, the total computed here, never taken from the client),
read one, list them. Who may see an order: whoever may act for its patient (the account and the
family members it manages, the citizen at a kiosk), staff of the order's institution, the system.
Anyone else gets the same 404 as for an order that does not exist."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg
import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.billing import lifecycle
from yiqiao.billing.types import (
    MAX_ITEMS,
    MAX_QUANTITY,
    MAX_UNIT_FEN,
    NewOrder,
    OrderItemIn,
    OrderView,
)
from yiqiao.identity.service.access import patients_spoken_for, require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.settings import get_settings

KINDS = (
    "registration",
    "outpatient",
    "consultation",
    "self_order",
    "home_nursing",
    "inpatient_deposit",
    "discharge",
    "medtech",
)
CATEGORIES = (
    "registration",
    "drug",
    "herb",
    "exam",
    "lab",
    "treatment",
    "material",
    "nursing",
    "bed",
    "consultation",
    "deposit",
    "other",
)

# The order number a patient reads out at the window: YQ + Beijing date + a sequence number.
_ORDER_NO = (
    "'YQ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')"
    " || lpad(nextval('billing_order_no_seq')::text, 8, '0')"
)


_INSERT = (
    "INSERT INTO billing_order (id, order_no, institution_id, patient_id, account_id, created_by,"  # noqa: S608
    " kind, subject_type, subject_id, title, status, total_fen, self_pay_fen, idempotency_key,"
    " request_hash, expires_at, created_at, updated_at) VALUES ({}, " + _ORDER_NO + ", {}, {}, {}, {},"
    " {}, {}, {}, {}, 'created', {}, {}, {}, {}, {}, {}, {}) RETURNING *"
)
_SELECT = "SELECT * FROM billing_order WHERE id = {}"
_SELECT_LOCKED = _SELECT + " FOR UPDATE"


def not_found() -> NotFound:
    return NotFound("No such order.", code="order_not_found")


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def check_items(items: list[OrderItemIn]) -> int:
    """The rules a BFF already checked when decoding, again for callers in code. Returns the total."""
    if not items:
        raise Invalid("An order needs at least one item.", code="order_items_required")
    if len(items) > MAX_ITEMS:
        raise Invalid(f"An order has at most {MAX_ITEMS} items.", code="order_too_many_items")
    total = 0
    for n, item in enumerate(items, 1):
        if not _is_int(item.unit_fen) or not _is_int(item.quantity):
            raise Invalid(
                f"Item {n}: amounts are whole fen and quantities whole numbers.", code="amount_not_integer"
            )
        if item.unit_fen < 0 or item.unit_fen > MAX_UNIT_FEN:
            raise Invalid(f"Item {n}: the unit price must be 0 to {MAX_UNIT_FEN} fen.", code="amount_invalid")
        if item.quantity < 1 or item.quantity > MAX_QUANTITY:
            raise Invalid(f"Item {n}: the quantity must be 1 to {MAX_QUANTITY}.", code="quantity_invalid")
        if item.category not in CATEGORIES:
            raise Invalid(f"Item {n}: unknown category {item.category!r}.", code="item_category_invalid")
        if not item.code or not item.name:
            raise Invalid(f"Item {n}: give the item's code and name.", code="item_incomplete")
        total += item.unit_fen * item.quantity
    if total <= 0:
        raise Invalid("An order must come to more than 0 fen.", code="amount_not_positive")
    return total


def _request_hash(cmd: NewOrder) -> str:
    return sm3_hex(msgspec.json.encode(cmd))[:32]


async def _replay(actor: Actor, key: str, request_hash: str) -> OrderView | None:
    rows = await db.fetch(
        "SELECT * FROM billing_order WHERE created_by = {} AND idempotency_key = {}", actor.label, key
    )
    if not rows:
        return None
    if rows[0]["request_hash"] != request_hash:
        raise Conflict(
            "This idempotency key was already used for a different order; use a new key.",
            code="idempotency_key_reused",
        )
    return (await views([rows[0]]))[0]


async def create_order(
    actor: Actor, cmd: NewOrder, idempotency_key: str, *, access_checked: bool = False
) -> OrderView:
    """Create an order priced from its items. The same key with the same order gives the same
    order; with a different one, 409. ``access_checked``: the caller has already established that
    this actor may bill this patient (another context's own rule)."""
    total = check_items(cmd.items)
    if cmd.kind not in KINDS:
        raise Invalid(f"Unknown order kind {cmd.kind!r}.", code="order_kind_invalid")
    if (cmd.subject_type is None) != (cmd.subject_id is None):
        raise Invalid("Give both subject_type and subject_id, or neither.", code="order_subject_incomplete")
    if not idempotency_key or len(idempotency_key) > 64:
        raise Invalid("Send an Idempotency-Key of 1 to 64 characters.", code="idempotency_key_invalid")
    if not access_checked:
        await require_patient_access(actor, cmd.patient_id)
    request_hash = _request_hash(cmd)
    replay = await _replay(actor, idempotency_key, request_hash)
    if replay is not None:
        return replay
    now = clock.now()
    expires_at = cmd.expires_at or now + dt.timedelta(seconds=get_settings().billing_order_timeout_s)
    if expires_at.tzinfo is None:
        raise Invalid("expires_at needs a time zone.", code="expires_at_naive")
    if expires_at <= now:
        raise Invalid("This order would expire before it could be paid.", code="order_expired_on_arrival")
    order_id = new_id()
    try:
        async with db.transaction():
            rows = await db.fetch(
                _INSERT,
                order_id,
                cmd.institution_id,
                cmd.patient_id,
                actor.id if actor.kind == "patient" else None,
                actor.label,
                cmd.kind,
                cmd.subject_type,
                cmd.subject_id,
                cmd.title,
                total,
                total,
                idempotency_key,
                request_hash,
                expires_at,
                now,
                now,
            )
            conn = db.engine().current_transaction.get()
            assert conn is not None
            await conn.connection.executemany(
                "INSERT INTO billing_order_item (order_id, line_no, code, name, category, unit_fen, quantity,"
                " amount_fen, insurance_class, his_ref, refundable) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                " $9, $10, $11)",
                [
                    (
                        order_id,
                        n,
                        i.code,
                        i.name,
                        i.category,
                        i.unit_fen,
                        i.quantity,
                        i.unit_fen * i.quantity,
                        i.insurance_class,
                        i.his_ref,
                        i.refundable,
                    )
                    for n, i in enumerate(cmd.items, 1)
                ],
            )
            row = rows[0]
            await audit.record(
                actor,
                "billing_order.create",
                "billing_order",
                order_id,
                {
                    "to": "created",
                    "order_no": row["order_no"],
                    "kind": cmd.kind,
                    "patient_id": str(cmd.patient_id),
                    "total_fen": total,
                    "subject": f"{cmd.subject_type}:{cmd.subject_id}" if cmd.subject_type else None,
                },
                institution_id=cmd.institution_id,
            )
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name == "billing_order_idempotency":
            replay = await _replay(actor, idempotency_key, request_hash)
            if replay is not None:
                return replay
        if exc.constraint_name == "billing_order_one_live_subject":
            live = await live_order_for(cmd.subject_type or "", cmd.subject_id or "")
            raise Conflict(
                "This is already billed by another order; pay that one.",
                code="subject_already_billed",
                order_id=str(live["id"]) if live else None,
            ) from None
        raise
    except asyncpg.ForeignKeyViolationError as exc:
        if "patient" in (exc.constraint_name or ""):
            raise NotFound("No such patient profile.", code="profile_not_found") from None
        raise NotFound("No such institution.", code="institution_not_found") from None
    return (await views([row]))[0]


async def live_order_for(subject_type: str, subject_id: str) -> dict[str, Any] | None:
    """The order that is (being) paid for a subject, if any (closed and failed-then-closed ones are
    not live; a refunded one is not either: the subject may be billed again)."""
    rows = await db.fetch(
        "SELECT * FROM billing_order WHERE subject_type = {} AND subject_id = {}"
        " AND status IN ('created', 'paying', 'paid', 'refunding', 'partially_refunded')",
        subject_type,
        subject_id,
    )
    return rows[0] if rows else None


async def may_see(actor: Actor, row: dict[str, Any]) -> bool:
    """Per-record rule for billing: staff only for their own institution's orders."""
    if actor.kind == "system":
        return True
    if actor.kind == "staff":
        return actor.institution_id is not None and actor.institution_id == row["institution_id"]
    try:
        await require_patient_access(actor, row["patient_id"])
    except NotFound:
        return False
    return True


async def load_visible(
    actor: Actor, order_id: uuid.UUID, *, lock: bool = False, access_checked: bool = False
) -> dict[str, Any]:
    """The order row, or the same 404 whether it is missing or someone else's."""
    rows = await db.fetch(_SELECT_LOCKED if lock else _SELECT, order_id)
    if not rows or not (access_checked or await may_see(actor, rows[0])):
        raise not_found()
    return rows[0]


async def get_order(actor: Actor, order_id: uuid.UUID, *, access_checked: bool = False) -> OrderView:
    row = await load_visible(actor, order_id, access_checked=access_checked)
    return (await views([row]))[0]


async def list_orders(
    actor: Actor,
    *,
    patient_id: uuid.UUID | None = None,
    status: str | None = None,
    kind: str | None = None,
    limit: int = 50,
) -> list[OrderView]:
    """Orders of one profile, or of every profile the signed-in account manages (newest first)."""
    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose orders to list.", code="patient_required")
    if status is not None and status not in lifecycle.ORDER_STATUS_WORDS:
        raise Invalid(f"Unknown order status {status!r}.", code="order_status_invalid")
    if kind is not None and kind not in KINDS:
        raise Invalid(f"Unknown order kind {kind!r}.", code="order_kind_invalid")
    rows = await db.fetch(
        "SELECT * FROM billing_order WHERE patient_id = ANY({})"
        " AND ({}::text IS NULL OR status = {}) AND ({}::text IS NULL OR kind = {})"
        " ORDER BY created_at DESC LIMIT {}",
        ids,
        status,
        status,
        kind,
        kind,
        min(max(limit, 1), 200),
    )
    if actor.kind == "staff":
        rows = [r for r in rows if r["institution_id"] == actor.institution_id]
    return await views(rows)


async def views(rows: list[dict[str, Any]]) -> list[OrderView]:
    from yiqiao.billing.service.queries import order_views

    return await order_views(rows)
