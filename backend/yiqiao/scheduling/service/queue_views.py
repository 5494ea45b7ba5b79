"""The queue as screens see it: one snapshot per session, turned into the patient's own status,
the clinic's queue list and the call board, and published to their WebSocket channels.

Board messages go to ``board:<institution>`` and ``board:<department>`` and carry masked names and
ticket numbers only. Publishing is best effort after the change has committed: a screen that
missed a message reloads its snapshot over HTTP."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.identity.service import directory
from yiqiao.identity.service.names import masked_names
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, NotFound
from yiqiao.scheduling import queue
from yiqiao.scheduling.queue_types import (
    BoardLine,
    BoardView,
    QueueEntryView,
    QueueStatusView,
    QueueView,
)
from yiqiao.scheduling.views import band_label, local_stamp
from yiqiao.settings import get_settings

BOARD_NEXT = 5

_SESSION = (
    "SELECT s.id, s.doctor_id, s.department_id, s.institution_id, s.day, s.session, s.starts_at,"
    " s.ends_at, d.name AS doctor_name, coalesce(r.room, '') AS room"
    " FROM schedule s JOIN doctor_profile d ON d.staff_id = s.doctor_id"
    " LEFT JOIN queue_room r ON r.schedule_id = s.id WHERE s.id = {}"
)
_ENTRIES = (
    "SELECT q.*, a.status, a.booking_no, a.band_start, a.band_end FROM queue_entry q"
    " JOIN appointment a ON a.id = q.appointment_id WHERE q.schedule_id = {}"
)


@dataclasses.dataclass(frozen=True)
class Entry:
    row: dict[str, Any]

    @property
    def lane(self) -> int:
        lane: int = self.row["lane"]
        return lane

    @property
    def sort_at(self) -> dt.datetime:
        at: dt.datetime = self.row["sort_at"]
        return at

    @property
    def seq(self) -> Decimal:
        seq: Decimal = self.row["seq"]
        return seq


@dataclasses.dataclass(frozen=True)
class Snapshot:
    session: dict[str, Any]
    department_name: str
    waiting: list[Entry]  # in calling order
    calling: list[Entry]
    passed: list[Entry]
    completed: list[Entry]

    @property
    def per_patient_minutes(self) -> float:
        durations = [
            (e.row["finished_at"] - e.row["called_at"]).total_seconds()
            for e in sorted(self.completed, key=lambda e: e.row["finished_at"])
            if e.row["called_at"] is not None
        ]
        return queue.average_consult_minutes(durations)

    def patients(self) -> list[uuid.UUID]:
        return [e.row["patient_id"] for e in (*self.calling, *self.waiting, *self.passed)]


def ticket_label(ticket_no: int | None) -> str:
    return f"{ticket_no:03d}" if ticket_no is not None else ""


async def session_row(schedule_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch(_SESSION, schedule_id)
    if not rows:
        raise NotFound("No such schedule.", code="schedule_not_found")
    return rows[0]


async def snapshot(schedule_id: uuid.UUID) -> Snapshot:
    s = await session_row(schedule_id)
    dept = await directory.department(s["department_id"])
    entries = [Entry(r) for r in await db.fetch(_ENTRIES, schedule_id)]
    by = {
        k: [e for e in entries if e.row["status"] == k]
        for k in ("checked_in", "called", "passed", "completed")
    }
    return Snapshot(
        session=s,
        department_name=dept.name if dept else "",
        waiting=queue.ordered(by["checked_in"]),
        calling=sorted(by["called"], key=lambda e: e.row["called_at"] or e.row["checked_in_at"]),
        passed=sorted(by["passed"], key=lambda e: e.row["passed_at"] or e.row["checked_in_at"]),
        completed=by["completed"],
    )


def checkin_opens_at(band_start: dt.datetime) -> dt.datetime:
    return band_start - dt.timedelta(minutes=get_settings().checkin_open_minutes)


def status_view(
    snap: Snapshot | None, a: dict[str, Any], doctor_name: str, department_name: str, room: str
) -> QueueStatusView:
    """``a`` is the appointment row; ``snap`` its session's snapshot once the patient checked in."""
    entry: Entry | None = None
    position = ahead = wait = None
    if snap is not None:
        for i, e in enumerate(snap.waiting):
            if e.row["appointment_id"] == a["id"]:
                entry, position, ahead = e, i + 1, i
                wait = queue.estimated_wait_minutes(i, bool(snap.calling), snap.per_patient_minutes)
        for e in (*snap.calling, *snap.passed, *snap.completed):
            if e.row["appointment_id"] == a["id"]:
                entry = e
    opens = checkin_opens_at(a["band_start"])
    return QueueStatusView(
        appointment_id=a["id"],
        booking_no=a["booking_no"],
        status=a["status"],
        ticket_no=entry.row["ticket_no"] if entry else None,
        ticket_label=ticket_label(entry.row["ticket_no"] if entry else None),
        position=position,
        ahead=ahead,
        estimated_wait_minutes=wait,
        room=room,
        doctor_name=doctor_name,
        department_name=department_name,
        band_local=f"{clock.local(a['band_start']):%Y-%m-%d} {band_label(a['band_start'], a['band_end'])}",
        checked_in_at=entry.row["checked_in_at"] if entry else None,
        checkin_opens_at=opens,
        checkin_opens_local=local_stamp(opens),
    )


def _entry_view(e: Entry, names: dict[uuid.UUID, str]) -> QueueEntryView:
    r = e.row
    return QueueEntryView(
        appointment_id=r["appointment_id"],
        ticket_no=r["ticket_no"],
        ticket_label=ticket_label(r["ticket_no"]),
        name_masked=names.get(r["patient_id"], ""),
        status=r["status"],
        priority_reason=r["priority_reason"],
        checked_in_via=r["checked_in_via"],
        checked_in_local=local_stamp(r["checked_in_at"]),
        call_count=r["call_count"],
        band_local=band_label(r["band_start"], r["band_end"]),
    )


async def queue_view(snap: Snapshot) -> QueueView:
    names = await masked_names(snap.patients())
    s = snap.session
    return QueueView(
        schedule_id=s["id"],
        doctor_id=s["doctor_id"],
        doctor_name=s["doctor_name"],
        department_id=s["department_id"],
        department_name=snap.department_name,
        room=s["room"],
        day=s["day"],
        session=s["session"],
        calling=[_entry_view(e, names) for e in snap.calling],
        waiting=[_entry_view(e, names) for e in snap.waiting],
        passed=[_entry_view(e, names) for e in snap.passed],
        completed=len(snap.completed),
        average_consult_minutes=round(snap.per_patient_minutes, 1),
    )


def board_view(snap: Snapshot, names: dict[uuid.UUID, str]) -> BoardView:
    def line(e: Entry) -> BoardLine:
        return BoardLine(
            ticket_label=ticket_label(e.row["ticket_no"]), name_masked=names.get(e.row["patient_id"], "")
        )

    s = snap.session
    return BoardView(
        schedule_id=s["id"],
        department_id=s["department_id"],
        department_name=snap.department_name,
        doctor_name=s["doctor_name"],
        room=s["room"],
        calling=[line(e) for e in snap.calling],
        next=[line(e) for e in snap.waiting[:BOARD_NEXT]],
        waiting_count=len(snap.waiting),
    )


async def publish(schedule_id: uuid.UUID) -> None:
    """Send every patient in the session their place, and the boards the new picture."""
    snap = await snapshot(schedule_id)
    names = await masked_names(snap.patients())
    s = snap.session
    board = msgspec.to_builtins(board_view(snap, names))
    messages: list[tuple[str, str, dict[str, Any]]] = [
        (realtime.channel("board", s["institution_id"]), "queue.board", board),
        (realtime.channel("board", s["department_id"]), "queue.board", board),
    ]
    for e in (*snap.calling, *snap.waiting, *snap.passed):
        a = {**e.row, "id": e.row["appointment_id"]}
        view = status_view(snap, a, s["doctor_name"], snap.department_name, s["room"])
        messages.append(
            (realtime.channel("patient", e.row["patient_id"]), "queue.position", msgspec.to_builtins(view))
        )
    await realtime.publish_many(messages)


async def boards_today(actor: Actor) -> list[BoardView]:
    """The call boards a kiosk or TV shows now: today's open sessions of its department, or of its
    institution when it belongs to no department (masked names only)."""
    if actor.kind != "kiosk" or actor.institution_id is None:
        raise Forbidden("Call boards are for the institution's kiosks and TVs.", code="not_a_board")
    rows = await db.fetch(
        "SELECT id FROM schedule WHERE day = {} AND status = 'open' AND institution_id = {}"
        " AND ({}::uuid IS NULL OR department_id = {}) ORDER BY department_id, starts_at",
        clock.local(clock.now()).date(),
        actor.institution_id,
        actor.department_id,
        actor.department_id,
    )
    out: list[BoardView] = []
    for r in rows:
        snap = await snapshot(r["id"])
        out.append(board_view(snap, await masked_names(snap.patients())))
    return out


def board_channels(actor: Actor) -> list[str]:
    """The board channel a kiosk or TV listens to: its department's, else its institution's."""
    if actor.department_id is not None:
        return [realtime.channel("board", actor.department_id)]
    if actor.institution_id is not None:
        return [realtime.channel("board", actor.institution_id)]
    return []
