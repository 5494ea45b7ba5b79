"""What an order pays for, and what paying (or closing) it does there.

An order may name a subject (``subject_type``, ``subject_id``): an appointment's registration fee,
an admission's deposit ... Each subject type registers its handlers here, as dotted names (so this
module imports no other context):

- ``on_paid(actor, subject_id)`` runs inside the payment's transaction, once, when the order
  becomes paid. Raising ``Conflict`` there means "this cannot be paid any more" (the booking's
  hold lapsed, say): the payment still counts, and the order is refunded in full at once.
- ``on_closed(actor, subject_id)`` runs inside the transaction that closes an unpaid order.

Other contexts add their subject types by adding a line to ``SUBJECTS``."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec

from yiqiao.kit.actor import Actor

SubjectHook = Callable[[Actor, str], Awaitable[Any]]


class Subject(msgspec.Struct, frozen=True, kw_only=True):
    on_paid: str | None = None  # "package.module.function"
    on_closed: str | None = None
    label: str = ""


SUBJECTS: dict[str, Subject] = {
    "appointment": Subject(on_paid="yiqiao.billing.subjects.appointment_paid", label="预约挂号"),
    # Inpatient money (billing.service.deposits / inpatient): a top-up counts for its stay at once;
    # the discharge order settles the stay, and closing it unpaid lets the patient settle again.
    "inpatient_deposit": Subject(on_paid="yiqiao.billing.service.deposits.deposit_paid", label="住院预交金"),
    "admission": Subject(
        on_paid="yiqiao.billing.service.inpatient.discharge_paid",
        on_closed="yiqiao.billing.service.inpatient.discharge_closed",
        label="出院结算",
    ),
}


def _resolve(dotted: str) -> SubjectHook:
    module, _, name = dotted.rpartition(".")
    fn: SubjectHook = getattr(importlib.import_module(module), name)
    return fn


async def paid(actor: Actor, subject_type: str | None, subject_id: str | None) -> None:
    if subject_type is None or subject_id is None:
        return
    subject = SUBJECTS.get(subject_type)
    if subject is not None and subject.on_paid:
        await _resolve(subject.on_paid)(actor, subject_id)


async def closed(actor: Actor, subject_type: str | None, subject_id: str | None) -> None:
    if subject_type is None or subject_id is None:
        return
    subject = SUBJECTS.get(subject_type)
    if subject is not None and subject.on_closed:
        await _resolve(subject.on_closed)(actor, subject_id)


async def appointment_paid(actor: Actor, subject_id: str) -> None:
    """The registration fee of a held booking is paid: the booking is confirmed. A booking that is
    no longer held (the hold lapsed, it was cancelled) raises Conflict: the fee goes back."""
    from yiqiao.scheduling.service import holds

    await holds.confirm_payment(actor, uuid.UUID(subject_id))
