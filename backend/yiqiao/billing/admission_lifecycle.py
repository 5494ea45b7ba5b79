"""An admission's money, as a state machine in one place (002 §2.1.1.2.3, .4, .7)::

    (from the HIS) ──▶ in_stay ──order_discharge──▶ discharge_ordered       (出院单 at the HIS)
    discharge_ordered | pre_settled ──pre_settle──▶ pre_settled             (出院预结算: charges,
                                        insurance share, deposits held and what is due are frozen;
                                        run again while nobody has started settling)
    pre_settled ──await_payment──▶ settling       (a 'discharge' order for the difference is open)
    pre_settled | settling ──await_refunds──▶ settling   (the remainder is going back to the
                                                          deposits' payment paths)
    settling ──reopen──▶ pre_settled              (the discharge order closed unpaid: settle again)
    pre_settled | settling ──settle──▶ settled    (paid, refunded, or nothing was due)
    in_stay | discharge_ordered | pre_settled | settling ──settle_offline──▶ settled
                                                  (the HIS closed the stay: settled at its window)

Deposits are taken while the stay is ``in_stay``, ``discharge_ordered`` or ``pre_settled``
(``TAKES_DEPOSITS``); a deposit paid later is refunded automatically (``billing.subjects``).

Every transition is one conditional UPDATE (two racing transitions cannot both apply) and one
audit entry, in the caller's transaction. The columns a transition may set are named in its row."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, NotFound

STATUSES = ("in_stay", "discharge_ordered", "pre_settled", "settling", "settled")
TAKES_DEPOSITS = ("in_stay", "discharge_ordered", "pre_settled")
OPEN = ("in_stay", "discharge_ordered", "pre_settled", "settling")


class Transition(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    target: str
    columns: tuple[str, ...] = ()  # the columns this transition may set besides the status


TRANSITIONS: dict[str, Transition] = {
    "order_discharge": Transition(("in_stay",), "discharge_ordered"),
    "pre_settle": Transition(
        ("discharge_ordered", "pre_settled"),
        "pre_settled",
        (
            "charges_fen",
            "insurance_fen",
            "self_pay_fen",
            "deposits_fen",
            "presettled_at",
            "insurance_pay_order_id",
            "insurance_uploads",
            "insurance_note",
        ),
    ),
    "await_payment": Transition(("pre_settled",), "settling", ("discharge_order_id",)),
    "await_refunds": Transition(("pre_settled", "settling"), "settling", ("refund_fen",)),
    "reopen": Transition(("settling",), "pre_settled", ("discharge_order_id",)),
    "settle": Transition(("pre_settled", "settling"), "settled", ("settled_at",)),
    "settle_offline": Transition(OPEN, "settled", ("settled_at",)),
}

STATUS_WORDS = {
    "in_stay": "in hospital",
    "discharge_ordered": "discharge ordered (waiting for the ward to verify the orders)",
    "pre_settled": "pre-settled (出院预结算): waiting for you to settle",
    "settling": "settling (waiting for the payment or the refund to finish)",
    "settled": "settled (出院结算 done)",
}


async def apply(
    actor: Actor,
    admission_id: uuid.UUID,
    name: str,
    *,
    reason: str = "",
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Apply transition ``name`` (setting ``values`` among its columns); raises Conflict when the
    admission is not in a source state."""
    t = TRANSITIONS[name]
    values = values or {}
    unknown = set(values) - set(t.columns)
    if unknown:
        raise ValueError(f"transition {name!r} does not set {sorted(unknown)}")
    cols = sorted(values)
    sets = "".join(f", {c} = {{}}" for c in cols)  # column names come from TRANSITIONS only
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE inpatient_admission a SET status = {}, status_reason = {}, updated_at = {}"  # noqa: S608
            + sets
            + " FROM (SELECT id, status AS old FROM inpatient_admission WHERE id = {} FOR UPDATE) o"
            " WHERE a.id = o.id AND o.old = ANY({}) RETURNING a.*, o.old",
            t.target,
            reason,
            clock.now(),
            *(values[c] for c in cols),
            admission_id,
            list(t.sources),
        )
        if not rows:
            now = await db.fetch("SELECT status FROM inpatient_admission WHERE id = {}", admission_id)
            if not now:
                raise NotFound("No such admission.", code="admission_not_found")
            status = now[0]["status"]
            raise Conflict(
                f"This stay is {STATUS_WORDS.get(status, status)}; the step {name!r} does not apply.",
                code="admission_wrong_state",
                status=status,
                transition=name,
            )
        row = rows[0]
        detail: dict[str, Any] = {
            "from": row["old"],
            "to": t.target,
            "reason": reason,
            "admission_no": row["admission_no"],
        }
        detail.update({c: str(values[c]) if isinstance(values[c], uuid.UUID) else values[c] for c in cols})
        detail.pop("presettled_at", None)
        detail.pop("settled_at", None)
        await audit.record(
            actor,
            f"inpatient_admission.{name}",
            "inpatient_admission",
            admission_id,
            detail,
            institution_id=row["institution_id"],
        )
        return row
